"""atomic_write: the whole new file or the old one, never half of one, never a stray temporary."""

import os

import pytest

from pelican.plugins.site_common.files import atomic_write


def test_text_and_bytes_are_written_whole(tmp_path):
    atomic_write(tmp_path / "a" / "b.txt", "naïve\n")
    assert (tmp_path / "a" / "b.txt").read_bytes() == "naïve\n".encode()
    atomic_write(tmp_path / "a" / "b.txt", b"\x00\x01")
    assert (tmp_path / "a" / "b.txt").read_bytes() == b"\x00\x01"
    assert os.listdir(tmp_path / "a") == ["b.txt"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "c.txt"
    target.write_text("old", encoding="utf-8")

    def broken_replace(source, destination):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["c.txt"]


def test_without_sync_the_file_is_still_whole_and_nothing_is_synced(tmp_path, monkeypatch):
    synced = []
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd))
    atomic_write(tmp_path / "d.txt", "batch", sync=False)
    assert (tmp_path / "d.txt").read_text(encoding="utf-8") == "batch"
    assert synced == [] and os.listdir(tmp_path) == ["d.txt"]
    atomic_write(tmp_path / "d.txt", "durable")
    assert len(synced) == 2  # the file, then its folder


def test_write_if_changed_leaves_an_unchanged_file_and_its_time_alone(tmp_path):
    from pelican.plugins.site_common.files import write_if_changed

    target = tmp_path / "d.txt"
    assert write_if_changed(target, "one\n") is True
    os.utime(target, ns=(1_000_000_000, 1_000_000_000))
    assert write_if_changed(target, "one\n") is False
    assert target.stat().st_mtime_ns == 1_000_000_000
    assert write_if_changed(target, "two\n") is True
    assert target.read_text(encoding="utf-8") == "two\n"
