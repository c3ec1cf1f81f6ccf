"""Whether a post's comments are open, closed or hidden."""

import datetime

from .settings import STATES


def reference_date(configured, article_dates):
    """The "today" that automatic closing counts from.

    A build must not depend on the day it runs, so "today" is either the
    configured COMMENTS_REFERENCE_DATE or the newest post's date: the site
    moves forward when the author publishes, never on its own.
    """
    if configured:
        return datetime.date.fromisoformat(str(configured))
    return max((d.date() for d in article_dates), default=None)


def comment_state(declared, *, default, article_date, close_after_days, today):
    """The state a post gets, and (message, suggestion) if `declared` is bad.

    A `Comments:` line in the post wins over everything; otherwise a post
    older than close_after_days (counted to `today`) is closed.
    """
    if declared is not None:
        value = str(declared).strip().lower()
        if value in STATES:
            return value, None
        problem = (f"'Comments: {declared}' is not a comment state",
                   f"write one of {', '.join(STATES)} (the build uses {default!r})")
        return default, problem
    if (
        default == "open"
        and close_after_days
        and today is not None
        and (today - article_date.date()).days > close_after_days
    ):
        return "closed", None
    return default, None
