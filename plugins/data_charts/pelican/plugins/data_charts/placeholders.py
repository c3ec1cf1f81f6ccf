"""Fill one post's chart and figure placeholders with HTML, and list the charts to draw.

Works on plain values (the post's HTML, its addresses, the data set), so it
can be tested without Pelican. Mistakes are collected as messages naming the
post's file and line, and leave a visible note in place of what failed.
"""

from dataclasses import dataclass, field, replace
from html import escape, unescape
from pathlib import Path

from pelican.plugins.site_common.reading import failure

from .draw import RENDERINGS, DrawJob, sizes
from .errors import ChartError
from .figure_markup import (
    SOURCES_NOTE_ID,
    csv_text,
    figure_html,
    figure_ref_html,
    source_text,
    sources_note_html,
)
from .figures import SOURCE_HINT, parse_figure_words
from .layout import layout
from .markdown_ext import ALT_FIGURE, CHART_SLOT, FIGURE_SLOT, decode_chart_slot
from .selection import select, select_showing_gaps
from .spec import LIST_KEYS, parse_spec
from .sums import caption_note


@dataclass(frozen=True)
class Post:
    """Where a post comes from and where its files go."""

    source_path: str  # relative to PATH
    source_file: str  # the Markdown file, read only to find the line of a wrong inline figure
    url: str  # absolute address of the post
    output_dir: str  # directory of the post's files, relative to OUTPUT_PATH


@dataclass
class Chart:
    spec: object
    table: object
    points: list
    sources: list
    name: str
    base_url: str  # absolute; the card's address (for other sites) is this plus its suffix
    base_path: str  # relative to OUTPUT_PATH; each file's path is this plus its suffix
    sizes: dict  # rendering -> (width, height) in CSS pixels
    job: DrawJob
    csv: str

    def url(self, suffix):
        """A file's address as the post's own page links it: beside the page.

        Relative, so the page shows its charts wherever the site is served or
        opened from (a preview on another port, a folder on disk); feeds make
        it absolute (figure_markup.feed_html).
        """
        return f"{self.name}{suffix}"

    def absolute_url(self, suffix):
        return f"{self.base_url}{suffix}"

    def path(self, suffix):
        return f"{self.base_path}{suffix}"

    @property
    def drawn_paths(self):
        """{suffix: output path} of each drawn file."""
        return {suffix: self.path(suffix) for suffix in RENDERINGS}

    @property
    def card(self):
        """What a page's og:image tags need: the card's address, size and description."""
        return {"url": self.absolute_url("-card.png"), "width": 1200, "height": 630,
                "alt": f"{self.spec.title}. {source_text(self.sources)}"}


@dataclass
class Filled:
    html: str
    charts: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # (line in the post's file or None, message)


def fill(html, post, dataset, palette, size, summary_sources=()):
    """Return the post's HTML with charts and figures in place, its charts, and its mistakes.

    `summary_sources` are the sources of figures in the post's summary: their
    links point into this post's sources note, so the note must list them too.
    """
    filled = Filled(html)
    used_sources = {source.id: source for source in summary_sources}
    # A chart's name is its HTML id and its files' names, so two charts of a
    # post must not share one: chart name -> line of the chart that has it.
    used_names = {}

    def chart(match):
        text, line = decode_chart_slot(match)
        number = len(filled.charts) + 1
        try:
            made = make_chart(text, number, post, dataset, palette, size)
            if made.name in used_names:
                raise ChartError(
                    f"chart id '{made.name}' is already used by the chart on line "
                    f"{used_names[made.name]}; give each chart its own id", key="id"
                )
        except ChartError as error:
            where = _chart_label(text, number)
            return _report(filled, _line_in_block(text, line, error), f"{where}: {error}")
        except Exception as error:
            return _report(filled, line, "chart {}: {}; {}".format(number, *failure(error)))
        used_names[made.name] = line
        filled.charts.append(made)
        used_sources.update((s.id, s) for s in made.sources)
        return figure_html(made)

    html = CHART_SLOT.sub(chart, html)
    html = _fill_figures(html, post, dataset, filled, used_sources)
    if used_sources and f'id="{SOURCES_NOTE_ID}"' not in html:
        html += "\n" + sources_note_html([used_sources[key] for key in sorted(used_sources)])
    filled.html = html
    return filled


def fill_summary(html, post, dataset):
    """The summary's figures in place, and the sources they come from.

    A summary is shown in listings, feeds and search results, away from the
    post; each figure still links to the sources note at the end of the post.
    """
    filled = Filled(html)
    used_sources = {}
    filled.html = _fill_figures(html, post, dataset, filled, used_sources, where="summary")
    return filled, [used_sources[key] for key in sorted(used_sources)]


