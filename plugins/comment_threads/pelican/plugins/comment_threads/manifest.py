"""The manifest the comment service reads: which posts take comments, which ids replies name.

The build is the one place that knows each post's slug, address, comment
state and published comments; the service must not parse posts itself, so
the build writes what it needs as JSON beside the site. Nothing in it is
more than the published pages already show: hidden threads list no ids.
"""

import json
from dataclasses import dataclass

from pelican.plugins.site_common.files import write_if_changed

from .render import flatten

# Bumped when the layout changes, so that a service reading an older build's
# manifest can say so instead of misreading it.
VERSION = 1


@dataclass(frozen=True)
class PostEntry:
    slug: str
    title: str
    url: str
    state: str
    comment_ids: tuple


def entry(slug, title, url, thread):
    """One post's entry, from its ThreadView."""
    ids = () if thread.state == "hidden" else tuple(sorted(v.id for v in flatten(thread.comments)))
    return PostEntry(slug, title, url, thread.state, ids)


def to_json(siteurl, entries):
    """The manifest's text: sorted, no dates, so the same site gives the same bytes."""
    posts = {
        e.slug: {"title": e.title, "url": e.url, "comments": e.state,
                 "comment_ids": list(e.comment_ids)}
        for e in sorted(entries, key=lambda e: e.slug)
    }
    data = {"version": VERSION, "siteurl": siteurl, "posts": posts}
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def write(path, text):
    """Write the manifest unless it already holds `text` (the service watches its mtime)."""
    write_if_changed(path, text)
