"""Plugin settings as a schema: each key's kind, default and what a right value looks like.

One policy for every plugin: a wrong value is reported (key, value, what is
expected) and replaced by its default, so a relaxed build still finishes and a
strict one stops at the report; a key under the plugin's prefix that no option
declares is reported with the nearest declared key. A plugin gets its settings
as a frozen, typed config object.
"""

import dataclasses
from pathlib import Path
from urllib.parse import urlsplit

from .problems import closest


class Invalid(ValueError):
    """A setting's value is not what its option expects."""


@dataclasses.dataclass(frozen=True)
class Option:
    """A value kept as it is, whatever its kind (subclasses check and convert)."""

    default: object
    expected: str = "a value"

    def convert(self, value, settings):
        return value

    def check(self, value, settings):
        """The value the plugin uses, or Invalid."""
        return self.convert(value, settings)


@dataclasses.dataclass(frozen=True)
class Choice(Option):
    choices: tuple = ()

    def __post_init__(self):
        object.__setattr__(self, "expected", "one of " + ", ".join(map(repr, self.choices)))

    def convert(self, value, settings):
        if value not in self.choices:
            raise Invalid
        return value


@dataclasses.dataclass(frozen=True)
class Integer(Option):
    low: int = 0
    high: int | None = None

    def convert(self, value, settings):
        if not isinstance(value, int) or isinstance(value, bool):
            raise Invalid
        if value < self.low or (self.high is not None and value > self.high):
            raise Invalid
        return value


@dataclasses.dataclass(frozen=True)
class Text(Option):
    """A non-empty string; `containing` names a part it must hold (`{slug}`)."""

    containing: str = ""

    def convert(self, value, settings):
        if not isinstance(value, str) or not value.strip() or self.containing not in value:
            raise Invalid
        return value


@dataclasses.dataclass(frozen=True)
class Strings(Option):
    """A list of strings, kept as a tuple."""

    def convert(self, value, settings):
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            raise Invalid
        return tuple(value)


@dataclasses.dataclass(frozen=True)
class Mapping(Option):
    """A mapping of strings to strings, kept as a dict."""

    def convert(self, value, settings):
        if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
            raise Invalid
        return dict(value)


@dataclasses.dataclass(frozen=True)
class URL(Option):
    """An absolute http(s) address."""

    expected: str = "an http(s) URL"

    def convert(self, value, settings):
        parts = urlsplit(value) if isinstance(value, str) else None
        if not (parts and parts.scheme in ("http", "https") and parts.netloc):
            raise Invalid
        return value


@dataclasses.dataclass(frozen=True)
class ExistingPath(Option):
    """A path that must exist, relative to the setting named by `relative_to` (e.g. PATH)."""

    relative_to: str = ""
    kind: str = "file"  # or "dir"

    def convert(self, value, settings):
        if not isinstance(value, (str, Path)) or not str(value):
            raise Invalid
        path = Path(settings.get(self.relative_to, "") if self.relative_to else "", value)
        if not (path.is_dir() if self.kind == "dir" else path.is_file()):
            raise Invalid(f"{path} does not exist")
        return path


@dataclasses.dataclass(frozen=True)
class Optional(Option):
    """None, or what `option` accepts."""

    option: Option = None

    def __post_init__(self):
        object.__setattr__(self, "expected", f"{self.option.expected}, or None")

    def convert(self, value, settings):
        return None if value is None else self.option.convert(value, settings)


@dataclasses.dataclass(frozen=True)
class SettingProblem:
    key: str
    message: str
    suggestion: str | None = None


class Schema:
    """The settings one plugin reads: `{KEY: Option}`, under `prefix` (a few may lie outside it).

    `renamed` maps retired keys to their new names; `elsewhere()` gives keys
    under the prefix that another program reads (so they are not unknown).
    """

    def __init__(self, name, prefix, options, renamed=None, elsewhere=frozenset):
        self.name, self.prefix, self.options = name, prefix, dict(options)
        self.renamed, self.elsewhere = dict(renamed or {}), elsewhere
        fields = [(self.attribute(key), object) for key in self.options]
        self.config_class = dataclasses.make_dataclass(name, fields, frozen=True)

    def attribute(self, key):
        return key.removeprefix(self.prefix).lower()

    def load(self, settings):
        """(frozen config, [SettingProblem]) from Pelican's settings; wrong values become defaults."""
        values, problems = {}, []
        for key, option in self.options.items():
            value = settings.get(key, option.default)
            try:
                values[self.attribute(key)] = option.check(value, settings)
            except Invalid as error:
                detail = f" ({error})" if str(error) else ""
                problems.append(SettingProblem(
                    key, f"setting {key} is {value!r}{detail}",
                    f"expected {option.expected} (the build uses the default, {option.default!r})"))
                values[self.attribute(key)] = self._default(option, settings)
        problems += self.unknown_keys(settings)
        return self.config_class(**values), problems

    @staticmethod
    def _default(option, settings):
        try:
            return option.check(option.default, settings)
        except Invalid:
            return option.default

    def unknown_keys(self, settings):
        problems = []
        known = set(self.options) | set(self.elsewhere())
        for key in sorted(k for k in settings if k.startswith(self.prefix) and k not in known):
            if key in self.renamed:
                problems.append(SettingProblem(key, f"setting {key} has been renamed {self.renamed[key]}",
                                               f"rename it to {self.renamed[key]}"))
                continue
            match = closest(key, [k for k in self.options if k.startswith(self.prefix)])
            hint = f"did you mean {match}?" if match else (
                f"{self.prefix}* settings are: " + ", ".join(sorted(self.options)))
            problems.append(SettingProblem(key, f"unknown setting {key}", hint))
        return problems

    def table(self):
        """(key, default, expected) for each option, for a README's settings table."""
        return [(key, option.default, option.expected) for key, option in self.options.items()]
