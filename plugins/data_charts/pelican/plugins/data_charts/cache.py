"""Drawn charts kept on disk between builds, under a hash of everything that shapes them.

A chart is redrawn only when its key changes: its table (title, categories,
values, labels), the palette, the style file, its size, the plugin's code,
or matplotlib's version.
"""

import dataclasses
import functools
import hashlib
import json
from pathlib import Path

from pelican.plugins.site_common.fingerprint import code_fingerprint

# Raise to redraw every chart after a change the key would not otherwise see.
PLUGIN_VERSION = "1"
# Every file of the plugin, not a hand-kept list of drawing modules (such a
# list missed palette.py and measures.py once each), and matplotlib's version.
DRAWING_PACKAGES = ("pelican.plugins.data_charts",)
DRAWING_DISTRIBUTIONS = ("matplotlib",)


def cache_key(job):
    """A hex digest that changes whenever the SVG drawn for `job` could change."""
    fields = dataclasses.asdict(job)
    # The style file's text counts, not where this checkout keeps it.
    fields.pop("style")
    shape = {
        "job": fields,
        "style": Path(job.style).read_text(encoding="utf-8"),
        "code": _drawing_code_digest(),
        "plugin": PLUGIN_VERSION,
    }
    encoded = json.dumps(shape, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


@functools.cache
def _drawing_code_digest():
    # Once per process: reading the files and the installed packages' metadata
    # at every chart was a tenth of a rebuild on 300 charts.
    return code_fingerprint(DRAWING_PACKAGES, DRAWING_DISTRIBUTIONS)


class ChartCache:
    def __init__(self, directory):
        self.directory = Path(directory)

    def _path(self, key):
        return self.directory / f"{key}.svg"

    def get(self, key):
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            return None

    def put(self, key, svg):
        self.directory.mkdir(parents=True, exist_ok=True)
        # Write then rename, so an interrupted build never leaves half a chart.
        temporary = self._path(key).with_suffix(".tmp")
        temporary.write_bytes(svg)
        temporary.replace(self._path(key))
