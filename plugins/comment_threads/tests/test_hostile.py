"""Hostile and broken comment files: each trick an attack found, and what the build does with it.

Unit tests of the reader and the renderer first, then tiny sites built
strict and relaxed: nothing from a malformed line, no address, no raw id,
no traceback reaches a page or a feed.
"""

import datetime
import logging
import os
import re

import feedparser
import pytest
from bs4 import BeautifulSoup
from lxml import etree

from pelican.plugins.comment_threads.commentfile import parse
from pelican.plugins.comment_threads.markdown_guard import (
    LINK_PROCESSORS,
    MAX_BRACKETS,
    BoundedLinkText,
    link_text_end,
    nesting_depth,
)
from pelican.plugins.comment_threads.names import author_badge, fold
from pelican.plugins.comment_threads.render import CONVERTER, render_body

from .dangers import markup_dangers

ADDRESS = "maria@private.test"
HEAD = "Author: Maria L.\nDate: 2014-04-10 03:53\n"
ARTICLE = "2014/04/first-post/index.html"
AUTHORS = ["Elena Marsh", "David Okafor"]

# Every way an Email line was slightly malformed, and lines after a malformed one.
MALFORMED_HEADERS = {
    "space before the colon": f"Email : {ADDRESS}",
    "two words": f"Email address: {ADDRESS}",
    "zero-width space first": f"\u200bEmail: {ADDRESS}",
    "full-width colon": f"Email\uff1a {ADDRESS}",
    "no space after the colon": f"Email:{ADDRESS}",
    "indented": f"  Email: {ADDRESS}",
    "line after a malformed one": f"Nickname? none\nEmail: {ADDRESS}\nWebsite: https://ok.test",
    "lower case key": f"email: {ADDRESS}",
    "bare address": ADDRESS,
}


@pytest.mark.parametrize("line", MALFORMED_HEADERS.values(), ids=MALFORMED_HEADERS.keys())
def test_a_malformed_header_line_is_a_mistake_never_text(line):
    comment, mistakes = parse(f"{HEAD}{line}\n\nThe text.\n")
    assert mistakes, line
    assert comment.body == "The text."
    assert ADDRESS not in repr(comment)


def test_a_malformed_email_line_is_reported_as_an_address():
    _, mistakes = parse(f"{HEAD}\u200bEmail\uff1a {ADDRESS}\n\nHi\n")
    assert "email addresses are not allowed" in mistakes[0].message
    assert mistakes[0].line == 3


def test_a_name_or_website_that_holds_an_address_is_refused():
    comment, mistakes = parse(f"Author: {ADDRESS}\nDate: 2014-04-10 03:53\n"
                              f"Website: https://{ADDRESS}/\n\nHi\n")
    assert [m.line for m in mistakes] == [1, 3]
    assert ADDRESS not in repr(comment)


def test_an_address_in_the_text_is_reported_and_not_shown():
    comment, mistakes = parse(f"{HEAD}\nWrite to me at {ADDRESS} please.\n")
    assert mistakes[0].message == "the comment's text holds an email address"
    assert comment.body == "Write to me at (address removed) please."


def test_a_website_the_url_parser_cannot_read_is_a_mistake():
    comment, mistakes = parse(f"{HEAD}Website: http://[oops\n\nHi\n")
    assert mistakes[0].line == 3 and "not a web address" in mistakes[0].message
    assert comment.website is None


def test_control_characters_are_reported_and_never_kept():
    comment, mistakes = parse("Author: Bo\x07b\nDate: 2014-04-10 03:53\n\nHi\x0b there \uffff\n")
    assert {m.message for m in mistakes} >= {"the 'Author' value holds a control character",
                                             "the comment's text holds a control character"}
    assert comment.author == "" and comment.body == "Hi there"


