"""What a post's filling asks of the data set, and the promise the preview keeps posts by.

The promise: two data sets that answer a post's questions the same fill the
post the same. It is checked on every sample post against data sets changed
the ways an author changes them: a value, a row taken away, a year added, a
source retitled.
"""

import csv
import io

import markdown
import pytest

from pelican.plugins.data_charts.asking import Answers, Asking
from pelican.plugins.data_charts.dataset import load_dataset
from pelican.plugins.data_charts.errors import ChartError
from pelican.plugins.data_charts.markdown_ext import ChartsExtension
from pelican.plugins.data_charts.placeholders import Post, fill, fill_summary, make_chart

from .conftest import ROOT, SOURCES, write_data
from .test_units import post_at, spec_text

SIZE = (6.4, 4.0)


def _posts():
    """(Post, body HTML, summary HTML or None) of each sample post with charts or figures."""
    found = []
    for path in sorted((ROOT / "content").glob("*/*.md")):
        converter = markdown.Markdown(extensions=[ChartsExtension(), "fenced_code", "meta", "tables", "footnotes"])
        body = converter.convert(path.read_text(encoding="utf-8"))
        summary = " ".join(converter.Meta.get("summary", [])) or None
        if "data-chart" in body or "data-figure" in body or "{{" in path.read_text(encoding="utf-8"):
            post = Post(f"posts/{path.name}", str(path), f"https://example.org/{path.stem}/", path.stem)
            found.append((post, body, summary and markdown.Markdown(extensions=[ChartsExtension()]).convert(summary)))
    return found


POSTS = _posts()


def _filled(post, body, summary, dataset, palette):
    """Everything the filling gives that a page, feed or chart is made of, and the questions it asked."""
    asking = Asking(dataset)
    summary_sources, filled_summary = [], None
    if summary:
        filled_summary, summary_sources = fill_summary(summary, post, asking)
    filled = fill(body, post, asking, palette, SIZE, summary_sources)
    made = (filled_summary and (filled_summary.html, filled_summary.errors), summary_sources,
            filled.html, filled.errors, [(chart.job, chart.csv, chart.card) for chart in filled.charts])
    return made, frozenset(asking.questions)


def _rows(directory):
    text = (directory / "observations.csv").read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text)))


def _write(directory, rows, sources=None):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    write_data(directory, out.getvalue(), sources or (ROOT / "content" / "data" / "asylum-statistics" /
                                                      "sources.csv").read_text(encoding="utf-8"))
    for name in ("sums.csv", "README.md"):
        original = ROOT / "content" / "data" / "asylum-statistics" / name
        if original.exists():
            (directory / name).write_text(original.read_text(encoding="utf-8"), encoding="utf-8")
    return load_dataset(directory)


