"""Each mistake in a chart block or a data row, as the author reads it, word for word and with the key or line it names."""

from decimal import Decimal

import pytest

from pelican.plugins.data_charts.dataset import fiscal_years, load_dataset, parse_value, read_dataset
from pelican.plugins.data_charts.errors import ChartError
from pelican.plugins.data_charts.spec import parse_spec

from .conftest import OBSERVATIONS, SOURCES, write_data

CHART = "type: bar\ntitle: T\nmeasure: court_granted\nnationality: Mexico\nperiod: FY2012\n"
KEYS = "type, title, caption, id, x, missing, measures, measure, nationalities, nationality, periods, period, sources, source, labels"


def refused(call, *args):
    with pytest.raises(ChartError) as error:
        call(*args)
    return error.value


@pytest.mark.parametrize("text, message, key", [
    ("x" * 10001, "the chart block is 10001 characters long; a chart needs far fewer than 10000", None),
    ("- a\n- b", "the chart block must be a list of 'key: value' lines, starting with 'type:' and 'title:'", None),
    (CHART + "colour: red", f"unknown key 'colour' (keys: {KEYS})", "colour"),
    (CHART + "periods: FY2011", "'periods' repeats 'periods'; give one list", "periods"),
    ("type: bar\ntitle: T\n", "the chart needs 'measures' and 'nationalities' and 'periods'", None),
    ("type: bar\ntitle: T\nmeasure: a\n", "the chart needs 'nationalities' and 'periods'", None),
    (CHART.replace("bar", "bars"), "no chart type 'bars'; did you mean 'bar'? (types: bar, grouped-bar, stacked-bar, line)", "type"),
    (CHART + "missing: shwo", "'missing' takes refuse or show; found 'shwo'; did you mean 'show'?", "missing"),
    (CHART + "x: periods", "'x' must be one of period, nationality, measure, source; found 'periods'; did you mean 'period'?", "x"),
    (CHART + "id: Chart_1", "'id' names the chart's files, so it takes lower-case letters, digits and hyphens; found 'Chart_1'", "id"),
    (CHART + "id: -chart", "'id' names the chart's files, so it takes lower-case letters, digits and hyphens; found '-chart'", "id"),
    (CHART + "id: source-a", "the id 'source-a' is one the page uses itself; choose another, such as 'chart-grant-rates'", "id"),
    (CHART + "id: year-2014", "the id 'year-2014' is one the page uses itself; choose another, such as 'chart-grant-rates'", "id"),
    (CHART + "id: comment-3", "the id 'comment-3' is one the page uses itself", "id"),
    (CHART + "id: main", "the id 'main' is one the page uses itself; choose another, such as 'chart-grant-rates'", "id"),
    (CHART + "caption: &a x\nid: *a", "the chart block uses a YAML anchor or alias ('&' or '*'); write each value out", None),
    ("type: bar\ntitle: T\nlabels: {a: {b: {c: [d]}}}",
     "the chart block nests lists or mappings more than 2 deep; keys take a value, a list, or (labels) a mapping", None),
    (CHART.replace("nationality: Mexico", "nationalities: [Mexico, Honduras, Mexico]"), "'nationalities' names Mexico twice", "nationalities"),
    (CHART + "labels: [a]", "'labels' maps names to the labels to show, like {asylumist-2013-11-13: The Asylumist}", "labels"),
    (CHART + "labels: {a: [b]}", "'labels' maps each name to a short text; found a list", "labels"),
    (CHART + "labels: {a: {b: c}}", "'labels' maps each name to a short text; found a mapping", "labels"),
    (CHART + "caption: [a]", "'caption' takes a single value; found a list", "caption"),
    (CHART.replace("nationality: Mexico", "nationalities: [Mexico, Honduras, Mexico, Honduras]"),
     "'nationalities' names Honduras, Mexico twice", "nationalities"),
    (CHART + "labels: {~: Honduran nationals}", "'labels' maps each name to a short text; it is empty", "labels"),
    (CHART.replace("period: FY2012", "periods: FY2010..FY2012..FY2014"),
     "a range of periods runs between two fiscal years, like FY2005..FY2014; found 'FY2010..FY2012..FY2014'", "periods"),
    (CHART.replace("nationality: Mexico", "nationalities: []"),
     "'nationalities' takes a name or a list of names, like [Mexico, Honduras]", "nationalities"),
    (CHART.replace("nationality: Mexico", "nationalities: [Mexico, [Honduras]]"),
     "'nationalities' takes a name or a list of names, like [Mexico, Honduras]; found a list", "nationalities"),
])
def test_a_chart_block_mistake_reads_so(text, message, key):
    error = refused(parse_spec, text)
    assert str(error).startswith(message)
    assert getattr(error, "key", None) == key


