"""Writes the benchmark's sites: one set of posts, in three shapes.

`generate` returns a Site describing what it wrote: the source trees for our
configuration (posts with charts, inline figures and comment threads), for
plain Pelican (the same posts without them) and for Hugo (the same posts with
Hugo front matter), and the counts a correct build must reproduce.
"""

import datetime
import random as random_module
import re
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pelican.plugins.comment_threads import commentfile

from . import prose
from .figures import DataSet, make_chart, make_figure

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path("data") / "asylum-statistics"
CATEGORIES = ("Immigration Court", "Asylum Office", "Statistics", "Appeals",
              "Practice Notes", "Policy", "Credibility", "Detention")
TAGS = tuple(sorted({*prose.NATIONALITIES, *(f"FY{y}" for y in range(2004, 2020)),
                     "grant rates", "denial rates", "one-year deadline", "credibility",
                     "particular social group", "backlog", "BIA", "DHS yearbook",
                     "EOIR", "TRAC", "interpreters", "detention", "appeals"}))
AUTHORS = ("Elena Marsh", "David Okafor")
# After the newest source the charts and figures cite (DHS via CORGIS, November
# 2015): the build refuses a post that cites a source published after it.
FIRST_DAY = datetime.datetime(2016, 1, 4, 9, 0)
LAST_DAY = datetime.datetime(2020, 12, 28, 9, 0)
# Shares of the 1,000-post site: 10,000 comments and 300 charts.
COMMENTS_PER_POST = 10
CHARTS_PER_POST = 0.3
FIGURES_PER_POST = 0.3
# One post in a hundred draws a crowd of 200 to 320 comments.
BUSY_SHARE = 0.01
BUSY_RANGE = (200, 320)
REPLY_SHARE = 0.45
FILENAME_LINK = re.compile(r"\{filename\}([^)\s]+)")
TYPED_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")


@dataclass
class Post:
    slug: str
    date: datetime.datetime
    title: str
    category: str
    tags: tuple
    author: str
    summary: str
    paragraphs: list = field(default_factory=list)  # Markdown chunks, charts included
    plain: list = field(default_factory=list)       # the same chunks with no plugin syntax
    comments: int = 0

    @property
    def filename(self):
        return f"{self.date:%Y-%m-%d}-{self.slug}.md"

    @property
    def url(self):
        return f"/{self.date:%Y}/{self.date:%m}/{self.slug}/"


@dataclass
class Site:
    """Where the three source trees are and what a correct build shows."""

    root: Path
    posts: list
    charts: list
    figures: list
    comments: int
    busiest_thread: int
    deepest_reply: int
    changed_row: object = None
    typed_numbers: frozenset = frozenset()  # every number the posts' prose types

    @property
    def ours(self):
        return self.root / "ours" / "content"

    @property
    def plain(self):
        return self.root / "plain" / "content"

    @property
    def hugo(self):
        return self.root / "hugo"

    @property
    def observations(self):
        return self.ours / DATA_DIR / "observations.csv"

    def charts_drawing(self, row):
        """How many charts draw `row`: those a change to it must redraw."""
        return sum(row in chart.rows() for chart in self.charts)


def _dates(random, count):
    span = (LAST_DAY - FIRST_DAY).total_seconds()
    stamps = sorted(random.uniform(0, span) for _ in range(count))
    return [(FIRST_DAY + datetime.timedelta(seconds=s)).replace(second=0, microsecond=0)
            for s in stamps]


def _post(random, index, date, earlier, avoid):
    title = prose.title(random)
    words = "-".join(title.lower().replace(",", "").replace(":", "").split()[:5])
    post = Post(
        slug=f"{words}-{index:04d}",
        date=date,
        title=f"{title} ({index})",
        category=random.choice(CATEGORIES),
        tags=tuple(sorted(random.sample(TAGS, random.randint(2, 4)))),
        author=random.choice(AUTHORS),
        summary=prose.sentence(random, avoid),
    )
    target = random.randint(650, 950)
    words_so_far = 0
    while words_so_far < target:
        chunk = _chunk(random, earlier, len(post.plain), avoid)
        post.plain.append(chunk)
        post.paragraphs.append(chunk)
        words_so_far += prose.word_count(chunk)
    return post


