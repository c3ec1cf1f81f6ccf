"""The chart table word for word: the categories a chart asks for, series names, gaps from a named source, how many series fit."""

import pytest

from pelican.plugins.data_charts.dataset import load_dataset
from pelican.plugins.data_charts.errors import ChartError
from pelican.plugins.data_charts.layout import layout
from pelican.plugins.data_charts.measures import MEASURES
from pelican.plugins.data_charts.selection import select
from pelican.plugins.data_charts.spec import parse_spec

from .conftest import SOURCES, write_data
from .test_units import chart

NATIONALITIES = ("Mexico", "Honduras", "Guatemala", "El Salvador", "Haiti", "China", "India")
CASE_COUNTS = ("court_granted", "court_denied", "court_abandoned", "court_received", "court_withdrawn")


def label(measure):
    return MEASURES[measure].label


def test_a_period_with_no_value_keeps_its_place_on_the_axis(dataset):
    table = chart(dataset, measures="dhs_affirmative_granted", periods="[FY2008, FY2011, FY2012]", period=None,
                  source="dhs", missing="show")
    assert table.categories == ("FY2008", "FY2011", "FY2012")
    assert table.series[0].values == (None, 173, 301)
    assert table.gaps == (f"{label('dhs_affirmative_granted')}, Mexico, FY2008",)


def test_a_measure_with_no_value_keeps_its_place_on_the_axis(dataset):
    table = chart(dataset, measures="[court_granted, court_received]", source="paper", missing="show")
    assert table.categories == (label("court_granted"), label("court_received"))
    assert table.series[0].values == (126, None)


def test_a_single_series_is_named_after_its_measure(dataset):
    table = chart(dataset, type="line", measures="dhs_affirmative_granted", periods="FY2011..FY2012", period=None,
                  source="dhs")
    assert [series.label for series in table.series] == [label("dhs_affirmative_granted")]
    assert table.axis_label == f"{label('dhs_affirmative_granted')}, individuals"


def test_a_gap_from_one_of_the_sources_compared_names_that_source(dataset):
    table = chart(dataset, measures="court_received", source=None, sources="[article, paper]", missing="show")
    assert table.gaps == (f"{label('court_received')}, Mexico, FY2012 (U-T San Diego, 2014)",)


def many(tmp_path, nationalities, measures):
    rows = "".join(f"FY{year},{nationality},{measure},{index + 1},paper\n"
                   for year in (2011, 2012) for nationality in nationalities
                   for index, measure in enumerate(measures))
    dataset = load_dataset(write_data(tmp_path / "data", "period,nationality,measure,value,source\n" + rows, SOURCES))
    spec = parse_spec(f"type: line\ntitle: T\nmeasures: [{', '.join(measures)}]\n"
                      f"nationalities: [{', '.join(nationalities)}]\nperiods: FY2011..FY2012\n")
    return lambda: layout(spec, select(spec, dataset), dataset.sources)


def test_six_series_fit_and_a_seventh_is_refused(tmp_path):
    assert len(many(tmp_path / "six", NATIONALITIES[:6], CASE_COUNTS[:1])().series) == 6
    with pytest.raises(ChartError) as error:
        many(tmp_path / "seven", NATIONALITIES, CASE_COUNTS[:1])()
    assert str(error.value) == "it has 7 series; a chart can tell apart at most 6, so select fewer"


def test_four_line_styles_fit_and_a_fifth_is_refused(tmp_path):
    assert len(many(tmp_path / "four", NATIONALITIES[:2], CASE_COUNTS[:4])().series) == 8
    with pytest.raises(ChartError) as error:
        many(tmp_path / "five", NATIONALITIES[:2], CASE_COUNTS)()
    assert str(error.value) == ("it needs 5 line styles to tell each measure apart; a chart has at most 4, "
                                "so select fewer")
