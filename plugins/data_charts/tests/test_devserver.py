"""Under `make devserver` (the live preview) every rebuild reads the data set afresh and a bad row never stops the server."""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from .conftest import OBSERVATIONS, ROOT, write_data

pytestmark = pytest.mark.slow
PAGE = "2013/11/numbers/index.html"
POST = "Title: Numbers\nDate: 2013-11-20\nCategory: Court\nSummary: s\n\nGranted: {{ Mexico FY2012 court_granted @article }}.\n"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Devserver:
    """The live preview as `make devserver` runs it, on a site in a temporary folder."""

    def __init__(self, tmp_path):
        self.content = tmp_path / "content"
        (self.content / "posts").mkdir(parents=True)
        (self.content / "posts" / "numbers.md").write_text(POST, encoding="utf-8")
        self.data = write_data(self.content / "data")
        self.output = tmp_path / "output"
        self.port = free_port()
        overrides = {"CHARTS_DATA_PATH": "data", "CACHE_PATH": str(tmp_path / "cache"),
                     "SITEURL": f"http://127.0.0.1:{self.port}", "CHARTS_WORKERS": 1}
        command = [sys.executable, "-m", "pelican.plugins.live_preview", "--port", str(self.port),
                   "--code", str(ROOT / "plugins"), "--", str(self.content), "-o", str(self.output),
                   "-s", str(ROOT / "pelicanconf.py"), "-e",
                   *[f"{key}={value!r}".replace("'", '"') for key, value in overrides.items()]]
        self.log = []
        self.process = subprocess.Popen(
            command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.log.append(line.rstrip("\n"))

    def wait_for(self, test, what, seconds=90, save=None):
        """Wait until `test()`; `save()` is called again every few seconds meanwhile, as an
        author saves again, because a change made before the watcher is armed goes unseen."""
        deadline = time.monotonic() + seconds
        saved = time.monotonic()
        while time.monotonic() < deadline:
            if test():
                return
            if save and time.monotonic() - saved > 5:
                save()
                saved = time.monotonic()
            assert self.process.poll() is None, "the server exited:\n" + "\n".join(self.log)
            time.sleep(0.3)
        raise AssertionError(f"waited {seconds}s for {what}:\n" + "\n".join(self.log))

    def page(self):
        try:
            return (self.output / PAGE).read_text(encoding="utf-8")
        except FileNotFoundError:
            return ""

    def served(self):
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{PAGE}", timeout=10) as response:
            return response.status, response.read().decode("utf-8")

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


@pytest.fixture
def devserver(tmp_path):
    server = Devserver(tmp_path)
    yield server
    server.stop()


def test_a_data_change_shows_on_the_next_rebuild_and_a_bad_row_is_reported_while_serving(devserver):
    devserver.wait_for(lambda: ">126</a>" in devserver.page(), "the first build")

    def save(rows):
        return lambda: write_data(devserver.data, rows)

    changed = OBSERVATIONS.replace("FY2012,Mexico,court_granted,126,article", "FY2012,Mexico,court_granted,127,article")
    save(changed)()
    devserver.wait_for(lambda: ">127</a>" in devserver.page(), "the rebuild with the new number", save=save(changed))

    bad = OBSERVATIONS.replace("FY2012,Mexico,court_granted,126,article", "FY2012,Mexico,court_granted,12x,article")
    save(bad)()
    expected = ("content/data/observations.csv:2: court_granted is a count, so its value must be "
                "a whole number; found '12x'")
    devserver.wait_for(lambda: expected in devserver.log, "the bad row's report", save=save(bad))
    devserver.wait_for(lambda: "the data set has mistakes" in devserver.page(), "the page's note")
    status, _ = devserver.served()
    assert status == 200 and devserver.process.poll() is None

    save(OBSERVATIONS)()
    devserver.wait_for(lambda: ">126</a>" in devserver.page(), "the rebuild after the fix", save=save(OBSERVATIONS))
