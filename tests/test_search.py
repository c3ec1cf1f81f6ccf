"""The search page as readers use it: queries typed into Chromium against the sample site's Pagefind index."""

import gzip
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from urllib.parse import quote

import pytest

from tests.browser import PHONE, Visit, contrast, horizontal_overflow
from tests.checkers import axe_violations
from tests.conftest import free_port
from tests.sitebuild import ROOT, run_pelican

pytestmark = pytest.mark.slow

SEARCH = "/search/"
RESULTS = """() => [...document.querySelectorAll('.search-result')].map(item => ({
  title: item.querySelector('h2 a').textContent,
  href: item.querySelector('h2 a').href,
  meta: item.querySelector('.search-result__meta')?.textContent || '',
  excerpt: item.querySelector('.search-result__excerpt').textContent,
  marks: [...item.querySelectorAll('mark')].map(mark => mark.textContent),
}))"""


@pytest.fixture
def opened(browser):
    pages = []

    def open_page(url, **options):
        pages.append(Visit(browser, url, **options))
        return pages[-1]

    yield open_page
    for page in pages:
        page.close()


def status(page):
    return page.locator(".search-status").inner_text()


def wait_for_answer(page, words):
    """Until the status line reports on `words` (a search is done, found or not)."""
    page.wait_for_function(
        """words => { const text = document.querySelector('.search-status').textContent;
                      return text.includes(words) && !text.startsWith('Searching'); }""",
        arg=words, timeout=15000)


def search(page, words, *, typed=False):
    """Type `words` into the search page's field as a reader would; the results shown."""
    field = page.locator("#search-query")
    field.fill("")
    if typed:
        field.press_sequentially(words, delay=20)
    else:
        field.fill(words)
        field.press("Enter")
    wait_for_answer(page, f"\u201c{words.strip(chr(34))}\u201d")
    return page.evaluate(RESULTS)


def paths(results):
    return [r["href"].split("://", 1)[1].split("/", 1)[1] for r in results]


def test_a_title_word_finds_its_post_first_with_date_category_and_highlight(opened, served_site):
    page = opened(served_site + SEARCH).page
    results = search(page, "disagree", typed=True)
    first = results[0]
    assert first["title"].replace("\xa0", " ") == "337 or 301? When two sources disagree about the same year"
    assert first["href"] == f"{served_site}/2014/01/337-or-301/"
    assert first["meta"] == "January 15, 2014 \u00b7 Data and Sources"
    assert "disagree" in [m.lower() for m in first["marks"]]
    assert status(page) == f"{len(results)} posts for \u201cdisagree\u201d."
    assert "?q=disagree" in page.url, "the address does not keep the query"


def test_a_word_only_in_a_charts_data_table_is_found(opened, served_site):
    post = "2019/05/fy2015-affirmative-grants/"
    article = opened(f"{served_site}/{post}").page
    # Ethiopia is named only in the chart: its data table (and the image's alt text).
    outside = article.evaluate("""() => { const body = document.querySelector('.post-body').cloneNode(true);
        body.querySelectorAll('figure.chart').forEach(f => f.remove()); return body.textContent; }""")
    assert "Ethiopia" not in outside
    assert "Ethiopia" in article.locator("figure.chart details table").text_content()
    page = opened(served_site + SEARCH).page
    results = search(page, "Ethiopia")
    assert paths(results) == [post]
    assert "Ethiopia" in results[0]["marks"]


def test_an_accented_word_is_found_typed_without_its_accent(opened, served_site):
    page = opened(served_site + SEARCH).page
    results = search(page, "miedo creible")
    assert paths(results) == ["2012/07/affirmative-or-defensive/"]
    assert any(m.startswith("creíble") for m in results[0]["marks"])


def test_a_quoted_phrase_finds_only_the_words_together(opened, served_site):
    page = opened(served_site + SEARCH).page
    loose = paths(search(page, "two roads"))
    phrase_results = search(page, '"two roads"')
    assert status(page) == f"{len(phrase_results)} posts for the phrase \u201ctwo roads\u201d."
    phrase = paths(phrase_results)
    assert phrase and set(phrase) < set(loose), (phrase, loose)
    for result in phrase_results:
        assert "two roads" in " ".join(result["marks"]).lower()


