"""An author's or commenter's mistake as a value: where it is, what is wrong, what would be right."""

import difflib
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake, printed as `path:line: message; suggestion`.

    `path` is relative to the repository (`content/posts/a.md`); `line` is
    1-based, or None when the mistake is about the whole file.
    """

    path: str
    line: int | None
    message: str
    suggestion: str | None = None

    def __str__(self):
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        text = f"{where}: {self.message}"
        return f"{text}; {self.suggestion}" if self.suggestion else text


def did_you_mean(word, choices, *, cutoff=0.6):
    """`did you mean 'x'?` for the closest of `choices`, or None when none is close."""
    choices = list(choices)
    by_fold = {str(choice).casefold(): choice for choice in choices}
    matches = difflib.get_close_matches(str(word).casefold(), list(by_fold), n=1, cutoff=cutoff)
    return f"did you mean {by_fold[matches[0]]!r}?" if matches else None
