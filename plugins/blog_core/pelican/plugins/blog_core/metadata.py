"""Checks an author's post metadata and says what to fix, at the line of the key.

Pelican accepts any metadata key and any author name, so a typo ("Tgas:",
"Elena Marsch") silently becomes a new field or a second author page. These
pure functions return Findings; the plugin turns them into problems.
"""

import re
from typing import NamedTuple

from pelican.plugins.site_common.problems import did_you_mean

# Keys Pelican itself understands, in the lower case its readers produce.
PELICAN_KEYS = frozenset(
    {
        "title", "date", "modified", "category", "tags", "author", "authors",
        "summary", "slug", "status", "lang", "translation", "template",
        "save_as", "url", "menulabel", "reader",
    }
)
HEADER_KEY = re.compile(r"([A-Za-z0-9_-]+)[ \t]*:")


class Finding(NamedTuple):
    """A mistake on the line of metadata `key`, or on the first line holding `text`
    (neither: about the whole post)."""

    key: str | None
    message: str
    suggestion: str | None = None
    text: str | None = None


def header_lines(text):
    """{lower-case key: line number} of a Markdown post's metadata lines."""
    lines = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            break
        match = HEADER_KEY.match(line)
        if match:
            lines.setdefault(match.group(1).lower(), number)
    return lines


def unknown_keys(metadata, known):
    """Findings for metadata keys that nothing on the site reads."""
    return [
        Finding(key, f"unknown metadata '{key}'",
                did_you_mean(key, known) or "known keys: " + ", ".join(sorted(known)))
        for key in sorted(metadata)
        if key not in known
    ]


def missing_keys(metadata, required):
    """Findings for required keys the author left out or left empty."""
    return [
        Finding(key, f"missing '{key.capitalize()}:' line", "every post needs one")
        for key in required
        if not str(metadata.get(key, "")).strip()
    ]


def unknown_authors(names, site_authors):
    """Findings for author names that are not among the site's authors."""
    return [
        Finding("authors", f"author '{name}' is not one of the site's authors",
                did_you_mean(name, site_authors)
                or "SITE_AUTHORS lists: " + ", ".join(site_authors))
        for name in names
        if name not in site_authors
    ]


def date_order(date, modified):
    """A finding when a post claims to be updated before it was published."""
    if date is not None and modified is not None and modified < date:
        return [Finding(
            "modified",
            f"'Modified: {modified:%Y-%m-%d %H:%M}' is earlier than 'Date: {date:%Y-%m-%d %H:%M}'",
            "an update must come after publication")]
    return []
