"""Finds links in rendered content that will break once the page moves.

A post is written to /YYYY/MM/slug/, so `../images/x.png` written beside the
Markdown file points somewhere else on the site. Pelican resolves
`{static}` and `{filename}` links and warns when they are broken; a plain
relative link it passes through silently.
"""

import re
from urllib.parse import urlsplit

ATTRIBUTE = re.compile(r"""<(?:a|img|source|link)\b[^>]*?\s(href|src)=(["'])(.*?)\2""", re.I | re.S)


def relative_links(html):
    """Return (attribute, value) for each link that is relative to the page."""
    found = []
    for attribute, _quote, value in ATTRIBUTE.findall(html or ""):
        if not value or value.startswith(("#", "/", "{", "|")):
            continue
        if urlsplit(value).scheme:
            continue
        found.append((attribute.lower(), value))
    return found


def advice(attribute, value):
    """One sentence on how to write the link so it survives."""
    target = re.sub(r"^(\.\./)+", "", value)
    kind = "{filename}" if target.endswith((".md", ".markdown")) else "{static}"
    return (
        f"relative link {attribute}=\"{value}\" will break on the published page; "
        f"write it as {kind}/{target} (a path inside content/)"
    )
