"""Refusals and suggestions word for word: inline figures, selections across sources, spans, chart keys, data rows."""

import pytest

from pelican.plugins.data_charts.dataset import Source, load_dataset, parse_value
from pelican.plugins.data_charts.errors import ChartError
from pelican.plugins.data_charts.figures import parse_figure_words
from pelican.plugins.data_charts.formatting import plain_number
from pelican.plugins.data_charts.layout import short_source_label
from pelican.plugins.data_charts.placeholders import Post, fill
from pelican.plugins.data_charts.selection import Query, select, select_showing_gaps, span
from pelican.plugins.data_charts.spec import parse_spec

from .conftest import write_data
from .test_units import spec_text


def refusal(call, *args):
    with pytest.raises(ChartError) as error:
        call(*args)
    return str(error.value)


# Inline figures

@pytest.mark.parametrize("words, message", [
    ("Mexico FY2011 FY2012 court_granted", "an inline figure names one period; this one names FY2011, FY2012"),
    ("Mexico FY2012 court_granted court_denied", "an inline figure names one measure; this one names court_granted, court_denied"),
    ("Mexico FY2012 court_granted @article @paper", "an inline figure names one source; this one names article, paper"),
    ("FY2012", "an inline figure needs a nationality and a measure, like {{ Mexico FY2012 court_grant_rate }}"),
    ("Mexico", "an inline figure needs a period and a measure, like {{ Mexico FY2012 court_grant_rate }}"),
])
def test_an_inline_figure_names_one_of_each_and_all_three(words, message):
    assert refusal(parse_figure_words, words) == message


# Selections across sources: gaps described with what exists, suggestions that would work

def test_a_gap_from_one_named_source_says_where_that_source_has_the_figure(dataset):
    query = Query(("dhs_affirmative_granted",), ("Mexico",), ("FY2011",), ("article",))
    assert refusal(select, query, dataset).startswith(
        "the data set has no dhs_affirmative_granted for Mexico in FY2011 (it has that for FY2012)")


def test_a_gap_lists_what_the_data_set_has_for_that_nationality_and_period(dataset):
    query = Query(("court_received_defensive", "court_withdrawn"), ("Mexico",), ("FY2011",))
    assert refusal(select, query, dataset) == (
        "the data set has no court_received_defensive for Mexico in FY2011 (for Mexico in FY2011 it has "
        "dhs_affirmative_granted, dhs_defensive_granted); court_withdrawn for Mexico in FY2011 (for Mexico in "
        "FY2011 it has dhs_affirmative_granted, dhs_defensive_granted)")


def test_cases_beside_individuals_are_refused_at_the_measure_line_word_for_word(dataset):
    query = Query(("court_granted", "court_denied", "dhs_affirmative_granted"), ("Mexico",), ("FY2012",), ("article",))
    with pytest.raises(ChartError) as error:
        select(query, dataset)
    assert str(error.value) == (
        "it mixes cases (court_granted) with individuals (dhs_affirmative_granted); immigration courts (EOIR) "
        "count cases and DHS counts individuals, and neither adds to a percentage, so chart them separately")
    assert error.value.key == "measure"


def test_an_inline_figure_given_by_two_sources_asks_for_an_at_id(tmp_path, dataset, palette):
    post = Post("posts/p.md", str(tmp_path / "p.md"), "https://x.example/p/", "p")
    ((_, message),) = fill('<span data-figure="Mexico FY2012 court_granted"></span>', post, dataset, palette,
                           (6.4, 4.0)).errors
    assert message.endswith("is given by 2 sources: article (126), paper (126); add @id naming the one to use, "
                            "like {{ Mexico FY2012 court_grant_rate @asylumist-2013-11-13 }}")


def test_a_figure_given_by_two_sources_is_refused_at_the_measure_line(dataset):
    with pytest.raises(ChartError) as error:
        select(Query(("court_granted",), ("Mexico",), ("FY2012",)), dataset)
    assert error.value.key == "measure"


