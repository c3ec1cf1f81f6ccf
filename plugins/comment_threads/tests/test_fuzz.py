"""Fuzzing the comment path with generated files: the reader, the renderer, names and feeds.

Invariants: reading never raises; text from a line before the first blank
line is never body text; no email address survives into what is shown;
rendering never raises and never lets markup through that could run; feed
text is always well-formed XML.
"""

import datetime

from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from pelican.plugins.comment_threads.commentfile import ADDRESS, KEYS, format, parse
from pelican.plugins.comment_threads.feeds import xml_text
from pelican.plugins.comment_threads.names import fold
from pelican.plugins.comment_threads.render import render_body
from tests.fuzzing import budget

from .dangers import markup_dangers

SECRET = "hidden.person@private.test"
# Characters attackers and broken tools produce: invisible, bidi, look-alike,
# full-width, controls, markup and Markdown's own.
TRICKY = st.sampled_from(list("\u200b\u200d\u202e\u2066\u2069\ufeff\u00a0\u3000\uff1a\u017f\u0430"
                              "\x00\x07\x0b\x1b\x7f\x85\ufffe\uffff\r\t<>&\"'[]()*_`#>!-+:=\\"))
TEXT = st.text(st.one_of(st.characters(codec="utf-8"), TRICKY), max_size=200)
MARKDOWNISH = st.lists(st.one_of(
    TEXT,
    st.sampled_from(["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
                     "<your A-number here>", "<a href='https://ok.test' onclick=x>ok</a>", "    code",
                     "> quote", "- item", "+ + + + +", "[" * 50, "<style>", "<textarea>", "<!-- c -->",
                     "&lt;", "**bold**", "\n\n", "\n", "$a_b_c$", "Z\u0301\u0302\u0303\u0304\u0305\u0306\u0307"]),
), max_size=12).map("".join)
# Header lines: good ones, and the malformed kinds the attack used, each
# carrying an address that must never be shown.
GOOD_LINES = st.sampled_from(["Author: Maria L.", "Date: 2014-04-10 03:53", "Website: https://ok.test",
                              "Replyto: abc", "Role: author"])
BAD_LINES = st.builds(
    lambda before, key, colon, after: f"{before}{key}{colon}{after}{SECRET}",
    st.sampled_from(["", " ", "\u200b", "\ufeff", "\u202e", "\t"]),
    st.sampled_from(["Email", "email", "E-mail", "Email address", "Emaıl", "Mail", "Author x"]),
    st.sampled_from([":", " :", "\uff1a", "\ufe55", "", " "]),
    st.sampled_from([" ", "", "\u00a0", "\t"]),
)


@budget(150)
@given(st.lists(st.one_of(GOOD_LINES, BAD_LINES, TEXT.filter(lambda s: "\n" not in s)), max_size=8),
       MARKDOWNISH)
def test_no_header_line_becomes_body_and_no_address_is_kept(header, body):
    text = "\n".join(header) + "\n\n" + body
    comment, mistakes = parse(text, now=datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC))
    lines = text.split("\n")
    blank = next(i for i, line in enumerate(lines) if not line.rstrip("\r").strip())
    after_blank = "\n".join(lines[blank + 1:])
    # Text before the first blank line is header: never shown as the comment.
    if SECRET not in after_blank:
        assert SECRET not in comment.body
    assert SECRET not in comment.author and SECRET not in (comment.website or "")
    assert not ADDRESS.search(comment.author)
    if any(SECRET in line for line in lines[:blank]):
        assert mistakes


@budget(150)
@given(st.text(max_size=400))
def test_reading_never_raises(text):
    parse(text, now=datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC))


@budget(150)
@given(MARKDOWNISH)
def test_rendering_never_raises_and_never_lets_markup_run(body):
    html = render_body(body)
    assert markup_dangers(html) == []
    etree.fromstring(f"<div>{xml_text(html)}</div>".encode(), etree.HTMLParser())


@budget(100)
@given(TEXT)
def test_feed_text_is_always_xml(text):
    cleaned = xml_text(text).replace("&", "&amp;").replace("<", "&lt;")
    etree.fromstring(f"<title>{cleaned}</title>".encode("utf-8", "surrogatepass"))


@budget(100)
@given(TEXT)
def test_folding_is_stable(name):
    assert fold(fold(name)) == fold(name)


@budget(100)
@given(st.builds(dict, author=TEXT, body=MARKDOWNISH, website=TEXT))
def test_what_format_writes_parse_reads_back(values):
    from pelican.plugins.comment_threads.commentfile import (
        CommentFile,
        CommentFileError,
    )

    comment = CommentFile(author=values["author"], date=datetime.datetime(2014, 4, 10, 3, 53),
                          body=values["body"], website=values["website"] or None)
    try:
        text = format(comment)
    except CommentFileError:
        return
    _, mistakes = parse(text)
    header_mistakes = [m for m in mistakes if m.line is not None]
    # Whatever format() agrees to write is read back as the same header.
    assert not [m for m in header_mistakes if "is not a header line" in m.message or "unknown" in m.message]
    assert len(text.split("\n\n", 1)[0].split("\n")) <= len(KEYS)
