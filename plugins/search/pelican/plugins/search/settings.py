"""The plugin's SEARCH_* settings: defaults in one place, checked once per build."""

from pelican.plugins.site_common.settings import apply_defaults as apply_setting_defaults

DEFAULTS = {
    # Whether reader comments are searchable. Off: a search finds what the
    # site's authors wrote, not what strangers claimed under it (README).
    "SEARCH_COMMENTS": False,
    # The search page, like Pelican's other direct templates (ARCHIVES_URL ...).
    "SEARCH_URL": "search/",
    "SEARCH_SAVE_AS": "search/index.html",
    # Results the search page shows at once; "Show more" adds as many again.
    "SEARCH_RESULTS_PER_PAGE": 10,
}


def _is_relative_path(value):
    return isinstance(value, str) and value != "" and not value.startswith("/") and "://" not in value


# Each setting's check and, for the message, what a right value is.
CHECKS = {
    "SEARCH_COMMENTS": (lambda v: isinstance(v, bool), "True or False"),
    "SEARCH_URL": (
        lambda v: _is_relative_path(v) and v.endswith("/"),
        "a folder URL relative to SITEURL, ending in '/', such as 'search/'",
    ),
    "SEARCH_SAVE_AS": (
        lambda v: _is_relative_path(v) and v.endswith(".html"),
        "an .html path relative to the output folder, such as 'search/index.html'",
    ),
    "SEARCH_RESULTS_PER_PAGE": (
        lambda v: isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 100,
        "a whole number from 1 to 100",
    ),
}


def apply_defaults(settings):
    """Fill in missing SEARCH_* settings; return one sentence per bad value (replaced by its default)."""
    return apply_setting_defaults(settings, DEFAULTS, CHECKS)


def unknown_keys(settings):
    """SEARCH_* names that are none of ours: most likely a misspelt setting."""
    return sorted(key for key in settings if key.startswith("SEARCH_") and key not in DEFAULTS)
