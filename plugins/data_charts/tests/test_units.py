"""Pure-function tests: data validation, specs, selection, layout, formatting, HTML, SVG."""

import dataclasses
from decimal import Decimal

import pytest

from pelican.plugins.data_charts.dataset import load_dataset
from pelican.plugins.data_charts.draw import DrawJob, render
from pelican.plugins.data_charts.errors import ChartError, suggest
from pelican.plugins.data_charts.figure_markup import (
    alt_text,
    csv_text,
    data_table_html,
    describe,
    figure_ref_html,
)
from pelican.plugins.data_charts.figures import parse_figure_words
from pelican.plugins.data_charts.formatting import format_number
from pelican.plugins.data_charts.layout import layout
from pelican.plugins.data_charts.markdown_ext import (
    CHART_SLOT,
    chart_slot,
    decode_chart_slot,
    replace_chart_blocks,
)
from pelican.plugins.data_charts.palette import parse_palette
from pelican.plugins.data_charts.placeholders import Post, fill, fill_summary
from pelican.plugins.data_charts.selection import select, select_showing_gaps
from pelican.plugins.data_charts.spec import CHART_TYPES, parse_spec
from pelican.plugins.data_charts.svg import finish_svg

from .conftest import OBSERVATIONS, write_data


def spec_text(**keys):
    base = {"type": "bar", "title": "T", "measures": "[court_granted, court_denied]",
            "nationality": "Mexico", "period": "FY2012", "source": "article"}
    base.update(keys)
    return "\n".join(f"{k}: {v}" for k, v in base.items() if v is not None)


def chart(dataset, **keys):
    spec = parse_spec(spec_text(**keys))
    if spec.shows_gaps:
        points, gaps = select_showing_gaps(spec, dataset)
        return layout(spec, points, dataset.sources, gaps)
    return layout(spec, select(spec, dataset), dataset.sources)


# Data set validation

@pytest.mark.parametrize("row, message", [
    ("FY2012,Mexico,court_granted,12.5,article", "must be a whole number; found '12.5'"),
    ("FY2012,Mexico,court_grant_rate_pct,140,article", "between 0 and 100; found '140'"),
    ("FY2012,Mexico,court_granted,5,nowhere", "no source 'nowhere'"),
    ("FY2012,Mexico,court_grantd,5,article", "no measure 'court_grantd'; did you mean 'court_granted'?"),
    ("2012,Mexico,court_granted,5,article", "period '2012' is not a fiscal year"),
    ("FY2012,Mexico,court_granted,127,article", "repeats line 2"),
])
def test_bad_rows_are_refused_with_their_line(tmp_path, row, message):
    write_data(tmp_path, OBSERVATIONS + row + "\n")
    with pytest.raises(ChartError) as error:
        load_dataset(tmp_path)
    assert "observations.csv line 16" in str(error.value)
    assert message in str(error.value)


def test_unknown_columns_are_refused(tmp_path):
    write_data(tmp_path, "period,country,measure,value,source\n")
    with pytest.raises(ChartError, match="the columns must be period, nationality"):
        load_dataset(tmp_path)


def test_values_keep_their_types(dataset):
    (rate,) = dataset.lookup("FY2008", "Mexico", "court_grant_rate_pct")
    assert rate.value == Decimal("23") and dataset.lookup("FY2012", "Mexico", "court_received")[0].value == 9206


def test_the_real_data_set_is_valid(real_data_copy):
    assert len(load_dataset(real_data_copy).observations) == 2110


# Specs

def test_singular_and_plural_keys_and_period_ranges():
    spec = parse_spec("type: line\ntitle: T\nmeasure: court_granted\nnationalities: [Mexico, Honduras]\nperiods: FY2009..FY2011")
    assert spec.measures == ("court_granted",)
    assert spec.periods == ("FY2009", "FY2010", "FY2011")


