"""What each page and feed read while it was made, and whether a build can take it from the last one.

While the preview renders a page, every attribute read of a post, page or
static file (from a template or from a plugin's Python code) and every name
a template looks up in its context is recorded with a digest of the value
it gave. At the next build, before rendering that page again, each recorded
read is made again on that build's objects: if every value is the same, the
page would come out the same, and its last bytes are used. A page that
showed a post's title is rendered again when the title changes, not when
the post's body does; a listing is rendered again when a post joins or
leaves it, since the list it looked up gives another value.

The reads are made on the current build's own objects, read and finished by
the plugins as in any build, so a value that depends on another file (a
`{filename}` link, a chart's numbers) is compared as it now is.
"""

import sys
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain

from jinja2.runtime import Context, missing
from pelican.contents import Content

from pelican.plugins.site_common.pipeline import CONTEXT_KEY

from .fingerprint import NOT_OWN, Fingerprints

# The build's own state (its problems, each plugin's settings once checked):
# a new object every build, and what pages take from it follows from the
# settings, which no build of a running preview changes without a restart of
# its memory (Builder.build).
NOT_RECORDED = frozenset({CONTEXT_KEY})

_reads = None  # the Reads being collected, while a page or feed is made
_inside = 0  # >0 while a read is being answered: reads it makes itself are part of it


class Reads:
    def __init__(self, fingerprints, root=None):
        self.fingerprints = fingerprints
        self.root = root  # the context the page was rendered with; None: every name counts
        self.attributes = {}  # (source path, attribute or "*") -> digest
        self.names = {}  # context name -> digest

    def attribute(self, content, name, value):
        path = object.__getattribute__(content, "source_path")
        if callable(value):
            # A method (Pelican's memoized ones are partials): what it gives
            # depends on its object's whole state, and on what its content
            # links to.
            self.attributes[(path, "*")] = self.fingerprints.own_state(content)
            if hasattr(type(content), "content"):
                self.attributes[(path, "content")] = self.fingerprints.of(object.__getattribute__(content, "content"))
            return
        self.attributes[(path, name)] = self.fingerprints.of(value)

    def name(self, key, value):
        if key not in NOT_RECORDED:
            self.names[key] = self.fingerprints.of(value)


def _recording_getattribute(self, name):
    global _inside
    reads = _reads
    if reads is None or _inside or name in NOT_OWN or name.startswith("__"):
        return object.__getattribute__(self, name)
    _inside += 1
    try:
        value = object.__getattribute__(self, name)
        reads.attribute(self, name, value)
    finally:
        _inside -= 1
    return value


class RecordingContext(Context):
    """Jinja's context, noting each name a template takes from what it was given."""

    def resolve_or_missing(self, key):
        if key in self.vars:  # set by the template itself
            return self.vars[key]
        value = self.parent.get(key, missing)
        reads = _reads
        if reads is not None and not _inside:
            root = reads.root
            # Only what the page was given counts: an included template's
            # loop variable (a post of a listing) is itself made of reads.
            if root is None or value is missing or (key in root and root[key] is value):
                reads.name(key, value)
        return value


class ReadContext(dict):
    """A build's context handed to a feed: the names read from it are noted."""

    def __getitem__(self, key):
        value = super().__getitem__(key)
        if _reads is not None:
            _reads.name(key, value)
        return value

    def get(self, key, default=None):
        value = super().get(key, missing)
        if _reads is not None:
            _reads.name(key, value)
        return default if value is missing else value


@contextmanager
def recording(reads):
    global _reads
    _reads, before = reads, _reads
    try:
        yield reads
    finally:
        _reads = before


def watch_content(on):
    """Content objects note their reads, or stop; only the preview's builds pay for it, and only while writing."""
    if on:
        Content.__getattribute__ = _recording_getattribute
    elif "__getattribute__" in Content.__dict__:
        del Content.__getattribute__


@dataclass(frozen=True)
class Made:
    """What one output file read, and the template that made it."""

    template: str
    attributes: dict
    names: dict


class Memory:
    """Every output's reads, from one build to the next, for one preview process."""

    def __init__(self):
        self.last = {}  # output file -> Made, from the last successful build
        self.inputs = None  # digest of the templates and settings the last build was made with
        self.now = {}
        self.lasting = {}
        self.fingerprints = Fingerprints(self.lasting)
        self.objects = {}
        self.values = {}
        self.context = {}
        self.reused = self.made = 0

    def start(self, context, inputs):
        """A build begins writing; `context` is its shared context, with every file it read.

        `inputs` is a digest of what every page depends on without reading
        it by name: the templates' sources and the settings. When it
        changes, every page is rendered again.
        """
        if inputs != self.inputs:
            self.last = {}
        self.inputs = inputs
        self.now = {}
        # Kept only while their objects are in use: a build's value objects
        # that the next build no longer has are let go.
        self.fingerprints = None
        # (One reference is the entry's, one getrefcount's own.)
        self.lasting = {key: hit for key, hit in self.lasting.items() if sys.getrefcount(hit[0]) > 2}
        self.fingerprints = Fingerprints(self.lasting)
        self.reused = self.made = 0
        # Many pages read the same post's title, address and summary: each
        # is made again once per build, and per page depth (with relative
        # addresses a post's text depends on where the page showing it is).
        self.context = context
        self.values = {}
        self.objects = {
            object.__getattribute__(content, "source_path"): content
            for content in chain(context.get("generated_content", {}).values(),
                                 context.get("static_content", {}).values())
        }

    def finish(self, ok):
        """The build ended: keep what it recorded, or, if it failed, forget everything."""
        self.last = self.now if ok else {}
        if not ok:
            self.inputs = None
        self.now = {}
        self.objects, self.values, self.context = {}, {}, {}

    def unchanged(self, made, template_name, lookup, given):
        """Whether every read `made` recorded gives the same value in this build."""
        if made is None or made.template != template_name:
            return False
        for key, value in given.items():
            if made.names.get(key) != self.fingerprints.of(value):
                return False
        for read, digest in made.attributes.items():
            if self._value(read) != digest:
                return False
        return all(self.fingerprints.of(given[key] if key in given else lookup(key)) == digest
                   for key, digest in made.names.items())

    def _value(self, read):
        """The digest of what (source path, attribute) gives in this build; None if it cannot be read now."""
        values = self.values
        key = (read, self.context.get("localsiteurl"))
        if key in values:
            return values[key]
        path, name = read
        content = self.objects.get(path)
        try:
            value = None if content is None else self.fingerprints.own_state(content) if name == "*" else \
                self.fingerprints.of(object.__getattribute__(content, name))
        except Exception:  # an attribute gone or failing now: the page is made again
            value = None
        values[key] = value
        return value

    def make(self, output, template_name, lookup, render, previous, given=None, root=None):
        """The text of `output`: the last build's, if nothing it read has changed, else `render()`'s.

        `lookup(name)` gives a context name's value now; `given` are values
        the output depends on whether or not it reads them.
        """
        given = given or {}
        made = self.last.get(output)
        if self.unchanged(made, template_name, lookup, given):
            text = previous(output)
            if text is not None:
                self.now[output] = made
                self.reused += 1
                return text
        reads = Reads(self.fingerprints, root)
        for key, value in given.items():
            reads.name(key, value)
        watch_content(True)
        try:
            with recording(reads):
                text = render()
        finally:
            watch_content(False)
        self.now[output] = Made(template_name, reads.attributes, reads.names)
        self.made += 1
        return text
