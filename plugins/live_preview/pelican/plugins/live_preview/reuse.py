"""Posts and pages kept from the last build of the process when their file, and what reading depends on, did not change.

Pelican reads every file again at every build. The preview instead hands
Pelican, through the generators' own cache methods, the object the last
build read, when

- the file's stamp (modification time, size) is the same;
- the content folder holds the same files, and every file in it that is
  not a post or page (the data set, the authors file, the old links) is
  unchanged, and so is the chart palette: a post's figures and charts are
  filled from them when it is read;
- the last build reported no problem in the file: it is read afresh, so
  that every build reports it again (a build that reads a post from memory
  would not see its broken link).

A kept object is given this build's context, and the plugins are told with
`site_common.pipeline.content_reused`, so they record again what they
record when a post is read (the charts it wants drawn, its number problems).
Pelican then files it into this build's lists, categories and tags as any
post it read.
"""

import hashlib
import os
from pathlib import Path

from pelican.plugins.site_common import pipeline

MARKUP = (".md", ".markdown", ".mkd", ".rst", ".html", ".htm")


class Kept:
    """What the last builds read, by generator and file."""

    def __init__(self):
        self.contents = {}  # (generator class, absolute path) -> (stamp, content)
        self.inputs = None
        self.troubled = frozenset()  # absolute paths the last build reported problems in
        self.reused = self.read = 0

    def start(self, settings):
        """A build begins: forget everything if what reading depends on changed."""
        inputs = reading_inputs(settings)
        if inputs != self.inputs:
            self.contents = {}
        self.inputs = inputs
        self.reused = self.read = 0

    def finish(self, context, ok):
        """The build ended: note its troubled files, or, if it failed, forget everything."""
        if not ok or context is None:
            self.contents, self.inputs, self.troubled = {}, None, frozenset()
            return
        state = pipeline.this_build(context)
        self.troubled = frozenset(os.path.normpath(state.root / problem.path)
                                  for problem in state.problems if problem.path)

    def attach(self, generator):
        """Let `generator` find its unchanged files here instead of reading them."""
        kind = type(generator).__name__
        cache_data = generator.cache_data

        def get_cached_data(filename, default=None):
            path = os.path.normpath(os.path.join(generator.path, filename))
            kept = self.contents.get((kind, path))
            if kept is None or path in self.troubled or kept[0] != _stamp(path):
                return default
            content = kept[1]
            content._context = generator.context
            pipeline.content_reused.send(content)
            self.reused += 1
            return content

        def keep(filename, content):
            path = os.path.normpath(os.path.join(generator.path, filename))
            self.contents[(kind, path)] = (_stamp(path), content)
            self.read += 1
            cache_data(filename, content)

        generator.get_cached_data = get_cached_data
        generator.cache_data = keep


def reading_inputs(settings):
    """A digest of what reading a post depends on besides its own file."""
    content = Path(settings["PATH"])
    comments = content / settings.get("COMMENTS_PATH", "comments")
    digest = hashlib.sha256()
    for root, dirs, files in os.walk(content):
        dirs.sort()
        if Path(root) == comments:
            dirs[:] = []
            continue
        for name in sorted(files):
            path = os.path.join(root, name)
            digest.update(path.encode("utf-8", "surrogatepass") + b"\0")
            if not name.endswith(MARKUP):
                digest.update(repr(_stamp(path)).encode() + b"\0")
    # The chart palette: the theme's stylesheets, unless a setting names another.
    styles = [settings.get("CHARTS_PALETTE_PATH") or ""]
    styles += sorted(str(p) for p in Path(settings.get("THEME") or ".", "static", "css").glob("*.css"))
    for path in styles:
        digest.update(path.encode("utf-8", "surrogatepass") + repr(_stamp(path)).encode())
    return digest.digest()


def _stamp(path):
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size
