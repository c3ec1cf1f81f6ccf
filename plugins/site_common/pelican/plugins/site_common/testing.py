"""The in-process build harness the plugins' tests share.

Each build connects the plugins' signal receivers (Pelican registers them)
and disconnects every receiver it added afterwards, resets Pelican's
duplicate-message filter and the strictness it reads, so builds in one test
process never see each other's receivers or state, in any order.
"""

import contextlib
import io
import logging
import weakref
from dataclasses import dataclass, field
from pathlib import Path

from . import pipeline


@dataclass
class BuiltSite:
    output: Path
    stopped: bool  # a strict build stopped at the report
    printed: list  # what the build printed on stderr, one line each: problems, then the summary
    state: object = None  # the build's pipeline.BuildState
    problems: list = field(default_factory=list)  # the Problems, as collected

    @property
    def text(self):
        """What the build printed, as one string."""
        return "\n".join(self.printed)

    def read(self, relative):
        return (self.output / relative).read_text(encoding="utf-8")


def _signals():
    from blinker import Signal  # noqa: PLC0415
    from pelican.plugins import signals  # noqa: PLC0415

    found = [value for value in vars(signals).values() if isinstance(value, Signal)]
    found += [pipeline.reading_done, pipeline.post_metadata_keys, pipeline.stopping, pipeline.content_reused,
              pipeline.content_again]
    return found


def _receivers(signal):
    return {rid: (ref() if isinstance(ref, weakref.ref) else ref) for rid, ref in signal.receivers.items()}


@contextlib.contextmanager
def signals_of_one_build():
    """Disconnect, on exit, every receiver connected inside."""
    before = {signal: set(signal.receivers) for signal in _signals()}
    try:
        yield
    finally:
        for signal, ids in before.items():
            for rid, receiver in _receivers(signal).items():
                if rid not in ids and receiver is not None:
                    signal.disconnect(receiver)


def build(settings, *, strict=False):
    """Build a site in this process with Pelican's `settings` overridden; never raises BuildStopped."""
    from pelican import Pelican  # noqa: PLC0415
    from pelican.log import FatalLogger, LimitFilter  # noqa: PLC0415
    from pelican.plugins import signals  # noqa: PLC0415
    from pelican.settings import read_settings  # noqa: PLC0415

    contexts = []

    def remember(generator):
        if not contexts:
            contexts.append(generator.context)

    LimitFilter._raised_messages = set()
    LimitFilter._group_count = type(LimitFilter._group_count)(int)
    fatal_before = FatalLogger.fatal_lvl
    # What `pelican --fatal warnings` sets; the pipeline reads it once per process.
    FatalLogger.fatal_lvl = logging.WARNING if strict else logging.CRITICAL + 1
    stderr, stopped = io.StringIO(), False
    values = read_settings(override=settings)
    try:
        with signals_of_one_build(), contextlib.redirect_stderr(stderr):
            signals.generator_init.connect(remember)
            try:
                Pelican(values).run()
            except pipeline.BuildStopped:
                stopped = True
    finally:
        pipeline.PelicanWarnings.installed().uninstall()
        FatalLogger.fatal_lvl = fatal_before
    state = pipeline.this_build(contexts[0]) if contexts else None
    return BuiltSite(Path(values["OUTPUT_PATH"]), stopped, stderr.getvalue().splitlines(),
                     state, list(state.problems) if state else [])
