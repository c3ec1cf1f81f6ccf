"""Comments as items for Pelican's feed writer."""

import re
from dataclasses import dataclass

from markupsafe import Markup

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


@dataclass
class FeedItem:
    """The attributes Pelican's Writer.write_feed reads from an article."""

    title: str
    url: str
    date: object
    author: str
    content: Markup
    summary: str | None = None

    def get_content(self, siteurl):
        return self.content


def feed_items(article_url, article_title, views):
    """One item per comment of a thread, newest first.

    A name is isolated (FSI … PDI) so a right-to-left override in it cannot
    reverse the post's title after it in a feed reader's list.
    """
    items = [
        FeedItem(
            # The writer strips tags from titles; escaping first keeps a
            # name such as "<b>Bob" literal instead of losing part of it.
            title=xml_text(Markup("{} on {}").format(
                isolated_text(view.author_name), Markup(article_title).striptags())),
            url=f"{article_url}#comment-{view.id}",
            date=view.date,
            author=xml_text(isolated_text(view.author_name)),
            content=xml_text(view.body),
        )
        for view in flatten(views)
    ]
    return sorted(items, key=lambda item: (item.date, item.url), reverse=True)
