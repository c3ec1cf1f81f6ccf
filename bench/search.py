"""Search in the benchmark: the index's size, what a reader downloads for a query, and indexing time.

Indexing is timed on its own, from the pages of a finished build: Pagefind
run cold on every searchable page (what a build does after a post changes),
and the check a build makes when nothing changed (reading and hashing those
pages). The download is measured in Chromium: the search page is opened, a
query is typed, and every byte the browser fetches from the index is added up
once the results are on screen.
"""

import mimetypes
import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from pelican.plugins.search import bundle

# One word and one phrase a reader of an asylum blog would type.
QUERIES = ("Honduras", '"particular social group"')
# What the pages link to (pelicanconf's SITEURL); requests to it are answered
# from the output folder, so nothing listens on that port during the benchmark.
SITE_URL = "http://127.0.0.1:8000"


@dataclass
class SearchResult:
    pages: int
    index_files: int
    index_bytes: int
    index_seconds: float
    check_seconds: float
    queries: dict = field(default_factory=dict)  # query: {"results", "bytes", "requests"}
    browser: str = ""  # why the download was not measured, when it was not


def _pages(output):
    html = [p for p in Path(output).rglob("*.html") if "pagefind" not in p.parts]
    return bundle.searchable_pages(output, html)


def time_indexing(output, repetitions):
    """(median seconds of a cold Pagefind run, of the unchanged-build check, pages, files, bytes)."""
    pages = _pages(output)
    index_runs, check_runs = [], []
    work = Path(tempfile.mkdtemp(prefix="search-bench-"))
    try:
        for number in range(repetitions):
            started = time.perf_counter()
            bundle.build(pages, work / f"bundle-{number}")
            index_runs.append(time.perf_counter() - started)
            started = time.perf_counter()
            bundle.cache_key(_pages(output))
            check_runs.append(time.perf_counter() - started)
        files = [p for p in (work / "bundle-0").rglob("*") if p.is_file()]
        return (statistics.median(index_runs), statistics.median(check_runs), len(pages),
                len(files), sum(p.stat().st_size for p in files))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _answer_from(output):
    def answer(route):
        path = Path(output, urlsplit(route.request.url).path.lstrip("/"))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            route.fulfill(status=404, body="")
            return
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        route.fulfill(status=200, body=path.read_bytes(), content_type=kind)
    return answer


def downloads(output, browser=None, queries=QUERIES):
    """{query: {"results", "bytes", "requests"}}: what the search page fetches from the index.

    `browser` is a running Playwright Chromium, or None to start one here.
    """
    if browser is None:
        # Only when no browser is given: the benchmark runs without Playwright otherwise.
        from playwright.sync_api import sync_playwright  # noqa: PLC0415

        from tests.browser import launch  # noqa: PLC0415

        with sync_playwright() as playwright:
            chromium = launch(playwright)
            try:
                return downloads(output, chromium, queries)
            finally:
                chromium.close()
    found = {}
    for query in queries:
        context = browser.new_context(service_workers="block")
        context.route(f"{SITE_URL}/**", _answer_from(output))
        fetched = []
        context.on("requestfinished", lambda request, fetched=fetched: fetched.append(request))
        page = context.new_page()
        page.goto(f"{SITE_URL}/search/")
        page.locator("#search-query").fill(query)
        page.locator("#search-query").press("Enter")
        page.wait_for_function(
            "() => /posts? for|Nothing found/.test(document.querySelector('.search-status').textContent)",
            timeout=60000)
        page.wait_for_load_state("networkidle")
        index = [r for r in fetched if "/pagefind/" in r.url]
        found[query] = {
            "results": page.evaluate("() => document.querySelector('.search-status').textContent"),
            "bytes": sum(r.sizes()["responseBodySize"] for r in index),
            "requests": len(index),
        }
        context.close()
    return found


def measure(output, repetitions, browser=None):
    index_seconds, check_seconds, pages, files, size = time_indexing(output, repetitions)
    result = SearchResult(pages, files, size, index_seconds, check_seconds)
    try:
        from tests.tools import chromium  # noqa: PLC0415  (the benchmark runs without the tests' tools)

        chromium()
    except BaseException as missing:  # pytest's skip, outside pytest: Chromium is absent
        result.browser = f"not measured: {missing}"
        return result
    result.queries = downloads(output, browser)
    return result
