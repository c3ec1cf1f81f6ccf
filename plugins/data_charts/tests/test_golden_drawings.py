"""Every rendering of the golden charts and the site card is drawn byte for byte as committed.

See golden_drawings.py for why, and for the command that rewrites them after
a deliberate change.
"""

import dataclasses
import difflib

import pytest

from . import golden_drawings

REWRITE = "cd plugins/data_charts && ../../.venv/bin/python -m tests.golden_drawings"


@pytest.fixture(scope="module")
def drawn(tmp_path_factory):
    return golden_drawings.drawings(tmp_path_factory.mktemp("golden-data"))


def first_difference(name, expected, actual):
    if name.endswith(".png"):
        return f"{name}: the pixels differ ({len(expected)} bytes committed, {len(actual)} drawn)"
    diff = difflib.unified_diff(expected.decode().splitlines(), actual.decode().splitlines(),
                                f"golden/{name}", f"drawn/{name}", lineterm="", n=1)
    return "\n".join(list(diff)[:40])


def test_the_golden_files_are_the_drawings_there_are(drawn):
    committed = sorted(path.name for path in golden_drawings.GOLDEN.iterdir())
    assert committed == sorted(drawn), f"drawings added or removed; if on purpose: {REWRITE}"


@pytest.mark.parametrize("name", sorted(path.name for path in golden_drawings.GOLDEN.iterdir()))
def test_each_drawing_is_as_committed(drawn, name, tmp_path):
    expected = (golden_drawings.GOLDEN / name).read_bytes()
    actual = drawn.get(name)
    assert actual is not None, f"{name} is no longer drawn"
    if actual != expected:
        (tmp_path / name).write_bytes(actual)
        pytest.fail(f"{first_difference(name, expected, actual)}\nthe new drawing is {tmp_path / name}; "
                    f"if the change is deliberate: {REWRITE}")


def test_a_changed_colour_changes_the_drawing(tmp_path):
    # Negative control: one palette colour changed reaches the bytes the comparison reads.
    (name, job), *_ = golden_drawings.jobs(tmp_path).items()
    light = tuple((role, "#000001" if role == "1" else colour) for role, colour in job.palette.light)
    recoloured = dataclasses.replace(job, palette=dataclasses.replace(job.palette, light=light))
    from pelican.plugins.data_charts.draw import render

    svg = render(recoloured)[".svg"]
    assert svg != (golden_drawings.GOLDEN / f"{name}.svg").read_bytes()
    assert "@@" in first_difference(f"{name}.svg", (golden_drawings.GOLDEN / f"{name}.svg").read_bytes(), svg)
