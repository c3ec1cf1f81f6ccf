"""The one error type the charts plugin raises, and its wording of 'did you mean'."""

from pelican.plugins.site_common.problems import did_you_mean


class ChartError(ValueError):
    """An author's or a data set's mistake, worded for the person who must fix it.

    The message is a sentence without the file name; the caller knows where the
    mistake was found and adds that. `key` names the chart-block key at fault
    and `block_line` the line inside the block (1-based), where known, so the
    report can point at the offending line rather than the opening fence.
    """

    def __init__(self, message, key=None, block_line=None):
        super().__init__(message)
        self.key, self.block_line = key, block_line


def suggest(word, choices):
    """Return "; did you mean 'X'?" for the closest choice, or "" if none is close."""
    hint = did_you_mean(word, choices)
    return f"; {hint}" if hint else ""


def unknown(kind, word, choices):
    """The message for a name that is not among the known ones."""
    return f"no {kind} '{word}'{suggest(word, choices)}"
