"""What each chart costs to draw, in each of its renderings, now and by the earlier drawing path, in this process.

A build draws every chart five ways (page SVG, narrow SVG, the stand-alone
PNG and its SVG from one layout, the card). This times each drawing for a
sample of the generated site's charts, in CPU time, two ways in the same run,
chart by chart in turn:

- **now**: the plugin's drawing as a build runs it (`draw.render_steps`);
- **before**: the same drawing with the two economies of `canvas.py` taken
  out, as charts were drawn before them: matplotlib's own Agg canvas, which
  measures every text anew for each figure, and matplotlib's own PNG writer,
  which keeps the alpha channel of an opaque picture.

Both draw the same figures; `same_pixels` checks that they give the same
SVG bytes and the same PNG pixels.
"""

import contextlib
import io
import statistics
import time
from pathlib import Path

from pelican.plugins.data_charts.dataset import load_dataset
from pelican.plugins.data_charts.draw import render_steps
from pelican.plugins.data_charts.palette import read_palette
from pelican.plugins.data_charts.placeholders import Post, make_chart

from .sitegen import DATA_DIR

ROOT = Path(__file__).resolve().parent.parent
PALETTE = ROOT / "theme" / "static" / "css" / "palette.css"
SAMPLE = 20  # charts; enough for a steady median, a few seconds to draw


def _matplotlib_png(figure, dpi):
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


@contextlib.contextmanager
def before():
    """Draw as before canvas.py: matplotlib's canvas and PNG writer (restored on leaving)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: PLC0415

    from pelican.plugins.data_charts import canvas  # noqa: PLC0415

    kept = canvas.Canvas, canvas.png_bytes
    canvas.Canvas, canvas.png_bytes = FigureCanvasAgg, _matplotlib_png
    try:
        yield
    finally:
        canvas.Canvas, canvas.png_bytes = kept


def sample_jobs(site, sample=SAMPLE):
    dataset = load_dataset(site.ours / DATA_DIR)
    palette = read_palette(PALETTE)
    post = Post("posts/bench.md", "", "https://bench.example/p/", "p")
    return [make_chart(chart.block().split("\n", 1)[1].rsplit("```", 1)[0], 1, post, dataset, palette, (6.4, 4.0)).job
            for chart in site.charts[:sample]]


def _timed(job, times):
    started = time.process_time()
    for name, _files in render_steps(job):
        now = time.process_time()
        times.setdefault(name, []).append(now - started)
        started = now


def drawing_costs(site, sample=SAMPLE):
    """{"now": costs, "before": costs}; costs are {drawing: median ms of CPU per chart} plus 'all'."""
    jobs = sample_jobs(site, sample)
    # The first drawing pays for importing matplotlib and loading fonts: not a chart's cost.
    list(render_steps(jobs[0]))
    times = {"now": {}, "before": {}}
    for job in jobs:
        # In turn, chart by chart, so a busy moment of the machine falls on neither alone.
        _timed(job, times["now"])
        with before():
            _timed(job, times["before"])
    costs = {}
    for way, measured in times.items():
        costs[way] = {name: 1000 * statistics.median(values) for name, values in measured.items()}
        costs[way]["all"] = sum(costs[way].values())
    return costs


def same_pixels(job):
    """True if the drawing now and before give the same SVG bytes and the same PNG pixels."""
    from PIL import Image  # noqa: PLC0415

    now = dict(item for _, files in render_steps(job) for item in files.items())
    with before():
        then = dict(item for _, files in render_steps(job) for item in files.items())
    for suffix, data in now.items():
        if suffix.endswith(".png"):
            if Image.open(io.BytesIO(data)).convert("RGBA").tobytes() != \
                    Image.open(io.BytesIO(then[suffix])).convert("RGBA").tobytes():
                return False
        elif data != then[suffix]:
            return False
    return True


def table(costs, charts):
    lines = [f"Drawing cost per chart (median CPU time over {charts} charts, drawn in one process, "
             "the earlier path and the current one in turn):", "",
             "| drawing | before, ms per chart | now, ms per chart | now ÷ before |", "|---|---:|---:|---:|"]
    for name, now in costs["now"].items():
        then = costs["before"][name]
        lines.append(f"| {name} | {then:.0f} | {now:.0f} | {now / then:.2f} |")
    return "\n".join(lines)
