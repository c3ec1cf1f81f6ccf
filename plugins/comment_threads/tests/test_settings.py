"""COMMENTS_* settings: defaults, and a sentence for every bad value."""

from pelican.plugins.comment_threads.settings import DEFAULTS, apply_defaults


def test_defaults_fill_in_and_author_names_come_from_site_authors():
    settings = {"SITE_AUTHORS": {"Elena Marsh": "", "David Okafor": ""}, "COMMENTS_EMAIL": "a@b.c"}
    assert apply_defaults(settings) == []
    assert settings["COMMENTS_AUTHOR_NAMES"] == ["Elena Marsh", "David Okafor"]
    assert settings["COMMENTS_ORDER"] == DEFAULTS["COMMENTS_ORDER"]


def test_author_names_fall_back_on_author():
    settings = {"AUTHOR": "Elena Marsh", "COMMENTS_ENDPOINT": "https://x.test/c"}
    assert apply_defaults(settings) == []
    assert settings["COMMENTS_AUTHOR_NAMES"] == ["Elena Marsh"]


def test_bad_values_are_named_with_what_would_be_right_and_replaced():
    settings = {
        "COMMENTS_EMAIL": "a@b.c",
        "COMMENTS_ORDER": "random",
        "COMMENTS_CLOSE_AFTER_DAYS": "30",
        "COMMENTS_REFERENCE_DATE": "yesterday",
        "COMMENTS_ENDPOINT": "javascript:post()",
        "COMMENTS_FEED_ATOM": "feeds/comments.xml",
    }
    problems = apply_defaults(settings)
    assert problems == [
        "Setting COMMENTS_ORDER is 'random'; it should be one of 'newest-first', "
        "'oldest-first' (using 'newest-first' instead).",
        "Setting COMMENTS_CLOSE_AFTER_DAYS is '30'; it should be a number of days "
        "above 0, or None (using None instead).",
        "Setting COMMENTS_REFERENCE_DATE is 'yesterday'; it should be a date as "
        "YYYY-MM-DD, or None (using None instead).",
        "Setting COMMENTS_ENDPOINT is 'javascript:post()'; it should be an http(s) "
        "URL, or None (using None instead).",
        "Setting COMMENTS_FEED_ATOM is 'feeds/comments.xml'; it should be a path "
        "containing {slug}, or None (using 'feeds/comments/{slug}.atom.xml' instead).",
    ]
    assert settings["COMMENTS_ORDER"] == "newest-first"


def test_a_way_to_comment_is_required():
    problems = apply_defaults({})
    assert problems == [
        "Neither COMMENTS_ENDPOINT nor COMMENTS_EMAIL is set; set one so that "
        "readers have a way to leave a comment."
    ]