def test_a_date_far_in_the_future_is_refused():
    now = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    comment, mistakes = parse("Author: A\nDate: 9999-12-31 23:59\n\nPinned?\n", now=now)
    assert mistakes[0].message == "the date '9999-12-31 23:59' is in the future"
    assert comment.date is None
    # Within a day is a time zone, not a trick.
    comment, mistakes = parse("Author: A\nDate: 2026-01-01 20:00\n\nSoon\n", now=now)
    assert mistakes == [] and comment.date.day == 1


def test_a_comment_over_the_size_limit_is_refused_and_cut():
    comment, mistakes = parse(f"{HEAD}\n{'a' * 101}\n", max_length=100)
    assert mistakes[0].message == "the comment's text is 101 characters long"
    assert len(comment.body) <= 102


def test_stacks_of_combining_marks_are_cut_and_reported():
    zalgo = "Z" + "\u0301\u0302\u0303\u0304" * 150
    comment, mistakes = parse(f"Author: {zalgo[:40]}\nDate: 2014-04-10 03:53\n\nHe comes {zalgo}\n")
    assert mistakes[0].message == "the comment stacks more than 6 accents on one letter"
    assert comment.body == "He comes Z" + "\u0301\u0302\u0303\u0304\u0301\u0302"
    assert len(comment.author) == 7
    assert parse(f"{HEAD}\nTiếng Việt có dấu.\n")[1] == []


def test_a_comment_that_starts_with_an_indented_code_block_keeps_it():
    comment, _ = parse(f"{HEAD}\n    $ pelican content\n\nThat is the command.\n")
    assert "<pre><code>$ pelican content" in render_body(comment.body)


@pytest.mark.parametrize("text, kept", [
    ("It loads its table with a <script> so copying fails. My point: it works.", "My point: it works."),
    ("Write <your A-number here> on the form.", "&lt;your A-number here&gt; on the form"),
    ("The <Respondent> must appear.", "&lt;Respondent&gt; must appear"),
    ("See <www.uscis.gov> for forms.", "&lt;www.uscis.gov&gt; for forms"),
    ("A <style> tag and a <textarea> tag, then words.", "&lt;textarea&gt; tag, then words."),
    ("<div>\nA block with <b>bold</b>.\n</div>", "&lt;div&gt;"),
])
def test_text_in_angle_brackets_is_kept_as_text(text, kept):
    html = render_body(text)
    assert kept in html
    assert markup_dangers(html) == []


def test_allowed_tags_written_as_html_still_work():
    html = render_body('Some <em>stress</em> and <a href="https://ok.test">a link</a>.')
    assert "<em>stress</em>" in html and '<a href="https://ok.test"' in html


@pytest.mark.parametrize("text", ["+ " * 600, "> " * 600, "1. " * 400,
                                  "\n".join("    " * i + "- x" for i in range(300))])
def test_deep_nesting_is_shown_as_plain_text_not_a_crash(text):
    assert nesting_depth(text) > 16
    html = render_body(text)
    assert html.startswith("<p>") and markup_dangers(html) == []


def test_link_text_is_scanned_a_bounded_distance():
    # Python-Markdown's own scan would find this link's end; a bounded one gives up.
    nested = "[" * (MAX_BRACKETS + 1) + "]" * (MAX_BRACKETS + 1)
    assert link_text_end(nested, 1) is None
    assert link_text_end("[a [b] c](u)", 1) == 8
    assert link_text_end("[" * 30000, 1) is None


def test_thirty_thousand_brackets_render_as_text():
    # Every link processor of the comments' converter uses the bounded scan...
    for name in LINK_PROCESSORS:
        assert isinstance(CONVERTER.inlinePatterns[name], BoundedLinkText), name
    # ...so this takes a moment, not minutes, and the brackets stay text.
    html = render_body("[" * 30000)
    assert html.count("[") == 30000


