"""Rendering untrusted comments: Markdown in, only harmless HTML out."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from markupsafe import Markup

from pelican.plugins.comment_threads.load import Comment
from pelican.plugins.comment_threads.render import (
    comment_views,
    count_text,
    flatten,
    mailto_href,
    render_body,
    safe_website,
)
from pelican.plugins.comment_threads.threads import build_thread

from .dangers import markup_dangers

NASTY_BODIES = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.test/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    '<p onclick="alert(1)" onmouseover=alert(1)>hi</p>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java&#x09;script:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<a href="vbscript:msgbox(1)">x</a>',
    '<iframe src="https://evil.test"></iframe>',
    "<object data=evil.swf></object><embed src=evil.swf>",
    '<form action="https://evil.test"><input name=p><button>go</button></form>',
    "<style>body{display:none}</style>",
    '<p style="position:fixed;top:0">cover</p>',
    '<svg onload="alert(1)"><circle r=1 /></svg>',
    '<math><mtext><script>alert(1)</script></mtext></math>',
    "<!-- <script>alert(1)</script> -->",
    '<meta http-equiv="refresh" content="0;url=https://evil.test">',
    '<base href="https://evil.test/">',
    '<link rel=stylesheet href="https://evil.test/x.css">',
    '![pixel](https://evil.test/track.gif)',
    '<div><img src="https://evil.test/x.png"></div>',
    "<<script>script>alert(1)<</script>/script>",
    "<h1>Shouting heading</h1>",
    '<a href="https://ok.test" target="_blank" rel="opener">ok</a>',
]


def test_the_danger_check_finds_what_it_must():
    # Negative control: the check below would catch each kind of harm.
    assert markup_dangers('<p onclick="x">a</p><script>b</script>') == ["<p onclick>", "<script>"]
    assert markup_dangers('<a href="javascript:alert(1)">x</a><!-- c -->') == [
        "<a href=javascript:alert(1)>", "<!--"]
    assert markup_dangers("<p>&lt;img src=x onerror=alert(1)&gt;</p>") == []


@pytest.mark.parametrize("body", NASTY_BODIES)
def test_nasty_bodies_come_out_harmless(body):
    assert markup_dangers(render_body(body)) == []


def test_a_whole_corpus_in_one_body_stays_harmless():
    assert markup_dangers(render_body("\n\n".join(NASTY_BODIES))) == []


def test_ordinary_markdown_survives():
    html = render_body(
        "Some *emphasis*, **strong**, `code`.\n\n> quoted\n\n- one\n- two\n\n"
        "See [EOIR](https://www.justice.gov/eoir) or <https://example.org>."
    )
    assert "<em>emphasis</em>" in html and "<strong>strong</strong>" in html
    assert "<code>code</code>" in html and "<blockquote>" in html and "<li>one</li>" in html
    assert (
        '<a href="https://www.justice.gov/eoir" rel="nofollow ugc noopener">EOIR</a>' in html
    )


def test_links_always_get_the_ugc_rel():
    html = render_body('<a href="https://x.test" rel="author">x</a> [y](http://y.test)')
    assert html.count('rel="nofollow ugc noopener"') == 2


def test_text_that_looks_like_html_is_escaped_not_interpreted():
    assert "&lt;" in render_body("Compare: 8.3% < 10% and `<b>`")


def test_quotes_and_dashes_are_set_as_in_the_posts_but_code_is_left_alone():
    html = render_body('She said "it\'s 8.3%" -- not 1.4... `"raw" -- code`\n\n    "indented" code')
    assert "&#8220;it&#8217;s 8.3%&#8221; &#8211; not 1.4&#8230;" in html
    assert '<code>"raw" -- code</code>' in html
    assert '"indented" code' in html


def test_typesetting_adds_no_markup_to_a_hostile_body():
    html = render_body('"<script>alert(1)</script>" -- <img src=x onerror="alert(1)">')
    # The tags stay text; the quotes around and inside them are curled as text.
    assert "<script" not in html and "<img" not in html
    assert html.startswith("<p>&#8220;&lt;script&gt;") and "onerror=&#8221;" in html


def test_body_is_markup_so_templates_do_not_escape_it_twice():
    assert isinstance(render_body("hi"), Markup)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=1&c=2", "https://example.org/a?b=1&amp;c=2"),
        ("http://example.org", "http://example.org"),
        ('https://x.test/"><script>', "https://x.test/&#34;&gt;&lt;script&gt;"),
        ("javascript:alert(1)", None),
        ("JAVASCRIPT:alert(1)", None),
        ("data:text/html,<script>", None),
        ("//evil.test", None),
        ("example.org", None),
        ("ftp://example.org", None),
        ("", None),
        (None, None),
    ],
)
def test_website_must_be_http_and_is_escaped(url, expected):
    result = safe_website(url)
    assert (None if result is None else str(result)) == expected


@pytest.mark.parametrize(
    ("count", "state", "text"),
    [
        (0, "open", "No comments yet"),
        (0, "closed", "Comments are closed"),
        (1, "open", "1 comment"),
        (5, "closed", "5 comments"),
        (312, "open", "312 comments"),
    ],
)
def test_count_text(count, state, text):
    assert count_text(count, state) == text


def test_mailto_carries_the_slug_and_a_comment_file():
    href = mailto_href("c@blog.test", "mexico-fy2012", "Mexico & asylum")
    url = urlsplit(Markup(href).unescape())
    assert url.scheme == "mailto" and url.path == "c@blog.test"
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    assert "content/comments/mexico-fy2012/" in query["subject"]
    # A comment file from the comment-file module, undated until a moderator dates it.
    assert query["body"].startswith("Author: your name\n\nYour comment")
    assert "Date:" not in query["body"]
    assert "&body=" in Markup(href).unescape()
    # Character references only: the address is nowhere in the page's source as text.
    assert "c@blog.test" not in str(href) and str(href).startswith("&#109;&#97;")


def test_mailto_answering_a_comment_names_it():
    href = mailto_href("c@blog.test", "p", "T", replyto="tom-weak-claims")
    body = parse_qs(urlsplit(Markup(href).unescape()).query)["body"][0]
    assert body.startswith("Author: your name\nReplyto: tom-weak-claims\n\n")


def test_mailto_subject_is_the_plain_text_of_the_title():
    href = mailto_href("c@blog.test", "p", "Why <em>Mexican</em> asylum&nbsp;court &amp; law")
    query = parse_qs(urlsplit(Markup(href).unescape()).query)
    assert query["subject"][0] == "Comment on “Why Mexican asylum court & law” (content/comments/p/)"


def make(cid, author, day, replyto=None, website=None, body="text", role=None):
    return Comment(
        id=cid, slug="p", path=f"p/{cid}.md", author=author,
        date=datetime.datetime(2014, 4, day, 9, 5, tzinfo=datetime.UTC),
        replyto=replyto, website=website, body=body, role=role,
    )


def views(comments, max_indent=2):
    nodes, _ = build_thread(comments, datetime.datetime(2014, 4, 1, tzinfo=datetime.UTC))
    return comment_views(
        nodes,
        article_url="https://blog.test/2014/04/p/",
        author_names=["Elena Marsh"],
        date_format="%B %-d, %Y at %-I:%M %p",
        max_indent=max_indent,
    )


def test_views_escape_names_and_mark_the_sites_author():
    (reader,) = views(
        [
            make("a", '<img src=x onerror=alert(1)>"Bob"', 2, website="javascript:alert(1)"),
            make("b", "  elena   MARSH ", 3, "a", role="author"),
        ]
    )
    assert str(reader.author) == "<bdi>&lt;img src=x onerror=alert(1)&gt;&#34;Bob&#34;</bdi>"
    assert reader.website is None and not reader.by_site_author
    reply = reader.replies[0]
    assert reply.by_site_author
    assert reply.parent_id == "a" and reply.parent_author == reader.author
    assert reply.permalink == "https://blog.test/2014/04/p/#comment-b"
    assert reply.date_text == "April 3, 2014 at 9:05 AM"


def test_indenting_stops_at_the_configured_depth():
    chain = [make("c0", "A", 2)] + [make(f"c{i}", "A", 2 + i, f"c{i - 1}") for i in range(1, 5)]
    flat = list(flatten(views(chain, max_indent=2)))
    assert [v.id for v in flat] == ["c0", "c1", "c2", "c3", "c4"]
    assert [v.indent_replies for v in flat] == [True, True, False, False, False]
