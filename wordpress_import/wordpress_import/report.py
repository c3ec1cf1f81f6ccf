"""What an import read, wrote, skipped and changed, as the text printed and saved."""

from dataclasses import dataclass, field


@dataclass
class Report:
    source: str
    dry_run: bool = False
    read: dict = field(default_factory=dict)  # "posts" -> n, "comments: approved comment" -> n
    written: dict = field(default_factory=dict)  # "post files" -> n
    files: dict = field(default_factory=dict)  # "new"/"unchanged"/"replaced"/"kept" -> [paths]
    skipped: list = field(default_factory=list)  # (what, why)
    changes: list = field(default_factory=list)  # (what, how)
    held: list = field(default_factory=list)  # held comment files
    left: list = field(default_factory=list)  # (what, address) left pointing at the old site

    def count(self, table, key, number=1):
        getattr(self, table)[key] = getattr(self, table).get(key, 0) + number

    def file(self, state, path):
        self.files.setdefault(state, []).append(path)


def render(report):
    """The report as text: counts first, then every skip and change with its reason."""
    lines = [f"WordPress import of {report.source}"
             + (" (dry run: nothing was written)" if report.dry_run else ""), ""]
    lines += _table("Read", report.read)
    lines += _table("Written" if not report.dry_run else "Would write", report.written)
    states = {"new": "new files", "unchanged": "files already up to date",
              "replaced": "files replaced (--force) or lists with lines added",
              "kept": "files that exist and differ, NOT overwritten (use --force to replace)"}
    lines.append("Files" + (" (had this not been a dry run)" if report.dry_run else ""))
    for state, title in states.items():
        paths = report.files.get(state, [])
        lines.append(f"  {len(paths):>6}  {title}")
    lines.append("")
    for path in report.files.get("kept", []):
        lines.append(f"  kept: {path}")
    lines += _list("Skipped", report.skipped)
    lines += _list("Changed on the way", report.changes)
    if report.held:
        lines.append("Held for moderation (pending in WordPress; not published)")
        lines += [f"  {path}" for path in report.held]
        lines.append("")
    lines += _list("Left pointing at the old site", report.left)
    return "\n".join(lines).rstrip("\n") + "\n"


# Posts first, then pages, comments and the rest, as a reader of the report looks for them.
ORDER = ("posts", "pages", "comments", "mentions", "attachments", "images", "authors", "old")


def _table(title, counts):
    def rank(key):
        return next((i for i, word in enumerate(ORDER) if key.startswith(word)), len(ORDER))

    lines = [title]
    lines += [f"  {counts[key]:>6}  {key}" for key in sorted(counts, key=rank)]
    return lines + [""]


def _list(title, pairs):
    if not pairs:
        return [f"{title}: nothing", ""]
    return [f"{title} ({len(pairs)})"] + [f"  {what}: {why}" for what, why in pairs] + [""]