@pytest.mark.parametrize("name", [
    "Elena Marſh", "Elena\u00a0Marsh", "Elena\u3000Marsh", "elena marsh", "ELENA MARSH",
    "Elena Mar\u200bsh", "\u202eElena Marsh", "Еlena Marsh",  # Cyrillic Е
    "Elena Marsh\u200d", "Ele\u0301na Marsh",
])
def test_look_alikes_of_a_site_authors_name_are_refused(name):
    assert fold(name) == fold("Elena Marsh")
    badge, problem = author_badge(name, None, AUTHORS)
    assert not badge and "'Elena Marsh'" in problem


def test_the_badge_follows_the_role_line():
    assert author_badge("Elena Marsh", "author", AUTHORS) == (True, None)
    assert author_badge("Elena Marsh", None, AUTHORS)[0] is False
    badge, problem = author_badge("Maria L.", "author", AUTHORS)
    assert not badge and "not one of the site's authors" in problem
    assert author_badge("Maria L.", None, AUTHORS) == (False, None)


# Tiny sites, built strict and relaxed.

def build(site, strict_mode):
    site.build()
    page = site.output / ARTICLE
    return page.read_text(encoding="utf-8") if page.exists() else ""


def everything_written(output):
    return "\n".join(path.read_text(encoding="utf-8", errors="replace")
                     for path in output.rglob("*") if path.is_file())


@pytest.mark.parametrize("line", MALFORMED_HEADERS.values(), ids=MALFORMED_HEADERS.keys())
def test_no_build_publishes_a_malformed_line(site, line, caplog):
    site.comment("first-post/maria.md", f"{HEAD}{line}\n\nThe text.\n")
    site.build()
    written = everything_written(site.output)
    assert "The text." in written
    assert ADDRESS not in written
    assert "maria.md:" in site.result.text


def test_a_file_name_with_markup_is_refused_and_never_printed(site, caplog):
    name = 'x" onmouseover="alert(1)" y=".md'
    site.comment(f"first-post/{name}", f"{HEAD}\nHello from a bad name.\n")
    site.comment("first-post/ok.md", f"{HEAD}\nA good one.\n")
    site.build()
    page = site.read(ARTICLE)
    assert "onmouseover" not in page and "Hello from a bad name." not in page
    assert "A good one." in page
    assert "cannot be a comment id" in site.result.text


def test_control_characters_never_reach_a_feed(site):
    site.comment("first-post/a.md", "Author: Bob\uffff\nDate: 2014-04-10 03:53\n\nBell\x07 here\n")
    site.comment("first-post/b.md", "Author: Ann\nDate: 2014-04-10 04:53\n\nFine \uffff\n")
    site.build()
    for feed in ("feeds/comments.atom.xml", "feeds/comments/first-post.atom.xml"):
        etree.fromstring((site.output / feed).read_bytes())  # raises if ill-formed
    assert feedparser.parse(site.read("feeds/comments.atom.xml")).entries[0].summary.startswith("<p>Fine")


def test_a_reply_chain_thousands_deep_builds_and_shows_every_comment(site, caplog):
    site.comment("first-post/c0.md", f"{HEAD}\nStart.\n")
    start = datetime.datetime(2014, 4, 11)
    for number in range(1, 1500):
        when = start + datetime.timedelta(minutes=number)
        site.comment(f"first-post/c{number}.md",
                     f"Author: R{number}\nDate: {when:%Y-%m-%d %H:%M}\nReplyto: c{number - 1}\n\n"
                     f"Reply {number}.\n")
    site.build()
    page = BeautifulSoup(site.read(ARTICLE), "html.parser")
    ids = [a["id"] for a in page.select("article.comment")]
    assert ids == [f"comment-c{n}" for n in range(1500)]
    assert "problem" not in site.result.text
    # Nesting stops at COMMENTS_MAX_INDENT (4): the thread's list, four
    # indented levels, one flat list holding the rest in order.
    assert len(page.select(" ".join(["ol.comment-list"] * 6))) == 1
    assert len(page.select(" ".join(["ol.comment-list"] * 7))) == 0
    assert len(page.select("ol.comment-list--flat > li")) == 1500 - 5


