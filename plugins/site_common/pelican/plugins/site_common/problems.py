"""An author's or commenter's mistake as a value, and the list of them one build collects."""

import difflib
from dataclasses import dataclass

# Beyond this many, a build's mistakes are counted but not each printed: a
# renamed data column can make hundreds, and the first screenful says what to do.
PRINT_LIMIT = 100


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


def closest(word, choices, *, cutoff=0.6):
    """The choice nearest to `word` (ignoring case), or None when none is near."""
    by_fold = {str(choice).casefold(): choice for choice in choices}
    matches = difflib.get_close_matches(str(word).casefold(), list(by_fold), n=1, cutoff=cutoff)
    return by_fold[matches[0]] if matches else None


def did_you_mean(word, choices, *, cutoff=0.6):
    """`did you mean 'x'?` for the closest of `choices`, or None when none is close."""
    match = closest(word, choices, cutoff=cutoff)
    return None if match is None else f"did you mean {match!r}?"


class Problems:
    """Every mistake one build found, each once; listed by file and line, whatever order
    Pelican read the files in, so that two builds print the same report."""

    def __init__(self):
        self._found = {}

    def add(self, problem):
        self._found.setdefault(problem, None)

    def extend(self, problems):
        for problem in problems:
            self.add(problem)

    def __iter__(self):
        return iter(sorted(self._found, key=lambda p: (p.path, p.line or 0, p.message)))

    def __len__(self):
        return len(self._found)

    def files(self):
        return {problem.path for problem in self._found}

    def lines(self, limit=PRINT_LIMIT):
        """What to print: one line a mistake, up to `limit`, then how many more."""
        shown = [str(problem) for problem in list(self)[:limit]]
        if len(self._found) > limit:
            shown.append(f"... and {len(self._found) - limit} more mistakes like these")
        return shown


def mistakes_phrase(count):
    return "1 mistake" if count == 1 else f"{count} mistakes"


def summary_line(count, files, *, stopped):
    """`3 mistakes in 2 files; nothing was published` (or how a relaxed build went on)."""
    mistakes = mistakes_phrase(count)
    where = "" if not files else " in 1 file" if files == 1 else f" in {files} files"
    outcome = ("nothing was published" if stopped
               else "built anyway, with each mistake shown in place of what it broke")
    return f"{mistakes}{where}; {outcome}"
