"""Pelican glue: settings at start-up, the search page, and the index after the last page is written."""

import logging
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from pelican import signals

from pelican.plugins.site_common import pipeline

from . import bundle
from .settings import SCHEMA

logger = logging.getLogger(__name__)

# Pages written by the current build. Reset when a build starts writing, so
# that `pelican -r` and a preview server index each build's own pages only.
_written = []
# A long-lived preview shows an edited page before the index is made again:
# it sets this to a list, and each build leaves its indexing there for the
# preview to run once the pages are announced (live_preview's Builder).
deferred = None


def add_search_page(pelican):
    """The search page is one of Pelican's direct templates, like the archives."""
    templates = list(pelican.settings.get("DIRECT_TEMPLATES", []))
    if "search" not in templates:
        pelican.settings["DIRECT_TEMPLATES"] = templates + ["search"]


def start_build(generator):
    """Check the SEARCH_* settings once per build; templates and Pelican get the values used.

    Pelican reads SEARCH_URL and SEARCH_SAVE_AS from its settings to write
    the search page; the theme reads all of them from the build's context.
    """
    config = pipeline.this_build(generator.context).config(SCHEMA, generator.settings)
    for key in SCHEMA.options:
        value = getattr(config, SCHEMA.attribute(key))
        generator.settings[key] = generator.context[key] = value


def start_writing(generators):
    _written.clear()


def remember_page(path, context):
    _written.append(path)


def index_site(pelican):
    """Index this build's searchable pages, or copy the cached index if none of them changed."""
    job = Indexing(Path(pelican.output_path), tuple(_written),
                   Path(pelican.settings.get("CACHE_PATH") or "cache", "search"))
    _written.clear()
    if deferred is not None:
        deferred.append(job)
    else:
        job.run()


@dataclass(frozen=True)
class Indexing:
    """One build's index: its output folder, the pages it wrote there, the index's cache."""

    output: Path
    written: tuple
    cache_dir: Path
    index_folder = bundle.BUNDLE_DIR  # inside the output

    def run(self, output=None):
        """Make the index; `output`, if given, is where the build's files are now (a preview moves them)."""
        output = Path(output or self.output)
        written = [output / os.path.relpath(path, self.output) for path in self.written]
        pages = bundle.searchable_pages(output, written)
        target = output / bundle.BUNDLE_DIR
        if not pages:
            logger.info("Search: no page is marked data-pagefind-body; no index written")
            # An index left by an earlier build would find pages this one does not mark.
            shutil.rmtree(target, ignore_errors=True)
            return
        started = time.perf_counter()
        try:
            source, fresh = bundle.cached_bundle(pages, self.cache_dir)
        except bundle.IndexingFailed as failure:
            logger.error("Search: the index was not written: %s", failure)
            return
        written = bundle.sync(source, target)
        logger.info("Search: %d pages %s, %d index files written, in %.2f s", len(pages),
                    "indexed" if fresh else "unchanged (index from the cache)",
                    written, time.perf_counter() - started)


def register():
    pipeline.connect()
    # Settings are final and nothing is read yet: add the search page once.
    signals.initialized.connect(add_search_page)
    # The first generator of each build is made before anything is read or
    # written: the settings are checked then, once per build.
    signals.generator_init.connect(start_build)
    # Sent by every build just before it writes, so the list is per build.
    signals.all_generators_finalized.connect(start_writing)
    # Every file Pelican writes passes here; the theme's mark decides later
    # which of them are searchable.
    signals.content_written.connect(remember_page)
    # Every page is on disk: the moment to index them.
    signals.finalized.connect(index_site)
