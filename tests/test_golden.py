"""The golden site builds to exactly the committed output (`make golden` rewrites it on purpose)."""

import difflib

import pytest

from tests import golden

pytestmark = pytest.mark.slow


def first_difference(expected, actual, relative):
    try:
        before, after = expected.decode("utf-8"), actual.decode("utf-8")
    except UnicodeDecodeError:
        return f"{relative}: the bytes differ"
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(),
                                f"expected/{relative}", f"built/{relative}", lineterm="", n=2)
    return "\n".join(list(diff)[:60])


def test_the_golden_site_builds_to_the_committed_output(tmp_path):
    golden.build(tmp_path / "output")
    expected, actual = golden.files(golden.EXPECTED), golden.files(tmp_path / "output")
    assert sorted(actual) == sorted(expected), "files added or missing; run `make golden` if deliberate"
    changed = [relative for relative in expected if expected[relative] != actual[relative]]
    assert not changed, (
        f"{len(changed)} files differ; run `make golden` if deliberate\n"
        + first_difference(expected[changed[0]], actual[changed[0]], changed[0]))


def test_the_comparison_sees_a_changed_byte(tmp_path):
    # Negative control: a copy of the expected output with one changed byte differs.
    expected = golden.files(golden.EXPECTED)
    page = next(relative for relative in expected if relative.endswith("index.html"))
    altered = dict(expected, **{page: expected[page].replace(b"<", b"< ", 1)})
    assert altered != expected
    assert "@@" in first_difference(expected[page], altered[page], page)
