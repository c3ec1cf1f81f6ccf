"""Draw a ChartTable in every form a reader meets it, with matplotlib's object API (no pyplot state).

One chart gives five files: the page's SVG and its narrow twin for phones
(both follow the reader's colour scheme and leave title and source to the
page), and a stand-alone picture with title, subtitle, units, gaps and source
drawn in on an opaque light background, saved as a PNG at twice its size for
feeds and mail and as the downloadable SVG, plus a 1200 x 630 PNG card for
social sharing. matplotlib is imported inside `render`, so a build whose
charts all come from the cache never pays for importing it.
"""

import functools
import io
import textwrap
from dataclasses import dataclass, replace
from pathlib import Path

from .chart_types import CHART_TYPES
from .formatting import format_number
from .palette import Palette
from .svg import finish_standalone_svg, finish_svg

STYLE_FILE = Path(__file__).with_name("charts.mplstyle")
# A chart takes about a quarter of a second to draw in all its forms and a
# drawing process about a second to start, so a pool pays from a few charts.
POOL_FROM = 6
# The files drawn for each chart, by the suffix each gets after the chart's name.
RENDERINGS = (".svg", "-narrow.svg", ".png", "-full.svg", "-card.png")
PNG_SCALE = 2  # device pixels per CSS pixel: sharp on high-density screens
CSS_PX_PER_INCH = 100  # the stand-alone picture is 640 CSS px wide at 6.4 in
CARD_SIZE = (6.0, 3.15)  # inches; at 200 dpi, the 1200 x 630 px social networks ask for
NARROW_WIDTH = 4.0  # inches, for a 328 px column: 10 pt text shows at 11.4 CSS px


@dataclass(frozen=True)
class DrawJob:
    """Everything that shapes one chart's files; picklable, so it can be drawn in another process."""

    table: object  # layout.ChartTable
    palette: Palette
    size: tuple[float, float]  # inches; the page SVG scales to any width through its viewBox
    subtitle: str = ""  # the caption, drawn under the title in the stand-alone picture
    source_line: str = ""  # "Source: publisher, title, date." as plain text
    short_source: str = ""  # "Source: publisher, year." for the card, where space is short
    style: str = str(STYLE_FILE)


@dataclass(frozen=True)
class Look:
    """How one rendering is laid out: its size, what it draws in, how small its text may get."""

    size: tuple[float, float]
    framed: bool = False  # title, subtitle, gaps and source drawn in, on an opaque background
    narrow: bool = False  # one legend column
    sparse: bool = False  # a line chart labels every other period
    value_size: float = 9
    wrap: int = 14  # characters per line of a category label
    max_ticks: int = 6
    subtitle: bool = True  # a card has room for neither the subtitle nor the full source
    fixed: bool = False  # the size is the whole picture's; else framing text adds to its height
    title_pt: float = 13


def looks(job):
    """The Look of each rendering, in RENDERINGS order (the PNG and full SVG share one)."""
    width, height = job.size
    narrow = Look((NARROW_WIDTH, 3.3), narrow=True, value_size=10, wrap=10, max_ticks=4, sparse=True)
    # The phone's legend is one column above the plot: the picture grows by its lines.
    if len(job.table.series) > 1:
        lines = sum(label.count("\n") + 1 for label in _legend_labels([s.label for s in job.table.series], narrow))
        narrow = replace(narrow, size=(NARROW_WIDTH, 3.3 + 0.2 * lines))
    return {
        "page": Look(job.size),
        "narrow": narrow,
        "full": Look((width, height), framed=True),
        "card": Look(CARD_SIZE, framed=True, subtitle=False, fixed=True, title_pt=12, max_ticks=3, sparse=True),
    }


