"""Preview anywhere: `make serve` at any port, a build opened from disk, the 404 page with its status."""

import os
import re
import shutil
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from pelican.plugins.site_common.preview import QuietPreviewHandler, make_server, parse_arguments
from tests.browser import Visit
from tests.conftest import free_port
from tests.sitebuild import ROOT, write_tree

POST = "/2013/11/mexican-asylum-grant-rate-fy2012/"

# Whether the theme's rules apply: the skip link sits off-screen and the body
# has the theme's typeface only when main.css has loaded.
UNSTYLED = """() => {
  const found = [];
  if (getComputedStyle(document.querySelector('.skip-link')).position !== 'absolute')
    found.push('the skip link is not positioned');
  if (!getComputedStyle(document.body).fontFamily.includes('Charter'))
    found.push('the body is not in the theme typeface');
  return found;
}"""


def fetch(url, method="GET"):
    """(status, body) of a request; error statuses are answers too."""
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method=method)) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture
def preview(tmp_path):
    """Our preview server on a free port, over a small folder."""
    site = write_tree(tmp_path / "site", {
        "index.html": "<p>home</p>",
        "404.html": "<title>Page not found</title><p>not here</p>",
        "folder/note.txt": "no index here",
    })
    server = make_server(site, "127.0.0.1", 0, QuietPreviewHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_missing_page_gets_the_sites_404_page_and_status(preview):
    site, url = preview
    assert fetch(url + "/") == (200, b"<p>home</p>")
    status, body = fetch(url + "/2099/01/no-such-post/")
    assert (status, body) == (404, (site / "404.html").read_bytes())
    assert fetch(url + "/gone.html", method="HEAD") == (404, b"")


def test_a_folder_without_index_is_missing_not_listed(preview):
    _site, url = preview
    status, body = fetch(url + "/folder/")
    assert status == 404 and b"note.txt" not in body


def test_without_a_404_page_the_answer_is_still_404(preview):
    site, url = preview
    (site / "404.html").unlink()
    status, body = fetch(url + "/nothing/")
    assert status == 404 and b"404" in body


def test_a_command_after_the_double_dash_runs_beside_the_server():
    arguments = parse_arguments(["--port", "9", "--", "pelican", "-r", "content"])
    assert (arguments.port, arguments.command) == (9, ["pelican", "-r", "content"])
    assert parse_arguments([]).command == []


def make_dry_run(*arguments):
    """The commands `make` would run, without running them."""
    return subprocess.run(["make", "-n", *arguments], cwd=ROOT, capture_output=True,
                          text=True, check=True).stdout


def test_serve_builds_for_the_address_it_serves():
    commands = make_dry_run("serve", "HOST=127.0.0.1", "PORT=8123", "COMMENTS_PORT=8124")
    assert "SITEURL='\"http://127.0.0.1:8123\"'" in commands
    assert "--host 127.0.0.1 --port 8123 --directory" in commands
    assert "COMMENTS_ENDPOINT='\"http://127.0.0.1:8124/comments\"'" in commands
    # Every network: the pages and the form name this machine's address, never 0.0.0.0.
    everywhere = make_dry_run("devserver", "HOST=0.0.0.0", "PORT=8125", "COMMENTS_PORT=8126")
    assert "--host 0.0.0.0 --port 8125 --directory" in everywhere
    assert "http://0.0.0.0" not in everywhere
    assert re.search(r"SITEURL='\"http://[\d.]+:8125\"'", everywhere)


@pytest.fixture(scope="module")
def make_serve(tmp_path_factory):
    """`make serve PORT=<free port>` as an author runs it, into a scratch output folder."""
    port = free_port()
    scratch = tmp_path_factory.mktemp("serve")
    output, log = scratch / "output", scratch / "serve.log"
    process = start_make("serve", port, log, f"OUTPUTDIR={output}")
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + "/", process, log)
        yield url, output
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def start_make(target, port, log, *variables):
    """`make <target> PORT=<port> ...` in its own process group, as a terminal would run it.

    The comment service it starts beside the site gets a free port too. Its
    output goes to the file `log`: a pipe nobody reads would fill with the
    server's request lines and stop it mid-test.
    """
    with open(log, "w") as handle:
        return subprocess.Popen(["make", target, f"PORT={port}", f"COMMENTS_PORT={free_port()}",
                                 *variables], cwd=ROOT,
                                stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)


def wait_for(url, process, log, seconds=300):
    deadline = time.monotonic() + seconds
    while fetch_quietly(url) != 200:
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"the server did not start:\n{log.read_text()}")
        time.sleep(0.5)


def fetch_quietly(url):
    try:
        return fetch(url)[0]
    except OSError:
        return None


def requests_elsewhere(visit, url):
    """Requests the page made to anything but the address it was served from."""
    served = urlsplit(url).netloc
    return [request for request in visit.requests
            if urlsplit(request).scheme != "data" and urlsplit(request).netloc != served]


