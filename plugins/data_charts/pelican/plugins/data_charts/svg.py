"""Turn matplotlib's SVG into the site's: scalable, titled, in the site's fonts, recoloured in dark mode.

matplotlib writes each colour into a `style` attribute. The page's drawing
uses the palette's light colours; an embedded stylesheet swaps each one for
its dark counterpart when the reader prefers dark, so one file serves both
schemes (and any reader without CSS still sees the light colours). The
stand-alone SVG, meant to be downloaded and seen alone, stays light.

Text stays text: matplotlib lays it out with DejaVu Sans, which it ships, so
the layout is the same on every machine; the file then names the site's own
font stack, which the reader's system draws (narrower than DejaVu Sans in
practice, so nothing laid out to fit stops fitting), and which a screen
reader, a search or a copy can read.
"""

import re
from html import escape

SIZE_ATTRIBUTES = re.compile(r'(<svg\b[^>]*?)\s+width="[^"]*"\s+height="[^"]*"')
METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)
STYLE_ELEMENT = re.compile(r'(<style type="text/css">)(.*?)(</style>)', re.DOTALL)
SVG_OPEN = re.compile(r"<svg\b[^>]*>")
FONT_FAMILY = re.compile(r"font-family: [^;\"]*")


def finish_svg(svg, palette, title):
    """Drop the fixed size (the viewBox stays), add a <title>, the site's fonts and the dark-mode stylesheet."""
    svg = SIZE_ATTRIBUTES.sub(r"\1", svg, count=1)
    svg = STYLE_ELEMENT.sub(lambda m: m.group(1) + m.group(2) + dark_mode_css(palette) + m.group(3), svg, count=1)
    return finish_standalone_svg(svg, palette, title)


def finish_standalone_svg(svg, palette, title):
    """Add a <title> and the site's fonts; no metadata, so the bytes depend on the chart alone."""
    svg = METADATA.sub("", svg, count=1)
    svg = FONT_FAMILY.sub(f"font-family: {_attribute_safe(palette.font)}", svg)
    opening = SVG_OPEN.search(svg)
    return f"{svg[: opening.end()]}\n <title>{escape(title)}</title>{svg[opening.end() :]}"


def _attribute_safe(font_stack):
    # The stack goes inside a style="..." attribute: quote family names with '.
    return font_stack.replace('"', "'")


def dark_mode_css(palette):
    """CSS that maps each light chart colour to its dark value; screen only, so print stays light."""
    light = dict(palette.light)
    rules = []
    for role, dark in palette.dark:
        for prop in ("fill", "stroke"):
            rules.append(f'[style*="{prop}: {light[role]}"]{{{prop}:{dark} !important}}')
    return "\n@media screen and (prefers-color-scheme: dark){" + "".join(rules) + "}"
