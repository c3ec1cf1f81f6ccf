"""The service against a tiny site: a manifest written by the build's own writer, a real server, a real SMTP server."""

import contextlib
import datetime
import email
import email.policy
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from comment_service.config import load
from comment_service.service import Service
from pelican.plugins.comment_threads import commentfile, manifest
from pelican.plugins.comment_threads.commentfile import CommentFile

ROOT = Path(__file__).resolve().parents[2]
CONF = ROOT / "pelicanconf.py"
SITE = "https://blog.test"
SECRET = "a-test-secret-of-enough-length"


class Thread:
    """Enough of a ThreadView for the manifest writer."""

    def __init__(self, state, ids):
        self.state = state
        self.comments = [type("View", (), {"id": i, "replies": []})() for i in ids]


POSTS = {
    # slug: (title, state, published comment ids)
    "open-post": ("An open post", "open", ["tom", "ana"]),
    "other-post": ("Another post", "open", ["zed"]),
    "closed-post": ("A closed post", "closed", ["old"]),
    "hidden-post": ("A hidden post", "hidden", ["gone"]),
}


def write_site(root, published=None):
    """content/ with the published comments, output/ with the manifest the build would write.

    `published` ({slug: [ids]}) adds approved comments, as a build after approval lists them.
    """
    content, output = root / "content", root / "output"
    entries = []
    for slug, (title, state, ids) in POSTS.items():
        extra = list((published or {}).get(slug, []))
        entries.append(manifest.entry(slug, title, f"{SITE}/2020/01/{slug}/",
                                      Thread(state, ids + extra)))
        for number, comment_id in enumerate(ids):
            commentfile.write(content / "comments", slug, comment_id, CommentFile(
                f"Reader {comment_id}", datetime.datetime(2020, 1, 2, 10, number),
                f"Published comment {comment_id}."))
    output.mkdir(parents=True, exist_ok=True)
    manifest.write(output / "comments-manifest.json", manifest.to_json(SITE, entries))
    return content, output


def base_settings(root):
    content, output = write_site(root)
    return {
        "PATH": str(content), "OUTPUT_PATH": str(output), "SITEURL": SITE,
        "COMMENTS_ENDPOINT": f"{SITE}/comments", "COMMENTS_DB": str(root / "queue.sqlite3"),
        "COMMENTS_SECRET": SECRET, "COMMENTS_MODERATORS": ["mod@blog.test"],
        "COMMENTS_SMTP_HOST": None, "CACHE_PATH": str(root / "cache"),
    }


@pytest.fixture
def settings(tmp_path):
    return base_settings(tmp_path)


@pytest.fixture
def make_service(settings):
    made = []

    def make(**overrides):
        service = Service(load(CONF, {**settings, **overrides}, environ={}))
        made.append(service)
        return service

    yield make
    for service in made:
        service.close()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """`comments serve` in a child process, in its own process group."""

    url: str
    port: int
    process: subprocess.Popen
    log: Path

    def kill(self, how=signal.SIGTERM):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, how)
        self.process.wait(timeout=30)


def command(settings, *args):
    extra = []
    for key, value in settings.items():
        extra += ["-e", f"{key}={json.dumps(value)}"]
    return [sys.executable, "-m", "comment_service.cli", "-s", str(CONF), *extra, *args]


def start_server(settings, log, port=None):
    port = port or free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMMENTS_")}
    with open(log, "ab") as out:
        process = subprocess.Popen(command(settings, "serve", "--port", str(port)), cwd=ROOT,
                                   env=env, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the service exited:\n{Path(log).read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2):
                return Server(url, port, process, Path(log))
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"the service did not start:\n{Path(log).read_text()}")


@pytest.fixture
def serve(tmp_path):
    """Start `comments serve` with settings; every server started is stopped after the test."""
    servers = []

    def start(settings, port=None):
        server = start_server(settings, tmp_path / "service.log", port)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.kill()


@pytest.fixture
def smtp():
    """A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps every message it gets."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    class Keep(Message):
        def __init__(self):
            super().__init__()
            self.messages = []

        def handle_message(self, message):
            # Read again with the modern policy, so headers come decoded.
            self.messages.append(email.message_from_bytes(message.as_bytes(),
                                                          policy=email.policy.default))

    handler = Keep()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller, handler.messages
    finally:
        controller.stop()


# A plain HTTP client: exact bytes and headers, nothing added behind the test's back.
@dataclass
class Reply:
    status: int
    headers: dict
    body: bytes

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.body)


FORM = "application/x-www-form-urlencoded"


def request(url, method="GET", body=b"", headers=None):
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request(method, parts.path + (f"?{parts.query}" if parts.query else ""),
                           body=body or None, headers=headers or {})
        response = connection.getresponse()
        return Reply(response.status, {k.lower(): v for k, v in response.getheaders()},
                     response.read())
    finally:
        connection.close()


def post_form(url, fields, *, origin="https://blog.test", json_reply=False, headers=None):
    """POST fields (a dict or a list of pairs) as a browser's form would."""
    sent = {"Content-Type": FORM, **({"Origin": origin} if origin else {})}
    if json_reply:
        sent["Accept"] = "application/json"
    sent.update(headers or {})
    return request(url, "POST", urlencode(fields).encode(), sent)


def good(**changes):
    fields = {"article": "open-post", "name": "Maria L.", "email": "", "website": "",
              "comment": "A reasonable comment about the numbers.", "replyto": "", "homepage": ""}
    fields.update(changes)
    return fields


@pytest.fixture(scope="session")
def kit():
    """This module's helpers for test modules, which cannot import a conftest by name."""
    return sys.modules[__name__]
