"""Load the sourced data set (observations.csv, sources.csv) and validate every row.

The data set is read once per build. A bad row stops the build with its file
and line, because a chart drawn from a number nobody can trace is worse than
no chart.
"""

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .errors import ChartError, unknown
from .measures import MEASURES, PERCENT, PUBLISHED
from .sums import (
    RULES_FILE,
    check_documented,
    disagreements,
    read_documented,
    read_rules,
)

OBSERVATION_COLUMNS = ["period", "nationality", "measure", "value", "source"]
SOURCE_COLUMNS = ["id", "publisher", "title", "published", "locator", "notes"]
PERIOD_PATTERN = re.compile(r"FY(\d{4})(?:-FY(\d{4}))?")
# Up to a quadrillion: more than any count of people or cases can be.
COUNT_PATTERN = re.compile(r"\d+")
MAX_COUNT_DIGITS = 15
# The longest field the data set needs is a source's notes; a field longer
# than this is a broken quote swallowing the rows after it.
MAX_FIELD = 10_000


@dataclass(frozen=True)
class Source:
    id: str
    publisher: str
    title: str
    published: str
    locator: str
    notes: str


@dataclass(frozen=True)
class Observation:
    period: str
    nationality: str
    measure: str
    # int for counts; Decimal for percentages, keeping the precision printed.
    value: int | Decimal
    source: str

    def as_row(self):
        return [self.period, self.nationality, self.measure, str(self.value), self.source]


@dataclass
class Dataset:
    sources: dict[str, Source]
    observations: list[Observation]
    # The data set's sum rules, the places its rows break them, and what
    # the README fails to say about those places (site_common Problems).
    rules: list = field(default_factory=list)
    disagreements: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    cells: dict[tuple[str, str, str], list[Observation]] = field(init=False)

    def __post_init__(self):
        self.cells = defaultdict(list)
        for row in self.observations:
            self.cells[(row.period, row.nationality, row.measure)].append(row)
        self.periods = frozenset(row.period for row in self.observations)
        self.nationalities = frozenset(row.nationality for row in self.observations)

    def lookup(self, period, nationality, measure):
        """Every row for one period, nationality and measure, one per source."""
        return self.cells.get((period, nationality, measure), [])


@dataclass(frozen=True)
class RowMistake:
    """A bad line of the data set: which file, which line (None: the whole file), what is wrong."""

    path: Path
    line: int | None
    message: str


def read_dataset(directory, label=None):
    """(Dataset of the good rows, or None if a file cannot be read; [RowMistake]).

    The good rows still let a build check every chart and figure, so one
    build reports all mistakes; but a chart drawn from a number nobody can
    trace is worse than no chart, so with any mistake nothing is drawn.
    Rows that break a sum rule without the README saying so become
    `Dataset.problems` (site_common Problems), named by `label` (the
    directory as messages show it).
    """
    directory = Path(directory)
    label = str(label or directory)
    try:
        sources, problems = _read_sources(directory / "sources.csv")
        observations, more, lines = _read_observations(directory / "observations.csv", sources)
    except _FileMistake as mistake:
        return None, [mistake.args[0]]
    problems += more
    try:
        rules = read_rules(directory / RULES_FILE)
    except ChartError as error:
        return Dataset(sources, observations), [*problems, RowMistake(directory / RULES_FILE, None, str(error))]
    found = disagreements(observations, rules)
    documented = read_documented(directory / "README.md")
    sum_problems = check_documented(found, documented, f"{label}/README.md", f"{label}/observations.csv", lines)
    return Dataset(sources, observations, rules, found, sum_problems), problems


def load_dataset(directory, label=None):
    """Read and validate the data set in `directory`; raise ChartError listing every bad row.

    Rows that break a sum rule without the README saying so are the returned
    Dataset's `problems`: the build reports them.
    """
    dataset, problems = read_dataset(directory, label)
    if dataset is None:
        (mistake,) = problems
        where = mistake.path if mistake.line is None else f"{mistake.path}:{mistake.line}"
        raise ChartError(f"{where}: {mistake.message}")
    if problems:
        shown = [f"{p.path.name} line {p.line}: {p.message}" for p in problems[:20]]
        if len(problems) > len(shown):
            shown.append(f"... and {len(problems) - len(shown)} more")
        raise ChartError("the data set has errors:\n  " + "\n  ".join(shown))
    return dataset


class _FileMistake(Exception):
    """A data file that cannot be read at all (carries its RowMistake)."""


