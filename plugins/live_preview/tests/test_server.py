"""The preview's work between builds: the plugins read ahead while it waits for a save."""

import pytest
from blinker import Signal
from pelican.plugins.live_preview.server import read_ahead

from pelican.plugins.site_common import pipeline


@pytest.fixture
def idle(monkeypatch):
    """The signal on its own: plugins registered by other tests of the process do not answer."""
    signal = Signal()
    monkeypatch.setattr(pipeline, "idle", signal)
    return signal


def test_the_plugins_read_ahead_while_any_has_work_left(idle):
    left = [2]

    def some_work(sender):
        left[0] -= 1
        return left[0] > 0

    def none_left(sender):
        return False

    idle.connect(some_work)
    idle.connect(none_left)
    assert read_ahead() is True
    assert read_ahead() is False and left == [0]


def test_work_ahead_that_fails_is_left_to_the_build(idle):
    def broken(sender):
        raise OSError("the disk went away")

    idle.connect(broken)
    assert read_ahead() is False
