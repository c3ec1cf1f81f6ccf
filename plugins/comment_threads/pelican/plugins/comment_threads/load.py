"""Reading comment files: content/comments/<article-slug>/<comment-id>.md."""

import datetime
import os
from dataclasses import dataclass, field

from pelican.plugins.site_common.problems import Problem

from .commentfile import DATE_EXAMPLE, ID_PATTERN, header_lines, parse, parse_date

__all__ = ["Comment", "DATE_EXAMPLE", "load_comments", "parse_comment", "parse_date"]


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
    # {lower-case header key: line}, so a problem can point at its line.
    lines: dict = field(default_factory=dict, compare=False)

    def line(self, key):
        return self.lines.get(key)


def parse_comment(text, *, comment_id, slug, path, timezone):
    """Turn one file's text into a Comment and the problems found in it."""
    read, mistakes = parse(text, timezone=timezone)
    problems = []
    if not ID_PATTERN.fullmatch(comment_id):
        problems.append(Problem(
            path, None, f"the file name {comment_id!r} cannot be a comment id",
            "use letters, digits, '-' and '_' only, starting with a letter or digit"))
    problems += [Problem(path, m.line, m.message, m.suggestion) for m in mistakes]
    comment = Comment(
        id=comment_id,
        slug=slug,
        path=path,
        author=read.author or "Anonymous",
        date=read.date,
        replyto=read.replyto,
        website=read.website,
        body=read.body,
        lines=header_lines(text),
    )
    return comment, problems


def load_comments(comments_dir, display_root, timezone):
    """Read every comment file under comments_dir, in a stable order.

    Files that cannot be comments are reported rather than skipped quietly,
    so that no comment an author wrote goes missing without a word.
    """
    comments, problems = [], []
    if not os.path.isdir(comments_dir):
        return comments, problems
    for dirpath, dirnames, filenames in os.walk(comments_dir):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        relative = os.path.relpath(dirpath, comments_dir)
        for filename in sorted(f for f in filenames if not f.startswith(".")):
            path = os.path.relpath(os.path.join(dirpath, filename), display_root)
            stem, extension = os.path.splitext(filename)
            if relative == "." or os.sep in relative:
                problems.append(Problem(
                    path, None, "comment files belong exactly one folder down",
                    "move it to comments/<post-slug>/<comment-id>.md"))
                continue
            if extension != ".md":
                problems.append(Problem(path, None, "not read, because comment files end in '.md'",
                                        f"rename it to {stem}.md"))
                continue
            try:
                with open(os.path.join(dirpath, filename), encoding="utf-8") as handle:
                    text = handle.read()
            except UnicodeDecodeError:
                problems.append(Problem(path, None, "not read, because it is not UTF-8 text",
                                        "save it as UTF-8"))
                continue
            comment, found = parse_comment(
                text, comment_id=stem, slug=relative, path=path, timezone=timezone
            )
            comments.append(comment)
            problems.extend(found)
    return comments, problems
