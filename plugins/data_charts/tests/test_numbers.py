"""Numbers kept true: hand-typed figures, count words, sum rules, and sources newer than the post."""

import pytest

from pelican.plugins.data_charts.dataset import load_dataset
from pelican.plugins.data_charts.errors import ChartError
from pelican.plugins.data_charts.handtyped import mask
from pelican.plugins.data_charts.postcheck import check_post
from pelican.plugins.data_charts.selection import Query, select
from pelican.plugins.data_charts.sums import caption_note, read_rules

from .conftest import OBSERVATIONS, write_data
from .test_builds import build
from .test_builds import post as build_post

# The article's FY2012 Mexican counts: 126 granted, 1,395 denied, 138
# abandoned, 9,206 received; the computed grant rate is 8.3%.
HEADER = "Title: T\nDate: 2013-11-20 09:30\nCategory: Court\nSummary: {summary}\n\n"
SPLIT = """period,nationality,measure,value,source
FY2010,All nationalities,court_granted,9869,article
FY2010,All nationalities,court_granted_affirmative,7088,article
FY2010,All nationalities,court_granted_defensive,2771,article
FY2009,All nationalities,court_granted,10292,article
FY2009,All nationalities,court_granted_affirmative,7262,article
FY2009,All nationalities,court_granted_defensive,3030,article
"""
RULES = "total,parts\ncourt_granted,court_granted_affirmative + court_granted_defensive\n"
DOCUMENTED = """# Data

## Where parts and totals disagree

| source | nationality | period | total | total as printed | parts add to | difference |
|---|---|---|---|--:|--:|--:|
| `article` | All nationalities | FY2010 | `court_granted` | 9,869 | 9,859 | +10 |
"""




def post(body, summary="s", **header):
    extra = "".join(f"{key}: {value}\n" for key, value in header.items())
    return HEADER.format(summary=summary).replace("Category", extra + "Category") + body + "\n"


def problems(dataset, body, **kwargs):
    return [str(p) for p in check_post(post(body, **kwargs), "posts/a.md", dataset)]


def data_with_sums(tmp_path, observations=None, readme=DOCUMENTED, rules=RULES):
    observations = observations or OBSERVATIONS + SPLIT.split("\n", 1)[1]
    directory = write_data(tmp_path / "data", observations)
    (directory / "sums.csv").write_text(rules, encoding="utf-8")
    (directory / "README.md").write_text(readme, encoding="utf-8")
    return directory


# Hand-typed numbers


def test_a_hand_typed_count_is_named_with_its_line_and_the_figure_to_write(dataset):
    body = "In FY 2012 the courts denied Mexico's claims\nin 1,395 cases."
    (message,) = problems(dataset, body)
    assert message.startswith("posts/a.md:7: 1,395 is typed by hand, but it is a figure of the data set "
                              "(Mexico, FY2012, court_denied, article)")
    # Two sources give the cell, so the suggestion names the one that was matched.
    assert "write {{ Mexico FY2012 court_denied @article }}" in message
    assert "<!-- allow 1,395: why it is typed -->" in message


def test_a_hand_typed_rate_and_a_number_in_the_summary_are_caught(dataset):
    found = problems(dataset, "Mexico's grant rate in FY 2012 was 8.3 percent.",
                     summary="Mexico received 9,206 applications in FY 2012.")
    assert any(m.startswith("posts/a.md:4: 9,206 is typed by hand") for m in found), found
    assert any("8.3 percent is typed by hand" in m and "{{ Mexico FY2012 court_grant_rate @article }}" in m
               for m in found), found


def test_a_number_word_a_figure_could_carry_is_caught(dataset):
    # Honduras, FY2011: 40 individuals granted affirmatively (the dhs source, 2015).
    (message,) = problems(dataset, "In FY 2011 forty Hondurans were granted asylum in Honduras's cases.",
                          Modified="2016-01-04 10:00")
    assert message.startswith("posts/a.md:7: forty is typed by hand")
    assert "write {{ Honduras FY2011 dhs_affirmative_granted }}" in message


def test_numbers_of_cells_the_post_does_not_mention_pass(dataset):
    # 126 is Mexico's FY2012 count; this post names neither Mexico nor FY2012.
    assert problems(dataset, "Honduras saw 126 hearings in FY 2011.") == []


