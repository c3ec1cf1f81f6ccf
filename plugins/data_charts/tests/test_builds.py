"""Plugin tests: tiny sites built with Pelican, checked for HTML, SVG, CSV, feed, cache and errors."""

import subprocess
import sys

import feedparser
import pytest
from bs4 import BeautifulSoup

from pelican.plugins.data_charts.plugin import stats
from pelican.plugins.site_common import testing

from .conftest import OBSERVATIONS, PALETTE, ROOT, write_data

pytestmark = pytest.mark.slow
SITEURL = "https://grantrate.example"

MEXICO = """```chart
type: bar
title: Mexican outcomes
measures: [court_granted, court_denied, court_abandoned]
nationality: Mexico
period: FY2012
source: article
caption: Few cases are decided.
```"""
HONDURAS = """```chart
type: line
title: Honduran grants
measure: dhs_affirmative_granted
nationality: Honduras
periods: FY2011..FY2012
```"""


def post(body, title="Numbers"):
    return f"Title: {title}\nDate: 2013-11-20\nCategory: Court\nSummary: s\n\n{body}\n"


def build(tmp_path, posts, observations=OBSERVATIONS, strict=False, **settings):
    content = tmp_path / "content"
    for name, text in posts.items():
        (content / "posts").mkdir(parents=True, exist_ok=True)
        (content / "posts" / name).write_text(text, encoding="utf-8")
    write_data(content / "data", observations)
    result = testing.build({
        "PATH": str(content), "OUTPUT_PATH": str(tmp_path / "output"), "THEME": "simple",
        "SITEURL": SITEURL, "FEED_DOMAIN": SITEURL, "TIMEZONE": "UTC",
        "ARTICLE_PATHS": ["posts"], "ARTICLE_EXCLUDES": ["data"], "PAGE_EXCLUDES": ["data"],
        "ARTICLE_URL": "{date:%Y}/{date:%m}/{slug}/", "ARTICLE_SAVE_AS": "{date:%Y}/{date:%m}/{slug}/index.html",
        "FEED_ALL_ATOM": "feeds/all.atom.xml", "TYPOGRIFY": True,
        "PLUGINS": ["pelican.plugins.data_charts"],
        "CHARTS_DATA_PATH": "data", "CHARTS_PALETTE_PATH": str(PALETTE),
        "CHARTS_CACHE_PATH": str(tmp_path / "cache"), "CHARTS_WORKERS": 2,
        "MARKDOWN": {"extension_configs": {"markdown.extensions.extra": {}}, "output_format": "html5"},
        **settings,
    }, strict=strict)
    build.result = result
    return result.output, stats(result.state)


def test_a_post_gets_its_figure_files_and_feed_entry(tmp_path):
    body = f"The rate was {{{{ Mexico FY2012 court_grant_rate @article }}}} of \"decided\" cases.\n\n{MEXICO}"
    output, stats = build(tmp_path, {"a.md": post(body)})
    page = output / "2013" / "11" / "numbers"
    soup = BeautifulSoup((page / "index.html").read_text(), "lxml")
    figure = soup.select_one("figure.chart")
    img = figure.select_one("img")
    # The page links its chart's files beside itself, so it shows them wherever it is served.
    assert img["src"] == "chart-1.png"
    assert [s["srcset"] for s in figure.select("picture source")] == ["chart-1-narrow.svg", "chart-1.svg"]
    assert img["alt"] == "Bar chart: Mexican outcomes. Granted 126, Denied 1,395, Abandoned 138 (cases)."
    assert "Few cases are decided." in figure.figcaption.text
    assert "Source: The Asylumist (Jason Dzubow), Mexican Asylum Seekers Need Not Apply, 2013-11-13." in figure.text
    assert [td.text for td in figure.select("details td")] == ["126", "1,395", "138"]
    assert [a["href"] for a in figure.select("a[download]")] == ["chart-1.csv", "chart-1-full.svg"]
    datum = soup.select_one("a.datum")
    assert datum.text == "8.3%" and datum["href"] == "#source-article" and soup.select_one("#source-article")
    assert "\u201cdecided\u201d" in soup.text  # Typogrify still works on the prose around it
    assert (page / "chart-1.csv").read_text().splitlines()[1] == "FY2012,Mexico,court_granted,126,cases,article,,"
    assert (page / "chart-1.svg").read_text().startswith("<?xml")
    feed = feedparser.parse(output / "feeds" / "all.atom.xml")
    entry = feed.entries[0].content[0].value
    # A feed entry is read away from its page: every address in it is absolute.
    assert f'src="{SITEURL}/2013/11/numbers/chart-1.png"' in entry and "Source: The Asylumist" in entry
    assert f'href="{SITEURL}/2013/11/numbers/chart-1.csv"' in entry
    assert f'href="{SITEURL}/2013/11/numbers/#source-article"' in entry
    assert ".svg" not in entry
    assert stats == {"charts": 1, "drawn": 1, "cached": 0, "mistakes": 0}