@pytest.mark.parametrize("text, message", [
    ("type: pie\ntitle: T\nmeasure: a\nnationality: b\nperiod: FY2012", "no chart type 'pie'"),
    ("type: bar\ntitle: T\nmeasure: a\nnationalitys: b\nperiod: FY2012", "unknown key 'nationalitys'; did you mean 'nationalit"),
    ("type: bar\ntitle: a: b\n", "quote the title: it contains a colon"),
    ("type: bar\nmeasure: a\nnationality: b\nperiod: FY2012", "needs 'title'"),
    ("just words", "must be a list of 'key: value' lines"),
    ("type: bar\ntitle: T\nmeasure: a\nnationality: b\nperiods: FY2014..FY2012", "runs backwards"),
])
def test_spec_mistakes(text, message):
    with pytest.raises(ChartError, match=message):
        parse_spec(text)


# Selection: names, units, ambiguity, computed measures

@pytest.mark.parametrize("keys, message", [
    ({"nationality": "Mexcio"}, "no nationality 'Mexcio'; did you mean 'Mexico'?"),
    ({"measures": "court_grnted"}, "no measure 'court_grnted'; did you mean 'court_granted'?"),
    ({"period": "FY2031"}, "no period 'FY2031'"),
    ({"source": "artcle"}, "no source 'artcle'; did you mean 'article'?"),
    ({"measures": "[court_granted, dhs_affirmative_granted]"}, "mixes cases (court_granted) with individuals (dhs_affirmative_granted)"),
    ({"source": None}, "Mexico court_granted FY2012 is given by 2 sources: article (126), paper (126); add 'source:'"),
    ({"nationality": "Honduras", "measures": "court_granted"},
     "the data set has no court_granted for Honduras in FY2012 (it has nothing from article for Honduras in FY2012)"),
])
def test_selection_refusals(dataset, keys, message):
    with pytest.raises(ChartError) as error:
        chart(dataset, **keys)
    assert message in str(error.value)


def test_no_rows_message_says_where_the_data_is(dataset):
    with pytest.raises(ChartError, match=r"no dhs_affirmative_granted for Mexico in FY2008 \(it has that for FY2011\.\.FY2012\)"):
        chart(dataset, measures="dhs_affirmative_granted", period="FY2008", source="dhs")


def test_grant_rate_is_computed_within_one_source(dataset):
    (point,) = select(parse_figure_words("Mexico FY2012 court_grant_rate @article"), dataset)
    assert point.value == pytest.approx(100 * 126 / 1521)
    assert [row.source for row in point.inputs] == ["article", "article"]


def test_selected_sources_become_a_dimension(dataset):
    table = chart(dataset, measures="dhs_affirmative_granted", source=None, sources="[article, dhs]")
    assert table.x == "source"
    assert table.categories == ("The Asylumist, 2013", "U.S. Department of Homeland Security, 2015")
    assert table.series[0].values == (337, 301)


# Layout and every chart type

def test_bar_chart_varies_one_thing(dataset):
    with pytest.raises(ChartError, match="use grouped-bar or stacked-bar"):
        chart(dataset, measures="[dhs_affirmative_granted, dhs_defensive_granted]", period="[FY2011, FY2012]", source="dhs")


def test_stacked_bars_never_add_sources_or_percentages(dataset):
    with pytest.raises(ChartError, match="same figure from several sources"):
        chart(dataset, type="stacked-bar", measures="dhs_affirmative_granted", source=None, sources="[article, dhs]")
    with pytest.raises(ChartError, match="percentages do not add up"):
        chart(dataset, type="stacked-bar", measures="court_grant_rate", source="article")


def test_line_chart_uses_colour_and_dashes(dataset):
    table = chart(dataset, type="line", measures="[dhs_affirmative_granted, dhs_defensive_granted]",
                  nationality="[Mexico, Honduras]", period="[FY2011, FY2012]", source="dhs", missing="show")
    assert table.categories == ("FY2011", "FY2012")
    assert [(s.label, s.colour, s.dash) for s in table.series] == [
        ("Mexico · Granted affirmatively (asylum office)", 0, 0),
        ("Honduras · Granted affirmatively (asylum office)", 1, 0),
        ("Mexico · Granted defensively (immigration judge)", 0, 1),
    ]
    assert table.gaps == ("Granted defensively (immigration judge), Honduras, FY2011",
                          "Granted defensively (immigration judge), Honduras, FY2012")


