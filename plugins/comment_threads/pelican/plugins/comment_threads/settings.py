"""The plugin's COMMENTS_* settings, declared once: kind, default and what a right value is."""

import datetime

from pelican.plugins.site_common.options import (
    URL,
    Choice,
    Integer,
    Invalid,
    Option,
    Optional,
    Schema,
    Strings,
    Text,
)

STATES = ("open", "closed", "hidden")
ORDERS = ("newest-first", "oldest-first")


class EmailAddress(Option):
    def convert(self, value, settings):
        if not isinstance(value, str) or value.count("@") != 1 or any(c.isspace() for c in value):
            raise Invalid
        local, domain = value.split("@")
        if not (local and domain):
            raise Invalid
        return value


class ReferenceDate(Option):
    def convert(self, value, settings):
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            raise Invalid from None


class ManifestPath(Option):
    def convert(self, value, settings):
        if not isinstance(value, str) or value.strip("/") == "" or ".." in value:
            raise Invalid
        return value


def keys_read_elsewhere():
    """COMMENTS_* keys the comment service reads (comment_service/config.py): not the
    build's own, but not unknown either."""
    try:
        from comment_service.config import DEFAULTS  # noqa: PLC0415  (only when it is installed)
    except ImportError:
        return frozenset()
    return frozenset(DEFAULTS)


SCHEMA = Schema("CommentsConfig", "COMMENTS_", {
    # Folder under the content PATH holding one sub-folder per post slug.
    "COMMENTS_PATH": Text(default="comments", expected="a folder name"),
    # What a post without a `Comments:` line gets.
    "COMMENTS_DEFAULT_STATE": Choice(default="open", choices=STATES),
    # Order of top-level comments; replies always read oldest first.
    "COMMENTS_ORDER": Choice(default="newest-first", choices=ORDERS),
    # Replies deeper than this stop indenting (narrow screens run out of room).
    "COMMENTS_MAX_INDENT": Integer(default=4, low=0, high=12,
                                   expected="a whole number of levels from 0 to 12"),
    # Names whose comments get the author badge; None means SITE_AUTHORS' keys.
    "COMMENTS_AUTHOR_NAMES": Optional(default=None, option=Strings(None, "a list of names")),
    # Close comments this many days after a post's date; None never closes.
    "COMMENTS_CLOSE_AFTER_DAYS": Optional(default=None, option=Integer(
        None, "a number of days above 0", low=1)),
    # "Today" for the rule above; None means the newest post's date, so that
    # the same sources always build the same site.
    "COMMENTS_REFERENCE_DATE": Optional(default=None, option=ReferenceDate(None, "a date as YYYY-MM-DD")),
    # Where the comment form posts (the comment service); None offers a
    # prefilled email instead.
    "COMMENTS_ENDPOINT": Optional(default=None, option=URL(None)),
    # The list of posts, their state and comment ids the comment service
    # reads, written into the output; None writes none.
    "COMMENTS_MANIFEST": Optional(default="comments-manifest.json", option=ManifestPath(
        None, "a file path inside the output")),
    # Address that receives emailed comments (needed without a form action).
    "COMMENTS_EMAIL": Optional(default=None, option=EmailAddress(None, "an email address")),
    # The moderation policy the form links to, relative to SITEURL.
    "COMMENTS_POLICY_URL": Text(default="comment-policy/", expected="a URL relative to SITEURL"),
    # Atom feeds; {slug} is the post's slug. None turns a feed off.
    "COMMENTS_FEED_ATOM": Optional(default="feeds/comments/{slug}.atom.xml", option=Text(
        None, "a path containing {slug}", containing="{slug}")),
    "COMMENTS_ALL_FEED_ATOM": Optional(default="feeds/comments.atom.xml", option=Text(None, "a path")),
    "COMMENTS_DATE_FORMAT": Text(default="%B %-d, %Y at %-I:%M %p", expected="a strftime format"),
    # Longest comment text, in characters; the comment service keeps the same limit.
    "COMMENTS_MAX_LENGTH": Integer(default=65535, low=1, high=1_000_000,
                                   expected="a number of characters from 1 to 1,000,000"),
}, renamed={"COMMENTS_FORM_ACTION": "COMMENTS_ENDPOINT"}, elsewhere=keys_read_elsewhere)
# Post metadata the plugin reads: `Comments: open | closed | hidden`.
POST_METADATA = ("comments",)


def author_names(config, settings):
    """Whose comments get the author badge: COMMENTS_AUTHOR_NAMES, else SITE_AUTHORS, else AUTHOR."""
    if config.author_names is not None:
        return list(config.author_names)
    return list(settings.get("SITE_AUTHORS") or [settings.get("AUTHOR") or ""])


def way_to_comment_problem(config):
    """(key, message, suggestion) when readers would have no way to leave a comment."""
    if config.endpoint or config.email:
        return None
    return ("COMMENTS_EMAIL", "neither COMMENTS_ENDPOINT nor COMMENTS_EMAIL is set",
            "set one so that readers have a way to leave a comment")


def apply_defaults(settings):
    """For programs that read the site's settings outside a build (the comment service):
    fill in every COMMENTS_* value as the build uses it; one sentence per mistake.

    The same schema and policy as the build: a wrong value is named and replaced by
    its default.
    """
    config, problems = SCHEMA.load(settings)
    for key in SCHEMA.options:
        settings[key] = getattr(config, SCHEMA.attribute(key))
    settings["COMMENTS_AUTHOR_NAMES"] = author_names(config, settings)
    sentences = [f"{p.message[0].upper()}{p.message[1:]}; {p.suggestion}." for p in problems]
    missing = way_to_comment_problem(config)
    if missing:
        sentences.append(f"{missing[1][0].upper()}{missing[1][1:]}; {missing[2]}.")
    return sentences
