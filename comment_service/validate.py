"""A reader's form post, checked field by field: a Draft, or what is wrong with which field.

Pure functions over plain values, so every rule is tested without a server.
Every value that may reach a comment file's header is refused outright if it
holds a line break or a control character; none is cleaned and accepted.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

from pelican.plugins.comment_threads import commentfile
from pelican.plugins.comment_threads.commentfile import (
    CONTROL,
    CommentFile,
    is_valid_id,
)
from pelican.plugins.comment_threads.names import author_badge
from pelican.plugins.comment_threads.render import body_problems

FIELDS = ("article", "name", "email", "website", "comment", "replyto", "homepage", "notify")
REQUIRED = ("article", "name", "comment")
# Line breaks and other separators that must never reach a one-line value.
BREAKS = re.compile(r"[\r\n\t\x0b\x0c\x85\u2028\u2029]")
# In the comment's text tabs and line breaks are fine; other controls are not.
BODY_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
EMAIL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
LINK = re.compile(r"https?://|www\.", re.IGNORECASE)
TRUE = ("1", "on", "yes", "true")


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str

    def __str__(self):
        return f"{self.field}: {self.message}"


@dataclass(frozen=True)
class Draft:
    """A submission whose every field passed its checks."""

    slug: str
    author: str
    email: str | None
    website: str | None
    body: str
    replyto: str | None
    notify: bool
    honeypot: bool


@dataclass(frozen=True)
class Limits:
    min_length: int = 3
    max_length: int = 65535
    max_name: int = 100
    max_url: int = 254
    max_email: int = 254

    @classmethod
    def from_config(cls, config):
        return cls(config["COMMENTS_MIN_LENGTH"], config["COMMENTS_MAX_LENGTH"],
                   config["COMMENTS_MAX_NAME_LENGTH"])


def single_values(pairs):
    """{field: value} from (field, value) pairs; a field given twice is an error.

    Two values for one field mean a broken or forged form: taking the first
    or the last would let what the reader saw differ from what is stored.
    """
    values, errors = {}, []
    for key, value in pairs:
        if key in values and key in FIELDS:
            errors.append(FieldError(key, "is given more than once; send it once"))
        values.setdefault(key, value)
    return values, errors


def check(values, limits):
    """(Draft, []) for a good post, (None, [FieldError, ...]) otherwise."""
    errors = [FieldError(f, "is missing; fill it in") for f in REQUIRED
              if not str(values.get(f) or "").strip()]
    if errors:
        return None, errors
    for key in FIELDS:
        if not isinstance(values.get(key, ""), str):
            errors.append(FieldError(key, "must be text"))
    if errors:
        return None, errors
    slug = values["article"].strip()
    author = unicodedata.normalize("NFC", values["name"].strip())
    body = unicodedata.normalize("NFC", values["comment"].replace("\r\n", "\n").replace("\r", "\n"))
    email = values.get("email", "").strip() or None
    website = values.get("website", "").strip() or None
    replyto = values.get("replyto", "").strip() or None
    notify = values.get("notify", "").strip().lower() in TRUE
    errors += _slug(slug) + _name(author, limits) + _body(body, limits)
    errors += _email(email, limits, notify) + _website(website, limits) + _replyto(replyto)
    if errors:
        return None, errors
    return Draft(slug, author, email, website, body.strip("\n"), replyto, notify,
                 honeypot=bool(values.get("homepage", "").strip())), []


def _one_line(field, value):
    if BREAKS.search(value):
        return [FieldError(field, "must be on one line")]
    if CONTROL.search(value):
        return [FieldError(field, "holds a control character; remove it")]
    return []


def _slug(slug):
    if not is_valid_id(slug):
        return [FieldError("article", "is not a post's slug")]
    return []


def _name(name, limits):
    errors = _one_line("name", name)
    if not errors and len(name) > limits.max_name:
        errors.append(FieldError("name", f"is longer than {limits.max_name} characters"))
    return errors


def _body(body, limits):
    if BODY_CONTROL.search(body):
        return [FieldError("comment", "holds a control character; remove it")]
    length = len(body.strip())
    if length < limits.min_length:
        return [FieldError("comment", f"is shorter than {limits.min_length} characters")]
    if length > limits.max_length:
        return [FieldError("comment", f"is longer than {limits.max_length:,} characters "
                                      f"({length:,}); shorten it")]
    return []


def _email(email, limits, notify):
    if email is None:
        if notify:
            return [FieldError("email", "is needed for reply notices; give it, or untick the box")]
        return []
    errors = _one_line("email", email)
    if errors:
        return errors
    if len(email) > limits.max_email or not EMAIL.fullmatch(email):
        return [FieldError("email", "is not an email address such as name@example.org")]
    return []


def _website(website, limits):
    if website is None:
        return []
    errors = _one_line("website", website)
    if errors:
        return errors
    parts = urlsplit(website)
    if (parts.scheme.lower() not in ("http", "https") or not parts.hostname
            or " " in website or len(website) > limits.max_url):
        return [FieldError("website", "must be an http:// or https:// address "
                                      f"of at most {limits.max_url} characters")]
    return []


def _replyto(replyto):
    if replyto is not None and not is_valid_id(replyto):
        return [FieldError("replyto", "is not a comment id")]
    return []


# Which form field a comment file's header line came from.
HEADER_FIELDS = {"Author": "name", "Website": "website", "Replyto": "replyto"}


def build_refusals(draft, *, timezone, max_length, author_names):
    """What the site's strict build would refuse in this comment, as FieldErrors.

    The comment is written as the file approval would write and read back
    with the build's own rules, so the queue never holds a comment whose
    approval would stop the build (an address in the text, a name passing
    for a site author's, stacked accents, nesting Markdown cannot show).
    """
    comment = CommentFile(draft.author, datetime.datetime(2000, 1, 1), draft.body,
                          draft.replyto, draft.website)
    try:
        text = commentfile.format(comment)
    except commentfile.CommentFileError as error:
        return [FieldError("comment", f"is refused: {error}")]
    lines = text.split("\n")
    _, mistakes = commentfile.parse(text, timezone=timezone, max_length=max_length)
    errors = []
    for mistake in mistakes:
        key = lines[mistake.line - 1].split(":", 1)[0] if mistake.line else None
        said = f"{mistake.message}; {mistake.suggestion}" if mistake.suggestion else mistake.message
        errors.append(FieldError(HEADER_FIELDS.get(key, "comment"), f"is refused: {said}"))
    if author_badge(draft.author, None, author_names)[1]:
        errors.append(FieldError("name", "is, or looks like, the name of one of the site's "
                                         "authors; choose another"))
    errors += [FieldError("comment", f"is refused: {problem}")
               for problem in body_problems(draft.body)]
    return errors


def count_links(body):
    return len(LINK.findall(body))


def hold_reasons(draft, *, hold_links):
    """Why a moderator should look twice, beyond the usual reading."""
    links = count_links(draft.body)
    return [f"{links} links (more than {hold_links})"] if links > hold_links else []


def blocked(draft, *, names, words):
    """The blocklist entry a draft matches, or None."""
    author = draft.author.casefold()
    for name in names:
        if name.casefold() == author:
            return f"blocked name {name!r}"
    text = f"{draft.author}\n{draft.website or ''}\n{draft.body}".casefold()
    for word in words:
        if re.search(r"(?<!\w)" + re.escape(word.casefold()) + r"(?!\w)", text):
            return f"blocked word {word!r}"
    return None
