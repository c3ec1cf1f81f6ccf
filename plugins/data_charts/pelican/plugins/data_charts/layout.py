"""Arrange selected Points into a ChartTable: categories along the axis, series in colour.

The same table feeds the drawing, the alt text, the HTML table and the cache
key, so a chart and its table cannot disagree.
"""

from dataclasses import dataclass

from .chart_types import CHART_TYPES
from .errors import ChartError
from .measures import MEASURES
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
    axis_label: str = ""  # the value axis: the measure's name and unit, or the unit alone
    # What the chart asked for and the data set does not have, as readers
    # read it ("Granted, Honduras, FY2012"); only with `missing: show`.
    gaps: tuple[str, ...] = ()

    @property
    def gap_note(self):
        if not self.gaps:
            return ""
        return f"Not in the data set, so not drawn: {'; '.join(self.gaps)}."


MAX_COLOURS = 6  # palette.css defines --chart-1 .. --chart-6
MAX_DASHES = 4


def layout(spec, points, sources, gaps=()):
    """Build the ChartTable for `spec` from its selected `points`; raise ChartError.

    `gaps` are the (period, nationality, measure, source) cells the spec asked
    for that have no value; the axis still shows each requested name, so a
    gap stands where its value would.
    """
    requested = {"period": spec.periods, "nationality": spec.nationalities, "measure": spec.measures}
    varying = [
        d for d in DIMENSIONS
        if len(requested[d] if d in requested else {p.coordinate(d) for p in points}) > 1
    ]
    chart_type = CHART_TYPES[spec.type]
    x = spec.x or chart_type.default_x(varying)
    others = [d for d in varying if d != x]
    unit = MEASURES[points[0].measure].unit
    chart_type.check_shape(x, others, unit)
    labels = Labels(spec, sources)
    categories = list(requested[x]) if x in requested else _distinct(points, x)
    colour_dim = others[0] if others else None
    dash_dim = others[1] if len(others) > 1 else None
    colour_keys = _distinct(points, colour_dim) if colour_dim else [None]
    dash_keys = _distinct(points, dash_dim) if dash_dim else [None]
    if len(colour_keys) > MAX_COLOURS:
        raise ChartError(
            f"it has {len(colour_keys)} series; a chart can tell apart at most {MAX_COLOURS}, so select fewer"
        )
    if len(dash_keys) > MAX_DASHES:
        raise ChartError(f"it needs {len(dash_keys)} line styles to tell each {dash_dim} apart; "
                         f"a chart has at most {MAX_DASHES}, so select fewer")
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
    measures = {p.measure for p in points}
    axis_label = f"{labels.of('measure', points[0].measure)}, {unit}" if len(measures) == 1 else unit.capitalize()
    return ChartTable(
        type=spec.type,
        title=spec.title,
        unit=unit,
        x=x,
        categories=tuple(labels.of(x, category) for category in categories),
        series=tuple(series),
        axis_label=axis_label,
        gaps=tuple(_gap_text(gap, labels) for gap in gaps),
    )


def _gap_text(gap, labels):
    period, nationality, measure, source = gap
    text = f"{labels.of('measure', measure)}, {nationality}, {period}"
    return f"{text} ({labels.of('source', source)})" if source else text


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
