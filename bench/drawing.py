"""What each chart costs to draw, in each of its renderings, measured in this process.

A build draws every chart five ways (page SVG, narrow SVG, the stand-alone
PNG and its SVG from one layout, the card). This times each drawing for a
sample of the generated site's charts, in CPU time, and reports the extra
renderings as a ratio to the page SVG alone (what a chart cost before they
existed), measured in the same run.
"""

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


def drawing_costs(site, sample=SAMPLE):
    """{drawing: median milliseconds of CPU per chart}, plus 'all' and 'extra × page SVG'."""
    dataset = load_dataset(site.ours / DATA_DIR)
    palette = read_palette(PALETTE)
    post = Post("posts/bench.md", "", "https://bench.example/p/", "p")
    jobs = [make_chart(chart.block().split("\n", 1)[1].rsplit("```", 1)[0], 1, post, dataset, palette, (6.4, 4.0)).job
            for chart in site.charts[:sample]]
    # The first drawing pays for importing matplotlib and loading fonts: not a chart's cost.
    list(render_steps(jobs[0]))
    times = {}
    for job in jobs:
        started = time.process_time()
        for name, _files in render_steps(job):
            now = time.process_time()
            times.setdefault(name, []).append(now - started)
            started = now
    costs = {name: 1000 * statistics.median(values) for name, values in times.items()}
    costs["all"] = sum(costs.values())
    costs["extra × page SVG"] = (costs["all"] - costs["page SVG"]) / costs["page SVG"]
    return costs


def table(costs, charts):
    lines = [f"Drawing cost per chart (median CPU time over {charts} charts, drawn in one process):", "",
             "| drawing | ms per chart |", "|---|---:|"]
    lines += [f"| {name} | {value:.0f} |" for name, value in costs.items() if name not in ("extra × page SVG",)]
    lines.append(f"\nThe four renderings beside the page SVG cost {costs['extra × page SVG']:.1f}× the page SVG.")
    return "\n".join(lines)
