"""The number checks at their edges: sections, fences, headers, spans of years, markers, dates, messages."""

from pelican.plugins.data_charts.dataset import load_dataset

from .conftest import OBSERVATIONS, SOURCES, write_data
from .test_numbers import LATER, TABLE, data_with_sums, problems

# The table of TABLE without its heading: it sits in the body's first section.
BARE_TABLE = TABLE.split("\n", 2)[2]


# Sections: a count word is compared with the tables and charts of its own section only


def test_a_count_word_in_another_section_than_the_table_is_not_compared(dataset):
    assert problems(dataset, "Eleven countries.\n\n" + TABLE.format(count="two"), **LATER) == []
    # Negative control: in the table's own section it is.
    (message,) = problems(dataset, "## Eleven countries\n\n" + BARE_TABLE, **LATER)
    assert message.startswith("posts/a.md:7: 'Eleven countries', but the table on line 9 shows 2 nationalities")


def test_the_summary_is_a_section_of_its_own(dataset):
    # Under the first heading or before it, the body's table is not the summary's.
    for body in (BARE_TABLE, "## Figures\n\n" + BARE_TABLE):
        assert problems(dataset, body, summary="Grants to eleven countries.", **LATER) == []


def test_periods_and_measures_are_counted_as_well_as_nationalities(dataset):
    (periods,) = problems(dataset, TABLE.format(count="two").replace("Two periods", "Three periods"), **LATER)
    assert periods == ("posts/a.md:7: 'Three periods', but the table on line 9 shows 2 periods; "
                       "write the count the table shows, or make the table show what the text says")
    (measures,) = problems(dataset, TABLE.format(count="two").replace("Two periods", "Two measures"), **LATER)
    assert measures.startswith("posts/a.md:7: 'Two measures', but the table on line 9 shows 1 measures")


def test_a_count_word_beside_a_chart_names_the_chart_and_its_line(dataset):
    chart = ("```chart\ntype: line\ntitle: T\nmeasure: dhs_affirmative_granted\nnationality: Honduras\n"
             "periods: FY2011..FY2012\n```")
    assert problems(dataset, f"## Three periods\n\n{chart}", **LATER) == [
        "posts/a.md:7: 'Three periods', but the chart on line 9 shows 2 periods; "
        "write the count the chart shows, or make the chart show what the text says"]


def test_a_stretch_of_time_does_not_hide_a_count_later_on_its_line(dataset):
    body = "## Over the next three years, eleven countries\n\n" + BARE_TABLE
    (message,) = problems(dataset, body, **LATER)
    assert "'eleven countries', but the table on line 9 shows 2 nationalities" in message


# Fences and headers: what is code is not prose, and prose after code still is


def test_numbers_in_a_code_block_pass_and_prose_after_it_is_checked(dataset):
    for fence in ("```", "```text", "~~~~"):
        code = f"{fence}\nMexico, FY 2012: 1,395\n{fence[0] * len(fence)}\n"
        assert problems(dataset, code + "\nMexico in FY 2012.") == [], fence
        # The line right after the fence is prose again.
        (message,) = problems(dataset, code + "Mexico in FY 2012: 138 abandoned.")
        assert message.startswith("posts/a.md:9: 138 is typed by hand"), fence


def test_an_empty_code_block_ends_where_it_closes(dataset):
    (message,) = problems(dataset, "```\n```\n\nMexico in FY 2012: 138 abandoned.")
    assert message.startswith("posts/a.md:9: 138 is typed by hand")


def test_an_unclosed_code_block_runs_to_the_end(dataset):
    assert problems(dataset, "Mexico in FY 2012.\n\n```\n1,395 denied\n") == []


def test_a_post_whose_body_follows_its_header_without_a_blank_line(dataset):
    text = "Title: T\nDate: 2013-11-20 09:30\nMexico in FY 2012: 1,395 denied.\n"
    from pelican.plugins.data_charts.postcheck import check_post

    (problem,) = check_post(text, "posts/a.md", dataset)
    assert (problem.line, problem.message.split(" is typed")[0]) == (3, "1,395")


# What a post mentions: spans of fiscal years, and only the cells it names


def test_a_span_of_fiscal_years_is_a_period_the_post_mentions(tmp_path):
    dataset = load_dataset(write_data(tmp_path, OBSERVATIONS + "FY2009-FY2013,Mexico,court_granted,512,article\n"))
    for written in ("FY 2009-13", "FY2009-FY2013", "FY 2009-2013"):
        (message,) = problems(dataset, f"Mexico over {written}: 512 granted.")
        assert "512 is typed by hand, but it is a figure of the data set (Mexico, FY2009-FY2013" in message, written


def test_a_number_of_another_nationality_or_period_passes(dataset):
    # 92 is Mexico's FY2011 defensive count, 173 not a figure at all; Honduras had 40 in FY2011.
    assert problems(dataset, "Honduras saw 92 hearings in FY 2011.") == []
    # 301 is Mexico's FY2012 count; the post names FY2011 only.
    assert problems(dataset, "Mexico saw 301 hearings in FY 2011.") == []
    # A nationality and period with no figures at all, beside one with some.
    assert problems(dataset, "Honduras in FY 2008 and FY 2011: 7 hearings.") == []


def test_a_published_whole_percentage_typed_by_hand_is_caught(dataset):
    (message,) = problems(dataset, "Mexico's grant rate in FY 2008 was 23%.")
    assert "23% is typed by hand" in message and "{{ Mexico FY2008 court_grant_rate_pct }}" in message


