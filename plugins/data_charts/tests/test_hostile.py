"""Author-side traps and broken data files: each is one sentence, never a traceback or a silent loss."""

import re
import tracemalloc

import pytest

from pelican.plugins.data_charts.dataset import load_dataset
from pelican.plugins.data_charts.draw import DrawJob, render
from pelican.plugins.data_charts.errors import ChartError
from pelican.plugins.data_charts.markdown_ext import chart_slot
from pelican.plugins.data_charts.placeholders import fill
from pelican.plugins.data_charts.spec import parse_spec

from .conftest import OBSERVATIONS, SOURCES, write_data
from .test_units import chart, post_at, spec_text

ALIAS_BOMB = spec_text() + """
labels:
  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]
  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
  e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
  f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
  g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
"""


def refusal(text):
    with pytest.raises(ChartError) as error:
        parse_spec(text)
    return str(error.value)


def test_an_alias_bomb_is_refused_before_it_grows():
    tracemalloc.start()
    message = refusal(ALIAS_BOMB)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "anchor or alias" in message
    assert peak < 5_000_000  # bytes: the block itself, not a billion strings


@pytest.mark.parametrize("depth", [5, 5000])
def test_deep_nesting_is_refused_with_a_reason(depth):
    text = spec_text(title="[" * depth + "]" * depth) if depth < 4000 else \
        spec_text() + "\nlabels: " + "[" * 4000 + "]" * 4000
    # libyaml itself stops at a thousand levels, with its own reason.
    assert re.search(r"nests lists or mappings more than|exceeded maximum nesting depth", refusal(text))


def test_an_oversize_block_is_refused():
    assert "characters long" in refusal(spec_text(caption="x" * 20_000))


@pytest.mark.parametrize("keys, message", [
    ({"labels": "{court_granted: {nested: map}}"}, "found a mapping"),
    ({"labels": "{court_granted: !!binary aGVsbG8=}"}, "found binary data"),
    ({"labels": "{court_granted: [a, b]}"}, "found a list"),
    ({"labels": "{court_granted: yes}"}, "quote it"),
    ({"title": "!!binary aGVsbG8="}, "'title' takes a single value; found binary data"),
    ({"caption": "{a: b}"}, "'caption' takes a single value; found a mapping"),
    ({"nationality": "[Mexico, {a: b}]"}, "found a mapping"),
    ({"period": "[FY2012, null]"}, "it is empty"),
])
def test_every_key_is_type_checked(keys, message):
    assert message in refusal(spec_text(**keys))


def test_a_repeated_key_is_refused_not_silently_replaced():
    assert refusal(spec_text() + "\ntitle: Second") == "'title' is given twice (lines 2 and 7 of the block); keep one"
    assert "given twice" in refusal(spec_text(labels="{court_granted: A, court_granted: B}"))


@pytest.mark.parametrize("chart_id", ["data-sources", "comments", "comments-title",
                                      "comment-form-title", "main", "comment-maria", "source-dhs"])
def test_chart_ids_the_page_uses_are_refused(chart_id):
    assert f"the id '{chart_id}' is one the page uses itself" in refusal(spec_text(id=chart_id))


def test_chart_text_is_drawn_literally(dataset, palette):
    table = chart(dataset, labels="{court_granted: '$a_b_c$ granted', court_denied: '$5 to $10'}")
    files = render(DrawJob(table, palette, (6.4, 4.0), subtitle="From $5 to $10."))
    svg = files[".svg"].decode()
    assert ">$a_b_c$<" in svg and ">$5 to $10<" in svg  # tick labels wrap after the first word
    assert ">From $5 to $10.<" in files["-full.svg"].decode()  # the stand-alone picture's subtitle too


def test_any_failure_in_a_chart_is_one_sentence_naming_the_post(tmp_path, dataset, palette, monkeypatch):
    from pelican.plugins.data_charts import placeholders

    def broken(*args):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(placeholders, "parse_spec", broken)
    filled = fill(chart_slot(spec_text(), 7), post_at(tmp_path), dataset, palette, (6.4, 4.0))
    assert filled.errors == [(7, "chart 1: not read, because it is nested too deeply "
                                 "to read; flatten the nesting")]


