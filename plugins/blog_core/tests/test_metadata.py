from datetime import datetime

from pelican.plugins.blog_core import metadata
from pelican.plugins.blog_core.settings import SCHEMA

KNOWN = metadata.PELICAN_KEYS | {"image"}


def test_misspelt_key_gets_the_closest_known_key():
    assert metadata.unknown_keys({"tgas": "x", "title": "t"}, KNOWN) == [
        ("tgas", "unknown metadata 'tgas'", "did you mean 'tags'?", None)
    ]


def test_unrecognisable_key_lists_what_is_known():
    [problem] = metadata.unknown_keys({"zzzzqq": "x"}, KNOWN)
    assert problem.suggestion.startswith("known keys: author, authors,")


def test_known_keys_pass():
    assert metadata.unknown_keys({"title": 1, "tags": 2, "image": 3}, KNOWN) == []


def test_missing_and_blank_required_keys_are_reported():
    problems = metadata.missing_keys({"title": "T", "summary": "  "}, ["title", "date", "summary"])
    assert [p.message for p in problems] == ["missing 'Date:' line", "missing 'Summary:' line"]


def test_unknown_author_suggests_the_site_author():
    authors = {"Elena Marsh": "", "David Okafor": ""}
    assert metadata.unknown_authors(["Elena Marsh"], authors) == []
    [problem] = metadata.unknown_authors(["David Okafur"], authors)
    assert problem.key == "authors" and problem.suggestion == "did you mean 'David Okafor'?"
    [far] = metadata.unknown_authors(["Zed"], authors)
    assert far.suggestion == "SITE_AUTHORS lists: Elena Marsh, David Okafor"


def test_update_must_follow_publication():
    published = datetime(2013, 11, 20, 9, 30)
    assert metadata.date_order(published, datetime(2013, 12, 2)) == []
    assert metadata.date_order(published, None) == []
    [problem] = metadata.date_order(published, datetime(2013, 11, 1))
    assert "'Modified: 2013-11-01 00:00' is earlier than 'Date: 2013-11-20 09:30'" in problem.message


def test_header_lines_find_each_key_before_the_blank_line():
    text = "Title: A\nTgas: x\nAuthors: Z\n\nBody: not a key\n"
    assert metadata.header_lines(text) == {"title": 1, "tgas": 2, "authors": 3}


def test_settings_are_checked_against_the_schema():
    config, problems = SCHEMA.load({"BLOG_REQUIRED_METADATA": "title", "BLOG_EXTRA_METADATA": ["x"]})
    assert config.required_metadata == ("title", "date", "category", "summary")
    assert [(p.key, p.suggestion) for p in problems] == [
        ("BLOG_REQUIRED_METADATA", "expected a list of metadata names (the build uses the default, "
                                   "('title', 'date', 'category', 'summary'))"),
        ("BLOG_EXTRA_METADATA", "did you mean BLOG_REQUIRED_METADATA?"),
    ]
