"""A post's charts as placed on the page: each chart's addresses, files and picture text, and each mistake's line."""

import pytest

from pelican.plugins.data_charts.dataset import load_dataset
from pelican.plugins.data_charts.draw import sizes
from pelican.plugins.data_charts.errors import ChartError
from pelican.plugins.data_charts.markdown_ext import chart_slot
from pelican.plugins.data_charts.placeholders import Post, fill, fill_summary, make_chart

from .test_numbers import data_with_sums
from .test_units import post_at, spec_text

BAR = spec_text(id="outcomes")  # court_granted and court_denied, Mexico, FY2012, the article


def made(post, dataset, palette, text=BAR, number=2):
    return make_chart(text, number, post, dataset, palette, (6.4, 4.0))


def test_a_charts_files_sit_beside_the_post_and_are_named_after_it(tmp_path, dataset, palette):
    chart = made(post_at(tmp_path), dataset, palette)
    assert chart.url(".svg") == "outcomes.svg"
    assert chart.absolute_url("-card.png") == "https://x.example/2013/11/p/outcomes-card.png"
    assert chart.path(".png") == "2013/11/p/outcomes.png"
    assert chart.card["alt"] == ("T. Source: The Asylumist (Jason Dzubow), Mexican Asylum Seekers Need Not Apply, "
                                 "2013-11-13.")


def test_a_post_saved_as_a_file_has_its_charts_in_its_folder(tmp_path, dataset, palette):
    post = Post("p.md", str(tmp_path / "p.md"), "https://x.example/2013/11/p.html", "")
    chart = made(post, dataset, palette, text=spec_text())
    assert chart.absolute_url("-card.png") == "https://x.example/2013/11/chart-2-card.png"
    assert chart.path(".png") == "chart-2.png"


def test_a_chart_is_drawn_with_the_palette_its_sources_and_the_values_selected(tmp_path, dataset, palette):
    chart = made(post_at(tmp_path), dataset, palette)
    job = chart.job
    assert job.palette is palette and job.size == (6.4, 4.0)
    assert job.source_line == "Source: The Asylumist (Jason Dzubow), Mexican Asylum Seekers Need Not Apply, 2013-11-13."
    assert job.short_source == "Source: The Asylumist, 2013."
    assert [(p.measure, p.value) for p in chart.points] == [("court_granted", 126), ("court_denied", 1395)]
    assert chart.sizes == sizes(job) and chart.sizes["card"] == (1200, 630)


def test_parts_beside_a_total_they_miss_say_so_in_the_caption(tmp_path, palette):
    dataset = load_dataset(data_with_sums(tmp_path), "data")
    text = ("type: bar\ntitle: Grants\ncaption: Affirmative and defensive.\nnationality: All nationalities\n"
            "period: FY2010\nmeasures: [court_granted_affirmative, court_granted_defensive, court_granted]\n")
    chart = made(post_at(tmp_path), dataset, palette, text=text)
    assert chart.spec.caption == (
        "Affirmative and defensive. As printed by the source, All nationalities, FY2010: Granted, affirmative "
        "(court) + Granted, defensive (court) add to 9,859, but the total (Granted) is 9,869.")
    assert chart.job.subtitle == chart.spec.caption


def test_a_chart_missing_a_figure_is_refused_unless_it_asks_to_show_gaps(tmp_path, dataset, palette):
    gappy = spec_text(measures="[court_granted, court_received]", source="paper")
    with pytest.raises(ChartError, match="or add 'missing: show'"):
        made(post_at(tmp_path), dataset, palette, text=gappy)
    assert made(post_at(tmp_path), dataset, palette, text=gappy + "\nmissing: show").table.gaps


def errors(tmp_path, dataset, palette, html):
    return fill(html, post_at(tmp_path), dataset, palette, (6.4, 4.0)).errors


@pytest.mark.parametrize("text, line, message", [
    ("", 5, "chart 1: the chart block is empty or is never closed with ```"),
    # The block's own line of a YAML mistake, counted from the fence.
    ("type: bar\ntitle: T\nmeasure court_granted\nnationality: Mexico\n", 8,
     "chart 'T': 'measure court_granted' is not a 'key: value' line"),
    # A title with a colon cannot be read as YAML; the line that writes it still names the chart.
    ("type: bar\ntitle: Grants: FY2012\n", 7,
     "chart 'Grants: FY2012': quote the title: it contains a colon, which YAML reads as a new key "
     "(write title: 'Grants: FY2012')"),
    # A name the data set lacks: the line of its key, singular or plural.
    (spec_text(nationality=None, nationalities="[Mexcio]"), 11,
     "chart 'T': no nationality 'Mexcio'; did you mean 'Mexico'?"),
    (spec_text() + "\nlabels: {~: x}", 12, "chart 'T': 'labels' maps each name to a short text; it is empty"),
])
def test_a_charts_mistake_is_named_at_its_line_in_the_post(tmp_path, dataset, palette, text, line, message):
    assert errors(tmp_path, dataset, palette, chart_slot(text, 5)) == [(line, message)]


def test_two_charts_with_one_id_are_named_at_the_second_ones_id_line(tmp_path, dataset, palette):
    html = chart_slot(spec_text(id="rates"), 3) + chart_slot(spec_text(id="rates", title="U"), 20)
    assert errors(tmp_path, dataset, palette, html) == [
        (27, "chart 'U': chart id 'rates' is already used by the chart on line 3; give each chart its own id")]


def test_a_post_with_no_figures_is_left_as_it_is(tmp_path, dataset, palette):
    assert fill("<p>Text.</p>", post_at(tmp_path), dataset, palette, (6.4, 4.0)).html == "<p>Text.</p>"


def test_a_figure_in_the_summarys_alt_text_is_named_at_the_summary_line(tmp_path, dataset):
    figure = "{{ Mexico FY2012 court_granted @article }}"
    post = post_at(tmp_path, f"Title: p\nSummary: ![A {figure} chart](a.png)\n\n![A {figure} chart](a.png)\n")
    filled, _ = fill_summary(f'<img alt="A {figure} chart" src="a.png" />', post, dataset)
    assert [line for line, _ in filled.errors] == [2]


def test_the_charts_of_a_post_are_drawn_with_the_sites_palette(tmp_path, dataset, palette):
    (chart,) = fill(chart_slot(BAR, 3), post_at(tmp_path), dataset, palette, (6.4, 4.0)).charts
    assert chart.job.palette is palette and chart.name == "outcomes"
