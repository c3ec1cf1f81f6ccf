"""Sum rules: which measures add up to which, where a source's rows break them, and what readers are told.

The data set declares its rules in `sums.csv` (a total and the parts it is the
sum of). A source printed by an agency does not always add up, and the data
set copies it faithfully; so a disagreement is not an error in the data, but
it must be documented: the data set's README lists every one, with the total
as printed, what the parts add to and the difference. Each build recomputes
them all and reports any the README leaves out or states wrongly, and a chart
showing parts beside a total that disagree says so in its caption.
"""

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from pelican.plugins.site_common.problems import Problem

from .errors import ChartError, unknown
from .measures import MEASURES, PERCENT, PUBLISHED

RULES_FILE = "sums.csv"
RULE_COLUMNS = ["total", "parts"]
README_HEADING = re.compile(r"^#+\s+Where parts and totals disagree\s*$")
README_COLUMNS = ["source", "nationality", "period", "total", "total as printed", "parts add to", "difference"]


@dataclass(frozen=True)
class SumRule:
    total: str
    parts: tuple[str, ...]
    line: int  # in sums.csv


@dataclass(frozen=True, order=True)
class Disagreement:
    source: str
    nationality: str
    period: str
    total_measure: str
    parts: tuple[str, ...]
    total: int
    parts_sum: int

    @property
    def key(self):
        return (self.source, self.nationality, self.period, self.total_measure)

    @property
    def difference(self):
        return self.total - self.parts_sum


def read_rules(path):
    """The rules in `path` (sums.csv), or none if the data set declares none; raise ChartError."""
    path = Path(path)
    if not path.is_file():
        return []
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        if next(reader, []) != RULE_COLUMNS:
            raise ChartError(f"{path.name}: the columns must be {', '.join(RULE_COLUMNS)}")
        rows = [(reader.line_num, row) for row in reader]
    rules, problems = [], []
    for line, row in rows:
        try:
            rules.append(_parse_rule(row, line))
        except ChartError as error:
            problems.append(f"{path.name} line {line}: {error}")
    if problems:
        raise ChartError("the data set's sum rules have errors:\n  " + "\n  ".join(problems))
    return rules


def _parse_rule(row, line):
    if len(row) != len(RULE_COLUMNS):
        raise ChartError(f"expected {len(RULE_COLUMNS)} fields, found {len(row)}")
    total = row[0].strip()
    parts = tuple(part.strip() for part in row[1].split("+"))
    for measure in (total, *parts):
        if measure not in PUBLISHED:
            raise ChartError(unknown("measure", measure, PUBLISHED))
        if MEASURES[measure].unit == PERCENT:
            raise ChartError(f"{measure} is a percentage, and percentages do not add up")
    if len(parts) < 2 or total in parts or len(set(parts)) != len(parts):
        raise ChartError(f"write a total and two or more other measures, like 'court_decided,court_granted + court_denied'; found '{row[0]} = {row[1]}'")
    if len({MEASURES[m].unit for m in (total, *parts)}) > 1:
        raise ChartError(f"'{total}' and its parts count different units; cases and individuals never add up")
    return SumRule(total, parts, line)


def disagreements(observations, rules):
    """Every (source, nationality, period) whose parts, all present, do not add to its total."""
    by_cell = defaultdict(dict)
    for row in observations:
        by_cell[(row.source, row.nationality, row.period)][row.measure] = row.value
    found = []
    for (source, nationality, period), values in by_cell.items():
        for rule in rules:
            if rule.total in values and all(part in values for part in rule.parts):
                parts_sum = sum(values[part] for part in rule.parts)
                if parts_sum != values[rule.total]:
                    found.append(Disagreement(source, nationality, period, rule.total, rule.parts,
                                              values[rule.total], parts_sum))
    return sorted(found)


@dataclass(frozen=True)
class Documented:
    """One row of the README's table of disagreements, as written."""

    line: int
    key: tuple[str, str, str, str]
    numbers: tuple[str, str, str]  # total as printed, parts add to, difference


def read_documented(readme):
    """The rows of the README's 'Where parts and totals disagree' table; [] if it has none."""
    readme = Path(readme)
    if not readme.is_file():
        return []
    rows, inside = [], False
    for number, line in enumerate(readme.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("#"):
            inside = bool(README_HEADING.match(line))
            continue
        cells = [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
        if not inside or not line.startswith("|") or cells == README_COLUMNS or set("".join(cells)) <= set("-: "):
            continue
        if len(cells) != len(README_COLUMNS):
            rows.append(Documented(number, tuple(cells), ()))
            continue
        rows.append(Documented(number, tuple(cells[:4]), tuple(cells[4:])))
    return rows


def check_documented(found, documented, readme_label, observations_label, lines):
    """Problems where the README's table and the data set's rows do not say the same thing.

    `lines` maps (period, nationality, measure, source) to the line of that row
    in observations.csv, so an undocumented disagreement names the total's row.
    """
    problems = []
    expected = {d.key: d for d in found}
    for row in documented:
        if not row.numbers:
            problems.append(Problem(readme_label, row.line, f"this row of the disagreements table has {len(row.key)} cells",
                                    f"write the {len(README_COLUMNS)} columns {', '.join(README_COLUMNS)}"))
            continue
        disagreement = expected.pop(row.key, None)
        if disagreement is None:
            problems.append(Problem(readme_label, row.line,
                                    f"lists {' '.join(row.key)} as a disagreement, but the data set's rows add up or do not exist",
                                    "remove the row"))
            continue
        wanted = readme_numbers(disagreement)
        if tuple(_plain(n) for n in row.numbers) != tuple(_plain(n) for n in wanted):
            problems.append(Problem(readme_label, row.line,
                                    f"says {' | '.join(row.numbers)} for {' '.join(row.key)}",
                                    f"the data set gives {' | '.join(wanted)}"))
    for disagreement in expected.values():
        source, nationality, period, measure = disagreement.key
        problems.append(Problem(
            observations_label, lines.get((period, nationality, measure, source)),
            f"{source}, {nationality}, {period}: {' + '.join(disagreement.parts)} add to "
            f"{_count(disagreement.parts_sum)}, but {measure} is {_count(disagreement.total)}",
            f"if the source prints it so, list it in {readme_label}'s table 'Where parts and totals disagree': "
            f"| {' | '.join(disagreement.key)} | {' | '.join(readme_numbers(disagreement))} |",
        ))
    return problems


def readme_numbers(disagreement):
    """The three numbers of a README row: total as printed, what the parts add to, the difference."""
    return (_count(disagreement.total), _count(disagreement.parts_sum),
            f"{disagreement.difference:+,}")


def _count(number):
    return f"{number:,}"


def _plain(text):
    return text.replace(",", "").replace("\u2212", "-").replace("+", "").strip()


def caption_note(points, found):
    """A sentence for a chart's caption when it draws parts beside a total that do not add up; else ""."""
    shown = defaultdict(set)
    for point in points:
        shown[(point.source, point.nationality, point.period)].add(point.measure)
    notes = []
    for disagreement in found:
        measures = shown.get((disagreement.source, disagreement.nationality, disagreement.period), set())
        if disagreement.total_measure in measures and measures & set(disagreement.parts):
            parts = " + ".join(MEASURES[part].label for part in disagreement.parts)
            notes.append(
                f"As printed by the source, {disagreement.nationality}, {disagreement.period}: "
                f"{parts} add to {_count(disagreement.parts_sum)}, "
                f"but the total ({MEASURES[disagreement.total_measure].label}) is "
                f"{_count(disagreement.total)}."
            )
    return " ".join(notes)
