"""Rules of the build itself: strictness, clear errors, no path collisions, determinism."""

import filecmp
import os

import pytest

from tests.sitebuild import ROOT, post, run_pelican, write_tree

pytestmark = pytest.mark.slow


def tiny_site(tmp_path, posts, pages=None):
    files = {f"posts/{name}.md": text for name, text in posts.items()}
    files.update({f"pages/{name}.md": text for name, text in (pages or {}).items()})
    files["images/.keep"] = ""
    files["authors.yml"] = (ROOT / "content" / "authors.yml").read_text(encoding="utf-8")
    return write_tree(tmp_path / "content", files)


def assert_one_clear_error(build, *fragments):
    assert not build.ok
    assert "Traceback" not in build.log
    for fragment in fragments:
        assert fragment in build.log, build.log


def test_two_builds_of_the_sample_are_byte_identical(sample_site, tmp_path, site_url):
    # Two processes with different string-hash seeds (the fixture's build has
    # Python's random one), so set and dict order cannot leak into the output.
    seed = "1" if os.environ.get("PYTHONHASHSEED") != "1" else "2"
    again = run_pelican(ROOT / "content", tmp_path / "again",
                        settings={"SITEURL": site_url, "FEED_DOMAIN": site_url},
                        env={"PYTHONHASHSEED": seed})
    assert again.ok, again.log
    first = sorted(p.relative_to(sample_site.output) for p in sample_site.files())
    second = sorted(p.relative_to(again.output) for p in again.files())
    assert first == second
    _, mismatch, errors = filecmp.cmpfiles(sample_site.output, again.output,
                                           [str(p) for p in first], shallow=False)
    assert mismatch == [] and errors == []


def test_tag_ending_in_a_digit_never_collides_with_page_two(tmp_path):
    # Six posts tagged "court" make two pages; a tag "court2" must keep its own page.
    posts = {f"p{i}": post(f"Entry{i}", date=f"2020-01-0{i + 1} 10:00", tags="court")
             for i in range(6)}
    posts["other"] = post("Elsewhere", date="2020-02-01 10:00", tags="court2")
    build = run_pelican(tiny_site(tmp_path, posts), tmp_path / "out")
    assert build.ok, build.log
    assert "Entry0" in build.read("tag/court/page/2/index.html")
    assert "Elsewhere" in build.read("tag/court2/index.html")
    assert "Entry0" not in build.read("tag/court2/index.html")


def test_default_pelican_urls_would_collide_and_fail(tmp_path):
    # The same content with Pelican's stock URL patterns writes tag/court2.html
    # twice; this is the failure the site's URL scheme exists to prevent.
    posts = {f"p{i}": post(f"Entry{i}", date=f"2020-01-0{i + 1} 10:00", tags="court")
             for i in range(6)}
    posts["other"] = post("Elsewhere", date="2020-02-01 10:00", tags="court2")
    build = run_pelican(tiny_site(tmp_path, posts), tmp_path / "out", settings={
        "TAG_URL": "tag/{slug}.html", "TAG_SAVE_AS": "tag/{slug}.html",
        "PAGINATION_PATTERNS": [[1, "{name}{extension}", "{name}{extension}"],
                                [2, "{name}{number}{extension}", "{name}{number}{extension}"]],
    })
    assert not build.ok
    assert 'Failed to write Tag page for "court' in build.log


AUTHOR_MISTAKES = {
    "broken internal link": (
        {"body": "See [the other post]({filename}missing-post.md)."}, ["missing-post.md"]),
    "missing image": (
        {"body": "![A chart]({static}/images/nowhere.png)"}, ["images/nowhere.png"]),
    "relative image path": (
        {"body": "![A chart](../images/x.svg)"}, ["posts/a.md", "{static}/images/x.svg"]),
    "unknown author": (
        {"author": "Elena Marsch"}, ["posts/a.md", "did you mean 'Elena Marsh'"]),
    "misspelt metadata key": (
        {"tgas": "Mexico"}, ["posts/a.md", "unknown metadata 'tgas'; did you mean 'tags'?"]),
    "missing summary": (
        {"summary": ""}, ["posts/a.md", "missing 'Summary:' line"]),
    "update before publication": (
        {"date": "2020-05-01 10:00", "modified": "2020-04-01 10:00"}, ["posts/a.md", "earlier than"]),
    "unparseable date": (
        {"date": "the twelfth of never"}, ["a.md"]),
}