def _chunk(random, earlier, position, avoid):
    """A paragraph, and now and then a heading, a list, a quote or a link."""
    roll = random.random()
    if position and position % 4 == 0:
        return f"## {prose.heading(random)}"
    if roll < 0.08:
        return "\n".join(f"- {prose.sentence(random, avoid)}" for _ in range(random.randint(3, 5)))
    if roll < 0.13:
        return f"> {prose.paragraph(random, 1, 3, avoid)}"
    if roll < 0.25 and earlier:
        other = random.choice(earlier)
        return (f"{prose.paragraph(random, 2, 4, avoid)} I wrote about this in "
                f"[an earlier post]({{filename}}{other.filename}).")
    return prose.paragraph(random, avoid=avoid)


def _add_charts(random, posts, data, count):
    """Place `count` charts, in about two posts of three, some posts with two."""
    charts = []
    for number in range(count):
        post = random.choice(posts)
        chart = make_chart(random, data, number)
        charts.append(chart)
        at = random.randint(1, len(post.paragraphs))
        post.paragraphs.insert(at, chart.block())
        post.plain.insert(at, "")
    return charts


def _add_figures(random, posts, data, count):
    figures = []
    for _ in range(count):
        post = random.choice(posts)
        row, value = make_figure(random, data)
        figures.append(row)
        lead = f"DHS counted {{}} individuals from {row.nationality} in {row.period}."
        # Only after a paragraph of prose: not a chart, heading, list or quote.
        prose_at = [i for i, chunk in enumerate(post.plain) if chunk and chunk[0] not in "#->"]
        at = random.choice(prose_at)
        post.paragraphs[at] += " " + lead.format(figure_syntax(row))
        post.plain[at] += " " + lead.format(f"{int(value):,}")
    return figures


def figure_syntax(row):
    """An inline figure as an author writes it."""
    return f"{{{{ {row.nationality} {row.period} {row.measure} @{row.source} }}}}"


def _comment_counts(random, count, total):
    counts = [0] * count
    busy = max(1, round(count * BUSY_SHARE))
    for index in random.sample(range(count), busy):
        counts[index] = random.randint(*BUSY_RANGE)
    remaining = max(0, total - sum(counts))
    quiet = [i for i in range(count) if not counts[i]]
    for _ in range(remaining):
        counts[random.choice(quiet)] += 1
    return counts


def _thread(random, post):
    """Comment files of one post: (comment id, text), replies nested."""
    when = post.date
    files, depths = [], {}
    for number in range(post.comments):
        when += datetime.timedelta(minutes=random.randint(7, 900))
        comment_id = f"c{number + 1:04d}"
        author = random.choice(COMMENTERS)
        parent, depth, website = None, 0, None
        if files and random.random() < REPLY_SHARE:
            # Mostly answer one of the last few comments: conversations nest.
            parent = files[max(0, len(files) - random.randint(1, 6))][0]
            depth = depths[parent] + 1
        if random.random() < 0.2:
            website = f"https://example.org/{comment_id}"
        depths[comment_id] = depth
        body = prose.comment_text(random)
        if random.random() < 0.15:
            body += "\n\n*Edited:* " + prose.comment_text(random)
        # A site author's comments carry the moderator's mark, or the build refuses the name.
        role = "author" if author in AUTHORS else None
        comment = commentfile.CommentFile(author=author, date=when, body=body,
                              replyto=parent, website=website, role=role)
        files.append((comment_id, commentfile.format(comment)))
    return files, max(depths.values(), default=0)


COMMENTERS = ("Maria G.", "J. Ortiz", "Sam", "A reader in Ohio", "Tomas", "Dr. Lee",
              "Ana", "Former interpreter", "K. Mensah", "Elena Marsh", "Priya", "Abebe")


def generate(root, posts=1000, seed=2014):
    """Write the three source trees under `root`; the same seed writes the same bytes."""
    random = random_module.Random(seed)
    root = Path(root)
    data = DataSet(ROOT / "content" / DATA_DIR)
    written = []
    for index, date in enumerate(_dates(random, posts)):
        written.append(_post(random, index, date, written[-50:], data.whole_numbers))
    charts = _add_charts(random, written, data, round(posts * CHARTS_PER_POST))
    figures = _add_figures(random, written, data, round(posts * FIGURES_PER_POST))
    for post, count in zip(written, _comment_counts(random, posts, posts * COMMENTS_PER_POST), strict=True):
        post.comments = count
    site = Site(root, written, charts, figures, comments=sum(p.comments for p in written),
                busiest_thread=max(p.comments for p in written), deepest_reply=0)
    _write_ours(site, random)
    _write_plain(site)
    _write_hugo(site)
    site.changed_row = _row_to_change(site)
    site.typed_numbers = frozenset(
        int(number.replace(",", ""))
        for post in written for chunk in [post.summary, *post.plain]
        for number in TYPED_NUMBER.findall(chunk))
    return site


