"""Fuzzing the intake's checks with generated form posts (the fuzzing tier; `make fuzz` runs more).

Invariant: whatever a form post holds, either the service refuses it, or
the comment file approval would write reads back as exactly what was sent,
with no mistake the build would stop on: no field can add, drop or change
a header line, and no text the build would refuse reaches the queue.
"""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from comment_service import validate
from pelican.plugins.comment_threads.commentfile import CommentFile, format, parse
from tests.fuzzing import budget

TRICKY = st.sampled_from(list("\u200b\u202e\u2028\u2029\ufeff\u00a0\uff1a\x00\x07\x0b\x1b\x7f\x85"
                              "\r\n\t<>&\"':@#\\/."))
PIECES = st.sampled_from(["Replyto: tom", "\nDate: 1999-01-01 00:00", "\r\nRole: author",
                          "Elena Marsh", "a@b.example", "https://x.example/", "javascript:",
                          "\u0301" * 8, "\n\n", "Author: x"])
TEXT = st.lists(st.one_of(st.text(st.one_of(st.characters(codec="utf-8"), TRICKY), max_size=20),
                          PIECES), max_size=6).map("".join)
AUTHORS = ["Elena Marsh", "David Okafor"]


@budget(300)
@given(name=TEXT, comment=TEXT, website=st.one_of(st.just(""), TEXT),
       email=st.one_of(st.just(""), TEXT), replyto=st.one_of(st.just(""), TEXT))
def test_a_post_is_refused_or_written_exactly_as_sent(name, comment, website, email, replyto):
    written({"article": "open-post", "name": name, "comment": comment, "website": website,
             "email": email, "replyto": replyto})


def test_the_property_checks_what_it_accepts():
    # Without this, a check that refused everything would make the property vacuous.
    assert written({"article": "open-post", "name": "María \u202eO.", "replyto": "tom",
                    "comment": "Line one\r\n\r\n  <b>two</b>  ", "website": "https://m.example/"})


def written(values):
    """The comment file's text if the intake accepts `values` (checked against them), or None."""
    draft, errors = validate.check(values, validate.Limits())
    if errors:
        return None
    if validate.build_refusals(draft, timezone="UTC", max_length=65535, author_names=AUTHORS):
        return None
    date = datetime.datetime(2020, 1, 2, 3, 4)
    text = format(CommentFile(draft.author, date, draft.body, draft.replyto, draft.website))
    read, mistakes = parse(text, timezone="UTC")
    assert mistakes == []
    assert (read.author, read.replyto, read.website, read.role) == \
        (draft.author, draft.replyto, draft.website, None)
    assert read.date.replace(tzinfo=None) == date
    assert read.body == "\n".join(line.rstrip() for line in draft.body.split("\n")).strip("\n")
    header = text.split("\n\n", 1)[0].split("\n")
    assert [line.split(":", 1)[0] for line in header] == \
        ["Author", "Date"] + (["Replyto"] if draft.replyto else []) + \
        (["Website"] if draft.website else [])
    return text