@pytest.mark.parametrize("text, message, line", [
    ("type: bar\ntitle: T\ntitle: U", "'title' is given twice (lines 2 and 3 of the block); keep one", 3),
    ("type: bar\ntitle: T: U: V\n", "quote the title: it contains a colon, which YAML reads as a new key (write title: 'T: U: V')", 2),
    ("type: bar\ntitle: 'T\n", "the chart block is not valid YAML: found unexpected end of stream", 3),
    # A first line is never taken for the run-on end of the last one.
    ("title: Grants: FY2012\ntype: bar\nmeasure court_granted",
     "quote the title: it contains a colon, which YAML reads as a new key (write title: 'Grants: FY2012')", 1),
    ("type: bar\ntitle: T\nmeasure court_granted\nnationality: Mexico\n",
     "'measure court_granted' is not a 'key: value' line", 3),
    # Indented, the same line runs on into the title, and YAML stops on the line after it.
    ("type: bar\ntitle: T\n  measure court_granted\n  nationality: Mexico\n",
     "'measure court_granted' is not a 'key: value' line", 3),
    ("type: bar\ntitle: !!python/name:os.system x\n",
     "the chart block is not valid YAML: could not determine a constructor for the tag "
     "'tag:yaml.org,2002:python/name:os.system'", 2),
    ("type: bar\n---\nmeasures: [[x]]\n",
     "'---' starts a second YAML document; a chart block is one list of 'key: value' lines, so remove it", 2),
    # YAML marks no line for a character it cannot read at all.
    (CHART + "caption: a\x07b\n", "the chart block is not valid YAML: control characters are not allowed", None),
])
def test_a_mistake_on_a_line_of_the_block_names_that_line(text, message, line):
    error = refused(parse_spec, text)
    assert (str(error), error.block_line) == (message, line)


def test_an_empty_list_of_names_is_refused_without_a_hint():
    error = refused(parse_spec, CHART.replace("nationality: Mexico", "nationalities: []"))
    assert str(error) == "'nationalities' takes a name or a list of names, like [Mexico, Honduras]"


@pytest.mark.parametrize("text, message", [
    # An anchor alone, never repeated, is refused all the same.
    ("type: bar\ntitle: &t T\n", "the chart block uses a YAML anchor or alias ('&' or '*'); write each value out"),
    # Nesting is counted afresh after each list or mapping.
    ("type: bar\nlabels: {a: b}\nmeasures: [[[x]]]\n",
     "the chart block nests lists or mappings more than 2 deep; keys take a value, a list, or (labels) a mapping"),
])
def test_anchors_and_deep_nesting_are_refused_before_yaml_builds_anything(text, message):
    assert str(refused(parse_spec, text)) == message


def test_a_block_of_exactly_the_longest_length_is_read():
    text = CHART + "caption: "
    spec = parse_spec(text + "x" * (10_000 - len(text)))
    assert len(spec.caption) == 10_000 - len(text)


def test_a_chart_of_every_key_reads_each_as_written():
    spec = parse_spec("type: line\ntitle: ' Rates '\ncaption: Two\nid: chart-rates\nx: period\nmissing: show\n"
                      "measures: court_granted\nnationalities: [Mexico, 'El Salvador']\nperiods: FY2011..FY2013\n"
                      "sources: [a, b]\nlabels: {Mexico: Mexicans, 2012: twelve}")
    assert spec.title == "Rates" and spec.caption == "Two" and spec.id == "chart-rates" and spec.x == "period"
    assert spec.shows_gaps and spec.nationalities == ("Mexico", "El Salvador")
    assert spec.periods == ("FY2011", "FY2012", "FY2013") and spec.sources == ("a", "b")
    assert spec.labels == (("Mexico", "Mexicans"), ("2012", "twelve"))
    assert not parse_spec("type: bar\ntitle: T\nmeasure: m\nnationality: n\nperiod: p\n").shows_gaps