@pytest.mark.parametrize("chart_type", CHART_TYPES)
def test_every_chart_type_draws_a_scalable_themed_svg(dataset, palette, chart_type):
    measures = "dhs_affirmative_granted" if chart_type == "bar" else "[dhs_affirmative_granted, dhs_defensive_granted]"
    table = chart(dataset, type=chart_type, measures=measures,
                  nationality="Mexico", period="[FY2011, FY2012]", source="dhs", x="period")
    svg = render(DrawJob(table, palette, (6.4, 4.0)))[".svg"].decode()
    assert '<svg xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 460.8 288"' in svg
    assert "<title>T</title>" in svg and "<text" in svg  # text stays text
    assert palette.colour("1") in svg and "prefers-color-scheme: dark" in svg
    assert palette.colour("1", "dark") in svg  # dark colours come from palette.css
    assert svg == render(DrawJob(table, palette, (6.4, 4.0)))[".svg"].decode()  # deterministic


def test_palette_needs_every_colour():
    with pytest.raises(ChartError, match="does not define --chart-6"):
        parse_palette(":root{--chart-fg:#000000;--chart-bg:#ffffff;--chart-grid:#111111;--chart-1:#222222;--chart-2:#333333;"
                      "--chart-3:#444444;--chart-4:#555555;--chart-5:#666666;}"
                      "@media (prefers-color-scheme: dark){:root{}}")


def test_finish_svg_drops_fixed_size_and_adds_dark_rules(palette):
    svg = ('<svg xmlns="x" width="10pt" height="5pt" viewBox="0 0 10 5"><defs><style type="text/css">*{}</style></defs>'
           '<metadata>m</metadata></svg>')
    out = finish_svg(svg, palette, "A & B")
    assert 'width="10pt"' not in out and "<metadata>" not in out and "<title>A &amp; B</title>" in out
    assert f'[style*="fill: {palette.colour("2")}"]{{fill:{palette.colour("2", "dark")} !important}}' in out


# Formatting, alt text, tables, CSV, inline figures

@pytest.mark.parametrize("value, unit, text", [
    (9206, "cases", "9,206"), (100 * 126 / 1521, "percent", "8.3%"), (Decimal("23"), "percent", "23%"),
    (Decimal("1.4"), "percent", "1.4%"), (12.25, "percent", "12.3%"), (337, "individuals", "337"),
])
def test_number_formats(value, unit, text):
    assert format_number(value, unit) == text


def test_inline_figure_renders_the_computed_rate_with_its_source(dataset):
    (point,) = select(parse_figure_words("court_grant_rate @article FY2012 Mexico"), dataset)
    html = figure_ref_html(point, "https://x.example/p/#source-article", dataset.sources)
    assert ">8.3%</a>" in html
    assert 'href="https://x.example/p/#source-article"' in html
    assert "126 / (126 + 1,395) = 8.3%. Source: The Asylumist (Jason Dzubow)" in html


def test_a_computed_rate_names_its_numerator_by_its_definition(dataset):
    (point,) = select(parse_figure_words("Mexico FY2012 court_grant_rate @article"), dataset)
    denied_first = dataclasses.replace(point, inputs=point.inputs[::-1])
    assert describe(denied_first).endswith(": 126 / (1,395 + 126) = 8.3%")


def test_inline_figure_words(dataset):
    query = parse_figure_words("El Salvador FY2014 dhs_affirmative_granted @dhs")
    assert (query.nationalities, query.periods, query.sources) == (("El Salvador",), ("FY2014",), ("dhs",))
    with pytest.raises(ChartError, match="needs a period, like"):
        parse_figure_words("Mexico court_granted")


def test_alt_text_states_the_figures(dataset):
    table = chart(dataset, measures="[court_granted, court_denied, court_abandoned]")
    assert alt_text(table) == "Bar chart: T. Granted 126, Denied 1,395, Abandoned 138 (cases)."


def test_table_and_csv_hold_the_drawn_rows(dataset):
    spec = parse_spec(spec_text(measures="[court_grant_rate]"))
    points = select(spec, dataset)
    assert csv_text(points).splitlines()[1] == (
        "FY2012,Mexico,court_grant_rate,8.3,percent,article,\"126 / (126 + 1,395) = 8.3%\",")
    html = data_table_html(layout(spec, points, dataset.sources))
    assert 'tabindex="0"' in html and "<td>8.3%</td>" in html


