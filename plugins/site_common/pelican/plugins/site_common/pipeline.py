"""The one problem pipeline, and the state each build keeps (never the process).

While Pelican reads, plugins add `Problem`s to the build's collector
(`this_build(context).add(...)`). When every generator has read and before
anything is written, one handler prints each problem as one plain line,
then stops a strict build (`pelican --fatal warnings`) once, with one
summary line; a relaxed build prints the same lines and goes on.

Pelican's own `--fatal warnings` raises at the first warning, which would
hide every later mistake. So strictness is read from it once, its raising
is turned off, and a log handler counts Pelican's own warnings instead:
they stop a strict build at the same point as ours.

Per-build state lives in the context dict Pelican makes afresh for every
run (`pelican -r` runs many builds in one process), so nothing a build read
can leak into the next one.
"""

import logging
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from blinker import signal

from .problems import Problem, Problems, mistakes_phrase, summary_line

CONTEXT_KEY = "site_build"
# Sent after all generators have read, before the report: the moment for
# checks that need the whole site (links between posts, say). Receivers get
# the BuildState as sender and Pelican's generators as `generators`.
reading_done = signal("site_common.reading_done")
# Sent with the BuildState just before a strict build stops, so that work
# under way (charts being drawn) can be cancelled.
stopping = signal("site_common.stopping")
# Sent by a long-lived preview (live_preview) with each post or page it hands
# Pelican from its last build instead of reading the file again: what a
# plugin records per build when a post is read (the charts it wants drawn,
# its problems), it records again here.
content_reused = signal("site_common.content_reused")
# Sent by a long-lived preview with a post whose page it writes before its
# build (live_preview/first.py), read again or with a new comment, and with
# `generator`, the last build's generator holding it: a plugin that gives
# posts something once all are read gives this one its part again, in the
# last build's state. Each receiver returns the problems it found (a list);
# any of them leaves the page to the build.
content_again = signal("site_common.content_again")
# Sent by a long-lived preview, with no sender, while it waits for a save:
# a receiver does a little of the work it can do ahead of the next build
# (about a tenth of a second) and returns True while some remains.
idle = signal("site_common.idle")
# What a post's reading drew on besides its own file (the data set its
# figures are filled from): a long-lived preview keeps the post from its last
# build while its file and these are unchanged (see drew_on).
DREW_ON = "_drew_on"
# What a post's reading asked of one of those, when the plugin that read it
# can tell whether the answers changed (BuildState.answers; see asked_of).
ASKED = "_asked"
# Each plugin answers with the post metadata keys it reads, so the metadata
# check knows every key the site understands without a hand-kept list.
post_metadata_keys = signal("site_common.post_metadata_keys")
# The settings file settings problems point into, relative to the repository.
SETTINGS_FILE = "pelicanconf.py"


class BuildStopped(Exception):
    """A strict build found mistakes; they and the summary are printed already."""

    exitcode = 1


@dataclass
class BuildState:
    """What one build knows beyond Pelican's own context: its problems and each plugin's part."""

    root: Path  # paths in problems are shown relative to this (the repository)
    strict: bool
    log: "PelicanWarnings"
    problems: Problems = field(default_factory=Problems)
    parts: dict = field(default_factory=dict)
    log_mark: int = 0  # Pelican warnings counted before this build started
    # Output files a plugin wrote whose being there follows from what this
    # build read (each chart's files), relative to the output with '/'
    # separators: a preview building over its last output takes away those
    # the last build wrote and this one did not.
    outputs: set = field(default_factory=set)
    # For a file or folder posts draw on (drew_on), by its path as drew_on
    # names it: a function from what a post asked of it (asked_of) to a value
    # that is the same in two builds when they answer the same. A preview
    # keeps the post while it is; without one, while the files are unchanged.
    answers: dict = field(default_factory=dict)

    def part(self, name, start):
        """A plugin's state for this build, made by `start()` the first time it is asked for."""
        if name not in self.parts:
            self.parts[name] = start()
        return self.parts[name]

    def config(self, schema, settings):
        """A plugin's settings for this build (a site_common.options.Schema), checked once."""

        def load():
            config, problems = schema.load(settings)
            for problem in problems:
                self.add_setting(problem.key, problem.message, problem.suggestion)
            return config

        return self.part(schema.name, load)

    def where(self, path):
        """`path` as problems show it: relative to the repository, with forward slashes."""
        path = Path(path)
        if not path.is_absolute():
            return path.as_posix()
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def add(self, path, line, message, suggestion=None):
        self.problems.add(Problem(self.where(path), line, message, suggestion))

    def add_setting(self, key, message, suggestion=None):
        """A problem with a setting, at its line in the settings file when it is there."""
        settings_file = self.root / SETTINGS_FILE
        self.problems.add(Problem(SETTINGS_FILE, setting_line(settings_file, key), message, suggestion))

    def mistakes(self):
        """Ours plus the warnings Pelican itself logged during this build."""
        return len(self.problems) + self.log.count - self.log_mark


def setting_line(settings_file, key):
    try:
        text = Path(settings_file).read_text(encoding="utf-8")
    except OSError:
        return None
    pattern = re.compile(rf"^{re.escape(key)}\s*=")
    return next((n for n, line in enumerate(text.splitlines(), 1) if pattern.match(line)), None)


def drew_on(content, *paths):
    """Note that reading `content` drew on the files or folders `paths` besides its own file.

    A long-lived preview (live_preview/reuse.py) reads such a post again
    when one of them changes, and keeps every post that drew on none of them.
    """
    # Sorted: a value of the post like any other, the same in every build.
    setattr(content, DREW_ON, tuple(sorted(drawn_on(content) | {str(path) for path in paths})))


