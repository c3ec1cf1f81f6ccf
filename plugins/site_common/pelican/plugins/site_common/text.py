"""Plain text and absolute addresses: the two conversions every output format needs."""

from markupsafe import Markup


def plain_text(html):
    """Text of an HTML fragment, tags dropped and entities decoded (Typogrify's &nbsp; becomes a space)."""
    return Markup(str(html)).striptags().replace("\xa0", " ")


def absolute_url(siteurl, path):
    """`path` (relative to the site) under `siteurl`, with exactly one slash between them."""
    return f"{str(siteurl).rstrip('/')}/{str(path).lstrip('/')}"
