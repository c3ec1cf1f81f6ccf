"""A failure while reading a file becomes one sentence naming the file, worded for its cause."""

import errno

import pytest

from pelican.plugins.site_common.problems import Problem
from pelican.plugins.site_common.reading import failure

PATH = "content/comments/a-post/maria-l.md"


def failure_sentence(path, error):
    """The line the build's report prints for the failure, as a sentence."""
    return f"{Problem(path, None, *failure(error))}."


@pytest.mark.parametrize("error, sentence", [
    (UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"),
     f"{PATH}: not read, because it is not UTF-8 text; save it as UTF-8."),
    (RecursionError("maximum recursion depth exceeded"),
     f"{PATH}: not read, because it is nested too deeply to read; flatten the nesting."),
    (MemoryError(), f"{PATH}: not read, because it is too large to read; shorten it."),
    (OSError(errno.ELOOP, "Too many levels of symbolic links"),
     f"{PATH}: not read, because it is a symbolic link; put the file itself there."),
    (PermissionError(errno.EACCES, "Permission denied"),
     f"{PATH}: not read, because it cannot be opened (permission denied); make it readable."),
])
def test_a_known_cause_is_named_with_its_fix(error, sentence):
    assert failure_sentence(PATH, error) == sentence


def test_any_other_failure_is_named_by_its_kind_and_its_own_words_on_one_line():
    error = OSError(errno.EIO, "Input/output\nerror")
    assert failure_sentence(PATH, error) == (
        f"{PATH}: not read, because reading it failed (OSError: [Errno 5] Input/output error); "
        "fix or remove the file.")
    assert failure_sentence(PATH, ValueError("Exceeds the limit (4300 digits)")) == (
        f"{PATH}: not read, because reading it failed (ValueError: Exceeds the limit (4300 digits)); "
        "fix or remove the file.")


def test_an_error_without_words_is_named_by_its_kind():
    assert failure_sentence(PATH, KeyError()) == (
        f"{PATH}: not read, because reading it failed (KeyError: KeyError); fix or remove the file.")


def test_a_long_message_is_cut_to_two_hundred_characters():
    sentence = failure_sentence(PATH, ValueError("x" * 500))
    assert f"(ValueError: {'x' * 200}); fix" in sentence
    assert "x" * 201 not in sentence
