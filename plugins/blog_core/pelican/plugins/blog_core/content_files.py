"""Files in content/ that must not count: symbolic links and hidden files, reported and kept out.

Pelican follows symbolic links when it looks for posts, pages and static
files, so a link could publish any file on the machine (a key, a settings
file) as a page or an image. Hidden files are usually an editor's or a
system's leftovers, and a post that is hidden by mistake is a post that
silently never appears. Both are reported; links are never read.
"""

import fnmatch
import os
from dataclasses import dataclass, field

# Hidden on purpose: they keep an empty folder in git, or tell git what to skip.
GIT_FILES = frozenset({".gitkeep", ".keep", ".gitignore", ".gitattributes"})
LINK_PROBLEM = "a symbolic link, which the build does not follow; put the file itself there"
HIDDEN_PROBLEM = ("a hidden file or folder, which the build does not publish; "
                  "rename it without the leading '.', or remove it")


@dataclass
class Strays:
    """What `find_strays` found under the content folder."""

    problems: list = field(default_factory=list)  # (path, sentence)
    links: list = field(default_factory=list)  # paths relative to the content folder


def find_strays(content_path, display_root, *, ignored=(), skip=()):
    """Symbolic links and hidden entries under `content_path`, without following any link.

    `ignored` are the site's IGNORE_FILES patterns (declared on purpose, so
    not reported); `skip` are folders, relative to `content_path`, whose own
    plugin reports them (the comments folder).
    """
    strays = Strays()
    for dirpath, dirnames, filenames in os.walk(content_path):
        relative_dir = os.path.relpath(dirpath, content_path)
        dirnames[:] = sorted(d for d in dirnames
                             if os.path.normpath(os.path.join(relative_dir, d)) not in skip)
        for name in sorted(dirnames) + sorted(filenames):
            if name in GIT_FILES or any(fnmatch.fnmatch(name, pattern) for pattern in ignored):
                continue
            full = os.path.join(dirpath, name)
            shown = os.path.relpath(full, display_root)
            if os.path.islink(full):
                strays.links.append(os.path.relpath(full, content_path))
                strays.problems.append((shown, LINK_PROBLEM))
            elif name.startswith("."):
                strays.problems.append((shown, HIDDEN_PROBLEM))
        dirnames[:] = [d for d in dirnames if not d.startswith(".")
                       and not os.path.islink(os.path.join(dirpath, d))]
    return strays


def keep_out(settings, strays):
    """Keep Pelican from reading what `find_strays` found.

    Pelican walks the content folder following links; a link's name added
    to IGNORE_FILES (for a file) or to the excludes (for a folder) keeps it
    from being read as a post, a page or a static file.
    """
    patterns = list(settings.get("IGNORE_FILES", []))
    for link in strays.links:
        patterns.append(glob_escape(os.path.basename(link)))
    patterns.append(".*")
    settings["IGNORE_FILES"] = list(dict.fromkeys(patterns))


def glob_escape(name):
    """`name` as an fnmatch pattern matching only itself."""
    return "".join(f"[{ch}]" if ch in "*?[" else ch for ch in name)
