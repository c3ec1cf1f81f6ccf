"""Numbers typed by hand where an inline figure belongs, and number words that contradict a post's tables.

A number typed into prose goes stale silently when the data set is corrected;
an inline figure does not. So a number in a post's prose, tables or summary
that equals a value the data set holds for a nationality and a period the post
mentions is reported, with the figure to write instead. Years, dates, footnote
markers, reference numbers (Table 17, report 306), list markers and numbers
inside quotations, links and code are not numbers of that kind and are masked
first. An author keeps a number on purpose with `<!-- allow 1,395: why -->`.
"""

import functools
import re
from collections import defaultdict
from dataclasses import dataclass

from pelican.plugins.site_common.problems import Problem

from .formatting import format_number
from .measures import MEASURES, PERCENT
from .selection import candidates

MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December"
          "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec")
# What is not a number of the data set's kind, as one pattern: scanning from
# the left, a figure, link or quotation is masked whole before the periods
# and numbers inside it are seen; where two start together, the first listed wins.
NOT_COUNTED = re.compile("|".join(f"(?:{pattern})" for pattern in (
    r"\{\{[^{}]*\}\}",  # inline figures
    r"`+[^`]*`+",  # code
    r"<!--.*?-->",  # comments, allow markers among them
    r"<[^>\s][^>]*>",  # HTML tags and <https://...> links
    r"!?\[[^\]]*\]\([^)]*\)",  # links and images: text and address
    r"\[[^\]]*\]\[[^\]]*\]",  # reference links
    r"\[\^[^\]]+\]:?",  # footnote markers and labels
    r"\{(?:filename|static|attach)\}\S+",  # Pelican's internal links
    r"https?://\S+",  # bare addresses
    r'"[^"]*"|\u201c[^\u201d]*\u201d',  # quotations
    rf"\b(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?(?!\d)",  # March 12, 2014
    rf"\b\d{{1,2}}\s+(?:{MONTHS})\b",  # 12 March
    r"\b\d{4}-\d{2}(?:-\d{2})?\b|\b\d{1,2}:\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b",  # 2014-03-12, 09:30, 3/12/14
    r"\bFY\s?\d{4}(?:\s*[-\u2013]\s*(?:FY\s?)?\d{2,4})?\b",  # FY 2012, FY 2004-2006
    r"\b(?:1[89]|20)\d{2}s?(?:\s*[-\u2013]\s*\d{2,4})?(?![\d,])",  # years, decades, spans of years
    (r"(?i:\b(?:tables?|figures?|reports?|pages?|pp?\.|version|no\.|sections?|chapters?|footnotes?|notes?|\u00a7)"
     r"\s*\d+(?:\s*(?:to|and|-|\u2013|,)\s*\d+)*)"),  # Table 17, Figures 13 to 19, report 306
    r"^\s*(?:\d+[.)]|[-*+])\s",  # list markers
)))
# A number followed by a unit of time, pages or points measures something no
# count of the data set does: "waited 14 months", "moved by 6 points".
NOT_A_COUNT = r"(?!\s+(?:months?|years?|days?|weeks?|hours?|minutes?|pages?|points?|percentage points)\b)"
NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?!\w|,\d|\.\d)" + NOT_A_COUNT
                    + r"(\s*(?:%|percent\b|per cent\b))?")
WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
NUMBER_WORD = re.compile(rf"\b({'|'.join(WORDS)})\b", re.IGNORECASE)
# "eleven countries", "two fiscal periods", "7 nationalities": a count of
# what a chart or table beside it lays out, so it must agree with it.
DIMENSION_NOUNS = {
    "countries": "nationality", "nationalities": "nationality",
    "years": "period", "periods": "period", "sources": "source", "measures": "measure",
}
COUNT_PHRASE = re.compile(
    rf"\b(?P<count>{'|'.join(WORDS)}|\d+)\s+(?:[a-z-]+\s+)?(?P<noun>{'|'.join(DIMENSION_NOUNS)})\b",
    re.IGNORECASE,
)
DIMENSION_WORDS = {"nationality": "nationalities", "period": "periods", "source": "sources", "measure": "measures"}
# "over the next five years" is a stretch of time, not a count of what a chart shows.
SPAN_BEFORE = re.compile(r"\b(?:next|last|past|previous|following|first|few|over|within|after|before|for|in)\s+$", re.IGNORECASE)
FISCAL_PERIOD = re.compile(r"\bFY\s?(\d{4})(?:\s*[-\u2013]\s*(?:FY\s?)?(\d{2,4}))?\b")
BLOCK_QUOTE = re.compile(r"^\s{0,3}>")
HAS_NUMBER = re.compile(rf"\d|\b(?:{'|'.join(WORDS)})\b", re.IGNORECASE)


