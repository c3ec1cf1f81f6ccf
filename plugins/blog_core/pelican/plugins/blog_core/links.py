"""Finds links in a post that will break: relative ones, and `{filename}`/`{static}` targets that do not exist.

A post is written to /YYYY/MM/slug/, so `../images/x.png` written beside the
Markdown file points somewhere else on the site. Pelican resolves
`{static}` and `{filename}` links, but says only "Unable to find" without
the post or the line, and passes a plain relative link through silently.
"""

import posixpath
import re
from urllib.parse import unquote, urlsplit

TAG = re.compile(r"""<(?:a|img|source|link)\b[^>]*>""", re.I | re.S)
ATTRIBUTE = re.compile(r"""\s(href|src)=(["'])(.*?)\2""", re.I | re.S)
# A plugin that writes a file beside the page (a chart's picture, its CSV)
# links it relatively on purpose and marks the element so.
BESIDE_PAGE = "data-beside-page"
# Pelican's link syntax as authors write it in Markdown: ({filename}x.md), |static|/y.png
INTRASITE = re.compile(r"""[{|](filename|static|attach)[}|]([^\s)"'<>#?]+)""")


def relative_links(html):
    """Return (attribute, value) for each link that is relative to the page."""
    found = []
    for tag in TAG.findall(html or ""):
        if BESIDE_PAGE in tag:
            continue
        for attribute, _quote, value in ATTRIBUTE.findall(tag):
            if not value or value.startswith(("#", "/", "{", "|")):
                continue
            if urlsplit(value).scheme:
                continue
            found.append((attribute.lower(), value))
    return found


def advice(attribute, value):
    """(message, suggestion): how to write the link so it survives."""
    target = re.sub(r"^(\.\./)+", "", value)
    kind = "{filename}" if target.endswith((".md", ".markdown")) else "{static}"
    return (f'relative link {attribute}="{value}" will break on the published page',
            f"write it as {kind}/{target} (a path inside content/)")


def intrasite_links(text):
    """(line, kind, target) for each `{filename}`/`{static}`/`{attach}` link in Markdown source."""
    for number, line in enumerate(text.splitlines(), start=1):
        for match in INTRASITE.finditer(line):
            yield number, match.group(1), match.group(2)


def resolve(target, source_dir):
    """The content-relative path a link names: from PATH if it starts with '/', else from the post's folder."""
    target = unquote(target)
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(source_dir, target))
