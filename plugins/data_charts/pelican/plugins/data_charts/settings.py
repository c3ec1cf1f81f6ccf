"""The plugin's settings: their defaults, in one place, and their validation, once per build."""

import os
from dataclasses import dataclass
from pathlib import Path

from .errors import ChartError

DEFAULTS = {
    # The data set's directory, relative to PATH (the content directory).
    "CHARTS_DATA_PATH": "data/asylum-statistics",
    # The theme's palette; None means THEME/static/css/palette.css.
    "CHARTS_PALETTE_PATH": None,
    # Where drawn SVGs are kept between builds; None means CACHE_PATH/charts.
    "CHARTS_CACHE_PATH": None,
    # Processes drawing charts that are not cached; None means one per CPU,
    # 1 draws in the build's own process.
    "CHARTS_WORKERS": None,
    # The drawing's proportions, in inches; the SVG scales to any width.
    "CHARTS_SIZE": (6.4, 4.0),
}


@dataclass(frozen=True)
class ChartsConfig:
    data_path: Path
    palette_path: Path
    cache_path: Path
    workers: int
    size: tuple[float, float]


def configure(settings):
    """Fill in defaults in `settings` and return the checked ChartsConfig; raise ChartError."""
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    workers = settings["CHARTS_WORKERS"]
    if workers is None:
        workers = os.cpu_count() or 1
    if not isinstance(workers, int) or isinstance(workers, bool) or workers < 1:
        raise _bad("CHARTS_WORKERS", workers, "a whole number of processes, 1 or more (or None)")
    size = settings["CHARTS_SIZE"]
    if not (
        isinstance(size, (tuple, list)) and len(size) == 2
        and all(isinstance(n, (int, float)) and 1 <= n <= 20 for n in size)
    ):
        raise _bad("CHARTS_SIZE", size, "(width, height) in inches, each between 1 and 20")
    # A missing data set is reported only if a post asks for a chart or figure.
    data_path = Path(settings["PATH"], _text(settings, "CHARTS_DATA_PATH"))
    palette = settings["CHARTS_PALETTE_PATH"] or Path(settings["THEME"], "static", "css", "palette.css")
    if not Path(palette).is_file():
        raise _bad("CHARTS_PALETTE_PATH", settings["CHARTS_PALETTE_PATH"], f"the theme's palette.css; {palette} does not exist")
    cache = settings["CHARTS_CACHE_PATH"] or Path(settings.get("CACHE_PATH", "cache"), "charts")
    return ChartsConfig(data_path, Path(palette), Path(cache), workers, tuple(float(n) for n in size))


def _text(settings, key):
    value = settings[key]
    if not isinstance(value, (str, os.PathLike)) or not str(value):
        raise _bad(key, value, "a path")
    return value


def _bad(key, value, expected):
    return ChartError(f"setting {key} = {value!r} is not valid: expected {expected}")