def test_no_results_says_so_and_offers_a_way_on(opened, served_site):
    page = opened(served_site + SEARCH).page
    assert search(page, "xylophone") == []
    assert status(page) == "Nothing found for \u201cxylophone\u201d."
    help_text = page.locator(".search-help")
    assert help_text.is_visible()
    assert help_text.get_by_role("link", name="archives").evaluate("a => a.href") == f"{served_site}/archives/"


def test_category_and_year_filters_narrow_the_results(opened, served_site):
    page = opened(served_site + SEARCH).page
    everything = search(page, "asylum")
    page.select_option("#search-category", "Immigration Court")
    wait_for_answer(page, "in Immigration Court")
    court = page.evaluate(RESULTS)
    assert 0 < len(court) < len(everything)
    assert all(r["meta"].endswith("\u00b7 Immigration Court") for r in court)
    assert set(paths(court)) == {"2013/11/mexican-asylum-grant-rate-fy2012/", "2013/01/trac-record-year/"}
    assert "category=Immigration+Court" in page.url
    page.select_option("#search-category", "")
    page.select_option("#search-year", "2019")
    wait_for_answer(page, "from 2019")
    assert paths(page.evaluate(RESULTS)) == ["2019/05/fy2015-affirmative-grants/"]
    # Newest first, with no words at all: every post of a topic, by date.
    page.select_option("#search-year", "")
    page.select_option("#search-category", "Immigration Court")
    page.select_option("#search-sort", "newest")
    page.locator("#search-query").fill("")
    page.locator("#search-query").press("Enter")
    wait_for_answer(page, "in Immigration Court")
    assert paths(page.evaluate(RESULTS)) == [
        "2013/11/mexican-asylum-grant-rate-fy2012/", "2013/01/trac-record-year/"]
    page.select_option("#search-sort", "oldest")
    # The list is redrawn: between two drawings there may be no result at all.
    page.wait_for_function(
        "() => document.querySelector('.search-result a')?.href.includes('/2013/01/') ?? false")
    assert paths(page.evaluate(RESULTS)) == [
        "2013/01/trac-record-year/", "2013/11/mexican-asylum-grant-rate-fy2012/"]


def test_the_header_box_searches_from_any_page_by_keyboard(opened, served_site):
    page = opened(served_site + "/").page
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "site-search-q":
            break
    else:
        pytest.fail("Tab never reached the header's search box")
    page.keyboard.type("Honduras")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{served_site}/search/?q=Honduras")
    wait_for_answer(page, "\u201cHonduras\u201d")
    assert page.locator("#search-query").input_value() == "Honduras"
    assert len(page.evaluate(RESULTS)) >= 3
    # On from the field, the keyboard reaches the results.
    page.locator("#search-query").focus()
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('.search-result')"):
            break
    else:
        pytest.fail("Tab never reached a result")


def test_without_javascript_the_header_search_leads_to_the_archives(browser, served_site):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(served_site + "/")
        page.locator("#site-search-q").fill("Honduras")
        page.locator("#site-search-q").press("Enter")
        page.wait_for_load_state()
        assert page.url == f"{served_site}/search/?q=Honduras"
        assert not page.locator(".search-form").is_visible(), "a search form that cannot search"
        note = page.locator(".search-noscript")
        assert "needs JavaScript" in note.inner_text()
        note.get_by_role("link", name="archives").click()
        assert page.url == f"{served_site}/archives/"
        assert page.locator("h1").inner_text() == "Archives"
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_page_with_results_is_accessible_and_readable(opened, served_site, artifacts, scheme):
    shown = opened(served_site + SEARCH + "?q=Honduras", color_scheme=scheme)
    wait_for_answer(shown.page, "\u201cHonduras\u201d")
    shown.page.screenshot(path=artifacts / f"search-{scheme}.png", full_page=True)
    assert shown.problems() == []
    assert axe_violations(shown.page) == []
    for selector in [".search-result a", ".search-result__meta", ".search-result__excerpt",
                     ".search-result mark", ".search-form__hint", ".search-status"]:
        elements = [e for e in shown.page.locator(selector).all()[:10] if e.is_visible()]
        assert elements, f"no visible {selector} on the results page"
        for element in elements:
            ratio = contrast(element)["ratio"]
            assert ratio >= 4.5, f"{selector} {element.inner_text()[:40]!r}: contrast {ratio:.2f}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_results_page_is_accessible(opened, served_site, scheme):
    shown = opened(served_site + SEARCH + "?q=xylophone", color_scheme=scheme)
    wait_for_answer(shown.page, "\u201cxylophone\u201d")
    assert axe_violations(shown.page) == []


