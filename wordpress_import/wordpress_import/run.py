"""One import: read the export, decide every file, then write what is new and say what was done.

Everything is decided in memory before the first file is written, so a
damaged export writes nothing, and a dry run shows exactly what a real run
would do.
"""

import html
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from pelican.plugins.comment_threads import commentfile
from pelican.plugins.site_common.files import atomic_write

from . import authors, oldlinks
from .body import convert
from .comments import plan_thread
from .dates import shown
from .items import choose, clean_name, slugify
from .links import OldSite, Uploads, normal_path
from .postfile import PostFile, format_post, one_line
from .queue import enqueue, open_service
from .report import Report

SUMMARY_WORDS = 50
SLUG_LINE = re.compile(r"^slug:\s*(\S+)\s*$", re.IGNORECASE | re.MULTILINE)
TITLE_LINE = re.compile(r"^title:\s*(.+?)\s*$", re.IGNORECASE | re.MULTILINE)


@dataclass
class Options:
    export: Path
    content: Path
    uploads: Path | None = None
    post_types: frozenset = frozenset()
    keep_mentions: bool = False
    force: bool = False
    dry_run: bool = False
    timezone: str = "UTC"
    comments_dir: str = "comments"
    held_dir: str = "comments-pending"
    # Put held comments in the comment service's queue instead (queue.py).
    queue: bool = False
    settings: Path | None = None
    images_dir: str = "images/wordpress"


@dataclass
class Plan:
    files: dict = field(default_factory=dict)  # content-relative path -> bytes
    comments: list = field(default_factory=list)  # (folder, slug, id, CommentFile)
    # Lists the import adds lines to (authors, old links): what was there stays.
    merged: set = field(default_factory=set)


def run(options):
    """Import; returns the Report. ExportError (from reading) before anything is written."""
    from .wxr import read_export  # noqa: PLC0415  (the XML reader loads only when importing)

    export = read_export(options.export)
    service = open_service(options.settings, options.content) if options.queue else None
    report = Report(source=str(options.export), dry_run=options.dry_run)
    choice = choose(export, post_types=options.post_types, timezone=options.timezone,
                    existing_slugs=existing_slugs(options.content), authors=export.authors)
    old_site = _old_site(export, choice.entries)
    uploads = Uploads(options.uploads, options.images_dir)
    plan = Plan()
    _count_read(report, export, choice)
    for label, reason in choice.skipped:
        report.skipped.append((label, reason))
    user_names = {a.user_id: clean_name(a.display_name or a.login)
                  for a in export.authors.values() if a.user_id and a.user_id != "0"}
    authors_text = _read(options.content / "authors.yml")
    site_authors = (set(authors.known_authors(authors_text)) | set(user_names.values())
                    | {e.author for e in choice.entries})
    links = {}
    for entry in choice.entries:
        _plan_entry(entry, plan, report, options, old_site, uploads, choice, user_names,
                    site_authors)
        links.update(oldlinks.entries_for(entry, old_site))
        if entry.status != "published":
            report.changes.append((entry.label, f"{entry.status}: no redirect from its old address"))
    signed = {c.author for *_, c in plan.comments if c.role == "author"}
    _plan_authors(plan, report, authors_text, {e.author for e in choice.entries} | signed)
    _plan_old_links(plan, report, options, links)
    _plan_uploads(plan, report, uploads, choice)
    try:
        _apply(plan, report, options, service)
    finally:
        if service is not None:
            service.close()
    return report


def existing_slugs(content):
    """{(kind, slug): file} of the posts and pages already in content/."""
    found = {}
    for kind, folder in (("post", "posts"), ("page", "pages")):
        for path in sorted((content / folder).rglob("*.md")):
            text = path.read_text(encoding="utf-8", errors="replace")
            header = text.split("\n\n", 1)[0]
            slug = SLUG_LINE.search(header)
            title = TITLE_LINE.search(header)
            value = slug.group(1) if slug else slugify(title.group(1)) if title else path.stem
            found[(kind, value)] = path.relative_to(content).as_posix()
    return found


def _old_site(export, entries):
    base = export.base_blog_url or export.link or export.base_site_url
    hosts = {urlsplit(u).netloc.lower().removeprefix("www.")
             for u in (export.base_site_url, export.base_blog_url, export.link) if u}
    site = OldSite(base_url=base, hosts=frozenset(h for h in hosts if h))
    for entry in entries:
        if entry.status != "published":
            continue
        target = "{filename}/" + entry.source
        site.by_id[entry.item.post_id] = target
        location = site.local_path(entry.item.link) if entry.item.link else None
        if location and not location[1]:
            site.by_path[normal_path(location[0])] = target
        if entry.item.guid:
            guid = site.local_path(entry.item.guid)
            if guid and not guid[1]:
                site.by_path.setdefault(normal_path(guid[0]), target)
    return site