def sizes(job):
    """(width, height) of each rendering in CSS pixels, known before anything is drawn.

    SVG user units are points, which a browser shows as pixels before scaling.
    """
    each = looks(job)
    points = {name: (round(each[name].size[0] * 72), round(each[name].size[1] * 72)) for name in ("page", "narrow")}
    full = each["full"]
    return {
        **points,
        "png": (round(full.size[0] * CSS_PX_PER_INCH), round(_height(job, full) * CSS_PX_PER_INCH)),
        "card": (1200, 630),
    }


def _height(job, look):
    """The figure's height in inches: framing text adds to it unless the size is fixed."""
    if not look.framed or look.fixed:
        return look.size[1]
    header, footer = _frame(job, look)
    # In hundredths of an inch, so the PNG's pixels and its CSS size agree exactly.
    return round(look.size[1] + _block_height(header) + _block_height(footer), 2)


def render(job):
    """{suffix: bytes} for every file in RENDERINGS."""
    files = {}
    for _, made in render_steps(job):
        files.update(made)
    return files


def render_steps(job):
    """Yield (what, {suffix: bytes}) for each drawing in turn, so the benchmark can time each."""
    import matplotlib.style  # noqa: PLC0415  (deferred: costs half a second)

    fg, bg = job.palette.colour("fg"), job.palette.colour("bg")
    rc = {
        "text.color": fg, "axes.labelcolor": fg, "axes.edgecolor": fg,
        "xtick.color": fg, "ytick.color": fg, "grid.color": job.palette.colour("grid"),
    }
    each = looks(job)
    title = job.table.title
    with matplotlib.style.context([job.style, rc]):
        page = finish_svg(_save(_figure(job, each["page"]), "svg"), job.palette, title)
        yield "page SVG", {".svg": page.encode("utf-8")}
        narrow = finish_svg(_save(_figure(job, each["narrow"]), "svg"), job.palette, title)
        yield "narrow SVG", {"-narrow.svg": narrow.encode("utf-8")}
        with matplotlib.style.context({"figure.facecolor": bg, "savefig.facecolor": bg}):
            # Laid out once, saved twice: the PNG for feeds and the SVG to download.
            full = _figure(job, each["full"])
            png = _save(full, "png", dpi=CSS_PX_PER_INCH * PNG_SCALE)
            download = finish_standalone_svg(_save(full, "svg"), job.palette, title)
            yield "stand-alone PNG and SVG", {".png": png, "-full.svg": download.encode("utf-8")}
            card = _save(_figure(job, each["card"]), "png", dpi=1200 / CARD_SIZE[0])
            yield "card PNG", {"-card.png": card}


@dataclass(frozen=True)
class SiteCardJob:
    """The picture shared for pages without a chart: the site's name and what it is about."""

    name: str
    subtitle: str
    address: str
    palette: Palette
    style: str = str(STYLE_FILE)


def render_site_card(job):
    """The site's 1200 x 630 PNG card: name, subtitle and address on the light background.

    A band of the six chart colours runs along the foot: equal blocks, so
    nobody could take it for a chart of numbers.
    """
    import matplotlib.style  # noqa: PLC0415
    from matplotlib.figure import Figure  # noqa: PLC0415
    from matplotlib.patches import Rectangle  # noqa: PLC0415

    from .canvas import Canvas  # noqa: PLC0415

    fg, bg = job.palette.colour("fg"), job.palette.colour("bg")
    with matplotlib.style.context([job.style, {"figure.facecolor": bg, "savefig.facecolor": bg}]):
        figure = Figure(figsize=CARD_SIZE)
        Canvas(figure)
        figure.text(0.07, 0.78, job.name, fontsize=34, fontweight="bold", color=fg, va="top")
        figure.text(0.07, 0.55, textwrap.fill(job.subtitle, 44), fontsize=17, color=fg, va="top", linespacing=1.3)
        figure.text(0.07, 0.16, job.address.split("://", 1)[-1], fontsize=11, color=fg, va="bottom")
        share = 1 / len(job.palette.series)
        for index, colour in enumerate(job.palette.series):
            figure.add_artist(Rectangle((index * share, 0), share, 0.06, color=colour))
        return _save(figure, "png", dpi=1200 / CARD_SIZE[0])