def test_deep_nesting_and_brackets_build_with_one_sentence(site, caplog):
    site.comment("first-post/lists.md", f"{HEAD}\n{'+ ' * 600}\n")
    site.comment("first-post/brackets.md", f"{HEAD}\n{'[' * 20000}\n")
    site.build()
    page = site.read(ARTICLE)
    assert page.count("[") >= 20000
    assert re.search(r"lists\.md: the text nests lists or quotes \d+ levels deep", site.result.text)
    assert "Traceback" not in site.result.text


def test_a_future_date_is_reported_and_not_pinned_first(site, caplog):
    site.comment("first-post/old.md", f"{HEAD}\nEarlier.\n")
    site.comment("first-post/pin.md", "Author: P\nDate: 9999-12-31 23:59\n\nPinned?\n")
    site.build()
    page = BeautifulSoup(site.read(ARTICLE), "html.parser")
    assert [a["id"] for a in page.select("article.comment")] == ["comment-old", "comment-pin"]
    assert "pin.md:2: the date '9999-12-31 23:59' is in the future" in site.result.text


def test_the_size_limit_is_a_setting(site, caplog):
    site.comment("first-post/long.md", f"{HEAD}\n{'word ' * 100}\n")
    site.build(COMMENTS_MAX_LENGTH=100)
    assert "long.md: the comment's text is 499 characters long; the limit is 100" in site.result.text
    assert site.read(ARTICLE).count("word") < 30


def test_symlinks_and_hidden_files_are_reported_and_never_followed(site, tmp_path, caplog):
    secret = tmp_path / "secret.md"
    secret.write_text(f"{HEAD}\nSECRET FROM OUTSIDE\n", encoding="utf-8")
    folder = site.content / "comments" / "first-post"
    site.comment("first-post/ok.md", f"{HEAD}\nVisible.\n")
    os.symlink(secret, folder / "linked.md")
    os.symlink(tmp_path, site.content / "comments" / "linked-folder")
    (folder / ".draft.md").write_text(f"{HEAD}\nHidden.\n", encoding="utf-8")
    (site.content / "comments" / ".git").mkdir()
    site.build()
    page = site.read(ARTICLE)
    assert "Visible." in page and "SECRET" not in page and "Hidden." not in page
    for name in ("first-post/linked.md", "linked-folder", "first-post/.draft.md", ".git"):
        assert f"content/comments/{name}: not read, because" in site.result.text


def test_look_alike_names_get_no_badge_and_names_are_isolated(site, caplog):
    site.comment("first-post/fake.md", "Author: Elena Mar\u017fh\nDate: 2014-04-10 03:53\n\nTrust me.\n")
    site.comment("first-post/real.md",
                 "Author: Elena Marsh\nDate: 2014-04-10 04:53\nRole: author\n\nIt is me.\n")
    site.comment("first-post/rtl.md", "Author: \u202eevil\nDate: 2014-04-10 05:53\n\nHi\n")
    site.build()
    page = BeautifulSoup(site.read(ARTICLE), "html.parser")
    badges = [a["id"] for a in page.select("article.comment--site-author")]
    assert badges == ["comment-real"]
    assert "fake.md: the name 'Elena Marſh' looks like that of the site author 'Elena Marsh'" in site.result.text
    assert page.select_one("#comment-rtl .comment__author bdi").get_text() == "\u202eevil"
    titles = [e.title for e in feedparser.parse(site.read("feeds/comments.atom.xml")).entries]
    assert "\u2068\u202eevil\u2069 on First post" in titles


def test_the_strict_build_stops_on_each_trick_with_one_sentence(site):
    site.comment("first-post/a.md", f"{HEAD}Email : {ADDRESS}\n\nHi\n")
    site.build(strict=True)
    assert site.result.stopped
    assert "a.md:3:" in site.result.text and "Traceback" not in site.result.text


@pytest.fixture(autouse=True)
def _log_errors(caplog):
    caplog.set_level(logging.WARNING)
