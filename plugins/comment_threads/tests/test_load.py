"""Reading comment files: metadata, body, and what is wrong with them."""

import datetime
import os

import pytest

from pelican.plugins.comment_threads.load import load_comments, parse_comment


def parse(text, comment_id="c1"):
    comment, problems = parse_comment(
        text, comment_id=comment_id, slug="post", path="comments/post/c1.md", timezone="UTC"
    )
    return comment, [str(problem) for problem in problems]


def test_metadata_and_body_are_split_at_the_blank_line():
    comment, problems = parse(
        "Author: Maria L.\nDate: 2014-04-10 03:53\nReplyto: c0\n"
        "Website: https://example.org\n\nFirst line.\n\nSecond.\n"
    )
    assert problems == []
    assert comment.author == "Maria L."
    assert comment.date == datetime.datetime(2014, 4, 10, 3, 53, tzinfo=datetime.UTC)
    assert comment.replyto == "c0"
    assert comment.website == "https://example.org"
    assert comment.body == "First line.\n\nSecond."


def test_an_email_line_is_refused_and_not_kept():
    comment, problems = parse("Author: A\nEmail: secret@example.org\nDate: 2014-04-10\n\nHi\n")
    assert "secret@example.org" not in repr(comment)
    assert problems == [
        "comments/post/c1.md:2: 'Email' is not allowed; email addresses are not kept in "
        "comment files, which are published with the site; they belong in the comment "
        "service's moderation database"
    ]


def test_keys_are_case_insensitive_and_empty_optionals_are_absent():
    comment, problems = parse("author: A\nDATE: 2014-04-10 03:53\nReplyto:\nWebsite: \n\nHi\n")
    assert problems == []
    assert comment.replyto is None and comment.website is None


def test_a_date_with_a_zone_keeps_it_and_one_without_takes_the_sites():
    aware, _ = parse("Author: A\nDate: 2014-04-10T03:53:00-05:00\n\nHi\n")
    assert aware.date.utcoffset() == datetime.timedelta(hours=-5)
    local, _ = parse_comment(
        "Author: A\nDate: 2014-07-01 12:00\n\nHi\n",
        comment_id="c1", slug="p", path="x", timezone="America/New_York",
    )
    assert local.date.utcoffset() == datetime.timedelta(hours=-4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Date: 2014-04-10\n\nHi\n", "has no author; add an 'Author: <name>' line"),
        ("Author: A\n\nHi\n", "has no date; add a 'Date: YYYY-MM-DD HH:MM"),
        ("Author: A\nDate: 10/04/2014\n\nHi\n", "comments/post/c1.md:2: the date '10/04/2014' cannot be read"),
        ("Author: A\nDate: 2014-04-10\n\n\n", "the comment's text is empty"),
        ("Author: A\nDate: 2014-04-10\nAutor: B\n\nHi\n", "comments/post/c1.md:3: unknown header 'Autor'; did you mean 'Author'?"),
    ],
)
def test_each_mistake_is_one_sentence_naming_the_file(text, expected):
    _, problems = parse(text)
    assert len(problems) == 1
    assert problems[0].startswith("comments/post/c1.md")
    assert expected in problems[0]


def test_an_id_that_cannot_be_an_anchor_is_reported():
    _, problems = parse("Author: A\nDate: 2014-04-10\n\nHi\n", comment_id="my comment")
    assert "cannot be a comment id" in problems[0]


def _strays(tmp_path):
    """Two posts' folders with good comments and strays, and a file beside the folders."""
    root = tmp_path / "content" / "comments"
    (root / "post-b").mkdir(parents=True)
    (root / "post-a" / "deeper").mkdir(parents=True)
    good = "Author: A\nDate: 2014-04-10\n\nHi\n"
    (root / "post-b" / "z.md").write_text(good)
    (root / "post-b" / "a.md").write_text(good)
    (root / "post-a" / "m.md").write_text(good)
    (root / "post-a" / "notes.txt").write_text("stray")
    (root / "post-a" / ".hidden.md").write_text("editor swap file")
    (root / "post-a" / "deeper" / "x.md").write_text(good)
    (root / "loose.md").write_text(good)
    (root / "post-b" / "latin1.md").write_bytes("Author: Jos\xe9\n".encode("latin-1"))
    return root