def test_suggestions_are_case_insensitive():
    assert suggest("el salvador", ["El Salvador", "Mexico"]) == "; did you mean 'El Salvador'?"
    assert suggest("zzz", ["Mexico"]) == ""


# Filling a post

def post_at(tmp_path, markdown=None):
    """A Post whose Markdown file exists only if `markdown` is given."""
    source = tmp_path / "post.md"
    if markdown is not None:
        source.write_text(markdown, encoding="utf-8")
    return Post(source_path="posts/p.md", source_file=str(source),
                url="https://x.example/2013/11/p/", output_dir="2013/11/p")


def test_each_chart_of_a_post_needs_its_own_id(tmp_path, dataset, palette):
    html = chart_slot(spec_text(id="chart-2"), 4) + "\n" + chart_slot(spec_text(title="U"), 12)
    filled = fill(html, post_at(tmp_path), dataset, palette, (6.4, 4.0))
    assert [c.name for c in filled.charts] == ["chart-2"]
    assert filled.errors == [
        (12, "chart 'U': chart id 'chart-2' is already used by the chart on line 4; "
         "give each chart its own id")
    ]
    assert filled.html.count('id="chart-2"') == 1 and 'class="chart-error"' in filled.html


def test_the_post_file_is_read_only_for_a_wrong_figure(tmp_path, dataset, palette):
    figure = '<span data-figure="Mexico FY2012 court_grant_rate @article"></span>'
    assert not fill(figure, post_at(tmp_path), dataset, palette, (6.4, 4.0)).errors
    wrong = '<span data-figure="Mexico FY2012 court_grant_rat @article"></span>'
    post = post_at(tmp_path, "Title: p\n\nThe rate {{ Mexico FY2012 court_grant_rat @article }}.\n")
    ((line, error),) = fill(wrong, post, dataset, palette, (6.4, 4.0)).errors
    assert line == 3
    assert error.startswith("figure {{ Mexico FY2012 court_grant_rat @article }}: no measure")


def test_summary_figures_link_into_the_posts_sources_note(tmp_path, dataset, palette):
    summary = '<p>A rate of <span data-figure="Mexico FY2012 court_grant_rate @article"></span>.</p>'
    filled, sources = fill_summary(summary, post_at(tmp_path), dataset)
    assert not filled.errors
    assert '<a class="datum" href="https://x.example/2013/11/p/#source-article"' in filled.html
    # The summary links to the post's note; it carries no note of its own.
    assert ">8.3%</a>" in filled.html and 'id="source-' not in filled.html
    # The post's own body quotes no figure, yet its note must list the summary's source.
    body = fill("<p>Text.</p>", post_at(tmp_path), dataset, palette, (6.4, 4.0), sources)
    assert 'id="source-article"' in body.html


def test_a_wrong_summary_figure_is_reported_at_the_summary_line(tmp_path, dataset):
    summary = '<p><span data-figure="Mexcio FY2012 court_granted @article"></span></p>'
    post = post_at(tmp_path, "Title: p\nSummary: See {{ Mexcio FY2012 court_granted @article }}.\n\n"
                   "Body {{ Mexcio FY2012 court_granted @article }}.\n")
    filled, sources = fill_summary(summary, post, dataset)
    ((line, error),) = filled.errors
    assert line == 2
    assert error.startswith("summary figure {{ Mexcio FY2012 court_granted @article }}: ")
    assert "did you mean 'Mexico'?" in error and sources == []


# Markdown syntax

def test_chart_blocks_become_placeholders_with_their_line():
    lines = ["Title: x", "", "```chart", "type: bar", "```", "", "```python", "x", "```"]
    out = list(replace_chart_blocks(lines))
    (slot,) = [line for line in out if CHART_SLOT.fullmatch(line)]
    assert decode_chart_slot(CHART_SLOT.fullmatch(slot)) == ("type: bar", 3)
    assert out[-3:] == ["```python", "x", "```"]