@pytest.mark.parametrize("mistake", AUTHOR_MISTAKES)
def test_author_mistake_fails_the_strict_build_naming_the_file(tmp_path, mistake):
    fields, fragments = AUTHOR_MISTAKES[mistake]
    posts = {"a": post("A", **fields)}
    build = run_pelican(tiny_site(tmp_path, posts), tmp_path / "out")
    assert_one_clear_error(build, *fragments)


def test_bad_setting_fails_in_one_sentence_without_a_traceback(tmp_path):
    posts = {"a": post("A")}
    build = run_pelican(tiny_site(tmp_path, posts), tmp_path / "out",
                        settings={"BLOG_REQUIRED_METADATA": "image"})
    assert_one_clear_error(build, "pelicanconf.py: setting BLOG_REQUIRED_METADATA is 'image'; "
                                  "expected a list of metadata names")


def test_relaxed_build_reports_but_finishes(tmp_path):
    posts = {"a": post("A", tgas="Mexico")}
    build = run_pelican(tiny_site(tmp_path, posts), tmp_path / "out", strict=False)
    assert build.ok
    assert "unknown metadata 'tgas'" in build.log


def test_symbolic_links_and_hidden_files_in_content_are_reported_and_never_read(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(post("Secret from outside the repository"), encoding="utf-8")
    (outside / "key.png").write_bytes(b"PRIVATE KEY")
    content = tiny_site(tmp_path, {"ok": post("Visible post"), ".hidden": post("Hidden post")})
    (content / "posts" / "linked.md").symlink_to(outside / "secret.md")
    (content / "images" / "key.png").symlink_to(outside / "key.png")
    strict = run_pelican(content, tmp_path / "strict")
    assert_one_clear_error(strict, "content/images/key.png: a symbolic link, which the build does not follow")
    relaxed = run_pelican(content, tmp_path / "relaxed", strict=False)
    assert relaxed.ok, relaxed.log
    for message in ("content/posts/.hidden.md: a hidden file or folder",
                    "content/posts/linked.md: a symbolic link"):
        assert message in relaxed.log
    written = b"".join(p.read_bytes() for p in relaxed.files())
    assert b"Visible post" in written
    assert b"Secret from outside" not in written and b"PRIVATE KEY" not in written
    assert b"Hidden post" not in written


def test_production_build_uses_the_public_address(tmp_path):
    build = run_pelican(ROOT / "content", tmp_path / "public", conf="publishconf.py")
    assert build.ok, build.log
    feed = build.read("feeds/all.atom.xml")
    assert "https://grantrate.example/2013/11/mexican-asylum-grant-rate-fy2012/" in feed
    assert "127.0.0.1" not in feed
    assert "127.0.0.1" not in build.read("index.html")


def test_the_theme_degrades_without_blog_core(tmp_path):
    # The theme asks Pelican's plugin_enabled test before using blog_core's
    # filters, so a site without the plugin still builds, just without JSON-LD.
    plugins = ["pelican.plugins.neighbors", "pelican.plugins.build_speed",
               "pelican.plugins.data_charts", "pelican.plugins.comment_threads"]
    # Relaxed: without blog_core the authors file is not read, so the comments'
    # Role lines name no known author.
    build = run_pelican(ROOT / "content", tmp_path / "out", settings={"PLUGINS": plugins}, strict=False)
    assert build.ok, build.log
    page = build.read("2013/11/mexican-asylum-grant-rate-fy2012/index.html")
    assert "<title>Why Mexican asylum seekers" in page
    assert "application/ld+json" not in page
    with_plugin = run_pelican(ROOT / "content", tmp_path / "with", strict=True)
    assert "application/ld+json" in with_plugin.read("2013/11/mexican-asylum-grant-rate-fy2012/index.html")
