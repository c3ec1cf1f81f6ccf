"""COMMENTS_* settings: defaults, and a sentence for every bad value."""

from pelican.plugins.comment_threads.settings import (
    SCHEMA,
    apply_defaults,
    author_names,
    way_to_comment_problem,
)


def load(settings):
    config, problems = SCHEMA.load(settings)
    return config, [(p.key, p.message, p.suggestion) for p in problems]


def test_defaults_fill_in_and_author_names_come_from_site_authors():
    settings = {"SITE_AUTHORS": {"Elena Marsh": "", "David Okafor": ""}, "COMMENTS_EMAIL": "a@b.c"}
    config, problems = load(settings)
    assert problems == []
    assert author_names(config, settings) == ["Elena Marsh", "David Okafor"]
    assert config.order == "newest-first"


def test_author_names_fall_back_on_author():
    settings = {"AUTHOR": "Elena Marsh", "COMMENTS_ENDPOINT": "https://x.test/c"}
    config, problems = load(settings)
    assert problems == []
    assert author_names(config, settings) == ["Elena Marsh"]


def test_bad_values_are_named_with_what_would_be_right_and_replaced():
    settings = {
        "COMMENTS_EMAIL": "a@b.c",
        "COMMENTS_ORDER": "random",
        "COMMENTS_CLOSE_AFTER_DAYS": "30",
        "COMMENTS_REFERENCE_DATE": "yesterday",
        "COMMENTS_ENDPOINT": "javascript:post()",
        "COMMENTS_FEED_ATOM": "feeds/comments.xml",
    }
    config, problems = load(settings)
    assert [(key, suggestion) for key, _message, suggestion in problems] == [
        ("COMMENTS_ORDER", "expected one of 'newest-first', 'oldest-first' "
                           "(the build uses the default, 'newest-first')"),
        ("COMMENTS_CLOSE_AFTER_DAYS", "expected a number of days above 0, or None "
                                      "(the build uses the default, None)"),
        ("COMMENTS_REFERENCE_DATE", "expected a date as YYYY-MM-DD, or None "
                                    "(the build uses the default, None)"),
        ("COMMENTS_ENDPOINT", "expected an http(s) URL, or None (the build uses the default, None)"),
        ("COMMENTS_FEED_ATOM", "expected a path containing {slug}, or None "
                               "(the build uses the default, 'feeds/comments/{slug}.atom.xml')"),
    ]
    assert problems[0][1] == "setting COMMENTS_ORDER is 'random'"
    assert config.order == "newest-first"
    assert config.close_after_days is None


def test_unknown_keys_under_the_prefix_get_the_nearest_one():
    _config, problems = load({"COMMENTS_EMAIL": "a@b.c", "COMMENTS_ORDRE": "oldest-first",
                              "COMMENTS_QQQQQQQQQQ": "red", "COMMENT_X": 1})
    assert problems == [
        ("COMMENTS_ORDRE", "unknown setting COMMENTS_ORDRE", "did you mean COMMENTS_ORDER?"),
        ("COMMENTS_QQQQQQQQQQ", "unknown setting COMMENTS_QQQQQQQQQQ",
         "COMMENTS_* settings are: " + ", ".join(sorted(SCHEMA.options))),
    ]


def test_the_config_is_frozen():
    config, _ = load({"COMMENTS_EMAIL": "a@b.c"})
    try:
        config.order = "oldest-first"
    except AttributeError:
        return
    raise AssertionError("the config could be changed")


def test_a_way_to_comment_is_required():
    config, _ = load({})
    assert way_to_comment_problem(config) == (
        "COMMENTS_EMAIL", "neither COMMENTS_ENDPOINT nor COMMENTS_EMAIL is set",
        "set one so that readers have a way to leave a comment")


def test_the_comment_services_keys_are_not_unknown_and_a_renamed_key_says_so():
    _config, problems = load({"COMMENTS_EMAIL": "a@b.c", "COMMENTS_SMTP_HOST": "mail.example",
                              "COMMENTS_FORM_ACTION": "https://x.test/c"})
    assert problems == [("COMMENTS_FORM_ACTION", "setting COMMENTS_FORM_ACTION has been renamed "
                         "COMMENTS_ENDPOINT", "rename it to COMMENTS_ENDPOINT")]


def test_programs_outside_the_build_get_the_same_values_and_sentences():
    settings = {"COMMENTS_EMAIL": "a@b.c", "COMMENTS_ORDER": "random", "SITE_AUTHORS": {"Elena Marsh": ""}}
    assert apply_defaults(settings) == [
        "Setting COMMENTS_ORDER is 'random'; expected one of 'newest-first', 'oldest-first' "
        "(the build uses the default, 'newest-first')."]
    assert settings["COMMENTS_ORDER"] == "newest-first"
    assert settings["COMMENTS_MAX_LENGTH"] == 65535
    assert settings["COMMENTS_AUTHOR_NAMES"] == ["Elena Marsh"]
