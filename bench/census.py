"""Counts what a build of a benchmark site put on the posts' pages.

A fast build that lost comments or charts would be no result at all, so the
benchmark (and its test) compare these counts with what the generator wrote.
"""

import re
from dataclasses import dataclass
from pathlib import Path

COMMENT = re.compile(r'<article\b[^>]*\bclass="comment\b')
FIGURE = re.compile(r'<a\b[^>]*\bclass="datum"')


@dataclass(frozen=True)
class Census:
    comments: int
    charts: int
    figures: int


def post_pages(output, site):
    output = Path(output)
    return [output / post.url.strip("/") / "index.html" for post in site.posts]


def census(output, site):
    """Comments, chart images and inline figures on the pages of the site's posts."""
    comments = charts = figures = 0
    for page in post_pages(output, site):
        html = page.read_text(encoding="utf-8")
        comments += len(COMMENT.findall(html))
        figures += len(FIGURE.findall(html))
        # Each chart is drawn several ways; its card is one file per chart.
        charts += len(list(page.parent.glob("*-card.png")))
    return Census(comments, charts, figures)


def expected(site):
    return Census(site.comments, len(site.charts), len(site.figures))
