"""The writer that leaves unchanged files alone: same bytes as Pelican's, Pelican's rules for a path written twice."""

import os

import pytest
from pelican.writers import FileOverwriteFailedError

from pelican.plugins.build_speed.writer import KeepUnchangedWriter

OLD_TIME = 1_000_000_000


def test_pages_are_written_with_the_systems_line_ends_in_their_encoding(tmp_path):
    target = tmp_path / "index.html"
    with KeepUnchangedWriter(str(tmp_path), settings={})._open_w(str(target), "latin-1") as handle:
        handle.write("<p>café</p>\n<p>2</p>")
    assert target.read_bytes() == f"<p>caf\xe9</p>{os.linesep}<p>2</p>".encode("latin-1")


def opened(writer, path, override=False):
    return writer._open_w(str(path), "utf-8", override)


def test_what_pelican_writes_reaches_the_file_when_it_is_closed(tmp_path):
    writer = KeepUnchangedWriter(str(tmp_path), settings={})
    target = tmp_path / "feed.xml"
    handle = opened(writer, target)
    handle.write("<feed>ü</feed>\n")
    assert not target.exists()
    handle.close()
    handle.close()
    assert target.read_bytes() == "<feed>ü</feed>\n".encode()


def test_a_page_rebuilt_the_same_is_not_rewritten(tmp_path):
    target = tmp_path / "index.html"
    target.write_text("<p>same</p>\n", encoding="utf-8")
    os.utime(target, ns=(OLD_TIME, OLD_TIME))
    with opened(KeepUnchangedWriter(str(tmp_path), settings={}), target) as handle:
        handle.write("<p>same</p>\n")
    assert target.stat().st_mtime_ns == OLD_TIME


def test_a_path_written_twice_is_refused_unless_one_write_overrides(tmp_path):
    writer = KeepUnchangedWriter(str(tmp_path), settings={})
    target = tmp_path / "index.html"
    with opened(writer, target) as handle:
        handle.write("first")
    with pytest.raises(FileOverwriteFailedError, match="as Pelican has already written to it previously"):
        opened(writer, target)
    with opened(writer, target, override=True) as handle:
        handle.write("override")
    assert target.read_text(encoding="utf-8") == "override"


def test_after_an_override_a_plain_write_goes_nowhere_and_a_second_override_is_refused(tmp_path):
    writer = KeepUnchangedWriter(str(tmp_path), settings={})
    target = tmp_path / "index.html"
    with opened(writer, target, override=True) as handle:
        handle.write("override")
    with opened(writer, target) as handle:
        assert handle.name == os.devnull
        handle.write("plain")
    assert target.read_text(encoding="utf-8") == "override"
    with pytest.raises(FileOverwriteFailedError, match="a second time"):
        opened(writer, target, override=True)


def test_pages_are_written_without_waiting_for_the_disk(tmp_path, monkeypatch):
    # A build makes its output again at will: 3,250 files each flushed to
    # disk cost a cold build of a thousand posts seconds of waiting.
    synced = []
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd))
    target = tmp_path / "posts" / "index.html"
    with opened(KeepUnchangedWriter(str(tmp_path), settings={}), target) as handle:
        handle.write("<p>new</p>\n")
    assert synced == [] and target.read_text(encoding="utf-8") == "<p>new</p>\n"
    assert os.listdir(target.parent) == ["index.html"]
