"""WordPress comments to comment files: who, when, what, and which comment each answers.

Only the comment-file module writes the files. The id is `wp-` and the
WordPress comment id, so a second import finds the same files. Email
addresses and IP addresses are never read into what is written.
"""

import datetime
import html
from dataclasses import dataclass, field

from pelican.plugins.comment_threads import commentfile
from pelican.plugins.comment_threads.commentfile import (
    ADDRESS,
    ADDRESS_REMOVED,
    MARK_RUN,
    MAX_MARKS,
    CommentFile,
    is_website,
)
from pelican.plugins.comment_threads.names import fold

from .body import convert
from .dates import shown, site_time
from .postfile import one_line

SKIPPED_APPROVALS = {"spam": "spam", "trash": "trash", "post-trashed": "trash"}
MENTION_TYPES = {"pingback", "trackback"}


@dataclass
class Planned:
    id: str
    comment: CommentFile
    held: bool  # pending in WordPress: not published


@dataclass
class Thread:
    """What one post's comments become, and every decision on the way."""

    comments: list = field(default_factory=list)  # Planned
    mentions: list = field(default_factory=list)  # (title, url, date)
    counts: dict = field(default_factory=dict)  # "approved comment" -> n, ...
    notes: list = field(default_factory=list)


def comment_id(wordpress_id):
    return f"wp-{wordpress_id}"


def plan_thread(entry, *, timezone, old_site, uploads, user_names, keep_mentions,
                site_authors=()):
    """The comment files of one imported post.

    `user_names` maps WordPress user ids to the names their comments are
    signed with (as site authors); `site_authors` are all the site's author
    names, which a visitor's comment may not take.
    """
    thread = Thread()
    kept = {}
    for raw in entry.item.comments:
        kind = raw.type if raw.type in MENTION_TYPES else "comment"
        status = SKIPPED_APPROVALS.get(raw.approved) or ("approved" if raw.approved == "1"
                                                         else "pending")
        _count(thread, f"{status} {kind}")
        if status in ("spam", "trash"):
            continue
        if kind in MENTION_TYPES:
            if keep_mentions and status == "approved":
                _mention(thread, raw, timezone)
            continue
        if not raw.id.isdigit():
            thread.notes.append(f"comment {raw.id!r} has no numeric id; skipped")
            continue
        kept[raw.id] = raw
    dates = {}
    for raw in sorted(kept.values(), key=lambda r: int(r.id)):
        planned = _planned(raw, kept, dates, entry, thread, timezone, old_site, uploads,
                           user_names, {fold(name) for name in site_authors})
        if planned:
            thread.comments.append(planned)
    return thread


def _count(thread, key):
    thread.counts[key] = thread.counts.get(key, 0) + 1


def _planned(raw, kept, dates, entry, thread, timezone, old_site, uploads, user_names,
             folded_authors):
    name = comment_id(raw.id)
    body = convert(raw.content, old_site, uploads, redact=True)
    if body.addresses_removed:
        thread.notes.append(f"{name}: {body.addresses_removed} email address(es) removed from its text")
    if not body.markdown.strip():
        thread.notes.append(f"{name}: no text left once markup and scripts are removed; skipped")
        return None
    parent = kept.get(raw.parent) if raw.parent != "0" else None
    if raw.parent != "0" and parent is None:
        thread.notes.append(f"{name} answers comment {raw.parent}, which is missing, spam or "
                            "trash; it is shown as a top-level comment")
    elif parent is not None and raw.approved == "1" and parent.approved != "1":
        thread.notes.append(f"{name} answers {comment_id(parent.id)}, which is held for "
                            "moderation; it is shown as a top-level comment")
        parent = None
    author, role = _signature(raw, name, thread, user_names, folded_authors)
    comment = CommentFile(author=author, date=_date(raw, parent, kept, dates, entry, thread, timezone),
                          body=_marks(body.markdown),
                          replyto=comment_id(parent.id) if parent else None,
                          website=_website(raw.author_url), role=role)
    held = raw.approved != "1"
    # What is published must pass the build's own reader; anything it would
    # refuse waits with the held comments, and the report says why.
    _, mistakes = commentfile.parse(commentfile.format(comment), timezone=timezone)
    if mistakes and not held:
        held = True
        thread.notes.append(f"{name}: held for moderation, because "
                            + "; ".join(m.message for m in mistakes))
    return Planned(name, comment, held=held)


def _signature(raw, name, thread, user_names, folded_authors):
    """(author, role): a WordPress user's comment is signed as that site author."""
    if raw.user_id in user_names:
        author = user_names[raw.user_id]
        if author != one_line(html.unescape(raw.author)):
            thread.notes.append(f"{name}: written by WordPress user {author!r}; signed with "
                                "that name, as a site author")
        return author, "author"
    author = _marks(ADDRESS.sub(ADDRESS_REMOVED, one_line(html.unescape(raw.author)))[:100])
    author = author or "Anonymous"
    if fold(author) in folded_authors:
        thread.notes.append(f"{name}: a visitor signed {author!r}, a site author's name; "
                            f"shown as '{author} (reader)'")
        author = f"{author} (reader)"
    return author, None


def _marks(text):
    """At most MAX_MARKS accents on one letter, as the build allows."""
    return MARK_RUN.sub(lambda run: run.group()[:MAX_MARKS], text)


def _date(raw, parent, kept, dates, entry, thread, timezone):
    """The comment's date, never before its post's nor before the comment it answers."""
    if raw.id in dates:
        return dates[raw.id]
    date = site_time(raw.date, raw.date_gmt, timezone) or entry.date
    floor = entry.date
    if parent is not None:
        floor = max(floor, _date(parent, kept.get(parent.parent), kept, dates, entry, thread,
                                 timezone))
    if date < floor:
        thread.notes.append(f"{comment_id(raw.id)} is dated {shown(date)}, before "
                            f"{'the comment it answers' if parent else 'its post'}; "
                            f"dated {shown(floor)}")
        date = floor
    dates[raw.id] = date
    return date


def _website(url):
    url = one_line(url)
    return url if len(url) <= 300 and is_website(url) else None


def _mention(thread, raw, timezone):
    url = _website(raw.author_url)
    if url:
        date = site_time(raw.date, raw.date_gmt, timezone) or datetime.datetime(1970, 1, 1)
        thread.mentions.append((one_line(html.unescape(raw.author)) or url, url, date))
