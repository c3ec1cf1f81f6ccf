"""The benchmark's search step measures a real index: its pages, its files, and what Chromium downloads."""

import pytest

from bench import search
from bench.builders import Ours
from bench.sitegen import generate

pytestmark = pytest.mark.slow


def test_search_step_counts_pages_files_and_downloaded_bytes(tmp_path, browser):
    site = generate(tmp_path, 12, seed=7)
    ours = Ours(site)
    build = ours.build()
    assert build.ok, build.log
    found = search.measure(ours.output, 1, browser)
    assert found.pages >= len(site.posts)
    assert found.index_files > 5 and found.index_bytes > 100_000
    assert found.index_seconds > 0 and found.check_seconds > 0
    assert set(found.queries) == set(search.QUERIES), found.browser
    for query, seen in found.queries.items():
        assert "posts for" in seen["results"] or seen["results"].startswith("Nothing found"), query
        # Pagefind's script, worker and WebAssembly at least, and some of the index.
        assert seen["bytes"] > 150_000 and seen["requests"] >= 5, query