@pytest.mark.parametrize("sentence", [
    "{{ Mexico FY2012 court_denied @article }} denials in FY 2012 for Mexico.",  # the figure itself
    "Mexico, FY 2012: the article of November 13, 2013 is quoted in 2014.",  # dates and years
    "Mexico in FY 2012, see 2012-11-13 and 13 March at 11:39.",
    "Mexico in FY 2012.[^126]",  # a footnote marker
    'Mexico in FY 2012; the paper\'s headline read "126 granted, 1,395 denied".',  # a quotation
    "Mexico in FY 2012: see [the 1,395 denials](https://example.org/126).",  # a link
    "Mexico in FY 2012: <https://example.org/1395>.",
    "Mexico in FY 2012: `1,395` in code.",
    "Mexico in FY 2012, as Table 126 and report 138 show.",  # reference numbers
    "> Mexico in FY 2012: 1,395 denials, as the witness said.",  # a block quote
    "Mexico in FY 2012: the hearing took 126 days and 138 pages.",  # units no count of the data set has
])
def test_years_dates_footnotes_quotations_links_and_references_pass(dataset, sentence):
    assert problems(dataset, sentence) == []


def test_an_allow_marker_with_a_reason_keeps_a_number(dataset):
    body = "Mexico in FY 2012: 1,395 denials. <!-- allow 1,395: quoted from the hearing transcript -->"
    assert problems(dataset, body) == []


def test_a_marker_that_allows_nothing_or_gives_no_reason_is_reported(dataset):
    unused = problems(dataset, "Mexico in FY 2012.\n\n<!-- allow 4,000: no longer in the text -->")
    assert unused == ["posts/a.md:8: the allow marker for 4,000 allows no hand-typed figure; remove the marker"]
    no_reason = problems(dataset, "Mexico in FY 2012: 1,395 denials. <!-- allow 1,395 -->")
    assert any("an allow marker needs a number and a reason" in m for m in no_reason)
    assert any("1,395 is typed by hand" in m for m in no_reason)


def test_masking_leaves_the_numbers_of_prose():
    assert mask("In FY 2012, on March 12, 2014, 1,395 were denied [^3]").split() == ["In", ",", "on", ",", "1,395", "were", "denied"]


# Count words beside the tables and charts they describe

TABLE = """## Two periods, {count} countries

| Nationality | FY 2011 | FY 2012 |
|---|--:|--:|
| Mexico | {{{{ Mexico FY2011 dhs_affirmative_granted }}}} | {{{{ Mexico FY2012 dhs_affirmative_granted @dhs }}}} |
| Honduras | {{{{ Honduras FY2011 dhs_affirmative_granted }}}} | {{{{ Honduras FY2012 dhs_affirmative_granted }}}} |
"""


# The dhs source was published in 2015.
LATER = {"Modified": "2016-01-04 10:00"}


def test_a_count_word_that_contradicts_its_table_is_reported(dataset):
    (message,) = problems(dataset, TABLE.format(count="eleven"), **LATER)
    assert message.startswith("posts/a.md:7: 'eleven countries', but the table on line 9 shows 2 nationalities")


def test_a_count_word_that_agrees_with_its_table_passes(dataset):
    assert problems(dataset, TABLE.format(count="two"), **LATER) == []
    assert problems(dataset, TABLE.format(count="2"), **LATER) == []


def test_a_count_word_is_checked_against_a_chart_in_its_section(dataset):
    chart = "```chart\ntype: line\ntitle: T\nmeasure: dhs_affirmative_granted\nnationality: Honduras\nperiods: FY2011..FY2012\n```"
    assert "shows 2 periods" in problems(dataset, f"## Three periods\n\n{chart}", **LATER)[0]
    assert problems(dataset, f"## Two periods\n\n{chart}", **LATER) == []
    # Elsewhere in the post, or as a stretch of time, it is not a count of the chart.
    assert problems(dataset, f"Over the next three years.\n\n## Chart\n\n{chart}", **LATER) == []


# Sum rules


def test_the_sum_rules_find_and_accept_a_documented_disagreement(tmp_path):
    dataset = load_dataset(data_with_sums(tmp_path), "data")
    assert [(d.source, d.period, d.total, d.parts_sum) for d in dataset.disagreements] == [
        ("article", "FY2010", 9869, 9859)]
    assert dataset.problems == []  # FY2009 adds up; FY2010 is in the README


