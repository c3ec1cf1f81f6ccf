"""The comment-file format: the one place that reads and writes it.

A comment is one file, `content/comments/<post-slug>/<comment-id>.md`:

    Author: Maria L.
    Date: 2014-04-10 03:53
    Replyto: tom-weak-claims
    Website: https://example.org
    Role: author

    The comment, in Markdown.

Header lines come first, each exactly `Key: value` with one of the keys
below; a blank line ends them and the rest is the body. Anything else in the
header is a mistake reported with its line, never text to publish: the
header is where an address or a name could leak into the page if a
malformed line were taken for the start of the body.

The build's loader, the mail fallback, the comment service and the importer
all go through `parse()` and `format()`.
"""

import dataclasses
import datetime
import re
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from pelican.plugins.site_common.files import write_if_changed
from pelican.plugins.site_common.problems import did_you_mean

# An id is a file name, an HTML id and a URL fragment, so it keeps to
# characters that need no escaping in any of them.
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,79}")
HEADER_LINE = re.compile(r"([A-Za-z]+):(?:[ \t]+(.*))?")
# Header keys in the order `format()` writes them.
KEYS = ("Author", "Date", "Replyto", "Website", "Role")
# `Role: author` is the moderator's word that a site author wrote the
# comment: only then may its name be a site author's (see names.py).
ROLES = ("author",)
# Keys the format once had, and why each is refused now.
RETIRED_KEYS = {
    "email": "email addresses are not kept in comment files, which are published "
    "with the site; they belong in the comment service's moderation database",
}
# Keys other comment systems use for ours, so "Name:" gets "did you mean 'Author'?".
SYNONYMS = {
    "name": "Author", "from": "Author", "by": "Author", "user": "Author",
    "posted": "Date", "time": "Date", "created": "Date",
    "parent": "Replyto", "reply": "Replyto", "inreplyto": "Replyto", "in-reply-to": "Replyto",
    "url": "Website", "web": "Website", "site": "Website", "homepage": "Website", "link": "Website",
}
DATE_FORMAT = "%Y-%m-%d %H:%M"
DATE_EXAMPLE = "YYYY-MM-DD HH:MM, e.g. 2014-04-10 03:53"
# C0 and C1 controls, DEL, and the two non-characters XML cannot carry.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
# The same limit as the comment service's; COMMENTS_MAX_LENGTH overrides it.
MAX_LENGTH = 65535
# A name or an address longer than this is not one (the form allows 100 and 300).
MAX_HEADER_VALUE = 300
# Comments are dated by the moderator or the service as they arrive; a date
# further ahead than this (time zones included) is a typo or a trick to pin
# a comment first.
FUTURE_TOLERANCE = datetime.timedelta(days=1)
# Accents stacked on one letter: no writing system needs more than this, and
# hundreds of them make one unbreakable character wider than a phone screen.
MAX_MARKS = 6
MARK_RUN = re.compile(r"[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f"
                      r"\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
                      f"{{{MAX_MARKS + 1},}}")
ADDRESS_REMOVED = "(address removed)"
ADDRESS = re.compile(r"[^\s@<>()\[\],;:\"]+@[^\s@<>()\[\],;:\"]+\.[^\s@<>()\[\],;:\"]+")


class CommentFileError(ValueError):
    """A comment cannot be written as a file (a value would break the format)."""


@dataclass(frozen=True)
class CommentFile:
    """What one comment file says, and nothing more."""

    author: str
    date: datetime.datetime | None
    body: str
    replyto: str | None = None
    website: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class Mistake:
    """Something wrong in a file; `line` is 1-based, or None for the whole file."""

    line: int | None
    message: str
    suggestion: str | None = None


def parse(text, *, timezone="UTC", max_length=MAX_LENGTH, now=None):
    """Read a comment file's text: (CommentFile, [Mistake, ...]).

    With mistakes, the CommentFile holds what could be read, made safe to
    show: no value from a malformed line, no control character, no date
    later than `now` allows, a text cut at `max_length` characters. A strict
    build publishes nothing with mistakes; a relaxed one may show that.
    A date without a zone is in `timezone`.
    """
    lines = text.removeprefix("\ufeff").split("\n")
    values, mistakes = {}, []
    body_start = len(lines)
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            body_start = number
            break
        found = _header(line, number, values)
        if isinstance(found, Mistake):
            mistakes.append(found)
    else:
        mistakes.append(Mistake(None, "the file has no blank line after its header",
                                "write the header lines, a blank line, then the comment"))
    body = "\n".join(line.rstrip("\r").rstrip() for line in lines[body_start:])
    body = body.strip("\n")
    comment = CommentFile(
        author=values.get("author", (None, ""))[1],
        date=None,
        body=body,
        replyto=values.get("replyto", (None, None))[1] or None,
        website=values.get("website", (None, None))[1] or None,
        role=values.get("role", (None, None))[1] or None,
    )
    mistakes += _check(comment, values, timezone)
    comment, found = _made_safe(comment, values, timezone, max_length, now)
    return comment, mistakes + found


