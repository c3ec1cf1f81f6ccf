"""The live preview's edit-to-page time: from saving a file to the preview having written the new page.

After the builds of a size, the preview (`make devserver`'s process) is
started on our generated site, with the caches our builds left (as an
author's preview starts on a site built before). Then ten edits of different
kinds are saved one at a time; each is timed from just before the file is
written to the moment the preview's event stream announces the build that
rewrote the edited post's page (or, for a data row, a page of a post whose
chart draws it). The build is written before it is announced, so the time
includes noticing the save, the build and the writing. A post whose text
alone changed has its page written before the build (live_preview/first.py);
so each edit is also timed to the moment everything is written, the build's
listings and feeds and the search index included.
"""

import datetime
import statistics
import time

from pelican.plugins.comment_threads import commentfile
from tests.livepreview import LivePreview

from .builders import Ours, edit_post, edit_row


def _page(post):
    return post.url.strip("/") + "/index.html"


def _body(site, post, number):
    edit_post(Ours(site), post, 100 + number)
    return _page(post)


def _title(site, post, number):
    path = site.ours / "posts" / post.filename
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Title: ", f"Title: Revised ({number}): ", 1), encoding="utf-8")
    return _page(post)


def _comment(site, post, number):
    comment = commentfile.CommentFile(author="Rosa Linares", date=datetime.datetime(2021, 1, 5, 10, number),
                                      body=f"A reader's question number {number}: does this count cases?")
    commentfile.write(site.ours / "comments", post.slug, f"bench-{number}", comment)
    return _page(post)


def _row(site, post, number):
    edit_row(site, site.changed_row, number)
    return _page(post)


def edits(site):
    """(kind, function) for ten edits of different kinds, each on its own post."""
    posts = sorted(site.posts, key=lambda p: p.slug)
    row_post = next(post for post in site.posts for chart in site.charts
                    if site.changed_row in chart.rows() and chart.block() in post.paragraphs)
    plan = [("body", _body), ("comment", _comment), ("title", _title), ("data row", _row), ("body", _body),
            ("comment", _comment), ("body", _body), ("title", _title), ("data row", _row), ("body", _body)]
    return [(kind, function, row_post if kind == "data row" else posts[index * 7 % len(posts)])
            for index, (kind, function) in enumerate(plan)]


def measure(site, work):
    """{"edits": [(kind, seconds, afresh or in place)], "start_seconds": first build}, median and per kind."""
    ours = Ours(site)
    preview = LivePreview(site.ours, work / "preview-output",
                          {"CACHE_PATH": str(ours.cache), "CHARTS_CACHE_PATH": str(ours.chart_cache)},
                          work / "preview.log")
    started = time.perf_counter()
    try:
        # The first build draws every chart the cache lacks: minutes on a large blog.
        preview.start(timeout=3600)
        start_seconds = time.perf_counter() - started
        timed, whole = [], []
        for number, (kind, function, post) in enumerate(edits(site)):
            saved = time.perf_counter()
            page = function(site, post, number)
            while True:
                arrived, message = preview.next_build(timeout=600)
                if page in message["changed"]:
                    break
            # The next edit comes to a preview at rest, as an author's does:
            # after this build's search index is made too.
            done = arrived
            while not message.get("complete", True):
                done, message = preview.next_build(timeout=600)
            timed.append((kind, arrived - saved))
            whole.append((kind, done - saved))
    finally:
        preview.stop()
    return {"start_seconds": start_seconds, "edits": timed, "whole": whole}


def summary(measured, key="edits"):
    by_kind = {}
    for kind, seconds in measured[key]:
        by_kind.setdefault(kind, []).append(seconds)
    return {"all": statistics.median(s for _, s in measured[key]),
            **{kind: statistics.median(values) for kind, values in by_kind.items()}}


def table(results, hugo):
    """Markdown table: size -> medians by kind, beside Hugo's rebuild after a one-post edit."""
    kinds = ("all", "body", "title", "comment", "data row")
    lines = ["Live preview, edit to page written (median seconds; 'all' is the median of the ten edits):", "",
             "| posts | " + " | ".join(kinds) + " | Hugo, rebuild after one post edited "
             "| body, to everything written (search index too) | all, to everything written |",
             "|---:|" + "---:|" * (len(kinds) + 3)]
    for posts, measured in sorted(results.items()):
        medians = summary(measured)
        hugo_text = f"{hugo[posts]:.2f}" if hugo.get(posts) is not None else "n/a"
        whole = summary(measured, "whole") if measured.get("whole") else {}
        whole_text = " | ".join(f"{whole[k]:.2f}" if k in whole else "n/a" for k in ("body", "all"))
        lines.append(f"| {posts:,} | " + " | ".join(f"{medians[k]:.2f}" for k in kinds)
                     + f" | {hugo_text} | {whole_text} |")
    return "\n".join(lines)