def _figure(job, look):
    """A laid-out Figure for `look`; the caller saves it."""
    from matplotlib.figure import Figure  # noqa: PLC0415

    from .canvas import Canvas  # noqa: PLC0415

    table = job.table
    header, footer = _frame(job, look) if look.framed else ((), ())
    figure = Figure(figsize=(look.size[0], _height(job, look)), layout="constrained")
    Canvas(figure)
    axes = figure.add_subplot()
    handles = CHART_TYPES[table.type].draw(axes, table, job.palette.series, look)
    _format_axes(axes, table, look)
    if handles and len(table.series) > 1:
        # Above the plot, inside the area the layout fills, left-aligned with it.
        columns = _legend_columns(table, look)
        labels = _legend_labels([handle.get_label() for handle in handles], look, columns)
        axes.legend(handles=handles, labels=labels, loc="lower left", bbox_to_anchor=(0, 1.02), borderaxespad=0,
                    ncols=columns)
    if look.framed:
        _draw_frame(figure, header, footer, job.palette)
    _lay_out(figure, axes, table)
    return figure


def _lay_out(figure, axes, table):
    """Place everything, turning or moving labels that would collide, then settle value labels or gridlines.

    The layout measures text on the Agg canvas the figure already has, and is
    detached at the end: with an engine attached, savefig lays the whole
    figure out again before drawing it.
    """
    figure.get_layout_engine().execute(figure)
    if _crowded_ticks(figure, axes):
        _slant_ticks(axes, table)
        figure.get_layout_engine().execute(figure)
    for margin in (0.08, 0.14, 0.2):
        # A slanted first label can reach back under the value axis's labels:
        # move the first category away from the axis until they part.
        below = _extents(figure, axes.get_xticklabels())
        if not _overlap(below + _extents(figure, axes.get_yticklabels()), margin=4, within=False, groups=len(below)):
            break
        axes.margins(x=margin)
        figure.get_layout_engine().execute(figure)
    _values_or_gridlines(figure, axes)
    figure.set_layout_engine(None)


def _save(figure, kind, dpi=None):
    if kind == "png":
        from .canvas import png_bytes  # noqa: PLC0415

        return png_bytes(figure, dpi)
    buffer = io.BytesIO()
    # No dates and no software version in the files: the same chart gives the same bytes.
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue().decode("utf-8")


# Text drawn into a framed picture: (text, points, bold), one entry per line.
SUBTITLE_PT, NOTE_PT = 10.5, 9
LINE_SPACING = 1.3
PAD = 0.14  # inches around the frame's text


def _frame(job, look):
    width_pt = (look.size[0] - 2 * PAD) * 72
    header = _lines(job.table.title, look.title_pt, True, width_pt)
    if look.subtitle and job.subtitle:
        header += _lines(job.subtitle, SUBTITLE_PT, False, width_pt)
    footer = []
    if job.table.gaps:
        footer += _lines(job.table.gap_note, NOTE_PT, True, width_pt)
    footer += _lines(job.source_line if look.subtitle else job.short_source, NOTE_PT, False, width_pt)
    return header, footer


def _lines(text, points, bold, width_pt):
    # DejaVu Sans averages about 0.6 em a character (bold a little more).
    per_line = max(20, int(width_pt / (points * (0.66 if bold else 0.6))))
    return [(line, points, bold) for line in textwrap.wrap(text, per_line)]


def _block_height(lines):
    if not lines:
        return 0
    return PAD + sum(points * LINE_SPACING for _, points, _ in lines) / 72


