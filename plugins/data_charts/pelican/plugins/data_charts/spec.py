"""Parse the YAML body of a chart block into a ChartSpec, checking its keys and kinds.

Only the shape is checked here; whether the names exist in the data set is
the selection's business (selection.py).
"""

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
    try:
        data = _load_yaml(text)
    except yaml.YAMLError as error:
        raise ChartError(f"the chart block is not valid YAML: {_yaml_problem(error)}") from None
    if not isinstance(data, dict):
        raise ChartError("the chart block must be a list of 'key: value' lines, starting with 'type:' and 'title:'")
    fields = {}
    for key, value in data.items():
        key = str(key)
        if key not in KNOWN_KEYS:
            raise ChartError(f"unknown key '{key}'{suggest(key, KNOWN_KEYS)} (keys: {', '.join(KNOWN_KEYS)})")
        if key in LIST_KEYS:
            name = LIST_KEYS[key]
            if name in fields:
                raise ChartError(f"'{key}' repeats '{name}'; give one list")
            fields[name] = _as_list(key, value)
        elif key == "labels":
            fields["labels"] = _as_labels(value)
        else:
            fields[key] = _as_text(key, value)
    missing = [key for key in REQUIRED if not fields.get(key)]
    if missing:
        raise ChartError(f"the chart needs {' and '.join(repr(key) for key in missing)}")
    _check_choices(fields)
    fields["periods"] = tuple(_expand_periods(fields["periods"]))
    return ChartSpec(**fields)


def _check_choices(fields):
    if fields["type"] not in CHART_TYPES:
        raise ChartError(f"{unknown('chart type', fields['type'], CHART_TYPES)} (types: {', '.join(CHART_TYPES)})")
    if fields.get("missing", "refuse") not in MISSING:
        raise ChartError(f"'missing' takes {' or '.join(MISSING)}; found '{fields['missing']}'{suggest(fields['missing'], MISSING)}")
    if fields.get("x") and fields["x"] not in DIMENSIONS:
        raise ChartError(f"'x' must be one of {', '.join(DIMENSIONS)}; found '{fields['x']}'{suggest(fields['x'], DIMENSIONS)}")
    if fields.get("id") and not ID_PATTERN.fullmatch(fields["id"]):
        raise ChartError(f"'id' names the chart's files, so it takes lower-case letters, digits and hyphens; found '{fields['id']}'")


def _load_yaml(text):
    try:
        return yaml.load(text, Loader=FAST_LOADER)
    except yaml.YAMLError:
        return yaml.load(text, Loader=yaml.SafeLoader)


def _yaml_problem(error):
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    return f"{problem} (line {mark.line + 1} of the block)" if mark else problem


def _as_text(key, value):
    if isinstance(value, (dict, list)) or value is None:
        raise ChartError(f"'{key}' takes a single value")
    return str(value).strip()


def _as_list(key, value):
    values = value if isinstance(value, list) else [value]
    if not values or any(isinstance(item, (dict, list)) or item is None for item in values):
        raise ChartError(f"'{key}' takes a name or a list of names, like [Mexico, Honduras]")
    names = [str(item).strip() for item in values]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise ChartError(f"'{key}' names {', '.join(duplicates)} twice")
    return tuple(names)


def _as_labels(value):
    if not isinstance(value, dict):
        raise ChartError("'labels' maps names to the labels to show, like {asylumist-2013-11-13: The Asylumist}")
    return tuple((str(name), str(label)) for name, label in value.items())


def _expand_periods(periods):
    for period in periods:
        if ".." in period:
            first, _, last = period.partition("..")
            yield from fiscal_years(first.strip(), last.strip())
        else:
            yield period
