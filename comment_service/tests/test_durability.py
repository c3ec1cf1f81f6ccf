"""Nothing acknowledged is lost: comments under load, the service killed with SIGKILL midway,
restarted, and every submission that got a 202 or a 303 found in the queue exactly once."""

import signal
import sqlite3
import threading
import time

import pytest

pytestmark = pytest.mark.slow

WRITERS = 4


class Writer(threading.Thread):
    """Posts numbered comments until told to stop; keeps each acknowledged one."""

    def __init__(self, kit, number, target):
        super().__init__(daemon=True)
        self.kit, self.number, self.target = kit, number, target
        self.acknowledged, self.failed, self.stop = {}, 0, threading.Event()

    def run(self):
        sent = 0
        while not self.stop.is_set():
            sent += 1
            text = f"Load test comment {self.number}-{sent}, sent once."
            as_html = sent % 2 == 0  # half as a browser's form post, half as JSON
            try:
                reply = self.kit.post_form(f"{self.target['url']}/comments",
                                           self.kit.good(name=f"Writer {self.number}", comment=text),
                                           json_reply=not as_html)
            except OSError:
                self.failed += 1
                time.sleep(0.01)
                continue
            if reply.status in (202, 303):
                self.acknowledged[text] = reply.status
            else:
                self.failed += 1


def wait_until(condition, timeout=60):
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert condition()


def test_a_killed_service_loses_no_acknowledged_comment(kit, serve, settings):
    settings.update(COMMENTS_RATE_LIMIT=1_000_000, COMMENTS_FLOOD_SECONDS=0)
    server = serve(settings)
    target = {"url": server.url}
    writers = [Writer(kit, n, target) for n in range(WRITERS)]
    for writer in writers:
        writer.start()

    def acknowledged():
        return sum(len(w.acknowledged) for w in writers)

    wait_until(lambda: acknowledged() >= 40)
    server.kill(signal.SIGKILL)
    assert server.process.returncode == -signal.SIGKILL
    before_restart = acknowledged()
    # Requests fail while the service is down...
    wait_until(lambda: sum(w.failed for w in writers) >= WRITERS)
    restarted = serve(settings)
    target["url"] = restarted.url
    # ...and are taken again once it is back.
    wait_until(lambda: acknowledged() >= before_restart + 40)
    for writer in writers:
        writer.stop.set()
    for writer in writers:
        writer.join()

    with sqlite3.connect(settings["COMMENTS_DB"]) as db:
        stored = [row[0] for row in db.execute("SELECT body FROM submissions")]
    counts = {text: stored.count(text) for text in set(stored)}
    sent = {text for w in writers for text in w.acknowledged}
    assert len(sent) >= 80
    assert [t for t in sent if counts.get(t) != 1] == []
    assert all(n == 1 for n in counts.values())
    assert {w.acknowledged[t] for w in writers for t in w.acknowledged} == {202, 303}
