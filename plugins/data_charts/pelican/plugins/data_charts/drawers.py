"""One small drawing function per chart type, each handed an Axes it draws on.

They draw data only: axes, titles and legends are the caller's (draw.py).
Each returns the handles its legend should show, in order. A missing value
is drawn as a gap, and a bar that is missing says "no data" where it would
stand, so a gap on the chart is never mistaken for a zero.
"""

import math

from .formatting import format_number

DASHES = ("solid", (0, (5, 2)), (0, (1.5, 1.5)), (0, (6, 2, 1.5, 2)))
MARKERS = ("o", "s", "^", "D", "v", "P")
NO_DATA = "no data"


def draw_bar(axes, table, colours, look):
    series = table.series[0]
    bars = axes.bar(positions(table), _heights(series), color=colours[series.colour], width=0.6)
    label_bars(axes, bars, series, table, look)
    _mark_gaps(axes, positions(table), series, look)
    return []


def draw_grouped_bar(axes, table, colours, look):
    count = len(table.series)
    width = 0.8 / count
    handles = []
    for index, series in enumerate(table.series):
        offset = (index - (count - 1) / 2) * width
        where = [x + offset for x in positions(table)]
        bars = axes.bar(where, _heights(series), width=width, color=colours[series.colour], label=series.label)
        label_bars(axes, bars, series, table, look)
        _mark_gaps(axes, where, series, look)
        handles.append(bars)
    return handles


def draw_stacked_bar(axes, table, colours, look):
    bottoms = [0] * len(table.categories)
    handles = []
    for series in table.series:
        heights = _heights(series)
        handles.append(
            axes.bar(positions(table), heights, bottom=bottoms, width=0.6, color=colours[series.colour], label=series.label)
        )
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    # A category with no value in any series has no stack at all.
    empty = [all(s.values[i] is None for s in table.series) for i in range(len(table.categories))]
    _mark_gaps(axes, positions(table), _Gaps(empty), look)
    # Legend order follows the stack from the top down, as the eye reads it.
    return handles[::-1]


def draw_line(axes, table, colours, look):
    handles = []
    for series in table.series:
        values = [math.nan if v is None else float(v) for v in series.values]
        (line,) = axes.plot(
            positions(table), values, color=colours[series.colour], linestyle=DASHES[series.dash],
            marker=MARKERS[series.colour], label=series.label,
        )
        handles.append(line)
    return handles


def positions(table):
    return list(range(len(table.categories)))


def _heights(series):
    return [0 if v is None else float(v) for v in series.values]


def label_bars(axes, bars, series, table, look):
    """Write each bar's value above it; draw.py takes them away again if they would collide."""
    labels = ["" if v is None else format_number(v, table.unit) for v in series.values]
    for text in axes.bar_label(bars, labels=labels, padding=2, fontsize=look.value_size):
        text.chart_role = "value"


class _Gaps:
    """Stands in for a series where only 'is this value missing' matters."""

    def __init__(self, empty):
        self.values = [None if gap else 0 for gap in empty]


def _mark_gaps(axes, where, series, look):
    for x, value in zip(where, series.values, strict=True):
        if value is None:
            text = axes.annotate(
                NO_DATA, (x, 0), xytext=(0, 3), textcoords="offset points", rotation=90,
                ha="center", va="bottom", fontsize=look.value_size, alpha=0.8,
            )
            text.chart_role = "gap"
