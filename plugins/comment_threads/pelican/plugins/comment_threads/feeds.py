"""Comments as items for Pelican's feed writer."""

from dataclasses import dataclass

from markupsafe import Markup

from . import strings
from .render import flatten


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
    """One item per comment of a thread, newest first."""
    items = [
        FeedItem(
            # The writer strips tags from titles; escaping first keeps a
            # name such as "<b>Bob" literal instead of losing part of it.
            title=Markup(strings.FEED_ITEM_TITLE).format(
                author=view.author, title=Markup(article_title).striptags()),
            url=f"{article_url}#comment-{view.id}",
            date=view.date,
            author=Markup(view.author).unescape(),
            content=view.body,
        )
        for view in flatten(views)
    ]
    return sorted(items, key=lambda item: (item.date, item.url), reverse=True)
