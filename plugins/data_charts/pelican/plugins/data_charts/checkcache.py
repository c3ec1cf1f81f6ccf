"""Each post's number problems kept on disk between builds, under everything that decides them.

`postcheck.check_post(text, where, dataset)` is a function of the post's
source text, the path its problems name, the data set and the code: a
rebuild of a thousand unchanged posts spent a fifth of its time checking
them again. So its answer is kept in one file beside the chart cache, one
entry a post, and taken when all of those are equal: the file is stamped
with the digest of this package and site_common (whose Problem it makes)
and of the data set, and each entry with a digest of the text and path.

Anything unreadable in the file means checking again, never a failed build.
"""

import functools
import hashlib
import json
import logging
import os
from pathlib import Path

from pelican.plugins.site_common.files import write_if_changed
from pelican.plugins.site_common.fingerprint import code_fingerprint
from pelican.plugins.site_common.problems import Problem

FILE_NAME = "number-checks.json"
logger = logging.getLogger(__name__)


@functools.cache
def _code_digest():
    return code_fingerprint(("pelican.plugins.data_charts", "pelican.plugins.site_common"))


def _made_from(text, where):
    return hashlib.sha256(f"{where}\0{text}".encode()).hexdigest()


def _problems(stored):
    """The Problems an entry holds, or None if it is not a list of (path, line, message, suggestion)."""
    if not isinstance(stored, list):
        return None
    problems = []
    for item in stored:
        if not (isinstance(item, list) and len(item) == 4 and all(isinstance(part, str) for part in item[::2])
                and (item[1] is None or type(item[1]) is int)
                and (item[3] is None or isinstance(item[3], str))):
            return None
        problems.append(Problem(*item))
    return problems


class CheckCache:
    """{source file: (digest of its text and reported path, its problems)} for one data set and this code."""

    def __init__(self, directory, data_digest):
        self.path = Path(directory) / FILE_NAME
        self.stamp = f"{_code_digest()} {data_digest}"
        self.entries = self._load()
        self.changed = False

    def _load(self):
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            return {}
        if not isinstance(stored, dict) or stored.get("made_with") != self.stamp:
            return {}
        posts = stored.get("posts")
        return posts if isinstance(posts, dict) else {}

    def get(self, source, text, where, check):
        """The problems of the post at `source` with `text`, reported as `where`: kept, or `check()`'s."""
        made_from = _made_from(text, where)
        entry = self.entries.get(str(source))
        if isinstance(entry, list) and len(entry) == 2 and entry[0] == made_from:
            problems = _problems(entry[1])
            if problems is not None:
                return problems
        problems = check()
        self.entries[str(source)] = [made_from, [[p.path, p.line, p.message, p.suggestion] for p in problems]]
        self.changed = True
        return problems

    def save(self):
        """Write the file if any entry changed, leaving out posts whose file is gone."""
        gone = [source for source in self.entries if not os.path.exists(source)]
        for source in gone:
            del self.entries[source]
        if not (self.changed or gone):
            return
        text = json.dumps({"made_with": self.stamp, "posts": self.entries}, sort_keys=True, ensure_ascii=False)
        try:
            # A lost cache only means checking again: no flush to disk.
            write_if_changed(self.path, text, sync=False)
        except OSError as error:
            # Not the author's mistake, and the build's output is whole: the next build checks again.
            logger.info("Number checks not kept for the next build: %s", error)
            return
        self.changed = False