@pytest.mark.parametrize("measure, text, message", [
    ("court_granted", "1" * 16,
     "court_granted is a count; the value has 16 digits, more than any count of people or cases (15 at most)"),
    ("court_granted", "-3", "court_granted is a count, so its value must be a whole number; found '-3'"),
    ("court_grant_rate_pct", "1" * 21,
     f"court_grant_rate_pct is a percentage, written with at most 20 characters; found '{'1' * 21}'"),
    ("court_grant_rate_pct", "abc", "court_grant_rate_pct is a percentage; found 'abc'"),
    ("court_grant_rate_pct", "NaN", "court_grant_rate_pct is a percentage, so it must lie between 0 and 100; found 'NaN'"),
    ("court_grant_rate_pct", "Infinity", "must lie between 0 and 100; found 'Infinity'"),
    ("court_grant_rate_pct", "-1", "court_grant_rate_pct is a percentage, so it must lie between 0 and 100; found '-1'"),
    ("court_grant_rate_pct", "100.01", "must lie between 0 and 100; found '100.01'"),
    ("court_grant_rate_pct", "1" * 20, "must lie between 0 and 100"),
])
def test_a_wrong_value_reads_so(measure, text, message):
    assert message in str(refused(parse_value, measure, text))


@pytest.mark.parametrize("measure, text, value", [
    ("court_granted", "1" * 15, 111_111_111_111_111), ("court_granted", "0", 0),
    ("court_grant_rate_pct", "100", Decimal("100")), ("court_grant_rate_pct", "0", Decimal("0")),
    ("court_grant_rate_pct", "8.30", Decimal("8.30")),
])
def test_values_at_the_limits_are_kept(measure, text, value):
    parsed = parse_value(measure, text)
    assert parsed == value and type(parsed) is type(value) and str(parsed) == str(value)


@pytest.mark.parametrize("first, last, message", [
    ("FY2005", "FY2005-FY2006", "a range of periods runs between two fiscal years, like FY2005..FY2014; found 'FY2005..FY2005-FY2006'"),
    ("FY2005-FY2006", "FY2007", "found 'FY2005-FY2006..FY2007'"),
    ("2005", "FY2006", "found '2005..FY2006'"),
    ("FY2005", "2006", "found 'FY2005..2006'"),
    ("FY2006", "FY2005", "the range 'FY2006..FY2005' runs backwards; write 'FY2005..FY2006'"),
])
def test_a_range_of_periods_that_is_not_one_reads_so(first, last, message):
    assert message in str(refused(fiscal_years, first, last))


def test_a_range_of_one_year_is_that_year():
    assert fiscal_years("FY2005", "FY2005") == ["FY2005"]
    assert fiscal_years("FY2009", "FY2011") == ["FY2009", "FY2010", "FY2011"]


@pytest.mark.parametrize("text, message, line", [
    ("type: bar\ntitle T\nmeasure: x", "'title T' is not a 'key: value' line", 2),
    ("title T\nmeasure: x", "'title T' is not a 'key: value' line", 1),
    ("type: bar\njust words\nmore words", "'just words' is not a 'key: value' line", 2),
    ("type: bar\ntitle: T\nmeasure: x\nnote", "'note' is not a 'key: value' line", 4),
    ("type: bar\ntitle: T\nnationalities: [a, b\nperiod: x", "a list in [ ] is not closed or holds a stray character; write [a, b]", 4),
    ("type: bar\ntitle: T\n\tmeasure: x", "a tab character; indent and separate with spaces", 3),
    ("type: bar\ntitle: T\nmeasures:\n\t- a", "a tab character; indent and separate with spaces", 4),
    ("type: bar\ntitle: T\nnationalities: [a b] c", "the chart block is not valid YAML: did not find expected key", 3),
    ("type: bar\ntitle: T\nmeasure: [a, {b]", "the chart block is not valid YAML: did not find expected ',' or '}'", 3),
])
def test_a_yaml_mistake_is_advice_on_the_line_at_fault(text, message, line):
    error = refused(parse_spec, text)
    assert (str(error), error.block_line) == (message, line)


