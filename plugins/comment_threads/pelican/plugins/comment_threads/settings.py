"""The plugin's COMMENTS_* settings: defaults in one place, checked once."""

import datetime
import re
from urllib.parse import urlsplit

from pelican.plugins.site_common.settings import apply_defaults as apply_setting_defaults

STATES = ("open", "closed", "hidden")
ORDERS = ("newest-first", "oldest-first")

DEFAULTS = {
    # Folder under the content PATH holding one sub-folder per article slug.
    "COMMENTS_PATH": "comments",
    # What a post without a `Comments:` line gets.
    "COMMENTS_DEFAULT_STATE": "open",
    # Order of top-level comments; replies always read oldest first.
    "COMMENTS_ORDER": "newest-first",
    # Replies deeper than this stop indenting (narrow screens run out of room).
    "COMMENTS_MAX_INDENT": 4,
    # Names whose comments get the author badge; None means SITE_AUTHORS' keys.
    "COMMENTS_AUTHOR_NAMES": None,
    # Close comments this many days after a post's date; None never closes.
    "COMMENTS_CLOSE_AFTER_DAYS": None,
    # "Today" for the rule above, as YYYY-MM-DD; None means the newest post's
    # date, so that the same sources always build the same site.
    "COMMENTS_REFERENCE_DATE": None,
    # The comment service's address the form posts to (`comments serve`, e.g.
    # https://comments.example.org/comments); None offers a prefilled email instead.
    "COMMENTS_ENDPOINT": None,
    # Address that receives emailed comments (needed without an endpoint).
    "COMMENTS_EMAIL": None,
    # Where in the output the build writes the manifest the comment service
    # reads (posts, their comment state, published comment ids); None: nowhere.
    "COMMENTS_MANIFEST": "comments-manifest.json",
    # The moderation policy the form links to, relative to SITEURL.
    "COMMENTS_POLICY_URL": "comment-policy/",
    # Atom feeds; {slug} is the article's slug. None turns a feed off.
    "COMMENTS_FEED_ATOM": "feeds/comments/{slug}.atom.xml",
    "COMMENTS_ALL_FEED_ATOM": "feeds/comments.atom.xml",
    "COMMENTS_DATE_FORMAT": "%B %-d, %Y at %-I:%M %p",
    # Longest comment text, in characters; the comment service keeps the same limit.
    "COMMENTS_MAX_LENGTH": 65535,
}


def _one_of(choices):
    return lambda value: value in choices, "one of " + ", ".join(map(repr, choices))


def _is_reference_date(value):
    if value is None:
        return True
    try:
        datetime.date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def _is_http_url(value):
    parts = urlsplit(value) if isinstance(value, str) else None
    return bool(parts and parts.scheme in ("http", "https") and parts.netloc)


# Each setting's check and, for the error message, what a right value is.
CHECKS = {
    "COMMENTS_PATH": (lambda v: isinstance(v, str) and v.strip("/") != "", "a folder name"),
    "COMMENTS_DEFAULT_STATE": _one_of(STATES),
    "COMMENTS_ORDER": _one_of(ORDERS),
    "COMMENTS_MAX_INDENT": (
        lambda v: isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 12,
        "a whole number of levels from 0 to 12",
    ),
    "COMMENTS_AUTHOR_NAMES": (
        lambda v: v is None
        or (isinstance(v, (list, tuple)) and all(isinstance(n, str) for n in v)),
        "a list of names, or None",
    ),
    "COMMENTS_CLOSE_AFTER_DAYS": (
        lambda v: v is None or (isinstance(v, int) and not isinstance(v, bool) and v > 0),
        "a number of days above 0, or None",
    ),
    "COMMENTS_REFERENCE_DATE": (_is_reference_date, "a date as YYYY-MM-DD, or None"),
    "COMMENTS_ENDPOINT": (
        lambda v: v is None or _is_http_url(v),
        "an http(s) URL, or None",
    ),
    "COMMENTS_MANIFEST": (
        lambda v: v is None or (isinstance(v, str) and v.strip("/") != "" and ".." not in v),
        "a file path inside the output, or None",
    ),
    "COMMENTS_EMAIL": (
        lambda v: v is None or (isinstance(v, str) and re.fullmatch(r"[^@\s]+@[^@\s]+", v)),
        "an email address, or None",
    ),
    "COMMENTS_POLICY_URL": (lambda v: isinstance(v, str), "a URL relative to SITEURL"),
    "COMMENTS_FEED_ATOM": (
        lambda v: v is None or (isinstance(v, str) and "{slug}" in v),
        "a path containing {slug}, or None",
    ),
    "COMMENTS_ALL_FEED_ATOM": (lambda v: v is None or isinstance(v, str), "a path, or None"),
    "COMMENTS_DATE_FORMAT": (lambda v: isinstance(v, str) and v != "", "a strftime format"),
    "COMMENTS_MAX_LENGTH": (
        lambda v: isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 1_000_000,
        "a number of characters from 1 to 1,000,000",
    ),
}


def apply_defaults(settings):
    """Fill in missing COMMENTS_* settings; return a sentence per bad value.

    A bad value is replaced by its default so that a non-strict build still
    shows the comments; the strict build fails on the returned problems.
    """
    problems = apply_setting_defaults(settings, DEFAULTS, CHECKS)
    if settings["COMMENTS_AUTHOR_NAMES"] is None:
        settings["COMMENTS_AUTHOR_NAMES"] = list(
            settings.get("SITE_AUTHORS") or [settings.get("AUTHOR") or ""]
        )
    if "COMMENTS_FORM_ACTION" in settings:
        problems.append(
            "Setting COMMENTS_FORM_ACTION has been renamed COMMENTS_ENDPOINT; "
            "rename it in your settings."
        )
    if not settings["COMMENTS_ENDPOINT"] and not settings["COMMENTS_EMAIL"]:
        problems.append(
            "Neither COMMENTS_ENDPOINT nor COMMENTS_EMAIL is set; set one so "
            "that readers have a way to leave a comment."
        )
    return problems
