"""Every rendering of the golden charts and the site card is drawn byte for byte as committed.

See golden_drawings.py for why, and for the command that rewrites them after
a deliberate change. Each test draws what it compares, rather than sharing
one drawing between tests, so whatever draws a file is what its test checks.
"""

import dataclasses
import difflib

import pytest

from pelican.plugins.data_charts.draw import RENDERINGS, render, render_site_card

from . import golden_drawings

REWRITE = "cd plugins/data_charts && ../../.venv/bin/python -m tests.golden_drawings"


def first_difference(name, expected, actual):
    if name.endswith(".png"):
        return f"{name}: the pixels differ ({len(expected)} bytes committed, {len(actual)} drawn)"
    diff = difflib.unified_diff(expected.decode().splitlines(), actual.decode().splitlines(),
                                f"golden/{name}", f"drawn/{name}", lineterm="", n=1)
    return "\n".join(list(diff)[:40])


def differences(drawn, tmp_path):
    """A sentence for each drawn file that is not as committed; the new drawing is kept for a look."""
    found = []
    for name, actual in drawn.items():
        expected = (golden_drawings.GOLDEN / name).read_bytes()
        if actual != expected:
            (tmp_path / name).write_bytes(actual)
            found.append(f"{first_difference(name, expected, actual)}\nthe new drawing is {tmp_path / name}")
    return found


def test_the_golden_files_are_the_drawings_there_are():
    drawn = {f"{name}{suffix}" for name in golden_drawings.CHARTS for suffix in RENDERINGS} | {"site-card.png"}
    committed = {path.name for path in golden_drawings.GOLDEN.iterdir()}
    assert committed == drawn, f"drawings added or removed; if on purpose: {REWRITE}"


@pytest.mark.parametrize("name", golden_drawings.CHARTS)
def test_each_chart_is_drawn_as_committed(name, tmp_path):
    job = golden_drawings.jobs(tmp_path)[name]
    found = differences({f"{name}{suffix}": data for suffix, data in render(job).items()}, tmp_path)
    assert not found, "\n".join(found) + f"\nif the change is deliberate: {REWRITE}"


def test_the_site_card_is_drawn_as_committed(tmp_path):
    found = differences({"site-card.png": render_site_card(golden_drawings.SITE_CARD)}, tmp_path)
    assert not found, "\n".join(found) + f"\nif the change is deliberate: {REWRITE}"


def test_a_changed_colour_changes_the_drawing(tmp_path):
    # Negative control: one palette colour changed reaches the bytes the comparison reads.
    (name, job), *_ = golden_drawings.jobs(tmp_path).items()
    light = tuple((role, "#000001" if role == "1" else colour) for role, colour in job.palette.light)
    recoloured = dataclasses.replace(job, palette=dataclasses.replace(job.palette, light=light))
    svg = render(recoloured)[".svg"]
    (found,) = differences({f"{name}.svg": svg}, tmp_path)
    assert "@@" in found and "#000001" in found
