"""The chart cache's key and files, the palette file's rules, and each chart type's shape rules and messages."""

import dataclasses

import pytest

from pelican.plugins.data_charts.cache import ChartCache, cache_key
from pelican.plugins.data_charts.chart_types import CHART_TYPES
from pelican.plugins.data_charts.draw import RENDERINGS, STYLE_FILE, DrawJob
from pelican.plugins.data_charts.errors import ChartError
from pelican.plugins.data_charts.palette import parse_palette, read_palette

from .test_units import chart


@pytest.fixture
def job(dataset, palette):
    return DrawJob(chart(dataset), palette, (6.4, 4.0), subtitle="S", source_line="Source: A.", short_source="A.")


# The cache key: everything that shapes a drawing, and nothing else


@pytest.mark.parametrize("change", [
    {"size": (6.4, 4.1)}, {"subtitle": "S2"}, {"source_line": "Source: B."}, {"short_source": "B."},
])
def test_the_key_changes_with_what_is_drawn(job, change):
    assert cache_key(dataclasses.replace(job, **change)) != cache_key(job)


def test_the_key_changes_with_the_table_and_the_colours(job, dataset):
    assert cache_key(dataclasses.replace(job, table=chart(dataset, title="U"))) != cache_key(job)
    light = tuple((role, "#000001" if role == "1" else colour) for role, colour in job.palette.light)
    assert cache_key(dataclasses.replace(job, palette=dataclasses.replace(job.palette, light=light))) != cache_key(job)


