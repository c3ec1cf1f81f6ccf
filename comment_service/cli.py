"""`comments`: run the intake service and work through the moderation queue from a shell."""

import argparse
import datetime
import json
import logging
import os
import sys
from zoneinfo import ZoneInfo

from . import moderation
from .config import ConfigError, load
from .service import Service
from .site import ManifestError

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8001


def _setting(text):
    """KEY=VALUE with VALUE as JSON (as pelican -e takes it), or as a plain string."""
    key, sep, value = text.partition("=")
    if not sep or not key.isupper():
        raise argparse.ArgumentTypeError(f"{text!r} is not KEY=VALUE")
    try:
        return key, json.loads(value)
    except ValueError:
        return key, value


def parser():
    top = argparse.ArgumentParser(prog="comments", description=__doc__)
    top.add_argument("-s", "--settings",
                     default=os.environ.get("COMMENTS_SETTINGS", "pelicanconf.py"),
                     help="the site's settings file (default: pelicanconf.py, "
                          "or $COMMENTS_SETTINGS)")
    top.add_argument("-e", "--extra-setting", type=_setting, action="append", default=[],
                     metavar="KEY=VALUE", help="override a setting, e.g. -e SITEURL='\"http://x\"'")
    commands = top.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the intake service")
    serve.add_argument("--host", default=DEFAULT_HOST)
    serve.add_argument("--port", type=int, default=DEFAULT_PORT)
    pending = commands.add_parser("pending", help="list submissions awaiting a decision")
    pending.add_argument("--json", action="store_true")
    show = commands.add_parser("show", help="show one submission in full")
    show.add_argument("id", type=int)
    approve = commands.add_parser("approve", help="publish submissions as comment files")
    approve.add_argument("ids", type=int, nargs="+", metavar="ID")
    approve.add_argument("--build", action="store_true",
                         help="then build the site (COMMENTS_ON_APPROVE, or make html)")
    for name, text in (("reject", "refuse submissions"), ("spam", "mark submissions as spam")):
        command = commands.add_parser(name, help=text)
        command.add_argument("ids", type=int, nargs="+", metavar="ID")
    commands.add_parser("purge", help="drop spam and rejected submissions older than "
                                      "COMMENTS_PURGE_AFTER_DAYS")
    return top


def main(argv=None):
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    try:
        config = load(args.settings, dict(args.extra_setting))
    except ConfigError as error:
        print(f"comments: the settings need fixing:\n{error}", file=sys.stderr)
        return 2
    service = Service(config)
    try:
        return COMMANDS[args.command](service, args)
    finally:
        service.close()


def serve(service, args):
    import uvicorn  # noqa: PLC0415  (only the serve command needs the server)

    from .app import build_app  # noqa: PLC0415  (nor the web app)

    try:
        service.site.posts()
    except ManifestError as error:
        logging.warning("%s; comments are refused until then", error)
    # No access log: it would keep every commenter's full IP address.
    uvicorn.run(build_app(service), host=args.host, port=args.port, access_log=False,
                log_level="info", timeout_graceful_shutdown=5)
    return 0


def _when(service, timestamp):
    zone = ZoneInfo(service.config["TIMEZONE"])
    return datetime.datetime.fromtimestamp(timestamp, zone).strftime("%Y-%m-%d %H:%M")


def _public(service, submission):
    """What listings show: everything but the address, which stays in the database."""
    return {"id": submission.id, "post": submission.slug, "comment_id": submission.comment_id,
            "author": submission.author, "received": _when(service, submission.received),
            "replyto": submission.replyto, "first_line": submission.first_line,
            "held": list(submission.reasons), "status": submission.status,
            "website": submission.website, "notify": submission.notify}


def pending(service, args):
    waiting = service.store.with_status("pending")
    if args.json:
        print(json.dumps([_public(service, s) for s in waiting], ensure_ascii=False, indent=1))
        return 0
    if not waiting:
        print("Nothing awaits moderation.")
        return 0
    for s in waiting:
        target = f"  reply to {s.replyto}" if s.replyto else ""
        print(f"{s.id:>5}  {s.slug}  {s.author}  {_when(service, s.received)}{target}")
        print(f"       {s.first_line}")
        if s.reasons:
            print(f"       held: {'; '.join(s.reasons)}")
    print(f"{len(waiting)} pending. `comments show ID` for the whole text, "
          "`comments approve ID...` to publish.")
    return 0


def show(service, args):
    s = service.store.get(args.id)
    if s is None:
        print(f"comments: no submission {args.id}", file=sys.stderr)
        return 1
    lines = [f"Submission {s.id} ({s.status})", f"Post: {s.slug}",
             f"Comment id: {s.comment_id}", f"Author: {s.author}",
             f"Email: {s.email or '(none)'}{' (wants reply notices)' if s.notify else ''}",
             f"Website: {s.website or '(none)'}", f"Reply to: {s.replyto or '(a new comment)'}",
             f"Received: {_when(service, s.received)} from {s.network}"]
    if s.reasons:
        lines.append(f"Held: {'; '.join(s.reasons)}")
    print("\n".join(lines) + "\n\n" + s.body)
    return 0


def approve(service, args):
    results = [moderation.approve(service, number) for number in args.ids]
    for result in results:
        print(result.message, file=sys.stdout if result.ok else sys.stderr)
    command = moderation.build_command(service.config, args.build)
    if command and any(r.ok for r in results):
        if not moderation.run_build(service, command):
            print("comments: the build failed; the comments are approved and their files "
                  "written, fix the build and run it again", file=sys.stderr)
            return 1
    return 0 if all(r.ok for r in results) else 1


def _decide(status):
    def decide(service, args):
        results = [moderation.reject(service, number, status) for number in args.ids]
        for result in results:
            print(result.message, file=sys.stdout if result.ok else sys.stderr)
        return 0 if all(r.ok for r in results) else 1
    return decide


def purge(service, args):
    dropped = moderation.purge(service)
    print(f"Dropped {dropped} spam and rejected submission(s) older than "
          f"{service.config['COMMENTS_PURGE_AFTER_DAYS']} days.")
    return 0


COMMANDS = {"serve": serve, "pending": pending, "show": show, "approve": approve,
            "reject": _decide("rejected"), "spam": _decide("spam"), "purge": purge}


if __name__ == "__main__":
    sys.exit(main())
