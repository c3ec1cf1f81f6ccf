"""Number checks kept on disk between builds: taken only when text, path, data set and code are all equal."""

import json

import pytest

from pelican.plugins.data_charts import checkcache, plugin
from pelican.plugins.data_charts.checkcache import FILE_NAME, CheckCache
from pelican.plugins.site_common.lasting import Lasting
from pelican.plugins.site_common.problems import Problem

from .conftest import OBSERVATIONS
from .test_builds import build, post

FOUND = [Problem("posts/a.md", 9, "138 is typed by hand — “here”", "write {{ Mexico FY2012 court_abandoned }}"),
         Problem("posts/a.md", None, "the whole file", None)]


class Checker:
    """Stands in for check_post, counting its calls."""

    def __init__(self, answer=FOUND):
        self.answer, self.calls = answer, 0

    def __call__(self):
        self.calls += 1
        return list(self.answer)


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("Mexico in FY 2012: 138 abandoned.\n", encoding="utf-8")
    return path


def kept(tmp_path, source, text="t", where="posts/a.md", digest="d1"):
    check = Checker()
    cache = CheckCache(tmp_path / "cache", digest)
    problems = cache.get(source, text, where, check)
    cache.save()
    return problems, check.calls


def test_a_post_checked_before_with_the_same_text_path_and_data_is_not_checked_again(tmp_path, source):
    assert kept(tmp_path, source) == (FOUND, 1)
    # The problems come back as they were made: lines, no line, no suggestion, any text.
    assert kept(tmp_path, source) == (FOUND, 0)


@pytest.mark.parametrize("change", [{"text": "t2"}, {"where": "content/posts/a.md"}, {"digest": "d2"}])
def test_a_changed_text_path_or_data_set_is_checked_again(tmp_path, source, change):
    kept(tmp_path, source)
    assert kept(tmp_path, source, **change) == (FOUND, 1)


def test_changed_code_is_checked_again(tmp_path, source, monkeypatch):
    kept(tmp_path, source)
    monkeypatch.setattr(checkcache, "_code_digest", lambda: "other code")
    assert kept(tmp_path, source) == (FOUND, 1)


@pytest.mark.parametrize("damage", [
    "not json", "[]", '{"made_with": 1}', "\udcff",
    lambda stored: {**stored, "posts": []},
    lambda stored: {**stored, "posts": {k: "x" for k in stored["posts"]}},
    lambda stored: {**stored, "posts": {k: [v[0], [["p", "nine", "m", None]]] for k, v in stored["posts"].items()}},
    lambda stored: {**stored, "posts": {k: [v[0], [["p", 9, "m"]]] for k, v in stored["posts"].items()}},
    lambda stored: {**stored, "posts": {k: [v[0], "x"] for k, v in stored["posts"].items()}},
])
def test_a_damaged_file_means_checking_again_never_a_failure(tmp_path, source, damage):
    kept(tmp_path, source)
    path = tmp_path / "cache" / FILE_NAME
    if callable(damage):
        damage = json.dumps(damage(json.loads(path.read_text(encoding="utf-8"))))
    path.write_bytes(damage.encode("utf-8", "surrogateescape"))
    assert kept(tmp_path, source) == (FOUND, 1)
    assert kept(tmp_path, source) == (FOUND, 0)


def test_posts_whose_file_is_gone_leave_the_file_and_an_unchanged_cache_is_not_rewritten(tmp_path, source):
    other = tmp_path / "b.md"
    other.write_text("b", encoding="utf-8")
    cache = CheckCache(tmp_path / "cache", "d1")
    cache.get(source, "t", "posts/a.md", Checker())
    cache.get(other, "b", "posts/b.md", Checker([]))
    cache.save()
    path = tmp_path / "cache" / FILE_NAME
    assert set(json.loads(path.read_text(encoding="utf-8"))["posts"]) == {str(source), str(other)}
    written = path.stat().st_mtime_ns
    again = CheckCache(tmp_path / "cache", "d1")
    assert again.get(other, "b", "posts/b.md", Checker([])) == []
    again.save()
    assert path.stat().st_mtime_ns == written
    other.unlink()
    CheckCache(tmp_path / "cache", "d1").save()
    assert set(json.loads(path.read_text(encoding="utf-8"))["posts"]) == {str(source)}


