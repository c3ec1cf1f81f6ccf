"""Pick the data set's rows that a chart or an inline figure asks for.

Every refusal the issue of trust calls for happens here: unknown names, rows
nobody asked to choose between, units that must not meet, and computed
measures that would mix sources.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from .errors import ChartError, unknown
from .measures import MEASURES

PERIOD_YEAR = re.compile(r"FY\d{4}")


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
    """Return the Points `query` selects, in the order its lists give; raise ChartError.

    Every combination asked for must exist: a chart that quietly showed less
    than it was asked for would break the promise that each number is traced.
    """
    points, gaps = select_showing_gaps(query, dataset, source_hint)
    if gaps:
        raise ChartError(gaps_message(query, dataset, gaps))
    return points


def select_showing_gaps(query, dataset, source_hint=CHART_SOURCE_HINT):
    """(Points, gaps): the values that exist, and each (period, nationality, measure, source) that does not.

    The source of a gap is named only when the query compares several sources.
    A query none of whose combinations exist is refused all the same.
    """
    check_names(query, dataset)
    check_units(query.measures)
    points, gaps = [], []
    for period in query.periods:
        for nationality in query.nationalities:
            for measure in query.measures:
                found = candidates(dataset, period, nationality, measure)
                if query.sources:
                    found = [point for point in found if point.source in query.sources]
                    have = {point.source for point in found}
                    absent = [s for s in query.sources if s not in have] if len(query.sources) > 1 and found else []
                    gaps += [(period, nationality, measure, source) for source in absent]
                elif len(found) > 1:
                    raise ChartError(_ambiguous(period, nationality, measure, found, source_hint),
                                     key="measure")
                if not found:
                    gaps.append((period, nationality, measure, None))
                points.extend(sorted(found, key=lambda point: _order(query.sources, point.source)))
    if not points:
        raise ChartError(gaps_message(query, dataset, gaps, offer_show=False))
    return points, gaps


def check_names(query, dataset):
    for kind, names, known in (
        ("measure", query.measures, MEASURES),
        ("nationality", query.nationalities, dataset.nationalities),
        ("period", query.periods, dataset.periods),
        ("source", query.sources, dataset.sources),
    ):
        for name in names:
            if name not in known:
                raise ChartError(unknown(kind, name, _suggestible(query, dataset, kind, known)), key=kind)


def _suggestible(query, dataset, kind, known):
    """The names worth suggesting for an unknown one: a nationality or period only if, put in its
    place, every figure the query asks for would exist."""
    if kind == "period":
        return [period for period in sorted(known) if _complete(query, dataset, period)]
    if kind == "nationality":
        return [
            nationality for nationality in sorted(known)
            if all(_complete(Query(query.measures, (nationality,), (period,), query.sources), dataset, period)
                   for period in query.periods)
        ]
    return known


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


def gaps_message(query, dataset, gaps, offer_show=True):
    """Name each missing combination and what the data set has instead; suggest only what would work."""
    listed = "; ".join(_describe_gap(query, dataset, gap) for gap in gaps)
    message = f"the data set has no {listed}"
    complete = [period for period in sorted(dataset.periods) if _complete(query, dataset, period)]
    if complete and not all(gap[3] for gap in gaps):
        message += f"; every figure asked for exists in {span(complete)}"
    if offer_show:
        message += "; or add 'missing: show' to draw what exists and state what is missing"
    return message


def _describe_gap(query, dataset, gap):
    period, nationality, measure, source = gap
    text = f"{measure} for {nationality} in {period}"
    if source:
        return f"{text} from {source}"
    sources = query.sources
    elsewhere = [
        p for p in sorted(dataset.periods)
        if any(not sources or point.source in sources for point in candidates(dataset, p, nationality, measure))
    ]
    if elsewhere:
        return f"{text} (it has that for {span(elsewhere)})"
    # Only what the sources asked for give: another source's rows are no help to this chart.
    here = sorted({row.measure for row in dataset.observations
                   if (row.period, row.nationality) == (period, nationality) and (not sources or row.source in sources)})
    named = f" from {', '.join(sources)}" if sources else ""
    if here:
        return f"{text} (for {nationality} in {period} it has {', '.join(here)}{named})"
    return f"{text} (it has nothing{named} for {nationality} in {period})"


def _complete(query, dataset, period):
    """True if every nationality and measure of `query` has a value in `period`, from each source asked for."""
    for nationality in query.nationalities:
        for measure in query.measures:
            have = {point.source for point in candidates(dataset, period, nationality, measure)}
            wanted = query.sources or ()
            if not have or (wanted and not set(wanted) <= have):
                return False
    return True


def span(periods):
    """'FY2005..FY2009, FY2012' from a sorted list of periods: consecutive fiscal years joined."""
    runs = []
    for period in periods:
        year = int(period[2:]) if PERIOD_YEAR.fullmatch(period) else None
        if runs and year is not None and runs[-1][1] is not None and year == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], year, runs[-1][2])
        else:
            runs.append((year, year, period))
    return ", ".join(
        first_text if first == last else f"{first_text}..FY{last}"
        for first, last, first_text in runs
    )
