"""The one error type the charts plugin raises, and the 'did you mean' helper."""

import difflib


class ChartError(ValueError):
    """An author's or a data set's mistake, worded for the person who must fix it.

    The message is a sentence without the file name; the caller knows where the
    mistake was found and adds that.
    """


def suggest(word, choices):
    """Return "; did you mean 'X'?" for the closest choice, or "" if none is close."""
    # Case-insensitive matching catches 'mexico' as well as 'Mexcio'.
    lowered = {choice.lower(): choice for choice in choices}
    close = difflib.get_close_matches(str(word).lower(), list(lowered), n=1, cutoff=0.6)
    return f"; did you mean '{lowered[close[0]]}'?" if close else ""


def unknown(kind, word, choices):
    """The message for a name that is not among the known ones."""
    return f"no {kind} '{word}'{suggest(word, choices)}"
