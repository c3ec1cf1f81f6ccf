"""The sitemap's listing pages dated by the newest post, and a sitemap with the same bytes left alone."""

import copy
import datetime
import os
from types import SimpleNamespace

from pelican.contents import Article, Page
from pelican.settings import DEFAULT_CONFIG

from pelican.plugins.blog_core.sitemap_dates import newest_post_date, register

OLD_TIME = 1_000_000_000


def post(slug, date, modified=None, kind=Article):
    settings = copy.deepcopy(DEFAULT_CONFIG)
    metadata = {"title": slug, "date": date, "slug": slug}
    if modified:
        metadata["modified"] = modified
    return kind("text", metadata=metadata, settings=settings, source_path=f"{slug}.md")


def day(n):
    return datetime.datetime(2014, 4, n, 9, 0, tzinfo=datetime.UTC)


def test_the_newest_post_counts_by_its_update_and_pages_do_not_count():
    queued = [("a/index.html", post("a", day(2))), ("b/index.html", post("b", day(3), modified=day(20))),
              ("c/index.html", post("c", day(9))), ("about/index.html", post("about", day(28), kind=Page)),
              ("index.html", None)]
    assert newest_post_date(queued) == day(20)
    assert newest_post_date([("index.html", None)]) is None


class Signal:
    def __init__(self):
        self.receivers = []

    def connect(self, receiver, weak=True):
        self.receivers.append((receiver, weak))

    def send(self, *args):
        for receiver, _ in self.receivers:
            receiver(*args)


def build(output, posts):
    """One build as Pelican drives the sitemap: init, a page queued per file written, finalize."""
    signals = SimpleNamespace(get_generators=Signal(), content_written=Signal(), finalized=Signal())
    register(signals)
    assert all(weak is False for signal in vars(signals).values() for _, weak in signal.receivers)
    pelican = SimpleNamespace(output_path=str(output), settings={"SITEURL": "https://s.example"})
    signals.get_generators.send(pelican)
    for item in posts:
        signals.content_written.send(str(output / item.slug / "index.html"), {"article": item})
    signals.content_written.send(str(output / "index.html"), {})
    signals.finalized.send(pelican)
    return output / "sitemap.xml"


def test_listing_pages_carry_the_newest_posts_date_and_an_unchanged_sitemap_is_left_alone(tmp_path):
    posts = [post("a", day(2)), post("b", day(3), modified=day(20))]
    sitemap = build(tmp_path, posts)
    text = sitemap.read_text(encoding="utf-8")
    assert "<loc>https://s.example/</loc>\n<lastmod>2014-04-20T09:00:00+00:00</lastmod>" in text
    os.utime(sitemap, ns=(OLD_TIME, OLD_TIME))
    assert build(tmp_path, posts).stat().st_mtime_ns == OLD_TIME
    build(tmp_path, [*posts, post("c", day(25))])
    assert "<lastmod>2014-04-25T09:00:00+00:00</lastmod>" in sitemap.read_text(encoding="utf-8")
    assert sorted(os.listdir(tmp_path)) == ["sitemap.xml"]


def test_a_text_sitemap_is_kept_the_same_way(tmp_path):
    signals = SimpleNamespace(get_generators=Signal(), content_written=Signal(), finalized=Signal())
    register(signals)
    pelican = SimpleNamespace(output_path=str(tmp_path),
                              settings={"SITEURL": "https://s.example", "SITEMAP": {"format": "txt"}})
    signals.get_generators.send(pelican)
    signals.content_written.send(str(tmp_path / "index.html"), {})
    signals.finalized.send(pelican)
    sitemap = tmp_path / "sitemap.txt"
    assert sitemap.read_text(encoding="utf-8") == "https://s.example/\n"
    os.utime(sitemap, ns=(OLD_TIME, OLD_TIME))
    signals.get_generators.send(pelican)
    signals.content_written.send(str(tmp_path / "index.html"), {})
    signals.finalized.send(pelican)
    assert sitemap.stat().st_mtime_ns == OLD_TIME and sorted(os.listdir(tmp_path)) == ["sitemap.txt"]


def test_the_sitemap_is_set_aside_beside_itself_not_in_the_working_folder(tmp_path, monkeypatch):
    # The working folder may be on another disk (/dev/shm is, on Linux), where a rename cannot go.
    import tempfile

    output = tmp_path / "output"
    output.mkdir()
    elsewhere = tempfile.mkdtemp(dir="/dev/shm" if os.path.isdir("/dev/shm") else tmp_path)
    monkeypatch.chdir(elsewhere)
    posts = [post("a", day(2))]
    try:
        build(output, posts)
        build(output, posts)
        assert os.listdir(elsewhere) == [] and sorted(os.listdir(output)) == ["sitemap.xml"]
    finally:
        os.chdir(tmp_path)
        os.rmdir(elsewhere)
