"""What a long-lived process (the live preview) keeps from one build to the next, one entry a name.

A build that reads each file once gains nothing from it; a preview that
builds the same site again and again makes each value once while what it is
made from stays equal.
"""


class Lasting:
    """{name: (what the value was made from, value)}, the last value of each name only."""

    def __init__(self):
        self._kept = {}

    def get(self, name, made_from, make):
        """The value kept for `name` if it was made from an equal `made_from`, else `make()`'s, kept."""
        kept = self._kept.get(name)
        if kept is None or kept[0] != made_from:
            kept = self._kept[name] = (made_from, make())
        return kept[1]

    def __contains__(self, name):
        return name in self._kept

    def names(self):
        """The names a value is kept for, in the order they were first kept."""
        return list(self._kept)