def _count_read(report, export, choice):
    """Everything in the export, by kind, status and comment type: skipped items too."""
    names = {"post": "posts", "page": "pages", "attachment": "attachments"}
    for kind, number in sorted(choice.read.items()):
        report.count("read", names.get(kind, f"{kind} (post type)"), number)
    for item in export.items:
        if item.type in ("post", "page"):
            report.count("read", f"{names[item.type]}: status {item.status or '?'}")
    for item in export.items:
        for raw in item.comments:
            report.count("read", f"comments: {raw.type or 'comment'}, status {raw.approved or '?'}")


def _gallery(choice, entry):
    def images(attrs):
        ids = [i.strip() for i in str(attrs.get("ids", attrs.get("include", ""))).split(",")
               if i.strip()]
        items = ([choice.attachments[i] for i in ids if i in choice.attachments] if ids else
                 [a for a in choice.attachments.values() if a.parent == entry.item.post_id])
        return [(a.attachment_url, one_line(html.unescape(a.title))) for a in items
                if a.attachment_url]
    return images


def _read(path):
    return path.read_text(encoding="utf-8") if path.exists() else ""


def _plan_entry(entry, plan, report, options, old_site, uploads, choice, user_names,
                site_authors):
    item = entry.item
    body = convert(item.content, old_site, uploads, _gallery(choice, entry))
    summary = None
    if entry.kind == "post":
        summary = _summary(entry, body, old_site, uploads)
    _body_notes(entry, body, report)
    thread = None
    if entry.kind == "post":
        thread = plan_thread(entry, timezone=options.timezone, old_site=old_site,
                             uploads=uploads, user_names=user_names,
                             keep_mentions=options.keep_mentions, site_authors=site_authors)
        _plan_thread(entry, thread, plan, report, options)
    elif item.comments:
        report.skipped.append((entry.label, f"{len(item.comments)} comment(s): the site has "
                               "comment threads on posts only"))
    markdown = body.markdown or "\n"
    if thread and thread.mentions:
        markdown += "\n## Mentions elsewhere\n\n" + "".join(
            f"- [{_link_text(title)}]({url}), {date:%B %-d, %Y}\n"
            for title, url, date in sorted(thread.mentions, key=lambda m: m[2]))
    post = PostFile(
        title=html.unescape(item.title) or f"Untitled {entry.kind} {item.post_id}",
        date=shown(entry.date), body=markdown, slug=entry.slug, authors=(entry.author,),
        category=entry.category, tags=entry.tags,
        modified=shown(entry.modified) if entry.modified else None,
        status=None if entry.status == "published" else entry.status,
        comments="closed" if item.comment_status == "closed" and entry.kind == "post" else None,
        summary=summary,
    )
    plan.files[entry.source] = format_post(post).encode("utf-8")
    report.count("written", f"{entry.kind}s ({entry.status})")
    for note in entry.notes:
        report.changes.append((entry.label, note))


def _link_text(text):
    return re.sub(r"[\[\]<>&`{}*_\\]", "", text)


def _summary(entry, body, old_site, uploads):
    """From the excerpt, else the part before <!--more-->, else the first paragraph."""
    if entry.item.excerpt.strip():
        source, text = "its excerpt", convert(entry.item.excerpt, old_site, uploads).markdown
    elif body.teaser:
        source, text = "the text before <!--more-->", body.teaser
    else:
        source, text = "its first paragraph", body.markdown
    paragraph = next((p for p in text.split("\n\n") if p.strip() and not p.lstrip()
                      .startswith(("!", "/", "#", "`", "-", ">", "<http"))), "")
    words = paragraph.split()
    if not words:
        words = ["(No", "summary.)"]
        source = "nothing: the post has no text"
    if len(words) > SUMMARY_WORDS:
        words = words[:SUMMARY_WORDS] + ["…"]
    entry.notes.append(f"summary taken from {source}")
    return " ".join(words)


def _body_notes(entry, body, report):
    if body.gutenberg:
        entry.notes.append("block-editor post: block comments removed")
    if body.headings_shifted:
        entry.notes.append("headings moved to start at level 2, under the post's title")
    for name in sorted(set(body.shortcodes_converted)):
        entry.notes.append(f"[{name}] shortcode converted")
    for code in body.shortcodes_kept:
        entry.notes.append(f"shortcode kept as visible text, for you to replace: {code}")
    if body.links_rewritten:
        entry.notes.append(f"{body.links_rewritten} link(s) to imported posts and uploads "
                           "made site links")
    for address in body.links_dropped:
        entry.notes.append(f"unsafe address removed, its words kept: {address}")
    for address in body.links_left:
        report.left.append((entry.label, f"link to {address}, which was not imported "
                            "or is not published"))
    for address in body.images_left:
        report.left.append((entry.label, f"image {address}"))
    if body.images_local:
        report.count("written", "images linked to local copies", body.images_local)


