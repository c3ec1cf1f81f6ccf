"""The plugin's CHARTS_* settings, declared once, and the paths they resolve to."""

import os
from dataclasses import dataclass
from pathlib import Path

from pelican.plugins.site_common.options import ExistingPath, Integer, Invalid, Option, Optional, Schema, Text


class Size(Option):
    """(width, height) in inches, each between 1 and 20."""

    def convert(self, value, settings):
        if not (isinstance(value, (tuple, list)) and len(value) == 2
                and all(isinstance(n, (int, float)) and not isinstance(n, bool) and 1 <= n <= 20
                        for n in value)):
            raise Invalid
        return tuple(float(n) for n in value)


SCHEMA = Schema("ChartsSettings", "CHARTS_", {
    # The data set's directory, relative to PATH (the content directory). A
    # missing one is reported only if a post asks for a chart or figure.
    "CHARTS_DATA_PATH": Text(default="data/asylum-statistics", expected="a folder inside PATH"),
    # The theme's palette; None means THEME/static/css/palette.css.
    "CHARTS_PALETTE_PATH": Optional(default=None, option=ExistingPath(None, "the path of a palette.css")),
    # Where drawn SVGs are kept between builds; None means CACHE_PATH/charts.
    "CHARTS_CACHE_PATH": Optional(default=None, option=Text(None, "a folder")),
    # Processes drawing charts that are not cached; None means one per CPU,
    # 1 draws in the build's own process.
    "CHARTS_WORKERS": Optional(default=None, option=Integer(
        None, "a whole number of processes, 1 to 64", low=1, high=64)),
    # The drawing's proportions, in inches; the SVG scales to any width.
    "CHARTS_SIZE": Size(default=(6.4, 4.0), expected="(width, height) in inches, each between 1 and 20"),
})


@dataclass(frozen=True)
class ChartsConfig:
    data_path: Path
    palette_path: Path
    cache_path: Path
    workers: int
    size: tuple[float, float]


def resolve(settings_config, settings):
    """Paths and counts the plugin works with, from the checked settings."""
    palette = settings_config.palette_path or Path(settings["THEME"], "static", "css", "palette.css")
    cache = settings_config.cache_path or Path(settings.get("CACHE_PATH", "cache"), "charts")
    return ChartsConfig(
        data_path=Path(settings["PATH"], settings_config.data_path),
        palette_path=Path(palette),
        cache_path=Path(cache),
        workers=settings_config.workers or os.cpu_count() or 1,
        size=settings_config.size,
    )
