"""How a drawing is laid out and handed out: legend columns, slanted labels, the site card, the drawing steps, the pool."""

import io
import warnings
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest
from PIL import Image

from pelican.plugins.data_charts import draw
from pelican.plugins.data_charts.draw import POOL_FROM, Drawer, DrawJob, Look, SiteCardJob, looks, render
from pelican.plugins.data_charts.layout import ChartTable, Series

from .test_units import chart


def table_of(labels):
    return SimpleNamespace(series=[SimpleNamespace(label=label) for label in labels])


@pytest.mark.parametrize("labels, size, columns", [
    (["Honduras"] * 5, (6.4, 4.0), 3),  # never more than three
    (["Honduras"] * 2, (6.4, 4.0), 2),  # never more than there are series
    (["Granted, affirmative (court), FY"] * 3, (6.4, 4.0), 2),  # as many as 10 pt text fits across
    (["Granted, affirmative (court), FY"] * 3, (4.0, 6.4), 1),  # the width counts, not the height
    (["x" * 80] * 2, (6.4, 4.0), 1),  # at least one
])
def test_a_legend_has_as_many_columns_as_fit_across_up_to_three(labels, size, columns):
    found = draw._legend_columns(table_of(labels), Look(size))
    assert found == columns and isinstance(found, int)


def test_a_phones_legend_has_one_column():
    assert draw._legend_columns(table_of(["a", "b", "c"]), Look((4.0, 3.3), narrow=True)) == 1


def _rotation(job, look):
    figure = draw._figure(job, look)
    labels = [label for label in figure.axes[0].get_xticklabels() if label.get_text()]
    if any(label.get_rotation() for label in labels):
        # Slanted labels lie side by side as single lines; wrapped ones would collide.
        assert [label.get_text() for label in labels] == list(job.table.categories)
    return {label.get_rotation() for label in labels}


def test_labels_too_close_even_at_sixty_degrees_stand_upright(palette):
    names = tuple(f"Nationality number {n}" for n in range(16))
    table = ChartTable("bar", "T", "cases", "nationality", names, (Series("Granted", tuple(range(1, 17)), 0, 0),),
                       "Granted, cases")
    job = DrawJob(table, palette, (6.4, 4.0))
    assert _rotation(job, looks(job)["narrow"]) == {90}
    # Negative control: on the page's wide drawing the same labels lie at forty degrees.
    assert _rotation(job, looks(job)["page"]) == {40}


def test_the_site_card_shows_an_address_without_a_scheme_as_it_is(palette):
    card = draw.render_site_card(SiteCardJob("The Grant Rate", "About asylum", "grant-rate.example", palette))
    assert Image.open(io.BytesIO(card)).size == (1200, 630)


def test_a_chart_is_drawn_in_four_steps_the_benchmark_names(dataset, palette):
    job = DrawJob(chart(dataset), palette, (6.4, 4.0))
    steps = list(draw.render_steps(job))
    assert [(what, tuple(made)) for what, made in steps] == [
        ("page SVG", (".svg",)), ("narrow SVG", ("-narrow.svg",)),
        ("stand-alone PNG and SVG", (".png", "-full.svg")), ("card PNG", ("-card.png",))]


def test_one_drawing_process_never_starts_a_pool(dataset, palette):
    drawer = Drawer(workers=1)
    for n in range(POOL_FROM):
        drawer.submit(n, DrawJob(chart(dataset), palette, (6.4, 4.0)))
    assert drawer.pool is None and not drawer.futures and len(drawer.held) == POOL_FROM


def test_a_pool_has_the_workers_asked_for_in_fresh_processes():
    drawer = Drawer(workers=3)
    pool = drawer._pool()  # processes start only when a drawing is handed over
    assert pool._max_workers == 3 and pool._mp_context.get_start_method() == "spawn"
    assert drawer._pool() is pool
    drawer.close()
    assert drawer.pool is None


def test_from_the_sixth_chart_on_each_is_handed_to_the_pool(dataset, palette, monkeypatch):
    # One thread stands in for the processes, which take seconds to start (the pool's own
    # settings are tested above); one, because matplotlib's style settings are per process.
    jobs = {n: DrawJob(chart(dataset, title=f"Chart {n}"), palette, (6.4, 4.0)) for n in range(POOL_FROM)}
    drawer = Drawer(workers=2)
    threads = ThreadPoolExecutor(1)
    monkeypatch.setattr(drawer, "_pool", lambda: threads)
    for n in range(POOL_FROM - 1):
        drawer.submit(n, jobs[n])
    assert not drawer.futures and len(drawer.held) == POOL_FROM - 1  # too few to pay for processes
    drawer.submit(POOL_FROM - 1, jobs[POOL_FROM - 1])
    assert drawer.held == {} and set(drawer.futures) == set(jobs)
    drawn = drawer.results()
    assert set(drawn) == set(jobs) and drawn[POOL_FROM - 1] == render(jobs[POOL_FROM - 1])


def _ticks_and_legend(table, palette, look="narrow"):
    job = DrawJob(table, palette, (6.4, 4.0))
    axes = draw._figure(job, looks(job)[look]).axes[0]
    return [label.get_text() for label in axes.get_xticklabels()], axes.get_legend() is not None


def _years(count):
    periods = tuple(f"FY{2005 + n}" for n in range(count))
    return ChartTable("line", "T", "individuals", "period", periods,
                      (Series("Granted", tuple(range(1, count + 1)), 0, 0),), "Granted, individuals")


