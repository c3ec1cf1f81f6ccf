"""Pelican builds in this long-lived process: in place over the last output, or afresh and synced onto it.

Each build is a new Pelican instance made from the same command-line
arguments `pelican` takes, so each starts as `pelican` would: settings read,
plugins registered, the `initialized` signal sent (the plugins load their
per-build state there). What the process keeps between builds is what makes
a rebuild quick: Python, Pelican, Markdown, Jinja and matplotlib imported
once, and the caches under `cache/` on disk as any build keeps them.
"""

import hashlib
import importlib
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

from jinja2 import BytecodeCache
from pelican import get_config, parse_arguments, signals
from pelican.contents import Content
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.log import LimitFilter
from pelican.settings import read_settings

from pelican.plugins.site_common import pipeline

from . import record, reuse, sync
from .first import write_first
from .writer import selective_writer

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Result:
    ok: bool
    changed: frozenset  # output files written, replaced or deleted, relative with '/' separators
    seconds: float
    afresh: bool
    complete: bool = True  # False: work is left for Builder.finish (the search index)
    cpu_seconds: float = 0.0  # of this process (charts are drawn by others)


class Builder:
    def __init__(self, pelican_argv):
        """`pelican_argv`: what `pelican` would be run with (content, -o, -s, -e ...)."""
        self.argv = list(pelican_argv)
        self.arguments = parse_arguments(self.argv)
        self.output = Path(self.arguments.output or "output").resolve()
        self.staging = self.output.with_name(f".{self.output.name}.fresh")
        self.templates = _MemoryBytecodeCache()
        self.stamps = None  # {output file: (modification time, size)} after the last build
        self.digests = None  # {output file: SHA-256 of its bytes} after the last build
        self.memory = record.Memory()  # what each page and feed read, to render only those whose reads changed
        self.pending = []  # what the last build left to do once its pages are announced
        self.kept = reuse.Kept()  # posts and pages read by the last builds, handed to the next when unchanged
        self.outputs = None  # the plugins' outputs of the last good build (BuildState.outputs); None: unknown
        self._context = None
        self._readers = ()  # the last good build's articles and pages generators, for write_first

    def settings_file(self):
        return Path(self.arguments.settings).resolve()

    def settings(self):
        """The settings as the next build reads them, with the command line's overrides."""
        return read_settings(self.arguments.settings, override=get_config(self.arguments))

    def build(self, afresh=False):
        """Run one build; a failed build logs its error, and the output keeps what the last good one gave."""
        started, cpu = time.perf_counter(), time.process_time()
        # Pelican keeps the warnings it has shown in class attributes and
        # shows each only once per process: each build shows its own again.
        LimitFilter._ignore.clear()
        LimitFilter._raised_messages.clear()
        LimitFilter._group_count.clear()
        # In place, what the plugins no longer write is taken away by what the last build wrote.
        afresh = afresh or not self.output.is_dir() or self.outputs is None
        try:
            changed = self._build_afresh() if afresh else self._build_in_place()
        except (Exception, SystemExit) as error:  # a broken template, setting or data row must not stop the preview
            logger.error("The build failed, the preview shows the last good one: %s", error)
            self.outputs = None
            self._readers = ()
            sync.remove(self.staging)
            self.memory.finish(ok=False)
            self.kept.finish(None, ok=False)
            self.pending = []
            return Result(False, frozenset(), time.perf_counter() - started, afresh)
        self.memory.finish(ok=True)
        self.kept.finish(self._context, ok=True)
        logger.info("Posts and pages: %d read, %d kept; pages and feeds: %d rendered, %d unchanged",
                    self.kept.read, self.kept.reused, self.memory.made, self.memory.reused)
        return Result(True, frozenset(changed), time.perf_counter() - started, afresh, complete=not self.pending,
                      cpu_seconds=time.process_time() - cpu)

    def first(self, plan):
        """Write the page of the post `plan` (a changes.Plan) is about, from the last build's site.

        A Result naming the page if it was written (see first.py), or None
        when the build must do it: the plan is about no one post, or the post
        or its comments have a problem. The build that follows writes the
        same bytes, so it does not count the page as changed again.
        """
        if not self._readers or self.stamps is None:
            return None
        started, cpu = time.perf_counter(), time.process_time()
        try:
            name = write_first(self._readers, self.output, plan)
        except Exception as error:  # the build that follows says what is wrong
            logger.debug("The page is left to the build: %s", error)
            name = None
        if name is None:
            return None
        name = Path(name).as_posix()
        written = self.output / name
        status = written.stat()
        self.stamps[name] = (status.st_mtime_ns, status.st_size)
        return Result(True, frozenset(self._changed({name})), time.perf_counter() - started, False, complete=False,
                      cpu_seconds=time.process_time() - cpu)

    def finish(self):
        """Run what the last build left for after its pages were announced: the search index."""
        started = time.perf_counter()
        jobs, self.pending = self.pending, []
        if not jobs:
            return Result(True, frozenset(), 0.0, False)
        before = self.stamps
        for job in jobs:
            job.run(self.output)
        self.stamps = _stamps(self.output)
        return Result(True, frozenset(self._changed(_rewritten(before, self.stamps))),
                      time.perf_counter() - started, False)

    def _run(self, output):
        arguments = parse_arguments([*self.argv, "-o", str(output)])
        settings = read_settings(arguments.settings, override=get_config(arguments))
        # Templates compiled once for the process: Pelican makes a new Jinja
        # environment each build, which compiled every template again. Jinja
        # keys each compiled template by its name and checks its source, so an
        # edited template is compiled afresh.
        settings["JINJA_ENVIRONMENT"] = {**settings["JINJA_ENVIRONMENT"], "bytecode_cache": self.templates}
        pelican_class = settings["PELICAN_CLASS"]
        if isinstance(pelican_class, str):
            module, name = pelican_class.rsplit(".", 1)
            pelican_class = getattr(importlib.import_module(module), name)
        memory, live, kept = self.memory, self.output, self.kept
        configured = _configured(self.settings_file(), self.argv)
        kept.start(settings, configured)
        self._context, self._readers = None, ()
        readers = []
        # Pelican's memoized methods keep every object they were asked about,
        # build after build, in this long-lived process.
        for method in ("get_content", "get_summary"):
            Content.__dict__[method].cache.clear()

        class PreviewPelican(pelican_class):
            def _get_writer(self):
                return selective_writer(memory, live)(self.output_path, settings=self.settings)

        def record_names(generator):
            generator.env.context_class = record.RecordingContext
            if isinstance(generator, (ArticlesGenerator, PagesGenerator)):
                kept.attach(generator)
                readers.append(generator)

        def start_writing(generators):
            self._context = generators[0].context
            memory.start(generators[0].context, _inputs(generators[0].env, configured))

        signals.generator_init.connect(record_names)
        signals.all_generators_finalized.connect(start_writing)
        search = _search_plugin()
        if search is not None:
            search.deferred = self.pending = []
        try:
            PreviewPelican(settings).run()
            self._readers = tuple(readers)
        finally:
            if search is not None:
                search.deferred = None
            signals.generator_init.disconnect(record_names)
            signals.all_generators_finalized.disconnect(start_writing)
            record.watch_content(False)

    def _build_in_place(self):
        before = self.stamps if self.stamps is not None else _stamps(self.output)
        self._run(self.output)
        # A chart that can no longer be drawn (its block or its rows edited)
        # writes no files: those the last build wrote for it go.
        last, self.outputs = self.outputs, self._plugin_outputs()
        for name in sorted(last - self.outputs):
            path = (self.output / name).resolve()
            if path.is_relative_to(self.output) and path != self.output:  # never a file the build does not own
                path.unlink(missing_ok=True)
                sync.remove_empty_folders(path.parent, self.output)
        self.stamps = _stamps(self.output)
        # Pelican copies every static file (the theme's stylesheets, pictures)
        # again at each build, with the same bytes: a new time alone is no change.
        return self._changed(_rewritten(before, self.stamps))

    def _plugin_outputs(self):
        return frozenset(pipeline.this_build(self._context).outputs) if self._context is not None else frozenset()

    def _build_afresh(self):
        sync.remove(self.staging)
        self._run(self.staging)
        self.outputs = self._plugin_outputs()
        try:
            # The search index of this build is made after its pages are shown.
            spared = [f"{job.index_folder}/" for job in self.pending]
            changed = sync.sync(self.staging, self.output, spared)
        finally:
            sync.remove(self.staging)
        self.stamps = _stamps(self.output)
        return self._changed(changed)

    def _changed(self, candidates):
        """Those of `candidates` whose bytes differ from the last build's (all of them at the first build)."""
        if self.digests is None:
            self.digests = {name: _digest(self.output / name) for name in self.stamps}
            return set(candidates)
        changed = set()
        for name in candidates:
            digest = _digest(self.output / name) if name in self.stamps else None
            if digest != self.digests.get(name):
                changed.add(name)
            if digest is None:
                self.digests.pop(name, None)
            else:
                self.digests[name] = digest
        return changed


