"""Pick the data set's rows that a chart or an inline figure asks for.

Every refusal the issue of trust calls for happens here: unknown names, rows
nobody asked to choose between, units that must not meet, and computed
measures that would mix sources.
"""

from dataclasses import dataclass
from decimal import Decimal

from .errors import ChartError, unknown
from .measures import MEASURES


@dataclass(frozen=True)
class Point:
    """One value a chart draws or a sentence quotes, with the rows it comes from."""

    period: str
    nationality: str
    measure: str
    source: str
    value: int | Decimal | float
    inputs: tuple  # the Observations behind the value: one, or a computation's terms

    def coordinate(self, dimension):
        return getattr(self, dimension)


@dataclass(frozen=True)
class Query:
    """What to select; a ChartSpec carries the same fields."""

    measures: tuple[str, ...]
    nationalities: tuple[str, ...]
    periods: tuple[str, ...]
    sources: tuple[str, ...] = ()


# What to add when several sources give a figure: a chart block names it with
# `source:`, an inline figure with `@id` (figures.py passes its own wording).
CHART_SOURCE_HINT = "add 'source:' naming the one to use, or 'sources:' listing several to compare them"


def select(query, dataset, source_hint=CHART_SOURCE_HINT):
    """Return the Points `query` selects, in the order its lists give; raise ChartError."""
    check_names(query, dataset)
    check_units(query.measures)
    points = []
    for period in query.periods:
        for nationality in query.nationalities:
            for measure in query.measures:
                found = candidates(dataset, period, nationality, measure)
                if query.sources:
                    found = [point for point in found if point.source in query.sources]
                elif len(found) > 1:
                    raise ChartError(_ambiguous(period, nationality, measure, found, source_hint),
                                     key="measure")
                points.extend(sorted(found, key=lambda point: _order(query.sources, point.source)))
    if not points:
        raise ChartError(_nothing_selected(query, dataset))
    return points


def check_names(query, dataset):
    for kind, names, known in (
        ("measure", query.measures, MEASURES),
        ("nationality", query.nationalities, dataset.nationalities),
        ("period", query.periods, dataset.periods),
        ("source", query.sources, dataset.sources),
    ):
        for name in names:
            if name not in known:
                raise ChartError(unknown(kind, name, known), key=kind)


def check_units(measures):
    """Refuse to put counts of cases, counts of individuals and percentages together."""
    units = {}
    for measure in measures:
        units.setdefault(MEASURES[measure].unit, measure)
    if len(units) > 1:
        mixed = " with ".join(f"{unit} ({measure})" for unit, measure in units.items())
        raise ChartError(
            key="measure", message=f"it mixes {mixed}; immigration courts (EOIR) count cases and DHS counts individuals, "
            "and neither adds to a percentage, so chart them separately"
        )


def candidates(dataset, period, nationality, measure):
    """Every source's value for one cell; a computed measure is computed within one source."""
    definition = MEASURES[measure]
    if not definition.computed:
        return [
            Point(row.period, row.nationality, row.measure, row.source, row.value, (row,))
            for row in dataset.lookup(period, nationality, measure)
        ]
    terms = {name: dataset.lookup(period, nationality, name) for name in definition.denominator}
    points = []
    for numerator in dataset.lookup(period, nationality, definition.numerator):
        same_source = [
            next((row for row in terms[name] if row.source == numerator.source), None)
            for name in definition.denominator
        ]
        if None in same_source:
            continue
        total = sum(row.value for row in same_source)
        if total:
            value = 100 * numerator.value / total
            points.append(Point(period, nationality, measure, numerator.source, value, tuple(same_source)))
    return points


def _order(sources, source):
    return (sources.index(source) if source in sources else len(sources), source)


def _ambiguous(period, nationality, measure, found, hint):
    listed = ", ".join(f"{point.source} ({point.value:g})" for point in found)
    return f"{nationality} {measure} {period} is given by {len(found)} sources: {listed}; {hint}"


def _nothing_selected(query, dataset):
    wanted = f"{', '.join(query.measures)} for {', '.join(query.nationalities)}"
    available = sorted(
        {
            point.period
            for period in dataset.periods
            for nationality in query.nationalities
            for measure in query.measures
            for point in candidates(dataset, period, nationality, measure)
            if not query.sources or point.source in query.sources
        }
    )
    message = f"it selects no rows: the data set has no {wanted} in {', '.join(query.periods)}"
    if query.sources:
        message += f" from {', '.join(query.sources)}"
    if available:
        message += f"; it has them for {', '.join(available)}"
    return message