def test_a_figure_inside_link_text_is_not_a_second_link(tmp_path, dataset, palette):
    html = '<p><a href="https://x.example/">the rate <span data-figure="Mexico FY2012 court_grant_rate @article"></span></a></p>'
    filled = fill(html, post_at(tmp_path), dataset, palette, (6.4, 4.0))
    assert filled.errors == []
    assert filled.html.count("<a ") == 1 and '<span class="datum"' in filled.html


def test_a_figure_in_alt_text_is_reported(tmp_path, dataset, palette):
    markdown = "Title: p\n\n![A chart of {{ Mexico FY2012 court_grant_rate @article }}](a.png)\n"
    html = '<p><img alt="A chart of {{ Mexico FY2012 court_grant_rate @article }}" src="a.png" /></p>'
    filled = fill(html, post_at(tmp_path, markdown), dataset, palette, (6.4, 4.0))
    assert filled.errors == [(
        3, "figure {{ Mexico FY2012 court_grant_rate @article }} is in an image's alt text, "
        "where it cannot be filled in; write the number in the alt text, or put the figure in the caption")]


# Data files

def data_error(tmp_path, observations=None, sources=SOURCES, raw=None):
    write_data(tmp_path, observations or OBSERVATIONS, sources)
    if raw is not None:
        (tmp_path / "observations.csv").write_bytes(raw)
    with pytest.raises(ChartError) as error:
        load_dataset(tmp_path)
    return str(error.value)


def test_a_latin1_file_is_named_with_its_line(tmp_path):
    raw = (OBSERVATIONS + "FY2012,México,court_granted,5,article\n").encode("latin-1")
    message = data_error(tmp_path, raw=raw)
    assert re.fullmatch(r".*observations\.csv:16: the file is not UTF-8 text \(byte 0xe9\); "
                        r"save it as UTF-8 \(in a spreadsheet: CSV UTF-8\)", message)


def test_a_byte_order_mark_is_not_part_of_the_first_column(tmp_path):
    write_data(tmp_path, "\ufeff" + OBSERVATIONS, "\ufeff" + SOURCES)
    assert len(load_dataset(tmp_path).observations) == OBSERVATIONS.count("\n") - 1


def test_a_huge_field_is_reported(tmp_path):
    message = data_error(tmp_path, OBSERVATIONS + "FY2012,Mexico,court_granted,5,article," + "x" * 200_000 + "\n")
    assert "observations.csv" in message and ("field" in message)


def test_an_unclosed_quote_is_reported(tmp_path):
    message = data_error(tmp_path, OBSERVATIONS + 'FY2012,"Mexico,court_granted,5,article\n' + "x" * 200_000 + "\n")
    assert "observations.csv" in message and "unclosed quote" in message


def test_a_five_thousand_digit_number_is_reported(tmp_path):
    message = data_error(tmp_path, OBSERVATIONS + "FY2013,Mexico,court_granted," + "9" * 5000 + ",article\n")
    assert "court_granted is a count; the value has 5000 digits" in message
    message = data_error(tmp_path, OBSERVATIONS + "FY2013,Mexico,court_grant_rate_pct,1" + "0" * 5000 + ",article\n")
    assert "at most 20 characters" in message


# A relaxed build keeps the post, with each hostile chart replaced by its reason.

def test_a_relaxed_build_keeps_a_post_whose_chart_blocks_are_hostile(tmp_path):
    from .test_builds import build, post

    nested = spec_text() + "\nlabels: " + "[" * 2000 + "]" * 2000
    body = "\n\n".join(f"```chart\n{block}\n```" for block in (ALIAS_BOMB, nested, spec_text(id="comments")))
    output, stats = build(tmp_path, {"hostile.md": post("Beforehand.\n\n" + body + "\n\nAfterwards.")})
    html = (output / "2013" / "11" / "numbers" / "index.html").read_text(encoding="utf-8")
    assert "Beforehand." in html and "Afterwards." in html
    assert html.count('class="chart-error"') == 3 and stats["mistakes"] == 3
    assert "anchor or alias" in html and "nesting depth" in html and "one the page uses itself" in html
