"""Comments are written by strangers: a thread full of known XSS payloads, opened in Chromium, runs nothing.

Every payload goes in as a comment's body, its author's name and its
website. The page must then show the text without running any of it: no
dialog, no call to the xss() trap, no `pwned` global, no uncaught error,
and no request to a host other than the test server.
"""

from pathlib import Path

import pytest

import pelicanconf
from tests.browser import PHONE, Visit, horizontal_overflow, serve
from tests.conftest import free_port
from tests.sitebuild import ROOT, post, run_pelican, write_tree

pytestmark = pytest.mark.slow

PAYLOADS = [line for line in (Path(__file__).parent / "xss-payloads.txt").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("# ")]
SLUG = "hostile-comments"
# Installed before any page script: a payload that runs calls xss() or sets
# `pwned`, and the test reads both afterwards.
TRAP = "window.__xss_calls = 0; window.xss = () => { window.__xss_calls += 1; };"
# What a comment must never contain once rendered, whatever was written.
DANGEROUS_MARKUP = """root => {
  const found = [];
  for (const e of root.querySelectorAll('*')) {
    for (const a of e.attributes) {
      if (/^on/i.test(a.name)) found.push(`${e.tagName} ${a.name}`);
      if (/^\\s*(javascript|vbscript|data):/i.test(a.value)) found.push(`${e.tagName} ${a.name}=${a.value}`);
    }
    if (/^(SCRIPT|IFRAME|OBJECT|EMBED|BASE|META|LINK|STYLE|FORM|SVG|MATH|TEMPLATE)$/i.test(e.tagName)
        && !e.closest('form.comment-form')) found.push(e.tagName);
  }
  return found;
}"""


def comment_file(number, payload):
    lines = [f"Author: {payload}", "Date: 2014-04-10 03:53", f"Website: {payload}"]
    if number % 3 == 2:
        lines.append(f"Replyto: c{number - 1:03d}")
    return "\n".join(lines) + f"\n\n{payload}\n\nAnd once more, inline: {payload}\n"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    # Without the plugin no comment would be rendered and every check below
    # would pass having checked nothing.
    assert "pelican.plugins.comment_threads" in pelicanconf.PLUGINS
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    root = tmp_path_factory.mktemp("hostile")
    files = {f"posts/{SLUG}.md": post("Comments from strangers", date="2014-04-01 10:00", slug=SLUG),
             "extra/favicon.svg": (ROOT / "content" / "extra" / "favicon.svg").read_text(encoding="utf-8")}
    files |= {f"comments/{SLUG}/c{n:03d}.md": comment_file(n, p) for n, p in enumerate(PAYLOADS)}
    content = write_tree(root / "content", files)
    # Relaxed: a payload in the Website line is a mistake the strict build
    # would stop at; the relaxed build shows the comment without the link.
    build = run_pelican(content, root / "output", settings={"SITEURL": url, "FEED_DOMAIN": url},
                        strict=False)
    assert build.ok, build.log[-3000:]
    with serve(build.output, port):
        yield url


@pytest.fixture(scope="module")
def unsafe_page(tmp_path_factory):
    """A page that shows comments unsanitized, for the watch to catch."""
    port = free_port()
    with serve(write_tree(tmp_path_factory.mktemp("unsafe"), {"unsafe.html": UNSAFE_PAGE}), port) as url:
        yield f"{url}/unsafe.html"


def open_and_interact(browser, url):
    """Open a page, move over and focus everything in it, and give timers a moment."""
    shown = Visit(browser, url, init_script=TRAP)
    page = shown.page
    # Hover reaches handlers a payload may hide in (onmouseover, onmouseenter).
    for element in page.locator("[id^=comment-c] p, [id^=comment-c] a, .unsafe > *").all():
        if element.is_visible():
            element.hover(timeout=1000, force=True)
    page.wait_for_timeout(300)
    return shown


def symptoms(shown):
    """Everything that shows a payload ran or reached out, in one list."""
    found = shown.problems()
    calls = shown.page.evaluate("() => window.__xss_calls")
    if calls:
        found.append(f"xss() was called {calls} times")
    if shown.page.evaluate("() => 'pwned' in window"):
        found.append("a payload set window.pwned")
    return found


def test_payload_corpus_is_large_enough():
    assert len(PAYLOADS) >= 50
    assert len(set(PAYLOADS)) == len(PAYLOADS)


