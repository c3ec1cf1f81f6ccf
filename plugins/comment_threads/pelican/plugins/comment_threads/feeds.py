"""Comments as items for Pelican's feed writer."""

import re
from dataclasses import dataclass

from markupsafe import Markup

from . import strings
from .names import isolated_text
from .render import flatten

# What XML 1.0 cannot carry: C0 controls but tab and line breaks, lone
# surrogates, U+FFFE and U+FFFF. One of them in a feed makes the whole feed
# unreadable, and Pelican's writer stops the build half-way when it meets one.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text):
    """`text` without the characters XML cannot carry; Markup stays Markup."""
    cleaned = NOT_XML.sub("", text)
    return Markup(cleaned) if isinstance(text, Markup) else cleaned


@dataclass(frozen=True)
class ReplyTo:
    """The comment a reply answers: its id and its author's escaped name."""

    comment_id: str
    author: Markup


@dataclass(frozen=True)
class FeedItem:
    """The attributes Pelican's Writer.write_feed reads from an article."""

    title: str
    url: str
    date: object
    author: str
    content: Markup
    summary: str | None = None
    reply_to: ReplyTo | None = None

    def get_content(self, siteurl):
        """The body; a reply first says whom it answers, linking there.

        In a feed reader a reply stands alone, away from the thread that
        shows what it answers. `siteurl` is the feed's absolute address.
        """
        if self.reply_to is None:
            return self.content
        parent_url = f"{siteurl.rstrip('/')}/{self.url.split('#')[0]}#comment-{self.reply_to.comment_id}"
        lead = Markup('<p>In reply to <a href="{}">{}</a>:</p>\n').format(
            parent_url, self.reply_to.author)
        return xml_text(lead) + self.content


def _title(view, article_title):
    """The item's title: `Maria on <post>`, or `Maria in reply to Tom, on <post>`.

    The writer strips tags from titles; escaping first keeps a name such as
    "<b>Bob" literal instead of losing part of it. Names are isolated (FSI …
    PDI) so a right-to-left override in one cannot reverse the rest.
    """
    post = Markup(article_title).striptags()
    author = isolated_text(view.author_name)
    if view.parent_id:
        parent = isolated_text(view.parent_author.striptags())
        return Markup(strings.FEED_REPLY_TITLE).format(author=author, parent=parent, title=post)
    return Markup(strings.FEED_ITEM_TITLE).format(author=author, title=post)


def feed_items(article_url, article_title, views):
    """One item per comment of a thread, newest first.

    A name is isolated (FSI … PDI) so a right-to-left override in it cannot
    reverse the post's title after it in a feed reader's list.
    """
    items = [
        FeedItem(
            title=xml_text(_title(view, article_title)),
            url=f"{article_url}#comment-{view.id}",
            date=view.date,
            author=xml_text(isolated_text(view.author_name)),
            content=xml_text(view.body),
            reply_to=ReplyTo(view.parent_id, view.parent_author) if view.parent_id else None,
        )
        for view in flatten(views)
    ]
    return sorted(items, key=lambda item: (item.date, item.url), reverse=True)
