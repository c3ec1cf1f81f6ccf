"""Drives `make devserver`'s live preview as an author does: started as a process, files saved, builds awaited.

The preview is started in its own process group on a free port and stopped
by its process id. Builds are awaited the way the reader's page awaits them:
on the preview's event stream, whose messages name the files each build
changed.
"""

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from tests.conftest import free_port
from tests.sitebuild import ROOT

EVENTS = "/__preview__/events"


class LivePreview:
    def __init__(self, content, output, settings, log_path, conf=ROOT / "pelicanconf.py"):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.output = Path(output)
        self.settings = {"SITEURL": self.url, "FEED_DOMAIN": self.url, "PREVIEW_RELOAD": True, **settings}
        self.command = [sys.executable, "-m", "pelican.plugins.live_preview", "--port", str(self.port),
                        "--code", str(ROOT / "plugins"), "--", str(content), "-o", str(self.output), "-s", str(conf),
                        "-e", *(f"{key}={json.dumps(value)}" for key, value in self.settings.items())]
        self.log_path = Path(log_path)
        self.messages = queue.Queue()
        self.process = None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self, timeout=300):
        """Start the preview; return the first build's message once it serves."""
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(self.command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                            start_new_session=True,
                                            env=dict(os.environ, COLUMNS="1000", NO_COLOR="1", TERM="dumb"))
        threading.Thread(target=self._listen, args=(timeout,), daemon=True).start()
        try:
            return self.next_build(timeout)
        except BaseException:
            # A `with` block whose start fails never reaches its __exit__.
            self.stop()
            raise

    def _listen(self, timeout):
        """Read the event stream into `messages`; connect again after the preview starts itself again."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None:
            try:
                stream = urllib.request.urlopen(self.url + EVENTS, timeout=3600)
            except OSError:
                if time.monotonic() > deadline:
                    break
                time.sleep(0.1)
                continue
            try:
                for line in stream:
                    if line.startswith(b"data: "):
                        self.messages.put((time.perf_counter(), json.loads(line[6:])))
            except OSError:
                pass
            deadline = time.monotonic() + timeout
        self.messages.put(None)

    def next_build(self, timeout=300):
        """(arrival time, message) of the next build; fails if the preview stops or stays silent."""
        try:
            item = self.messages.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"no build within {timeout} s:\n{self.log()}") from None
        if item is None:
            raise AssertionError(f"the preview stopped:\n{self.log()}")
        return item

    def settle(self, timeout=300, quiet=2.0):
        """Every build message up to one followed by `quiet` seconds without another.

        A file saved in two writes can be seen twice, and built twice: what
        counts is the output once the builds stop.
        """
        messages = [self.next_build(timeout)]
        while True:
            try:
                # A build announces its pages first, and is complete once
                # its search index is made too.
                item = self.messages.get(timeout=quiet if messages[-1][1].get("complete", True) else timeout)
            except queue.Empty:
                return messages
            if item is None:
                raise AssertionError(f"the preview stopped:\n{self.log()}")
            messages.append(item)

    def log(self):
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def differences(left, right):
    """Output files that differ between two folders: missing on one side or with other bytes."""
    def files(folder):
        return {p.relative_to(folder).as_posix(): p for p in Path(folder).rglob("*") if p.is_file()}

    ours, theirs = files(left), files(right)
    found = [f"only in the preview: {name}" for name in sorted(ours.keys() - theirs.keys())]
    found += [f"only in the clean build: {name}" for name in sorted(theirs.keys() - ours.keys())]
    found += [f"different bytes: {name}" for name in sorted(ours.keys() & theirs.keys())
              if ours[name].read_bytes() != theirs[name].read_bytes()]
    return found