def test_search_page_fits_a_phone(opened, served_site, artifacts):
    shown = opened(served_site + SEARCH + "?q=Honduras", viewport=PHONE)
    wait_for_answer(shown.page, "\u201cHonduras\u201d")
    shown.page.screenshot(path=artifacts / "search-phone.png", full_page=True)
    assert horizontal_overflow(shown.page) == []


HOSTILE = "<svg/onload=window.hacked=1><img/src=x/onerror=window.hacked=2>"


def _poisoned(route):
    """The fragment as served, with markup glued to every 'Honduras' in its text."""
    response = route.fetch()
    data = gzip.decompress(response.body())
    prefix, document = data[:12], json.loads(data[12:])
    document["content"] = document["content"].replace("Honduras", "Honduras" + HOSTILE)
    route.fulfill(response=response, body=gzip.compress(prefix + json.dumps(document).encode()))


def test_excerpts_are_shown_as_text_whatever_the_index_holds(opened, served_site):
    shown = opened("about:blank")
    shown.page.route("**/pagefind/fragment/*", _poisoned)
    shown.page.goto(served_site + SEARCH + "?q=Honduras")
    wait_for_answer(shown.page, "\u201cHonduras\u201d")
    results = shown.page.evaluate(RESULTS)
    assert any(HOSTILE in r["excerpt"] for r in results), "the altered fragments were not used"
    assert shown.page.evaluate("() => window.hacked") is None
    assert shown.page.locator(".search-results svg, .search-results img").count() == 0


# The site on a subpath, served by Pelican's own server, as `make serve` runs it.

@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory):
    port = free_port()
    root = tmp_path_factory.mktemp("subpath")
    site_url = f"http://127.0.0.1:{port}/blog"
    build = run_pelican(ROOT / "content", root / "blog", settings={
        "SITEURL": site_url, "FEED_DOMAIN": site_url, "SEARCH_RESULTS_PER_PAGE": 2})
    if not build.ok:
        pytest.fail(f"the sample site does not build under /blog:\n{build.log}")
    server = subprocess.Popen(
        [sys.executable, "-m", "pelican", "--listen", "-o", str(root), "-b", "127.0.0.1", "-p", str(port)],
        cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{site_url}/search/", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield site_url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


def test_search_works_on_a_subpath_under_pelicans_server(opened, subpath_site):
    shown = opened(f"{subpath_site}/search/?q={quote('asylum')}")
    page = shown.page
    wait_for_answer(page, "\u201casylum\u201d")
    results = page.evaluate(RESULTS)
    assert len(results) == 2, "SEARCH_RESULTS_PER_PAGE is 2"
    assert all(r["href"].startswith(f"{subpath_site}/") for r in results)
    more = page.get_by_role("button", name="Show more results")
    more.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('.search-result').length === 4")
    assert page.evaluate("() => document.activeElement.href") == page.evaluate(RESULTS)[2]["href"], \
        "focus did not move to the first new result"
    page.locator(".search-result a").first.click()
    page.wait_for_load_state()
    assert page.url == results[0]["href"]
    assert shown.problems() == []