class _MemoryBytecodeCache(BytecodeCache):
    """Compiled templates kept in memory, for this process's builds only."""

    def __init__(self):
        self.compiled = {}

    def load_bytecode(self, bucket):
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def _search_plugin():
    try:
        from pelican.plugins.search import plugin  # noqa: PLC0415  (the search plugin is optional)
    except ImportError:
        return None
    return plugin


def _inputs(env, configured):
    """A digest of every template the build could render and of how the build is configured."""
    digest = hashlib.sha256(configured)
    for name in sorted(env.loader.list_templates()):
        source, _filename, _uptodate = env.loader.get_source(env, name)
        digest.update(name.encode() + b"\0" + source.encode("utf-8", "surrogatepass") + b"\0")
    return digest.digest()


def _configured(settings_file, argv):
    """A digest of the settings file and the command line."""
    digest = hashlib.sha256(Path(settings_file).read_bytes())
    digest.update("\0".join(argv).encode("utf-8", "surrogatepass"))
    return digest.digest()


def _rewritten(before, after):
    """Output files whose stamp moved or that went away between two stamp maps."""
    return {name for name, stamp in after.items() if before.get(name) != stamp} | (before.keys() - after.keys())


def _digest(path):
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").digest()


def _stamps(folder):
    """{relative path: (modification time, size)}: a file the build wrote has a new stamp."""
    stamps = {}
    for root, _dirs, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            status = os.stat(path)
            stamps[os.path.relpath(path, folder).replace(os.sep, "/")] = (status.st_mtime_ns, status.st_size)
    return stamps
