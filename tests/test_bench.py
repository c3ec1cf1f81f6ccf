"""The benchmark measures real builds: its generated site is complete and its counts are right.

Tests count comments, charts and redraws; they never look at a clock.
"""

import shutil
import sys

import pytest

from bench.builders import Hugo, Ours, Plain, available, edit_post, edit_row
from bench.census import census, expected
from bench.sitegen import generate
from tests.sitebuild import run_measured
from tests.tools import require

pytestmark = pytest.mark.slow

POSTS = 12


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("bench"), POSTS, seed=7)


def drawn(builder):
    before = builder.drawn_charts()
    build = builder.build()
    assert build.ok, build.log
    return len(builder.drawn_charts() - before)


def test_the_same_seed_writes_the_same_site(tmp_path):
    # Two fresh sites: the module's `site` is edited by other tests, in any order.
    first = generate(tmp_path / "first", POSTS, seed=7)
    again = generate(tmp_path / "again", POSTS, seed=7)
    for post in first.posts:
        relative = f"posts/{post.filename}"
        assert (again.ours / relative).read_bytes() == (first.ours / relative).read_bytes()
    assert again.comments == first.comments


def test_the_generated_site_has_threads_charts_and_figures(site):
    # One post in a hundred, and at least one, draws a crowd of 200 or more.
    assert site.comments >= POSTS * 10
    assert site.busiest_thread >= 200
    assert site.deepest_reply >= 2
    assert len(site.charts) == len(site.figures) == round(POSTS * 0.3)
    assert site.charts_drawing(site.changed_row) >= 1


def test_our_build_shows_everything_and_redraws_only_what_changed(site):
    ours = Ours(site)
    ours.clear()
    assert drawn(ours) == len(site.charts)
    assert census(ours.output, site) == expected(site)

    assert drawn(ours) == 0, "a rebuild with nothing changed drew charts"
    edit_post(ours, site.posts[0], 1)
    assert drawn(ours) == 0, "editing a post's text drew charts"

    edit_row(site, site.changed_row, 1)
    assert drawn(ours) == site.charts_drawing(site.changed_row)
    assert census(ours.output, site) == expected(site)


def test_posts_read_from_the_content_cache_still_get_their_charts(site):
    ours = Ours(site)
    assert ours.build().ok
    # The output goes, the caches stay: posts come from Pelican's content
    # cache and charts from the chart cache, and everything is written again.
    shutil.rmtree(ours.output)
    assert drawn(ours) == 0
    assert census(ours.output, site) == expected(site)


@pytest.mark.parametrize("builder_class, page", [
    (Plain, lambda post: f"{post.slug}.html"),
    (Hugo, lambda post: post.url.strip("/") + "/index.html"),
])
def test_the_comparison_builds_the_same_posts(site, builder_class, page):
    if not available(builder_class):
        require("Hugo", None, "apt-get install hugo (make test installs it)")
    builder = builder_class(site)
    builder.clear()
    build = builder.build()
    assert build.ok, build.log
    for post in site.posts:
        assert (builder.output / page(post)).is_file(), post.slug


def test_the_drawing_costs_cover_every_rendering(site):
    from bench.drawing import drawing_costs, table

    costs = drawing_costs(site, sample=2)
    assert set(costs) == {"now", "before"}
    for way in costs.values():
        assert set(way) == {"page SVG", "narrow SVG", "stand-alone PNG and SVG", "card PNG", "all"}
        assert all(value > 0 for value in way.values())
        assert way["all"] == pytest.approx(sum(v for k, v in way.items() if k != "all"))
    assert "| card PNG |" in table(costs, 2) and "now ÷ before" in table(costs, 2)


def test_the_earlier_drawing_path_draws_the_same_charts(site):
    from bench.drawing import before, same_pixels, sample_jobs
    from pelican.plugins.data_charts import canvas

    (job,) = sample_jobs(site, 1)
    assert same_pixels(job)
    # The earlier path really is another path while it runs, and is undone after.
    kept = canvas.Canvas
    with before():
        assert canvas.Canvas is not kept
    assert canvas.Canvas is kept


def test_the_intake_benchmark_counts_every_submission_it_sends(tmp_path):
    from bench import intake

    result = intake.measure(submissions=60, concurrency=3)
    assert result["accepted"] == 60 and result["refused"] == 0
    assert 0 < result["p50_ms"] <= result["p99_ms"] <= result["max_ms"]
    assert result["memory_mb"] > 10
    text = intake.report(result)
    assert "| accepted submissions per second |" in text and "≥ 200" in text


def test_the_row_to_change_does_not_depend_on_the_hash_seed(tmp_path):
    import subprocess
    import sys

    program = ("import sys, tempfile; from bench.sitegen import generate; "
               f"print(generate(tempfile.mkdtemp(dir={str(tmp_path)!r}), {POSTS}, seed=7).changed_row)")
    rows = {subprocess.run([sys.executable, "-c", program], check=True, capture_output=True, text=True,
                           env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout
            for seed in ("0", "1", "2")}
    assert len(rows) == 1, rows


def test_an_edited_row_never_takes_a_number_the_prose_types(site, tmp_path):
    import csv
    from dataclasses import replace

    row = site.changed_row
    copy = replace(site, root=tmp_path)
    copy.observations.parent.mkdir(parents=True)
    shutil.copy(site.observations, copy.observations)
    with copy.observations.open(encoding="utf-8", newline="") as handle:
        before = next(int(r["value"]) for r in csv.DictReader(handle)
                      if (r["period"], r["nationality"], r["measure"], r["source"]) == (row.period, row.nationality, row.measure, row.source))
    # The two next numbers are typed in the prose: the edit skips both.
    copy.typed_numbers = frozenset({before + 1, before + 2})
    assert edit_row(copy, row, 1) == before + 3
    assert site.typed_numbers, "the generated site records the numbers its prose types"


def test_a_small_command_is_not_charged_the_benchmarks_own_memory(tmp_path):
    # Linux counts what a child shared with its parent until it started its
    # command: a child of a 300 MB process would report 300 MB.
    held = bytearray(300 * 1024 * 1024)
    held[::4096] = b"x" * len(held[::4096])
    command = [sys.executable, "-c", "import time; block = bytearray(60 * 2**20); block[::4096] = b'y' * len(block[::4096]); time.sleep(0.5)"]
    build = run_measured(command, tmp_path)
    assert build.returncode == 0
    assert 60 <= build.peak_mb < 150 and 60 <= build.total_peak_mb < 150
    del held
