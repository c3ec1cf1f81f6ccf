"""Drawn charts kept on disk between builds, under a hash of everything that shapes them.

A chart is redrawn only when its key changes: its table (title, categories,
values, labels, gaps), its caption and source line, the palette and fonts,
the style file, its size, any file of this package, or the versions of the
libraries that draw and encode it.
"""

import dataclasses
import functools
import hashlib
import json
from pathlib import Path

from pelican.plugins.site_common.fingerprint import code_fingerprint

from .draw import RENDERINGS

# matplotlib lays out and draws; Pillow and NumPy encode its PNGs.
DRAWING_LIBRARIES = ("matplotlib", "pillow", "numpy")


def cache_key(job):
    """A hex digest that changes whenever any file drawn for `job` could change."""
    fields = dataclasses.asdict(job)
    # The style file's text counts, not where this checkout keeps it.
    fields.pop("style")
    shape = {
        "job": fields,
        "style": Path(job.style).read_text(encoding="utf-8"),
        "code": _code_digest(),
    }
    encoded = json.dumps(shape, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


@functools.cache
def _code_digest():
    # Once per process: reading the package and the libraries' metadata takes
    # milliseconds, which on 300 charts was a tenth of a rebuild.
    return code_fingerprint(("pelican.plugins.data_charts",), DRAWING_LIBRARIES)


class ChartCache:
    """One file per rendering, named `<key><suffix>`; an entry counts only if all are there."""

    def __init__(self, directory):
        self.directory = Path(directory)

    def _path(self, key, suffix):
        return self.directory / f"{key}{suffix}"

    def get(self, key, suffixes=RENDERINGS):
        """{suffix: bytes} of a chart drawn before, or None."""
        try:
            return {suffix: self._path(key, suffix).read_bytes() for suffix in suffixes}
        except FileNotFoundError:
            return None

    def put(self, key, files):
        self.directory.mkdir(parents=True, exist_ok=True)
        # Write then rename, so an interrupted build never leaves half a chart.
        # No flush to disk: a cache entry lost in a crash is only drawn again.
        for suffix in files:
            temporary = self._path(key, suffix + ".tmp")
            temporary.write_bytes(files[suffix])
            temporary.replace(self._path(key, suffix))