def _fill_figures(html, post, dataset, filled, used_sources, where=None):
    lines = _FigureLines(post.source_file, summary=where == "summary")
    alt_lines = _FigureLines(post.source_file, summary=where == "summary")
    for match in ALT_FIGURE.finditer(html):
        words = unescape(match.group("words"))
        filled.errors.append((
            alt_lines.next(words),
            f"figure {{{{ {words} }}}} is in an image's alt text, where it cannot be filled in; "
            "write the number in the alt text, or put the figure in the caption"))

    def figure(match):
        words = unescape(match.group("words"))
        line = lines.next(words)
        try:
            point = select(parse_figure_words(words), dataset, source_hint=SOURCE_HINT)[0]
        except ChartError as error:
            message = f"{where + ' ' if where else ''}figure {{{{ {words} }}}}: {error}"
            return _report(filled, line, message)
        used_sources[point.source] = dataset.sources[point.source]
        # In the body the sources note is on the same page; a summary is also
        # shown in listings and search results, away from it.
        note = f"#source-{point.source}"
        href = f"{post.url}{note}" if where == "summary" else note
        return figure_ref_html(point, href, dataset.sources, linked=not _inside_link(html, match.start()))

    return FIGURE_SLOT.sub(figure, html)


def _inside_link(html, position):
    """Whether `position` in `html` falls inside an <a> element's text."""
    before = html[:position]
    return before.rfind("<a ") > before.rfind("</a>")


def make_chart(text, number, post, dataset, palette, size):
    if not text.strip():
        raise ChartError("the chart block is empty or is never closed with ```")
    spec = parse_spec(text)
    points, gaps = select_showing_gaps(spec, dataset) if spec.shows_gaps else (select(spec, dataset), [])
    table = layout(spec, points, dataset.sources, gaps)
    # Parts drawn beside a total they do not add up to: the caption says so,
    # in words computed from the rows, so the note cannot go stale.
    note = caption_note(points, dataset.disagreements)
    if note:
        spec = replace(spec, caption=f"{spec.caption} {note}".strip())
    name = spec.id or f"chart-{number}"
    sources = [dataset.sources[key] for key in dict.fromkeys(p.source for p in points)]
    base_url = post.url if post.url.endswith("/") else post.url.rsplit("/", 1)[0] + "/"
    prefix = f"{post.output_dir}/{name}" if post.output_dir else name
    job = DrawJob(table=table, palette=palette, size=size, subtitle=spec.caption, source_line=source_text(sources),
                  short_source=source_text(sources, short=True))
    return Chart(
        spec=spec, table=table, points=points, sources=sources, name=name,
        base_url=f"{base_url}{name}", base_path=prefix, sizes=sizes(job), job=job,
        csv=csv_text(points, gaps),
    )


def _report(filled, line, message):
    filled.errors.append((line, message))
    return f'<p class="chart-error" role="alert">{escape(message)}</p>'


def _chart_label(text, number):
    """The chart's title if it can be read, else its position in the post."""
    try:
        return f"chart '{parse_spec(text).title}'"
    except ChartError:
        for line in text.splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "title" and value.strip():
                return f"chart '{value.strip()}'"
    return f"chart {number}"


def _line_in_block(text, fence_line, error):
    """The file's line of what `error` is about: its line in the block, its key's, or the fence's."""
    lines = text.splitlines()
    if error.block_line:
        return fence_line + error.block_line
    if error.key:
        names = {error.key} | {k for k, v in LIST_KEYS.items() if v in (error.key, LIST_KEYS.get(error.key))}
        for number, line in enumerate(lines, start=1):
            if line.partition(":")[0].strip() in names:
                return fence_line + number
    return fence_line


class _FigureLines:
    """Finds the line of each inline figure in the post's file, in order: the second
    copy of the same figure is on its own line, not the first one's."""

    def __init__(self, source_file, summary=False):
        self.source_file, self.summary, self.seen, self.text = source_file, summary, {}, None

    def next(self, words):
        if self.text is None:
            try:
                self.text = Path(self.source_file).read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                self.text = []
        found = [number for number, line in enumerate(self.text, start=1)
                 for _ in range(line.count(words))
                 if self._in_place(line)]
        index = self.seen.get(words, 0)
        self.seen[words] = index + 1
        return found[index] if index < len(found) else (found[-1] if found else None)

    def _in_place(self, line):
        # A summary's figures are on its `Summary:` line; the body's are anywhere else.
        return line.lower().startswith("summary:") == self.summary
