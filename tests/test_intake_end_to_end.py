"""A reader comments through the real form: `make serve` (site and intake), Chromium, the
moderation commands, the rebuild, and the comments in place under their parents."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.browser import DESKTOP, Visit
from tests.checkers import axe_violations
from tests.conftest import free_port
from tests.sitebuild import ROOT

pytestmark = pytest.mark.slow

POST = "/2013/11/mexican-asylum-grant-rate-fy2012/"
PARENT = "tom-weak-claims"


def wait_for(url, process, log, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"make serve stopped:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"{url} did not answer:\n{log.read_text()}")


@pytest.fixture
def preview(tmp_path):
    """`make serve` on free ports, on a copy of the content, with its own queue and cache."""
    content, output, cache = tmp_path / "content", tmp_path / "output", tmp_path / "cache"
    shutil.copytree(ROOT / "content", content)
    site_port, intake_port = free_port(), free_port()
    site, intake = f"http://127.0.0.1:{site_port}", f"http://127.0.0.1:{intake_port}"
    # Make passes SETTINGS to the shell: each value is JSON inside single quotes.
    extra = f"""CACHE_PATH='"{cache}"' COMMENTS_FLOOD_SECONDS=0"""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COMMENTS_", "MAKE"))}
    env["COMMENTS_DB"] = str(tmp_path / "queue.sqlite3")
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            ["make", "serve", f"INPUTDIR={content}", f"OUTPUTDIR={output}", f"PORT={site_port}",
             f"COMMENTS_PORT={intake_port}", f"SETTINGS={extra}"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_for(f"{intake}/health", process, log)
        wait_for(f"{site}/", process, log)
        yield {"site": site, "intake": intake, "content": content, "output": output,
               "cache": cache, "env": env, "process": process, "log": log}
    finally:
        # Ctrl-C, as a person stops it: the whole group gets SIGINT.
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                raise
        # Both servers went with it: nothing answers on either port.
        for url in (site, intake):
            with pytest.raises(OSError):
                urllib.request.urlopen(url, timeout=2)


def comments(preview, *args):
    """Run the `comments` command as a moderator would, on the preview's site and queue."""
    settings = {"PATH": str(preview["content"]), "OUTPUT_PATH": str(preview["output"]),
                "SITEURL": preview["site"], "FEED_DOMAIN": preview["site"],
                "COMMENTS_ENDPOINT": f"{preview['intake']}/comments",
                "COMMENTS_ON_APPROVE": " ".join([
                    str(ROOT / ".venv/bin/pelican"), str(preview["content"]), "-o",
                    str(preview["output"]), "-s", "pelicanconf.py", "--fatal", "warnings", "-e",
                    f"'SITEURL=\"{preview['site']}\"'", f"'FEED_DOMAIN=\"{preview['site']}\"'",
                    f"'COMMENTS_ENDPOINT=\"{preview['intake']}/comments\"'",
                    f"'CACHE_PATH=\"{preview['cache']}\"'"])}
    extra = [part for key, value in settings.items() for part in ("-e", f"{key}={json.dumps(value)}")]
    return subprocess.run([sys.executable, "-m", "comment_service.cli", "-s", "pelicanconf.py",
                           *extra, *args], cwd=ROOT, env=preview["env"], capture_output=True,
                          text=True, check=False)


def submit(page, name, text):
    page.fill("#comment-name", name)
    page.fill("#comment-body", text)
    with page.expect_navigation():
        page.click("button.comment-form__submit")


def test_a_reader_comments_and_replies_and_the_moderator_publishes_both(preview, browser,
                                                                          artifacts):
    visit = Visit(browser, preview["site"] + POST)
    try:
        page = visit.page
        assert page.get_attribute("#comment-form", "action") == f"{preview['intake']}/comments"
        submit(page, "Nadia R.", "Are the FY 2013 figures out yet?")
        assert page.url.startswith(f"{preview['intake']}/comments/received")
        assert "awaiting moderation" in page.locator("h1").inner_text()
        page.screenshot(path=artifacts / "intake-received.png", full_page=True)
        with page.expect_navigation():
            page.click("text=Back to")
        assert page.url.startswith(preview["site"] + POST)

        # The Reply link fills "In reply to", says whom, and moves focus to the text.
        page.click(f".comment__reply[data-replyto='{PARENT}']")
        assert page.input_value("#comment-replyto") == PARENT
        assert page.evaluate("document.activeElement.id") == "comment-body"
        assert page.inner_text("#comment-replying") == "Replying to Tom K."
        page.screenshot(path=artifacts / "intake-replying.png")
        submit(page, "Omar S.", "Tom, the denial rate counts decisions, not claims.")
        assert "awaiting moderation" in page.locator("h1").inner_text()
        assert visit.problems() == []
    finally:
        visit.close()

    listed = comments(preview, "pending", "--json")
    assert listed.returncode == 0, listed.stderr
    pending = json.loads(listed.stdout)
    assert [(p["author"], p["replyto"], p["post"]) for p in pending] == [
        ("Nadia R.", None, "mexican-asylum-grant-rate-fy2012"),
        ("Omar S.", PARENT, "mexican-asylum-grant-rate-fy2012"),
    ]
    text = comments(preview, "pending").stdout
    assert "Nadia R." in text and f"reply to {PARENT}" in text

    approved = comments(preview, "approve", *(str(p["id"]) for p in pending), "--build")
    assert approved.returncode == 0, approved.stdout + approved.stderr
    assert comments(preview, "pending").stdout.startswith("Nothing awaits moderation.")
    files = sorted(p.name for p in (preview["content"] / "comments/mexican-asylum-grant-rate-fy2012")
                   .glob("*.md") if p.stem in ("nadia-r", "omar-s"))
    assert files == ["nadia-r.md", "omar-s.md"]

    visit = Visit(browser, preview["site"] + POST + "#comment-omar-s")
    try:
        page = visit.page
        top = page.locator("#comments > ol.comment-list > li > article#comment-nadia-r")
        assert top.count() == 1
        reply = page.locator(f"#comment-{PARENT} ~ ol.comment-list--replies > li > "
                             "article#comment-omar-s")
        assert reply.count() == 1
        assert "Tom, the denial rate counts decisions" in reply.inner_text()
        assert reply.is_visible() and page.evaluate("location.hash") == "#comment-omar-s"
        assert page.locator(f"#comment-omar-s .comment__context a[href='#comment-{PARENT}']").count() == 1
        page.screenshot(path=artifacts / "intake-published.png", full_page=True)
        assert visit.problems() == []
    finally:
        visit.close()


def test_the_service_pages_pass_axe_and_a_refusal_keeps_the_text(preview, browser):
    # The service's pages forbid inline scripts (Content-Security-Policy), so
    # axe-core is let in by the browser context, as a person's extension would be.
    context = browser.new_context(viewport=DESKTOP, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(preview["site"] + POST)
        submit(page, "Nadia R.", "Is the FY 2013 table out?")
        assert "awaiting moderation" in page.locator("h1").inner_text()
        assert axe_violations(page) == []
        page.goto(preview["site"] + POST)
        submit(page, "Nadia R.", "Is the FY 2013 table out?")  # the same again: refused
        assert page.locator("h1").inner_text() == "Your comment was not sent"
        assert "already received" in page.locator("main").inner_text()
        assert page.input_value("#kept") == "Is the FY 2013 table out?"
        assert axe_violations(page) == []
    finally:
        context.close()
