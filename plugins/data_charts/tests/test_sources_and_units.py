"""Two promises each figure keeps: every part of a computed rate comes from the
source named, and every measure counts in the unit the data set documents."""

import re

import pytest

from pelican.plugins.data_charts.dataset import load_dataset
from pelican.plugins.data_charts.errors import ChartError
from pelican.plugins.data_charts.figures import parse_figure_words
from pelican.plugins.data_charts.measures import MEASURES
from pelican.plugins.data_charts.selection import select

from .conftest import ROOT, SOURCES, write_data

# Two sources that disagree, and a third that prints grants but no denials.
DISAGREEING = """period,nationality,measure,value,source
FY2012,Mexico,court_granted,126,article
FY2012,Mexico,court_denied,1395,article
FY2012,Mexico,court_granted,100,paper
FY2012,Mexico,court_denied,900,paper
FY2012,Mexico,court_granted,130,dhs
"""


@pytest.fixture
def disagreeing(tmp_path):
    return load_dataset(write_data(tmp_path / "data", DISAGREEING, SOURCES))


@pytest.mark.parametrize("source, rate", [("article", 100 * 126 / 1521), ("paper", 10.0)])
def test_a_computed_rate_takes_both_of_its_parts_from_the_named_source(disagreeing, source, rate):
    (point,) = select(parse_figure_words(f"Mexico FY2012 court_grant_rate @{source}"), disagreeing)
    assert point.value == pytest.approx(rate)
    assert {row.source for row in point.inputs} == {source}


def test_a_rate_whose_source_lacks_a_part_is_refused_not_borrowed(disagreeing):
    # dhs prints 130 grants and no denials: 130 / (130 + 1395) from another
    # source's denials would be a number nobody published.
    with pytest.raises(ChartError):
        select(parse_figure_words("Mexico FY2012 court_grant_rate @dhs"), disagreeing)


def documented_units():
    """{measure: unit} from the table in the data set's README."""
    readme = (ROOT / "content" / "data" / "asylum-statistics" / "README.md").read_text(encoding="utf-8")
    units = {}
    for line in readme.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[0].startswith("`"):
            continue
        names = re.findall(r"`([a-z_]+)`", cells[0])
        row_units = [unit.strip() for unit in cells[2].split("/")]
        if len(row_units) == 1:
            row_units *= len(names)
        assert len(row_units) == len(names), line
        units.update(zip(names, row_units, strict=True))
    return units


def test_every_published_measure_counts_in_the_unit_the_data_set_documents():
    documented = documented_units()
    published = {name: m.unit for name, m in MEASURES.items() if not m.computed}
    assert published == documented


def test_computed_rates_are_percentages_of_parts_in_one_unit():
    for measure in MEASURES.values():
        if measure.computed:
            assert measure.unit == "percent"
            parts = {MEASURES[name].unit for name in (measure.numerator, *measure.denominator)}
            assert parts == {"cases"}, measure.name


@pytest.mark.parametrize("measures", [
    "[court_granted, dhs_affirmative_granted]",
    "[trac_court_decisions, trac_court_granted_individuals]",
    "[dhs_defensive_granted, court_granted_defensive]",
])
def test_a_chart_mixing_cases_and_individuals_is_refused(disagreeing, measures):
    from pelican.plugins.data_charts.spec import parse_spec

    spec = parse_spec(f"type: bar\ntitle: T\nmeasures: {measures}\nnationality: Mexico\n"
                      "period: FY2012\nsource: article\n")
    with pytest.raises(ChartError, match="cases .* with individuals|individuals .* with cases"):
        select(spec, disagreeing)
