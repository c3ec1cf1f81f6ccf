"""Drawn charts kept on disk between builds, under a hash of everything that shapes them.

A chart is redrawn only when its key changes: its table (title, categories,
values, labels), the palette, the style file, its size, the drawing code,
or matplotlib's version.
"""

import dataclasses
import functools
import hashlib
import json
from importlib.metadata import version
from pathlib import Path

# Raise to redraw every chart after a change the key would not otherwise see.
PLUGIN_VERSION = "1"
# render_svg's module and every module it calls into: the palette's colour
# lookups, the SVG finishing, the number formats and the unit they test for.
_DRAWING_CODE = ("draw.py", "palette.py", "svg.py", "formatting.py", "measures.py")


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
        "matplotlib": _matplotlib_version(),
    }
    encoded = json.dumps(shape, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


@functools.cache
def _matplotlib_version():
    # Read once: each lookup scans the installed packages' metadata, about
    # 5 ms, which on 300 charts was a tenth of a rebuild.
    return version("matplotlib")


@functools.cache
def _drawing_code_digest():
    here = Path(__file__).parent
    return [hashlib.sha256((here / name).read_bytes()).hexdigest() for name in _DRAWING_CODE]


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