@pytest.mark.slow
def test_make_serve_at_any_port_loads_a_post_whole(make_serve, browser, artifacts):
    url, _output = make_serve
    visit = Visit(browser, url + POST)
    try:
        visit.load_everything()
        visit.page.screenshot(path=artifacts / "make-serve-post.png", full_page=True)
        assert visit.response.status == 200
        assert visit.problems() == []
        assert visit.broken_images() == []
        assert visit.page.evaluate(UNSTYLED) == []
        assert requests_elsewhere(visit, url) == []
        assert len(visit.requests) > 5, "the post loaded none of its stylesheets and charts"
    finally:
        visit.close()


@pytest.mark.slow
def test_make_serve_answers_a_missing_page_with_the_styled_404_page(make_serve, browser):
    url, _output = make_serve
    visit = Visit(browser, url + "/2099/01/no-such-post/")
    try:
        visit.load_everything()
        assert visit.response.status == 404
        assert visit.page.locator("h1").inner_text().replace("\xa0", " ") == "Page not found"
        # The page's own status aside (which Chromium also logs to the
        # console), everything it needs loads, from any depth.
        assert [r for r in visit.failed_requests if "no-such-post" not in r] == []
        assert visit.page_errors == [] and visit.foreign_requests == []
        assert visit.page.evaluate(UNSTYLED) == []
        assert requests_elsewhere(visit, url) == []
    finally:
        visit.close()


def open_from_disk(browser, path):
    visit = Visit(browser, Path(path).as_uri())
    visit.page.wait_for_load_state("load")
    return visit


@pytest.mark.slow
def test_the_home_page_opened_from_disk_is_styled(sample_site, browser, artifacts):
    visit = open_from_disk(browser, sample_site.output / "index.html")
    try:
        visit.page.screenshot(path=artifacts / "home-from-disk.png", full_page=True)
        assert visit.page.evaluate(UNSTYLED) == []
        assert visit.failed_requests == []
    finally:
        visit.close()


@pytest.mark.slow
def test_a_post_opened_from_disk_shows_its_charts(sample_site, browser, artifacts):
    # The charts' files are linked beside the post, so they show wherever
    # the output is, as the page's stylesheets do.
    visit = open_from_disk(browser, sample_site.output / POST.strip("/") / "index.html")
    try:
        visit.load_everything()
        visit.page.screenshot(path=artifacts / "post-from-disk.png", full_page=True)
        charts = visit.page.locator("figure.chart img")
        assert charts.count() >= 1
        widths = charts.evaluate_all("imgs => imgs.map(img => img.naturalWidth)")
        assert all(width > 0 for width in widths), widths
        assert visit.failed_requests == [] and visit.broken_images() == []
    finally:
        visit.close()


@pytest.mark.slow
def test_the_styled_check_sees_a_page_whose_stylesheets_are_lost(sample_site, browser, tmp_path):
    # Negative control: root-relative links, as a build for one address would
    # have, point at the file system's root from disk.
    page = tmp_path / "index.html"
    page.write_text((sample_site.output / "index.html").read_text(encoding="utf-8")
                    .replace('href="./theme/', 'href="/theme/'), encoding="utf-8")
    visit = open_from_disk(browser, page)
    try:
        assert len(visit.page.evaluate(UNSTYLED)) == 2
        assert any("file:///theme/css/main.css" in failed for failed in visit.failed_requests)
    finally:
        visit.close()


@pytest.mark.slow
def test_make_devserver_rebuilds_a_changed_post_and_stops_its_rebuilder(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    output = tmp_path / "output"
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp_path / "devserver.log"
    process = start_make("devserver", port, log, f"INPUTDIR={content}", f"OUTPUTDIR={output}")
    try:
        wait_for(url + POST, process, log)
        assert fetch(url + "/no/such/page/")[0] == 404
        source = content / "posts" / "2013-11-20-mexican-asylum-grant-rate-fy2012.md"
        edited = source.read_text(encoding="utf-8").replace(
            "Title: Why Mexican", "Title: Edited: why Mexican", 1)
        deadline = time.monotonic() + 180
        while b"Edited: why Mexican" not in fetch(url + POST)[1]:
            assert time.monotonic() < deadline, f"the edit never reached the page:\n{log.read_text()}"
            # Pelican starts watching once its first build is written: an
            # edit saved before then goes unseen, so save it again, as an
            # author would, until the page shows it.
            source.write_text(edited, encoding="utf-8")
            time.sleep(5)
    finally:
        # Ctrl-C in a terminal: SIGINT to the foreground process group.
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=30)
    # The rebuilder ran in its own session; the server stopped it on the way out.
    still_running = subprocess.run(["pgrep", "-f", str(output)], capture_output=True, text=True).stdout
    assert still_running == "", log.read_text()
