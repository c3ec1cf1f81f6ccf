"""The builds the preview announces to open pages."""

import json
import threading

from pelican.plugins.live_preview import events


def test_a_page_learns_every_file_changed_by_the_builds_it_waited_for():
    builds = events.Builds()
    builds.publish({"index.html"})
    builds.publish({"a/index.html"})
    assert builds.wait(0, timeout=0) == (2, frozenset({"index.html", "a/index.html"}))
    assert builds.wait(1, timeout=0) == (2, frozenset({"a/index.html"}))


def test_a_page_that_missed_too_many_builds_is_told_everything_changed():
    builds = events.Builds()
    for _ in range(events.HISTORY + 1):
        builds.publish({"x"})
    assert builds.wait(0, timeout=0)[1] == events.EVERYTHING


def test_the_stream_sends_the_current_build_then_each_new_one():
    builds = events.Builds()
    builds.publish(set())
    sent = []
    done = threading.Event()

    def write(data):
        sent.append(data)
        if len(sent) == 2:
            done.set()

    thread = threading.Thread(target=events.stream, args=(builds, write, done.is_set), daemon=True)
    thread.start()
    while not sent:
        pass
    builds.publish({"2013/11/a/index.html"})
    thread.join(timeout=5)
    messages = [json.loads(data.decode().removeprefix("data: ")) for data in sent]
    assert [m["build"] for m in messages] == [1, 2]
    assert messages[1]["changed"] == ["2013/11/a/index.html"]
    assert {m["server"] for m in messages} == {builds.server}