def test_a_phone_labels_every_other_year_of_a_line_only_beyond_six(palette):
    assert _ticks_and_legend(_years(6), palette)[0] == ["FY2005", "FY2006", "FY2007", "FY2008", "FY2009", "FY2010"]
    assert _ticks_and_legend(_years(7), palette)[0] == ["FY2005", "", "FY2007", "", "FY2009", "", "FY2011"]


def test_a_single_line_has_no_legend_and_two_bars_have_one_with_words_unbroken(palette):
    assert _ticks_and_legend(_years(3), palette) == (["FY2005", "FY2006", "FY2007"], False)
    # A name longer than a phone's label width stays whole rather than breaking mid-word.
    two = ChartTable("grouped-bar", "T", "cases", "nationality", ("Afghanistan", "Mexico"),
                     (Series("Granted", (1, 2), 0, 0), Series("Denied", (3, 4), 1, 0)), "Cases")
    assert _ticks_and_legend(two, palette) == (["Afghanistan", "Mexico"], True)


def _value_axis(palette, axis_label, unit="cases"):
    table = ChartTable("bar", "T", unit, "nationality", ("Mexico", "Honduras"), (Series("V", (40, 80), 0, 0),),
                       axis_label)
    job = DrawJob(table, palette, (6.4, 4.0))
    return draw._figure(job, looks(job)["page"]).axes[0]


def test_the_value_axis_name_wraps_at_two_thirds_of_the_height_in_11_pt_letters(palette):
    # A 4 in high chart: 4 x 72 x 0.66 / (11 x 0.6) = 28.8, so 28 letters a line.
    assert _value_axis(palette, "Granted affirmatively, cases").get_ylabel() == "Granted affirmatively, cases"
    assert _value_axis(palette, "Granted affirmatively, people").get_ylabel() == "Granted affirmatively,\npeople"


def test_a_rates_value_axis_reads_in_percent(palette):
    assert _value_axis(palette, "Grant rate (court), percent", unit="percent").yaxis.get_major_formatter()(40, 0) == "40%"
    assert _value_axis(palette, "Granted, cases").yaxis.get_major_formatter()(2000, 0) == "2,000"


def test_a_phones_labels_wrap_at_ten_letters_and_the_pages_at_fourteen(palette):
    two = ChartTable("grouped-bar", "T", "cases", "nationality", ("El Salvador", "Mexico"),
                     (Series("Granted", (1, 2), 0, 0), Series("Denied", (3, 4), 1, 0)), "Cases")
    assert _ticks_and_legend(two, palette)[0] == ["El\nSalvador", "Mexico"]
    assert _ticks_and_legend(two, palette, "page")[0] == ["El Salvador", "Mexico"]


LONG_LABELS = ("Mexico · Granted affirmatively (asylum office)",
               "Honduran nationals · Granted affirmatively (asylum office)",
               "Mexico · Granted defensively (immigration judge)",
               "Honduran nationals · Granted defensively (immigration judge)")


def _four_lines(palette):
    periods = tuple(f"FY{2005 + n}" for n in range(10))
    series = tuple(Series(label, tuple(range(10, 20)), index % 2, index // 2) for index, label in enumerate(LONG_LABELS))
    return DrawJob(ChartTable("line", "T", "individuals", "period", periods, series, "Individuals"), palette, (6.4, 4.0))


def test_a_one_column_legend_breaks_a_label_too_wide_for_the_plot_into_even_lines():
    phone = Look((4.0, 3.3), narrow=True)
    assert draw._legend_labels(["Granted defensively (immigration judge)", "Mexico"], phone) == [
        "Granted defensively\n(immigration judge)", "Mexico"]
    assert draw._legend_labels([LONG_LABELS[1]], phone) == ["Honduran nationals · Granted\naffirmatively (asylum office)"]
    # A word longer than the room stays whole on its own line.
    assert draw._legend_labels(["x" * 60 + " y"], phone) == ["x" * 60 + "\ny"]
    # The page has room for them all on one line each; several columns are chosen only where labels fit.
    assert draw._legend_labels(list(LONG_LABELS), Look((6.4, 4.0))) == list(LONG_LABELS)
    assert draw._legend_labels(["Granted defensively (immigration judge)"] * 2, phone, columns=2) == [
        "Granted defensively (immigration judge)"] * 2


def test_a_phones_legend_of_long_labels_leaves_the_plot_the_width_and_the_picture_grows_by_its_lines(palette):
    job = _four_lines(palette)
    narrow = looks(job)["narrow"]
    # Four labels of two lines each: eight lines of legend, 0.2 in each.
    assert narrow.size == (4.0, pytest.approx(3.3 + 0.2 * 8))
    assert draw.sizes(job)["narrow"] == (288, round((3.3 + 0.2 * 8) * 72))
    with warnings.catch_warnings():
        # matplotlib warns when a legend wider than the figure leaves the plot no room.
        warnings.simplefilter("error")
        figure = draw._figure(job, narrow)
    legend = figure.axes[0].get_legend()
    assert [text.get_text().count("\n") for text in legend.get_texts()] == [1, 1, 1, 1]
    assert figure.axes[0].get_position().width > 0.8


def test_a_label_is_measured_within_two_percent_of_the_width_matplotlib_draws_it_at():
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    renderer = RendererAgg(100, 100, 72)  # 72 dpi: one pixel a point
    for label in (*LONG_LABELS, "Granted defensively (immigration judge)", "El Salvador · affirmative"):
        drawn, _, _ = renderer.get_text_width_height_descent(label, FontProperties(family="DejaVu Sans", size=10),
                                                            False)
        assert draw._width_pt(label) == pytest.approx(drawn, rel=0.02), label
