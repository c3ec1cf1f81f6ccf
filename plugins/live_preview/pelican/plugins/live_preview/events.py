"""The builds the preview has finished, told to the pages open in browsers as Server-Sent Events.

Each open page holds one request to EVENTS_PATH. It gets the current build
at once, then one message per build: the build's number, the server's own
id (a new process, after a plugin's code changed, has a new one) and the
output files the build changed, and whether the build is complete (a build
first announces its pages, then its search index). The page's script (the theme's
`partials/preview_reload.html`) reloads when its own file or a file it
uses changed, or when the server is a new one.
"""

import json
import threading
import uuid

EVENTS_PATH = "/__preview__/events"
KEEP_ALIVE_SECONDS = 15
HISTORY = 100
EVERYTHING = frozenset({"*"})  # the script reloads for any name it does not know as a page's


class Builds:
    """The number of the last build and what it changed; pages wait on it from their own threads."""

    def __init__(self):
        self.server = uuid.uuid4().hex
        self.number = 0
        self._history = {}  # build number: the files it changed, for the last HISTORY builds
        self.complete = True  # whether the latest build has finished everything it does
        self._condition = threading.Condition()

    def publish(self, changed, complete=True):
        with self._condition:
            self.number += 1
            self.complete = complete
            self._history[self.number] = frozenset(changed)
            self._history.pop(self.number - HISTORY, None)
            self._condition.notify_all()

    def wait(self, after, timeout):
        """(latest number, files changed by every build after `after`), once there is one or `timeout` passes.

        A page that missed builds (its thread was busy writing) learns
        everything they changed; one that missed more than HISTORY is told
        that everything did.
        """
        with self._condition:
            self._condition.wait_for(lambda: self.number > after, timeout)
            if self.number - after >= HISTORY:
                return self.number, EVERYTHING
            return self.number, frozenset().union(*(self._history[n] for n in range(after + 1, self.number + 1)))

    def message(self, number, changed):
        data = json.dumps({"server": self.server, "build": number, "changed": sorted(changed),
                           "complete": self.complete})
        return f"data: {data}\n\n".encode()


def stream(builds, write, stopped=lambda: False):
    """Write the current build, then each new one, until the page goes away (`write` raises) or `stopped()`."""
    number = builds.number
    write(builds.message(number, ()))
    while not stopped():
        latest, changed = builds.wait(number, KEEP_ALIVE_SECONDS)
        if latest == number:
            write(b": still here\n\n")  # a comment line keeps proxies from closing the stream
            continue
        number = latest
        write(builds.message(number, changed))