def test_a_new_build_process_reports_the_kept_problems_without_checking(tmp_path, monkeypatch):
    body = "Mexico in FY 2012: 138 abandoned."
    build(tmp_path, {"a.md": post(body)})
    first = [str(p) for p in build.result.state.problems]
    assert any("138 is typed by hand" in line for line in first)
    # A new process: nothing kept in memory, and the check itself counted.
    checked = []
    real = plugin.check_read_post
    monkeypatch.setattr(plugin, "check_read_post", lambda *args: checked.append(args[1]) or real(*args))
    monkeypatch.setattr(plugin, "_CHECKED", Lasting())
    build(tmp_path, {"a.md": post(body)})
    assert [str(p) for p in build.result.state.problems] == first and checked == []
    # An edit to the post is checked again, and so is every post after a data-set change.
    monkeypatch.setattr(plugin, "_CHECKED", Lasting())
    build(tmp_path, {"a.md": post(body + "\n\nMore.")})
    assert len(checked) == 1
    monkeypatch.setattr(plugin, "_CHECKED", Lasting())
    build(tmp_path, {"a.md": post(body + "\n\nMore.")}, observations=OBSERVATIONS.replace(",138,", ",139,"))
    assert len(checked) == 2
    assert not any("138 is typed by hand" in str(p) for p in build.result.state.problems)


def test_a_cache_that_cannot_be_written_only_means_checking_again(tmp_path, source, caplog):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    cache = CheckCache(blocked, "d1")
    check = Checker()
    assert cache.get(source, "t", "posts/a.md", check) == FOUND
    with caplog.at_level("INFO", logger="pelican.plugins.data_charts.checkcache"):
        cache.save()
    assert "Number checks not kept for the next build" in caplog.text
    assert "not-a-folder" in caplog.text  # and why: the error names the path it could not write
    assert CheckCache(blocked, "d1").get(source, "t", "posts/a.md", check) == FOUND and check.calls == 2


def test_the_file_is_written_in_one_order_without_waiting_for_the_disk(tmp_path, monkeypatch):
    # The same checks give the same bytes whichever post was checked first; a lost cache only
    # means checking again, so nothing is flushed to disk.
    sources = []
    for name in ("b.md", "a.md", "c.md"):
        sources.append(tmp_path / name)
        sources[-1].write_text(name, encoding="utf-8")
    flushed = []
    monkeypatch.setattr("os.fsync", lambda descriptor: flushed.append(descriptor))
    written = []
    for order in (sources, sources[::-1]):
        cache = CheckCache(tmp_path / f"cache-{len(written)}", "d1")
        for path in order:
            cache.get(path, path.name, f"posts/{path.name}", Checker())
        cache.save()
        written.append((tmp_path / f"cache-{len(written)}" / FILE_NAME).read_bytes())
    assert written[0] == written[1] and flushed == []
    assert list(json.loads(written[0])["posts"]) == sorted(str(path) for path in sources)


def test_a_preview_waiting_for_a_save_reads_ahead_what_a_data_change_will_check(tmp_path, monkeypatch):
    posts = {"a.md": post("Mexico in FY 2012: 138 abandoned."), "b.md": post("Honduras in FY2011: 40.", title="B")}
    build(tmp_path, posts)
    # A new process: its build takes the problems from the disk cache and reads no text for the checks.
    monkeypatch.setattr(plugin, "_CHECKED", Lasting())
    monkeypatch.setattr(plugin, "_READ", Lasting())
    build(tmp_path, posts)
    assert plugin._READ.names() == [] and len(plugin._CHECKED.names()) == 2
    assert plugin.read_ahead(None, seconds=-1) is True  # no time for the first: both remain
    assert plugin.read_ahead(None) is False and len(plugin._READ.names()) == 2
    assert plugin.read_ahead(None) is False  # nothing left to read
    read = []
    real = plugin.read_for_checks
    monkeypatch.setattr(plugin, "read_for_checks", lambda text: read.append(text) or real(text))
    build(tmp_path, posts, observations=OBSERVATIONS.replace(",138,", ",139,"))
    # Every post checked against the new row from what was read ahead, none read for it again.
    assert read == []
    assert not any("138 is typed by hand" in str(p) for p in build.result.state.problems)
    assert any("40 is typed by hand" in str(p) for p in build.result.state.problems)