def _read_csv(path, expected_columns):
    """(line, row) pairs of a CSV file after its header; ChartError for a file that cannot be read."""
    try:
        # utf-8-sig: a spreadsheet's byte-order mark is not part of the first column's name.
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle)
            header = next(reader, [])
            rows = [(reader.line_num, row) for row in reader]
    except OSError as error:
        raise _FileMistake(RowMistake(path, None, f"cannot be read: {error.strerror}")) from None
    except UnicodeDecodeError as error:
        raise _FileMistake(RowMistake(
            path, _line_of_byte(path, error.start),
            f"the file is not UTF-8 text (byte 0x{error.object[error.start]:02x}); "
            "save it as UTF-8 (in a spreadsheet: CSV UTF-8)")) from None
    except csv.Error as error:
        raise _FileMistake(RowMistake(path, reader.line_num + 1, f"{error}; look for an unclosed quote")) from None
    if header != expected_columns:
        raise _FileMistake(RowMistake(
            path, 1, f"the columns must be {', '.join(expected_columns)}; found {', '.join(map(repr, header))}"))
    long_fields = [(line, len(max(row, key=len))) for line, row in rows
                   if row and len(max(row, key=len)) > MAX_FIELD]
    if long_fields:
        line, length = long_fields[0]
        raise _FileMistake(RowMistake(path, line, f"a field is {length} characters long, more than the "
                                      f"{MAX_FIELD} any field needs; look for an unclosed quote"))
    return rows


def _line_of_byte(path, offset):
    with open(path, "rb") as handle:
        return handle.read(offset).count(b"\n") + 1


def _read_sources(path):
    sources, problems = {}, []
    for line, row in _read_csv(path, SOURCE_COLUMNS):
        if len(row) != len(SOURCE_COLUMNS):
            problems.append(RowMistake(path, line, f"expected {len(SOURCE_COLUMNS)} fields, found {len(row)}"))
            continue
        source = Source(*(value.strip() for value in row))
        if source.id in sources:
            problems.append(RowMistake(path, line, f"source '{source.id}' is listed twice"))
        sources[source.id] = source
    return sources, problems


def _read_observations(path, sources):
    observations, problems, seen = [], [], {}
    for line, row in _read_csv(path, OBSERVATION_COLUMNS):
        if len(row) != len(OBSERVATION_COLUMNS):
            problems.append(RowMistake(path, line, f"expected {len(OBSERVATION_COLUMNS)} fields, found {len(row)}"))
            continue
        try:
            observation = parse_observation(row, sources)
        except ChartError as error:
            problems.append(RowMistake(path, line, str(error)))
            continue
        key = (observation.period, observation.nationality, observation.measure, observation.source)
        if key in seen:
            problems.append(RowMistake(path, line, f"repeats line {seen[key]} ({', '.join(key)})"))
            continue
        seen[key] = line
        observations.append(observation)
    return observations, problems, seen


def parse_observation(row, sources):
    """Turn one CSV row into an Observation, or raise ChartError saying what is wrong."""
    period, nationality, measure, value, source = (cell.strip() for cell in row)
    if not PERIOD_PATTERN.fullmatch(period):
        raise ChartError(f"period '{period}' is not a fiscal year (FY2012) or a span (FY2009-FY2013)")
    if not nationality:
        raise ChartError("the nationality is empty")
    if measure not in PUBLISHED:
        raise ChartError(unknown("measure", measure, PUBLISHED))
    if source not in sources:
        raise ChartError(unknown("source", source, sources) + " in sources.csv")
    return Observation(period, nationality, measure, parse_value(measure, value), source)


def parse_value(measure, text):
    """Counts are whole numbers; percentages are numbers from 0 to 100."""
    if MEASURES[measure].unit != PERCENT:
        if not COUNT_PATTERN.fullmatch(text):
            raise ChartError(f"{measure} is a count, so its value must be a whole number; found '{_short(text)}'")
        if len(text) > MAX_COUNT_DIGITS:
            raise ChartError(f"{measure} is a count; the value has {len(text)} digits, more than "
                             f"any count of people or cases ({MAX_COUNT_DIGITS} at most)")
        return int(text)
    if len(text) > 20:
        raise ChartError(f"{measure} is a percentage, written with at most 20 characters; found '{_short(text)}'")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ChartError(f"{measure} is a percentage; found '{text}'") from None
    if not number.is_finite() or not 0 <= number <= 100:
        raise ChartError(f"{measure} is a percentage, so it must lie between 0 and 100; found '{text}'")
    return number


def _short(text, limit=40):
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text)} characters)"


def fiscal_years(first, last):
    """FY2005..FY2014 as a list of single fiscal years; raise ChartError if not a range."""
    start, end = (PERIOD_PATTERN.fullmatch(p) for p in (first, last))
    if not (start and end) or start.group(2) or end.group(2):
        raise ChartError(f"a range of periods runs between two fiscal years, like FY2005..FY2014; found '{first}..{last}'")
    low, high = int(start.group(1)), int(end.group(1))
    if low > high:
        raise ChartError(f"the range '{first}..{last}' runs backwards; write '{last}..{first}'")
    return [f"FY{year}" for year in range(low, high + 1)]
