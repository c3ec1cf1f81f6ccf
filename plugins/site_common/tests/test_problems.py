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