def _plan_thread(entry, thread, plan, report, options):
    for key, number in sorted(thread.counts.items()):
        if key.startswith(("spam", "trash")) or key.split()[-1] in ("pingback", "trackback"):
            kept = options.keep_mentions and key.startswith("approved ")
            if not kept:
                report.skipped.append((entry.label, f"{number} {key}(s)"))
    for note in thread.notes:
        report.changes.append((entry.label, note))
    for planned in thread.comments:
        folder = options.held_dir if planned.held else options.comments_dir
        plan.comments.append((folder, entry.slug, planned.id, planned.comment))
        report.count("written", "comments held for moderation" if planned.held
                     else "comments published")
        if planned.held:
            report.held.append(f"{folder}/{entry.slug}/{planned.id}.md")
    if thread.mentions:
        report.count("written", "mentions (pingbacks, trackbacks) listed under posts",
                     len(thread.mentions))


def _plan_authors(plan, report, text, names):
    """Every author of an imported post or signed comment, added to authors.yml if new."""
    names = sorted(names)
    new = authors.with_authors(text, names)
    if new != text:
        added = [n for n in names if n not in authors.known_authors(text)]
        report.count("written", "authors added to authors.yml", len(added))
        for name in added:
            report.changes.append((f"author {name!r}", "not known to the site; added to authors.yml"))
        plan.files["authors.yml"] = new.encode("utf-8")
        plan.merged.add("authors.yml")


def _plan_old_links(plan, report, options, links):
    text = _read(options.content / "old-links.txt")
    new, changed = oldlinks.merged(text, links)
    report.count("written", "old addresses redirected (old-links.txt)", len(links))
    for old in changed:
        report.changes.append((f"old address {old}", f"now leads to {links[old]}"))
    if new != text:
        plan.files["old-links.txt"] = new.encode("utf-8")
        plan.merged.add("old-links.txt")


def _plan_uploads(plan, report, uploads, choice):
    for destination, source in sorted(uploads.copies.items()):
        plan.files[destination] = source.read_bytes()
    report.count("written", "images copied from the uploads folder", len(uploads.copies))
    report.count("read", "attachments with a file", sum(1 for a in choice.attachments.values()
                                                        if a.attachment_url))


def _apply(plan, report, options, service=None):
    """Write what is new; a file that differs is replaced only with --force."""
    comments = plan.comments
    if service is not None:
        held = [c for c in comments if c[0] == options.held_dir]
        comments = [c for c in comments if c[0] != options.held_dir]
        _queue(held, report, options, service)
    writes = [(options.content / path, data, path) for path, data in sorted(plan.files.items())]
    for folder, slug, comment_id, comment in comments:
        path = commentfile.path_for(options.content / folder, slug, comment_id)
        writes.append((path, commentfile.format(comment).encode("utf-8"),
                       path.relative_to(options.content).as_posix()))
    pending = []
    for path, data, shown_path in writes:
        state = _state(path, data, options.force or shown_path in plan.merged)
        report.file(state, shown_path)
        if state in ("new", "replaced"):
            pending.append((path, data))
    if options.dry_run:
        return
    by_path = {commentfile.path_for(options.content / f, s, i): (f, s, i, c)
               for f, s, i, c in comments}
    # Thousands of files: each is written whole (temporary file and rename),
    # and one sync at the end puts them all on disk.
    for path, data in pending:
        if path in by_path:
            folder, slug, comment_id, comment = by_path[path]
            commentfile.write(options.content / folder, slug, comment_id, comment, sync=False)
        else:
            atomic_write(path, data, sync=False)
    os.sync()


def _queue(held, report, options, service):
    """Held comments into the comment service's queue, once each."""
    report.held = []
    for _, slug, comment_id, comment in held:
        where = f"{slug}: {comment_id}"
        if options.dry_run:
            report.held.append(f"{where} (would be queued)")
        elif enqueue(service, slug, comment_id, comment, options.timezone):
            report.held.append(f"{where}: queued in the comment service")
        else:
            report.held.append(f"{where}: already in the comment service's queue")


def _state(path, data, force):
    try:
        existing = path.read_bytes()
    except FileNotFoundError:
        return "new"
    if existing == data:
        return "unchanged"
    return "replaced" if force else "kept"
