"""Every number check of one post's source, as site_common Problems: what the build reports per post.

- numbers typed by hand where a figure belongs, and count words that
  contradict the post's charts and tables (handtyped.py);
- table rows that show parts beside a total the source's parts do not add
  up to, without a footnote saying so (the data set's sum rules, sums.py);
- figures from a source published after the post's date, or after its
  `Modified:` date when it has one: a post cannot cite what did not exist yet.
"""

import re
from datetime import date

from pelican.plugins.site_common.problems import Problem

from .handtyped import count_phrases, count_problems, fiscal_periods, hand_typed_problems, typed_in
from .posttext import chart_points, figure_points, read_post_text

FOOTNOTE_MARKER = re.compile(r"\[\^[^\]]+\](?!:)")
DATE = re.compile(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


def check_post(text, path, dataset):
    """All number problems of the post whose Markdown source is `text`, named by `path`."""
    return check_read_post(read_post_text(text), path, dataset)


def read_for_checks(text):
    """posttext.read_post_text, with all the checks find in the text alone already found."""
    post = read_post_text(text)
    typed_in(post)
    count_phrases(post)
    fiscal_periods(post)
    post.queries, post.specs  # noqa: B018  (cached properties, read once here)
    return post


def check_read_post(post, path, dataset):
    """check_post for a source already read by posttext.read_post_text.

    What the checks find in the text alone is kept in `post`, so a post
    checked again against another data set (a preview after a data row
    changed) is only looked up in it.
    """
    figures, charts = figure_points(post, dataset), chart_points(post, dataset)
    chart_sources = [(chart.line, point.source) for chart, points in charts for point in points]
    return sorted(
        hand_typed_problems(post, dataset, path)
        + count_problems(post, charts, path)
        + sum_row_problems(post, figures, dataset.disagreements, path)
        + source_date_problems(post, figures, chart_sources, dataset.sources, path),
        key=lambda problem: (problem.line or 0, problem.message),
    )


def sum_row_problems(post, figures, disagreements, path):
    """A table row showing a total beside parts that do not add up to it must say so in a footnote."""
    rows = {line: text for table in post.tables for line, text in table.rows}
    shown = {}
    for figure, point in figures:
        if figure.table is not None:
            shown.setdefault(figure.line, set()).add((point.source, point.nationality, point.period, point.measure))
    problems = []
    for line, cells in sorted(shown.items()):
        if FOOTNOTE_MARKER.search(rows[line]):
            continue
        for d in disagreements:
            measures = {m for (s, n, p, m) in cells if (s, n, p) == (d.source, d.nationality, d.period)}
            if d.total_measure in measures and measures & set(d.parts):
                problems.append(Problem(
                    path, line,
                    f"this row shows {d.total_measure} beside its parts, but in {d.source} the parts add to "
                    f"{d.parts_sum:,} and the total is {d.total:,}",
                    "say so in a footnote on the row ([^note]), so no reader takes the total for their sum",
                ))
    return problems


def source_date_problems(post, figures, chart_sources, sources, path):
    """Sources published after the post's latest date (its Modified: date, or else its Date:)."""
    written = [_date(post.header[key][1]) for key in ("date", "modified") if key in post.header]
    written = [day for day in written if day]
    if not written:
        return []
    latest = max(written)
    first_use = {}
    for line, source in [(figure.line, point.source) for figure, point in figures] + chart_sources:
        first_use.setdefault(source, line)
    problems = []
    for source, line in sorted(first_use.items(), key=lambda item: item[1]):
        published = _date(sources[source].published)
        if published and published > latest:
            dated = "its Modified: date" if "modified" in post.header else "its Date:"
            problems.append(Problem(
                path, line,
                f"cites {source}, published {sources[source].published}, but the post is {latest.isoformat()} by {dated}",
                "date the post after its sources, or add 'Modified:' with a dated note at the foot saying what changed",
            ))
    return problems


def _date(text):
    """The first day a date of the form 2013, 2013-01 or 2013-01-15 can mean; None if it is none of them."""
    match = DATE.match(text.strip())
    if not match:
        return None
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None
