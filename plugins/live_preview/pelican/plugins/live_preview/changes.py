"""What a batch of saved files asks of the preview: a new process, settings read again, or a build in place or afresh.

A build in place writes over the last output, and every file it writes is
either new or changed: by itself it never takes a file away. So an edit that
could make a page or feed disappear is built afresh, into an empty folder
that is then synced onto the output (see sync.py): a deleted or renamed
file (but a comment's), a post's header (its date or slug is its address,
its tags and category are pages of their own), the number of a post's
charts, the settings. What stays in place: a post's text and its chart
blocks, its title, summary or date of last change (OWN_KEYS; a title only
where a Slug: line fixes the address), a new file, a comment new, edited or
deleted, a changed data row, the theme. A chart that can no longer be drawn
after such an edit writes no files, nor does a thread that empties have a
feed: the build takes away what the last one wrote for them (build.Builder,
from site_common's BuildState.outputs). Python code of the plugins is
already imported by the running process, so it takes a new one.

A batch that is one post whose text changed, or its title, summary or date
of last change (OWN_KEYS), but not its chart blocks, names that post as
`edited_post`; one that is a new comment names its post's slug as
`new_comment`. Nothing but that post's own page, and lists and feeds showing
it, can change then: its page can be written from the last build before the
build runs (see first.py).
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

MARKDOWN = (".md", ".markdown")
CHART_FENCE = "```chart"
# Header keys that show on the post's own page and in lists of it, and
# decide neither an address nor which pages exist (with an explicit Slug:
# a title that makes the slug changes the address, which first.py checks).
OWN_KEYS = frozenset({"title", "summary", "modified"})
CHART_BLOCK = re.compile(r"^```chart[^\n]*\n.*?^```[ \t]*$", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class Plan:
    restart: bool = False  # plugin code changed: start the process again
    settings: bool = False  # the settings file changed: read it again
    afresh: bool = False  # build into an empty folder and sync, rather than in place
    reasons: tuple = field(default_factory=tuple)  # why afresh, for the log line
    edited_post: Path = None  # the one post saved, its chart blocks and all but OWN_KEYS of its header as they were
    new_comment: str = None  # the slug of the post the one new comment file is under

    @property
    def build(self):
        return not self.restart


class Signature(NamedTuple):
    """What of a Markdown file decides which files the build writes (its header, how many charts), and its charts."""

    header: str
    charts: int
    blocks: tuple = ()  # the chart blocks' text: a chart edited in place draws anew

    @property
    def outputs(self):
        return self.header, self.charts


def signature(text):
    header, _, body = text.partition("\n\n")
    return Signature(header.strip(), body.count(CHART_FENCE), tuple(CHART_BLOCK.findall(body)))


def read_signature(path):
    try:
        return signature(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


@dataclass
class Layout:
    """Where things live, as absolute paths."""

    content: Path
    settings_file: Path
    comments: Path  # folder of comment folders, inside content
    data: Path  # the data set's folder, inside content
    code: tuple = ()  # folders of Python code the process has imported (the plugins)


def plan(changes, layout, signatures):
    """A Plan for `changes`, a set of (kind, path) as watchfiles reports them (the kind is looked at again).

    `signatures` maps each file under content to its last signature (None
    but for Markdown); it is updated to the files' current ones.
    """
    reasons = []
    restart = settings = False
    seen, edited_post, new_comment = 0, None, None
    for raw in sorted({path for _kind, path in changes}):
        path = Path(raw)
        # What counts is what is there now: editors save through a new file
        # and a rename (a file deleted and added again), and tools write
        # temporary files that are gone before the build starts.
        if path.is_dir():
            continue
        kind = "deleted" if not path.exists() else "modified" if path in signatures else "added"
        # An editor's temporary file, gone before the build, is no part of it.
        seen += not (kind == "deleted" and _inside(path, layout.content) and path not in signatures)
        if path.suffix == ".py" and any(_inside(path, folder) for folder in layout.code):
            # The plugins' tests are never imported by a build.
            restart = restart or "tests" not in path.parts
            continue
        if path == layout.settings_file:
            settings = True
            reasons.append("settings changed")
            continue
        if kind == "deleted":
            if _inside(path, layout.content) and path not in signatures:
                continue  # never part of a build
            signatures.pop(path, None)
            if not _inside(path, layout.comments):  # a comment's thread and feeds are rebuilt in place
                reasons.append(f"{_shown(path, layout)} deleted")
            continue
        if _inside(path, layout.content):
            signatures.setdefault(path, None)
        if _inside(path, layout.data):
            continue  # built in place: only posts whose figures asked about what changed are read again (reuse.py)
        if _inside(path, layout.comments):
            if kind == "added" and len(path.relative_to(layout.comments).parts) == 2 and path.suffix in MARKDOWN:
                new_comment = path.parent.name
        elif path.suffix in MARKDOWN and _inside(path, layout.content):
            now = read_signature(path)
            before = signatures.get(path)
            signatures[path] = now
            own = _own_change(before, now)
            if kind != "added" and _outputs(now) != _outputs(before) and not (own and _keeps_address(before, now)):
                reasons.append(f"header or charts of {_shown(path, layout)} changed")
            if kind == "modified" and own:
                edited_post = path
    # One file: its reasons are its own (a post's header, or a comment edited).
    alone = seen == 1 and not (restart or settings)
    return Plan(restart=restart, settings=settings, afresh=bool(reasons), reasons=tuple(dict.fromkeys(reasons)),
                edited_post=edited_post if alone else None, new_comment=new_comment if alone else None)


def _outputs(found):
    return None if found is None else found.outputs


def _own_change(before, now):
    """Whether a post changed only in its text or its header's OWN_KEYS, not in its charts."""
    if before is None or now is None or (before.charts, before.blocks) != (now.charts, now.blocks):
        return False
    old, new = header_fields(before.header), header_fields(now.header)
    return {key for key in old.keys() | new.keys() if old.get(key) != new.get(key)} <= OWN_KEYS


def _keeps_address(before, now):
    """Whether an edit of OWN_KEYS alone (_own_change) leaves every file where it was: no title makes the address.

    Without a Slug: line, a new title is a new slug, so a new address.
    """
    old, new = header_fields(before.header), header_fields(now.header)
    return "slug" in new or old.get("title") == new.get("title")


def header_fields(header):
    """{lowercase key: value} of a Markdown header; an indented line continues the key before it."""
    fields, key = {}, None
    for line in header.splitlines():
        name, colon, value = line.partition(":")
        if colon and name.strip() and not line[:1].isspace():
            key = name.strip().lower()
            fields[key] = fields[key] + "\n" + value.strip() if key in fields else value.strip()
        elif key is not None:
            fields[key] += "\n" + line.strip()
        else:
            fields[None] = fields.get(None, "") + line  # not a header line: any change counts
    return fields


def signatures_of(content):
    """The signature of every file under `content` (None but for Markdown), as the first build reads them."""
    return {path: read_signature(path) if path.suffix in MARKDOWN else None
            for path in Path(content).rglob("*") if path.is_file()}


def _inside(path, folder):
    return Path(path).is_relative_to(folder)


def _shown(path, layout):
    return str(path.relative_to(layout.content)) if _inside(path, layout.content) else path.name
