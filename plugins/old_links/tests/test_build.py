"""old_links in a real build: its redirect pages and server maps are build output."""

import os

from pelican.plugins.site_common import testing


def test_redirect_pages_and_maps_are_written_without_waiting_for_the_disk(tmp_path, monkeypatch):
    content = tmp_path / "content"
    (content / "posts").mkdir(parents=True)
    (content / "posts" / "moved.md").write_text(
        "Title: Moved\nDate: 2013-01-16\nCategory: Court\n\nThe post that moved.\n", encoding="utf-8")
    (content / "old-links.txt").write_text("/2012/12/moved/  posts/moved.md\n", encoding="utf-8")
    synced = []
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd))
    result = testing.build({
        "PATH": str(content), "OUTPUT_PATH": str(tmp_path / "output"), "THEME": "simple",
        "SITEURL": "https://blog.example", "TIMEZONE": "UTC", "ARTICLE_PATHS": ["posts"],
        "PLUGINS": ["pelican.plugins.old_links"], "FEED_ALL_ATOM": None, "CATEGORY_FEED_ATOM": None,
    })
    output = tmp_path / "output"
    assert "https://blog.example/moved.html" in (output / "2012" / "12" / "moved" / "index.html").read_text()
    assert (output / "_redirects").is_file() and (output / "nginx-redirects.conf").is_file()
    assert synced == [], result
