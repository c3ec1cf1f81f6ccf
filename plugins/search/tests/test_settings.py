"""SEARCH_* settings: defaults filled in, a bad value named with what would be right."""

from pelican.plugins.search.settings import SCHEMA


def test_missing_settings_get_their_defaults():
    config, problems = SCHEMA.load({})
    assert problems == []
    assert (config.comments, config.url, config.save_as, config.results_per_page) == (
        False, "search/", "search/index.html", 10)


def test_a_bad_value_is_reported_and_replaced_by_the_default():
    settings = {"SEARCH_COMMENTS": "yes", "SEARCH_URL": "/search", "SEARCH_RESULTS_PER_PAGE": 0,
                "SEARCH_SAVE_AS": "search/"}
    config, problems = SCHEMA.load(settings)
    assert [(p.key, p.suggestion.split(" (")[0]) for p in problems] == [
        ("SEARCH_COMMENTS", "expected one of False, True"),
        ("SEARCH_URL", "expected a folder URL relative to SITEURL, ending in '/', such as 'search/'"),
        ("SEARCH_SAVE_AS", "expected an .html path relative to the output folder, such as 'search/index.html'"),
        ("SEARCH_RESULTS_PER_PAGE", "expected a whole number from 1 to 100"),
    ]
    assert (config.comments, config.url, config.save_as, config.results_per_page) == (
        False, "search/", "search/index.html", 10)


def test_good_values_are_kept():
    settings = {"SEARCH_COMMENTS": True, "SEARCH_URL": "find/", "SEARCH_SAVE_AS": "find/index.html",
                "SEARCH_RESULTS_PER_PAGE": 25}
    config, problems = SCHEMA.load(settings)
    assert problems == []
    assert (config.comments, config.url, config.save_as, config.results_per_page) == (
        True, "find/", "find/index.html", 25)


def test_a_path_leaving_the_site_is_refused():
    for value in ("../search/", "https://elsewhere.example/search/", ""):
        _, problems = SCHEMA.load({"SEARCH_URL": value})
        assert [p.key for p in problems] == ["SEARCH_URL"], value


def test_a_misspelt_setting_is_named_with_the_right_one():
    _, problems = SCHEMA.load({"SEARCH_COMENTS": True, "SEARCH_URL": "search/", "SITEURL": ""})
    assert [(p.key, p.suggestion) for p in problems] == [("SEARCH_COMENTS", "did you mean SEARCH_COMMENTS?")]