def _header(line, number, values):
    """Record one header line in `values` ({key: (line, value)}), or say what is wrong."""
    match = HEADER_LINE.fullmatch(line)
    if not match:
        key = _apparent_key(line)
        if key.casefold().replace("-", "").startswith("email"):
            return Mistake(number, f"{_quote(line)} is not a header line, and email addresses "
                           "are not allowed", RETIRED_KEYS["email"])
        hint = did_you_mean(key, KEYS)
        return Mistake(number, f"{_quote(line)} is not a header line",
                       hint or "header lines are 'Key: value' with one of "
                       + ", ".join(KEYS) + ", then a blank line before the comment")
    key, value = match.group(1), (match.group(2) or "").strip()
    folded = key.lower()
    if folded in RETIRED_KEYS:
        return Mistake(number, f"{key!r} is not allowed", RETIRED_KEYS[folded])
    if folded not in (k.lower() for k in KEYS):
        hint = f"did you mean {SYNONYMS[folded]!r}?" if folded in SYNONYMS else did_you_mean(key, KEYS)
        return Mistake(number, f"unknown header {key!r}", hint or "comment files take " + ", ".join(KEYS))
    if folded in values:
        return Mistake(number, f"{key!r} is given twice (first on line {values[folded][0]})",
                       "keep one")
    if CONTROL.search(value):
        return Mistake(number, f"the {key!r} value holds a control character",
                       "remove it")
    if len(value) > MAX_HEADER_VALUE:
        return Mistake(number, f"the {key!r} value is {len(value)} characters long",
                       f"keep it under {MAX_HEADER_VALUE}")
    values[folded] = (number, value)
    return None


def header_lines(text):
    """{lower-case header key: line number} of a comment file's header, for messages."""
    lines = {}
    for number, line in enumerate(text.removeprefix("\ufeff").split("\n"), start=1):
        if not line.strip():
            break
        match = HEADER_LINE.fullmatch(line.rstrip("\r"))
        if match:
            lines.setdefault(match.group(1).lower(), number)
    return lines


def _apparent_key(line):
    """What a malformed line seems to name, seen as a reader sees it.

    Compatibility forms become plain ones (a full-width colon is a colon)
    and invisible characters go, so `\u200bEmail：x` reads as Email.
    """
    seen = "".join(ch for ch in unicodedata.normalize("NFKC", line)
                   if unicodedata.category(ch) not in ("Cf", "Cc"))
    return seen.split(":", 1)[0].strip() if ":" in seen else seen.strip()


def _check(comment, values, timezone):
    mistakes = []
    if not comment.author:
        mistakes.append(Mistake(values.get("author", (None,))[0], "the comment has no author",
                                "add an 'Author: <name>' line"))
    if "date" not in values or not values["date"][1]:
        mistakes.append(Mistake(values.get("date", (None,))[0], "the comment has no date",
                                f"add a 'Date: {DATE_EXAMPLE}' line"))
    elif parse_date(values["date"][1], timezone) is None:
        mistakes.append(Mistake(values["date"][0], f"the date {values['date'][1]!r} cannot be read",
                                f"write it as {DATE_EXAMPLE}"))
    if comment.replyto is not None and not ID_PATTERN.fullmatch(comment.replyto):
        mistakes.append(Mistake(values["replyto"][0],
                                f"{comment.replyto!r} cannot be a comment id",
                                "give the file name of the comment answered, without '.md'"))
    if ADDRESS.search(comment.author):
        mistakes.append(Mistake(values["author"][0], "the name holds an email address",
                                "give the commenter's name only; addresses are never published"))
    if comment.website is not None and not is_website(comment.website):
        mistakes.append(Mistake(values["website"][0],
                                f"the website {_quote(comment.website)} is not a web address",
                                "give an http:// or https:// address, or remove the line"))
    if comment.role is not None and comment.role not in ROLES:
        mistakes.append(Mistake(values["role"][0], f"unknown role {comment.role!r}",
                                "the only role is 'author', for a comment a site author wrote"))
    if not comment.body.strip():
        mistakes.append(Mistake(None, "the comment's text is empty",
                                "write it below the header, after a blank line"))
    elif CONTROL.search(comment.body):
        mistakes.append(Mistake(None, "the comment's text holds a control character",
                                "remove it"))
    return mistakes


