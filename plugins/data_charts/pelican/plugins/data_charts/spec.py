"""Parse the YAML body of a chart block into a ChartSpec, checking its keys and kinds.

Only the shape is checked here; whether the names exist in the data set is
the selection's business (selection.py).
"""

import datetime
import re
from dataclasses import dataclass

import yaml

from .chart_types import CHART_TYPES
from .dataset import fiscal_years
from .errors import ChartError, suggest, unknown

# libyaml's loader, where PyYAML was built with it, parses a chart block about
# ten times faster than the pure-Python one, and a site reads every block at
# every build. A block it refuses is parsed again in Python, whose messages
# say more ("found character '`'", not "found character").
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DIMENSIONS = ("period", "nationality", "measure", "source")
# Authors may write the singular or the plural; both mean a list.
LIST_KEYS = {
    "measures": "measures",
    "measure": "measures",
    "nationalities": "nationalities",
    "nationality": "nationalities",
    "periods": "periods",
    "period": "periods",
    "sources": "sources",
    "source": "sources",
}
TEXT_KEYS = ("type", "title", "caption", "id", "x", "missing")
# What a chart does about figures it asks for and the data set lacks: by
# default the build refuses it; `show` draws what exists and states the gaps.
MISSING = ("refuse", "show")
REQUIRED = ("type", "title", "measures", "nationalities", "periods")
KNOWN_KEYS = (*TEXT_KEYS, *LIST_KEYS, "labels")
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*")
# Ids the page itself uses: a chart with one of them would hide the sources
# note or take over the comment links. `comment-` and `source-` start ids
# the plugins make for each comment and each source.
RESERVED_IDS = frozenset({"main", "comments", "comments-title", "comment-form-title",
                          "data-sources", "data-sources-title"})
RESERVED_ID_PREFIXES = ("comment-", "source-", "year-")
# A chart block is a dozen short lines; these bound the work a hostile or
# mistaken one can cause before PyYAML builds anything.
MAX_BLOCK_CHARACTERS = 10_000
MAX_DEPTH = 3
# Plain values a key may take; bytes (`!!binary`), booleans and nulls may not.
SCALARS = (str, int, float, datetime.date)


@dataclass(frozen=True)
class ChartSpec:
    type: str
    title: str
    measures: tuple[str, ...]
    nationalities: tuple[str, ...]
    periods: tuple[str, ...]
    sources: tuple[str, ...] = ()
    caption: str = ""
    id: str = ""
    x: str = ""
    # (name, label) pairs: a mapping, kept hashable and ordered.
    labels: tuple[tuple[str, str], ...] = ()
    missing: str = "refuse"

    @property
    def shows_gaps(self):
        return self.missing == "show"


def parse_spec(text):
    """Return the ChartSpec written in `text`, or raise ChartError saying what to fix."""
    if len(text) > MAX_BLOCK_CHARACTERS:
        raise ChartError(f"the chart block is {len(text)} characters long; a chart needs "
                         f"far fewer than {MAX_BLOCK_CHARACTERS}")
    try:
        _check_shape(text)
        data = _load_yaml(text)
    except yaml.YAMLError as error:
        raise yaml_mistake(error, text) from None
    if not isinstance(data, dict):
        raise ChartError("the chart block must be a list of 'key: value' lines, starting with 'type:' and 'title:'")
    fields, written = {}, {}  # written: the key the author used for each list ('period' or 'periods')
    for key, value in data.items():
        key = str(key)
        if key not in KNOWN_KEYS:
            raise ChartError(f"unknown key '{key}'{suggest(key, KNOWN_KEYS)} (keys: {', '.join(KNOWN_KEYS)})", key=key)
        if key in LIST_KEYS:
            name = LIST_KEYS[key]
            if name in fields:
                raise ChartError(f"'{key}' repeats '{name}'; give one list", key=key)
            fields[name], written[name] = _as_list(key, value), key
        elif key == "labels":
            fields["labels"] = _as_labels(value)
        else:
            fields[key] = _as_text(key, value)
    missing = [key for key in REQUIRED if not fields.get(key)]
    if missing:
        raise ChartError(f"the chart needs {' and '.join(repr(key) for key in missing)}")
    _check_choices(fields)
    try:
        fields["periods"] = tuple(_expand_periods(fields["periods"]))
    except ChartError as error:
        # A malformed range is found as it is expanded: point at the line that wrote it.
        raise ChartError(str(error), key=written["periods"]) from None
    return ChartSpec(**fields)


def _check_choices(fields):
    if fields["type"] not in CHART_TYPES:
        raise ChartError(f"{unknown('chart type', fields['type'], CHART_TYPES)} (types: {', '.join(CHART_TYPES)})", key="type")
    if fields.get("missing", "refuse") not in MISSING:
        raise ChartError(f"'missing' takes {' or '.join(MISSING)}; found '{fields['missing']}'{suggest(fields['missing'], MISSING)}",
                         key="missing")
    if fields.get("x") and fields["x"] not in DIMENSIONS:
        raise ChartError(f"'x' must be one of {', '.join(DIMENSIONS)}; found '{fields['x']}'{suggest(fields['x'], DIMENSIONS)}", key="x")
    if fields.get("id") and not ID_PATTERN.fullmatch(fields["id"]):
        raise ChartError(f"'id' names the chart's files, so it takes lower-case letters, digits and hyphens; found '{fields['id']}'", key="id")
    if fields.get("id") in RESERVED_IDS or fields.get("id", "").startswith(RESERVED_ID_PREFIXES):
        raise ChartError(f"the id '{fields['id']}' is one the page uses itself; choose another, "
                         "such as 'chart-grant-rates'", key="id")


