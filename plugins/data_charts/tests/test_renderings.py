"""The chart-type registry, missing data, and the files each chart is drawn as."""

import io
import re
from pathlib import Path

import pytest
from PIL import Image

from pelican.plugins.data_charts import chart_types, draw
from pelican.plugins.data_charts.chart_types import CHART_TYPES, ChartType
from pelican.plugins.data_charts.draw import (
    RENDERINGS,
    DrawJob,
    looks,
    render,
    sizes,
)
from pelican.plugins.data_charts.errors import ChartError
from pelican.plugins.data_charts.figure_markup import alt_text, describe, feed_html
from pelican.plugins.data_charts.figures import parse_figure_words
from pelican.plugins.data_charts.markdown_ext import chart_slot
from pelican.plugins.data_charts.placeholders import Post, fill
from pelican.plugins.data_charts.selection import select, span
from pelican.plugins.data_charts.spec import parse_spec

from .conftest import OBSERVATIONS, write_data
from .test_units import chart, spec_text

PACKAGE = Path(chart_types.__file__).parent


# The registry: one record per type, and nobody else branching on type names

@pytest.mark.parametrize("name", CHART_TYPES)
def test_every_chart_type_is_complete(dataset, name):
    record = CHART_TYPES[name]
    assert isinstance(record, ChartType) and record.name == name
    assert record.spoken.endswith("chart") and record.spoken[0].isupper()
    assert record.default_x(["nationality", "period"]) in ("nationality", "period")
    assert callable(record.check_shape) and callable(record.draw)
    # The spec accepts it and the alt text names it in its own words.
    assert parse_spec(spec_text(type=name)).type == name
    measures = "dhs_affirmative_granted" if name == "bar" else "[dhs_affirmative_granted, dhs_defensive_granted]"
    table = chart(dataset, type=name, measures=measures, period="[FY2011, FY2012]", source="dhs", x="period")
    assert alt_text(table).startswith(f"{record.spoken}: T. ")


def test_no_module_but_the_registry_names_a_chart_type():
    # A comparison with a type's name, or a table keyed by it.
    names = "|".join(re.escape(name) for name in CHART_TYPES)
    quoted = re.compile(rf"""(==|!=)\s*["']({names})["']|["']({names})["']\s*:""")
    offenders = [path.name for path in PACKAGE.glob("*.py")
                 if path.name != "chart_types.py" and quoted.search(path.read_text(encoding="utf-8"))]
    assert offenders == []
    # Negative control: the check finds a branch written the old way.
    assert quoted.search('if table.type == "line":') and quoted.search('KINDS = {"bar": "Bar chart"}')


# Missing data: refused by default, stated everywhere with `missing: show`

MORE = OBSERVATIONS + "FY2010,Mexico,dhs_affirmative_granted,150,dhs\n"


def test_each_missing_combination_is_named_with_what_exists(tmp_path):
    from pelican.plugins.data_charts.dataset import load_dataset

    dataset = load_dataset(write_data(tmp_path, MORE))
    spec = parse_spec(spec_text(type="grouped-bar", measures="dhs_affirmative_granted",
                                nationality="[Mexico, Honduras]", period="[FY2008, FY2010]", source="dhs"))
    with pytest.raises(ChartError) as error:
        select(spec, dataset)
    message = str(error.value)
    for missing in ("dhs_affirmative_granted for Mexico in FY2008 (it has that for FY2010..FY2012)",
                    "dhs_affirmative_granted for Honduras in FY2008 (it has that for FY2011..FY2012)",
                    "dhs_affirmative_granted for Honduras in FY2010 (it has that for FY2011..FY2012)"):
        assert missing in message
    assert "Mexico in FY2010" not in message  # it exists
    # Only periods where every nationality has the figure are suggested: not FY2010.
    assert "every figure asked for exists in FY2011..FY2012;" in message
    assert message.endswith("or add 'missing: show' to draw what exists and state what is missing")


