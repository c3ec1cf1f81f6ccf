"""What a batch of saved files asks of the preview: a new process, settings read again, or a build in place or afresh.

A build in place writes over the last output, and every file it writes is
either new or changed: it can never take a file away. So an edit that could
make an output file disappear is built afresh, into an empty folder that is
then synced onto the output (see sync.py): a deleted or renamed file, a
post's header (its date or slug is its address, its tags and category are
pages of their own), a post's chart blocks (each chart is a set of files), a
comment edited after it was written (a thread can empty), the data set (a
chart can stop drawing), the settings. What stays in place: a post's text, a
new file, a new comment, the theme. Python code of the plugins is already
imported by the running process, so it takes a new one.

A batch that is one post whose text alone changed (the same header, the same
chart blocks) names that post as `text_only`, and one that is a new comment
names its post's slug as `new_comment`: that post's page can be written from
the last build before the build runs (see first.py).
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

MARKDOWN = (".md", ".markdown")
CHART_FENCE = "```chart"
CHART_BLOCK = re.compile(r"^```chart[^\n]*\n.*?^```[ \t]*$", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class Plan:
    restart: bool = False  # plugin code changed: start the process again
    settings: bool = False  # the settings file changed: read it again
    afresh: bool = False  # build into an empty folder and sync, rather than in place
    reasons: tuple = field(default_factory=tuple)  # why afresh, for the log line
    text_only: Path = None  # the one post saved, whose header and chart blocks are as they were
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
    seen, text_only, new_comment = 0, None, None
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
            reasons.append(f"{_shown(path, layout)} deleted")
            continue
        if _inside(path, layout.content):
            signatures.setdefault(path, None)
        if _inside(path, layout.data):
            reasons.append("data set changed")
        elif _inside(path, layout.comments):
            if kind != "added":
                reasons.append(f"comment {_shown(path, layout)} edited")
            elif len(path.relative_to(layout.comments).parts) == 2 and path.suffix in MARKDOWN:
                new_comment = path.parent.name
        elif path.suffix in MARKDOWN and _inside(path, layout.content):
            now = read_signature(path)
            before = signatures.get(path)
            signatures[path] = now
            if kind != "added" and _outputs(now) != _outputs(before):
                reasons.append(f"header or charts of {_shown(path, layout)} changed")
            elif kind == "modified" and now is not None and now == before:
                text_only = path
    alone = seen == 1 and not (restart or settings or reasons)
    return Plan(restart=restart, settings=settings, afresh=bool(reasons), reasons=tuple(dict.fromkeys(reasons)),
                text_only=text_only if alone else None, new_comment=new_comment if alone else None)


def _outputs(found):
    return None if found is None else found.outputs


def signatures_of(content):
    """The signature of every file under `content` (None but for Markdown), as the first build reads them."""
    return {path: read_signature(path) if path.suffix in MARKDOWN else None
            for path in Path(content).rglob("*") if path.is_file()}


def _inside(path, folder):
    return Path(path).is_relative_to(folder)


def _shown(path, layout):
    return str(path.relative_to(layout.content)) if _inside(path, layout.content) else path.name
