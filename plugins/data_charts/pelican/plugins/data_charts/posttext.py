"""Read a post's Markdown source into what the number checks look at, each piece with its line.

The checks need the file's own line numbers, so they read the source rather
than the HTML: the metadata header, the prose lines (the summary counts as
prose), the inline figures, the chart blocks, the tables, the headings that
divide the post into sections, and the allow markers an author wrote.
"""

import re
from dataclasses import dataclass, field
from functools import cached_property

from .errors import ChartError
from .figures import parse_figure_words
from .markdown_ext import ALLOW_MARKER, FENCE_OPEN, FIGURE_PATTERN
from .selection import select
from .spec import parse_spec

FIGURE = re.compile(FIGURE_PATTERN)
HEADER_KEY = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9_-]*):\s*(?P<value>.*)$")
OTHER_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})")
ALLOW_BODY = re.compile(r"^\s*(?P<number>[\d.,]+\s*%?)\s*:\s*(?P<reason>.*?)\s*$", re.DOTALL)
TABLE_LINE = re.compile(r"^\s*\|")
CODE_SPAN = re.compile(r"`+[^`]*`+")


@dataclass(frozen=True)
class Figure:
    line: int
    words: str
    section: int
    table: int | None  # index into PostText.tables, if the figure sits in a table


@dataclass(frozen=True)
class ChartBlock:
    line: int
    text: str  # the block's YAML
    section: int


@dataclass
class Table:
    line: int  # of its first row
    section: int
    rows: list = field(default_factory=list)  # (line, text) of every row, header included


@dataclass(frozen=True)
class Marker:
    line: int
    number: str  # as written, e.g. '28,115'
    reason: str


@dataclass
class PostText:
    header: dict = field(default_factory=dict)  # lower-case key -> (line, value)
    prose: list = field(default_factory=list)  # (line, text, section): summary and body lines
    figures: list = field(default_factory=list)
    charts: list = field(default_factory=list)
    tables: list = field(default_factory=list)
    markers: list = field(default_factory=list)
    bad_markers: list = field(default_factory=list)  # lines of markers without a number or a reason
    masked: list | None = None  # the prose with what is not a count blanked out (handtyped.masked_prose)
    # What handtyped.py finds in the text alone, found once for every data set it is checked against.
    typed: list | None = None  # numbers typed in the prose (handtyped.typed_in)
    phrases: list | None = None  # counts the prose states (handtyped.count_phrases)
    periods: set | None = None  # fiscal periods the prose names
    named: dict = field(default_factory=dict)  # nationality pattern -> the names of it the prose holds

    # What the figures and charts ask for, read once however many checks ask.
    # One that cannot be read is left out: its mistake is reported where it
    # is drawn (placeholders.py).

    @cached_property
    def queries(self):
        """(Figure, Query) for each figure whose words can be read."""
        return [(figure, query) for figure in self.figures if (query := _read(parse_figure_words, figure.words))]

    @cached_property
    def specs(self):
        """(ChartBlock, ChartSpec) for each chart block that can be read."""
        return [(chart, spec) for chart in self.charts if (spec := _read(parse_spec, chart.text))]


def read_post_text(text):
    """Split a post's Markdown source into header, prose, figures, charts, tables and markers."""
    post = PostText()
    lines = text.splitlines()
    index = _read_header(lines, post)
    summary = post.header.get("summary")
    if summary:
        # Section 0 is the summary alone: it is read away from the post's tables.
        _add_prose(post, summary[0], f"Summary: {summary[1]}", section=0, table=None)
    section, table = 1, None
    while index < len(lines):
        line, number = lines[index], index + 1
        opening = FENCE_OPEN.match(line) or OTHER_FENCE.match(line)
        if opening:
            end = _fence_end(lines, index, opening.group("fence"))
            if FENCE_OPEN.match(line):
                post.charts.append(ChartBlock(number, "\n".join(lines[index + 1 : end]), section))
            index, table = end + 1, None
            continue
        if line.startswith("#"):
            section, table = section + 1, None
        if TABLE_LINE.match(line):
            if table is None:
                post.tables.append(Table(number, section))
                table = len(post.tables) - 1
            post.tables[table].rows.append((number, line))
        else:
            table = None
        _add_prose(post, number, line, section, table)
        index += 1
    return post


def _read_header(lines, post):
    """Read `Key: value` lines up to the first blank line; return the index of the body's first line."""
    for index, line in enumerate(lines):
        match = HEADER_KEY.match(line)
        if not line.strip() or not match:
            return index
        post.header[match.group("key").lower()] = (index + 1, match.group("value"))
    return len(lines)


def _fence_end(lines, index, fence):
    closing = re.compile(rf"{re.escape(fence[0])}{{{len(fence)},}}")
    return next((i for i in range(index + 1, len(lines)) if closing.fullmatch(lines[i].strip())), len(lines))


def _add_prose(post, number, line, section, table):
    for match in ALLOW_MARKER.finditer(line):
        body = ALLOW_BODY.match(match.group("body"))
        if body and body.group("reason"):
            post.markers.append(Marker(number, body.group("number").replace(" ", ""), body.group("reason")))
        else:
            post.bad_markers.append(number)
    # Inside backticks {{ ... }} is literal text, not a figure.
    for match in FIGURE.finditer(CODE_SPAN.sub("", line)):
        post.figures.append(Figure(number, match.group(1), section, table))
    post.prose.append((number, line, section))


def figure_points(post, dataset):
    """(Figure, Point) for each figure the data set answers."""
    return [(figure, points[0]) for figure, query in post.queries if (points := _read(select, query, dataset))]


def chart_points(post, dataset):
    """(ChartBlock, [Point]) for each chart the data set answers."""
    return [(chart, points) for chart, spec in post.specs if (points := _read(select, spec, dataset))]


def _read(parse, *args):
    try:
        return parse(*args)
    except ChartError:
        return None
