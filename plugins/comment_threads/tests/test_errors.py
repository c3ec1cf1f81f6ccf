"""Author mistakes fail the strict build with one sentence naming the file."""

import re
import subprocess
import sys

import pytest

GOOD = "Author: Reader\nDate: 2014-04-10 03:53\n\nA fine comment.\n"

CASES = {
    "unknown article": (
        {"firts-post/a.md": GOOD},
        "content/comments/firts-post/a.md: there is no article with the slug "
        "'firts-post'; did you mean 'first-post'?",
    ),
    "unknown parent": (
        {"first-post/a.md": GOOD, "first-post/b.md": GOOD.replace("\n\n", "\nReplyto: zz\n\n")},
        "content/comments/first-post/b.md:3: Replyto names 'zz', which is no other comment",
    ),
    "reply cycle": (
        {
            "first-post/a.md": GOOD.replace("\n\n", "\nReplyto: b\n\n"),
            "first-post/b.md": GOOD.replace("\n\n", "\nReplyto: a\n\n"),
        },
        "content/comments/first-post/a.md:3: its Replyto chain loops back on itself "
        "(content/comments/first-post/a.md -> content/comments/first-post/b.md -> "
        "content/comments/first-post/a.md)",
    ),
    "missing date": (
        {"first-post/a.md": "Author: Reader\n\nHello\n"},
        "content/comments/first-post/a.md: the comment has no date; add a "
        "'Date: YYYY-MM-DD HH:MM, e.g. 2014-04-10 03:53' line",
    ),
    "unparseable date": (
        {"first-post/a.md": "Author: Reader\nDate: April 10th\n\nHello\n"},
        "content/comments/first-post/a.md:2: the date 'April 10th' cannot be read",
    ),
    "reply before parent": (
        {
            "first-post/a.md": GOOD,
            "first-post/b.md": "Author: R\nDate: 2014-04-09 10:00\nReplyto: a\n\nEarly\n",
        },
        "content/comments/first-post/b.md:2: the reply is dated 2014-04-09 10:00, before "
        "the comment it answers, content/comments/first-post/a.md",
    ),
    "empty body": (
        {"first-post/a.md": "Author: Reader\nDate: 2014-04-10 03:53\n\n   \n"},
        "content/comments/first-post/a.md: the comment's text is empty",
    ),
    "duplicate ids": (
        {"first-post/Maria.md": GOOD, "first-post/maria.md": GOOD},
        "content/comments/first-post/maria.md: the comment id 'maria' is already used "
        "by content/comments/first-post/Maria.md; rename one of the files",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_strict_build_stops_naming_the_file(site, case):
    files, message = CASES[case]
    for relpath, text in files.items():
        site.comment(relpath, text)
    site.build(strict=True)
    result = site.result
    assert result.stopped
    problems = [line for line in result.printed if line.startswith("content/")]
    assert len(problems) == 1 and message in problems[0], result.printed
    assert result.printed[-1].endswith("nothing was published")


def test_all_problems_are_reported_in_one_go(site):
    site.comment("first-post/a.md", "Author: Reader\n\nHello\n")
    site.comment("first-post/b.md", "Author: Reader\nDate: 2014-04-10\n\n")
    site.build(strict=True)
    assert site.result.printed == [
        "content/comments/first-post/a.md: the comment has no date; "
        "add a 'Date: YYYY-MM-DD HH:MM, e.g. 2014-04-10 03:53' line",
        "content/comments/first-post/b.md: the comment's text is empty; "
        "write it below the header, after a blank line",
        "2 mistakes in 2 files; nothing was published",
    ]


def test_a_bad_comments_line_names_the_post_and_line(site):
    site.post("First post", "2014-04-01 10:00", slug="first-post", extra="Comments: off")
    site.build(strict=True)
    assert site.result.stopped
    assert ("content/posts/first-post.md:5: 'Comments: off' is not a comment state; write one "
            "of open, closed, hidden (the build uses 'open')") in site.result.printed


def test_a_bad_setting_is_reported_with_what_is_expected(site):
    site.build(strict=True, COMMENTS_ORDER="sideways")
    assert site.result.stopped
    assert ("pelicanconf.py: setting COMMENTS_ORDER is 'sideways'; expected one of "
            "'newest-first', 'oldest-first' (the build uses the default, 'newest-first')"
            ) in site.result.printed


def test_a_misspelt_setting_gets_the_nearest_key(site):
    site.build(strict=True, COMMENTS_ORDRE="oldest-first")
    assert ("pelicanconf.py: unknown setting COMMENTS_ORDRE; did you mean COMMENTS_ORDER?"
            in site.result.printed)


def test_without_strict_every_comment_is_shown_exactly_once(site):
    site.comment("first-post/a.md", GOOD)
    site.comment("first-post/orphan.md", GOOD.replace("\n\n", "\nReplyto: gone\n\n"))
    site.comment("first-post/x.md", GOOD.replace("\n\n", "\nReplyto: y\n\n"))
    site.comment("first-post/y.md", GOOD.replace("\n\n", "\nReplyto: x\n\n"))
    site.comment("first-post/undated.md", "Author: R\n\nNo date\n")
    site.build()
    html = site.read("2014/04/first-post/index.html")
    for cid in ("a", "orphan", "x", "y", "undated"):
        assert html.count(f'id="comment-{cid}"') == 1, cid
    assert "5 comments" in html
    assert not site.result.stopped
    assert site.result.printed[-1] == (
        "3 mistakes in 3 files; built anyway, with each mistake shown in place of what it broke")


def test_a_misspelt_reply_target_gets_the_nearest_id(site):
    site.comment("first-post/maria.md", GOOD)
    site.comment("first-post/tom.md", GOOD.replace("\n\n", "\nReplyto: mari\n\n"))
    site.build(strict=True)
    assert ("content/comments/first-post/tom.md:3: Replyto names 'mari', which is no other "
            "comment on this article; did you mean 'maria'?") in site.result.printed


@pytest.mark.slow
def test_the_command_line_prints_plain_lines_and_one_summary(site):
    # Through Pelican's own command line, as `make html` runs it: no
    # traceback, no exception name, no log columns; one summary line.
    site.comment("first-post/a.md", "Author: Reader\nDate: someday\n\nHello\n")
    config = site.root / "conf.py"
    config.write_text(
        "".join(f"{key} = {value!r}\n" for key, value in site.settings.items()),
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(site.content), "-s", str(config),
         "--fatal", "warnings"],
        cwd=site.root, capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "80"},
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1
    lines = output.splitlines()
    assert "content/comments/first-post/a.md:2: the date 'someday' cannot be read; write it as YYYY-MM-DD HH:MM, e.g. 2014-04-10 03:53" in lines
    assert lines[-1] == "1 mistake in 1 file; nothing was published"
    assert not re.search(r"\b\w+(Error|Exception)\b|Traceback|\.py:\d+", output), output
