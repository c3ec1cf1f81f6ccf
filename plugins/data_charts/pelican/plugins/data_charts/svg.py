"""Turn matplotlib's SVG into the site's: scalable, titled, and recoloured in dark mode.

matplotlib writes each colour into a `style` attribute. The drawing uses the
palette's light colours; an embedded stylesheet swaps each one for its dark
counterpart when the reader prefers dark, so one file serves both schemes
(and any reader without CSS still sees the light colours).
"""

import re
from html import escape

SIZE_ATTRIBUTES = re.compile(r'(<svg\b[^>]*?)\s+width="[^"]*"\s+height="[^"]*"')
METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.S)
STYLE_ELEMENT = re.compile(r'(<style type="text/css">)(.*?)(</style>)', re.S)
SVG_OPEN = re.compile(r"<svg\b[^>]*>")


def finish_svg(svg, palette, title):
    """Drop the fixed size (the viewBox stays), add a <title> and the dark-mode stylesheet."""
    svg = SIZE_ATTRIBUTES.sub(r"\1", svg, count=1)
    svg = METADATA.sub("", svg, count=1)
    svg = STYLE_ELEMENT.sub(lambda m: m.group(1) + m.group(2) + dark_mode_css(palette) + m.group(3), svg, count=1)
    opening = SVG_OPEN.search(svg)
    return f"{svg[: opening.end()]}\n <title>{escape(title)}</title>{svg[opening.end() :]}"


def dark_mode_css(palette):
    """CSS that maps each light chart colour to its dark value; screen only, so print stays light."""
    light = dict(palette.light)
    rules = []
    for role, dark in palette.dark:
        for prop in ("fill", "stroke"):
            rules.append(f'[style*="{prop}: {light[role]}"]{{{prop}:{dark} !important}}')
    return "\n@media screen and (prefers-color-scheme: dark){" + "".join(rules) + "}"
