"""A problem prints as one plain line; suggestions come only from near matches."""

import pytest

from pelican.plugins.site_common.problems import Problem, did_you_mean


@pytest.mark.parametrize("problem, line", [
    (Problem("content/posts/a.md", 12, "unknown metadata 'tgas'", "did you mean 'tags'?"),
     "content/posts/a.md:12: unknown metadata 'tgas'; did you mean 'tags'?"),
    (Problem("content/posts/a.md", None, "the file is empty"), "content/posts/a.md: the file is empty"),
    (Problem("pelicanconf.py", 1, "bad", ""), "pelicanconf.py:1: bad"),
])
def test_a_problem_is_one_line_with_path_line_and_suggestion(problem, line):
    assert str(problem) == line


def test_problems_sort_by_file_then_line():
    found = [Problem("b.md", 1, "x"), Problem("a.md", 9, "y"), Problem("a.md", 2, "z")]
    assert [(p.path, p.line) for p in sorted(found)] == [("a.md", 2), ("a.md", 9), ("b.md", 1)]


@pytest.mark.parametrize("word, choices, expected", [
    ("tgas", ["tags", "title"], "did you mean 'tags'?"),
    ("MEXCIO", ["Mexico", "Honduras"], "did you mean 'Mexico'?"),
    ("El salvador", ["El Salvador", "Guatemala"], "did you mean 'El Salvador'?"),
    ("zzzz", ["tags", "title"], None),
    ("tags", [], None),
])
def test_did_you_mean_offers_the_closest_choice_in_its_own_spelling(word, choices, expected):
    assert did_you_mean(word, choices) == expected


def test_did_you_mean_respects_the_cutoff():
    assert did_you_mean("ab", ["abcdef"]) is None
    assert did_you_mean("ab", ["abcdef"], cutoff=0.4) == "did you mean 'abcdef'?"


def test_a_builds_problems_are_kept_once_and_listed_by_file_line_and_message():
    from pelican.plugins.site_common.problems import Problems

    found = Problems()
    found.add(Problem("b.md", None, "whole file"))
    found.extend([Problem("a.md", 9, "y"), Problem("a.md", 2, "z"), Problem("b.md", 1, "b"),
                  Problem("a.md", 2, "a")])
    found.add(Problem("a.md", 9, "y"))
    assert len(found) == 5 and found.files() == {"a.md", "b.md"}
    assert [str(p) for p in found] == ["a.md:2: a", "a.md:2: z", "a.md:9: y", "b.md: whole file", "b.md:1: b"]
    assert found.lines(limit=5) == ["a.md:2: a", "a.md:2: z", "a.md:9: y", "b.md: whole file", "b.md:1: b"]
    assert found.lines(limit=2) == ["a.md:2: a", "a.md:2: z", "... and 3 more mistakes like these"]


def test_a_hundred_problems_are_printed_and_more_are_counted():
    from pelican.plugins.site_common.problems import Problems

    found = Problems()
    found.extend(Problem("a.md", n, "x") for n in range(1, 102))
    lines = found.lines()
    assert len(lines) == 101 and lines[-1] == "... and 1 more mistakes like these"


@pytest.mark.parametrize("count, files, stopped, line", [
    (1, 1, True, "1 mistake in 1 file; nothing was published"),
    (3, 2, True, "3 mistakes in 2 files; nothing was published"),
    (2, 0, False, "2 mistakes; built anyway, with each mistake shown in place of what it broke"),
])
def test_the_summary_line_counts_mistakes_and_files_and_says_what_happened(count, files, stopped, line):
    from pelican.plugins.site_common.problems import summary_line

    assert summary_line(count, files, stopped=stopped) == line


def test_the_closest_choice_keeps_its_own_spelling():
    from pelican.plugins.site_common.problems import closest

    assert closest("el SALVADOR", ["El Salvador", "Guatemala"]) == "El Salvador"
    assert closest(2014, [2013, 1999]) == 2013
    assert closest("zzzz", ["tags"]) is None
