"""Addresses inside imported HTML: old links to the new posts, uploads to local files, the rest made safe.

A link to another imported post (its old permalink, `?p=ID` or
`?page_id=ID`) becomes a `{filename}` link, so Pelican checks it and it
follows the post wherever it lives. An image under the old uploads URL
becomes a `{static}` file copied from the uploads folder. Anything else
keeps its address if it is http(s), mailto or an anchor; other schemes
(javascript:, data:) lose the link and keep the words.
"""

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import parse_qs, quote, unquote, urljoin, urlsplit

SAFE_SCHEMES = {"http", "https", "mailto"}
# Characters a Markdown link destination can carry as they are.
URL_SAFE = "/:?#@!$&+,;=%~-._"
RESIZED = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")


@dataclass
class OldSite:
    """What identifies an address as the old blog's, and what each old address now is."""

    base_url: str  # e.g. https://blog.example.org
    hosts: frozenset
    by_path: dict = field(default_factory=dict)  # "/2013/11/13/slug/" -> "{filename}/posts/…md"
    by_id: dict = field(default_factory=dict)  # WordPress post id -> "{filename}/…"
    uploads_path: str = "/wp-content/uploads/"

    def local_path(self, url):
        """(path, query) of an address on the old blog, or None for another site's."""
        parts = urlsplit(url.strip())
        if parts.scheme and parts.scheme.lower() not in ("http", "https"):
            return None
        if parts.netloc and parts.netloc.lower().removeprefix("www.") not in self.hosts:
            return None
        if not parts.netloc and not parts.path.startswith("/") and not parts.query:
            return None
        return parts.path or "/", parts.query, parts.fragment

    def target(self, url):
        """The `{filename}` link for an old address of an imported post, or None."""
        found = self.local_path(url)
        if found is None:
            return None
        path, query, fragment = found
        ids = parse_qs(query)
        post_id = (ids.get("p") or ids.get("page_id") or [None])[0]
        target = self.by_id.get(post_id) if post_id else self.by_path.get(normal_path(path))
        if target and fragment:
            target += "#" + quote(fragment, safe=URL_SAFE)
        return target


def normal_path(path):
    """An old permalink path as a key: decoded, with one trailing slash."""
    path = unquote(path)
    return path if path.endswith("/") else path + "/"


def safe_href(url):
    """`url` as a Markdown link destination, or None if it must not be a link."""
    url = url.strip()
    if not url:
        return None
    scheme = urlsplit(url).scheme.lower()
    if scheme and scheme not in SAFE_SCHEMES:
        return None
    if not scheme and not url.startswith("#"):
        return None  # relative: only meaningful on the old site; callers make it absolute first
    return quote(url, safe=URL_SAFE)


@dataclass
class Uploads:
    """The uploads folder given on the command line, and the files taken from it."""

    folder: object  # pathlib.Path or None
    images_dir: str  # inside content/, e.g. "images/wordpress"
    copies: dict = field(default_factory=dict)  # content-relative destination -> source Path
    missing: list = field(default_factory=list)

    def static_link(self, relative):
        """`{static}` link for an uploads-relative file, copying it; None when there is none."""
        relative = PurePosixPath(unquote(relative))
        if self.folder is None or any(p in ("", ".", "..") for p in relative.parts) \
                or relative.is_absolute():
            return None
        for candidate in (relative, PurePosixPath(RESIZED.sub("", str(relative)))):
            source = self.folder.joinpath(*candidate.parts)
            if source.is_file():
                destination = f"{self.images_dir}/{candidate}"
                self.copies[destination] = source
                return "{static}/" + quote(destination, safe=URL_SAFE)
        return None


def upload_path(url, old_site):
    """The uploads-relative path of an old uploads address, or None."""
    found = old_site.local_path(url)
    if found is None or not found[0].startswith(old_site.uploads_path):
        return None
    return found[0][len(old_site.uploads_path):]


def absolute(url, old_site):
    """A relative address made absolute on the old blog, so it still leads somewhere."""
    return urljoin(old_site.base_url.rstrip("/") + "/", url.strip())
