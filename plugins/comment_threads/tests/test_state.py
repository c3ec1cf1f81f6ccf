"""Open, closed or hidden: metadata, the site default and automatic closing."""

import datetime

import pytest

from pelican.plugins.comment_threads.state import comment_state, reference_date


def at(year, month, day):
    return datetime.datetime(year, month, day, tzinfo=datetime.UTC)


POSTED = at(2014, 1, 1)


def state(declared=None, default="open", posted=POSTED, days=None, today=None):
    return comment_state(
        declared, default=default, article_date=posted, close_after_days=days, today=today
    )


@pytest.mark.parametrize("declared", ["open", "closed", "hidden", " Closed "])
def test_metadata_wins(declared):
    assert state(declared, default="hidden", days=1, today=datetime.date(2020, 1, 1)) == (
        declared.strip().lower(),
        None,
    )


def test_a_bad_metadata_value_is_reported_and_the_default_used():
    assert state("maybe", default="open") == (
        "open",
        ("'Comments: maybe' is not a comment state",
                       "write one of open, closed, hidden (the build uses 'open')"),
    )


def test_default_applies_without_metadata():
    assert state(default="closed") == ("closed", None)


def test_closing_after_n_days_counts_from_the_reference_day():
    assert state(days=30, today=datetime.date(2014, 1, 31)) == ("open", None)
    assert state(days=30, today=datetime.date(2014, 2, 1)) == ("closed", None)


def test_automatic_closing_never_reopens_or_unhides():
    assert state(default="hidden", days=1, today=datetime.date(2020, 1, 1))[0] == "hidden"


def test_reference_date_is_the_setting_or_the_newest_post():
    assert reference_date("2015-06-01", [at(2014, 1, 1)]) == datetime.date(2015, 6, 1)
    assert reference_date(None, [at(2014, 1, 1), at(2014, 9, 3)]) == datetime.date(2014, 9, 3)
    assert reference_date(None, []) is None