def test_the_key_follows_the_style_files_text_not_its_place(job, tmp_path):
    same = tmp_path / "same.mplstyle"
    same.write_text(STYLE_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    assert cache_key(dataclasses.replace(job, style=str(same))) == cache_key(job)
    other = tmp_path / "other.mplstyle"
    other.write_text(STYLE_FILE.read_text(encoding="utf-8") + "\nfont.size: 12\n", encoding="utf-8")
    assert cache_key(dataclasses.replace(job, style=str(other))) != cache_key(job)


def test_the_key_is_a_sha256_hex_digest_stable_within_a_run(job):
    key = cache_key(job)
    assert len(key) == 64 and set(key) <= set("0123456789abcdef")
    assert cache_key(dataclasses.replace(job)) == key


# The cache's files


def test_an_entry_is_every_rendering_or_nothing(tmp_path):
    cache = ChartCache(tmp_path / "deep" / "charts")
    files = {suffix: f"drawing {suffix}".encode() for suffix in RENDERINGS}
    assert cache.get("k") is None
    cache.put("k", files)
    assert cache.get("k") == files
    assert sorted(path.name for path in (tmp_path / "deep" / "charts").iterdir()) == sorted(f"k{s}" for s in RENDERINGS)
    (tmp_path / "deep" / "charts" / "k-card.png").unlink()
    assert cache.get("k") is None
    assert cache.get("k", suffixes=(".svg",)) == {".svg": b"drawing .svg"}


def test_a_rewritten_entry_replaces_the_old_bytes(tmp_path):
    cache = ChartCache(tmp_path)
    cache.put("k", {".svg": b"old"})
    cache.put("k", {".svg": b"new"})
    assert cache.get("k", suffixes=(".svg",)) == {".svg": b"new"}
    assert [path.name for path in tmp_path.iterdir()] == ["k.svg"]


# The palette file


LIGHT = ("--chart-fg:#101010;--chart-bg:#fafafa;--chart-grid:#cccccc;--chart-1:#111111;--chart-2:#222222;"
         "--chart-3:#333333;--chart-4:#444444;--chart-5:#555555;--chart-6:#666666;")
DARK = ("--chart-fg:#efefef;--chart-bg:#0a0a0a;--chart-grid:#333333;--chart-1:#999999;--chart-2:#aaaaaa;"
        "--chart-3:#bbbbbb;--chart-4:#cccccc;--chart-5:#dddddd;--chart-6:#eeeeee;")
FONT = '--chart-font: "Fira Sans",\n  sans-serif;'


def palette_css(light=LIGHT, dark=DARK, font=FONT):
    return f":root{{{light}{font}}}\n@media screen and (prefers-color-scheme: dark) {{:root{{{dark}}}}}"


def test_a_palette_reads_light_and_dark_colours_and_the_font():
    palette = parse_palette(palette_css())
    assert palette.colour("1") == "#111111" and palette.colour("1", "dark") == "#999999"
    assert palette.colour("bg") == "#fafafa" and palette.colour("bg", "dark") == "#0a0a0a"
    assert palette.series == ["#111111", "#222222", "#333333", "#444444", "#555555", "#666666"]
    assert palette.font == '"Fira Sans", sans-serif'
    assert [role for role, _ in palette.light] == ["fg", "bg", "grid", "1", "2", "3", "4", "5", "6"]


def test_comments_upper_case_and_spacing_are_read_as_the_theme_writes_them():
    css = palette_css(light="/* --chart-1: #ff0000; */" + LIGHT.replace("#111111", " #ABCDEF ").replace(":", " : "))
    assert parse_palette(css).colour("1") == "#abcdef"


@pytest.mark.parametrize("css, message", [
    (palette_css().split("@media")[0], "x.css has no '@media (prefers-color-scheme: dark)' block"),
    (palette_css(light=LIGHT.replace("--chart-grid:#cccccc;", "")), "x.css (light) does not define --chart-grid"),
    (palette_css(dark=DARK.replace("--chart-6:#eeeeee;", "")),
     "x.css (dark) does not define --chart-6"),
    (palette_css(light=LIGHT.replace("#222222", "red")), "x.css (light): --chart-2 must be a six-digit hex colour; found 'red'"),
    (palette_css(light=LIGHT.replace("#222222", "#2222")), "found '#2222'"),
    (palette_css(light=LIGHT.replace("#222222", "#111111")), "x.css: the light --chart-* colours must all differ"),
    (palette_css(font=""), "x.css does not define --chart-font, the font stack of chart text"),
    # A font named only in the dark block does not count.
    (palette_css(font="", dark=DARK + FONT), "does not define --chart-font"),
])
def test_a_broken_palette_is_named_with_what_is_wrong(css, message):
    with pytest.raises(ChartError) as error:
        parse_palette(css, "x.css")
    assert message in str(error.value)


def test_a_missing_palette_file_is_one_sentence(tmp_path):
    with pytest.raises(ChartError, match=r"^cannot read the palette .*nope\.css: No such file or directory$"):
        read_palette(tmp_path / "nope.css")


# Chart types: what each refuses, in words


def test_the_default_axis_is_the_first_varying_dimension_or_periods_for_lines():
    assert CHART_TYPES["bar"].default_x(["nationality", "period"]) == "nationality"
    assert CHART_TYPES["bar"].default_x([]) == "measure"
    assert CHART_TYPES["stacked-bar"].default_x([]) == "measure"
    assert CHART_TYPES["line"].default_x(["nationality"]) == "period"
    assert [name for name, kind in CHART_TYPES.items() if kind.continuous] == ["line"]


@pytest.mark.parametrize("name, x, others, unit, message", [
    ("bar", "period", ["nationality", "measure"], "cases",
     "a bar chart varies one thing along its axis (period); this one also varies nationality and measure: "
     "use grouped-bar or stacked-bar"),
    ("grouped-bar", "period", ["nationality", "measure"], "cases",
     "a grouped-bar chart shows period along its axis and one thing in colour; this one also varies "
     "nationality and measure"),
    ("stacked-bar", "period", ["nationality", "measure"], "cases",
     "a stacked-bar chart shows period along its axis and one thing in colour; this one also varies "
     "nationality and measure"),
    ("stacked-bar", "period", ["nationality"], "percent",
     "a stacked-bar chart adds its values, and percentages do not add up; use grouped-bar"),
    ("stacked-bar", "source", ["nationality"], "cases",
     "a stacked-bar chart would add the same figure from several sources; use grouped-bar to compare sources"),
    ("stacked-bar", "period", ["source"], "cases",
     "a stacked-bar chart would add the same figure from several sources; use grouped-bar to compare sources"),
    ("line", "period", ["nationality", "measure", "source"], "cases",
     "a line chart shows periods along its axis, one thing in colour and one in dashes; this one varies "
     "nationality and measure and source"),
])
def test_each_type_refuses_a_shape_it_cannot_show(name, x, others, unit, message):
    with pytest.raises(ChartError) as error:
        CHART_TYPES[name].check_shape(x, others, unit)
    assert str(error.value) == message


@pytest.mark.parametrize("name, x, others, unit", [
    ("bar", "period", [], "percent"),
    ("grouped-bar", "period", ["nationality"], "percent"),
    ("stacked-bar", "period", ["nationality"], "cases"),
    ("line", "period", ["nationality", "measure"], "percent"),
])
def test_each_type_accepts_the_shapes_it_shows(name, x, others, unit):
    assert CHART_TYPES[name].check_shape(x, others, unit) is None


def test_a_chart_of_published_percentages_has_a_key_too(dataset, palette):
    # Published percentages are Decimals, which JSON writes through str().
    table = chart(dataset, measures="court_grant_rate_pct", period="FY2008")
    key = cache_key(DrawJob(table, palette, (6.4, 4.0)))
    other = chart(dataset, measures="court_grant_rate_pct", period="FY2008", title="U")
    assert key != cache_key(DrawJob(other, palette, (6.4, 4.0)))


def test_a_drawer_of_one_process_draws_what_it_was_handed(job):
    from pelican.plugins.data_charts.draw import Drawer, render

    drawer = Drawer(workers=1)
    drawer.submit("a", job)
    assert "a" in drawer and "b" not in drawer
    assert drawer.results() == {"a": render(job)}
    assert drawer.pool is None


def test_a_comment_anywhere_in_the_palette_is_ignored():
    commented = LIGHT.replace("--chart-1:#111111;", "--chart-1:/* the brand blue */#111111;")
    css = palette_css(light=commented + "/* retired:\n  --chart-1: #ff0000;\n*/")
    assert parse_palette(css).colour("1") == "#111111"


def test_a_palette_mistake_names_the_file_it_is_in(tmp_path):
    with pytest.raises(ChartError, match=r"^palette\.css has no '@media"):
        parse_palette(palette_css().split("@media")[0])
    path = tmp_path / "theme.css"
    path.write_text(palette_css().split("@media")[0], encoding="utf-8")
    with pytest.raises(ChartError) as error:
        read_palette(path)
    assert str(error.value) == f"{path} has no '@media (prefers-color-scheme: dark)' block"
