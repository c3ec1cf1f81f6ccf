"""Author mistakes fail the strict build with one sentence naming the file."""

import logging
import re
import subprocess
import sys

import pytest

from .conftest import REPO

GOOD = "Author: Reader\nDate: 2014-04-10 03:53\n\nA fine comment.\n"

CASES = {
    "unknown article": (
        {"firts-post/a.md": GOOD},
        "content/comments/firts-post/a.md: there is no article with the slug "
        "'firts-post'; did you mean 'first-post'?",
    ),
    "unknown parent": (
        {"first-post/a.md": GOOD, "first-post/b.md": GOOD.replace("\n\n", "\nReplyto: zz\n\n")},
        "content/comments/first-post/b.md: Replyto names 'zz', which is no other comment",
    ),
    "reply cycle": (
        {
            "first-post/a.md": GOOD.replace("\n\n", "\nReplyto: b\n\n"),
            "first-post/b.md": GOOD.replace("\n\n", "\nReplyto: a\n\n"),
        },
        "content/comments/first-post/a.md: its Replyto chain loops back on itself "
        "(content/comments/first-post/a.md -> content/comments/first-post/b.md -> "
        "content/comments/first-post/a.md)",
    ),
    "missing date": (
        {"first-post/a.md": "Author: Reader\n\nHello\n"},
        "content/comments/first-post/a.md: the comment has no date; add a "
        "'Date: YYYY-MM-DD HH:MM, e.g. 2014-04-10 03:53' line.",
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
        "content/comments/first-post/b.md: the reply is dated 2014-04-09 10:00, before "
        "the comment it answers, content/comments/first-post/a.md",
    ),
    "empty body": (
        {"first-post/a.md": "Author: Reader\nDate: 2014-04-10 03:53\n\n   \n"},
        "content/comments/first-post/a.md: the comment's text is empty",
    ),
    "duplicate ids": (
        {"first-post/Maria.md": GOOD, "first-post/maria.md": GOOD},
        "content/comments/first-post/maria.md: the comment id 'maria' is already used "
        "by content/comments/first-post/Maria.md; rename one of the files.",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_strict_build_fails_naming_the_file(site, strict, caplog, case):
    files, message = CASES[case]
    for relpath, text in files.items():
        site.comment(relpath, text)
    with pytest.raises(RuntimeError, match="Warning or error encountered"):
        site.build()
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and message in errors[0], errors


def test_all_problems_are_reported_in_one_go(site, strict, caplog):
    site.comment("first-post/a.md", "Author: Reader\n\nHello\n")
    site.comment("first-post/b.md", "Author: Reader\nDate: 2014-04-10\n\n")
    with pytest.raises(RuntimeError):
        site.build()
    (message,) = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert message.startswith("Comments: 2 problems:\n")
    assert "first-post/a.md: the comment has no date" in message
    assert "first-post/b.md: the comment's text is empty" in message


def test_a_bad_comments_line_names_the_post(site, strict, caplog):
    site.post("First post", "2014-04-01 10:00", slug="first-post", extra="Comments: off")
    with pytest.raises(RuntimeError):
        site.build()
    assert (
        "content/posts/first-post.md: 'Comments: off' should be one of open, closed, "
        "hidden (using 'open')." in caplog.text
    )


def test_a_bad_setting_fails_at_start_up(site, strict, caplog):
    with pytest.raises(RuntimeError):
        site.build(COMMENTS_ORDER="sideways")
    assert "Setting COMMENTS_ORDER is 'sideways'" in caplog.text


def test_without_strict_every_comment_is_shown_exactly_once(site, caplog):
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
    assert "Comments: 3 problems" in caplog.text


@pytest.mark.slow
def test_the_command_line_fails_on_the_authors_mistake_alone(site):
    # Pelican's --fatal turns our logged error into its own RuntimeError and
    # prints that; no exception of the plugin's own may surface.
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
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO / "plugins"), "COLUMNS": "300"},
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "content/comments/first-post/a.md:2: the date 'someday' cannot be read" in output
    assert set(re.findall(r"\b(\w+(?:Error|Exception)): ", output)) == {"RuntimeError"}
    assert "RuntimeError: Warning or error encountered" in output
