"""Comments that awaited moderation in WordPress, handed to the comment service's queue.

With `--queue`, a pending comment is not written as a held file but put
in the moderation database of the comment service (`comment_service`),
where it waits like any reader's comment: listed by `comments pending`,
approved or refused there. The service picks its own id for it and checks
it with the build's rules; enqueueing the same comment twice queues it once.
"""

import datetime
from zoneinfo import ZoneInfo


class QueueError(ValueError):
    """The comment service cannot be used; the message is one sentence."""


def open_service(settings, content):
    """The comment service, configured by the site's settings, for the content folder `content`."""
    try:
        from comment_service.config import ConfigError, load  # noqa: PLC0415  (optional: only --queue needs it)
        from comment_service.service import Service  # noqa: PLC0415
    except ImportError:
        raise QueueError("--queue needs the comment service (comment_service/), which is "
                         "not installed; leave --queue out to write held files") from None
    try:
        return Service(load(settings, {"PATH": str(content)}))
    except ConfigError as error:
        raise QueueError(f"the comment service's settings need fixing: {error}") from None


def enqueue(service, slug, wordpress_id, comment, timezone):
    """Queue one held comment; True if it was queued now, False if it already was."""
    from comment_service import moderation  # noqa: PLC0415  (optional, as above)

    date = comment.date
    if date.tzinfo is None:
        date = date.replace(tzinfo=ZoneInfo(timezone))
    queued = moderation.enqueue(
        service, slug=slug, author=comment.author, body=comment.body,
        received=date.astimezone(datetime.UTC).timestamp(), website=comment.website,
        replyto=comment.replyto,
        reasons=[f"imported from WordPress, where it awaited moderation ({wordpress_id})"])
    return queued is not None
