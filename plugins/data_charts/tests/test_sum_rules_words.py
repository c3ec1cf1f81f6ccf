"""Sum rules at their edges: the rules file's mistakes, the README table's rows, negative differences, several notes."""

import pytest

from pelican.plugins.data_charts.dataset import load_dataset
from pelican.plugins.data_charts.errors import ChartError
from pelican.plugins.data_charts.selection import Query, select
from pelican.plugins.data_charts.sums import caption_note, read_documented, read_rules

from .conftest import OBSERVATIONS
from .test_numbers import DOCUMENTED, RULES, SPLIT, data_with_sums


def rules_error(tmp_path, text):
    path = tmp_path / "sums.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ChartError) as error:
        read_rules(path)
    return str(error.value)


def test_no_rules_file_means_no_rules(tmp_path):
    assert read_rules(tmp_path / "sums.csv") == []


def test_a_rule_reads_as_its_parts_adding_to_its_total(tmp_path):
    path = tmp_path / "sums.csv"
    path.write_text(RULES + "court_decided, court_granted+court_denied \n", encoding="utf-8")
    rules = read_rules(path)
    assert [(rule.total, rule.parts, rule.line) for rule in rules] == [
        ("court_granted", ("court_granted_affirmative", "court_granted_defensive"), 2),
        ("court_decided", ("court_granted", "court_denied"), 3)]


@pytest.mark.parametrize("text, message", [
    ("total,part\n", "sums.csv: the columns must be total, parts"),
    ("", "sums.csv: the columns must be total, parts"),  # an empty file, not a traceback
    ("total,parts\ncourt_granted\n", "the data set's sum rules have errors:\n  sums.csv line 2: expected 2 fields, found 1"),
    ("total,parts\ncourt_granted,court_granted_affirmative\n",
     "sums.csv line 2: write a total and two or more other measures, like 'court_decided,court_granted + "
     "court_denied'; found 'court_granted = court_granted_affirmative'"),
    ("total,parts\ncourt_granted,court_granted + court_denied\n", "write a total and two or more other measures"),
    ("total,parts\ncourt_decided,court_granted + court_granted\n", "write a total and two or more other measures"),
    ("total,parts\ncourt_grant_rate_pct,court_granted + court_denied\n",
     "sums.csv line 2: court_grant_rate_pct is a percentage, and percentages do not add up"),
    ("total,parts\ncourt_grant_rate,court_granted + court_denied\n", "sums.csv line 2: no measure 'court_grant_rate'"),
    ("total,parts\ndhs_total_granted,court_granted + court_denied\n",
     "sums.csv line 2: 'dhs_total_granted' and its parts count different units; cases and individuals never add up"),
])
def test_a_broken_rule_is_named_with_its_line(tmp_path, text, message):
    assert message in rules_error(tmp_path, text)


def test_every_broken_rule_is_listed(tmp_path):
    error = rules_error(tmp_path, "total,parts\ncourt_granted\nx,court_granted + court_denied\n")
    assert error.splitlines() == ["the data set's sum rules have errors:",
                                  "  sums.csv line 2: expected 2 fields, found 1",
                                  "  sums.csv line 3: no measure 'x'"]


def test_a_readme_row_with_too_few_cells_is_reported(tmp_path):
    readme = DOCUMENTED + "| `article` | All nationalities | FY2010 |\n"
    dataset = load_dataset(data_with_sums(tmp_path, readme=readme), "data")
    assert [str(p) for p in dataset.problems] == [
        "data/README.md:8: this row of the disagreements table has 3 cells; write the 7 columns source, "
        "nationality, period, total, total as printed, parts add to, difference"]


def test_only_the_disagreements_section_of_the_readme_is_read(tmp_path):
    readme = ("# Data\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n" + DOCUMENTED.split("\n", 1)[1]
              + "\n## Sources\n\n| x | y | z |\n")
    path = tmp_path / "README.md"
    path.write_text(readme, encoding="utf-8")
    rows = read_documented(path)
    assert [(row.line, row.key, row.numbers) for row in rows] == [
        (12, ("article", "All nationalities", "FY2010", "court_granted"), ("9,869", "9,859", "+10"))]
    assert read_documented(tmp_path / "missing.md") == []


NEGATIVE = SPLIT.replace("FY2010,All nationalities,court_granted,9869", "FY2010,All nationalities,court_granted,9849")