def _front_matter(post):
    return "\n".join([
        f"Title: {post.title}", f"Date: {post.date:%Y-%m-%d %H:%M}",
        f"Category: {post.category}", f"Tags: {', '.join(post.tags)}",
        f"Authors: {post.author}", f"Slug: {post.slug}", f"Summary: {post.summary}",
    ])


def _write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _write_ours(site, random):
    content = site.ours
    for folder in ("pages", "images", "extra", DATA_DIR):
        shutil.copytree(ROOT / "content" / folder, content / folder)
    for post in site.posts:
        body = "\n\n".join(post.paragraphs)
        _write(content / "posts" / post.filename, _front_matter(post) + "\n\n" + body + "\n")
        files, depth = _thread(random, post)
        site.deepest_reply = max(site.deepest_reply, depth)
        for comment_id, text in files:
            _write(content / "comments" / post.slug / f"{comment_id}.md", text)


def _write_plain(site):
    for post in site.posts:
        body = "\n\n".join(chunk for chunk in post.plain if chunk)
        _write(site.plain / "posts" / post.filename, _front_matter(post) + "\n\n" + body + "\n")


def _write_hugo(site):
    urls = {post.filename: post.url for post in site.posts}
    for post in site.posts:
        body = "\n\n".join(chunk for chunk in post.plain if chunk)
        # Hugo has no {filename} links: point at the post's address instead.
        body = FILENAME_LINK.sub(lambda link: urls[link.group(1)], body)
        front = "\n".join([
            "---", f"title: {_yaml_text(post.title)}", f"date: {post.date:%Y-%m-%dT%H:%M:00}",
            f"slug: {post.slug}", f"categories: [{_yaml_text(post.category)}]",
            "tags: [" + ", ".join(_yaml_text(t) for t in post.tags) + "]",
            f"authors: [{_yaml_text(post.author)}]", f"summary: {_yaml_text(post.summary)}",
            "---",
        ])
        _write(site.hugo / "content" / "posts" / post.filename, front + "\n\n" + body + "\n")
    for relative, text in HUGO_FILES.items():
        _write(site.hugo / relative, text)


def _yaml_text(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _row_to_change(site):
    """The row drawn by the fewest charts, but by more than one if any is."""
    drawn = Counter(row for chart in site.charts for row in chart.rows())
    candidates = sorted((count == 1, count, row.source, row.measure, row.nationality,
                         row.period, row) for row, count in drawn.items())
    return candidates[0][-1]


# A minimal Hugo site: list and single pages with pagination, taxonomies and
# an Atom-like RSS feed, roughly the pages Pelican's stock theme writes.
HUGO_FILES = {
    "hugo.toml": """baseURL = "http://127.0.0.1:8000/"
title = "Benchmark"
disableKinds = ["robotsTXT"]
paginate = 10
[permalinks]
posts = "/:year/:month/:slug/"
[taxonomies]
category = "categories"
tag = "tags"
author = "authors"
""",
    "layouts/_default/baseof.html": """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} | {{ .Site.Title }}</title></head>
<body><header><a href="{{ .Site.BaseURL }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
""",
    "layouts/_default/single.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p>{{ .Date.Format "January 2, 2006" }} in {{ range .Params.categories }}{{ . }}{{ end }}</p>
{{ .Content }}
<ul>{{ range .Params.tags }}<li>{{ . }}</li>{{ end }}</ul>
{{ with .PrevInSection }}<a href="{{ .Permalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a href="{{ .Permalink }}">{{ .Title }}</a>{{ end }}
</article>{{ end }}
""",
    "layouts/_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ range .Paginator.Pages }}<article><h2><a href="{{ .Permalink }}">{{ .Title }}</a></h2>
<p>{{ .Summary }}</p></article>{{ end }}
{{ template "_internal/pagination.html" . }}{{ end }}
""",
    "layouts/index.html": """{{ define "main" }}{{ $pages := where .Site.RegularPages "Section" "posts" }}
{{ range (.Paginate $pages).Pages }}<article><h2><a href="{{ .Permalink }}">{{ .Title }}</a></h2>
<p>{{ .Summary }}</p></article>{{ end }}
{{ template "_internal/pagination.html" . }}{{ end }}
""",
}