def _check_shape(text):
    """Refuse aliases and deep nesting by reading YAML's events, which costs no memory.

    An alias repeats a node without writing it out again: nine nested lists
    of nine aliases each are a billion strings once built. Chart blocks need
    neither aliases nor nesting deeper than a list or a mapping of labels.
    """
    depth = 0
    for event in yaml.parse(text, Loader=FAST_LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise ChartError("the chart block uses a YAML anchor or alias ('&' or '*'); "
                             "write each value out")
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise ChartError(f"the chart block nests lists or mappings more than {MAX_DEPTH - 1} "
                                 "deep; keys take a value, a list, or (labels) a mapping")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


class _UniqueKeys:
    """A loader mix-in that refuses a key written twice instead of keeping the last."""

    def construct_mapping(self, node, deep=False):
        seen = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, (str, int, float)) and key in seen:
                raise ChartError(f"'{key}' is given twice (lines {seen[key] + 1} and "
                                 f"{key_node.start_mark.line + 1} of the block); keep one",
                                 block_line=key_node.start_mark.line + 1)
            if isinstance(key, (str, int, float)):
                seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


class _FastLoader(_UniqueKeys, FAST_LOADER):
    pass


class _Loader(_UniqueKeys, yaml.SafeLoader):
    pass


def _load_yaml(text):
    try:
        return yaml.load(text, Loader=_FastLoader)
    except yaml.YAMLError:
        return yaml.load(text, Loader=_Loader)


def yaml_mistake(error, text):
    """A ChartError saying what to do about a YAML error, at the line YAML stopped on."""
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or getattr(error, "reason", None) or str(error)
    problem = " ".join(str(problem).split())  # one line, whatever PyYAML's layout
    lines = text.splitlines()
    number = mark.line + 1 if mark else None
    line = lines[mark.line] if mark and mark.line < len(lines) else ""
    key, _, value = line.partition(":")
    key = key.strip()
    previous = lines[mark.line - 1].strip() if mark and 0 < mark.line <= len(lines) else ""
    if "mapping values are not allowed" in problem and previous and ":" not in previous:
        # A line without a colon runs on into the next one, where YAML stops.
        number -= 1
        advice = f"'{previous}' is not a 'key: value' line"
    elif "mapping values are not allowed" in problem and key:
        advice = f"quote the {key}: it contains a colon, which YAML reads as a new key (write {key}: '{value.strip()}')"
    elif "\t" in line or "tab" in problem:
        # PyYAML's wording differs between its loaders; the line itself tells.
        advice = "a tab character; indent and separate with spaces"
    elif "could not find expected ':'" in problem:
        # The mark is past the line at fault; the line before it lacks the colon.
        number = number - 1 if number and number > 1 else number
        bad = lines[number - 1].strip() if number and number <= len(lines) else line.strip()
        advice = f"'{bad}' is not a 'key: value' line"
    elif "found another document" in problem:
        advice = "'---' starts a second YAML document; a chart block is one list of 'key: value' lines, so remove it"
    elif "expected ',' or ']'" in problem or "flow sequence" in problem:
        advice = "a list in [ ] is not closed or holds a stray character; write [a, b]"
    else:
        advice = f"the chart block is not valid YAML: {problem}"
    return ChartError(advice, block_line=number)


def _is_scalar(value):
    return isinstance(value, SCALARS) and not isinstance(value, bool)


def _as_text(key, value):
    if not _is_scalar(value):
        raise ChartError(f"'{key}' takes a single value{_kind_hint(value)}", key=key)
    return str(value).strip()


def _kind_hint(value):
    """Why a value YAML read is not text, for the author who wrote it."""
    if isinstance(value, bool):
        return f"; YAML reads an unquoted {str(value).lower()} or yes/no as true or false, so quote it"
    if value is None:
        return "; it is empty"
    if isinstance(value, bytes):
        return "; found binary data (!!binary)"
    if isinstance(value, dict):
        return "; found a mapping (a 'key: value' inside it? quote the whole value)"
    if isinstance(value, list):
        return "; found a list"
    return f"; found {type(value).__name__}"


def _as_list(key, value):
    values = value if isinstance(value, list) else [value]
    if not values or not all(_is_scalar(item) for item in values):
        bad = next((item for item in values if not _is_scalar(item)), None)
        raise ChartError(f"'{key}' takes a name or a list of names, like [Mexico, Honduras]"
                         f"{_kind_hint(bad) if values else ''}", key=key)
    names = [str(item).strip() for item in values]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise ChartError(f"'{key}' names {', '.join(duplicates)} twice", key=key)
    return tuple(names)


def _as_labels(value):
    if not isinstance(value, dict):
        raise ChartError("'labels' maps names to the labels to show, like {asylumist-2013-11-13: The Asylumist}", key="labels")
    for name, label in value.items():
        if not (_is_scalar(name) and _is_scalar(label)):
            bad = label if _is_scalar(name) else name
            raise ChartError(f"'labels' maps each name to a short text{_kind_hint(bad)}", key="labels")
    return tuple((str(name), str(label)) for name, label in value.items())


def _expand_periods(periods):
    for period in periods:
        if ".." in period:
            first, _, last = period.partition("..")
            yield from fiscal_years(first.strip(), last.strip())
        else:
            yield period