def drawn_on(content):
    """The files and folders `content`'s reading drew on besides its own (drew_on)."""
    return frozenset(getattr(content, DREW_ON, ()))


def asked_of(content, path, questions):
    """Note that reading `content` drew on `path` and asked it `questions` (a set of hashable values).

    The plugin that read `path` answers them in each build (BuildState.answers):
    a long-lived preview keeps the post while the answers stay the same, even
    if `path` changed elsewhere.
    """
    drew_on(content, path)
    asked = dict(getattr(content, ASKED, {}))
    asked[str(path)] = frozenset(questions) | asked.get(str(path), frozenset())
    setattr(content, ASKED, asked)


def asked(content):
    """{path: questions} of what `content`'s reading asked (asked_of)."""
    return dict(getattr(content, ASKED, {}))


def this_build(context):
    """The BuildState of the build whose Pelican context this is; made on first use."""
    state = context.get(CONTEXT_KEY)
    if state is None:
        log = PelicanWarnings.installed()
        log.reported = log.count
        state = BuildState(root=Path(context["PATH"]).resolve().parent, strict=log.strict,
                           log=log, log_mark=log.count)
        context[CONTEXT_KEY] = state
    return state


def declared_post_metadata():
    """Every post metadata key the site's plugins say they read."""
    return {key for _receiver, keys in post_metadata_keys.send() for key in keys or ()}


class PelicanWarnings(logging.Handler):
    """Counts what Pelican and other libraries log at the strict level, for the strict stop.

    Installed once per process on the root logger: logging is process-wide by
    nature. It also keeps tracebacks of a strict stop off the screen.
    """

    def __init__(self, strict, level):
        super().__init__(level)
        self.strict = strict
        self.count = 0
        self.reported = 0  # count when the last report was printed

    def emit(self, record):
        if not _about_a_stop(record):
            self.count += 1

    @classmethod
    def installed(cls):
        root = logging.getLogger()
        for handler in root.handlers:
            if isinstance(handler, cls):
                return handler
        from pelican.log import FatalLogger  # noqa: PLC0415  (only under Pelican)

        level = FatalLogger.fatal_lvl
        strict = level <= logging.ERROR
        FatalLogger.fatal_lvl = logging.CRITICAL + 1
        handler = cls(strict, level if strict else logging.CRITICAL + 1)
        plain_log_lines(root)
        root.addHandler(handler)
        return handler

    def uninstall(self):
        """Undo `installed()`: for builds run one after another in one process (tests)."""
        from pelican.log import FatalLogger  # noqa: PLC0415

        root = logging.getLogger()
        root.removeHandler(self)
        if self.strict:
            FatalLogger.fatal_lvl = self.level


def _about_a_stop(record):
    exc = record.exc_info[1] if record.exc_info else None
    args = record.args if isinstance(record.args, tuple) else ()
    return isinstance(exc, BuildStopped) or any(isinstance(a, BuildStopped) for a in args)


class _NotAboutAStop(logging.Filter):
    def filter(self, record):
        return not _about_a_stop(record)


def plain_log_lines(root):
    """Pelican's log as plain lines: no columns, no wrapping inside words, no `plugin.py:51`.

    Rich's handler lays each record out in columns the width of the terminal,
    which at 80 columns breaks file names mid-word; a file name must be
    copyable as one word.
    """
    for handler in list(root.handlers):
        if type(handler).__name__ == "RichHandler":
            plain = logging.StreamHandler(sys.stderr)
            plain.setLevel(handler.level)
            plain.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
            root.removeHandler(handler)
            root.addHandler(plain)
    for handler in root.handlers:
        if not any(isinstance(f, _NotAboutAStop) for f in handler.filters):
            handler.addFilter(_NotAboutAStop())
    # Pelican's closing "Done: Processed ..." goes through its Rich console,
    # which would wrap it at the terminal's width into two lines.
    from pelican.log import console  # noqa: PLC0415  (only under Pelican)

    console.soft_wrap = True


def report(state):
    """Print every problem as one line; stop a strict build that has any, once."""
    for line in state.problems.lines():
        print(line, file=sys.stderr)
    count = state.mistakes()
    state.log.reported = state.log.count  # later ones are the writers' (after_writing)
    if not count:
        return
    files = len(state.problems.files())
    summary = summary_line(count, files, stopped=state.strict)
    print(summary, file=sys.stderr)
    if state.strict:
        stopping.send(state)
        raise BuildStopped(summary)


def finish_reading(generators):
    """After every generator has read: whole-site checks, then the one report."""
    state = this_build(generators[0].context)
    reading_done.send(state, generators=generators)
    report(state)


def after_writing(pelican):
    """Pelican's own warnings while writing (a template's, say) stop a strict build too."""
    log = PelicanWarnings.installed()
    count = log.count - log.reported
    log.reported = log.count
    if count and log.strict:
        summary = f"{mistakes_phrase(count)} while writing; the output is incomplete"
        print(summary, file=sys.stderr)
        raise BuildStopped(summary)


def connect():
    """Hook the pipeline into Pelican's signals; every plugin calls it, the first one counts."""
    from pelican import signals  # noqa: PLC0415

    # Before Pelican reads anything: from here on its warnings are counted,
    # not raised at the first one (`pelican` has set up logging by now).
    PelicanWarnings.installed()
    # Every generator has read here and nothing is written yet.
    signals.all_generators_finalized.connect(finish_reading)
    # Everything is written: anything Pelican warned about meanwhile counts too.
    signals.finalized.connect(after_writing)