def _made_safe(comment, values, timezone, max_length, now):
    """What may be shown of a comment with mistakes, and the mistakes only found here."""
    mistakes = []
    date = parse_date(values["date"][1], timezone) if "date" in values else None
    if date is not None and now is not None and date > now + FUTURE_TOLERANCE:
        mistakes.append(Mistake(values["date"][0], f"the date {values['date'][1]!r} is in the future",
                                "give the date the comment arrived"))
        date = None
    body = CONTROL.sub("", comment.body).rstrip()
    if MARK_RUN.search(body) or MARK_RUN.search(comment.author):
        mistakes.append(Mistake(None, f"the comment stacks more than {MAX_MARKS} accents on one letter",
                                "remove them; they are cut to that number"))
    body = MARK_RUN.sub(lambda run: run.group()[:MAX_MARKS], body)
    if ADDRESS.search(body):
        mistakes.append(Mistake(None, "the comment's text holds an email address",
                                f"remove it; addresses are never published (shown as '{ADDRESS_REMOVED}')"))
        body = ADDRESS.sub(ADDRESS_REMOVED, body)
    if len(body) > max_length:
        mistakes.append(Mistake(None, f"the comment's text is {len(body)} characters long",
                                f"the limit is {max_length} (COMMENTS_MAX_LENGTH); shorten it"))
        body = body[:max_length].rstrip() + " …"
    return dataclasses.replace(
        comment,
        author="" if ADDRESS.search(comment.author) else MARK_RUN.sub(
            lambda run: run.group()[:MAX_MARKS], comment.author),
        date=date,
        body=body,
        website=comment.website if comment.website and is_website(comment.website) else None,
        role=comment.role if comment.role in ROLES else None,
    ), mistakes


def is_website(url):
    """An http(s) address with a host and no user name (which could be an email address)."""
    try:
        parts = urlsplit(url)
        return (parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
                and parts.username is None and not any(ch.isspace() for ch in url))
    except ValueError:  # a stray '[' reads as a broken IPv6 address
        return False


def _quote(line, limit=60):
    return repr(line if len(line) <= limit else line[:limit] + "…")


def parse_date(text, timezone):
    """A comment date; one without a zone is in `timezone`. None if unreadable."""
    try:
        date = datetime.datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if date.tzinfo is None:
        date = date.replace(tzinfo=ZoneInfo(timezone))
    return date


def format(comment, *, undated=False):
    """The text of a comment file for `comment`; CommentFileError if it cannot be one.

    Header values may not hold line breaks or control characters: a name of
    "Bob\\nReplyto: x" must never become a second header line. `undated`
    leaves out a missing Date line instead of refusing: the emailed draft a
    moderator dates by hand, which the build refuses until they do.
    """
    header = {
        "Author": comment.author,
        "Date": _date_text(comment.date),
        "Replyto": comment.replyto,
        "Website": comment.website,
        "Role": comment.role,
    }
    lines = []
    for key in KEYS:
        value = header[key]
        if value is None or value == "":
            if key == "Author" or (key == "Date" and not undated):
                raise CommentFileError(f"a comment needs {key!r}")
            continue
        if "\n" in value or "\r" in value or CONTROL.search(value) or value != value.strip():
            raise CommentFileError(f"the {key!r} value {value!r} cannot be written on one line")
        lines.append(f"{key}: {value}")
    if comment.replyto is not None and not ID_PATTERN.fullmatch(comment.replyto):
        raise CommentFileError(f"{comment.replyto!r} cannot be a comment id")
    body = comment.body.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    if not body.strip():
        raise CommentFileError("a comment needs text")
    if CONTROL.search(body):
        raise CommentFileError("the comment's text holds a control character")
    return "\n".join(lines) + "\n\n" + body + "\n"


def _date_text(date):
    if date is None:
        return None
    return date.strftime(DATE_FORMAT) if date.tzinfo is None else date.isoformat(timespec="minutes")


def is_valid_id(comment_id):
    return bool(ID_PATTERN.fullmatch(comment_id))


def allocate_id(existing, base=None):
    """A new comment id not in `existing`: `base` if free, else `base-2`, `base-3`...

    Without a base, a short random id (`c-` and eight hex digits).
    """
    taken = set(existing)
    if base is None:
        while True:
            candidate = f"c-{secrets.token_hex(4)}"
            if candidate not in taken:
                return candidate
    if not ID_PATTERN.fullmatch(base):
        raise CommentFileError(f"{base!r} cannot be a comment id")
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def path_for(comments_dir, slug, comment_id):
    """Where a comment of the post `slug` lives: <comments_dir>/<slug>/<id>.md."""
    if not ID_PATTERN.fullmatch(comment_id):
        raise CommentFileError(f"{comment_id!r} cannot be a comment id")
    if not slug or "/" in slug or slug.startswith("."):
        raise CommentFileError(f"{slug!r} cannot be a post's folder")
    return Path(comments_dir) / slug / f"{comment_id}.md"


def write(comments_dir, slug, comment_id, comment, *, sync=True):
    """Write one comment file atomically; returns its path.

    Writing the same text again is a no-op, so a retried approval or a
    repeated import changes nothing. `sync` as for atomic_write.
    """
    path = path_for(comments_dir, slug, comment_id)
    write_if_changed(path, format(comment), sync=sync)
    return path