def test_a_planted_disagreement_missing_from_the_readme_is_reported(tmp_path):
    planted = OBSERVATIONS + SPLIT.split("\n", 1)[1].replace("FY2009,All nationalities,court_granted,10292",
                                                               "FY2009,All nationalities,court_granted,10298")
    dataset = load_dataset(data_with_sums(tmp_path, planted), "data")
    (problem,) = dataset.problems
    assert str(problem).startswith(
        "data/observations.csv:19: article, All nationalities, FY2009: court_granted_affirmative + "
        "court_granted_defensive add to 10,292, but court_granted is 10,298; if the source prints it so, "
        "list it in data/README.md's table")
    assert "| article | All nationalities | FY2009 | court_granted | 10,298 | 10,292 | +6 |" in str(problem)


def test_the_readme_table_is_checked_against_the_rows(tmp_path):
    wrong = DOCUMENTED.replace("9,859 | +10", "9,858 | +11") + (
        "| `article` | Mexico | FY2012 | `court_granted` | 126 | 120 | +6 |\n")
    dataset = load_dataset(data_with_sums(tmp_path, readme=wrong), "data")
    assert [str(p) for p in dataset.problems] == [
        ("data/README.md:7: says 9,869 | 9,858 | +11 for article All nationalities FY2010 court_granted; "
         "the data set gives 9,869 | 9,859 | +10"),
        ("data/README.md:8: lists article Mexico FY2012 court_granted as a disagreement, but the data set's rows "
         "add up or do not exist; remove the row"),
    ]


def test_a_sum_rule_must_name_measures_that_can_add_up(tmp_path):
    path = tmp_path / "sums.csv"
    path.write_text("total,parts\ncourt_granted,court_granted_affirmative + court_grant_rate_pct\n")
    with pytest.raises(ChartError, match="line 2: court_grant_rate_pct is a percentage"):
        read_rules(path)
    path.write_text("total,parts\ncourt_granted,court_granted_affirmative + dhs_defensive_granted\n")
    with pytest.raises(ChartError, match="count different units"):
        read_rules(path)
    path.write_text("total,parts\ncourt_granted,court_grantd_affirmative + court_granted_defensive\n")
    with pytest.raises(ChartError, match="did you mean 'court_granted_affirmative'"):
        read_rules(path)


def test_a_chart_of_parts_beside_their_total_says_so(tmp_path):
    dataset = load_dataset(data_with_sums(tmp_path), "data")
    measures = ("court_granted_affirmative", "court_granted_defensive", "court_granted")
    fy2010 = select(Query(measures, ("All nationalities",), ("FY2010",)), dataset)
    assert caption_note(fy2010, dataset.disagreements) == (
        "As printed by the source, All nationalities, FY2010: Granted, affirmative (court) + "
        "Granted, defensive (court) add to 9,859, but the total (Granted) is 9,869.")
    fy2009 = select(Query(measures, ("All nationalities",), ("FY2009",)), dataset)
    assert caption_note(fy2009, dataset.disagreements) == ""
    parts_only = select(Query(measures[:2], ("All nationalities",), ("FY2010",)), dataset)
    assert caption_note(parts_only, dataset.disagreements) == ""


def test_a_table_row_of_parts_beside_a_total_needs_a_footnote(tmp_path):
    dataset = load_dataset(data_with_sums(tmp_path), "data")
    row = ("| Year | Affirmative | Defensive | Total |\n|---|--:|--:|--:|\n"
           "| FY 2010 | {{ All nationalities FY2010 court_granted_affirmative }} | "
           "{{ All nationalities FY2010 court_granted_defensive }} | {{ All nationalities FY2010 court_granted }}")
    (message,) = problems(dataset, row + " |")
    assert message.startswith("posts/a.md:8: this row shows court_granted beside its parts, but in article "
                              "the parts add to 9,859 and the total is 9,869")
    assert problems(dataset, row + "[^printed] |\n\n[^printed]: As printed; the parts add to 9,859.") == []
    assert problems(dataset, row.replace("FY2010", "FY2009").replace("FY 2010", "FY 2009") + " |") == []


# Sources newer than the post


def test_a_post_cannot_cite_a_source_published_after_it(dataset):
    # The paper was published on 2014-03-12; the post is dated 2013-11-20.
    body = "Granted: {{ Mexico FY2012 court_granted @paper }}."
    (message,) = problems(dataset, body)
    assert message == ("posts/a.md:6: cites paper, published 2014-03-12, but the post is 2013-11-20 by its Date:; "
                       "date the post after its sources, or add 'Modified:' with a dated note at the foot saying "
                       "what changed")
    assert problems(dataset, body, Modified="2014-03-17 10:00") == []
    assert problems(dataset, "Granted: {{ Mexico FY2012 court_granted @article }}.") == []


# Whole builds: the strict build stops, a draft build warns and goes on