def test_a_request_nothing_completes_suggests_no_period(dataset):
    spec = parse_spec(spec_text(measures="dhs_defensive_granted", nationality="[Mexico, Honduras]",
                                period="FY2012", source="dhs", type="bar", x="nationality"))
    with pytest.raises(ChartError) as error:
        select(spec, dataset)
    assert "for Honduras in FY2012 it has dhs_affirmative_granted" in str(error.value)
    assert "exists in" not in str(error.value)


def test_spans_join_consecutive_fiscal_years():
    assert span(["FY2005", "FY2006", "FY2007", "FY2009", "FY2004-FY2006"]) == "FY2005..FY2007, FY2009, FY2004-FY2006"


def test_missing_show_states_the_gap_in_caption_alt_table_and_csv(tmp_path, dataset, palette):
    text = spec_text(type="bar", measures="court_granted", nationality="[Mexico, Honduras]", source="article",
                     missing="show", caption="Two countries.")
    post = Post("posts/p.md", str(tmp_path / "p.md"), "https://x.example/2013/11/p/", "2013/11/p")
    filled = fill(chart_slot(text, 3), post, dataset, palette, (6.4, 4.0))
    assert filled.errors == []
    (made,) = filled.charts
    note = "Not in the data set, so not drawn: Granted, Honduras, FY2012."
    assert made.table.categories == ("Mexico", "Honduras")  # the gap keeps its place on the axis
    assert made.table.series[0].values == (126, None)
    assert f'<p class="chart-gaps">{note}</p>' in filled.html
    assert alt_text(made.table).endswith(f"(cases). {note}")
    assert '<th scope="row">Honduras</th><td>no data</td>' in filled.html
    assert made.csv.splitlines()[-1] == "FY2012,Honduras,court_granted,,cases,,,not in the data set"


def test_missing_takes_refuse_or_show():
    with pytest.raises(ChartError, match="'missing' takes refuse or show; found 'shw'; did you mean 'show'"):
        parse_spec(spec_text(missing="shw"))


def test_a_request_with_nothing_at_all_is_refused_even_with_show(dataset):
    spec = parse_spec(spec_text(nationality="Honduras", measures="court_granted", missing="show"))
    with pytest.raises(ChartError, match="no court_granted for Honduras in FY2012"):
        chart(dataset, nationality="Honduras", measures="court_granted", missing="show")
    assert spec.shows_gaps


# Wording

def test_a_published_percentage_reads_once(dataset):
    (point,) = select(parse_figure_words("Mexico FY2008 court_grant_rate_pct @article"), dataset)
    assert describe(point) == "Grant rate, as published (court), Mexico, FY2008: 23%"
    (count,) = select(parse_figure_words("Mexico FY2012 court_granted @article"), dataset)
    assert describe(count).endswith(": 126 cases")


# The files drawn for a chart

@pytest.fixture(scope="module")
def drawn(tmp_path_factory, palette):
    from pelican.plugins.data_charts.dataset import load_dataset

    dataset = load_dataset(write_data(tmp_path_factory.mktemp("data")))
    table = chart(dataset, measures="[court_granted, court_denied, court_abandoned]")
    job = DrawJob(table, palette, (6.4, 4.0), subtitle="Few cases are decided.",
                  source_line="Source: The Asylumist, Mexican Asylum Seekers Need Not Apply, 2013-11-13.",
                  short_source="Source: The Asylumist, 2013.")
    return job, render(job)


def test_every_rendering_is_drawn_and_deterministic(drawn):
    job, files = drawn
    assert tuple(files) == RENDERINGS
    assert render(job) == files