def _draw_frame(figure, header, footer, palette):
    width, height = figure.get_size_inches()
    y = height - PAD
    for text, points, bold in header:
        figure.text(PAD / width, y / height, text, fontsize=points, fontweight="bold" if bold else "normal",
                    va="top", ha="left", color=palette.colour("fg"))
        y -= points * LINE_SPACING / 72
    top = y - PAD / 2
    y = PAD + sum(points * LINE_SPACING for _, points, _ in footer) / 72
    bottom = y + PAD / 2
    for text, points, bold in footer:
        figure.text(PAD / width, y / height, text, fontsize=points, fontweight="bold" if bold else "normal",
                    va="top", ha="left", color=palette.colour("fg"))
        y -= points * LINE_SPACING / 72
    # The chart and its legend fill what the text leaves.
    figure.get_layout_engine().set(rect=(0, bottom / height, 1, (top - bottom) / height))


# A legend entry is its label plus about six characters of line and spacing.
LEGEND_ENTRY = 6
# Points, at the legend's 10 pt: what a one-column legend's labels leave of the
# width, for the value axis's labels and name (where the legend starts) and
# for the line or patch before each label.
VALUE_AXIS_PT, LEGEND_HANDLE_PT = 48, 36


def _legend_fits(look):
    """How many characters of 10 pt text fit across the picture."""
    return int(look.size[0] * 72 / (10 * 0.6))


