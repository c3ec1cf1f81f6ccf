"""Pelican glue: read the data set at the start of each build, fill posts in, draw what the cache lacks, write the files, fit feeds."""

import hashlib
import logging
import posixpath
import time
from dataclasses import dataclass, field
from pathlib import Path

from pelican import signals

from pelican.plugins.site_common import pipeline
from pelican.plugins.site_common.files import write_if_changed
from pelican.plugins.site_common.lasting import Lasting
from pelican.plugins.site_common.text import absolute_url

from .asking import Answers, Asking
from .cache import ChartCache, cache_key
from .checkcache import CheckCache
from .dataset import read_dataset
from .draw import Drawer, SiteCardJob, render_site_card
from .errors import ChartError
from .figure_markup import feed_html
from .markdown_ext import ALT_FIGURE, CHART_SLOT, FIGURE_SLOT, ChartsExtension
from .palette import read_palette
from .placeholders import Post, fill, fill_summary
from .postcheck import check_read_post, read_for_checks
from .settings import SCHEMA, resolve

logger = logging.getLogger(__name__)
PART = "data_charts"


@dataclass
class Build:
    """What one build knows about charts; made afresh at the start of each build."""

    config: object
    dataset: object  # None when missing or wrong; `unusable` says why
    palette: object
    unusable: str = ""
    charts: dict = field(default_factory=dict)  # base output path -> placeholders.Chart
    keys: dict = field(default_factory=dict)  # base output path -> cache key
    found: dict = field(default_factory=dict)  # cache key -> {suffix: bytes} from the cache
    drawer: object = None
    mistakes: int = 0
    drawn: int = 0
    cached: int = 0
    _data_digest: str = None
    _checks: object = None

    def checks(self):
        """The number checks kept by earlier builds for this data set (checkcache.py)."""
        if self._checks is None:
            self._checks = CheckCache(self.config.cache_path, self.data_digest())
        return self._checks

    def save_checks(self):
        if self._checks is not None:
            self._checks.save()

    def data_digest(self):
        """A digest of every file of the data set, read once per build."""
        if self._data_digest is None:
            digest = hashlib.sha256()
            for path in sorted(p for p in Path(self.config.data_path).rglob("*") if p.is_file()):
                digest.update(path.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
            self._data_digest = digest.hexdigest()
        return self._data_digest

    def want(self, chart):
        """Take the chart from the cache, or start drawing it now."""
        key = self.keys[chart.base_path] = cache_key(chart.job)
        if key in self.found or key in self.drawer:
            return
        files = ChartCache(self.config.cache_path).get(key)
        if files is None:
            self.drawer.submit(key, chart.job)
        else:
            self.found[key] = files


def register():
    pipeline.connect()
    # The Markdown syntax only marks where charts go; it holds no build state,
    # so it is added once, when the settings are final.
    signals.initialized.connect(add_markdown_syntax)
    # The first generator of each build is made before any post is read: the
    # data set and palette are read then, every build (so `pelican -r` sees edits).
    signals.generator_init.connect(start_build)
    # A post's address is known only once its object exists, and feeds need
    # absolute addresses for chart images.
    signals.content_object_init.connect(fill_post)
    # Every post and page, figures or not: a number typed by hand is the
    # mistake this looks for, and a post without figures can hold one.
    signals.content_object_init.connect(check_numbers)
    pipeline.content_reused.connect(fill_post_again)
    # A kept post is checked against this build's data set, which may have changed.
    pipeline.content_reused.connect(check_numbers)
    # A preview waiting for a save reads ahead what a data-row change would check.
    pipeline.idle.connect(read_ahead)
    # Plugin generators run after articles and pages are read: draw then, write
    # the files in the output phase, after the output directory is cleaned.
    signals.get_generators.connect(charts_generator)
    # A strict build that stops needs none of the charts being drawn.
    pipeline.stopping.connect(cancel_drawing)
    # Each feed's items exist here and are not yet written: swap each chart's
    # scheme-following SVG for its light PNG, which feed readers and mail show.
    signals.feed_generated.connect(fit_feed)


def add_markdown_syntax(pelican):
    extensions = pelican.settings["MARKDOWN"].setdefault("extensions", [])
    if not any(isinstance(extension, ChartsExtension) for extension in extensions):
        extensions.append(ChartsExtension())


def start_build(generator):
    state = pipeline.this_build(generator.context)
    state.part(PART, lambda: _read_inputs(state, generator.settings))
    # Templates give pages without a chart of their own this picture to share.
    generator.context["CHARTS_SITE_CARD"] = site_card(generator.settings)


SITE_CARD_PATH = "site-card.png"


def site_card(settings):
    """The og:image of pages without a chart: the site's card, drawn by this plugin."""
    return {"url": absolute_url(settings.get("SITEURL", ""), SITE_CARD_PATH), "width": 1200, "height": 630,
            "alt": f"{settings.get('SITENAME', '')}: {settings.get('SITESUBTITLE', '')}"}


def fit_feed(context, feed):
    if this_build_charts(context) is None:
        return
    for item in feed.items:
        for field_name in ("content", "description"):
            if item.get(field_name):
                item[field_name] = feed_html(item[field_name], item["link"])


def _read_inputs(state, settings):
    config = resolve(state.config(SCHEMA, settings), settings)
    dataset, unusable, palette = None, "", None
    try:
        palette = read_palette(config.palette_path)
    except ChartError as error:
        state.add(config.palette_path, None, str(error))
        unusable = "the chart palette has a mistake, listed in the build's report"
    if config.data_path.is_dir():
        dataset, mistakes = read_dataset(config.data_path, state.where(config.data_path))
        for mistake in mistakes:
            state.add(mistake.path, mistake.line, mistake.message)
        # Rows breaking a sum rule the README does not explain (already Problems).
        state.problems.extend(dataset.problems if dataset else ())
        if dataset is None:
            unusable = "the data set cannot be read; the build's report says why"
        elif mistakes:
            unusable = "the data set has mistakes, listed in the build's report"
    else:
        unusable = (f"charts and figures need the data set, but {state.where(config.data_path)} "
                    "(CHARTS_DATA_PATH) does not exist")
    if not unusable:
        # How a preview tells whether a kept post's questions (asked_of) get other answers now.
        state.answers[str(config.data_path)] = Answers(dataset)
    return Build(config, dataset, palette, unusable=unusable, drawer=Drawer(config.workers))


def this_build_charts(context):
    return pipeline.this_build(context).parts.get(PART)


def stats(state):
    """Charts drawn and served from the cache in a build (its BuildState), for tests and benchmarks."""
    build = state.parts.get(PART)
    if build is None:
        return {"charts": 0, "drawn": 0, "cached": 0, "mistakes": 0}
    return {"charts": len(build.charts), "drawn": build.drawn, "cached": build.cached,
            "mistakes": build.mistakes}


def fill_post(content):
    _REGISTERED.pop(getattr(content, "source_path", None), None)
    html = getattr(content, "_content", None)
    summary = content.metadata.get("summary") if hasattr(content, "metadata") else None
    context = getattr(content, "_context", None)
    if context is None or not (_has_slots(html) or _has_slots(summary)):
        return
    state = pipeline.this_build(context)
    build = state.part(PART, lambda: _read_inputs(state, content.settings))
    # A preview keeps posts without figures when the data set changes, and reads this one again.
    pipeline.drew_on(content, build.config.data_path)
    registered = _REGISTERED[content.source_path] = ([], [])
    post = Post(
        source_path=content.relative_source_path,
        source_file=content.source_path,
        url=absolute_url(content.settings.get("SITEURL", ""), content.url),
        output_dir=posixpath.dirname(content.save_as),
    )

    def report(errors):
        for line, message in errors:
            state.add(content.source_path, line, message)
        build.mistakes += len(errors)
        registered[0].extend(errors)

    if build.dataset is None or build.palette is None:
        if build.dataset is None:
            report([(None, build.unusable)])
        _leave_notes(content, html, summary, build.unusable)
        return
    filled_summary, filled, questions = _filled(html, summary, post, build)
    if not build.unusable:
        # What it asked of the data set: a preview keeps it while the answers stay the same.
        pipeline.asked_of(content, build.config.data_path, questions)
    if filled_summary is not None:
        # Pelican shows the summary from its metadata, and copies `_summary`
        # back over it when it resolves links: both must hold the figures.
        content.metadata["summary"] = content._summary = filled_summary.html
        report(filled_summary.errors)
    report(filled.errors)
    if build.unusable:
        # Checked against the good rows, so every mistake is reported; drawn from none.
        _leave_notes(content, html, summary, build.unusable)
        return
    content._content = filled.html
    build.charts.update((chart.base_path, chart) for chart in filled.charts)
    if filled.charts:
        # A shared link shows the post's first chart.
        content.chart_card = filled.charts[0].card
    for chart in filled.charts:
        build.want(chart)
    registered[1].extend(filled.charts)


def fill_post_again(content):
    """A post a long-lived preview kept from its last build: its mistakes and charts, recorded in this build."""
    registered = _REGISTERED.get(getattr(content, "source_path", None))
    context = getattr(content, "_context", None)
    if registered is None or context is None:
        return
    state = pipeline.this_build(context)
    build = state.part(PART, lambda: _read_inputs(state, content.settings))
    errors, charts = registered
    for line, message in errors:
        state.add(content.source_path, line, message)
    build.mistakes += len(errors)
    build.charts.update((chart.base_path, chart) for chart in charts)
    for chart in charts:
        build.want(chart)


# What each post's filling recorded in its build, for a preview that keeps
# the post for its next build (fill_post_again).
_REGISTERED = {}  # source path -> ([(line, message)], [Chart])


def _filled(html, summary, post, build):
    """(filled summary or None, filled body, what it asked of the data set) of a post.

    Kept for the next build of a long-lived preview.
    """
    # The source too: a mistake's line number is found in it.
    key = (html, summary, repr(post), _source_text(post.source_file), build.data_digest(),
           repr(build.palette), repr(build.config.size))

    def make():
        filled_summary, summary_sources = None, []
        asking = Asking(build.dataset)
        if _has_slots(summary):
            filled_summary, summary_sources = fill_summary(summary, post, asking)
        filled = fill(html or "", post, asking, build.palette, build.config.size, summary_sources)
        return filled_summary, filled, frozenset(asking.questions)

    return _FILLED.get(post.source_file, key, make)


def _source_text(path):
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


# Like the number checks below: a post's charts and figures, filled from
# the same text, data set, palette and sizes, come out the same.
_FILLED = Lasting()  # source file -> (filled summary, filled body)


def check_numbers(content):
    """Report the post's hand-typed figures, contradicting counts, unexplained sums and later sources."""
    source = getattr(content, "source_path", None)
    context = getattr(content, "_context", None)
    if context is None or not str(source).endswith(".md") or not hasattr(content, "_content"):
        return
    state = pipeline.this_build(context)
    build = state.parts.get(PART)
    if build is None or build.dataset is None:
        return
    text = Path(source).read_text(encoding="utf-8")
    where = state.where(source)
    key = (text, str(where), build.data_digest())

    def check():
        def read_and_check():
            post = _READ.get(source, text, lambda: read_for_checks(text))
            return check_read_post(post, where, build.dataset)

        return build.checks().get(source, text, str(where), read_and_check)

    state.problems.extend(_CHECKED.get(source, key, check))


# A long-lived preview (live_preview) builds the same posts again and again:
# a post whose source and data set are unchanged has the same number
# problems, so they are kept between builds of one process, one entry a post.
_CHECKED = Lasting()  # source path -> problems, made from (text, path as reported, data set digest)
# When the data set changes, every post is checked again; what the checks
# find in a post's text alone (its numbers, the counts it states, the names
# it mentions) is kept, so only the looking up is done again.
_READ = Lasting()  # source path -> posttext.PostText, made from the source's text


def read_ahead(sender, seconds=0.1):
    """Read, for about `seconds`, the texts of posts whose problems a build took from the disk cache.

    A preview started on the caches of `make html` has checked no post
    itself: its first data-row change would read every post's text for the
    checks (about 3.6 s on 1,000 posts). Sent while the preview waits
    (site_common.pipeline.idle); True while posts remain.
    """
    started = time.perf_counter()
    for source in _CHECKED.names():
        if source in _READ:
            continue
        if time.perf_counter() - started > seconds:
            return True
        try:
            text = Path(source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the next build reports it
        _READ.get(source, text, lambda text=text: read_for_checks(text))
    return False


def _leave_notes(content, html, summary, reason):
    content._content = _unusable_note(html, reason)
    if _has_slots(summary):
        content.metadata["summary"] = content._summary = _unusable_note(summary, reason)


def _unusable_note(html, reason):
    """`html` with a note in place of each chart and figure, when none can be drawn."""
    from html import escape  # noqa: PLC0415

    block = f'<p class="chart-error" role="alert">{escape(reason)}</p>'
    inline = f'<span class="chart-error" title="{escape(reason)}">(figure not shown)</span>'
    return FIGURE_SLOT.sub(inline, CHART_SLOT.sub(block, html or ""))


def _has_slots(html):
    return isinstance(html, str) and (
        "data-chart=" in html or "data-figure=" in html or ALT_FIGURE.search(html) is not None
    )


def cancel_drawing(state):
    build = state.parts.get(PART)
    if build is not None:
        build.drawer.close(cancel=True)


def charts_generator(pelican):
    return ChartsGenerator


class ChartsGenerator:
    """Draws the charts that posts asked for, then writes each one's files and CSV beside its post."""

    def __init__(self, *args, context, output_path, settings, **kwargs):
        self.context = context
        self.settings = settings
        self.output_path = Path(output_path)
        self.settings = settings

    def generate_output(self, writer):
        build = this_build_charts(self.context)
        if build is None:
            return
        cache = ChartCache(build.config.cache_path)
        # Charts have been drawing since their posts were read; collect them.
        drawn = build.drawer.results()
        for key, files in drawn.items():
            cache.put(key, files)
        build.drawn, build.cached = len(drawn), len(build.found)
        written = pipeline.this_build(self.context).outputs
        for path, chart in sorted(build.charts.items()):
            key = build.keys[path]
            files = drawn.get(key) or build.found[key]
            # Pelican's Writer writes only templates and feeds; an unchanged
            # file is left alone so that rsync and the disk see no change.
            for suffix, target in chart.drawn_paths.items():
                write_if_changed(self.output_path / target, files[suffix], sync=False)
                written.add(target)
            write_if_changed(self.output_path / chart.path(".csv"), chart.csv, sync=False)
            written.add(chart.path(".csv"))
        self._write_site_card(cache, build.palette)
        build.save_checks()
        logger.info(
            "Charts: %d drawn, %d from the cache (%s)", build.drawn, build.cached, build.config.cache_path
        )

    def _write_site_card(self, cache, palette):
        if palette is None:
            return
        settings = self.settings
        text = (settings.get("SITENAME", ""), settings.get("SITESUBTITLE", ""), settings.get("SITEURL", ""))
        job = SiteCardJob(*text, palette=palette)
        key = cache_key(job)
        card = cache.get(key, (".png",))
        if card is None:
            card = {".png": render_site_card(job)}
            cache.put(key, card)
        write_if_changed(self.output_path / SITE_CARD_PATH, card[".png"], sync=False)
