"""The preview's writer: a page or feed whose reads all give what they gave last time is not rendered again.

Pelican still goes through every page and feed as in any build, with the
same signals (the sitemap and the search index hear of every page); only
the rendering of a template, or the making of a feed, is replaced by the
last build's bytes when record.Memory finds nothing it read has changed.
"""

import io
import os
import shutil
from pathlib import Path

from jinja2.runtime import missing
from pelican import signals
from pelican.utils import get_relative_path, path_to_url, sanitised_join

from pelican.plugins.build_speed.writer import KeepUnchangedWriter, _PendingFile

from .record import ReadContext


def selective_writer(memory, live_output):
    """A writer class for one build, remembering reads in `memory`; `live_output` holds the last build's files."""

    def previous(name):
        path = Path(live_output, name)
        return Unchanged(path) if path.is_file() else None

    class SelectiveWriter(KeepUnchangedWriter):
        pending_file = _KeptFile

        def write_file(self, name, template, context, *args, **kwargs):
            return super().write_file(name, _Template(template, memory, previous), context, *args, **kwargs)

        def write_feed(self, elements, context, path=None, url=None, feed_type="atom",
                       override_output=False, feed_title=None):
            if not path:  # a feed only made, not written: nothing to take from the last build
                return super().write_feed(elements, context, path, url, feed_type, override_output, feed_title)
            shown = ReadContext(context)
            feed = []
            # FEED_MAX_ITEMS = None takes every element, as in Pelican.
            items = list(elements[: self.settings["FEED_MAX_ITEMS"]])

            def render():
                # Pelican's write_feed up to the writing, with the context that notes its reads.
                self.site_url = shown.get("SITEURL", path_to_url(get_relative_path(path)))
                self.feed_domain = shown.get("FEED_DOMAIN")
                self.feed_url = self.urljoiner(self.feed_domain, url or path)
                made = self._create_new_feed(feed_type, feed_title, shown)
                for element in items:
                    self._add_item_to_the_feed(made, element)
                signals.feed_generated.send(shown, feed=made)
                feed.append(made)
                buffer = io.StringIO()
                made.write(buffer, "utf-8")
                return buffer.getvalue()

            text = memory.make(f"{path}\0feed", "\0feed", lambda key: dict.get(shown, key, missing), render,
                               lambda _name: previous(path), given={"\0arguments": (items, url, feed_type, feed_title)})
            complete_path = sanitised_join(self.output_path, path)
            os.makedirs(os.path.dirname(complete_path), exist_ok=True)
            with self._open_w(complete_path, "utf-8", override_output) as handle:
                handle.write(text)
            if feed:
                signals.feed_written.send(complete_path, context=context, feed=feed[0])
            return feed[0] if feed else None

    return SelectiveWriter


class Unchanged(str):
    """What a page or feed that would come out the same is "rendered" as: the last build's file.

    Written into the preview's writer it costs nothing in place, where that
    file already is, and one hard link in a build afresh (the link is
    replaced, never written through, should the build write that file again).
    """

    def __new__(cls, source):
        text = super().__new__(cls, "")
        text.source = Path(source)
        return text


class _KeptFile(_PendingFile):
    """A page or feed being written: an Unchanged one takes the last build's file."""

    kept_from = None

    def write(self, text):
        if isinstance(text, Unchanged):
            self.kept_from = text.source
            return 0
        return super().write(text)

    def close(self):
        if not self.closed and self.kept_from is not None and self.getvalue() == "":
            if os.path.abspath(self.path) != os.path.abspath(self.kept_from):
                _link_or_copy(self.kept_from, self.path)
            io.StringIO.close(self)
            return
        super().close()


def _link_or_copy(source, target):
    """`target` as a second name of `source`, or a copy where a link cannot be made (or a file is there)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


class _Template:
    """A compiled template whose render() asks the memory first."""

    def __init__(self, template, memory, previous):
        self._template, self._memory, self._previous = template, memory, previous

    def __getattr__(self, name):
        return getattr(self._template, name)

    def render(self, localcontext):
        template = self._template

        def lookup(key):
            if key in localcontext:
                return localcontext[key]
            return template.globals.get(key, missing)

        return self._memory.make(localcontext["output_file"], template.name, lookup,
                                 lambda: template.render(localcontext), self._previous, root=localcontext)