# The data set's own mistakes, listed row by row

def dataset_mistake(tmp_path, observations=None, sources=None):
    return str(refused(load_dataset, write_data(tmp_path / "data", observations or OBSERVATIONS,
                                                sources or SOURCES)))


def test_up_to_twenty_bad_rows_are_listed_and_the_rest_counted(tmp_path):
    header = "period,nationality,measure,value,source\n"
    twenty = "".join(f"FY2012,,court_granted,{n},article\n" for n in range(20))
    listed = [f"  observations.csv line {n}: the nationality is empty" for n in range(2, 22)]
    assert dataset_mistake(tmp_path / "twenty", header + twenty).splitlines() == ["the data set has errors:", *listed]
    more = dataset_mistake(tmp_path / "more", header + twenty + "FY2012,,court_denied,1,article\n" * 2)
    assert more.splitlines() == ["the data set has errors:", *listed, "  ... and 2 more"]


def test_a_row_from_an_unknown_source_points_at_sources_csv(tmp_path):
    assert dataset_mistake(tmp_path, OBSERVATIONS + "FY2012,Mexico,court_granted,5,nowhere\n") == (
        "the data set has errors:\n  observations.csv line 16: no source 'nowhere' in sources.csv")


def test_a_file_that_cannot_be_read_is_named_without_a_line(tmp_path):
    (tmp_path / "sources.csv").write_text(SOURCES, encoding="utf-8")
    message = str(refused(load_dataset, tmp_path))
    assert message == f"{tmp_path / 'observations.csv'}: cannot be read: No such file or directory"


def test_broken_sum_rules_leave_the_rows_read_and_say_so(tmp_path):
    directory = write_data(tmp_path / "data")
    (directory / "sums.csv").write_text("total,part\n", encoding="utf-8")
    dataset, problems = read_dataset(directory)
    assert sorted(dataset.sources) == ["article", "dhs", "paper"] and len(dataset.observations) == 14
    assert [(p.path.name, p.line, p.message) for p in problems] == [
        ("sums.csv", None, "sums.csv: the columns must be total, parts")]


@pytest.mark.parametrize("observations, line, message", [
    ("", 1, "the columns must be period, nationality, measure, value, source; found "),
    ("period,nation,measure,value,source\n", 1,
     "the columns must be period, nationality, measure, value, source; "
     "found 'period', 'nation', 'measure', 'value', 'source'"),
    # A field of exactly 10,000 characters is read; one more is refused at its line.
    (OBSERVATIONS + f"FY2012,{'x' * 10_000},court_granted,1,article\nFY2012,{'y' * 10_001},court_granted,1,article\n",
     17, "a field is 10001 characters long, more than the 10000 any field needs; look for an unclosed quote"),
])
def test_a_file_the_csv_reader_cannot_take_is_named_at_its_line(tmp_path, observations, line, message):
    directory = write_data(tmp_path / "data", observations)
    assert str(refused(load_dataset, directory)) == f"{directory / 'observations.csv'}:{line}: {message}"


def test_every_bad_row_of_both_files_is_listed_at_its_line(tmp_path):
    sources = SOURCES + "short,only two\n" + SOURCES.splitlines()[1] + "\n"
    observations = OBSERVATIONS + ("FY2012,Mexico,court_granted\nFY2012,Mexico,court_granted,126,article\n"
                                   "FY2012,,court_granted,1,article\nFY2012,Mexico,court_denied,1395,article\n")
    assert str(refused(load_dataset, write_data(tmp_path / "data", observations, sources))).splitlines() == [
        "the data set has errors:",
        "  sources.csv line 5: expected 6 fields, found 2",
        "  sources.csv line 6: source 'article' is listed twice",
        "  observations.csv line 16: expected 5 fields, found 3",
        "  observations.csv line 17: repeats line 2 (FY2012, Mexico, court_granted, article)",
        "  observations.csv line 18: the nationality is empty",
        "  observations.csv line 19: repeats line 3 (FY2012, Mexico, court_denied, article)",
    ]