@pytest.mark.parametrize("query, key", [
    (Query(("court_granted",), ("Mexcio",), ("FY2012",)), "nationality"),
    (Query(("court_grantd",), ("Mexico",), ("FY2012",)), "measure"),
    (Query(("court_granted",), ("Mexico",), ("FY2021",)), "period"),
    (Query(("court_granted",), ("Mexico",), ("FY2012",), ("artcle",)), "source"),
])
def test_an_unknown_name_is_refused_at_the_line_of_its_key(dataset, query, key):
    with pytest.raises(ChartError) as error:
        select(query, dataset)
    assert error.value.key == key


def test_a_rate_comes_from_the_one_source_that_gives_both_its_terms(tmp_path):
    # The article gives the grants but not the denials: only the paper's rate can be computed.
    rows = ("period,nationality,measure,value,source\nFY2012,Mexico,court_granted,126,article\n"
            "FY2012,Mexico,court_granted,120,paper\nFY2012,Mexico,court_denied,1380,paper\n")
    dataset = load_dataset(write_data(tmp_path / "data", rows))
    (point,) = select(parse_figure_words("Mexico FY2012 court_grant_rate"), dataset)
    assert (point.source, point.value) == ("paper", 8)


def test_sources_compared_come_in_the_order_the_chart_names_them(dataset):
    query = Query(("court_granted",), ("Mexico",), ("FY2012",), ("paper", "article"))
    assert [point.source for point in select(query, dataset)] == ["paper", "article"]


def test_a_gap_in_one_of_the_sources_compared_is_named_with_that_source(dataset):
    # The article gives Mexico's FY2012 court_received; the paper does not.
    query = Query(("court_received",), ("Mexico",), ("FY2012",), ("article", "paper"))
    points, gaps = select_showing_gaps(query, dataset)
    assert [point.source for point in points] == ["article"]
    assert gaps == [("FY2012", "Mexico", "court_received", "paper")]
    assert refusal(select, query, dataset) == (
        "the data set has no court_received for Mexico in FY2012 from paper; "
        "or add 'missing: show' to draw what exists and state what is missing")


def test_a_figure_none_of_the_sources_compared_gives_lists_what_they_give(dataset):
    query = Query(("court_withdrawn",), ("Mexico",), ("FY2012",), ("article", "paper"))
    assert refusal(select, query, dataset) == (
        "the data set has no court_withdrawn for Mexico in FY2012 (for Mexico in FY2012 it has court_abandoned, "
        "court_denied, court_granted, court_received, dhs_affirmative_granted from article, paper)")


def test_a_gap_in_the_one_source_named_is_named_once_with_what_that_source_has(dataset):
    query = Query(("court_received", "court_granted"), ("Mexico",), ("FY2012",), ("paper",))
    assert refusal(select, query, dataset) == (
        "the data set has no court_received for Mexico in FY2012 (for Mexico in FY2012 it has court_denied, "
        "court_granted from paper); or add 'missing: show' to draw what exists and state what is missing")


def test_a_misspelt_period_is_corrected_to_one_every_named_source_has(dataset):
    # Only DHS has FY2011; both the article and DHS have FY2012.
    query = Query(("dhs_affirmative_granted",), ("Mexico",), ("FY2O11",), ("article", "dhs"))
    assert refusal(select, query, dataset) == "no period 'FY2O11'; did you mean 'FY2012'?"


def test_a_misspelt_nationality_is_corrected_only_if_every_named_source_has_it(dataset):
    both = Query(("dhs_affirmative_granted",), ("Mexcio",), ("FY2011",), ("article", "dhs"))
    assert refusal(select, both, dataset) == "no nationality 'Mexcio'"
    dhs = Query(("dhs_affirmative_granted",), ("Mexcio",), ("FY2011",), ("dhs",))
    assert refusal(select, dhs, dataset) == "no nationality 'Mexcio'; did you mean 'Mexico'?"


def test_spans_keep_a_span_of_years_apart_from_single_years():
    assert span(["FY2005", "FY2006", "FY2007", "FY2009-FY2013", "FY2014", "FY2016"]) == (
        "FY2005..FY2007, FY2009-FY2013, FY2014, FY2016")
    assert span(["FY2009-FY2013", "FY2014"]) == "FY2009-FY2013, FY2014"


