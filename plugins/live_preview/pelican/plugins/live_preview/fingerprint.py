"""Digests of what a page read while it was rendered, comparable from one build to the next.

A post, page or static file counts by its source path alone: what a page
read of it is recorded attribute by attribute (see record.py), so a page
that shows a post's title does not depend on the post's body. Everything
else counts by its value, all the way down. A value this module cannot
describe for certain (an object whose only description is its address)
gets a digest no later build can give again: a page that read it is always
rendered afresh, never served stale.
"""

import dataclasses
import datetime
import enum
import hashlib
import itertools
import os
import types
from pathlib import PurePath

from jinja2 import Undefined
from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

# What an object carries that is not its own: the build's settings and
# shared context. Settings cannot change under a running preview without a
# build that renders everything; the context's parts are recorded name by
# name as templates read them.
NOT_OWN = frozenset({"settings", "_context", "_Content__context"})
_ONCE = itertools.count()
_SIMPLE = (str, int, float, bool, type(None), bytes)


def unique():
    """A digest no other value has, now or in a later build of this process."""
    return b"!" + os.urandom(8) + str(next(_ONCE)).encode()


class Fingerprints:
    """Digests of values for one build; each object is described once."""

    def __init__(self, lasting=None):
        self._memo = {}  # id -> (object, digest): the object is kept so that its id is not reused
        self._busy = set()
        # Digests of frozen dataclasses (value objects: a comment's feed
        # entry) outlive the build, for the next build to find again.
        self._lasting = {} if lasting is None else lasting

    def of(self, value):
        if isinstance(value, str):
            return _digest(b"s" + value.encode("utf-8", "surrogatepass"))
        if isinstance(value, _SIMPLE):
            return _digest(type(value).__name__.encode() + repr(value).encode())
        key = id(value)
        hit = self._memo.get(key) or self._lasting.get(key)
        if hit is not None and hit[0] is value:
            return hit[1]
        if key in self._busy:  # a cycle: the value is already being described higher up
            return b"cycle"
        self._busy.add(key)
        try:
            digest = _digest(self._describe(value))
        finally:
            self._busy.discard(key)
        self._memo[key] = (value, digest)
        if _frozen(value):
            self._lasting[key] = (value, digest)
        return digest

    def own_state(self, content):
        """A post's or page's own attributes, for reads that cannot be narrowed (a method called)."""
        state = object.__getattribute__(content, "__dict__")
        return _digest(b"".join(key.encode() + b"=" + self.of(value)
                                for key, value in sorted(state.items()) if key not in NOT_OWN))

    def _describe(self, value):
        if isinstance(value, Content):
            return b"C" + object.__getattribute__(value, "source_path").encode("utf-8", "surrogatepass")
        if isinstance(value, URLWrapper):
            return b"W" + type(value).__name__.encode() + b":" + self.of(value.name) + self.of(value.slug)
        if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
            return b"D" + type(value).__name__.encode() + repr(value).encode()
        if isinstance(value, enum.Enum):
            return b"E" + type(value).__qualname__.encode() + repr(value.value).encode()
        if isinstance(value, PurePath):
            return b"P" + str(value).encode("utf-8", "surrogatepass")
        if isinstance(value, Undefined):
            return b"U"
        if isinstance(value, (list, tuple)):
            return b"L" + type(value).__name__.encode() + b"(" + b"".join(self.of(item) for item in value) + b")"
        if isinstance(value, (set, frozenset)):
            return b"S(" + b"".join(sorted(self.of(item) for item in value)) + b")"
        if isinstance(value, dict):
            pairs = sorted(self.of(key) + self.of(item) for key, item in value.items())
            return b"M" + type(value).__name__.encode() + b"(" + b"".join(pairs) + b")"
        if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, type, types.ModuleType)):
            return b"F" + getattr(value, "__module__", "").__str__().encode() + b"." + \
                getattr(value, "__qualname__", getattr(value, "__name__", "")).encode()
        if isinstance(value, types.MethodType):
            return unique()  # what a method gives depends on its object's whole state: see record.py
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            fields = (f.name for f in dataclasses.fields(value))
            return b"A" + type(value).__qualname__.encode() + b"(" + \
                b"".join(self.of(getattr(value, name)) for name in fields) + b")"
        state = getattr(value, "__dict__", None)
        if isinstance(state, dict):
            # Any other object (a paginator's page, a chart's description): its attributes.
            return b"O" + type(value).__module__.encode() + b"." + type(value).__qualname__.encode() + b"(" + b"".join(
                key.encode() + b"=" + self.of(item) for key, item in sorted(state.items()) if key not in NOT_OWN) + b")"
        text = repr(value)
        if " at 0x" in text or " object at " in text:
            return unique()
        return b"R" + type(value).__qualname__.encode() + text.encode("utf-8", "surrogatepass")


def _frozen(value):
    parameters = getattr(type(value), "__dataclass_params__", None)
    return parameters is not None and parameters.frozen


def _digest(data):
    return hashlib.blake2b(data, digest_size=16).digest()