def test_load_reads_files_in_order_and_reports_strays(tmp_path):
    root = _strays(tmp_path)
    comments, problems = load_comments(str(root), str(tmp_path), "UTC")
    problems = [str(p) for p in problems]

    assert [(c.slug, c.id) for c in comments] == [
        ("post-a", "m"), ("post-b", "a"), ("post-b", "z"),
    ]
    assert comments[0].path == "content/comments/post-a/m.md"
    assert sorted(problems) == [
        "content/comments/loose.md: comment files belong exactly one folder down; "
        "move it to comments/<post-slug>/<comment-id>.md",
        "content/comments/post-a/.hidden.md: not read, because hidden files (names "
        "starting with '.') are not comments; rename it if it is one",
        "content/comments/post-a/deeper/x.md: comment files belong exactly one folder "
        "down; move it to comments/<post-slug>/<comment-id>.md",
        "content/comments/post-a/notes.txt: not read, because comment files end in '.md'; "
        "rename it to notes.md",
        "content/comments/post-b/latin1.md: not read, because it is not UTF-8 text; save it as UTF-8",
    ]


def test_one_posts_folder_alone_is_read_with_its_own_strays(tmp_path):
    root = _strays(tmp_path)
    (root / "post-a" / ".drafts").mkdir()
    # Problems name files and folders from the root given, wherever the build runs.
    comments, problems = load_comments(str(root), str(root.parent), "UTC", only="post-a")
    assert [(c.slug, c.id, c.path) for c in comments] == [("post-a", "m", "comments/post-a/m.md")]
    assert sorted(p.path for p in problems) == [
        "comments/post-a/.drafts", "comments/post-a/.hidden.md", "comments/post-a/deeper/x.md",
        "comments/post-a/notes.txt"]
    assert load_comments(str(root), str(tmp_path), "UTC", only="post-c") == ([], [])


def test_no_comments_folder_means_no_comments(tmp_path):
    assert load_comments(str(tmp_path / "missing"), str(tmp_path), "UTC") == ([], [])


def _folder(tmp_path, body="A first look.", date="2014-04-10 03:53"):
    folder = tmp_path / "comments" / "post"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "c1.md"
    before = path.stat().st_mtime_ns if path.exists() else 10**18
    path.write_text(f"Author: Maria L.\nDate: {date}\n\n{body}\n", encoding="utf-8")
    # A new stamp even within the file system's clock resolution.
    os.utime(path, ns=(before + 10**9, before + 10**9))
    return tmp_path / "comments"


def _load(comments, **options):
    return load_comments(comments, str(comments.parent), "UTC", **options)


def test_a_comment_file_read_again_is_the_same_comment_until_it_is_saved(tmp_path):
    # A long-lived preview reads every comment file at every build: an
    # unchanged file is kept, a saved one is read again.
    comments = _folder(tmp_path)
    (first,), _ = _load(comments)
    (again,), _ = _load(comments)
    assert again is first
    _folder(tmp_path, body="A second look, longer than the first.")
    (edited,), problems = _load(comments)
    assert problems == []
    assert edited.body == "A second look, longer than the first."


def test_a_comment_file_is_read_again_when_read_another_way(tmp_path):
    # The longest comment the site shows is part of how a file is read.
    comments = _folder(tmp_path, body="x" * 50)
    (whole,), _ = _load(comments)
    (cut,), _ = _load(comments, max_length=20)
    assert whole.body == "x" * 50
    assert cut.body != whole.body and len(cut.body) < 50


def test_a_comment_with_a_problem_reports_it_at_every_reading(tmp_path):
    comments = _folder(tmp_path, date="2099-01-01 10:00")
    now = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    for _ in range(2):
        _found, problems = _load(comments, now=now)
        assert len(problems) == 1