@pytest.mark.parametrize("difference", ["-10", "\u221210"])
def test_a_total_below_its_parts_is_documented_with_a_minus(tmp_path, difference):
    readme = DOCUMENTED.replace("9,869 | 9,859 | +10", f"9,849 | 9,859 | {difference}")
    dataset = load_dataset(data_with_sums(tmp_path, OBSERVATIONS + NEGATIVE.split("\n", 1)[1], readme=readme), "data")
    assert dataset.problems == []
    (disagreement,) = dataset.disagreements
    assert (disagreement.total, disagreement.parts_sum, disagreement.difference) == (9849, 9859, -10)


def test_an_undocumented_negative_difference_is_suggested_with_its_sign(tmp_path):
    readme = DOCUMENTED.split("|---")[0]
    dataset = load_dataset(data_with_sums(tmp_path, OBSERVATIONS + NEGATIVE.split("\n", 1)[1], readme=readme), "data")
    (problem,) = dataset.problems
    assert str(problem).endswith("| article | All nationalities | FY2010 | court_granted | 9,849 | 9,859 | -10 |")
    assert problem.line == 16


def test_rows_that_lack_a_part_are_not_a_disagreement(tmp_path):
    partial = "\n".join(line for line in SPLIT.splitlines() if "FY2010,All nationalities,court_granted_defensive" not in line)
    dataset = load_dataset(data_with_sums(tmp_path, OBSERVATIONS + partial.split("\n", 1)[1] + "\n",
                                          readme=DOCUMENTED.split("|---")[0]), "data")
    assert dataset.disagreements == [] and dataset.problems == []


def test_a_caption_notes_each_disagreement_it_draws(tmp_path):
    both = SPLIT.replace("FY2009,All nationalities,court_granted,10292", "FY2009,All nationalities,court_granted,10300")
    readme = DOCUMENTED + "| `article` | All nationalities | FY2009 | `court_granted` | 10,300 | 10,292 | +8 |\n"
    dataset = load_dataset(data_with_sums(tmp_path, OBSERVATIONS + both.split("\n", 1)[1], readme=readme), "data")
    assert dataset.problems == []
    measures = ("court_granted_affirmative", "court_granted_defensive", "court_granted")
    points = select(Query(measures, ("All nationalities",), ("FY2009", "FY2010")), dataset)
    assert caption_note(points, dataset.disagreements) == (
        "As printed by the source, All nationalities, FY2009: Granted, affirmative (court) + Granted, defensive "
        "(court) add to 10,292, but the total (Granted) is 10,300. As printed by the source, All nationalities, "
        "FY2010: Granted, affirmative (court) + Granted, defensive (court) add to 9,859, but the total (Granted) "
        "is 9,869.")
    # A total drawn without its parts needs no note.
    assert caption_note(select(Query(measures[2:], ("All nationalities",), ("FY2010",)), dataset),
                        dataset.disagreements) == ""


def test_readme_numbers_may_be_written_without_separators_or_a_plus(tmp_path):
    readme = DOCUMENTED.replace("9,869 | 9,859 | +10", "9869 | 9859 | 10")
    assert load_dataset(data_with_sums(tmp_path, readme=readme), "data").problems == []


def test_every_row_of_the_readme_table_is_checked_whatever_comes_before_it(tmp_path):
    rows = DOCUMENTED.split("| `article` | All nationalities | FY2010")
    bad_first = (rows[0] + "| `article` | All nationalities |\n"
                 + "| `article` | Mexico | FY2012 | `court_granted` | 126 | 120 | +6 |\n"
                 + "| `article` | All nationalities | FY2010" + rows[1])
    dataset = load_dataset(data_with_sums(tmp_path, readme=bad_first), "data")
    assert [p.line for p in dataset.problems] == [7, 8]
    assert "has 2 cells" in dataset.problems[0].message and "add up or do not exist" in dataset.problems[1].message


def test_a_table_before_the_readmes_first_heading_is_not_the_disagreements_table(tmp_path):
    path = tmp_path / "README.md"
    path.write_text("| `article` | All nationalities | FY2010 | `court_granted` | 9,869 | 9,859 | +10 |\n\n"
                    "# Data\n", encoding="utf-8")
    assert read_documented(path) == []
