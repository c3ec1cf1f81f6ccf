"""Turns the benchmark's runs into the results table, the target verdicts and the files."""

import json
import os
import platform
import statistics
from dataclasses import asdict

from .runs import SCENARIOS

BASELINE = ("plain", "cold")
# The targets on the 1,000-post site, as ratios to plain Pelican's cold build.
TARGET_SIZE = 1000
COLD_RATIO = 1.5
REBUILD_RATIO = 0.6
PEAK_MB = 400


def summarise(result):
    """{(builder, scenario): {"seconds", "peak_mb", "ratio", "charts_drawn", "runs"}}."""
    groups = {}
    for run in result.runs:
        groups.setdefault((run.builder, run.scenario), []).append(run)
    baseline = statistics.median(r.seconds for r in groups[BASELINE])
    summary = {}
    for key, runs in groups.items():
        seconds = statistics.median(r.seconds for r in runs)
        drawn = [r.charts_drawn for r in runs if r.charts_drawn is not None]
        summary[key] = {
            "seconds": seconds,
            "cpu_seconds": statistics.median(r.cpu_seconds for r in runs),
            "peak_mb": max(r.peak_mb for r in runs),
            "largest_process_mb": max(r.largest_process_mb for r in runs),
            "ratio": seconds / baseline,
            "charts_drawn": max(drawn) if drawn else None,
            "runs": len(runs),
        }
    return summary


def table(result, summary):
    lines = [
        f"### {result.posts:,} posts, {result.comments:,} comments, {result.charts} charts, "
        f"{result.figures} inline figures",
        "",
        f"Median of {result.repetitions} runs each. Peak memory is the most that the build's "
        "processes (Pelican and any chart drawers) held at once, in the heaviest run. "
        f"The changed row is {result.changed_row}, drawn by {result.charts_drawing_row} charts.",
        "",
        "| build | scenario | median time | × plain cold | median CPU time | peak memory | charts drawn |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for (builder, scenario), row in sorted(summary.items(), key=_order):
        drawn = "" if row["charts_drawn"] is None else str(row["charts_drawn"])
        lines.append(f"| {builder} | {SCENARIOS[scenario]} | {row['seconds']:.2f} s | "
                     f"{row['ratio']:.2f} | {row['cpu_seconds']:.2f} s | "
                     f"{row['peak_mb']:.0f} MB | {drawn} |")
    return "\n".join(lines)


def _order(item):
    builder, scenario = item[0]
    return (["ours", "plain", "hugo"].index(builder), list(SCENARIOS).index(scenario))


def verdicts(summaries):
    """Each target: (description, measured, met)."""
    by_size = dict(summaries)
    found = []
    if TARGET_SIZE in by_size:
        s = by_size[TARGET_SIZE]
        cold, unchanged, edit = s[("ours", "cold")], s[("ours", "unchanged")], s[("ours", "one-post")]
        peak = max(row["peak_mb"] for (builder, _), row in s.items() if builder == "ours")
        found += [
            (f"cold build ≤ {COLD_RATIO}× plain Pelican cold", f"{cold['ratio']:.2f}×",
             cold["ratio"] <= COLD_RATIO),
            (f"unchanged rebuild ≤ {REBUILD_RATIO}× plain cold, no chart drawn",
             f"{unchanged['ratio']:.2f}×, {unchanged['charts_drawn']} drawn",
             unchanged["ratio"] <= REBUILD_RATIO and unchanged["charts_drawn"] == 0),
            (f"one-post rebuild ≤ {REBUILD_RATIO}× plain cold", f"{edit['ratio']:.2f}×",
             edit["ratio"] <= REBUILD_RATIO),
            (f"peak memory < {PEAK_MB} MB", f"{peak:.0f} MB", peak < PEAK_MB),
        ]
    sizes = sorted(by_size)
    if len(sizes) >= 3:
        found.append(_linearity(sizes, by_size))
    return found


def _linearity(sizes, by_size):
    """Linear growth: each extra post costs no more at the large end than in the middle."""
    small, middle, large = sizes[0], sizes[len(sizes) // 2], sizes[-1]
    cold = {n: by_size[n][("ours", "cold")]["seconds"] for n in (small, middle, large)}
    lower = (cold[middle] - cold[small]) / (middle - small) * 1000
    upper = (cold[large] - cold[middle]) / (large - middle) * 1000
    # 15% of slack for noise between runs of different sizes.
    return (f"cold time grows no faster than linearly ({small}→{middle}→{large} posts)",
            f"{lower:.2f} s then {upper:.2f} s per extra 1,000 posts", upper <= lower * 1.15)


def search_table(searches):
    """Search at each size: the index, what one query downloads, and the time to index."""
    lines = [
        "### Search (Pagefind)",
        "",
        "Index: the bundle the build publishes in `pagefind/` (index, fragments, filters, "
        "Pagefind's script and WebAssembly). A query's download: every byte the search page "
        "fetched from it in Chromium until the results showed, uncompressed by the server. "
        "Indexing: Pagefind run cold on every searchable page, median of the size's runs; "
        "the check: what a build with no page changed spends deciding to reuse the cached index.",
        "",
        "| posts | pages indexed | index size | query | results | downloaded | indexing | check |",
        "|---:|---:|---:|---|---|---:|---:|---:|",
    ]
    for posts, found in sorted(searches.items()):
        size = f"{found.index_bytes / 1e6:.1f} MB in {found.index_files:,} files"
        timing = f"{found.index_seconds:.2f} s | {found.check_seconds:.2f} s"
        if not found.queries:
            lines.append(f"| {posts:,} | {found.pages:,} | {size} | {found.browser} | | | {timing} |")
        for query, seen in found.queries.items():
            lines.append(f"| {posts:,} | {found.pages:,} | {size} | `{query}` | {seen['results']} | "
                         f"{seen['bytes'] / 1e3:,.0f} kB in {seen['requests']} requests | {timing} |")
    return "\n".join(lines)


def markdown(results, summaries, seconds_total, searches=None):
    parts = ["# Build-speed benchmark", "",
             f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}. "
             f"Whole benchmark: {seconds_total / 60:.1f} minutes.", ""]
    for result in results:
        parts += [table(result, summaries[result.posts]), ""]
    if searches:
        parts += [search_table(searches), ""]
    parts += ["### Targets", "", "| target | measured | met |", "|---|---|---|"]
    for description, measured, met in verdicts(summaries.items()):
        parts.append(f"| {description} | {measured} | {'yes' if met else 'no'} |")
    return "\n".join(parts) + "\n"


def as_json(results, summaries, seconds_total, searches=None, drawing_ms=None, previews=None):
    return json.dumps({
        "seconds_total": seconds_total,
        "drawing_ms_per_chart": drawing_ms,
        "sizes": [{
            **{k: v for k, v in asdict(result).items() if k != "runs"},
            "runs": [asdict(run) for run in result.runs],
            "summary": [{"builder": b, "scenario": s, **row}
                        for (b, s), row in sorted(summaries[result.posts].items(), key=_order)],
        } for result in results],
        "targets": [{"target": d, "measured": m, "met": met}
                    for d, m, met in verdicts(summaries.items())],
        "search": {posts: asdict(found) for posts, found in sorted((searches or {}).items())},
        "live_preview_seconds": previews or {},
    }, indent=2)