def test_the_pngs_are_opaque_light_and_sized_as_the_page_says(drawn, palette):
    job, files = drawn
    expected = sizes(job)
    png = Image.open(io.BytesIO(files[".png"]))
    assert png.size == (2 * expected["png"][0], 2 * expected["png"][1])  # 2x for sharp screens
    card = Image.open(io.BytesIO(files["-card.png"]))
    assert card.size == (1200, 630) == expected["card"]
    background = tuple(int(palette.colour("bg")[i:i + 2], 16) for i in (1, 3, 5))
    for image in (png, card):
        rgba = image.convert("RGBA")
        assert rgba.getextrema()[3] == (255, 255)  # no transparent pixel anywhere
        assert rgba.getpixel((2, 2))[:3] == background


def test_the_downloadable_svg_carries_title_source_and_light_colours_only(drawn, palette):
    _, files = drawn
    full = files["-full.svg"].decode()
    assert "Few cases are decided." in full and "Source: The Asylumist" in full
    assert ">Outcomes" not in full and "<title>T</title>" in full
    assert "prefers-color-scheme" not in full and palette.colour("bg") in full
    page = files[".svg"].decode()
    assert "Source:" not in page and "prefers-color-scheme: dark" in page


def test_chart_text_names_the_sites_font_stack(drawn, palette):
    _, files = drawn
    for suffix in (".svg", "-narrow.svg", "-full.svg"):
        svg = files[suffix].decode()
        assert "DejaVu" not in svg
        assert f"font-family: {palette.font.replace(chr(34), chr(39))}" in svg


def test_the_narrow_drawing_keeps_text_at_11_css_px_in_a_328_px_column(drawn):
    job, files = drawn
    width = sizes(job)["narrow"][0]
    smallest = min(float(size) for size in re.findall(r"font-size: ([\d.]+)px", files["-narrow.svg"].decode()))
    assert smallest * 328 / width >= 11
    # The wide drawing would not: that is why phones get the narrow one.
    wide = min(float(size) for size in re.findall(r"font-size: ([\d.]+)px", files[".svg"].decode()))
    assert wide * 328 / sizes(job)["page"][0] < 11


def _grid_and_values(job, look):
    figure = draw._figure(job, look)
    axes = figure.axes[0]
    values = [t for t in axes.texts if getattr(t, "chart_role", "") == "value"]
    grid = any(line.get_visible() for line in axes.get_ygridlines())
    return grid, len(values)


def test_value_labels_or_gridlines_never_both(drawn, dataset, palette):
    job, _ = drawn
    assert _grid_and_values(job, looks(job)["page"]) == (False, 3)
    # Fourteen bars on a phone: the numbers would collide, so gridlines instead.
    from pelican.plugins.data_charts.layout import ChartTable, Series

    rates = ((92, 89, 85, 84, 81, 73, 67), (91, 83, 85, 89, 80, 58, 62))
    crowded = ChartTable("grouped-bar", "Denial rates", "percent", "nationality",
                         ("El Salvador", "Mexico", "Honduras", "Guatemala", "Haiti", "Venezuela", "Colombia"),
                         tuple(Series(f"FY{n}", values, n, 0) for n, values in enumerate(rates)), "Denial rate, percent")
    crowded_job = DrawJob(crowded, palette, (6.4, 4.0))
    assert _grid_and_values(crowded_job, looks(crowded_job)["narrow"]) == (True, 0)
    # Negative control: on the page's wide drawing the same fourteen numbers fit.
    assert _grid_and_values(crowded_job, looks(crowded_job)["page"]) == (False, 14)


def test_a_number_that_would_touch_a_no_data_mark_gives_way_to_gridlines(palette):
    # A gap's "no data" is text the numbers must clear, as much as another number is.
    from pelican.plugins.data_charts.layout import ChartTable, Series

    values = (123456, None, 123456, None, 123456, None, 10**8)
    table = ChartTable("bar", "Grants", "cases", "nationality", tuple(f"C{n}" for n in range(7)),
                       (Series("Granted", values, 0, 0),), "Granted, cases")
    job = DrawJob(table, palette, (6.4, 4.0))
    assert _grid_and_values(job, looks(job)["narrow"]) == (True, 0)
    # Negative control: on the page's wide drawing the numbers clear the marks.
    assert _grid_and_values(job, looks(job)["page"]) == (False, 7)


