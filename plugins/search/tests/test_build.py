"""The index as a build makes it: what it holds, when it is remade, and that it is the same every time."""

import gzip
import json
import subprocess

import pytest

from pelican.plugins.search import bundle, canonical
from tests.sitebuild import ROOT, post, run_pelican, write_tree

pytestmark = pytest.mark.slow

PAGE = """<!DOCTYPE html><html lang="en"><head><title>T</title></head><body>
<nav>Menu words</nav><article data-pagefind-body><h1>Chart post</h1>
<table><thead><tr><th>Period</th><th>Honduras</th></tr></thead></table></article></body></html>"""


def fragments(bundle_dir):
    """Every page record in a Pagefind bundle: url, content, meta, filters."""
    found = []
    for path in sorted((bundle_dir / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        found.append(json.loads(data[data.index(b"{"):]))
    return sorted(found, key=lambda f: f["url"])


def words(bundle_dir, url):
    return next(f["content"] for f in fragments(bundle_dir) if f["url"] == url).replace(".", "").split()


def test_without_preparation_pagefind_runs_header_cells_together(tmp_path):
    raw = write_tree(tmp_path / "raw", {"post/index.html": PAGE})
    subprocess.run([str(bundle.executable()), "--site", str(raw), "--output-path",
                    str(tmp_path / "raw-bundle"), "--silent"], check=True)
    assert "PeriodHonduras" in words(tmp_path / "raw-bundle", "/post/")

    page = write_tree(tmp_path / "site", {"post/index.html": PAGE}) / "post/index.html"
    pages = bundle.searchable_pages(tmp_path / "site", [page])
    bundle.build(pages, tmp_path / "bundle")
    assert {"Period", "Honduras"} <= set(words(tmp_path / "bundle", "/post/"))
    assert "Menu" not in words(tmp_path / "bundle", "/post/")
    assert not any((tmp_path / "bundle").glob("pagefind-ui*")), "the default UI was published"


def test_a_failing_pagefind_is_one_sentence(tmp_path, monkeypatch):
    monkeypatch.setattr(bundle, "executable", lambda: ROOT / "no-such-pagefind")
    with pytest.raises(bundle.IndexingFailed, match="^Pagefind's binary could not be run .*"
                       "reinstalls it with pagefind\\[bin\\] from requirements.lock$"):
        bundle.build({}, tmp_path / "bundle")
    monkeypatch.setattr(bundle, "executable", lambda: "/bin/false")
    with pytest.raises(bundle.IndexingFailed, match="^Pagefind stopped with exit status 1: no message$"):
        bundle.build({}, tmp_path / "bundle")


SOURCES = {
    "posts/honduras.md": post("Grants to Hondurans", date="2015-03-02 09:00", category="Country Conditions",
                              summary="A zanzibarian summary word.", body="Hondurans in FY 2014."),
    "posts/court.md": post("Court post", date="2013-11-20 09:30", category="Immigration Court",
                           author="David Okafor", body="Judges decided cases."),
    "pages/about.md": "Title: About\nSlug: about\n\nWho we are.\n",
    "pages/unlisted.md": "Title: Unlisted\nSlug: unlisted\nStatus: hidden\n\nHidden page words.\n",
    "posts/draft.md": post("Draft post", date="2016-01-01 10:00", status="draft",
                           body="Unpublished thoughts."),
    "posts/hidden.md": post("Hidden post", date="2016-02-01 10:00", status="hidden",
                            body="Unlisted thoughts."),
    "comments/draft-post/sam.md": "Author: Sam\nDate: 2016-01-02 10:00\n\nA draft comment.\n",
    "comments/court-post/maria.md": "Author: Maria L.\nDate: 2014-01-02 10:00\n\n"
                                    "A quetzalcoatl comment.\n",
}


def build(root, **settings):
    result = run_pelican(root / "content", root / "output", settings={
        "SITEURL": "http://127.0.0.1:9", "FEED_DOMAIN": "http://127.0.0.1:9", **settings})
    assert result.ok, result.log
    return result


def bundle_files(root):
    folder = root / "output" / "pagefind"
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


@pytest.fixture
def site(tmp_path):
    write_tree(tmp_path / "content", SOURCES)
    return tmp_path


def test_posts_and_pages_are_indexed_with_filters_and_comments_are_not(site):
    build(site)
    found = {f["url"]: f for f in fragments(site / "output" / "pagefind")}
    # Drafts and hidden posts and pages are written, never searchable.
    assert (site / "output" / "drafts" / "draft-post" / "index.html").is_file()
    assert set(found) == {"/2015/03/grants-to-hondurans/", "/2013/11/court-post/", "/about/"}
    honduras = found["/2015/03/grants-to-hondurans/"]
    assert honduras["meta"]["title"] == "Grants to\xa0Hondurans"  # typography keeps the last two words together
    assert honduras["meta"]["date"] == "March 2, 2015"
    assert honduras["meta"]["category"] == "Country Conditions"
    assert honduras["filters"] == {"author": ["Elena Marsh"], "category": ["Country Conditions"],
                                   "year": ["2015"]}
    assert "zanzibarian" in honduras["content"], "the summary is not searchable"
    court = found["/2013/11/court-post/"]
    assert court["filters"]["author"] == ["David Okafor"]
    assert "quetzalcoatl" not in court["content"] and "Maria" not in court["content"]
    assert "Leave a Comment" not in court["content"] and "Email a comment" not in court["content"]
    # Navigation, footer and the header's search box stay out.
    assert "Archives" not in court["content"] and "legal advice" not in court["content"]


def test_comments_are_searchable_when_the_setting_says_so(site):
    # A stranger's attempt to retitle the post or file it under another topic.
    write_tree(site / "content", {"comments/court-post/spam.md": (
        "Author: Spammer\nDate: 2014-01-03 10:00\n\n"
        '<p data-pagefind-meta="title:Cheap pills" data-pagefind-filter="category:Pills">'
        "Visit us.</p>\n")})
    build(site, SEARCH_COMMENTS=True)
    assert "/drafts/draft-post/" not in [f["url"] for f in fragments(site / "output" / "pagefind")]
    court = next(f for f in fragments(site / "output" / "pagefind") if f["url"] == "/2013/11/court-post/")
    assert "quetzalcoatl" in court["content"] and "Visit us" in court["content"]
    assert "Leave a Comment" not in court["content"] and "Email a comment" not in court["content"]
    assert court["meta"]["title"] == "Court\xa0post"
    assert court["filters"]["category"] == ["Immigration Court"]


def test_a_rebuild_reuses_the_index_until_a_searchable_page_changes(site):
    build(site)
    cached = site / "cache" / "search" / "bundle"
    first, made = bundle_files(site), cached.stat().st_ino
    build(site)
    assert bundle_files(site) == first, "an unchanged rebuild rewrote the index"
    assert cached.stat().st_ino == made, "an unchanged rebuild ran Pagefind again"
    with (site / "content" / "posts" / "court.md").open("a", encoding="utf-8") as handle:
        handle.write("\nA correction about Guatemala.\n")
    build(site)
    assert cached.stat().st_ino != made, "an edited post did not remake the index"
    assert "Guatemala" in next(f["content"] for f in fragments(site / "output" / "pagefind")
                               if f["url"] == "/2013/11/court-post/")
    # Files of the old index that the new one lacks are gone from the output.
    assert set(bundle_files(site)) == {p.relative_to(cached).as_posix()
                                       for p in cached.rglob("*") if p.is_file()}


def test_a_deleted_post_leaves_the_index_and_an_emptied_output_gets_it_back(site):
    build(site)
    (site / "content" / "posts" / "honduras.md").unlink()
    build(site)
    urls = [f["url"] for f in fragments(site / "output" / "pagefind")]
    assert urls == ["/2013/11/court-post/", "/about/"], "a page left over in output/ was indexed"
    made = (site / "cache" / "search" / "bundle").stat().st_ino
    for path in sorted((site / "output").rglob("*"), reverse=True):
        path.unlink() if path.is_file() else path.rmdir()
    build(site)
    assert (site / "cache" / "search" / "bundle").stat().st_ino == made
    assert [f["url"] for f in fragments(site / "output" / "pagefind")] == urls


def test_the_same_sources_give_the_same_index_bytes(tmp_path):
    trees = []
    for name in ("one", "two"):
        write_tree(tmp_path / name / "content", SOURCES)
        build(tmp_path / name)
        folder = tmp_path / name / "output" / "pagefind"
        trees.append({p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()})
    assert trees[0] == trees[1]


def test_pagefinds_files_decode_and_encode_back_to_the_same_bytes(tmp_path):
    write_tree(tmp_path / "site", {"post/index.html": PAGE.replace(
        "<h1>", '<h1 data-pagefind-filter="topic:B" data-pagefind-sort="date:2020">').replace(
        "<table>", '<table data-pagefind-filter="topic:A">')})
    subprocess.run([str(bundle.executable()), "--site", str(tmp_path / "site"), "--output-path",
                    str(tmp_path / "raw"), "--silent"], check=True)
    # The two kinds of file this plugin rewrites.
    files = [*(tmp_path / "raw").glob("*.pf_meta"), *(tmp_path / "raw").glob("filter/*.pf_filter")]
    assert len(files) >= 2
    for path in files:
        data = gzip.decompress(path.read_bytes())
        assert canonical.encode(canonical.decode(data[12:])) == data[12:], path.name
    topics = next(canonical.read(p) for p in (tmp_path / "raw" / "filter").iterdir()
                  if canonical.read(p)[0] == "topic")
    assert sorted(value for value, _ in topics[1]) == ["A", "B"]
    with pytest.raises(canonical.UnexpectedBundle):
        canonical.decode(b"\x82\x01")  # an array of two with one item
