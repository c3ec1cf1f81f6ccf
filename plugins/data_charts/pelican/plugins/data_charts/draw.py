"""Draw a ChartTable as SVG bytes with matplotlib's object API (no pyplot state).

matplotlib is imported inside render_svg, so a build whose charts all come
from the cache never pays for importing it. Each chart kind is a small
function handed an Axes; DRAWERS maps chart types to them.
"""

import io
import math
import textwrap
from dataclasses import dataclass
from pathlib import Path

from .formatting import format_number
from .palette import Palette
from .svg import finish_svg

STYLE_FILE = Path(__file__).with_name("charts.mplstyle")
DASHES = ("solid", (0, (5, 2)), (0, (1.5, 1.5)), (0, (6, 2, 1.5, 2)))
MARKERS = ("o", "s", "^", "D", "v", "P")
MAX_VALUE_LABELS = 16  # beyond this, numbers on bars crowd out the bars
# A chart takes about 70 ms to draw and a drawing process about a second to
# start, so a pool pays for itself from about a dozen charts.
POOL_FROM = 12


@dataclass(frozen=True)
class DrawJob:
    """Everything that shapes one SVG; picklable, so it can be drawn in another process."""

    table: object  # layout.ChartTable
    palette: Palette
    size: tuple[float, float]  # inches; the SVG scales to any width through its viewBox
    style: str = str(STYLE_FILE)


def render_svg(job):
    """Return the finished SVG for `job` as bytes."""
    import matplotlib.style  # noqa: PLC0415  (deferred: costs half a second)
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: PLC0415
    from matplotlib.figure import Figure  # noqa: PLC0415

    table = job.table
    rc = {
        "text.color": job.palette.colour("fg"),
        "axes.labelcolor": job.palette.colour("fg"),
        "axes.edgecolor": job.palette.colour("fg"),
        "xtick.color": job.palette.colour("fg"),
        "ytick.color": job.palette.colour("fg"),
        "grid.color": job.palette.colour("grid"),
    }
    with matplotlib.style.context([job.style, rc]):
        figure = Figure(figsize=job.size, layout="constrained")
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
        handles = DRAWERS[table.type](axes, table, job.palette.series)
        _format_axes(axes, table)
        if handles and len(table.series) > 1:
            figure.legend(handles=handles, loc="outside upper left", ncols=_legend_columns(table))
        # Lay the figure out once, measuring text on the Agg canvas it already
        # has, then detach the layout engine: with one attached, savefig draws
        # the whole figure an extra time before drawing it as SVG.
        figure.get_layout_engine().execute(figure)
        figure.set_layout_engine(None)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return finish_svg(buffer.getvalue().decode("utf-8"), job.palette, table.title).encode("utf-8")


def draw_bar(axes, table, colours):
    series = table.series[0]
    bars = axes.bar(_positions(table), _heights(series), color=colours[series.colour], width=0.6)
    _label_bars(axes, bars, series, table)
    return []


def draw_grouped_bar(axes, table, colours):
    count = len(table.series)
    width = 0.8 / count
    handles = []
    for index, series in enumerate(table.series):
        offset = (index - (count - 1) / 2) * width
        bars = axes.bar(
            [x + offset for x in _positions(table)], _heights(series), width=width,
            color=colours[series.colour], label=series.label,
        )
        if count * len(table.categories) <= MAX_VALUE_LABELS:
            _label_bars(axes, bars, series, table)
        handles.append(bars)
    return handles


def draw_stacked_bar(axes, table, colours):
    bottoms = [0] * len(table.categories)
    handles = []
    for series in table.series:
        heights = _heights(series)
        handles.append(
            axes.bar(_positions(table), heights, bottom=bottoms, width=0.6, color=colours[series.colour], label=series.label)
        )
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    # Legend order follows the stack from the top down, as the eye reads it.
    return handles[::-1]


def draw_line(axes, table, colours):
    handles = []
    for series in table.series:
        values = [math.nan if v is None else float(v) for v in series.values]
        (line,) = axes.plot(
            _positions(table), values, color=colours[series.colour], linestyle=DASHES[series.dash],
            marker=MARKERS[series.colour], label=series.label,
        )
        handles.append(line)
    return handles


DRAWERS = {
    "bar": draw_bar,
    "grouped-bar": draw_grouped_bar,
    "stacked-bar": draw_stacked_bar,
    "line": draw_line,
}


def _positions(table):
    return list(range(len(table.categories)))


def _heights(series):
    return [0 if v is None else float(v) for v in series.values]


def _legend_columns(table):
    # About 70 characters fit across the figure at the legend's font size.
    longest = max(len(series.label) for series in table.series)
    return max(1, min(3, len(table.series), 70 // (longest + 6)))


def _label_bars(axes, bars, series, table):
    labels = ["" if v is None else format_number(v, table.unit) for v in series.values]
    axes.bar_label(bars, labels=labels, padding=2, fontsize=9)


def _format_axes(axes, table):
    from matplotlib.ticker import FuncFormatter  # noqa: PLC0415

    axes.set_xticks(_positions(table), [textwrap.fill(c, 14) for c in table.categories])
    if len(table.categories) > 7:
        # Ten fiscal years side by side would run into each other.
        axes.tick_params(axis="x", labelrotation=40)
        for label in axes.get_xticklabels():
            label.set_horizontalalignment("right")
            label.set_rotation_mode("anchor")
    axes.set_ylabel(table.unit.capitalize())
    axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format_number(v, table.unit, axis=True)))
    axes.set_ylim(bottom=0)
    axes.margins(x=0.03 if table.type == "line" else 0.05)


class Drawer:
    """Draws charts in parallel processes, each from the moment it is handed over.

    Posts hand their charts over while Pelican is still reading, so the
    drawing overlaps the rest of the build. The pool starts at the
    POOL_FROM-th chart: fewer are drawn sooner here, at the end of the build,
    than new processes can start and import matplotlib. Processes are started fresh ('spawn') rather than forked,
    because the build runs a progress thread whose locks a forked child
    could inherit held.
    """

    def __init__(self, workers):
        self.workers = workers
        self.pool = None
        self.futures = {}
        self.held = {}  # jobs not yet sent to a pool

    def __contains__(self, key):
        return key in self.futures or key in self.held

    def submit(self, key, job):
        """Start drawing `job`; callers hand each key over once (`key in drawer` tells)."""
        self.held[key] = job
        if self.workers >= 2 and len(self.held) + len(self.futures) >= POOL_FROM:
            for held_key, held_job in self.held.items():
                self.futures[held_key] = self._pool().submit(render_svg, held_job)
            self.held = {}

    def _pool(self):
        if self.pool is None:
            from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415
            from multiprocessing import get_context  # noqa: PLC0415

            self.pool = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=get_context("spawn"),
            )
        return self.pool

    def results(self):
        """{key: SVG bytes} of every chart handed over, once all are drawn."""
        drawn = {key: render_svg(job) for key, job in self.held.items()}
        drawn.update((key, future.result()) for key, future in self.futures.items())
        self.close()
        return drawn

    def close(self, cancel=False):
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=cancel)
            self.pool = None
