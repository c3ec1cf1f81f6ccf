from datetime import datetime

from pelican.plugins.blog_core import metadata

KNOWN = metadata.PELICAN_KEYS | {"image"}


def test_misspelt_key_gets_the_closest_known_key():
    assert metadata.unknown_keys({"tgas": "x", "title": "t"}, KNOWN) == [
        "unknown metadata 'tgas'; did you mean 'tags'?"
    ]


def test_unrecognisable_key_lists_what_is_known():
    [problem] = metadata.unknown_keys({"zzzzqq": "x"}, KNOWN)
    assert problem.startswith("unknown metadata 'zzzzqq' (known: author, authors,")


def test_known_keys_pass():
    assert metadata.unknown_keys({"title": 1, "tags": 2, "image": 3}, KNOWN) == []


def test_missing_and_blank_required_keys_are_reported():
    problems = metadata.missing_keys({"title": "T", "summary": "  "}, ["title", "date", "summary"])
    assert problems == [
        "missing 'Date:' line (every post needs one)",
        "missing 'Summary:' line (every post needs one)",
    ]


def test_unknown_author_suggests_the_site_author():
    authors = {"Elena Marsh": "", "David Okafor": ""}
    assert metadata.unknown_authors(["Elena Marsh"], authors) == []
    [problem] = metadata.unknown_authors(["David Okafur"], authors)
    assert "did you mean 'David Okafor'?" in problem
    assert "SITE_AUTHORS lists: Elena Marsh, David Okafor" in problem


def test_update_must_follow_publication():
    published = datetime(2013, 11, 20, 9, 30)
    assert metadata.date_order(published, datetime(2013, 12, 2)) == []
    assert metadata.date_order(published, None) == []
    [problem] = metadata.date_order(published, datetime(2013, 11, 1))
    assert "'Modified: 2013-11-01 00:00' is earlier than 'Date: 2013-11-20 09:30'" in problem


def test_settings_problems_name_the_setting_and_the_fix():
    from pelican.plugins.blog_core.plugin import settings_problems

    assert settings_problems({"BLOG_EXTRA_METADATA": ["image"], "SITE_AUTHORS": {}}) == []
    [wrong_list] = settings_problems({"BLOG_EXTRA_METADATA": "image"})
    assert wrong_list == "setting BLOG_EXTRA_METADATA must be a list of metadata names, not 'image'"
    [twice] = settings_problems({"BLOG_TYPOGRIFY": True, "TYPOGRIFY": True})
    assert "set TYPOGRIFY = False" in twice


def test_every_unknown_key_is_reported_whatever_comes_before_it():
    assert metadata.unknown_keys({"author": "a", "tgas": "x", "title": "t", "zzzzqq": 1}, KNOWN)[0] == (
        "unknown metadata 'tgas'; did you mean 'tags'?")
    assert len(metadata.unknown_keys({"author": "a", "tgas": "x", "title": "t", "zzzzqq": 1}, KNOWN)) == 2


def test_an_update_on_the_minute_of_publication_is_fine():
    published = datetime(2013, 11, 20, 9, 30)
    assert metadata.date_order(published, published) == []
