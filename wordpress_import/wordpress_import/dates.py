"""WordPress's dates to the site's timezone, at the minute the site's files keep."""

import datetime
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

ZERO = "0000-00-00 00:00:00"


def site_time(local, gmt, timezone):
    """A naive datetime in the site's timezone, or None when WordPress has no date.

    The GMT column is exact; the local one is in the blog's own timezone,
    taken to be the site's when GMT is missing (drafts have none).
    """
    zone = ZoneInfo(timezone)
    if gmt and gmt != ZERO:
        moment = _read(gmt)
        if moment:
            return moment.replace(tzinfo=datetime.UTC).astimezone(zone).replace(tzinfo=None, second=0)
    if local and local != ZERO:
        moment = _read(local)
        if moment:
            return moment.replace(second=0)
    return None


def rss_time(text, timezone):
    """An RSS date (the export's own pubDate) in the site's timezone, or None."""
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.astimezone(ZoneInfo(timezone)).replace(tzinfo=None, second=0, microsecond=0)


def _read(text):
    try:
        return datetime.datetime.strptime(text.strip(), "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None


def shown(moment):
    return moment.strftime("%Y-%m-%d %H:%M")