def test_a_number_word_is_caught_beside_a_count_phrase_on_its_line(dataset):
    found = problems(dataset, "In FY 2011 forty were granted asylum in Honduras, as in two countries before.",
                     **LATER)
    assert [m.split(";")[0] for m in found] == [
        "posts/a.md:7: forty is typed by hand, but it is a figure of the data set "
        "(Honduras, FY2011, dhs_affirmative_granted, dhs)"]


def test_values_come_from_the_data_set_each_check_is_given(tmp_path, dataset):
    # The values of one data set are kept between posts; another data set gets its own.
    assert problems(dataset, "Mexico in FY 2012: 1,395 denied.")
    other = load_dataset(write_data(tmp_path / "other", OBSERVATIONS.replace(",1395,", ",1396,")))
    assert problems(other, "Mexico in FY 2012: 1,395 denied.") == []
    assert problems(other, "Mexico in FY 2012: 1,396 denied.")
    assert problems(dataset, "Mexico in FY 2012: 1,396 denied.") == []


# Allow markers


def test_an_allow_marker_matches_however_the_number_is_spaced_or_separated(dataset):
    assert problems(dataset, "Mexico in FY 2012: 1,395 denied. <!-- allow 1395: as the judge said -->") == []
    rate = "Mexico's grant rate in FY 2012 was 8.3 percent."
    assert problems(dataset, rate + " <!-- allow 8.3 %: rounded as the hearing did -->") == []
    assert problems(dataset, rate + " <!-- allow 8.3%: rounded as the hearing did -->") == []


def test_an_unused_allow_marker_shows_its_number_as_normalised(dataset):
    assert problems(dataset, "Mexico in FY 2012.\n\n<!-- allow 8.4 %: kept -->") == [
        "posts/a.md:8: the allow marker for 8.4% allows no hand-typed figure; remove the marker"]


def test_each_hand_typed_number_needs_its_own_marker(dataset):
    body = "Mexico in FY 2012: 1,395 denied, 138 abandoned. <!-- allow 1,395: quoted -->"
    assert [m.split(" is typed")[0] for m in problems(dataset, body)] == ["posts/a.md:6: 138"]


def test_a_marker_without_a_reason_is_reported_on_its_line_with_the_form_to_write(dataset):
    found = problems(dataset, "Mexico in FY 2012.\n\n<!-- allow 1,395 -->")
    assert found == ["posts/a.md:8: an allow marker needs a number and a reason; "
                     "write <!-- allow 1,395: why the number is typed by hand -->"]


# Sum rows: each row of a table on its own


ROW = ("| {year} | {{{{ All nationalities {period} court_granted_affirmative }}}} | "
       "{{{{ All nationalities {period} court_granted_defensive }}}} | {{{{ All nationalities {period} court_granted }}}}{note} |")


def test_every_table_row_of_parts_beside_a_total_is_checked(tmp_path):
    dataset = load_dataset(data_with_sums(tmp_path), "data")
    head = "| Year | Affirmative | Defensive | Total |\n|---|--:|--:|--:|\n"
    noted = ROW.format(year="FY 2010", period="FY2010", note="[^printed]")
    plain = ROW.format(year="FY 2010 again", period="FY2010", note="")
    footnote = "\n\n[^printed]: As printed."
    assert problems(dataset, head + noted + "\n" + plain + footnote) == [
        "posts/a.md:9: this row shows court_granted beside its parts, but in article the parts add to 9,859 "
        "and the total is 9,869; say so in a footnote on the row ([^note]), so no reader takes the total "
        "for their sum"]


def test_a_total_shown_without_its_parts_needs_no_footnote(tmp_path):
    dataset = load_dataset(data_with_sums(tmp_path), "data")
    table = "| Year | Total |\n|---|--:|\n| FY 2010 | {{ All nationalities FY2010 court_granted }} |"
    assert problems(dataset, table) == []


# Sources dated after the post


def test_a_source_of_the_posts_own_day_is_not_later_than_the_post(dataset):
    assert problems(dataset, "Granted: {{ Mexico FY2012 court_granted @paper }}.", Modified="2014-03-12 08:00") == []


def test_a_late_source_is_dated_against_the_modified_date_when_there_is_one(dataset):
    (message,) = problems(dataset, "Granted: {{ Mexico FY2012 court_granted @paper }}.", Modified="2014-01-02 08:00")
    assert "but the post is 2014-01-02 by its Modified: date; date the post" in message


def test_a_source_dated_by_its_year_alone_counts_from_the_first_of_january(tmp_path):
    sources = SOURCES.replace("Yearbook tables,2015-11-01", "Yearbook tables,2014")
    dataset = load_dataset(write_data(tmp_path, sources=sources))
    body = "Granted: {{ Mexico FY2011 dhs_defensive_granted }}."
    assert problems(dataset, body, Modified="2014-01-01 08:00") == []
    (message,) = problems(dataset, body, Modified="2013-12-31 08:00")
    assert "cites dhs, published 2014, but the post is 2013-12-31 by its Modified: date" in message


def test_problems_come_in_the_order_of_their_lines(dataset):
    found = problems(dataset, "Mexico in FY 2012: 138 abandoned.\n\nAnd 1,395 denied.")
    assert [m.split(" is typed")[0] for m in found] == ["posts/a.md:6: 138", "posts/a.md:8: 1,395"]
