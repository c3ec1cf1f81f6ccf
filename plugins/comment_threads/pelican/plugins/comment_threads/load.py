"""Reading comment files: content/comments/<article-slug>/<comment-id>.md."""

import datetime
import os
from dataclasses import dataclass, field

from pelican.plugins.site_common.problems import Problem
from pelican.plugins.site_common.reading import failure

from .commentfile import DATE_EXAMPLE, ID_PATTERN, MAX_LENGTH, header_lines, parse, parse_date

__all__ = ["DATE_EXAMPLE", "Comment", "load_comments", "parse_comment", "parse_date"]


@dataclass(frozen=True)
class Comment:
    """One comment as its file says it, with where the file is."""

    id: str
    slug: str
    path: str
    author: str
    date: datetime.datetime | None
    replyto: str | None
    website: str | None
    body: str
    role: str | None = None
    # {lower-case header key: line}, so a problem can point at its line.
    lines: dict = field(default_factory=dict, compare=False)

    def line(self, key):
        return self.lines.get(key)


def parse_comment(text, *, comment_id, slug, path, timezone, max_length=MAX_LENGTH, now=None):
    """Turn one file's text into a Comment and the problems found in it.

    A file name that cannot be an id gives no Comment (None): the id goes
    into attributes and addresses, so it is never published, whatever the
    build mode.
    """
    read, mistakes = parse(text, timezone=timezone, max_length=max_length, now=now)
    problems = [Problem(path, m.line, m.message, m.suggestion) for m in mistakes]
    if not ID_PATTERN.fullmatch(comment_id):
        problems.insert(0, Problem(
            path, None, f"the file name {comment_id!r} cannot be a comment id, so the comment is not shown",
            "use letters, digits, '-' and '_' only, starting with a letter or digit"))
        return None, problems
    comment = Comment(
        id=comment_id,
        slug=slug,
        path=path,
        author=read.author or "Anonymous",
        date=read.date,
        replyto=read.replyto,
        website=read.website,
        body=read.body,
        role=read.role,
        lines=header_lines(text),
    )
    return comment, problems


def _not_read(path, why, fix):
    return Problem(path, None, f"not read, because {why}", fix)


def load_comments(comments_dir, display_root, timezone, *, max_length=MAX_LENGTH, now=None, only=None):
    """Read every comment file under comments_dir, in a stable order.

    Files that cannot be comments are reported rather than skipped quietly,
    so that no comment an author wrote goes missing without a word. Hidden
    files and symbolic links are reported and never opened: a link could
    publish any file on the machine as a comment.

    `only`, a post's slug, reads that post's folder alone (a long-lived
    preview making one thread again).
    """
    comments, problems = [], []
    if not os.path.isdir(comments_dir):
        return comments, problems
    for dirpath, dirnames, filenames in os.walk(comments_dir):
        relative = os.path.relpath(dirpath, comments_dir)
        kept = []
        for name in sorted(dirnames):
            path = os.path.relpath(os.path.join(dirpath, name), display_root)
            if name.startswith("."):
                problems.append(_not_read(path, "hidden folders (names starting with '.') hold no comments",
                                          "rename it or move its comments out"))
            elif os.path.islink(os.path.join(dirpath, name)):
                problems.append(_not_read(path, "it is a symbolic link",
                                          "put the comment files themselves here"))
            else:
                kept.append(name)
        dirnames[:] = kept
        if only is not None and relative == ".":
            dirnames[:] = [name for name in kept if name == only]
            continue  # files beside the posts' folders belong to no post
        for filename in sorted(filenames):
            path = os.path.relpath(os.path.join(dirpath, filename), display_root)
            comment, found = _load_one(dirpath, filename, relative, path, timezone, max_length, now)
            if comment is not None:
                comments.append(comment)
            problems.extend(found)
    return comments, problems


def _load_one(dirpath, filename, relative, path, timezone, max_length, now):
    """(Comment or None, problems) for one file found under the comments folder."""
    stem, extension = os.path.splitext(filename)
    if filename.startswith("."):
        return None, [_not_read(path, "hidden files (names starting with '.') are not comments",
                                "rename it if it is one")]
    if os.path.islink(os.path.join(dirpath, filename)):
        return None, [_not_read(path, "it is a symbolic link", "copy the comment file here instead")]
    if relative == "." or os.sep in relative:
        return None, [Problem(path, None, "comment files belong exactly one folder down",
                              "move it to comments/<post-slug>/<comment-id>.md")]
    if extension != ".md":
        return None, [_not_read(path, "comment files end in '.md'", f"rename it to {stem}.md")]
    full = os.path.join(dirpath, filename)
    try:
        status = os.stat(full, follow_symlinks=False)
        key = (status.st_mtime_ns, status.st_size, status.st_ino, stem, relative, path, timezone, max_length)
    except OSError:
        key = None
    kept = _PARSED.get(full)
    if key is not None and kept is not None and kept[0] == key:
        return kept[1], []
    try:
        text = _read_text(full)
        comment, problems = parse_comment(text, comment_id=stem, slug=relative, path=path,
                                          timezone=timezone, max_length=max_length, now=now)
    except Exception as error:
        return None, [Problem(path, None, *failure(error))]
    if key is not None and comment is not None and not problems:
        _PARSED[full] = (key, comment)
    return comment, problems


# A long-lived preview (live_preview) reads the same comment files build
# after build: a file whose stamp is unchanged is the comment it was. Only
# comments read without a problem are kept, so a problem is reported by
# every build (a date in the future is one, and time moves on).
_PARSED = {}  # file path -> ((modification time, size, inode, how it was read), Comment)


def _read_text(path):
    # O_NOFOLLOW: a file swapped for a link after the check above is refused too.
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with open(descriptor, encoding="utf-8") as handle:
        return handle.read()
