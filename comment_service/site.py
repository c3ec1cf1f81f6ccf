"""What the service knows about the site: the manifest the build writes, re-read when it changes."""

import json
import os
import threading
from dataclasses import dataclass

MANIFEST_VERSION = 1


@dataclass(frozen=True)
class Post:
    slug: str
    title: str
    url: str
    state: str
    comment_ids: frozenset


class ManifestError(Exception):
    """The manifest is missing or cannot be read; the message says what to do."""


def parse(text):
    """{slug: Post} from the manifest's JSON text."""
    data = json.loads(text)
    if data.get("version") != MANIFEST_VERSION:
        raise ManifestError(f"the manifest has version {data.get('version')!r}, not "
                            f"{MANIFEST_VERSION}; rebuild the site with this version")
    return {slug: Post(slug, p["title"], p["url"], p["comments"], frozenset(p["comment_ids"]))
            for slug, p in data["posts"].items()}


class Site:
    """The posts of the last build, re-read whenever the build rewrites the manifest."""

    def __init__(self, path):
        self.path = path
        self._lock = threading.Lock()
        self._stamp = None
        self._posts = {}
        self.on_change = []

    def posts(self):
        """{slug: Post}; ManifestError if there is no readable manifest."""
        if self.path is None:
            raise ManifestError("COMMENTS_MANIFEST is None, so the service cannot know the posts")
        try:
            stat = os.stat(self.path)
        except FileNotFoundError:
            raise ManifestError(f"{self.path} does not exist; "
                                "build the site (make html) first") from None
        stamp = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        changed = False
        with self._lock:
            if stamp != self._stamp:
                try:
                    with open(self.path, encoding="utf-8") as handle:
                        self._posts = parse(handle.read())
                except (OSError, ValueError, KeyError, TypeError) as error:
                    raise ManifestError(
                        f"{self.path} cannot be read ({error}); rebuild the site") from None
                changed = self._stamp is not None
                self._stamp = stamp
            posts = self._posts
        if changed:
            for listener in self.on_change:
                listener(posts)
        return posts

    def post(self, slug):
        return self.posts().get(slug)
