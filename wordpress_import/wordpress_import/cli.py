"""`wordpress-import export.xml [--uploads DIR]`: the command `make import-wordpress` runs."""

import argparse
import sys
from pathlib import Path

from pelican.plugins.site_common.files import atomic_write

from .queue import QueueError
from .report import render
from .run import Options, run
from .wxr import ExportError

REPORT_NAME = "wordpress-import-report.txt"


def parser():
    p = argparse.ArgumentParser(
        prog="wordpress-import",
        description="Import a WordPress export (WXR) into the site: posts, pages, comment "
                    "threads, authors and old addresses. Prints a report and saves it.")
    p.add_argument("export", type=Path, help="the .xml file from WordPress's Tools, Export")
    p.add_argument("--uploads", type=Path, help="a copy of the blog's wp-content/uploads folder; "
                   "images under the old uploads address are copied from it")
    p.add_argument("--settings", type=Path, default=Path("pelicanconf.py"),
                   help="the site's settings (for its timezone and folders); default %(default)s")
    p.add_argument("--content", type=Path, help="the content folder to write into; "
                   "default: PATH of the settings")
    p.add_argument("--post-types", default="", metavar="TYPE[,TYPE]",
                   help="custom post types to import as posts (others are skipped)")
    p.add_argument("--keep-pingbacks", action="store_true",
                   help="list approved pingbacks and trackbacks under each post as mentions")
    p.add_argument("--force", action="store_true",
                   help="replace files that exist and differ (otherwise they are kept and listed)")
    p.add_argument("--queue", action="store_true",
                   help="put comments that awaited moderation in the comment service's queue "
                        "instead of writing them to content/comments-pending/")
    p.add_argument("--dry-run", action="store_true", help="write nothing; print the report")
    p.add_argument("--report", type=Path,
                   help=f"where to save the report; default {REPORT_NAME} beside the content folder")
    return p


def main(argv=None):
    args = parser().parse_args(argv)
    settings = _settings(args.settings)
    if isinstance(settings, str):
        print(settings, file=sys.stderr)
        return 2
    content = (args.content or Path(settings["PATH"])).resolve()
    if args.uploads is not None and not args.uploads.is_dir():
        print(f"{args.uploads}: not a folder; give the copy of wp-content/uploads", file=sys.stderr)
        return 2
    options = Options(
        export=args.export,
        content=content,
        uploads=args.uploads.resolve() if args.uploads else None,
        post_types=frozenset(t.strip() for t in args.post_types.split(",") if t.strip()),
        keep_mentions=args.keep_pingbacks,
        force=args.force,
        dry_run=args.dry_run,
        timezone=settings.get("TIMEZONE") or "UTC",
        comments_dir=settings.get("COMMENTS_PATH", "comments"),
        queue=args.queue,
        settings=args.settings,
    )
    try:
        report = run(options)
    except (ExportError, QueueError) as error:
        print(f"Nothing imported: {error}.", file=sys.stderr)
        return 1
    text = render(report)
    print(text, end="")
    if not args.dry_run:
        destination = args.report or content.parent / REPORT_NAME
        atomic_write(destination, text)
        print(f"Report saved to {destination}.")
    return 0


def _settings(path):
    """The site's settings, or one sentence saying why they cannot be read."""
    from pelican.settings import read_settings  # noqa: PLC0415  (Pelican loads only when settings are read)

    if not path.is_file():
        return f"{path}: no such settings file; run from the site's folder or give --settings"
    try:
        return read_settings(str(path))
    except Exception as error:
        return f"{path}: the settings cannot be read ({error})"
