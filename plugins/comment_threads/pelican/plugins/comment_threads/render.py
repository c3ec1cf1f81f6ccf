"""Untrusted comment text into safe HTML, and threads into template data.

Everything a template prints from a comment leaves this module as Markup
that is already escaped or sanitized, so the templates need no filters and
a forgotten `|e` cannot open a hole.
"""

from dataclasses import dataclass, field
from urllib.parse import quote

import markdown
import nh3
import smartypants
from markupsafe import Markup, escape
from pelican.utils import strftime

from pelican.plugins.site_common.text import plain_text

from . import commentfile, strings
from .commentfile import CommentFile, is_website
from .markdown_guard import MAX_NESTING, CommentMarkdown, nesting_depth
from .names import author_badge, isolated_html, isolated_text

# What a comment may contain: text formatting, lists, quotes, code and links.
# No headings (they would break the page's outline), no images (tracking
# pixels), no tables, forms, frames, styles or scripts.
ALLOWED_TAGS = {
    "a", "p", "br", "em", "strong", "b", "i", "code", "pre", "blockquote",
    "ul", "ol", "li", "hr", "del", "sub", "sup",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# Links in comments are the reader's, not ours: no endorsement, no opener.
LINK_REL = "nofollow ugc noopener"
EMPTY_BODY = Markup("<p><em>(This comment has no text.)</em></p>")


def sanitize_html(html):
    return Markup(
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=ALLOWED_URL_SCHEMES,
            link_rel=LINK_REL,
            strip_comments=True,
        )
    )


# One converter for every comment: setting up a Markdown instance costs more
# than converting a short comment with it.
CONVERTER = markdown.Markdown(
    extensions=["sane_lists", CommentMarkdown(ALLOWED_TAGS)], output_format="html"
)


# Curly quotes, dashes and ellipses as in the posts (TYPOGRIFY_DASHES =
# "oldschool": -- and --- for en and em dashes); `w` also curls &quot;.
TYPOGRAPHY = smartypants.Attr.set2 | smartypants.Attr.w


def typeset(html):
    """Curly quotes and dashes in the text of sanitized HTML.

    smartypants changes text between tags only, leaves code and pre alone,
    and writes numeric entities: it cannot add markup to what nh3 passed.
    """
    return Markup(smartypants.smartypants(str(html), TYPOGRAPHY))


def render_body(text):
    """Render a comment's Markdown, sanitize the result, then set it in type; never raises.

    Text nested too deeply for Markdown's recursive parser is shown as
    plain text instead (body_problems says so to the moderator).
    """
    if not text.strip():
        return EMPTY_BODY
    if nesting_depth(text) > MAX_NESTING:
        return plain_text_html(text)
    try:
        html = CONVERTER.reset().convert(text)
    except RecursionError:
        return plain_text_html(text)
    return typeset(sanitize_html(html))


def plain_text_html(text):
    """The text as escaped paragraphs, line breaks kept: what Markdown could not read."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    return Markup("\n").join(
        Markup("<p>{}</p>").format(Markup("<br>\n").join(escape(line) for line in p.split("\n")))
        for p in paragraphs
    )


def body_problems(text):
    """What a moderator should know about how a body is shown, as sentences without the file."""
    depth = nesting_depth(text)
    if depth > MAX_NESTING:
        return [(f"the text nests lists or quotes {depth} levels deep, more than the "
                 f"{MAX_NESTING} a comment may; it is shown as plain text")]
    return []


def safe_website(url):
    """The commenter's website if it is an http(s) address, else None."""
    if not url or not is_website(url.strip()):
        return None
    return escape(url.strip())


def count_text(count, state):
    if count == 0:
        return strings.COUNT_CLOSED if state == "closed" else strings.COUNT_NONE
    return strings.COUNT_ONE if count == 1 else strings.COUNT_MANY.format(count=count)


def mailto_href(address, slug, title, replyto=None):
    """A mailto: link whose body is a comment file ready to save, answering `replyto` if given.

    The body comes from the comment-file module like every other comment
    file; it has no Date line on purpose: a file published without one
    fails the build instead of going out undated. The whole address is
    written as character references, so that the address never stands in
    the page's source as plain text for harvesters.
    """
    # The title is HTML after Typogrify ("immigration&nbsp;court"); a mail
    # subject wants its plain text.
    plain_title = plain_text(title)
    subject = strings.MAIL_SUBJECT.format(title=plain_title, slug=slug)
    draft = CommentFile(author="your name", date=None, body=strings.MAIL_BODY, replyto=replyto)
    body = commentfile.format(draft, undated=True)
    href = f"mailto:{address}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"
    return Markup("".join(f"&#{ord(c)};" for c in href))


@dataclass(frozen=True)
class CommentView:
    id: Markup
    author_name: str
    author: Markup
    website: Markup | None
    by_site_author: bool
    date: object
    date_text: str
    permalink: str
    body: Markup
    parent_id: str | None
    parent_author: Markup | None
    indent_replies: bool
    replies: list
    # Where this comment's Reply link leads without JavaScript: the form
    # (whose "In reply to" list names it), or a mail already answering it.
    reply_href: Markup | str = "#comment-form"


@dataclass(frozen=True)
class ThreadView:
    """What the templates get as `article.comment_thread`."""

    state: str
    count: int
    count_text: str
    comments: list
    feed_url: str | None
    endpoint: str | None
    mailto: Markup | None
    policy_url: str
    slug: str = ""
    # The form's "In reply to" choices: ReplyTarget per comment, in thread order.
    reply_targets: list = field(default_factory=list)
    max_length: int = 65535


@dataclass(frozen=True)
class ReplyTarget:
    id: str
    label: Markup


def reply_targets(views):
    """One choice per comment for the form's "In reply to" list: "Name (date)".

    An <option> holds text only, so the name is isolated with Unicode's own
    marks rather than <bdi>.
    """
    return [ReplyTarget(v.id, Markup("{} ({})").format(isolated_text(v.author_name),
                                                       v.date_text.split(" at ")[0]))
            for v in flatten(views)]


def comment_views(nodes, *, article_url, author_names, date_format, max_indent,
                  render=render_body, reply_href=None):
    """Turn a thread's Nodes into CommentViews for the templates.

    `render` turns a body into HTML: render_body, or a cache in front of it.
    `reply_href(comment_id)` gives a Reply link's target when it is not the form.
    Ids are escaped although the loader refuses any id that would need it:
    they reach attributes, and no build mode may let one break out.
    """

    def view(node):
        comment, parent = node.comment, node.parent
        return CommentView(
            id=escape(comment.id),
            author_name=comment.author,
            author=isolated_html(comment.author),
            website=safe_website(comment.website),
            by_site_author=author_badge(comment.author, comment.role, author_names)[0],
            date=comment.date,
            date_text=strftime(comment.date, date_format),
            permalink=escape(f"{article_url}#comment-{comment.id}"),
            body=render(comment.body),
            parent_id=escape(parent.id) if parent else None,
            parent_author=isolated_html(parent.author) if parent else None,
            indent_replies=node.depth < max_indent,
            replies=[view(reply) for reply in node.replies],
            reply_href=reply_href(comment.id) if reply_href else "#comment-form",
        )

    return [view(node) for node in nodes]


def flatten(views):
    """Every comment of a thread, parents before their replies."""
    for view in views:
        yield view
        yield from flatten(view.replies)
