"""The plugin's SEARCH_* settings, declared once: kind, default and what a right value is."""

import dataclasses

from pelican.plugins.site_common.options import Choice, Integer, Invalid, Option, Schema


@dataclasses.dataclass(frozen=True)
class RelativePath(Option):
    """A path inside the site, relative to SITEURL or the output folder, ending in `ending`."""

    ending: str = ""

    def convert(self, value, settings):
        if not (isinstance(value, str) and value and not value.startswith("/")
                and "://" not in value and ".." not in value.split("/") and value.endswith(self.ending)):
            raise Invalid
        return value


SCHEMA = Schema("SearchConfig", "SEARCH_", {
    # Whether reader comments are searchable. Off: a search finds what the
    # site's authors wrote, not what strangers claimed under it (README).
    "SEARCH_COMMENTS": Choice(default=False, choices=(False, True)),
    # The search page, like Pelican's other direct templates (ARCHIVES_URL ...).
    "SEARCH_URL": RelativePath(default="search/", ending="/",
                               expected="a folder URL relative to SITEURL, ending in '/', such as 'search/'"),
    "SEARCH_SAVE_AS": RelativePath(default="search/index.html", ending=".html",
                                   expected="an .html path relative to the output folder, "
                                            "such as 'search/index.html'"),
    # Results the search page shows at once; "Show more" adds as many again.
    "SEARCH_RESULTS_PER_PAGE": Integer(default=10, low=1, high=100, expected="a whole number from 1 to 100"),
})
