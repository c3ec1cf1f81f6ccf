"""Read the words of an inline figure, {{ Mexico FY2012 court_grant_rate }}, into a Query.

The words may come in any order: a period looks like FY2012 (or FY2009-FY2013),
a measure has underscores, a source starts with @, and the remaining words
name the nationality ("El Salvador", "All nationalities").
"""

from .dataset import PERIOD_PATTERN
from .errors import ChartError
from .selection import Query

EXAMPLE = "{{ Mexico FY2012 court_grant_rate }}"
# When several sources give the figure, an inline figure names one with @id.
SOURCE_HINT = "add @id naming the one to use, like {{ Mexico FY2012 court_grant_rate @asylumist-2013-11-13 }}"


def parse_figure_words(words):
    periods, measures, sources, rest = [], [], [], []
    for word in words.split():
        if word.startswith("@"):
            sources.append(word[1:])
        elif PERIOD_PATTERN.fullmatch(word):
            periods.append(word)
        elif "_" in word:
            measures.append(word)
        else:
            rest.append(word)
    for kind, found in (("period", periods), ("measure", measures), ("source", sources)):
        if len(found) > 1:
            raise ChartError(f"an inline figure names one {kind}; this one names {', '.join(found)}")
    if not (periods and measures and rest):
        missing = [kind for kind, found in (("a nationality", rest), ("a period", periods), ("a measure", measures)) if not found]
        raise ChartError(f"an inline figure needs {' and '.join(missing)}, like {EXAMPLE}")
    return Query(
        measures=tuple(measures),
        nationalities=(" ".join(rest),),
        periods=tuple(periods),
        sources=tuple(sources),
    )
