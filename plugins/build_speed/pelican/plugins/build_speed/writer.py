"""Pelican's writer, except that a file whose bytes would not change is left alone.

Rewriting a file in place truncates it first, and ext4 then flushes it to
disk when it is closed: on a thousand-post site, a rebuild with nothing
changed spent most of its time waiting for the disk to take pages it already
had. Nor is a page flushed to disk as it is written: a build can always make
it again. Leaving unchanged files alone also keeps their modification times, so a
deploy by rsync uploads only what changed.
"""

import io
import os

from pelican.writers import Writer

from pelican.plugins.site_common.files import write_if_changed


class _PendingFile(io.StringIO):
    """Collects what Pelican writes; decides on close whether the disk needs it."""

    def __init__(self, path, encoding):
        super().__init__()
        self.path, self.target_encoding = path, encoding

    def close(self):
        if not self.closed:
            text = self.getvalue().replace("\n", os.linesep)
            # Build output: a rebuild makes it again, so the rename alone keeps
            # each file whole and nothing waits for the disk (see files.py).
            write_if_changed(self.path, text.encode(self.target_encoding), sync=False)
        super().close()


class KeepUnchangedWriter(Writer):
    pending_file = _PendingFile  # what each page and feed is written into

    def _open_w(self, filename, encoding, override=False):
        """Pelican's rules for a path written twice, then a file that writes on close."""
        if filename in self._overridden_files or (
            filename in self._written_files and not override
        ):
            # Pelican refuses these, or sends them to the null device: nothing
            # of ours to do, and nothing on disk gets truncated.
            return super()._open_w(filename, encoding, override)
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return self.pending_file(filename, encoding)


def keep_unchanged_writer(pelican):
    return KeepUnchangedWriter