@pytest.mark.slow
def test_a_strict_build_stops_on_a_hand_typed_number_naming_the_figure(tmp_path):
    text = build_post("Mexico's courts denied 1,395 claims in FY 2012, granting {{ Mexico FY2012 court_granted @article }}.")
    build(tmp_path, {"typed.md": text}, strict=True)
    printed = build.result.printed
    assert build.result.stopped
    assert any(m.startswith("content/posts/typed.md:6: 1,395 is typed by hand") and
               "write {{ Mexico FY2012 court_denied @article }}" in m for m in printed), printed


@pytest.mark.slow
def test_a_draft_build_warns_about_a_hand_typed_number_and_goes_on(tmp_path):
    text = build_post("Mexico's courts denied 1,395 claims in FY 2012. <!-- allow 138: no such number here -->")
    output, stats = build(tmp_path, {"draft.md": text})
    printed = build.result.printed
    assert any(m.startswith("content/posts/draft.md:6: 1,395 is typed by hand") for m in printed), printed
    assert any("allow marker for 138 allows no hand-typed figure" in m for m in printed), printed
    assert not build.result.stopped and len(build.result.problems) == 2
    html = (output / "2013" / "11" / "numbers" / "index.html").read_text()
    assert "1,395 claims" in html and "allow 138" not in html  # the marker never reaches readers


@pytest.mark.slow
def test_a_planted_disagreement_is_reported_by_the_build_and_a_chart_caption_says_so(tmp_path):
    planted = SPLIT.replace("FY2009,All nationalities,court_granted,10292", "FY2009,All nationalities,court_granted,10298")
    data_with_sums(tmp_path / "content")  # sums.csv and README.md beside the build's own data files
    chart = ("```chart\ntype: grouped-bar\ntitle: Grants\nmeasures: [court_granted_affirmative, court_granted_defensive, "
             "court_granted]\nnationality: All nationalities\nperiods: [FY2009, FY2010]\n```")
    output, _ = build(tmp_path, {"split.md": build_post(chart)}, OBSERVATIONS + planted.split("\n", 1)[1])
    printed = build.result.printed
    assert any("observations.csv:19: article, All nationalities, FY2009" in m for m in printed), printed
    caption = (output / "2013" / "11" / "numbers" / "index.html").read_text()
    assert "All nationalities, FY2010: Granted, affirmative (court) + Granted, defensive (court) add to 9,859" in caption
    assert "FY2009: Granted, affirmative" in caption


# A post's text read once, checked against each data set in turn


def test_a_post_read_once_is_checked_against_each_data_set_as_if_read_afresh(tmp_path):
    from pelican.plugins.data_charts.postcheck import check_read_post
    from pelican.plugins.data_charts.posttext import read_post_text

    text = post("Mexico in FY 2012: 138 abandoned, and three periods in the chart below.\n\n"
                "Guatemala in FY2012 had 512.\n\n"
                "```chart\ntype: line\ntitle: T\nmeasure: dhs_affirmative_granted\nnationality: Honduras\n"
                "periods: FY2011..FY2012\n```", **LATER)
    first = load_dataset(write_data(tmp_path / "one"), "data")
    # The same cells with other values, and a nationality the first data set lacks.
    second = load_dataset(write_data(tmp_path / "two", OBSERVATIONS.replace(",138,", ",139,")
                                     + "FY2012,Guatemala,court_abandoned,512,article\n"), "data")
    kept = read_post_text(text)
    for dataset in (first, second, first, second):
        assert [str(p) for p in check_read_post(kept, "posts/a.md", dataset)] == \
            [str(p) for p in check_post(text, "posts/a.md", dataset)]
    assert any("138 is typed" in str(p) for p in check_read_post(kept, "posts/a.md", first))
    again = [str(p) for p in check_read_post(kept, "posts/a.md", second)]
    assert not any("138 is typed" in line for line in again) and any("512 is typed" in line for line in again)
    assert any("'three periods', but the chart on line" in line for line in again)


def test_a_nationality_and_period_named_only_by_the_chart_count_as_mentioned(dataset):
    # The prose names neither Honduras nor a fiscal year; the chart beside it names both.
    chart = ("```chart\ntype: line\ntitle: T\nmeasure: dhs_affirmative_granted\nnationality: Honduras\n"
             "periods: FY2011..FY2012\n```")
    found = problems(dataset, f"The office granted 40 people that first year.\n\n{chart}", **LATER)
    assert any("40 is typed by hand" in line and "Honduras, FY2011" in line for line in found), found