def test_the_cache_redraws_only_what_changed(tmp_path):
    posts = {"a.md": post(MEXICO, "A"), "b.md": post(HONDURAS, "B")}
    first = build(tmp_path, posts)[1]
    svg = (tmp_path / "output" / "2013" / "11" / "a" / "chart-1.svg").read_bytes()
    second = build(tmp_path, posts)[1]
    changed = OBSERVATIONS.replace("FY2012,Honduras,dhs_affirmative_granted,138", "FY2012,Honduras,dhs_affirmative_granted,139")
    third = build(tmp_path, posts, changed)[1]
    assert (first["drawn"], first["cached"]) == (2, 0)
    assert (second["drawn"], second["cached"]) == (0, 2)
    assert (third["drawn"], third["cached"]) == (1, 1)
    assert (tmp_path / "output" / "2013" / "11" / "a" / "chart-1.svg").read_bytes() == svg


@pytest.mark.parametrize("body, message", [
    (MEXICO.replace("nationality: Mexico", "nationality: Mexcio"),
     "content/posts/bad.md:10: chart 'Mexican outcomes': no nationality 'Mexcio'; did you mean 'Mexico'?"),
    (MEXICO.replace("type: bar", "type: pie"), "content/posts/bad.md:7: chart 'Mexican outcomes': no chart type 'pie'"),
    (MEXICO.replace("source: article\n", ""), "is given by 2 sources"),
    (MEXICO.replace("court_abandoned", "dhs_affirmative_granted"), "it mixes cases (court_granted) with individuals"),
    (MEXICO.replace("period: FY2012", "period: FY2008"),
     "the data set has no court_granted for Mexico in FY2008 (it has that for FY2012)"),
    (MEXICO.replace("title: Mexican outcomes", "title: a: b"),
     "content/posts/bad.md:8: chart 'a: b': quote the title: it contains a colon, which YAML reads as a new key "
     "(write title: 'a: b')"),
    (MEXICO.replace("court_abandoned]", "court_abandoned"),
     "content/posts/bad.md:10: chart 'Mexican outcomes': a list in [ ] is not closed or holds a stray character"),
    (MEXICO.replace("type: bar", "type bar"),
     "content/posts/bad.md:7: chart 'Mexican outcomes': 'type bar' is not a 'key: value' line"),
    (MEXICO.replace("type: bar", "type: bar\nid: outcomes") + "\n\n" + MEXICO.replace("type: bar", "type: bar\nid: outcomes"),
     "content/posts/bad.md:19: chart 'Mexican outcomes': chart id 'outcomes' is already used by the chart on line 6; "
     "give each chart its own id"),
    ("Rate {{ Mexico FY2012 court_grant_rat @article }}.", "content/posts/bad.md:6: figure {{ Mexico FY2012 court_grant_rat @article }}: no measure"),
    ("Rate {{ Mexico FY2012 court_granted }}.",
     "content/posts/bad.md:6: figure {{ Mexico FY2012 court_granted }}: Mexico court_granted FY2012 is given by 2 "
     "sources: article (126), paper (126); add @id naming the one to use"),
])
def test_mistakes_stop_a_strict_build_naming_the_file_and_line(tmp_path, body, message):
    build(tmp_path, {"bad.md": post(body)}, strict=True)
    result = build.result
    assert result.stopped
    assert [line for line in result.printed if message in line], result.printed
    assert result.printed[-1] == "1 mistake in 1 file; nothing was published"


def test_each_copy_of_a_wrong_figure_is_reported_at_its_own_line(tmp_path):
    body = "One {{ Mexico FY2012 court_grant_rat }}.\n\nTwo {{ Mexico FY2012 court_grant_rat }}."
    build(tmp_path, {"bad.md": post(body)}, strict=True)
    lines = [line.split(": figure")[0] for line in build.result.printed if "figure" in line]
    assert lines == ["content/posts/bad.md:6", "content/posts/bad.md:8"]


def test_a_bad_data_row_is_reported_at_its_line_and_nothing_is_drawn(tmp_path):
    rows = OBSERVATIONS.replace("FY2012,Honduras,dhs_affirmative_granted,138", "FY2012,Honduras,dhs_affirmative_granted,1x8")
    output, stats = build(tmp_path, {"a.md": post(MEXICO)}, observations=rows)
    assert build.result.printed[0] == (
        "content/data/observations.csv:12: dhs_affirmative_granted is a count, so its value "
        "must be a whole number; found '1x8'")
    html = (output / "2013" / "11" / "numbers" / "index.html").read_text()
    assert "the data set has mistakes" in html and stats["charts"] == 0


