"""The chart's markup, alt text, table, CSV and source lines word for word, as readers and screen readers get them."""

import dataclasses

import pytest

from pelican.plugins.data_charts.dataset import load_dataset
from pelican.plugins.data_charts.figure_markup import (
    alt_text,
    csv_text,
    data_table_html,
    describe,
    feed_html,
    source_line,
    source_text,
    sources_note_html,
)
from pelican.plugins.data_charts.figures import parse_figure_words
from pelican.plugins.data_charts.layout import ChartTable, Series
from pelican.plugins.data_charts.markdown_ext import chart_slot
from pelican.plugins.data_charts.placeholders import Post, fill
from pelican.plugins.data_charts.selection import select

from .conftest import OBSERVATIONS, write_data
from .test_units import chart, spec_text

ADDRESS = "https://x.example/2013/11/p/"
COMPARED = spec_text(caption="Few & far.", measures="dhs_affirmative_granted", source=None, sources="[article, dhs]")

FIGURE = """<figure class="chart chart-bar" id="chart-1">
  <figcaption>
    <p class="chart-title">T</p>
    <p class="chart-caption">Few &amp; far.</p>
  </figcaption>
  <picture class="chart-picture">
    <source data-beside-page media="screen and (max-width: 37.5rem)" srcset="chart-1-narrow.svg" type="image/svg+xml" width="288" height="238">
    <source data-beside-page media="screen" srcset="chart-1.svg" type="image/svg+xml" width="461" height="288">
    <img class="chart-image" data-beside-page src="chart-1.png" alt="Bar chart: T. The Asylumist, 2013 337, U.S. Department of Homeland Security, 2015 301 (individuals)." width="640" height="503" loading="lazy" decoding="async">
  </picture>
  <p class="chart-source">Sources: The Asylumist (Jason Dzubow), <cite>Mexican Asylum Seekers Need Not Apply</cite>, 2013-11-13; U.S. Department of Homeland Security, <a href="http://example.org/dhs"><cite>Yearbook tables</cite></a>, 2015-11-01. <span class="chart-downloads">Download: <a class="chart-download" data-beside-page href="chart-1.csv" download>the figures (CSV)</a>, <a class="chart-download chart-svg" data-beside-page href="chart-1-full.svg" download>the chart (SVG)</a></span></p>
  <details class="chart-data">
    <summary>The figures in this chart</summary>
    <div class="chart-table" role="region" aria-label="Figures: T" tabindex="0"><table><thead><tr><th scope="col">Source</th><th scope="col">Individuals</th></tr></thead><tbody><tr><th scope="row">The Asylumist, 2013</th><td>337</td></tr><tr><th scope="row">U.S. Department of Homeland Security, 2015</th><td>301</td></tr></tbody></table></div>
  </details>
</figure>"""
NOTE = ('<section class="data-sources" id="data-sources" aria-labelledby="data-sources-title">'
        '<h2 id="data-sources-title">Sources of the figures</h2><ul>'
        '<li id="source-article">The Asylumist (Jason Dzubow), <cite>Mexican Asylum Seekers Need Not Apply</cite>, '
        '2013-11-13. Its own figures.</li>'
        '<li id="source-dhs">U.S. Department of Homeland Security, <a href="http://example.org/dhs"><cite>Yearbook '
        'tables</cite></a>, 2015-11-01. Counts individuals.</li></ul></section>')


@pytest.fixture
def filled(tmp_path, dataset, palette):
    post = Post("posts/p.md", str(tmp_path / "p.md"), ADDRESS, "2013/11/p")
    return fill(chart_slot(COMPARED, 3), post, dataset, palette, (6.4, 4.0))


def test_a_chart_comparing_two_sources_is_this_markup_word_for_word(filled):
    assert filled.errors == []
    assert filled.html == FIGURE + "\n" + NOTE


def test_its_csv_lists_each_source_on_a_row(filled):
    assert filled.charts[0].csv == (
        "period,nationality,measure,value,unit,source,computed_as,note\n"
        "FY2012,Mexico,dhs_affirmative_granted,337,individuals,article,,\n"
        "FY2012,Mexico,dhs_affirmative_granted,301,individuals,dhs,,\n")