def mask(line):
    """The line with everything that is not a countable number blanked out."""
    if BLOCK_QUOTE.match(line):
        return ""  # a quotation: its numbers are the quoted author's
    if not HAS_NUMBER.search(line):
        return line  # nothing to count, nothing to mask
    return NOT_COUNTED.sub(" ", line)


def masked_prose(post):
    """(line number, masked text, section) for prose lines with numbers, masked once for every check."""
    if post.masked is None:
        # Lines left with no digit and no number word have nothing to check.
        masked = ((line, mask(text), section) for line, text, section in post.prose)
        post.masked = [item for item in masked if HAS_NUMBER.search(item[1])]
    return post.masked


def typed_in(post):
    """(line number, text as written, key) for each number the prose types, found once per post text.

    A number word that begins a count phrase ("eleven countries") is a count
    of what a chart shows (count_phrases), not a figure.
    """
    if post.typed is None:
        post.typed = []
        for line, masked, _ in masked_prose(post):
            counted = {m.start() for m in COUNT_PHRASE.finditer(masked)}
            post.typed += [(line, written, key) for written, key in typed_numbers(masked)]
            post.typed += [(line, m.group(1), WORDS[m.group(1).lower()]) for m in NUMBER_WORD.finditer(masked)
                           if m.start() not in counted]
    return post.typed


def count_phrases(post):
    """(line number, section, phrase, number, dimension) for each count of a dimension the prose states."""
    if post.phrases is None:
        post.phrases = []
        for line, masked, section in masked_prose(post):
            for match in COUNT_PHRASE.finditer(masked):
                if SPAN_BEFORE.search(masked[: match.start()]):
                    continue  # "over the next five years": a stretch of time
                count = match.group("count").lower()
                number = WORDS[count] if count in WORDS else int(count)
                post.phrases.append((line, section, match.group(0), number, DIMENSION_NOUNS[match.group("noun").lower()]))
    return post.phrases


def typed_numbers(masked):
    """(text as written, key) for each number: an int for a count, '8.3%' for a percentage."""
    for match in NUMBER.finditer(masked):
        whole, decimals, percent = match.groups()
        digits = whole.replace(",", "")
        if percent:
            yield match.group(0).strip(), f"{digits}{decimals or ''}%"
        elif not decimals:
            yield whole, int(digits)


@functools.lru_cache(maxsize=4)
def _nationality_pattern(nationalities):
    names = sorted(nationalities, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(name) for name in names) + r")\b")


def mentioned(post, dataset):
    """The nationalities and periods a post names: in its figures, its charts and its prose."""
    nationalities, periods = set(), set()
    for _, asked in post.queries + post.specs:
        nationalities.update(asked.nationalities)
        periods.update(asked.periods)
    pattern = _nationality_pattern(frozenset(dataset.nationalities))
    named = post.named.get(pattern)
    if named is None:
        named = post.named[pattern] = set()
        for _, line, _ in post.prose:
            named.update(pattern.findall(line))
    nationalities |= named
    periods |= fiscal_periods(post)
    return nationalities & dataset.nationalities, periods & dataset.periods


def fiscal_periods(post):
    """The fiscal years and spans of them ("FY2016", "FY2014-FY2016") the prose names, found once per post text."""
    if post.periods is None:
        post.periods = set()
        for _, line, _ in post.prose:
            for start, end in FISCAL_PERIOD.findall(line):
                if end:
                    end = end if len(end) == 4 else start[:2] + end
                    post.periods.add(f"FY{start}-FY{end}")
                else:
                    post.periods.add(f"FY{start}")
    return post.periods


def figure_values(dataset, nationalities, periods):
    """What each value of the mentioned cells reads as -> the (Point, several sources?) that give it."""
    cells = _cells(dataset)
    values = defaultdict(list)
    for period in sorted(periods):
        for nationality in sorted(nationalities):
            for key, point, several in cells.get((period, nationality), ()):
                values[key].append((point, several))
    return values


