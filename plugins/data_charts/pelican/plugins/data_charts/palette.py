"""Read the chart colours from the theme's palette.css, the one place they are defined.

Light values come from the first `:root` block, dark ones from the block
inside `@media (prefers-color-scheme: dark)`. The same file names the font
stack chart text is shown in (`--chart-font`), so charts read in the site's type.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import ChartError

ROLES = ("fg", "bg", "grid", "1", "2", "3", "4", "5", "6")
DECLARATION = re.compile(r"--chart-([a-z0-9]+)\s*:\s*([^;]+);")
HEX = re.compile(r"#[0-9a-f]{6}")
FONT = re.compile(r"--chart-font\s*:\s*([^;]+);")
DARK_BLOCK = re.compile(r"@media[^{]*prefers-color-scheme\s*:\s*dark[^{]*\{")


@dataclass(frozen=True)
class Palette:
    light: tuple[tuple[str, str], ...]  # (role, '#rrggbb') in ROLES order
    dark: tuple[tuple[str, str], ...]
    font: str = "sans-serif"  # a CSS font stack

    def colour(self, role, scheme="light"):
        return dict(getattr(self, scheme))[role]

    @property
    def series(self):
        """The light series colours, which the drawing uses; CSS swaps them for dark mode."""
        return [self.colour(str(n)) for n in range(1, 7)]


def read_palette(path):
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise ChartError(f"cannot read the palette {path}: {error.strerror}") from None
    return parse_palette(text, str(path))


def parse_palette(css, where="palette.css"):
    """Return the Palette in `css`; raise ChartError naming what is missing or malformed."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    dark_start = DARK_BLOCK.search(css)
    if not dark_start:
        raise ChartError(f"{where} has no '@media (prefers-color-scheme: dark)' block")
    light = _colours(css[: dark_start.start()], f"{where} (light)")
    dark = _colours(css[dark_start.end() :], f"{where} (dark)")
    # Dark mode recolours the SVG by matching the light colours, so each must be unique.
    if len(set(light.values())) != len(light):
        raise ChartError(f"{where}: the light --chart-* colours must all differ")
    font = FONT.search(css[: dark_start.start()])
    if not font:
        raise ChartError(f"{where} does not define --chart-font, the font stack of chart text")
    return Palette(tuple((r, light[r]) for r in ROLES), tuple((r, dark[r]) for r in ROLES), " ".join(font.group(1).split()))


def _colours(css, where):
    found = {role: value.strip().lower() for role, value in DECLARATION.findall(css)}
    colours = {}
    for role in ROLES:
        value = found.get(role)
        if value is None:
            raise ChartError(f"{where} does not define --chart-{role}")
        if not HEX.fullmatch(value):
            raise ChartError(f"{where}: --chart-{role} must be a six-digit hex colour; found '{value}'")
        colours[role] = value
    return colours