def test_feeds_get_the_png_and_an_open_table_word_for_word():
    fed = feed_html(FIGURE, ADDRESS)
    expected = (FIGURE.split("  <picture")[0]
                + f'  <img class="chart-image" src="{ADDRESS}chart-1.png" alt="Bar chart: T. The Asylumist, 2013 337, '
                'U.S. Department of Homeland Security, 2015 301 (individuals)." width="640" height="503" decoding="async">\n'
                + FIGURE.split("</picture>\n")[1].split(", <a class=\"chart-download chart-svg\"")[0]
                .replace('data-beside-page href="chart-1.csv"', f'href="{ADDRESS}chart-1.csv"')
                + "</span></p>\n  <div class=\"chart-data\"><p><strong>The figures in this chart</strong></p>\n"
                + FIGURE.split("<summary>The figures in this chart</summary>\n", 1)[1].split("\n  </details>")[0]
                + "\n  </div>\n</figure>")
    assert fed == expected


def test_gaps_are_stated_under_the_caption(tmp_path, dataset, palette):
    post = Post("posts/p.md", str(tmp_path / "p.md"), ADDRESS, "2013/11/p")
    text = spec_text(type="grouped-bar", caption="Both years.", measures="dhs_affirmative_granted", nationality="[Mexico, Honduras]",
                     period="[FY2011, FY2012]", source="dhs", missing="show").replace("FY2011, FY2012", "FY2008, FY2011")
    html = fill(chart_slot(text, 3), post, dataset, palette, (6.4, 4.0)).html
    assert ('<p class="chart-caption">Both years.</p>\n    <p class="chart-gaps">Not in the data set, so not drawn: '
            "Granted affirmatively (asylum office), Mexico, FY2008; Granted affirmatively (asylum office), Honduras, "
            "FY2008.</p>\n  </figcaption>") in html


def test_a_chart_without_a_caption_has_no_caption_paragraph(tmp_path, dataset, palette):
    post = Post("posts/p.md", str(tmp_path / "p.md"), ADDRESS, "2013/11/p")
    html = fill(chart_slot(spec_text(), 3), post, dataset, palette, (6.4, 4.0)).html
    assert '<p class="chart-title">T</p>\n  </figcaption>' in html


# Alt text: every value while there are few, a summary of each series when there are many

def long_table(values, unit="cases", series=1):
    categories = tuple(f"FY{2000 + n}" for n in range(len(values)))
    return ChartTable("line", "Long", unit, "period", categories,
                      tuple(Series(f"S{n}", tuple(values), n, 0) for n in range(series)))


def test_alt_text_lists_up_to_twenty_values_and_summarises_more():
    twenty = [1000 + n for n in range(20)]
    assert alt_text(long_table(twenty)).startswith("Line chart: Long. FY2000 1,000, FY2001 1,001, ")
    # Twenty-one: each series' first and last value and its highest, a gap left out.
    values = [None, 1200, 5400, *range(1000, 1018), 2000, None]
    assert alt_text(long_table(values)) == (
        "Line chart: Long. from 1,200 in FY2001 to 2,000 in FY2021, highest 5,400 in FY2002 (cases).")
    # Only values count towards the twenty, not gaps.
    assert alt_text(long_table([None] * 5 + twenty)).startswith("Line chart: Long. FY2005 1,000, ")


def test_alt_text_names_each_series_when_there_are_several():
    assert alt_text(long_table([1, 2], series=2)) == "Line chart: Long. S0: FY2000 1, FY2001 2; S1: FY2000 1, FY2001 2 (cases)."
    summary = alt_text(long_table([10.25] * 11, unit="percent", series=2))
    assert summary == ("Line chart: Long. S0: from 10.3% in FY2000 to 10.3% in FY2010, highest 10.3% in FY2000; "
                       "S1: from 10.3% in FY2000 to 10.3% in FY2010, highest 10.3% in FY2000 (percent).")
    assert alt_text(long_table([10.25, 8.0], unit="percent")) == "Line chart: Long. FY2000 10.3%, FY2001 8.0% (percent)."


# Source lines, away from the page

def test_source_lines_say_source_or_sources(dataset):
    article, paper = dataset.sources["article"], dataset.sources["paper"]
    assert source_line([paper]) == 'Source: U-T San Diego, <a href="http://example.org/utsd"><cite>Mexican asylum seekers</cite></a>, 2014-03-12.'
    assert source_text([article]) == "Source: The Asylumist (Jason Dzubow), Mexican Asylum Seekers Need Not Apply, 2013-11-13."
    assert source_text([article, paper]) == (
        "Sources: The Asylumist (Jason Dzubow), Mexican Asylum Seekers Need Not Apply, 2013-11-13; "
        "U-T San Diego, Mexican asylum seekers, 2014-03-12.")
    assert source_text([article, paper], short=True) == "Sources: The Asylumist, 2013; U-T San Diego, 2014."
    assert source_text([paper], short=True) == "Source: U-T San Diego, 2014."