def test_hostile_comments_are_shown_as_text_and_run_nothing(browser, hostile_site):
    shown = open_and_interact(browser, f"{hostile_site}/2014/04/{SLUG}/")
    try:
        assert symptoms(shown) == []
        comments = shown.page.locator("[id^='comment-c']")
        assert comments.count() == len(PAYLOADS)
        assert shown.page.locator("#comments").evaluate(DANGEROUS_MARKUP) == []
        # The names were escaped, not dropped: each reads as the stranger typed it.
        for number, payload in enumerate(PAYLOADS):
            text = " ".join(shown.page.locator(f"#comment-c{number:03d}").inner_text().split())
            assert " ".join(payload.split()) in text, payload
    finally:
        shown.close()


UNSAFE_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Unsafe</title></head><body>
<section class="unsafe">
<p>An unsanitized comment:</p><script>xss()</script>
<img src="/no-such-image" onerror="alert('x')" alt="">
<img src="http://evil.example/pixel.png" alt="">
<p onmouseover="window.pwned = 1">hover me</p>
</section></body></html>"""


def test_the_watch_catches_a_payload_that_runs(browser, unsafe_page):
    shown = open_and_interact(browser, unsafe_page)
    try:
        found = "\n".join(symptoms(shown) + shown.broken_images())
    finally:
        shown.close()
    assert "xss() was called 1 times" in found
    assert "dialog opened: alert: x" in found
    assert "request to another host: http://evil.example/pixel.png" in found
    assert "a payload set window.pwned" in found
    assert "/no-such-image: HTTP 404" in found
    assert unsafe_page.replace("unsafe.html", "no-such-image") in found.splitlines()


# The relaxed build (`STRICT=0`, `make devserver`) is where the attack got
# through: files the strict build refuses were still published.
RELAXED_SLUG = "relaxed-hostile"
ZALGO = "Z" + "\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309" * 60
RELAXED_FILES = {
    'x" onmouseover="xss()" autofocus onfocus="xss()" y=".md': "Author: A\nDate: 2014-04-10 03:53\n\nBad name.\n",
    "zalgo.md": f"Author: {ZALGO[:50]}\nDate: 2014-04-10 04:00\n\n{ZALGO} {ZALGO}\n",
    "rtl.md": "Author: \u202eevil name\nDate: 2014-04-10 05:00\n\nRight to left.\n",
    "email.md": "Author: B\nDate: 2014-04-10 06:00\n\u200bEmail\uff1a leak@private.test\n\nHi\n",
    "control.md": "Author: C\x07\nDate: 2014-04-10 07:00\n\nBell \x07 and \uffff\n",
    "brackets.md": "Author: D\nDate: 2014-04-10 08:00\n\n" + "[" * 5000 + "\n",
    "script-prose.md": "Author: E\nDate: 2014-04-10 09:00\n\nIt loads with a <script> so copying fails. My point: it works.\n",
    "future.md": "Author: F\nDate: 9999-12-31 23:59\n\nPinned?\n",
}


@pytest.fixture(scope="module")
def relaxed_site(tmp_path_factory):
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    root = tmp_path_factory.mktemp("relaxed")
    files = {f"posts/{RELAXED_SLUG}.md": post("Relaxed build", date="2014-04-01 10:00", slug=RELAXED_SLUG),
             "extra/favicon.svg": (ROOT / "content" / "extra" / "favicon.svg").read_text(encoding="utf-8")}
    files |= {f"comments/{RELAXED_SLUG}/{name}": text for name, text in RELAXED_FILES.items()}
    content = write_tree(root / "content", files)
    build = run_pelican(content, root / "output", settings={"SITEURL": url, "FEED_DOMAIN": url}, strict=False)
    assert build.ok, build.log[-3000:]
    assert "Traceback" not in build.log
    with serve(build.output, port):
        yield url, build


def test_the_relaxed_build_publishes_no_trick(browser, relaxed_site):
    url, build = relaxed_site
    written = "\n".join(p.read_text(encoding="utf-8", errors="replace")
                         for p in build.output.rglob("*") if p.is_file())
    assert "leak@private.test" not in written and "onmouseover" not in written
    assert "My point: it works." in written
    for viewport in (None, PHONE):
        shown = Visit(browser, f"{url}/2014/04/{RELAXED_SLUG}/", init_script=TRAP,
                      **({"viewport": viewport} if viewport else {}))
        try:
            page = shown.page
            for element in page.locator("#comments a, #comments p").all():
                if element.is_visible():
                    element.hover(timeout=1000, force=True)
            assert symptoms(shown) == []
            assert page.locator("#comments").evaluate(DANGEROUS_MARKUP) == []
            ids = page.locator("article.comment").evaluate_all("els => els.map(e => e.id)")
            assert ids[-1] == "comment-future"  # not pinned first
            assert len(ids) == len(RELAXED_FILES) - 1  # the bad file name is not shown
            if viewport:
                assert horizontal_overflow(page) == []
        finally:
            shown.close()