# Every post of a build asks about the same data set: its values, computed
# ones included, are gathered once per data set rather than once per post.
_cached = {"dataset": None, "cells": None}


def _cells(dataset):
    """(period, nationality) -> [(how the value reads, Point, given by several sources?)]."""
    if _cached["dataset"] is not dataset:
        cells = defaultdict(list)
        for period, nationality in sorted({(p, n) for p, n, _ in dataset.cells}):
            for measure in MEASURES:
                found = candidates(dataset, period, nationality, measure)
                cells[(period, nationality)].extend((_key(point), point, len(found) > 1) for point in found)
        _cached.update(dataset=dataset, cells=cells)
    return _cached["cells"]


def _key(point):
    unit = MEASURES[point.measure].unit
    return format_number(point.value, unit) if unit == PERCENT else point.value


def figure_syntax(point, several_sources):
    source = f" @{point.source}" if several_sources else ""
    return f"{{{{ {point.nationality} {point.period} {point.measure}{source} }}}}"


@dataclass(frozen=True)
class Found:
    line: int
    text: str
    point: object
    several_sources: bool


def hand_typed(post, dataset):
    """Each number in prose, tables or summary that a figure of a mentioned cell could carry."""
    values = figure_values(dataset, *mentioned(post, dataset))
    found = []
    for line, written, key in typed_in(post):
        if key in values:
            point, several = values[key][0]
            found.append(Found(line, written, point, several))
    return found


def hand_typed_problems(post, dataset, path):
    """Problems for hand-typed figures not allowed by a marker, and for markers that allow nothing."""
    allowed = {_marker_key(marker.number): marker for marker in post.markers}
    used, problems = set(), []
    for item in hand_typed(post, dataset):
        key = _marker_key(item.text)
        if key in allowed:
            used.add(key)
            continue
        problems.append(Problem(
            path, item.line,
            f"{item.text} is typed by hand, but it is a figure of the data set "
            f"({item.point.nationality}, {item.point.period}, {item.point.measure}, {item.point.source})",
            f"write {figure_syntax(item.point, item.several_sources)} so it follows the data set, "
            f"or keep it with <!-- allow {item.text}: why it is typed -->",
        ))
    for key, marker in allowed.items():
        if key not in used:
            problems.append(Problem(path, marker.line, f"the allow marker for {marker.number} allows no hand-typed figure",
                                    "remove the marker"))
    for line in post.bad_markers:
        problems.append(Problem(path, line, "an allow marker needs a number and a reason",
                                "write <!-- allow 1,395: why the number is typed by hand -->"))
    return problems


def _marker_key(text):
    return text.lower().replace(",", "").replace(" ", "").replace("percent", "%")


def count_problems(post, charts, path):
    """Count words ('eleven countries') that disagree with every chart and table of their section.

    `charts` are the post's (ChartBlock, [Point]) pairs, from posttext.chart_points.
    """
    shapes = _shapes(post, charts)
    problems = []
    for line, section, phrase, number, dimension in count_phrases(post):
        beside = [(kind, at, sizes[dimension]) for kind, at, where, sizes in shapes
                  if where == section and dimension in sizes]
        if beside and all(size != number for _, _, size in beside):
            kind, at, size = beside[0]
            problems.append(Problem(
                path, line,
                f"'{phrase}', but the {kind} on line {at} shows {size} {DIMENSION_WORDS[dimension]}",
                f"write the count the {kind} shows, or make the {kind} show what the text says",
            ))
    return problems


def _shapes(post, charts):
    """(kind, line, section, {dimension: how many}) for each chart and each table of figures."""
    shapes = [("chart", chart.line, chart.section, {d: len({p.coordinate(d) for p in points}) for d in DIMENSION_WORDS})
              for chart, points in charts]
    readable = post.queries
    for index, table in enumerate(post.tables):
        queries = [query for figure, query in readable if figure.table == index]
        if queries:
            sizes = {
                "nationality": len({n for q in queries for n in q.nationalities}),
                "period": len({p for q in queries for p in q.periods}),
                "measure": len({m for q in queries for m in q.measures}),
            }
            shapes.append(("table", table.line, table.section, sizes))
    return shapes