def drawn_text(job, suffix=".svg"):
    """The words of one drawing of `job`, in the order its SVG holds them."""
    return [text.strip() for text in re.findall(r">([^<>]*)</text>", render(job)[suffix].decode())]


@pytest.mark.parametrize("keys, marks", [
    ({"measures": "[court_granted, court_received]", "source": "paper", "missing": "show"}, 1),
    # A period with no value in any part has no stack at all, and says so.
    ({"type": "stacked-bar", "measures": "[dhs_affirmative_granted, dhs_defensive_granted]", "period": None,
      "periods": "[FY2008, FY2011, FY2012]", "source": "dhs", "missing": "show", "x": "period"}, 1),
    # Negative control: nothing missing, nothing marked.
    ({"measures": "[court_granted, court_denied]", "source": "paper"}, 0),
])
def test_a_bar_or_stack_with_no_value_says_no_data_where_it_would_stand(dataset, palette, keys, marks):
    assert drawn_text(DrawJob(chart(dataset, **keys), palette, (6.4, 4.0))).count("no data") == marks


def test_a_rate_drawn_on_bars_keeps_its_percent_sign(dataset, palette):
    table = chart(dataset, measures="court_grant_rate_pct", period="FY2008")
    assert "23%" in drawn_text(DrawJob(table, palette, (6.4, 4.0)))


def test_feed_html_swaps_the_picture_for_the_png_and_opens_the_table(drawn, tmp_path, dataset, palette):
    post = Post("posts/p.md", str(tmp_path / "p.md"), "https://x.example/2013/11/p/", "2013/11/p")
    html = fill(chart_slot(spec_text(), 3), post, dataset, palette, (6.4, 4.0)).html
    fed = feed_html(html, "https://x.example/2013/11/p/")
    assert "<picture" not in fed and ".svg" not in fed and "<details" not in fed
    (img,) = re.findall(r"<img [^>]*>", fed)
    assert 'src="https://x.example/2013/11/p/chart-1.png"' in img and 'alt="Bar chart: T.' in img
    assert 'href="https://x.example/2013/11/p/chart-1.csv"' in fed
    # Negative control: the page links its files beside itself.
    assert 'src="chart-1.png"' in html and 'href="chart-1.csv"' in html
    assert re.search(r'width="640" height="\d+"', img) and "loading" not in img
    assert "<strong>The figures in this chart</strong>" in fed and "<td>1,395</td>" in fed
    # Negative control: the page itself keeps its SVGs.
    assert html.count(".svg") == 3


def test_a_misspelt_name_is_corrected_only_to_one_that_completes_the_chart(tmp_path):
    from pelican.plugins.data_charts.dataset import load_dataset

    dataset = load_dataset(write_data(tmp_path, MORE))
    wanted = {"type": "grouped-bar", "measures": "dhs_affirmative_granted", "source": "dhs"}
    # FY2010 is the closest spelling, but Honduras has no figure then; FY2011 and FY2012 complete the chart.
    with pytest.raises(ChartError, match=r"no period 'FY2O10'; did you mean 'FY201[12]'\?"):
        select(parse_spec(spec_text(**wanted, nationality="[Mexico, Honduras]", period="FY2O10")), dataset)
    # Mexico alone has it in FY2010: then FY2010 is the suggestion (negative control).
    with pytest.raises(ChartError, match=r"no period 'FY2O10'; did you mean 'FY2010'\?"):
        select(parse_spec(spec_text(**wanted, nationality="Mexico", period="FY2O10")), dataset)
    # A nationality is suggested only if it has every figure asked for.
    with pytest.raises(ChartError) as error:
        select(parse_spec(spec_text(**wanted, nationality="Hondura", period="FY2010")), dataset)
    assert str(error.value) == "no nationality 'Hondura'"
    with pytest.raises(ChartError, match=r"did you mean 'Honduras'\?"):
        select(parse_spec(spec_text(**wanted, nationality="Hondura", period="FY2011")), dataset)


