"""`make devserver`: build, serve, and on every saved file build again and tell the open pages.

    python -m pelican.plugins.live_preview --host H --port P [--code plugins] \
        -- content -o output -s pelicanconf.py -e ...

Everything after `--` is what `pelican` itself would be given. The server is
site_common's preview server (the site's 404 page, no folder listings, no
caching) with one more address, the build events the pages' reload script
listens to. A saved plugin module starts the process again, since Python
code already imported cannot be taken back.
"""

import argparse
import errno
import itertools
import logging
import os
import signal
import sys
import threading
import time
from pathlib import Path

from pelican.log import init as init_logging

from pelican.plugins.site_common import pipeline
from pelican.plugins.site_common.preview import PreviewHandler, make_server

from . import changes, events
from .build import Builder

logger = logging.getLogger(__name__)
WATCH_STEP_MS = 20  # how long after the last saved file the build starts
WATCH_TIMEOUT_MS = 200  # the watch reports that it is on at most this long after it starts


class LiveHandler(PreviewHandler):
    """The preview server's files, and the stream of builds at events.EVENTS_PATH."""

    builds = None  # set per server by make_live_server

    def do_GET(self):
        if self.path.split("?", 1)[0] != events.EVENTS_PATH:
            super().do_GET()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        try:
            events.stream(self.builds, self._send)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page was closed or reloaded

    def _send(self, data):
        self.wfile.write(data)
        self.wfile.flush()


class QuietLiveHandler(LiveHandler):
    def log_message(self, format, *args):
        pass


def make_live_server(directory, host, port, builds, quiet=False):
    handler = type("Handler", (QuietLiveHandler if quiet else LiveHandler,), {"builds": builds})
    server = make_server(directory, host, port, handler=handler)
    server.daemon_threads = True  # open event streams must not keep the process alive
    return server


def watched(builder, code):
    """The folders and files whose changes rebuild: content, theme, settings, and the plugins' code."""
    settings = builder.settings()
    content = Path(settings["PATH"]).resolve()
    layout = changes.Layout(
        content=content,
        settings_file=builder.settings_file(),
        comments=content / settings.get("COMMENTS_PATH", "comments"),
        data=content / settings.get("CHARTS_DATA_PATH", "data"),
        code=tuple(Path(folder).resolve() for folder in code),
    )
    theme = Path(settings["THEME"]).resolve()
    return layout, [p for p in (content, theme, layout.settings_file, *layout.code) if p.exists()]


def _ignored(builder):
    output, staging = builder.output, builder.staging

    def keep(change, path):
        path = Path(path)
        if path.is_relative_to(output) or path.is_relative_to(staging):
            return False
        return not any(part == "__pycache__" or part.endswith(".egg-info") for part in path.parts)

    return keep


def run(builder, builds, layout, paths, started=lambda: None, stop_event=None):
    """Build once, call `started`, then build on each batch of saved files; True means start the process again.

    The watch begins before the first build, so a file saved while it runs
    is built next rather than missed.
    """
    import watchfiles  # noqa: PLC0415  (deferred: costs a moment the tests of the server alone need not pay)

    signatures = changes.signatures_of(layout.content)
    batches = watchfiles.watch(*paths, watch_filter=_ignored(builder), step=WATCH_STEP_MS, stop_event=stop_event,
                               rust_timeout=WATCH_TIMEOUT_MS, yield_on_timeout=True)
    pending = next(batches)  # the first comes after WATCH_TIMEOUT_MS at most, once the watch is on
    first = builder.build(afresh=True)  # whatever output/ held before, it now holds this build
    builds.publish(first.changed | builder.finish().changed)
    started()
    ahead = True  # the plugins may have work to do ahead of the next build
    for batch in itertools.chain([pending], batches):
        if not batch:
            ahead = ahead and read_ahead()
            continue
        ahead = True
        saved = time.perf_counter()
        plan = changes.plan(batch, layout, signatures)
        if plan.restart:
            logger.info("Plugin code changed: starting the preview again")
            return True
        # The page the author is looking at first; the build confirms it.
        first = builder.first(plan)
        if first is not None and first.changed:  # a save that left the page as it was tells no one
            builds.publish(first.changed, complete=False)
            logger.info("Wrote %s first, %.2f s after the save (%.2f s of CPU)", ", ".join(sorted(first.changed)),
                        time.perf_counter() - saved, first.cpu_seconds)
        result = builder.build(afresh=plan.afresh)
        # The pages first: the search index (seconds on a large blog) comes after.
        builds.publish(result.changed, complete=result.complete)
        how = f"afresh ({'; '.join(plan.reasons)})" if plan.afresh else "afresh" if result.afresh else "in place"
        logger.info("Rebuilt %s in %.2f s (build %.2f s of CPU): %d files changed", how, time.perf_counter() - saved,
                    result.cpu_seconds, len(result.changed))
        if not result.complete:
            index = builder.finish()
            builds.publish(index.changed)
            logger.info("Search index made again in %.2f s: %d files changed", index.seconds, len(index.changed))
    return False


def read_ahead():
    """A little of the plugins' work ahead of the next build (site_common.pipeline.idle); True while some remains.

    Sent between the watch's reports, a tenth of a second at a time, so a
    save waits at most that long for its build.
    """
    try:
        return any(more for _receiver, more in pipeline.idle.send(None))
    except Exception as error:  # the build that follows does the work itself, and says what is wrong
        logger.debug("Nothing read ahead: %s", error)
        return False


def _listen(directory, host, port, builds, seconds=10):
    """The server on host:port; started again after a plugin changed, the port may take a moment to be free."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return make_live_server(directory, host, port, builds)
        except OSError as error:
            if error.errno != errno.EADDRINUSE or time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--code", action="append", default=None,
                        help="a folder of plugin code; a saved .py file there starts the preview again (default: plugins)")
    parser.add_argument("pelican", nargs=argparse.REMAINDER, help="after --: the arguments pelican takes")
    arguments = parser.parse_args(argv)
    if arguments.pelican[:1] == ["--"]:
        arguments.pelican = arguments.pelican[1:]
    arguments.code = arguments.code or ["plugins"]
    return arguments


def main(argv=None):
    arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    builder = Builder(arguments.pelican)
    init_logging(level=builder.arguments.verbosity, name="pelican")
    logging.getLogger("pelican.plugins.live_preview").setLevel(logging.INFO)
    builds = events.Builds()
    try:
        server = _listen(builder.output, arguments.host, arguments.port, builds)
    except OSError as error:
        print(f"Cannot listen on {arguments.host}:{arguments.port}: {error.strerror}; "
              f"choose another port, e.g. make devserver PORT={arguments.port + 1}", file=sys.stderr)
        return 1
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)

    serving = threading.Event()

    def started():
        # Served from the first build on: before it, output/ may hold an older site.
        serving.set()
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print(f"Serving {builder.output.name}/ at http://{arguments.host}:{arguments.port}/, rebuilding on "
              "every saved file (Ctrl-C to stop)", flush=True)

    layout, paths = watched(builder, arguments.code)
    try:
        again = run(builder, builds, layout, paths, started)
    except KeyboardInterrupt:
        again = False
    finally:
        if serving.is_set():  # shutdown() waits for serve_forever, which may never have begun
            server.shutdown()
        server.server_close()
    if again:
        os.execv(sys.executable, [sys.executable, "-m", "pelican.plugins.live_preview", *sys.argv[1:]])
    return 0
