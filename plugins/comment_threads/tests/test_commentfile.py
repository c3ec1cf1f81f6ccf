"""The comment-file format's own functions: ids, paths, writing, and the exact words of its mistakes."""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from pelican.plugins.comment_threads.commentfile import (
    CommentFile,
    CommentFileError,
    Mistake,
    allocate_id,
    is_valid_id,
    parse,
    path_for,
    write,
)

COMMENT = CommentFile(author="Maria L.", date=datetime.datetime(2014, 4, 10, 3, 53), body="Thank you.")


def test_a_free_base_is_the_id_and_a_taken_one_counts_up_from_two():
    assert allocate_id([], "maria-l") == "maria-l"
    assert allocate_id(["maria-l"], "maria-l") == "maria-l-2"
    assert allocate_id(["maria-l", "maria-l-2", "maria-l-3"], "maria-l") == "maria-l-4"
    # Only the ids given count as taken, whatever else they resemble.
    assert allocate_id(["maria-l-2"], "maria-l") == "maria-l"


def test_an_id_without_a_base_is_random_short_and_free():
    first, second = allocate_id([]), allocate_id([])
    assert re.fullmatch(r"c-[0-9a-f]{8}", first) and re.fullmatch(r"c-[0-9a-f]{8}", second)
    assert first != second
    assert allocate_id({first}) != first


def test_a_base_that_cannot_be_an_id_is_refused():
    with pytest.raises(CommentFileError, match=r"^'\.\./x' cannot be a comment id$"):
        allocate_id([], "../x")


@pytest.mark.parametrize("comment_id", ["c", "maria-l", "A_1", "9" + "x" * 79])
def test_ids_that_need_no_escaping_are_valid(comment_id):
    assert is_valid_id(comment_id)
    assert path_for("comments", "a-post", comment_id).name == f"{comment_id}.md"


@pytest.mark.parametrize("comment_id", ["", "-x", "_x", "a b", "a/b", "a.b", "x" * 81, "é"])
def test_ids_that_would_need_escaping_are_not(comment_id):
    assert not is_valid_id(comment_id)
    with pytest.raises(CommentFileError, match=r"cannot be a comment id$"):
        path_for("comments", "a-post", comment_id)


def test_a_comment_lives_in_its_posts_folder(tmp_path):
    assert path_for(tmp_path, "a-post", "maria-l") == tmp_path / "a-post" / "maria-l.md"
    assert path_for("content/comments", "a-post", "x") == Path("content/comments/a-post/x.md")


@pytest.mark.parametrize("slug", ["", "a/b", ".hidden", "..", "/etc"])
def test_a_slug_that_is_not_one_folder_is_refused(slug):
    with pytest.raises(CommentFileError, match=r"^.* cannot be a post's folder$") as refused:
        path_for("comments", slug, "x")
    assert str(refused.value) == f"{slug!r} cannot be a post's folder"


def test_writing_puts_the_formatted_comment_at_its_path_once(tmp_path):
    path = write(tmp_path, "a-post", "maria-l", COMMENT)
    assert path == tmp_path / "a-post" / "maria-l.md"
    assert path.read_text(encoding="utf-8") == "Author: Maria L.\nDate: 2014-04-10 03:53\n\nThank you.\n"
    assert parse(path.read_text(encoding="utf-8")) == (
        CommentFile("Maria L.", datetime.datetime(2014, 4, 10, 3, 53, tzinfo=ZoneInfo("UTC")), "Thank you."), [])
    # A retried approval changes nothing, not even the file's time.
    before = path.stat().st_mtime_ns
    path.touch()
    touched = path.stat().st_mtime_ns
    assert write(tmp_path, "a-post", "maria-l", COMMENT) == path
    assert path.stat().st_mtime_ns == touched and touched >= before


def test_a_comment_that_cannot_be_a_file_is_not_written(tmp_path):
    with pytest.raises(CommentFileError):
        write(tmp_path, "a-post", "maria-l", CommentFile(author="Bob\nReplyto: x", date=COMMENT.date, body="Hi"))
    assert list(tmp_path.iterdir()) == []


def test_a_mistake_has_no_line_or_suggestion_unless_given():
    assert Mistake(None, "m") == Mistake(line=None, message="m", suggestion=None)


def test_a_comment_file_reaches_the_disk_before_it_counts_as_written(tmp_path, monkeypatch):
    # An approval answered "published" must survive a power cut: file and folder are synced,
    # unless an import of thousands asks to sync once at the end.
    import os

    synced = []
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd))
    write(tmp_path, "a-post", "maria-l", COMMENT)
    assert len(synced) == 2
    write(tmp_path, "a-post", "tom", COMMENT, sync=False)
    assert len(synced) == 2
