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


def test_the_folders_of_a_new_file_are_made(tmp_path):
    atomic_write(tmp_path / "feeds" / "comments" / "a-post.atom.xml", "<feed/>")
    assert (tmp_path / "feeds" / "comments" / "a-post.atom.xml").read_text(encoding="utf-8") == "<feed/>"


def test_the_file_being_written_is_hidden_beside_its_target(tmp_path, monkeypatch):
    # Beside the target, so the rename stays on one file system (and so is
    # atomic); hidden and named after it, so a listing or an upload of the
    # folder never takes it for a page.
    seen = []
    replace = os.replace

    def watching_replace(source, destination):
        seen.append(sorted(os.listdir(tmp_path)))
        replace(source, destination)

    monkeypatch.setattr(os, "replace", watching_replace)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "no-such-folder"))
    atomic_write(tmp_path / "index.html", "<p>hi</p>")
    [listing] = seen
    [temporary] = listing
    assert temporary.startswith(".index.html.") and temporary.endswith(".tmp")
    assert os.listdir(tmp_path) == ["index.html"]


def test_write_if_changed_syncs_unless_told_not_to(tmp_path, monkeypatch):
    from pelican.plugins.site_common.files import write_if_changed

    synced = []
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd))
    write_if_changed(tmp_path / "a.txt", "one")
    assert len(synced) == 2
    write_if_changed(tmp_path / "b.txt", "one", sync=False)
    assert len(synced) == 2


def test_write_if_changed_rewrites_a_file_that_differs_only_in_line_endings(tmp_path):
    from pelican.plugins.site_common.files import write_if_changed

    target = tmp_path / "a.md"
    target.write_bytes(b"Author: Maria\r\n\r\nHi\r\n")
    assert write_if_changed(target, "Author: Maria\n\nHi\n") is True
    assert target.read_bytes() == b"Author: Maria\n\nHi\n"


def test_write_if_changed_replaces_a_file_that_is_not_utf8(tmp_path):
    from pelican.plugins.site_common.files import write_if_changed

    target = tmp_path / "a.md"
    target.write_bytes("naïve".encode("latin-1"))
    assert write_if_changed(target, "naïve") is True
    assert target.read_text(encoding="utf-8") == "naïve"


def test_an_unchanged_file_is_read_as_utf8_whatever_the_locale(tmp_path):
    # A machine whose locale is not UTF-8 (forced here: plain ASCII) must
    # still see that a non-ASCII file holds the text, and leave it alone.
    import subprocess
    import sys
    from pathlib import Path

    from pelican.plugins.site_common import files

    target = tmp_path / "a.md"
    target.write_text("Author: José\n\nGracias.\n", encoding="utf-8")
    assert files.write_if_changed(target, "Author: José\n\nGracias.\n") is False
    program = (
        "import sys, pelican\n"
        # this very copy of the package, whichever folder it was imported from
        f"pelican.__path__.insert(0, {str(Path(files.__file__).parents[2])!r})\n"
        "from pelican.plugins.site_common.files import write_if_changed\n"
        "print(write_if_changed(sys.argv[1], 'Author: Jos\\u00e9\\n\\nGracias.\\n'))\n"
    )
    result = subprocess.run([sys.executable, "-c", program, str(target)], capture_output=True, text=True,
                            env={**os.environ, "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"})
    assert (result.stdout.strip(), result.stderr) == ("False", "")


def test_write_if_changed_takes_bytes_as_they_are(tmp_path):
    from pelican.plugins.site_common.files import write_if_changed

    target = tmp_path / "a.png"
    assert write_if_changed(target, b"\x89PNG\xff") is True
    assert target.read_bytes() == b"\x89PNG\xff"
    assert write_if_changed(target, b"\x89PNG\xff") is False


def test_a_new_file_gets_the_mode_open_would_give_and_a_replaced_one_keeps_its_own(tmp_path):
    # mkstemp's 0600 would keep a web server from reading the pages a build writes.
    mask = os.umask(0o027)
    try:
        atomic_write(tmp_path / "page.html", "<p>new</p>")
    finally:
        os.umask(mask)
    assert (tmp_path / "page.html").stat().st_mode & 0o777 == 0o640
    (tmp_path / "page.html").chmod(0o604)
    atomic_write(tmp_path / "page.html", "<p>again</p>")
    assert (tmp_path / "page.html").stat().st_mode & 0o777 == 0o604
    atomic_write(tmp_path / "feed.xml", "<feed/>")
    assert (tmp_path / "feed.xml").stat().st_mode & 0o777 == 0o666 & ~mask