# The drawing economies (canvas.py) change no pixel and no SVG byte

def _drawn_by_matplotlib_alone(job, monkeypatch):
    """The same chart drawn on matplotlib's own canvas and saved by its own PNG writer."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from pelican.plugins.data_charts import canvas

    def matplotlib_png(figure, dpi):
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
        return buffer.getvalue()

    with monkeypatch.context() as patched:
        patched.setattr(canvas, "Canvas", FigureCanvasAgg)
        patched.setattr(canvas, "png_bytes", matplotlib_png)
        return render(job)


def test_shared_text_sizes_and_rgb_pngs_draw_what_matplotlib_alone_draws(drawn, monkeypatch):
    job, files = drawn
    alone = _drawn_by_matplotlib_alone(job, monkeypatch)
    for suffix in RENDERINGS:
        if suffix.endswith(".png"):
            ours, theirs = (Image.open(io.BytesIO(data)) for data in (files[suffix], alone[suffix]))
            assert (ours.mode, theirs.mode) == ("RGB", "RGBA")  # the opaque alpha channel is gone
            assert ours.convert("RGBA").tobytes() == theirs.tobytes(), suffix
            assert ours.info["dpi"] == pytest.approx(theirs.info["dpi"])
            assert len(files[suffix]) < len(alone[suffix])
        else:
            assert files[suffix] == alone[suffix], suffix


def test_a_shared_text_size_is_keyed_by_font_size_and_dpi(palette):
    from matplotlib.font_manager import FontProperties

    from pelican.plugins.data_charts.canvas import SharedSizeRenderer

    small, large = FontProperties(size=10), FontProperties(size=20)
    at_100 = SharedSizeRenderer(10, 10, 100)
    assert at_100.get_text_width_height_descent("Mexico", small, False) == \
        SharedSizeRenderer(10, 10, 100).get_text_width_height_descent("Mexico", small, False)
    # Negative controls: another size, another dpi or another text measures anew.
    width = at_100.get_text_width_height_descent("Mexico", small, False)[0]
    assert at_100.get_text_width_height_descent("Mexico", large, False)[0] > 1.5 * width
    assert SharedSizeRenderer(10, 10, 200).get_text_width_height_descent("Mexico", small, False)[0] > 1.5 * width
    assert at_100.get_text_width_height_descent("Mexico City", small, False)[0] > width


def test_a_text_measured_once_is_not_measured_again(monkeypatch):
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    from pelican.plugins.data_charts import canvas
    from pelican.plugins.data_charts.canvas import SharedSizeRenderer

    monkeypatch.setattr(canvas, "_sizes", {})  # whatever this process has measured before
    measured = []
    measure = RendererAgg.get_text_width_height_descent
    monkeypatch.setattr(RendererAgg, "get_text_width_height_descent",
                        lambda self, s, prop, ismath: measured.append(s) or measure(self, s, prop, ismath))
    text, font = "Guatemala, FY2013", FontProperties(size=13)
    first = SharedSizeRenderer(10, 10, 100).get_text_width_height_descent(text, font, False)
    # Another figure's renderer, as each rendering of each chart has its own.
    again = SharedSizeRenderer(10, 10, 100).get_text_width_height_descent(text, font, False)
    assert first == again and first[0] > 0
    assert measured == [text]


def test_a_transparent_png_keeps_its_alpha_channel():
    from matplotlib.figure import Figure

    from pelican.plugins.data_charts.canvas import Canvas, png_bytes

    figure = Figure(figsize=(1, 1))
    Canvas(figure)
    figure.patch.set_alpha(0)
    image = Image.open(io.BytesIO(png_bytes(figure, 50)))
    assert image.mode == "RGBA" and image.getextrema()[3][0] == 0
    figure.patch.set_alpha(1)
    assert Image.open(io.BytesIO(png_bytes(figure, 50))).mode == "RGB"