def test_a_lenient_build_shows_the_mistake_in_the_post(tmp_path):
    output, stats = build(tmp_path, {"bad.md": post(MEXICO.replace("Mexico", "Mexcio"))})
    html = (output / "2013" / "11" / "numbers" / "index.html").read_text()
    assert "chart-error" in html and "did you mean" in html and stats["mistakes"] == 1


def test_the_command_line_stops_without_a_traceback(tmp_path):
    content = tmp_path / "content"
    (content / "posts").mkdir(parents=True)
    (content / "posts" / "bad.md").write_text(post(MEXICO.replace("Mexico", "Mexcio")))
    data = write_data(tmp_path / "data")
    command = [sys.executable, "-m", "pelican", str(content), "-o", str(tmp_path / "out"),
               "-s", str(ROOT / "pelicanconf.py"), "--fatal", "warnings",
               "-e", f'CHARTS_DATA_PATH="{data}"', f'CHARTS_CACHE_PATH="{tmp_path / "cache"}"']
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env={"COLUMNS": "80", "PATH": ""})
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1
    assert "no nationality 'Mexcio'; did you mean 'Mexico'?" in output
    assert "Traceback" not in output and "Error" not in output
    assert output.splitlines()[-1] == "1 mistake in 1 file; nothing was published"


GAPPY = """```chart
type: bar
title: Grants in court
measure: court_granted
nationalities: [Mexico, Honduras, Guatemala]
period: FY2012
source: article
```"""


def test_a_chart_asking_for_missing_figures_stops_the_strict_build(tmp_path):
    build(tmp_path, {"gaps.md": post(GAPPY)},
          OBSERVATIONS + "FY2011,Guatemala,dhs_affirmative_granted,10,dhs\n", strict=True)
    assert build.result.stopped
    (message,) = [line for line in build.result.printed if "posts/gaps.md:" in line]
    # The chart names its source: what other sources give is no help to it.
    assert "court_granted for Honduras in FY2012 (it has nothing from article for Honduras in FY2012)" in message
    assert "court_granted for Guatemala in FY2012 (it has nothing from article for Guatemala in FY2012)" in message
    assert "Mexico in FY2012" not in message  # that one exists


def test_missing_show_builds_and_states_the_gaps_everywhere(tmp_path):
    body = GAPPY.replace("source: article", "source: article\nmissing: show")
    output, stats = build(tmp_path, {"gaps.md": post(body)},
                          OBSERVATIONS + "FY2011,Guatemala,dhs_affirmative_granted,10,dhs\n")
    assert stats["mistakes"] == 0
    page = output / "2013" / "11" / "numbers"
    figure = BeautifulSoup((page / "index.html").read_text(), "lxml").select_one("figure.chart")
    note = "Not in the data set, so not drawn: Granted, Honduras, FY2012; Granted, Guatemala, FY2012."
    assert figure.select_one(".chart-gaps").text == note
    assert figure.select_one("img")["alt"].endswith(note)
    assert [td.text for td in figure.select("details td")] == ["126", "no data", "no data"]
    rows = (page / "chart-1.csv").read_text().splitlines()
    assert rows[-2:] == ["FY2012,Honduras,court_granted,,cases,,,not in the data set",
                         "FY2012,Guatemala,court_granted,,cases,,,not in the data set"]
    # Each drawing marks the two gaps where their bars would stand.
    for name in ("chart-1.svg", "chart-1-narrow.svg", "chart-1-full.svg"):
        assert (page / name).read_text().count(">no data</text>") == 2, name
    assert "Not in the data set, so not drawn" in (page / "chart-1-full.svg").read_text()


def test_every_rendering_and_the_site_card_are_written(tmp_path):
    output, _ = build(tmp_path, {"a.md": post(MEXICO)})
    page = output / "2013" / "11" / "numbers"
    names = {p.name for p in page.iterdir()}
    assert {"chart-1.svg", "chart-1-narrow.svg", "chart-1.png", "chart-1-full.svg", "chart-1-card.png",
            "chart-1.csv"} <= names
    assert (output / "site-card.png").read_bytes().startswith(b"\x89PNG")


def test_a_palette_change_redraws_every_chart_in_the_new_colour(tmp_path):
    posts = {"a.md": post(MEXICO, "A"), "b.md": post(HONDURAS, "B")}
    svg = tmp_path / "output" / "2013" / "11" / "a" / "chart-1.svg"
    build(tmp_path, posts)
    assert "#1f5f8b" in svg.read_text(encoding="utf-8")
    recoloured = tmp_path / "palette.css"
    recoloured.write_text(PALETTE.read_text(encoding="utf-8").replace("#1f5f8b", "#0a7a50"),
                          encoding="utf-8")
    stats = build(tmp_path, posts, CHARTS_PALETTE_PATH=str(recoloured))[1]
    assert (stats["drawn"], stats["cached"]) == (2, 0)
    assert "#0a7a50" in svg.read_text(encoding="utf-8")
    assert "#1f5f8b" not in svg.read_text(encoding="utf-8")
