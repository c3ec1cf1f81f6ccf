"""Pelican glue: read the data set once, fill posts in, draw what the cache lacks, write the files, fit feeds."""

import logging
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from pelican import signals
from pelican.log import FatalLogger

from .cache import ChartCache, cache_key
from .dataset import load_dataset
from .draw import Drawer, SiteCardJob, render_site_card
from .errors import ChartError
from .html import feed_html
from .markdown_ext import ALT_FIGURE, ChartsExtension
from .palette import read_palette
from .placeholders import Post, fill, fill_summary
from .postcheck import check_post
from .settings import configure

logger = logging.getLogger(__name__)


@dataclass
class Build:
    """What one build knows about charts; replaced at the start of each build."""

    config: object
    dataset: object
    palette: object
    charts: dict = field(default_factory=dict)  # base output path -> placeholders.Chart
    keys: dict = field(default_factory=dict)  # base output path -> cache key
    found: dict = field(default_factory=dict)  # cache key -> {suffix: bytes} from the cache
    drawer: object = None
    mistakes: int = 0
    strict: bool = False
    drawn: int = 0
    cached: int = 0

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

    def report(self, message, level=logging.ERROR):
        """Log one mistake (a message or a site_common Problem) and count it.

        Either level stops the strict build once posts are read.
        """
        try:
            logger.log(level, str(message))
        except RuntimeError:
            pass  # Pelican's --fatal makes a logged mistake raise; keep going, to report them all
        # Asked of the level rather than of the exception: Pelican drops a
        # message it has logged before in the same process, without raising.
        if level >= FatalLogger.fatal_lvl:
            self.strict = True
        self.mistakes += 1

    def warn(self, problem):
        """A mistake a draft may keep: an error in the strict build, a warning with STRICT=0."""
        strict = FatalLogger.fatal_lvl <= logging.WARNING  # `pelican --fatal warnings`
        self.report(problem, logging.ERROR if strict else logging.WARNING)


_build = None


def register():
    # Settings are final here and no post has been read yet: the moment to check
    # settings, read the data set and palette once, and add the Markdown syntax.
    signals.initialized.connect(start_build)
    # A post's address is known only once its object exists, and feeds need
    # absolute addresses for chart images.
    signals.content_object_init.connect(fill_post)
    # Every post and page, figures or not: a number typed by hand is the
    # mistake this looks for, and a post without figures can hold one.
    signals.content_object_init.connect(check_numbers)
    # Plugin generators run after articles and pages are read: draw then, write
    # the files in the output phase, after the output directory is cleaned.
    signals.get_generators.connect(charts_generator)
    # Each feed's items exist here and are not yet written: swap each chart's
    # scheme-following SVG for its light PNG, which feed readers and mail show.
    signals.feed_generated.connect(fit_feed)


def stats():
    """Charts drawn and served from the cache in the latest build, for tests and benchmarks."""
    if _build is None:
        return {"charts": 0, "drawn": 0, "cached": 0, "mistakes": 0}
    return {"charts": len(_build.charts), "drawn": _build.drawn, "cached": _build.cached, "mistakes": _build.mistakes}


def start_build(pelican):
    global _build
    _build = None
    try:
        config = configure(pelican.settings)
        dataset = load_dataset(config.data_path, _shown(config.data_path)) if config.data_path.is_dir() else None
        palette = read_palette(config.palette_path)
    except ChartError as error:
        # Without a valid data set no number can be traced, so no build goes on.
        _stop([f"Charts: {error}"])
    _build = Build(config, dataset, palette, drawer=Drawer(config.workers))
    # Templates give pages without a chart of their own this picture to share.
    pelican.settings["CHARTS_SITE_CARD"] = site_card(pelican.settings)
    for problem in dataset.problems if dataset else ():
        _build.warn(problem)
    extensions = pelican.settings["MARKDOWN"].setdefault("extensions", [])
    if not any(isinstance(extension, ChartsExtension) for extension in extensions):
        extensions.append(ChartsExtension())