def test_the_sources_note_lists_each_source_with_its_notes(dataset):
    assert sources_note_html([dataset.sources["article"], dataset.sources["dhs"]]) == NOTE


# Tables and CSV

def test_a_table_of_one_series_heads_its_column_with_the_unit(dataset):
    assert data_table_html(chart(dataset, measures="[court_granted, court_denied]")) == (
        '<div class="chart-table" role="region" aria-label="Figures: T" tabindex="0"><table><thead><tr>'
        '<th scope="col">Measure</th><th scope="col">Cases</th></tr></thead><tbody>'
        '<tr><th scope="row">Granted</th><td>126</td></tr><tr><th scope="row">Denied</th><td>1,395</td></tr>'
        "</tbody></table></div>")


def test_a_table_of_several_series_heads_each_column_with_its_label_and_marks_gaps(dataset):
    table = chart(dataset, type="line", measures="[dhs_affirmative_granted, dhs_defensive_granted]",
                  nationality="[Mexico, Honduras]", period="[FY2011, FY2012]", source="dhs", missing="show")
    gapped = dataclasses.replace(table, series=table.series[:2] + (dataclasses.replace(table.series[2], values=(92, None)),))
    assert data_table_html(gapped) == (
        '<div class="chart-table" role="region" aria-label="Figures: T" tabindex="0"><table><thead><tr>'
        '<th scope="col">Period</th><th scope="col">Mexico · Granted affirmatively (asylum office)</th>'
        '<th scope="col">Honduras · Granted affirmatively (asylum office)</th>'
        '<th scope="col">Mexico · Granted defensively (immigration judge)</th></tr></thead><tbody>'
        '<tr><th scope="row">FY2011</th><td>173</td><td>40</td><td>92</td></tr>'
        '<tr><th scope="row">FY2012</th><td>301</td><td>138</td><td>no data</td></tr>'
        "</tbody></table></div>")


def test_the_csv_states_each_missing_combination_with_its_source(dataset):
    points = select(parse_figure_words("Mexico FY2012 court_grant_rate @article"), dataset)
    assert csv_text(points, [("FY2011", "Mexico", "court_grant_rate", None),
                             ("FY2011", "Mexico", "court_granted", "paper")]) == (
        "period,nationality,measure,value,unit,source,computed_as,note\n"
        'FY2012,Mexico,court_grant_rate,8.3,percent,article,"126 / (126 + 1,395) = 8.3%",\n'
        "FY2011,Mexico,court_grant_rate,,percent,,,not in the data set\n"
        "FY2011,Mexico,court_granted,,cases,paper,,not in the data set\n")


def test_a_computed_rate_of_a_nationality_with_a_colon_is_described_whole(tmp_path):
    rows = OBSERVATIONS.replace("FY2012,Mexico,court_", "FY2012,Congo: Brazzaville,court_")
    dataset = load_dataset(write_data(tmp_path, rows))
    (point,) = select(parse_figure_words("Congo: Brazzaville FY2012 court_grant_rate @article"), dataset)
    assert describe(point) == "Grant rate (court), Congo: Brazzaville, FY2012: 126 / (126 + 1,395) = 8.3%"
    assert csv_text([point]).splitlines()[1] == (
        'FY2012,Congo: Brazzaville,court_grant_rate,8.3,percent,article,"126 / (126 + 1,395) = 8.3%",')


def test_an_inline_figure_says_how_it_was_obtained_and_where_from(dataset):
    from pelican.plugins.data_charts.figure_markup import figure_ref_html

    (point,) = select(parse_figure_words("Mexico FY2012 court_granted @paper"), dataset)
    assert figure_ref_html(point, "https://x.example/p/#source-paper", dataset.sources) == (
        '<a class="datum" href="https://x.example/p/#source-paper" title="Granted, Mexico, FY2012: 126 cases. '
        'Source: U-T San Diego, Mexican asylum seekers, 2014-03-12">126</a>')
    assert figure_ref_html(point, "#", dataset.sources, linked=False) == (
        '<span class="datum" title="Granted, Mexico, FY2012: 126 cases. Source: U-T San Diego, Mexican asylum '
        'seekers, 2014-03-12">126</span>')
