"""The Markdown syntax through Python-Markdown itself: chart blocks, inline figures, allow markers, code and images."""

import markdown
import pytest

from pelican.plugins.data_charts.markdown_ext import (
    CHART_SLOT,
    ChartsExtension,
    decode_chart_slot,
    replace_chart_blocks,
)

POST = """Title: x

Intro {{ Mexico FY2012 court_granted }} and `{{ literal }}`. <!-- allow 1,395: quoted -->

~~~~chart
type: bar
~~~~

![A {{ Mexico FY2012 court_granted }} picture](a.png)

```python
{{ code }}
```

Unclosed:

```chart
type: line
"""


def convert(text):
    return markdown.Markdown(extensions=[ChartsExtension(), "fenced_code", "meta"]).convert(text)


def test_a_post_becomes_placeholders_code_and_an_image_left_as_written():
    assert convert(POST) == (
        '<p>Intro <span data-figure="Mexico FY2012 court_granted"></span> and <code>{{ literal }}</code>.</p>\n'
        '<div data-chart="dHlwZTogYmFy" data-line="5"></div>\n\n'
        '<p><img alt="A {{ Mexico FY2012 court_granted }} picture" src="a.png" /></p>\n'
        '<pre><code class="language-python">{{ code }}\n</code></pre>\n'
        "<p>Unclosed:</p>\n"
        '<div data-chart="" data-line="17"></div>')


def test_an_allow_marker_never_reaches_readers_and_other_comments_do():
    html = convert("A 1,395. <!--  allow 1,395: quoted --> B <!-- a note -->\n\n<!--allow 7: x-->")
    assert "allow" not in html and "<!-- a note -->" in html and "A 1,395. B" in html


def test_a_figure_after_an_image_on_its_line_is_filled():
    html = convert("![a chart](a.png) and {{ Mexico FY2012 court_granted }}")
    assert '<span data-figure="Mexico FY2012 court_granted"></span>' in html


@pytest.mark.parametrize("opening, closing, closed", [
    ("```chart", "```", True), ("````chart", "````", True), ("```` chart ", "`````", True),
    ("~~~chart", "~~~", True), ("```chart", "~~~", False), ("````chart", "```", False),
])
def test_a_chart_block_closes_with_a_fence_of_its_kind_at_least_as_long(opening, closing, closed):
    lines = ["Intro", opening, "type: bar", closing, "after"]
    out = list(replace_chart_blocks(lines))
    (slot,) = [line for line in out if CHART_SLOT.fullmatch(line)]
    text, line = decode_chart_slot(CHART_SLOT.fullmatch(slot))
    assert line == 2
    if closed:
        assert text == "type: bar" and out == ["Intro", "", slot, "", "after"]
    else:
        # Never closed: an empty block, which the build reports, and nothing after it is read as prose.
        assert text == "" and out == ["Intro", "", slot, ""]


def test_a_chart_block_keeps_text_that_needs_more_than_ascii():
    out = list(replace_chart_blocks(["```chart", "title: Côte d'Ivoire — año", "```"]))
    assert decode_chart_slot(CHART_SLOT.fullmatch(out[1])) == ("title: Côte d'Ivoire — año", 1)


def test_a_fence_that_is_not_a_chart_is_left_alone():
    lines = ["```charts", "x", "```", "``` chart", "y", "```"]
    out = list(replace_chart_blocks(lines))
    assert out[:3] == lines[:3] and CHART_SLOT.fullmatch(out[4])


def test_a_figure_before_an_image_on_its_line_is_filled_and_one_in_a_later_alt_text_is_not():
    html = convert("{{ Mexico FY2012 court_granted }} and ![a chart](a.png)")
    assert '<span data-figure="Mexico FY2012 court_granted"></span>' in html
    html = convert("![a](a.png) and ![b {{ Mexico FY2012 court_granted }}](b.png)")
    assert "data-figure" not in html and 'alt="b {{ Mexico FY2012 court_granted }}"' in html


def test_an_empty_chart_block_ends_at_the_fence_right_after_it():
    lines = ["```chart", "```", "after", "```chart", "type: bar", "```"]
    out = list(replace_chart_blocks(lines))
    slots = [decode_chart_slot(CHART_SLOT.fullmatch(line)) for line in out if CHART_SLOT.fullmatch(line)]
    assert slots == [("", 1), ("type: bar", 4)]
    assert "after" in out
