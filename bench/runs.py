"""The benchmark's schedule: which builds run, in what order, and what each measures.

Builders take turns within every step so that a slow moment of the machine
falls on all of them alike rather than on one.
"""

import os
from dataclasses import dataclass, field

from .builders import Hugo, Ours, Plain, available, edit_post, edit_row
from .census import census, expected

SCENARIOS = {
    "cold": "cold build (no output, no cache)",
    "unchanged": "rebuild, nothing changed",
    "one-post": "rebuild after editing one post",
    "one-row": "rebuild after changing one data-set row",
}


@dataclass
class Run:
    builder: str
    scenario: str
    seconds: float
    cpu_seconds: float
    peak_mb: float  # all the build's processes together
    largest_process_mb: float
    charts_drawn: int | None = None


@dataclass
class SizeResult:
    posts: int
    comments: int
    charts: int
    figures: int
    busiest_thread: int
    deepest_reply: int
    changed_row: str
    charts_drawing_row: int
    repetitions: int
    runs: list = field(default_factory=list)


class BuildFailed(RuntimeError):
    pass


def say(line):
    print(line, flush=True)


def measure(site, repetitions, log=say):
    """Run every scenario `repetitions` times on every builder; return a SizeResult."""
    builders = [cls(site) for cls in (Ours, Plain, Hugo) if available(cls)]
    row = site.changed_row
    result = SizeResult(
        posts=len(site.posts), comments=site.comments, charts=len(site.charts),
        figures=len(site.figures), busiest_thread=site.busiest_thread,
        deepest_reply=site.deepest_reply,
        changed_row=f"{row.nationality} {row.period} {row.measure} ({row.source})",
        charts_drawing_row=site.charts_drawing(row), repetitions=repetitions,
    )
    edited = site.posts[len(site.posts) // 2]
    for repetition in range(repetitions):
        # Rotate who goes first, so no builder always runs on a cold disk cache.
        turn = builders[repetition % len(builders):] + builders[:repetition % len(builders)]
        for scenario in SCENARIOS:
            for builder in turn:
                if scenario == "one-row" and not builder.draws_charts:
                    continue
                if scenario == "cold":
                    builder.clear()
                elif scenario == "one-post":
                    edit_post(builder, edited, repetition + 1)
                elif scenario == "one-row":
                    edit_row(site, row, repetition + 1)
                # Flush what the last build, deletion or edit left for the disk,
                # so that its write-back is not timed as part of this build.
                os.sync()
                run = _timed(builder, scenario)
                result.runs.append(run)
                if builder.draws_charts and scenario == "cold" and repetition == 0:
                    _check_complete(builder, site)
                drawn = "" if run.charts_drawn is None else f", {run.charts_drawn} charts drawn"
                log(f"  {len(site.posts)} posts, run {repetition + 1}/{repetitions}: "
                    f"{builder.name:5} {scenario:9} {run.seconds:6.2f} s ({run.cpu_seconds:.2f} s CPU), "
                    f"{run.peak_mb:4.0f} MB{drawn}")
    return result


def _check_complete(builder, site):
    """Stop if the build lost comments, charts or figures: its time would mean nothing."""
    found, wanted = census(builder.output, site), expected(site)
    if found != wanted:
        raise BuildFailed(f"{builder.label}: the output has {found}, the sources {wanted}")


def _timed(builder, scenario):
    before = builder.drawn_charts() if builder.draws_charts else None
    build = builder.build()
    if not build.ok:
        raise BuildFailed(f"{builder.label}, {scenario}: the build failed:\n{build.log[-4000:]}")
    drawn = None if before is None else len(builder.drawn_charts() - before)
    return Run(builder.name, scenario, build.seconds, build.cpu_seconds, build.total_peak_mb,
               build.peak_mb, drawn)
