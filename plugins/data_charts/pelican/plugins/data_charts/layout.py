"""Arrange selected Points into a ChartTable: categories along the axis, series in colour.

The same table feeds the drawing, the alt text, the HTML table and the cache
key, so a chart and its table cannot disagree.
"""

from dataclasses import dataclass

from .errors import ChartError
from .measures import MEASURES, PERCENT
from .spec import DIMENSIONS


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple  # one per category; None where the data set has no value
    colour: int  # index into the palette's chart colours
    dash: int  # index into the line styles; 0 is solid


@dataclass(frozen=True)
class ChartTable:
    type: str
    title: str
    unit: str
    x: str  # the dimension along the axis
    categories: tuple[str, ...]
    series: tuple[Series, ...]


MAX_COLOURS = 6  # palette.css defines --chart-1 .. --chart-6
MAX_DASHES = 4


def layout(spec, points, sources):
    """Build the ChartTable for `spec` from its selected `points`; raise ChartError."""
    varying = [d for d in DIMENSIONS if len({p.coordinate(d) for p in points}) > 1]
    x = spec.x or _default_x(spec.type, varying)
    others = [d for d in varying if d != x]
    _check_shape(spec.type, x, others, points)
    labels = Labels(spec, sources)
    categories = _distinct(points, x)
    colour_dim = others[0] if others else None
    dash_dim = others[1] if len(others) > 1 else None
    colour_keys = _distinct(points, colour_dim) if colour_dim else [None]
    dash_keys = _distinct(points, dash_dim) if dash_dim else [None]
    if len(colour_keys) > MAX_COLOURS or len(dash_keys) > MAX_DASHES:
        raise ChartError(
            f"it has {len(colour_keys)} series; a chart can tell apart at most {MAX_COLOURS}, so select fewer"
        )
    by_cell = {
        (p.coordinate(x), p.coordinate(colour_dim) if colour_dim else None, p.coordinate(dash_dim) if dash_dim else None): p.value
        for p in points
    }
    series = []
    for dash, dash_key in enumerate(dash_keys):
        for colour, colour_key in enumerate(colour_keys):
            values = tuple(by_cell.get((category, colour_key, dash_key)) for category in categories)
            if any(value is not None for value in values):
                name = " · ".join(labels.of(dim, key) for dim, key in ((colour_dim, colour_key), (dash_dim, dash_key)) if dim)
                series.append(Series(name or labels.of("measure", points[0].measure), values, colour, dash))
    return ChartTable(
        type=spec.type,
        title=spec.title,
        unit=MEASURES[points[0].measure].unit,
        x=x,
        categories=tuple(labels.of(x, category) for category in categories),
        series=tuple(series),
    )


def _default_x(chart_type, varying):
    if chart_type == "line":
        return "period"
    return varying[0] if varying else "measure"


def _check_shape(chart_type, x, others, points):
    names = " and ".join(others)
    if chart_type == "bar" and others:
        raise ChartError(f"a bar chart varies one thing along its axis ({x}); this one also varies {names}: use grouped-bar or stacked-bar")
    if chart_type in ("grouped-bar", "stacked-bar") and len(others) > 1:
        raise ChartError(f"a {chart_type} chart shows {x} along its axis and one thing in colour; this one also varies {names}")
    if chart_type == "line" and len(others) > 2:
        raise ChartError(f"a line chart shows periods along its axis, one thing in colour and one in dashes; this one varies {names}")
    if chart_type == "stacked-bar":
        if MEASURES[points[0].measure].unit == PERCENT:
            raise ChartError("a stacked-bar chart adds its values, and percentages do not add up; use grouped-bar")
        if "source" in others or x == "source":
            raise ChartError("a stacked-bar chart would add the same figure from several sources; use grouped-bar to compare sources")


def _distinct(points, dimension):
    seen = {}
    for point in points:
        seen.setdefault(point.coordinate(dimension), None)
    return list(seen)


class Labels:
    """How each name reads on a chart: the spec's own labels first, then sensible defaults."""

    def __init__(self, spec, sources):
        self.custom = dict(spec.labels)
        self.sources = sources

    def of(self, dimension, name):
        if name in self.custom:
            return self.custom[name]
        if dimension == "measure":
            return MEASURES[name].label
        if dimension == "source":
            return short_source_label(self.sources[name])
        return name


def short_source_label(source):
    """'The Asylumist, 2013' from a source's publisher and date; full details go in the caption."""
    publisher = source.publisher.split(",")[0].split(" (")[0].strip()
    return f"{publisher}, {source.published[:4]}"