def _shown(path):
    """`path` as messages show it: relative to the working directory when inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def fill_post(content):
    html = getattr(content, "_content", None)
    summary = content.metadata.get("summary") if hasattr(content, "metadata") else None
    if _build is None or not (_has_slots(html) or _has_slots(summary)):
        return
    siteurl = content.settings.get("SITEURL", "").rstrip("/")
    post = Post(
        source_path=content.relative_source_path,
        source_file=content.source_path,
        url=f"{siteurl}/{content.url}",
        output_dir=posixpath.dirname(content.save_as),
    )
    if _build.dataset is None:
        _build.report(
            f"{post.source_path}: charts and figures need the data set, but "
            f"{_build.config.data_path} (CHARTS_DATA_PATH) does not exist"
        )
        return
    summary_sources = []
    if _has_slots(summary):
        # Pelican shows the summary from its metadata, and copies `_summary`
        # back over it when it resolves links: both must hold the figures.
        filled_summary, summary_sources = fill_summary(summary, post, _build.dataset)
        content.metadata["summary"] = content._summary = filled_summary.html
        for message in filled_summary.errors:
            _build.report(message)
    filled = fill(html or "", post, _build.dataset, _build.palette, _build.config.size,
                  summary_sources)
    content._content = filled.html
    _build.charts.update((chart.base_path, chart) for chart in filled.charts)
    if filled.charts:
        # A shared link shows the post's first chart.
        content.chart_card = filled.charts[0].card
    for chart in filled.charts:
        _build.want(chart)
    for message in filled.errors:
        _build.report(message)


SITE_CARD_PATH = "site-card.png"


def site_card(settings):
    """The og:image of pages without a chart: the site's card, drawn by this plugin."""
    siteurl = settings.get("SITEURL", "").rstrip("/")
    return {"url": f"{siteurl}/{SITE_CARD_PATH}", "width": 1200, "height": 630,
            "alt": f"{settings.get('SITENAME', '')}: {settings.get('SITESUBTITLE', '')}"}


def fit_feed(context, feed):
    if _build is None:
        return
    for item in feed.items:
        for field_name in ("content", "description"):
            if item.get(field_name):
                item[field_name] = feed_html(item[field_name])


def check_numbers(content):
    """Report the post's hand-typed figures, contradicting counts, unexplained sums and later sources."""
    source = getattr(content, "source_path", None)
    if _build is None or _build.dataset is None or not str(source).endswith(".md") or not hasattr(content, "_content"):
        return
    text = Path(source).read_text(encoding="utf-8")
    for problem in check_post(text, content.relative_source_path, _build.dataset):
        _build.warn(problem)


def _has_slots(html):
    return isinstance(html, str) and (
        "data-chart=" in html or "data-figure=" in html or ALT_FIGURE.search(html) is not None
    )


def charts_generator(pelican):
    return ChartsGenerator


class ChartsGenerator:
    """Draws the charts that posts asked for, then writes each one's files and CSV beside its post."""

    def __init__(self, *args, output_path, settings, **kwargs):
        self.output_path = Path(output_path)
        self.settings = settings

    def generate_context(self):
        if _build is None:
            return
        if _build.strict and _build.mistakes:
            _build.drawer.close(cancel=True)
            _stop([f"Charts: stopped after {_build.mistakes} mistake(s) in posts, listed above."])

    def generate_output(self, writer):
        if _build is None:
            return
        cache = ChartCache(_build.config.cache_path)
        # Charts have been drawing since their posts were read; collect them.
        drawn = _build.drawer.results()
        for key, files in drawn.items():
            cache.put(key, files)
        _build.drawn, _build.cached = len(drawn), len(_build.found)
        for path, chart in sorted(_build.charts.items()):
            key = _build.keys[path]
            files = drawn.get(key) or _build.found[key]
            (self.output_path / path).parent.mkdir(parents=True, exist_ok=True)
            for suffix, target in chart.drawn_paths.items():
                _write_if_changed(self.output_path / target, files[suffix])
            _write_if_changed(self.output_path / chart.path(".csv"), chart.csv.encode("utf-8"))
        self._write_site_card(cache)
        logger.info(
            "Charts: %d drawn, %d from the cache (%s)", _build.drawn, _build.cached, _build.config.cache_path
        )

    def _write_site_card(self, cache):
        settings = self.settings
        text = (settings.get("SITENAME", ""), settings.get("SITESUBTITLE", ""), settings.get("SITEURL", ""))
        job = SiteCardJob(*text, palette=_build.palette)
        key = cache_key(job)
        card = cache.get(key, (".png",))
        if card is None:
            card = {".png": render_site_card(job)}
            cache.put(key, card)
        _write_if_changed(self.output_path / SITE_CARD_PATH, card[".png"])


def _write_if_changed(path, data):
    # Rewriting an unchanged file costs a flush to disk (ext4 flushes files
    # truncated and rewritten) and a new modification time for deploys to copy.
    # blog_core's writer keeps the same rule for pages; charts keep this
    # short copy so they build without blog_core, as Pelican's Writer only
    # writes templates and feeds.
    if not (path.is_file() and path.read_bytes() == data):
        path.write_bytes(data)


def _stop(messages):
    """Log each message, then end the build without a traceback: the messages say it all."""
    for message in messages:
        try:
            logger.error(message)
        except RuntimeError:
            pass  # raised by --fatal; the message is already out
    raise SystemExit(1)