def _variants(tmp_path):
    """(what changed, data set) for changes an author makes to the real data set."""
    original = ROOT / "content" / "data" / "asylum-statistics"
    header, *rows = _rows(original)
    counts = [i for i, row in enumerate(rows) if row[3].isdigit()]
    variants = []
    # Values changed, spread over the file; and the rows the sample posts show most.
    for index in counts[::len(counts) // 12] + [i for i, row in enumerate(rows)
                                                 if row[:3] == ["FY2014", "Honduras", "dhs_affirmative_granted"]]:
        changed = [*rows[index][:3], str(int(rows[index][3]) + 7), rows[index][4]]
        variants.append((f"value of {rows[index][:3]}", [header, *rows[:index], changed, *rows[index + 1:]]))
    for index in counts[5::len(counts) // 4]:
        variants.append((f"row {rows[index][:3]} taken away", [header, *rows[:index], *rows[index + 1:]]))
    honduras = next(row for row in rows if row[1] == "Honduras" and row[3].isdigit())
    variants.append(("a year added", [header, *rows, ["FY2031", "Honduras", honduras[2], "7919", honduras[4]]]))
    made = [(what, _write(tmp_path / f"v{number}", table)) for number, (what, table) in enumerate(variants)]
    sources = list(csv.reader(io.StringIO((original / "sources.csv").read_text(encoding="utf-8"))))
    for number, source in enumerate(sources[1:3]):
        retitled = [row if row is not source else [*row[:2], row[2] + " (revised)", *row[3:]] for row in sources]
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(retitled)
        made.append((f"source {source[0]} retitled", _write(tmp_path / f"s{number}", [header, *rows], out.getvalue())))
    return made


def test_a_data_set_answering_a_posts_questions_the_same_fills_it_the_same(tmp_path, palette):
    dataset = load_dataset(ROOT / "content" / "data" / "asylum-statistics")
    before = {post.source_path: _filled(post, body, summary, dataset, palette) for post, body, summary in POSTS}
    answers = Answers(dataset)
    kept = read_again = 0
    for what, changed in _variants(tmp_path):
        now = Answers(changed)
        for post, body, summary in POSTS:
            made, questions = before[post.source_path]
            again, _ = _filled(post, body, summary, changed, palette)
            if now(questions) == answers(questions):
                assert again == made, f"{post.source_path}, after {what}: same answers, another filling"
                kept += 1
            else:
                read_again += 1
    # Not vacuous: most changes leave most posts alone, and some do not.
    assert kept > 3 * read_again > 0, (kept, read_again)


def test_each_read_is_a_question(dataset):
    asking = Asking(dataset)
    asking.lookup("FY2012", "Mexico", "court_granted")
    assert "FY2012" in asking.periods and "Atlantis" not in asking.nationalities
    assert asking.sources["dhs"].publisher.startswith("U.S.") and "nobody" not in asking.sources
    assert asking.questions == {("cell", "FY2012", "Mexico", "court_granted"), ("has", "periods", "FY2012"),
                                ("has", "nationalities", "Atlantis"), ("source", "dhs"), ("has", "sources", "nobody")}
    read = sorted(asking.periods), len(asking.nationalities), list(asking.sources)
    read += asking.disagreements, asking.observations
    assert {("periods",), ("nationalities",), ("sources",), ("disagreements",), ("everything",)} <= asking.questions


CHARTS = {
    "drawn": {},
    "an unknown nationality": {"nationality": "Mexic"},
    "an unknown source": {"source": "articel"},
    "an unknown period": {"period": "FY2013"},
    "a missing figure": {"nationality": "Honduras"},
    "gaps shown": {"type": "line", "measures": "dhs_defensive_granted", "nationality": None,
                   "nationalities": "[Mexico, Honduras]", "period": None, "periods": "FY2011..FY2012",
                   "source": "dhs", "missing": "show"},
}


@pytest.mark.parametrize("keys", CHARTS.values(), ids=CHARTS)
def test_asking_reads_as_the_data_set_does_on_every_path(tmp_path, dataset, palette, keys):
    # The error messages too: their suggestions go through the whole lists.
    def made(data):
        try:
            return make_chart(spec_text(**keys), 1, post_at(tmp_path), data, palette, SIZE).job
        except ChartError as error:
            return str(error)

    asking = Asking(dataset)
    assert made(asking) == made(dataset)
    assert asking.questions


def test_whole_lists_are_answered_whole(tmp_path, dataset):
    text = (write_data(tmp_path / "a") / "observations.csv").read_text(encoding="utf-8")
    grown = load_dataset(write_data(tmp_path / "b", text + "FY2031,Chad,dhs_affirmative_granted,3,dhs\n"))
    for questions, same in (({("periods",)}, False), ({("nationalities",)}, False),
                            ({("has", "periods", "FY2012")}, True), ({("has", "nationalities", "Chad")}, False)):
        assert (Answers(grown)(questions) == Answers(dataset)(questions)) is same, questions


def test_what_asking_does_not_know_is_refused(dataset):
    # A new way of reading the data set must become a question first.
    with pytest.raises(AttributeError):
        _ = Asking(dataset).cells


def test_answers_change_with_the_rows_asked_about_only(tmp_path, dataset):
    text = (write_data(tmp_path / "a") / "observations.csv").read_text(encoding="utf-8")
    changed = load_dataset(write_data(tmp_path / "b", text.replace("FY2011,Honduras,dhs_affirmative_granted,40",
                                                                    "FY2011,Honduras,dhs_affirmative_granted,41")))
    honduras = {("cell", "FY2011", "Honduras", "dhs_affirmative_granted")}
    mexico = {("cell", "FY2012", "Mexico", "court_granted"), ("has", "periods", "FY2011"), ("sources",)}
    assert Answers(changed)(honduras) != Answers(dataset)(honduras)
    assert Answers(changed)(mexico) == Answers(dataset)(mexico)
    assert Answers(changed)(mexico | {("everything",)}) != Answers(dataset)(mexico | {("everything",)})
    retitled = load_dataset(write_data(tmp_path / "c", text, SOURCES.replace("Yearbook tables", "Yearbook tables (revised)")))
    for questions, same in (({("source", "dhs")}, False), ({("sources",)}, False), ({("source", "paper")}, True),
                            ({("has", "sources", "dhs")}, True)):
        assert (Answers(retitled)(questions) == Answers(dataset)(questions)) is same, questions
    with pytest.raises(ValueError, match="no such question"):
        Answers(dataset)({("colour",)})
