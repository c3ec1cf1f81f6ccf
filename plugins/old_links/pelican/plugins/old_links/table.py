"""Reading content/old-links.txt: one old address and one source file per line.

    /2013/11/13/credible-fear-interviews-explained/  posts/2013-11-13-credible-fear.md
    /?p=101                                          posts/2013-11-13-credible-fear.md
    /?page_id=120                                    pages/about-this-archive.md

An old address is a path (percent-encoded as it was requested) or the
WordPress forms `/?p=ID` and `/?page_id=ID`; the file is relative to the
content folder, as `{filename}` links are. The file was written by an
import from a stranger's export, so every path is checked before it can
name a file in the output.
"""

import re
from dataclasses import dataclass
from urllib.parse import unquote

from pelican.plugins.site_common.problems import Problem

QUERY_FORM = re.compile(r"/\?(p|page_id)=(\d+)")
CONTROL = re.compile(r"[\x00-\x1f\x7f\\]")
# Characters that would end or change a line of a server's configuration;
# a real old address has them percent-encoded.
UNQUOTED = re.compile(r"[\s\"'$;{}\\]")


@dataclass(frozen=True)
class OldLink:
    line: int
    old: str  # as written: "/2013/11/13/slug/" or "/?p=101"
    source: str  # relative to content/

    @property
    def is_path(self):
        return not QUERY_FORM.fullmatch(self.old)

    @property
    def folder(self):
        """The output folder of this path's redirect page, decoded: "2013/11/13/slug"."""
        return unquote(self.old).strip("/")


def parse(text, shown):
    """([OldLink], [Problem]) of an old-links file's text; `shown` is its path for messages."""
    links, problems = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        words = line.split()
        if not words or words[0].startswith("#"):
            continue
        if len(words) != 2:
            problems.append(Problem(shown, number, "a line holds an old address and a file",
                                    "write '/old/path/  posts/file.md'"))
            continue
        old, source = words
        problem = _address_problem(old)
        if problem:
            problems.append(Problem(shown, number, problem,
                                    "write a path such as /2013/11/13/slug/, or /?p=ID"))
            continue
        links.append(OldLink(number, old, source))
    return links, problems


def _address_problem(old):
    if QUERY_FORM.fullmatch(old):
        return None
    if not old.startswith("/") or "?" in old or "#" in old or UNQUOTED.search(old):
        return f"{old!r} is not an old path"
    decoded = unquote(old)
    parts = decoded.strip("/").split("/")
    if CONTROL.search(decoded) or any(p in ("", ".", "..") for p in parts):
        return f"{old!r} cannot be a folder of the site"
    return None
