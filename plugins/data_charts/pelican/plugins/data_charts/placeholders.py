"""Fill one post's chart and figure placeholders with HTML, and list the charts to draw.

Works on plain values (the post's HTML, its addresses, the data set), so it
can be tested without Pelican. Mistakes are collected as messages naming the
post's file and line, and leave a visible note in place of what failed.
"""

from dataclasses import dataclass, field, replace
from html import escape, unescape
from pathlib import Path

from pelican.plugins.site_common.problems import Problem
from pelican.plugins.site_common.reading import failure_sentence

from .draw import RENDERINGS, DrawJob, sizes
from .errors import ChartError
from .figures import parse_figure_words
from .html import (
    SOURCES_NOTE_ID,
    csv_text,
    figure_html,
    figure_ref_html,
    source_text,
    sources_note_html,
)
from .layout import layout
from .markdown_ext import ALT_FIGURE, CHART_SLOT, FIGURE_SLOT, decode_chart_slot
from .selection import select, select_showing_gaps
from .spec import parse_spec
from .sums import caption_note


@dataclass(frozen=True)
class Post:
    """Where a post comes from and where its files go."""

    source_path: str  # relative to PATH, for messages
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
    base_url: str  # absolute; each file's address is this plus its suffix
    base_path: str  # relative to OUTPUT_PATH, likewise
    sizes: dict  # rendering -> (width, height) in CSS pixels
    job: DrawJob
    csv: str

    def url(self, suffix):
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
        return {"url": self.url("-card.png"), "width": 1200, "height": 630,
                "alt": f"{self.spec.title}. {source_text(self.sources)}"}


@dataclass
class Filled:
    html: str
    charts: list = field(default_factory=list)
    errors: list = field(default_factory=list)


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
                    f"{used_names[made.name]}; give each chart its own id"
                )
        except ChartError as error:
            where = _chart_label(text, number)
            return _report(filled, Problem(post.source_path, line, f"{where}: {error}"))
        except Exception as error:  # noqa: BLE001  (any failure is one sentence naming the post)
            return _report(filled, failure_sentence(f"{post.source_path}:{line}: chart {number}", error))
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
    for match in ALT_FIGURE.finditer(html):
        words = unescape(match.group("words"))
        place = where or _line_of(post.source_file, words)
        filled.errors.append(
            f"{post.source_path}:{place}: figure {{{{ {words} }}}} is in an image's alt text, "
            "where it cannot be filled in; write the number in the alt text, or put the figure in the caption"
        )
    def figure(match):
        words = unescape(match.group("words"))
        try:
            point = select(parse_figure_words(words), dataset)[0]
        except ChartError as error:
            line = _line_of(post.source_file, words)
            message = f"{where + ' ' if where else ''}figure {{{{ {words} }}}}: {error}"
            return _report(filled, Problem(post.source_path, line, message))
        used_sources[point.source] = dataset.sources[point.source]
        href = f"{post.url}#source-{point.source}"
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


def _report(filled, problem):
    message = str(problem)
    filled.errors.append(message)
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


def _line_of(source_file, words):
    try:
        text = Path(source_file).read_text(encoding="utf-8")
    except OSError:
        return None
    for number, line in enumerate(text.splitlines(), start=1):
        if words in line:
            return number
    return None
