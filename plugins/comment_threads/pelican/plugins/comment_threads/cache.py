"""Rendered comment bodies kept between builds, keyed by a hash of their text.

Rendering is Markdown then sanitizing, about a millisecond a comment: on a
site with ten thousand comments, most of a rebuild. A body's HTML depends only
on its text and on how it is rendered, so both go into the key: a change to
the plugin's code (render.py's allow-lists, its converter's options, anything
it calls) or to the Markdown, nh3 or smartypants versions starts an empty cache.
"""

import hashlib
import json
import os

from markupsafe import Markup

from pelican.plugins.site_common.fingerprint import code_fingerprint

FILENAME = "comment_bodies.json"
# The whole package, not render.py alone: a helper moved to another module
# must still count.
RENDERING_PACKAGES = ("pelican.plugins.comment_threads",)
RENDERING_DISTRIBUTIONS = ("markdown", "nh3", "smartypants")


def rules_fingerprint():
    """What besides the text decides a body's HTML."""
    return code_fingerprint(RENDERING_PACKAGES, RENDERING_DISTRIBUTIONS)


class BodyCache:
    """Renders bodies through `render`, remembering results in `directory` if given.

    Only bodies used in this build are saved, so comments that were deleted
    leave the cache with them.
    """

    def __init__(self, render, directory=None, load=True):
        self.render = render
        self.path = os.path.join(directory, FILENAME) if directory else None
        self.fingerprint = rules_fingerprint()
        self.saved = self._load() if load else {}
        self.used = {}

    @classmethod
    def for_settings(cls, render, settings):
        """A cache that follows Pelican's CACHE_CONTENT and LOAD_CONTENT_CACHE."""
        directory = settings["CACHE_PATH"] if settings.get("CACHE_CONTENT") else None
        return cls(render, directory, load=bool(settings.get("LOAD_CONTENT_CACHE")))

    def _load(self):
        if not self.path:
            return {}
        try:
            with open(self.path, encoding="utf-8") as handle:
                stored = json.load(handle)
        except (OSError, ValueError):
            return {}
        if not isinstance(stored, dict) or stored.get("rules") != self.fingerprint:
            return {}
        return stored.get("bodies", {})

    def __call__(self, text):
        key = hashlib.sha1(text.encode("utf-8")).hexdigest()
        html = self.used.get(key)
        if html is None:
            saved = self.saved.get(key)
            # Saved HTML was sanitized when it was rendered.
            html = self.render(text) if saved is None else Markup(saved)
            self.used[key] = html
        return html

    def save(self):
        if not self.path or self.used.keys() == self.saved.keys():
            return
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        temporary = self.path + ".tmp"
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump({"rules": self.fingerprint, "bodies": self.used}, handle, sort_keys=True)
        os.replace(temporary, self.path)