# Chart keys that YAML reads as something other than text

@pytest.mark.parametrize("value, hint", [
    ("true", "; YAML reads an unquoted true or yes/no as true or false, so quote it"),
    ("No", "; YAML reads an unquoted false or yes/no as true or false, so quote it"),
    ("", "; it is empty"),
    ("!!binary aGk=", "; found binary data (!!binary)"),
    ("[a, b]", "; found a list"),
    ("{a: b}", "; found a mapping (a 'key: value' inside it? quote the whole value)"),
    ("!!set {a}", "; found set"),
])
def test_a_title_that_is_not_text_says_what_yaml_read(value, hint):
    assert refusal(parse_spec, f"type: bar\ntitle: {value}") == f"'title' takes a single value{hint}"


# Data rows and numbers as written

def test_a_long_wrong_value_is_quoted_up_to_forty_characters():
    forty = "x" * 40
    assert refusal(parse_value, "court_granted", forty) == (
        f"court_granted is a count, so its value must be a whole number; found '{forty}'")
    assert refusal(parse_value, "court_granted", forty + "y") == (
        f"court_granted is a count, so its value must be a whole number; found '{forty}… (41 characters)'")


def test_the_csv_writes_numbers_without_separators_or_percent_signs():
    assert plain_number(1395, "cases") == "1395"
    assert plain_number(9206000, "individuals") == "9206000"
    assert plain_number(100 * 126 / 1521, "percent") == "8.3"


def test_a_short_source_label_is_the_publisher_before_any_comma_or_bracket_and_the_year():
    source = Source("x", "U.S. Department of Homeland Security, Office of Immigration Statistics (OIS)",
                    "T", "2015-11-01", "", "")
    assert short_source_label(source) == "U.S. Department of Homeland Security, 2015"
    assert short_source_label(Source("y", "The Asylumist (Jason Dzubow)", "T", "2013-11-13", "", "")) == "The Asylumist, 2013"


# Inline figures in a post: each copy on its own line, links never nested

def test_each_wrong_figure_is_named_on_its_own_line(tmp_path, dataset, palette):
    source = tmp_path / "p.md"
    source.write_text("Title: p\n\nOne {{ Mexico FY2012 court_grantd }}.\n\n"
                      "Two {{ Mexico FY2012 court_grantd }} and {{ Mexico FY2012 court_grantd }}.\n\n"
                      "Three {{ Mexico FY2012 court_grantd }}.\n", encoding="utf-8")
    post = Post("posts/p.md", str(source), "https://x.example/p/", "p")
    slot = '<span data-figure="Mexico FY2012 court_grantd"></span>'
    errors = fill(" ".join([slot] * 6), post, dataset, palette, (6.4, 4.0)).errors
    # A copy the file does not hold (the HTML has more) is put on the last line that has one.
    assert [line for line, _ in errors] == [3, 5, 5, 7, 7, 7]


@pytest.mark.parametrize("before, linked", [
    ('<a href="/x">one</a> and ', True),
    ('<a href="/x">one</a> and <a href="/y">two ', False),
    ('<a href="/x">one</a> <a href="/y">two</a> and ', True),
    ('<A HREF="/x">one</A> and ', True),
])
def test_a_figure_is_a_link_unless_it_sits_inside_one(tmp_path, dataset, palette, before, linked):
    post = Post("posts/p.md", str(tmp_path / "p.md"), "https://x.example/p/", "p")
    html = fill(before + '<span data-figure="Mexico FY2012 court_granted @article"></span>', post, dataset,
                palette, (6.4, 4.0)).html
    assert ('<a class="datum" href="#source-article"' in html) is linked
    assert ('<span class="datum"' in html) is not linked


def test_spec_text_helper_is_a_valid_chart():
    # The helper the tests above build on reads as the chart it describes.
    spec = parse_spec(spec_text())
    assert (spec.type, spec.measures, spec.nationalities, spec.periods, spec.sources) == (
        "bar", ("court_granted", "court_denied"), ("Mexico",), ("FY2012",), ("article",))
