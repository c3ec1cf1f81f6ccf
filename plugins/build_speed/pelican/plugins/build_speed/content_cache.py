"""Forgets Pelican's content cache when what turns Markdown into HTML has changed.

Pelican checks each source file's stamp, never the settings, packages or
plugin code that made its HTML: after a change to MARKDOWN, to the typography
settings or to a Markdown extension of ours, a rebuild would serve pages made
the old way. A fingerprint of all those is kept beside the cache; when it
differs, the cached HTML is deleted before anything is read.
"""

import hashlib
import json
from pathlib import Path

from pelican.plugins.site_common.fingerprint import code_fingerprint

FINGERPRINT_FILE = "content-cache-fingerprint"
# Every setting counts: Pelican's reader cache also keeps the category, tag
# and author objects it made, with URLs from the settings of their build, so
# even a URL setting makes cached posts stale. Only settings that name where
# this build reads and writes are left out, so that a copy of the site in
# another folder keeps its cache.
UNCACHED_SETTINGS = frozenset({"PATH", "OUTPUT_PATH", "CACHE_PATH", "THEME"})
PACKAGES = ("pelican", "markdown", "pymdown-extensions", "typogrify", "smartypants")
# Pelican's cache files: `<Generator>-Readers` (reader layer) and `<Generator>`.
CACHE_FILES = "*Generator*"


def fingerprint(settings):
    """A digest that changes whenever cached HTML could be made differently."""
    digest = hashlib.sha256()
    chosen = {key: value for key, value in settings.items() if key not in UNCACHED_SETTINGS}
    # A Markdown extension object, should a plugin have added one already,
    # counts by its class, not its address; plugin code is hashed below anyway.
    digest.update(json.dumps(chosen, sort_keys=True,
                             default=lambda o: type(o).__qualname__).encode("utf-8"))
    plugins = [name for name in settings.get("PLUGINS") or [] if isinstance(name, str)]
    digest.update(code_fingerprint(plugins, PACKAGES).encode("utf-8"))
    return digest.hexdigest()


def forget_stale_content_cache(pelican):
    """Delete the cached HTML if it was made with other settings, packages or plugins."""
    settings = pelican.settings
    if not settings.get("CACHE_CONTENT"):
        return
    cache = Path(settings["CACHE_PATH"])
    stamp = cache / FINGERPRINT_FILE
    current = fingerprint(settings)
    try:
        if stamp.read_text(encoding="utf-8") == current:
            return
    except OSError:
        pass
    for path in cache.glob(CACHE_FILES):
        if path.is_file():
            path.unlink()
    cache.mkdir(parents=True, exist_ok=True)
    stamp.write_text(current, encoding="utf-8")
