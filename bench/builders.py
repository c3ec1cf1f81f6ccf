"""The three ways the benchmark builds the same posts, and the edits between builds.

Each builder owns its source tree, output and cache, so the builds never share
state; each runs its generator in a child process, timed as `make html` is.
"""

import shutil

from tests.sitebuild import run_measured, run_pelican

# Plain Pelican as `pelican-quickstart` sets it up: the stock theme, no
# plugins, ten posts a page, and its content cache on for rebuilds.
PLAIN_CONF = """\
AUTHOR = "Elena Marsh"
SITENAME = "Plain Pelican"
SITEURL = ""
PATH = "content"
TIMEZONE = "America/New_York"
DEFAULT_LANG = "en"
ARTICLE_PATHS = ["posts"]
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DEFAULT_PAGINATION = 10
RELATIVE_URLS = True
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
"""


class Builder:
    name = ""
    label = ""
    draws_charts = False

    def __init__(self, site):
        self.site = site
        self.work = site.root / self.name
        self.output = self.work / "output"
        self.cache = self.work / "cache"

    def clear(self):
        """Forget every previous build: the cold start."""
        for path in (self.output, self.cache):
            shutil.rmtree(path, ignore_errors=True)

    def post_path(self, post):
        return self.content / "posts" / post.filename

    def build(self):
        raise NotImplementedError


class Ours(Builder):
    name = "ours"
    label = "our site (theme and plugins)"
    draws_charts = True
    content = property(lambda self: self.site.ours)

    @property
    def chart_cache(self):
        return self.cache / "charts"

    def build(self):
        return run_pelican(self.content, self.output, settings={
            "CACHE_PATH": str(self.cache),
            "CHARTS_CACHE_PATH": str(self.chart_cache),
        })

    def drawn_charts(self):
        """Names of the charts in the chart cache, one per chart (its card): a build that draws adds some."""
        if not self.chart_cache.is_dir():
            return set()
        return {p.name for p in self.chart_cache.rglob("*-card.png")}


class Plain(Builder):
    name = "plain"
    label = "plain Pelican (stock theme, no plugins)"
    content = property(lambda self: self.site.plain)

    def build(self):
        conf = self.work / "pelicanconf.py"
        if not conf.exists():
            conf.write_text(PLAIN_CONF, encoding="utf-8")
        return run_pelican(self.content, self.output, conf=conf, strict=False,
                           settings={"CACHE_PATH": str(self.cache)})


class Hugo(Builder):
    name = "hugo"
    label = "Hugo (minimal layouts)"
    content = property(lambda self: self.site.hugo / "content")

    def clear(self):
        super().clear()
        shutil.rmtree(self.site.hugo / "resources", ignore_errors=True)

    def build(self):
        return run_measured(["hugo", "--quiet", "--source", str(self.site.hugo),
                             "--destination", str(self.output)], self.output)


def edit_post(builder, post, number):
    """Append a sentence to one post, as an author correcting a typo would."""
    path = builder.post_path(post)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"\nCorrection {number}: the hearing was moved to a later date.\n")


def edit_row(site, row, number):
    """Change the value of one observation by at least `number`; return the new value.

    The new value is one no post types by hand: the build rightly refuses
    prose that types a figure of the data set.
    """
    path = site.observations
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    prefix = f"{row.period},{_csv(row.nationality)},{row.measure},"
    for index, line in enumerate(lines):
        if line.startswith(prefix) and line.rstrip("\n").endswith(f",{row.source}"):
            value = int(line[len(prefix):].split(",")[0]) + number
            while value in site.typed_numbers:
                value += 1
            lines[index] = f"{prefix}{value},{row.source}\n"
            path.write_text("".join(lines), encoding="utf-8")
            return value
    raise LookupError(f"{path}: no row {row}")


def _csv(text):
    return f'"{text}"' if "," in text else text


def available(builder_class):
    return builder_class is not Hugo or shutil.which("hugo") is not None
