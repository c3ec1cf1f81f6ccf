"""Markdown syntax for charts and inline figures; it only marks where they go.

A ```chart block becomes an empty <div> carrying the block's YAML and line
number; {{ Mexico FY2012 court_grant_rate }} becomes an empty <span> carrying
its words. Pelican's content_object_init handler fills both in once the
post's URL is known (plugin.py), which also keeps them out of Typogrify's way.
Allow markers for hand-typed numbers are dropped here.
"""

import base64
import re
import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor

FENCE_OPEN = re.compile(r"^(?P<fence>`{3,}|~{3,})[ \t]*chart[ \t]*$")
FIGURE_PATTERN = r"\{\{\s*([^{}]+?)\s*\}\}"
CHART_SLOT = re.compile(r'<div data-chart="(?P<spec>[A-Za-z0-9_=-]*)" data-line="(?P<line>\d+)"></div>')
FIGURE_SLOT = re.compile(r'<span data-figure="(?P<words>[^"]*)"></span>')
# <!-- allow 28,115: the total as DHS printed it --> keeps a hand-typed number
# (handtyped.py); it speaks to the build, so readers never get it.
ALLOW_MARKER = re.compile(r"[ \t]*<!--\s*allow\b(?P<body>.*?)-->")
# An inline figure left in an image's alt text (see FigureProcessor).
ALT_FIGURE = re.compile(r'alt="[^"]*?\{\{\s*(?P<words>[^{}"]+?)\s*\}\}')
# After normalize_whitespace (30), before meta (27) and fenced_code (25), so
# line numbers are the file's and fenced_code never sees a chart block.
PREPROCESSOR_PRIORITY = 29
# After backticks (190), so code spans keep {{ }} literal for documentation.
INLINE_PRIORITY = 185


class ChartBlockPreprocessor(Preprocessor):
    def run(self, lines):
        return [ALLOW_MARKER.sub("", line) for line in replace_chart_blocks(lines)]


def replace_chart_blocks(lines):
    """Yield `lines` with each top-level ```chart block replaced by a placeholder line."""
    index = 0
    while index < len(lines):
        opening = FENCE_OPEN.match(lines[index])
        if not opening:
            yield lines[index]
            index += 1
            continue
        fence = opening.group("fence")
        closing = re.compile(rf"{re.escape(fence[0])}{{{len(fence)},}}")
        end = next((i for i in range(index + 1, len(lines)) if closing.fullmatch(lines[i].strip())), None)
        # An unclosed block becomes an empty one, which the renderer reports.
        body = "" if end is None else "\n".join(lines[index + 1 : end])
        end = len(lines) if end is None else end
        yield ""
        yield chart_slot(body, index + 1)
        yield ""
        index = end + 1


def chart_slot(body, line):
    encoded = base64.urlsafe_b64encode(body.encode("utf-8")).decode("ascii")
    return f'<div data-chart="{encoded}" data-line="{line}"></div>'


def decode_chart_slot(match):
    """(YAML text, line number) from a CHART_SLOT match."""
    return base64.urlsafe_b64decode(match.group("spec")).decode("utf-8"), int(match.group("line"))


class FigureProcessor(InlineProcessor):
    def handleMatch(self, m, data):
        if _in_image_text(data, m.start(0)):
            # An attribute cannot hold a linked figure: the words stay as
            # written, and filling the post reports them (ALT_FIGURE).
            return None, None, None
        element = etree.Element("span")
        element.set("data-figure", m.group(1))
        return element, m.start(0), m.end(0)


def _in_image_text(data, position):
    """Whether `position` lies between an image's `![` and its `]`."""
    opening = data.rfind("![", 0, position)
    return opening != -1 and "]" not in data[opening:position]


class ChartsExtension(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.register(ChartBlockPreprocessor(md), "data_charts", PREPROCESSOR_PRIORITY)
        md.inlinePatterns.register(FigureProcessor(FIGURE_PATTERN, md), "data_charts_figure", INLINE_PRIORITY)
