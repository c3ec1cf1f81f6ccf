"""Reading comment files: content/comments/<article-slug>/<comment-id>.md."""

import datetime
import os
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

# The id becomes an HTML id and a URL fragment, so it is kept to characters
# that need no escaping in either.
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
METADATA_LINE = re.compile(r"([A-Za-z][A-Za-z_-]*):(.*)")
KNOWN_KEYS = ("author", "date", "replyto", "website", "email")
DATE_EXAMPLE = "YYYY-MM-DD HH:MM, e.g. 2014-04-10 03:53"


@dataclass(frozen=True)
class Comment:
    """One comment as its file says it. The email is deliberately not kept."""

    id: str
    slug: str
    path: str
    author: str
    date: datetime.datetime | None
    replyto: str | None
    website: str | None
    body: str


def parse_date(text, timezone):
    """Parse a comment date; a date without a zone is in the site's zone."""
    try:
        date = datetime.datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if date.tzinfo is None:
        date = date.replace(tzinfo=ZoneInfo(timezone))
    return date


def split_metadata(text):
    """Split a file into its `Key: value` lines and its Markdown body.

    Metadata ends at the first blank line, or at the first line that is not
    `Key: value`, as in Pelican's Markdown files.
    """
    lines = text.lstrip("\ufeff").splitlines()
    metadata = {}
    unknown = []
    index = 0
    for index, line in enumerate(lines):
        match = METADATA_LINE.fullmatch(line.strip())
        if not line.strip() or not match:
            break
        key = match.group(1).lower()
        if key in KNOWN_KEYS:
            metadata[key] = match.group(2).strip()
        else:
            unknown.append(match.group(1))
    else:
        index = len(lines)
    body = "\n".join(lines[index:]).strip()
    return metadata, unknown, body


def parse_comment(text, *, comment_id, slug, path, timezone):
    """Turn one file's text into a Comment and the problems found in it."""
    metadata, unknown, body = split_metadata(text)
    problems = []
    if not ID_PATTERN.fullmatch(comment_id):
        problems.append(
            f"{path}: the file name {comment_id!r} cannot be a comment id; use "
            "letters, digits, '-' and '_' only, starting with a letter or digit."
        )
    for key in unknown:
        problems.append(
            f"{path}: unknown metadata {key!r}; comment files take "
            "Author, Date, Replyto, Website and Email."
        )
    author = metadata.get("author", "")
    if not author:
        problems.append(f"{path}: the comment has no author; add an 'Author: <name>' line.")
    date = None
    if not metadata.get("date"):
        problems.append(f"{path}: the comment has no date; add a 'Date: {DATE_EXAMPLE}' line.")
    else:
        date = parse_date(metadata["date"], timezone)
        if date is None:
            problems.append(
                f"{path}: the date {metadata['date']!r} cannot be read; "
                f"write it as {DATE_EXAMPLE}."
            )
    if not body:
        problems.append(
            f"{path}: the comment's text is empty; write it below the metadata, "
            "after a blank line."
        )
    comment = Comment(
        id=comment_id,
        slug=slug,
        path=path,
        author=author or "Anonymous",
        date=date,
        replyto=metadata.get("replyto") or None,
        website=metadata.get("website") or None,
        body=body,
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
                problems.append(
                    f"{path}: comment files belong exactly one folder down, in "
                    "comments/<article-slug>/<comment-id>.md."
                )
                continue
            if extension != ".md":
                problems.append(
                    f"{path}: not read, because comment files end in '.md'."
                )
                continue
            try:
                with open(os.path.join(dirpath, filename), encoding="utf-8") as handle:
                    text = handle.read()
            except UnicodeDecodeError:
                problems.append(f"{path}: not read, because it is not UTF-8 text.")
                continue
            comment, found = parse_comment(
                text, comment_id=stem, slug=relative, path=path, timezone=timezone
            )
            comments.append(comment)
            problems.extend(found)
    return comments, problems
