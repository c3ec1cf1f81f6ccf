"""Comments as items for Pelican's feed writer."""

from dataclasses import dataclass

from markupsafe import Markup

from .render import flatten


@dataclass
class ReplyTo:
    """The comment a reply answers: its id and its author's escaped name."""

    comment_id: str
    author: Markup


@dataclass
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
        return Markup('<p>In reply to <a href="{}">{}</a>:</p>\n').format(
            parent_url, self.reply_to.author) + self.content


def _title(view, article_title):
    # The writer strips tags from titles; escaping first keeps a name such
    # as "<b>Bob" literal instead of losing part of it.
    post = Markup(article_title).striptags()
    if view.parent_id:
        return Markup("{} in reply to {}, on {}").format(view.author, view.parent_author, post)
    return Markup("{} on {}").format(view.author, post)


def feed_items(article_url, article_title, views):
    """One item per comment of a thread, newest first."""
    items = [
        FeedItem(
            title=_title(view, article_title),
            url=f"{article_url}#comment-{view.id}",
            date=view.date,
            author=Markup(view.author).unescape(),
            content=view.body,
            reply_to=ReplyTo(view.parent_id, view.parent_author) if view.parent_id else None,
        )
        for view in flatten(views)
    ]
    return sorted(items, key=lambda item: (item.date, item.url), reverse=True)
