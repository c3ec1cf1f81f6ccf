"""SEARCH_* settings: defaults filled in, a bad value named with what would be right."""

from pelican.plugins.search.settings import DEFAULTS, apply_defaults, unknown_keys


def test_missing_settings_get_their_defaults():
    settings = {}
    assert apply_defaults(settings) == []
    assert settings == DEFAULTS
    assert settings["SEARCH_COMMENTS"] is False


def test_a_bad_value_is_reported_and_replaced_by_the_default():
    settings = {"SEARCH_COMMENTS": "yes", "SEARCH_URL": "/search", "SEARCH_RESULTS_PER_PAGE": 0,
                "SEARCH_SAVE_AS": "search/"}
    problems = apply_defaults(settings)
    assert problems == [
        "Setting SEARCH_COMMENTS is 'yes'; it should be True or False (using False instead).",
        "Setting SEARCH_URL is '/search'; it should be a folder URL relative to SITEURL, "
        "ending in '/', such as 'search/' (using 'search/' instead).",
        "Setting SEARCH_SAVE_AS is 'search/'; it should be an .html path relative to the "
        "output folder, such as 'search/index.html' (using 'search/index.html' instead).",
        "Setting SEARCH_RESULTS_PER_PAGE is 0; it should be a whole number from 1 to 100 "
        "(using 10 instead).",
    ]
    assert settings == DEFAULTS


def test_good_values_are_kept():
    settings = {"SEARCH_COMMENTS": True, "SEARCH_URL": "find/", "SEARCH_SAVE_AS": "find/index.html",
                "SEARCH_RESULTS_PER_PAGE": 25}
    assert apply_defaults(settings) == []
    assert settings["SEARCH_COMMENTS"] is True and settings["SEARCH_RESULTS_PER_PAGE"] == 25


def test_a_misspelt_setting_is_named():
    assert unknown_keys({"SEARCH_COMENTS": True, "SEARCH_URL": "search/", "SITEURL": ""}) == [
        "SEARCH_COMENTS"]
