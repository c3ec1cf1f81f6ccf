"""What Pagefind reads of a built page: only marked pages, with table cells kept apart.

Pure functions on HTML text. The published page is never changed; only the
copy handed to the indexer is.
"""

import re

# The theme marks what is searchable; a page without this mark (listings,
# the search page, the 404 page) is left out of the index.
MARK = re.compile(r"<[a-z][^>]*\sdata-pagefind-body[\s=/>]", re.IGNORECASE)

# Pagefind reads these elements as inline text, so "<th>Period</th><th>Honduras</th>"
# would be indexed as the one word "PeriodHonduras" and a search for a country
# named only in a chart's table would miss it. A space after each closing tag
# keeps the words apart; between table cells, list items and the like a space
# is inter-element whitespace and changes nothing a browser shows.
RUNS_TOGETHER = ("th", "td", "caption", "dt", "dd", "figcaption", "summary", "li")
_CLOSING = re.compile(r"(</(?:%s)\s*>)" % "|".join(RUNS_TOGETHER), re.IGNORECASE)


def is_searchable(html):
    """Whether the page carries the theme's data-pagefind-body mark."""
    return MARK.search(html) is not None


def for_indexing(html):
    """The page as Pagefind should read it: each cell, caption and list item a separate word."""
    return _CLOSING.sub(r"\1 ", html)
