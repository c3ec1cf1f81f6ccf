"""The preview server of `make serve` and `make devserver`: the built site as a static host serves it.

Pelican's own server answers a missing page with an empty reply, so the
site's 404 page can only be seen after publishing. This one answers a
missing page (or a folder without an index.html) with `404.html` and the
status 404, as the static host is told to (see the README), and never
lists a folder's files.

    python -m pelican.plugins.site_common.preview --host H --port P --directory output \
        [-- command that runs beside the server, such as `pelican -r ...`]

The command, if given, runs in its own process group and is stopped with
the server; `make devserver` runs Pelican's rebuild-on-change this way.
"""

import argparse
import functools
import os
import signal
import subprocess
import sys
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

NOT_FOUND_PAGE = "404.html"


class PreviewHandler(SimpleHTTPRequestHandler):
    """Files from the output folder; the site's 404 page for anything else."""

    def list_directory(self, path):
        # A static host shows no file listings; a folder without index.html
        # is simply not a page.
        self.send_error(HTTPStatus.NOT_FOUND)
        return None

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / NOT_FOUND_PAGE
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def end_headers(self):
        # The author rebuilds and reloads: never show yesterday's page from the cache.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


class QuietPreviewHandler(PreviewHandler):
    """The same answers, without a log line per request (for tests)."""

    def log_message(self, format, *args):
        pass


def make_server(directory, host, port, handler=PreviewHandler):
    """A threading server for `directory` on host:port; port 0 picks a free one."""
    bound = functools.partial(handler, directory=str(directory))
    return ThreadingHTTPServer((host, port), bound)


def _start_beside(command):
    """Start `command` in its own process group, so that stopping it stops its children."""
    return subprocess.Popen(command, start_new_session=True) if command else None


def _stop(process):
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def _interrupt(signum, frame):
    # `kill` sends SIGTERM, a terminal's Ctrl-C SIGINT: both end the server alike.
    raise KeyboardInterrupt


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (0.0.0.0: every network)")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--directory", default="output", help="the built site")
    parser.add_argument("command", nargs=argparse.REMAINDER,
                        help="after --: a command to run beside the server")
    arguments = parser.parse_args(argv)
    if arguments.command[:1] == ["--"]:
        arguments.command = arguments.command[1:]
    return arguments


def main(argv=None):
    arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    try:
        server = make_server(arguments.directory, arguments.host, arguments.port)
    except OSError as error:
        print(f"Cannot listen on {arguments.host}:{arguments.port}: {error.strerror}; "
              f"choose another port, e.g. make serve PORT={arguments.port + 1}", file=sys.stderr)
        return 1
    beside = _start_beside(arguments.command)
    # Installed explicitly: a process started in the background inherits
    # SIGINT ignored, and Ctrl-C must still stop the server and the command.
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    print(f"Serving {arguments.directory}/ at http://{arguments.host}:{arguments.port}/ "
          "(Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        _stop(beside)
    return 0


if __name__ == "__main__":
    sys.exit(main())
