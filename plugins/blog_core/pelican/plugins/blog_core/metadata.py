"""Checks an author's post metadata and says, in one sentence, what to fix.

Pelican accepts any metadata key and any author name, so a typo ("Tgas:",
"Elena Marsch") silently becomes a new field or a second author page. These
pure functions return problems as sentences; the plugin logs them.
"""

from difflib import get_close_matches

# Keys Pelican itself understands, in the lower case its readers produce.
PELICAN_KEYS = frozenset(
    {
        "title", "date", "modified", "category", "tags", "author", "authors",
        "summary", "slug", "status", "lang", "translation", "template",
        "save_as", "url", "menulabel", "reader",
    }
)


def suggestion(word, choices):
    """Return " did you mean 'x'?" for the closest choice, or ""."""
    match = get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{match[0]}'?" if match else ""


def unknown_keys(metadata, known):
    """Problems for metadata keys that nothing on the site reads."""
    problems = []
    for key in sorted(metadata):
        if key in known:
            continue
        hint = suggestion(key, known) or f" (known: {', '.join(sorted(known))})"
        problems.append(f"unknown metadata '{key}'{hint}")
    return problems


def missing_keys(metadata, required):
    """Problems for required keys the author left out or left empty."""
    return [
        f"missing '{key.capitalize()}:' line (every post needs one)"
        for key in required
        if not str(metadata.get(key, "")).strip()
    ]


def unknown_authors(names, site_authors):
    """Problems for author names that are not among the site's authors."""
    return [
        f"author '{name}' is not one of the site's authors{suggestion(name, site_authors)}"
        f" (SITE_AUTHORS lists: {', '.join(site_authors)})"
        for name in names
        if name not in site_authors
    ]


def date_order(date, modified):
    """A problem when a post claims to be updated before it was published."""
    if date is not None and modified is not None and modified < date:
        return [
            f"'Modified: {modified:%Y-%m-%d %H:%M}' is earlier than "
            f"'Date: {date:%Y-%m-%d %H:%M}'; an update must come after publication"
        ]
    return []
