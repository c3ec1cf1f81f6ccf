"""Which WordPress items become posts and pages, with what status, slug, file, date and terms.

Rules are tables: a WordPress status maps to the site's status or to a
reason for skipping; post types other than posts, pages and attachments
are skipped unless named on the command line.
"""

import html
import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from pelican.settings import DEFAULT_CONFIG
from pelican.utils import slugify as pelican_slugify

from .dates import rss_time, shown, site_time
from .postfile import one_line

STATUSES = {"publish": "published", "draft": "draft", "pending": "draft", "future": "draft",
            "private": "hidden"}
SKIPPED_STATUSES = {
    "trash": "in WordPress's trash",
    "auto-draft": "an automatic draft WordPress saved on its own",
    "inherit": "a revision of another item",
}
# WordPress's own bookkeeping, stored as items but never content.
MACHINERY = {"nav_menu_item", "revision", "customize_changeset", "oembed_cache", "custom_css",
             "user_request", "wp_block", "wp_template", "wp_template_part", "wp_global_styles",
             "wp_navigation", "wp_font_family", "wp_font_face"}
# Page slugs whose address the site's own listings and files use.
RESERVED_PAGE_SLUGS = {"category", "tag", "author", "categories", "tags", "authors", "archives",
                       "drafts", "feeds", "images", "theme", "page", "pagefind", "search"}


@dataclass
class Entry:
    """One item that becomes a post or a page."""

    item: object
    kind: str  # "post" or "page"
    status: str  # "published", "draft" or "hidden"
    slug: str
    source: str  # relative to content/: posts/2013-11-13-slug.md
    date: object  # naive datetime in the site's timezone
    modified: object = None
    author: str = ""
    category: str | None = None
    tags: tuple = ()
    notes: list = field(default_factory=list)  # what changed, for the report

    @property
    def label(self):
        return f"{self.kind} {self.item.post_id} {one_line(html.unescape(self.item.title))!r}"


@dataclass
class Choice:
    entries: list = field(default_factory=list)
    attachments: dict = field(default_factory=dict)  # post id -> Item
    skipped: list = field(default_factory=list)  # (label, reason)
    read: dict = field(default_factory=dict)  # post type -> count


def choose(export, *, post_types, timezone, existing_slugs, authors):
    """Decide every item of `export`; `existing_slugs` maps (kind, slug) to the file holding it."""
    choice = Choice()
    taken = dict(existing_slugs)
    fallback_date = rss_time(export.published, timezone)
    ordered = sorted(export.items, key=lambda i: (i.date, _number(i.post_id)))
    for item in ordered:
        choice.read[item.type] = choice.read.get(item.type, 0) + 1
        label = f"{item.type} {item.post_id} {one_line(html.unescape(item.title))!r}"
        if item.type == "attachment":
            choice.attachments[item.post_id] = item
            continue
        reason = _skip_reason(item, post_types)
        if reason:
            choice.skipped.append((label, reason))
            continue
        kind = "page" if item.type == "page" else "post"
        entry = Entry(item=item, kind=kind, status=STATUSES[item.status], slug="", source="",
                      date=None, author=_author(item, authors))
        entry.date = site_time(item.date, item.date_gmt, timezone)
        if entry.date is None:
            entry.date = fallback_date
            entry.notes.append(f"has no date in WordPress; dated as the export, {shown(entry.date)}")
        modified = site_time(item.modified, item.modified_gmt, timezone)
        entry.modified = modified if modified and modified > entry.date else None
        if item.password:
            entry.status = "draft"
            entry.notes.append("is password-protected in WordPress; imported as a draft, "
                               "so its text is not published")
        _terms(entry, item)
        _slug(entry, item, taken)
        choice.entries.append(entry)
    return choice


def _number(text):
    return int(text) if text.isdigit() else 0


def slugify(text):
    """Pelican's own slug of `text` (ASCII, lower case, hyphens), as its settings default to."""
    return pelican_slugify(text, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])


def _skip_reason(item, post_types):
    if item.type in MACHINERY:
        return f"WordPress's own {item.type!r} record, not content"
    if item.type not in ("post", "page") and item.type not in post_types:
        return (f"custom post type {item.type!r}; name it with --post-types "
                f"{item.type} to import it as posts")
    if item.status in SKIPPED_STATUSES:
        return SKIPPED_STATUSES[item.status]
    if item.status not in STATUSES:
        return f"unknown status {item.status!r}"
    return None


def _author(item, authors):
    author = authors.get(item.creator)
    return clean_name(author.display_name if author and author.display_name else item.creator)


TAG = re.compile(r"<[^>]*>")


def clean_name(name):
    """A display name as the site can use it: one line, no list separators or markup."""
    text = TAG.sub(" ", html.unescape(name or ""))
    return one_line(re.sub(r"[,;<>&\"]", " ", text)) or "Unknown author"


def _terms(entry, item):
    categories = [_term_name(t.name) for t in item.terms if t.domain == "category"]
    tags = [_term_name(t.name) for t in item.terms if t.domain == "post_tag"]
    categories = [c for c in categories if c]
    if entry.kind == "page":
        return
    if entry.item.type != "post" and not categories:
        categories = [item.type.replace("_", " ").replace("-", " ").title()]
    if not categories:
        categories = ["Uncategorized"]
        entry.notes.append("has no category; filed under 'Uncategorized'")
    entry.category = categories[0]
    extra = [c for c in categories[1:] if c not in tags]
    if extra:
        entry.notes.append(f"has several categories: {categories[0]!r} is its category, "
                           f"{', '.join(repr(c) for c in extra)} became tags")
    entry.tags = tuple(dict.fromkeys(tags + extra))


def _term_name(name):
    """A category or tag name, entities decoded once; commas would split a Tags line."""
    return one_line(re.sub(r"[,;<>]", " ", TAG.sub(" ", html.unescape(name))))


def _slug(entry, item, taken):
    base = slugify(unquote(item.name)) if item.name else ""
    if not base:
        base = slugify(html.unescape(item.title)) or f"{entry.kind}-{item.post_id}"
        entry.notes.append(f"has no slug in WordPress; its slug {base!r} comes from its title")
    slug, number = base, 1
    reserved = RESERVED_PAGE_SLUGS if entry.kind == "page" else set()
    while True:
        source = _source(entry, slug)
        holder = taken.get((entry.kind, slug))
        if slug not in reserved and (holder is None or holder == source):
            break
        number += 1
        slug = f"{base}-{number}"
    if slug != base:
        why = ("is an address the site uses" if base in reserved
               else f"is already {taken[(entry.kind, base)]}'s")
        entry.notes.append(f"would have the slug {base!r}, which {why}; its slug is {slug!r}")
    taken[(entry.kind, slug)] = source
    entry.slug, entry.source = slug, source


def _source(entry, slug):
    if entry.kind == "page":
        return f"pages/{slug}.md"
    return f"posts/{entry.date:%Y-%m-%d}-{slug}.md"
