"""The importer's post writer: metadata lines and a Markdown body, as the site's posts are written.

Every header value is one line with no control characters, so a title of
"x\\nStatus: published" can never become a second metadata line. Titles
are HTML text in Pelican's templates, so `&` and `<` are written as
entities and shown as the characters they are.
"""

import html
import re
from dataclasses import dataclass

CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
# The order of lines in a written file, as the README shows posts.
KEYS = ("Title", "Date", "Modified", "Category", "Tags", "Authors", "Slug", "Status",
        "Comments", "Summary")


@dataclass(frozen=True)
class PostFile:
    title: str
    date: str  # "YYYY-MM-DD HH:MM"
    body: str  # Markdown
    slug: str
    authors: tuple = ()
    category: str | None = None
    tags: tuple = ()
    modified: str | None = None
    status: str | None = None  # None for published
    comments: str | None = None  # "closed", or None for the site's default
    summary: str | None = None  # Markdown, one line


def one_line(text):
    """`text` as a header value: no control characters, single spaces."""
    return " ".join(CONTROL.sub(" ", text or "").split())


def format_post(post):
    """The text of a Markdown post file for `post`."""
    values = {
        "Title": html.escape(one_line(post.title), quote=False),
        "Date": post.date,
        "Modified": post.modified,
        "Category": one_line(post.category) if post.category else None,
        "Tags": ", ".join(one_line(t) for t in post.tags) or None,
        "Authors": ", ".join(one_line(a) for a in post.authors) or None,
        "Slug": post.slug,
        "Status": post.status,
        "Comments": post.comments,
        "Summary": one_line(post.summary) if post.summary else None,
    }
    header = "".join(f"{key}: {values[key]}\n" for key in KEYS if values[key])
    return header + "\n" + post.body.strip("\n") + "\n"
