"""Posts and pages kept from the last build of the process when their file, and what reading depends on, did not change.

Pelican reads every file again at every build. The preview instead hands
Pelican, through the generators' own cache methods, the object the last
build read, when

- the file's stamp (modification time, size) is the same;
- the settings file and the command line are the same;
- the content folder holds the same files, and every file in it that is
  not a post or page (the authors file, the old links) is unchanged, and so
  is the chart palette: a post's figures and charts are filled from them
  when it is read;
- what its reading drew on besides (`site_common.pipeline.drew_on`: the
  data set, for a post with figures or charts) is unchanged. Those files
  are left out of the rule above. Where the post said what it asked of them
  (`pipeline.asked_of`: the cells its charts and figures looked up, the
  names it looked for), "unchanged" means this build answers the same
  (`BuildState.answers`), so a changed data row has only the posts that
  use it read again;
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
        self.contents = {}  # (generator class, absolute path) -> (stamp, content, {drawn on: its stamp})
        self.inputs = None
        self.troubled = frozenset()  # absolute paths the last build reported problems in
        self.drawn_on = frozenset()  # what the kept posts drew on, left out of reading_inputs
        self.reused = self.read = 0
        self._stamps = {}  # drawn-on path -> its stamp, taken once per build

    def start(self, settings, configured=b""):
        """A build begins: forget everything if what reading depends on changed.

        `configured` is a digest of how the build was configured (the settings
        file, the command line): a kept post holds the settings it was read
        with, its addresses among them.
        """
        self._configured, self._files = configured, reading_files(settings)
        inputs = self._inputs(self.drawn_on)
        if inputs != self.inputs:
            self.contents = {}
        self.inputs = inputs
        self.reused = self.read = 0
        self._stamps = {}

    def finish(self, context, ok):
        """The build ended: note its troubled files, or, if it failed, forget everything."""
        if not ok or context is None:
            self.contents, self.inputs, self.troubled, self.drawn_on = {}, None, frozenset(), frozenset()
            return
        drawn_on = frozenset().union(*(drawn for _stamp, _content, drawn in self.contents.values()))
        if drawn_on != self.drawn_on:
            # What this build started from, told apart as the next build will.
            self.drawn_on, self.inputs = drawn_on, self._inputs(drawn_on)
        state = pipeline.this_build(context)
        self.troubled = frozenset(os.path.normpath(state.root / problem.path)
                                  for problem in state.problems if problem.path)

    def _inputs(self, drawn_on):
        return self._configured + inputs_digest(self._files, drawn_on)

    def attach(self, generator):
        """Let `generator` find its unchanged files here instead of reading them."""
        kind = type(generator).__name__
        cache_data = generator.cache_data

        def get_cached_data(filename, default=None):
            path = os.path.normpath(os.path.join(generator.path, filename))
            kept = self.contents.get((kind, path))
            if kept is None or path in self.troubled or kept[0] != _stamp(path):
                return default
            if kept[2] != self._now(kept[1], generator.context):
                return default
            content = kept[1]
            content._context = generator.context
            pipeline.content_reused.send(content)
            self.reused += 1
            return content

        def keep(filename, content):
            path = os.path.normpath(os.path.join(generator.path, filename))
            self.contents[(kind, path)] = (_stamp(path), content, self._now(content, generator.context))
            self.read += 1
            cache_data(filename, content)

        generator.get_cached_data = get_cached_data
        generator.cache_data = keep

    def _now(self, content, context):
        """{path: its stamp now} for each path `content` drew on.

        Where the plugin that read the path answers in this build
        (BuildState.answers) and the post said what it asked (asked_of), the
        stamp is the answers: a change elsewhere in the path keeps the post.
        Else it is the stamp of the files, taken once per build.
        """
        answers, asked = pipeline.this_build(context).answers, pipeline.asked(content)
        stamps = {}
        for source in sorted(pipeline.drawn_on(content)):
            if source in asked and source in answers:
                stamps[source] = ("answers", answers[source](asked[source]))
                continue
            if source not in self._stamps:
                self._stamps[source] = _tree_stamp(source)
            stamps[source] = self._stamps[source]
        return stamps


def reading_files(settings):
    """(path, stamp) of each file reading a post may depend on besides its own; None for a post's stamp.

    The content folder's files but the comments (a post's file, or another
    post's, counts by name: each post checks its own stamp), and the chart
    palette: the theme's stylesheets, unless a setting names another.
    """
    content = Path(settings["PATH"])
    comments = content / settings.get("COMMENTS_PATH", "comments")
    files = []
    for root, dirs, names in os.walk(content):
        dirs.sort()
        if Path(root) == comments:
            dirs[:] = []
            continue
        for name in sorted(names):
            path = os.path.join(root, name)
            files.append((path, None if name.endswith(MARKUP) else _stamp(path)))
    styles = [settings.get("CHARTS_PALETTE_PATH") or ""]
    styles += sorted(str(p) for p in Path(settings.get("THEME") or ".", "static", "css").glob("*.css"))
    return files + [(path, _stamp(path)) for path in styles]


def inputs_digest(files, drawn_on=frozenset()):
    """A digest of `files` (reading_files), those under a path of `drawn_on` by name only.

    The posts that drew on those check their stamps themselves (Kept.attach).
    """
    own = tuple(os.path.normpath(os.path.abspath(path)) for path in drawn_on)
    digest = hashlib.sha256()
    for path, stamp in files:
        digest.update(path.encode("utf-8", "surrogatepass") + b"\0")
        if not _under(path, own):
            digest.update(repr(stamp).encode() + b"\0")
    return digest.digest()


def _under(path, folders):
    path = os.path.normpath(os.path.abspath(path))
    return any(path == folder or path.startswith(folder + os.sep) for folder in folders)


def _tree_stamp(path):
    """The stamp of a file, or of every file under a folder, with their names."""
    if not os.path.isdir(path):
        return _stamp(path)
    stamps = []
    for root, dirs, files in os.walk(path):
        dirs.sort()
        stamps += [(os.path.join(root, name), _stamp(os.path.join(root, name))) for name in sorted(files)]
    return tuple(stamps)


def _stamp(path):
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size
