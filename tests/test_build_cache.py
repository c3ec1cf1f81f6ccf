"""The content cache: a rebuild reuses it, shows every edit, and writes the same bytes."""

import json
import shutil

import pytest

from tests.sitebuild import ROOT, run_pelican

pytestmark = pytest.mark.slow


def tree(output):
    """{relative path: bytes} of everything a build wrote."""
    return {str(p.relative_to(output)): p.read_bytes()
            for p in sorted(output.rglob("*")) if p.is_file()}


@pytest.fixture
def sample_copy(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    return content


def test_a_cached_rebuild_writes_the_same_bytes_as_a_cold_build(sample_copy, tmp_path):
    cold = run_pelican(sample_copy, tmp_path / "cold" / "output")
    first = run_pelican(sample_copy, tmp_path / "cached" / "output")
    assert cold.ok and first.ok, cold.log + first.log
    assert (tmp_path / "cached" / "cache" / "ArticlesGenerator-Readers").is_file(), \
        "the build wrote no content cache"
    again = run_pelican(sample_copy, tmp_path / "cached" / "output")
    assert again.ok, again.log
    assert tree(again.output) == tree(cold.output)


def test_a_rebuild_shows_an_edited_post(sample_copy, tmp_path):
    output = tmp_path / "site" / "output"
    assert run_pelican(sample_copy, output).ok
    post = sample_copy / "posts" / "2014-01-15-337-or-301.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nA sentence added after publication.\n",
                    encoding="utf-8")
    rebuilt = run_pelican(sample_copy, output)
    assert rebuilt.ok, rebuilt.log
    pages = [p.read_text(encoding="utf-8") for p in output.glob("20*/*/*/index.html")]
    assert sum("A sentence added after" in page for page in pages) == 1


def test_typography_in_the_reader_matches_pelicans_typogrify(sample_copy, tmp_path):
    ours = run_pelican(sample_copy, tmp_path / "reader" / "output")
    pelicans = run_pelican(sample_copy, tmp_path / "pelican" / "output",
                           settings={"TYPOGRIFY": True, "BLOG_TYPOGRIFY": False})
    assert ours.ok and pelicans.ok, ours.log + pelicans.log
    assert tree(ours.output) == tree(pelicans.output)
    # Widont's no-break space before a paragraph's last word: typogrify ran.
    assert "&nbsp;" in ours.read("2014/01/337-or-301/index.html")


def test_a_rebuild_leaves_unchanged_files_alone(sample_copy, tmp_path):
    output = tmp_path / "site" / "output"
    assert run_pelican(sample_copy, output).ok
    pages = sorted(output.glob("20*/*/*/index.html"))
    stamps = {page: page.stat().st_mtime_ns for page in pages}
    post = sample_copy / "posts" / "2014-01-15-337-or-301.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nA sentence added later.\n",
                    encoding="utf-8")
    assert run_pelican(sample_copy, output).ok
    rewritten = [page.parent.name for page in pages if page.stat().st_mtime_ns != stamps[page]]
    assert rewritten == ["337-or-301"]


def test_a_rebuild_with_nothing_changed_rewrites_no_file(sample_copy, tmp_path):
    # Every file: pages, feeds, the sitemap, charts and CSVs, images, the
    # theme's CSS and scripts, the search index. rsync goes by modification
    # times, and a file rewritten with the same bytes gets a new one.
    output = tmp_path / "site" / "output"
    assert run_pelican(sample_copy, output).ok
    files = sorted(p for p in output.rglob("*") if p.is_file())
    assert any(p.match("theme/css/*.css") for p in files) and (output / "sitemap.xml").is_file()
    stamps = {p: p.stat().st_mtime_ns for p in files}
    assert run_pelican(sample_copy, output).ok
    assert sorted(p for p in output.rglob("*") if p.is_file()) == files
    rewritten = [str(p.relative_to(output)) for p in files if p.stat().st_mtime_ns != stamps[p]]
    assert rewritten == []


def test_a_rebuild_after_a_markdown_setting_changes_reads_posts_again(sample_copy, tmp_path):
    import pelicanconf

    output = tmp_path / "site" / "output"
    assert run_pelican(sample_copy, output).ok
    markdown = json.loads(json.dumps(pelicanconf.MARKDOWN))
    markdown["extension_configs"]["markdown.extensions.toc"] = {"permalink": True}
    rebuilt = run_pelican(sample_copy, output, settings={"MARKDOWN": markdown})
    assert rebuilt.ok, rebuilt.log
    # The cached HTML had no heading anchors; HTML read again has them.
    assert 'class="headerlink"' in rebuilt.read("2014/01/337-or-301/index.html")


def test_a_warm_build_after_a_url_setting_changes_equals_a_cold_build(sample_copy, tmp_path):
    moved = {"CATEGORY_URL": "topics/{slug}/", "CATEGORY_SAVE_AS": "topics/{slug}/index.html"}
    warm = tmp_path / "warm" / "output"
    assert run_pelican(sample_copy, warm).ok
    rebuilt = run_pelican(sample_copy, warm, settings=moved)
    cold = run_pelican(sample_copy, tmp_path / "cold" / "output", settings=moved)
    assert rebuilt.ok and cold.ok, rebuilt.log + cold.log
    stale = {path for path, data in tree(cold.output).items() if tree(rebuilt.output).get(path) != data}
    assert not stale
    assert "/topics/" in rebuilt.read("2014/01/337-or-301/index.html")
