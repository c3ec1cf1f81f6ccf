"""Chart blocks and inline figures for the benchmark, drawn from the real data set.

Every chart names one source and only (period, nationality, measure) rows that
the source actually has, so each one draws without a warning. Each chart also
records the rows it draws, which tells the benchmark how many charts a change
to one row must redraw.
"""

import json
from collections import defaultdict
from dataclasses import dataclass

from pelican.plugins.data_charts.dataset import load_dataset
from pelican.plugins.data_charts.measures import MEASURES, PERCENT

CORGIS = "dhs-yearbook-corgis"
EOIR = "eoir-syb-fy2010"
TRAC = "trac-209"
DHS_MEASURES = ("dhs_affirmative_granted", "dhs_defensive_granted")
EOIR_DISPOSITIONS = ("court_granted", "court_denied", "court_abandoned",
                     "court_withdrawn", "court_other")
EOIR_SINGLE = ("court_received", "court_completed", "court_denied", "court_granted",
               "court_received_defensive", "court_received_affirmative")
EOIR_RATES = ("court_grant_rate_pct", "court_grant_rate_affirmative_pct",
              "court_grant_rate_defensive_pct")
CORGIS_YEARS = tuple(f"FY{year}" for year in range(2005, 2015))
EOIR_YEARS = tuple(f"FY{year}" for year in range(2006, 2011))
# Aggregate rows of the DHS tables are not countries; charts compare countries.
AGGREGATES = ("All nationalities", "All other countries", "Unknown")


@dataclass(frozen=True)
class Row:
    period: str
    nationality: str
    measure: str
    source: str


@dataclass(frozen=True)
class Chart:
    type: str
    title: str
    measures: tuple
    nationalities: tuple
    periods: tuple
    source: str
    caption: str

    def rows(self):
        return {Row(p, n, m, self.source)
                for p in self.periods for n in self.nationalities for m in self.measures}

    def block(self):
        """The ```chart block an author would write."""
        def listed(values):
            # JSON strings are YAML too, and keep "Congo, Republic" one name.
            return "[" + ", ".join(json.dumps(v) for v in values) + "]"
        return "\n".join([
            "```chart",
            f"type: {self.type}",
            f"title: {self.title}",
            f"measures: {listed(self.measures)}",
            f"nationalities: {listed(self.nationalities)}",
            f"periods: {listed(self.periods)}",
            f"source: {self.source}",
            f"caption: {self.caption}",
            "```",
        ])


class DataSet:
    """The observations, indexed by row, and which nationalities have full series.

    Read by the chart plugin's own loader, so the benchmark sees the rows
    exactly as charts do.
    """

    def __init__(self, directory):
        self.values = {Row(o.period, o.nationality, o.measure, o.source): o.value
                       for o in load_dataset(directory).observations}
        # The whole numbers the data set holds, as counts and as percentages:
        # the numbers made-up prose must not type (prose.fill).
        self.whole_numbers = {
            kind: frozenset(int(value) for row, value in self.values.items()
                            if value == int(value) and (MEASURES[row.measure].unit == PERCENT) == (kind == "pct"))
            for kind in ("count", "pct")
        }
        rows = list(self.values)
        self.full_series = defaultdict(list)
        for measure in DHS_MEASURES:
            nationalities = sorted({r.nationality for r in rows
                                    if r.source == CORGIS and r.measure == measure})
            self.full_series[measure] = [
                n for n in nationalities if n not in AGGREGATES
                and all(Row(p, n, measure, CORGIS) in self.values for p in CORGIS_YEARS)
            ]
        self.both_measures = [n for n in self.full_series[DHS_MEASURES[0]]
                              if n in self.full_series[DHS_MEASURES[1]]]
        self.trac_nationalities = sorted({r.nationality for r in rows
                                          if r.source == TRAC and r.period == "FY2007-FY2009"})

    def has(self, chart):
        return all(row in self.values for row in chart.rows())


def _span(random, years, shortest=3):
    first = random.randint(0, len(years) - shortest)
    last = random.randint(first + shortest - 1, len(years) - 1)
    return years[first:last + 1]


def _line(random, data, number):
    measure = random.choice(DHS_MEASURES)
    nationalities = tuple(random.sample(data.full_series[measure], random.randint(1, 3)))
    periods = _span(random, CORGIS_YEARS)
    who = " and ".join(nationalities)
    return Chart("line", f"Asylum grants to nationals of {who}, {periods[0]} to {periods[-1]} ({number})",
                 (measure,), nationalities, periods, CORGIS,
                 "Individuals, as counted by DHS; revised figures.")


def _grouped(random, data, number):
    """Both DHS measures for one country: period along the axis, measure in colour."""
    nationality = random.choice(data.both_measures)
    periods = _span(random, CORGIS_YEARS, shortest=2)
    return Chart("grouped-bar", f"Affirmative and defensive grants, {nationality} ({number})",
                 DHS_MEASURES, (nationality,), periods, CORGIS,
                 "Affirmative grants come from asylum offices, defensive ones from judges.")


def _stacked(random, data, number):
    periods = _span(random, EOIR_YEARS, shortest=2)
    return Chart("stacked-bar", f"How immigration courts closed asylum cases ({number})",
                 EOIR_DISPOSITIONS, ("All nationalities",), periods, EOIR,
                 "Cases, all nationalities; completions by disposition.")


def _bar(random, data, number):
    measure = random.choice(EOIR_SINGLE + EOIR_RATES)
    periods = _span(random, EOIR_YEARS, shortest=2)
    return Chart("bar", f"Immigration court, {measure.replace('_', ' ')} ({number})",
                 (measure,), ("All nationalities",), periods, EOIR,
                 "As printed in the FY 2010 Statistical Year Book.")


def _trac(random, data, number):
    nationalities = tuple(random.sample(data.trac_nationalities,
                                        random.randint(3, len(data.trac_nationalities))))
    return Chart("bar", f"Denial rates by nationality, FY2007 to FY2009 ({number})",
                 ("trac_court_denial_rate_pct",), nationalities, ("FY2007-FY2009",), TRAC,
                 "TRAC's counts from court records.")


# Mostly the long DHS series, as a blog about nationalities would draw them.
KINDS = (_line, _line, _line, _grouped, _grouped, _stacked, _bar, _trac)


def make_chart(random, data, number):
    """A chart that draws only rows the data set has."""
    while True:
        chart = random.choice(KINDS)(random, data, number)
        if data.has(chart):
            return chart


def make_figure(random, data):
    """(row, value) for an inline figure: one number quoted in a sentence."""
    # A figure's words are separated by spaces, so a name with a comma would
    # need quoting there; those countries appear in charts only.
    nationality = random.choice([n for n in data.both_measures if "," not in n])
    row = Row(random.choice(CORGIS_YEARS), nationality, random.choice(DHS_MEASURES), CORGIS)
    return row, data.values[row]