def _legend_columns(table, look):
    if look.narrow:
        return 1
    longest = max(len(series.label) for series in table.series)
    return max(1, min(3, len(table.series), _legend_fits(look) // (longest + LEGEND_ENTRY)))


def _legend_labels(labels, look, columns=1):
    """The labels, a long one broken into lines when the legend is one column.

    A column of labels wider than the plot would push the plot aside (the
    layout makes room for the legend beside it), as a phone's legend of
    "Honduran nationals · Granted affirmatively (asylum office)" did. Several
    columns are chosen only where their labels fit (_legend_columns).
    """
    if columns > 1:
        return list(labels)
    room = look.size[0] * 72 - VALUE_AXIS_PT - LEGEND_HANDLE_PT
    return [_wrap_to(label, room) for label in labels]


def _wrap_to(text, room):
    """`text` in lines at most `room` points wide in 10 pt DejaVu Sans, as even as that many lines can be."""
    lines = _lines_within(text, room)
    if len(lines) > 1:
        # "Granted defensively (immigration / judge)" reads worse than two even lines.
        share = _width_pt(text) / len(lines)
        for slack in (1.05, 1.1, 1.2, 1.3):
            even = _lines_within(text, min(room, share * slack))
            if len(even) == len(lines):
                lines = even
                break
    return "\n".join(lines)


def _lines_within(text, room):
    """`text` broken at spaces, each line as long as fits in `room` points; a longer word stays whole."""
    lines, line = [], ""
    for word in text.split(" "):
        longer = f"{line} {word}" if line else word
        if line and _width_pt(longer) > room:
            lines.append(line)
            line = word
        else:
            line = longer
    return [*lines, line]


@functools.cache
def _label_font():
    """DejaVu Sans, the charts' font, from matplotlib's own copy, without importing matplotlib.

    Measured by FreeType through Pillow, a label is within 2% of the width
    matplotlib gives it; sizes() needs the legend's lines before anything is drawn.
    """
    from importlib.util import find_spec  # noqa: PLC0415

    from PIL import ImageFont  # noqa: PLC0415

    package = Path(find_spec("matplotlib").submodule_search_locations[0])
    return ImageFont.truetype(str(package / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf"), 100)


def _width_pt(text, points=10):
    return _label_font().getlength(text) * points / 100


def _format_axes(axes, table, look):
    from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: PLC0415

    continuous = CHART_TYPES[table.type].continuous
    labels = [textwrap.fill(c, look.wrap, break_long_words=False) for c in table.categories]
    if look.sparse and continuous and len(labels) > 6:
        labels = [label if index % 2 == 0 else "" for index, label in enumerate(labels)]
    axes.set_xticks(range(len(labels)), labels)
    # The value axis's name runs up its side: wrapped to fit about two thirds of its height.
    axes.set_ylabel(textwrap.fill(table.axis_label, max(16, int(look.size[1] * 72 * 0.66 / (11 * 0.6)))))
    axes.yaxis.set_major_locator(MaxNLocator(look.max_ticks))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format_number(v, table.unit, axis=True)))
    axes.set_ylim(bottom=0)
    axes.margins(x=0.03 if continuous else 0.05, y=0.12)


def _extents(figure, texts):
    renderer = figure.canvas.get_renderer()
    return [text.get_window_extent(renderer) for text in texts if text.get_visible() and text.get_text()]


def _overlap(boxes, margin=2, within=True, groups=None):
    """True if any two of the boxes come within `margin` pixels of each other.

    With `within=False`, only pairs across the split at index `groups` count:
    the first group's boxes against the second's.
    """
    boxes = [box.expanded(1, 1).padded(margin / 2) for box in boxes]
    pairs = ((a, b) for i, a in enumerate(boxes) for j, b in enumerate(boxes[i + 1 :], start=i + 1)
             if within or (i < groups <= j))
    return any(a.overlaps(b) for a, b in pairs)


def _crowded_ticks(figure, axes):
    return _overlap(_extents(figure, axes.get_xticklabels()))


def _slant_ticks(axes, table):
    """Turn the category labels, as little as keeps neighbours from touching."""
    import math  # noqa: PLC0415

    # Slanted labels sit side by side as single lines; wrapped ones would collide.
    shown = [label.get_text() for label in axes.get_xticklabels()]
    axes.set_xticks(axes.get_xticks(), [c if text else "" for c, text in zip(table.categories, shown, strict=True)])
    # Two slanted labels are as far apart, across their slant, as their ticks
    # are times the sine of the angle: that must exceed a line of text.
    labelled = [x for x, text in zip(axes.get_xticks(), shown, strict=True) if text]
    step = min((b - a for a, b in zip(labelled, labelled[1:], strict=False)), default=1)
    x0, x1 = axes.transData.transform([(0, 0), (step, 0)])[:, 0]
    label = axes.get_xticklabels()[0]
    line = label.get_fontsize() * axes.figure.dpi / 72 * 1.35
    angle = next((a for a in (40, 60) if (x1 - x0) * math.sin(math.radians(a)) >= line), 90)
    axes.tick_params(axis="x", labelrotation=angle)
    for label in axes.get_xticklabels():
        label.set_horizontalalignment("right")
        label.set_rotation_mode("anchor")


def _values_or_gridlines(figure, axes):
    """Keep the numbers on the bars if they all fit apart; otherwise drop them and draw gridlines."""
    values = [text for text in axes.texts if getattr(text, "chart_role", "") == "value"]
    if values:
        others = [text for text in axes.texts if getattr(text, "chart_role", "") == "gap"]
        boxes = _extents(figure, values + others + axes.get_xticklabels())
        if not _overlap(boxes):
            axes.grid(False)
            return
        for text in values:
            text.remove()
    axes.grid(True, axis="y")


class Drawer:
    """Draws charts in parallel processes, each from the moment it is handed over.

    Posts hand their charts over while Pelican is still reading, so the
    drawing overlaps the rest of the build. The pool starts at the
    POOL_FROM-th chart: fewer are drawn sooner here, at the end of the build,
    than new processes can start and import matplotlib. Processes are started
    fresh ('spawn') rather than forked, because the build runs a progress
    thread whose locks a forked child could inherit held.
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
                self.futures[held_key] = self._pool().submit(render, held_job)
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
        """{key: {suffix: bytes}} of every chart handed over, once all are drawn."""
        drawn = {key: render(job) for key, job in self.held.items()}
        drawn.update((key, future.result()) for key, future in self.futures.items())
        self.close()
        return drawn

    def close(self, cancel=False):
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=cancel)
            self.pool = None
