"""The CHARTS_* settings: what an unset one means, what a wrong one is told, and the paths they resolve to."""

import os
from pathlib import Path

import pytest

from pelican.plugins.data_charts.settings import SCHEMA, resolve

from .conftest import PALETTE


def load(**settings):
    base = {"PATH": "/site/content", "THEME": str(PALETTE.parents[2]), "CACHE_PATH": "/site/cache"}
    config, problems = SCHEMA.load({**base, **settings})
    return resolve(config, {**base, **settings}), [f"{p.key}: {p.message}; {p.suggestion}" for p in problems]


def test_unset_settings_resolve_to_the_documented_places():
    config, problems = load()
    assert problems == []
    assert config.data_path == Path("/site/content/data/asylum-statistics")
    assert config.palette_path == PALETTE
    assert config.cache_path == Path("/site/cache/charts")
    assert config.workers == (os.cpu_count() or 1)
    assert config.size == (6.4, 4.0)


def test_without_a_cache_path_charts_are_kept_under_cache():
    base = {"PATH": "/site/content", "THEME": str(PALETTE.parents[2])}
    config, _ = SCHEMA.load(base)
    assert resolve(config, base).cache_path == Path("cache/charts")


def test_set_settings_are_used(tmp_path):
    palette = tmp_path / "p.css"
    palette.write_text("", encoding="utf-8")
    config, problems = load(CHARTS_DATA_PATH="figures", CHARTS_PALETTE_PATH=str(palette),
                            CHARTS_CACHE_PATH="/tmp/c", CHARTS_WORKERS=1, CHARTS_SIZE=[8, 5])
    assert problems == []
    assert (config.data_path, config.palette_path, config.cache_path, config.workers, config.size) == (
        Path("/site/content/figures"), palette, Path("/tmp/c"), 1, (8.0, 5.0))
    assert config.size == (8.0, 5.0) and all(isinstance(n, float) for n in config.size)


@pytest.mark.parametrize("size", [(1, 20), (20, 1), (1.0, 1.0)])
def test_a_size_from_1_to_20_inches_is_accepted(size):
    config, problems = load(CHARTS_SIZE=size)
    assert problems == [] and config.size == tuple(float(n) for n in size)


@pytest.mark.parametrize("size", [(0.9, 4), (6, 20.5), (6,), (6, 4, 2), "6x4", (True, 4), ("6", 4), None])
def test_a_wrong_size_is_named_and_the_default_used(size):
    config, problems = load(CHARTS_SIZE=size)
    assert problems == [f"CHARTS_SIZE: setting CHARTS_SIZE is {size!r}; expected (width, height) in inches, "
                        "each between 1 and 20 (the build uses the default, (6.4, 4.0))"]
    assert config.size == (6.4, 4.0)


@pytest.mark.parametrize("workers", [0, -1, 65, "2", 2.0])
def test_a_wrong_number_of_workers_is_named(workers):
    _, problems = load(CHARTS_WORKERS=workers)
    (problem,) = problems
    assert problem.startswith(f"CHARTS_WORKERS: setting CHARTS_WORKERS is {workers!r}")
    assert "expected a whole number of processes, 1 to 64" in problem


def test_a_missing_palette_is_named():
    _, problems = load(CHARTS_PALETTE_PATH="/nowhere/palette.css")
    (problem,) = problems
    assert problem.startswith("CHARTS_PALETTE_PATH: setting CHARTS_PALETTE_PATH is '/nowhere/palette.css'")
    assert "expected the path of a palette.css" in problem


def test_a_misspelt_setting_is_named_with_the_right_one():
    _, problems = load(CHARTS_WORKER=2)
    assert problems == ["CHARTS_WORKER: unknown setting CHARTS_WORKER; did you mean CHARTS_WORKERS?"]
