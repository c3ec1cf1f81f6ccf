"""Whole builds of generated comment threads, relaxed as `make devserver` builds them.

Invariants: the build finishes and every problem is one sentence naming
its file; every comment whose file name is an id is shown exactly once;
every feed is well-formed XML; no email address reaches output/.
"""

import logging
import re
import tempfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from tests.fuzzing import budget

from .conftest import Site
from .dangers import markup_dangers
from .test_fuzz import BAD_LINES, GOOD_LINES, MARKDOWNISH, SECRET, TEXT

# Hypothesis runs each property up to 150 times: too costly to repeat for every mutant.
pytestmark = pytest.mark.heavy

ARTICLE = "2014/04/first-post/index.html"
NAMES = st.one_of(st.from_regex(r"[a-z0-9][a-z0-9_-]{0,8}", fullmatch=True),
                  st.sampled_from(['x" onmouseover="alert(1)', "a b", "<b>", "ünï", "-lead"]))
FILES = st.dictionaries(
    NAMES,
    st.tuples(st.lists(st.one_of(GOOD_LINES, BAD_LINES, TEXT.filter(lambda s: "\n" not in s)), max_size=5),
              MARKDOWNISH),
    min_size=1, max_size=6,
)
COMMENT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,79}")


class Problems(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@budget(8)
@given(FILES)
def test_a_relaxed_build_of_any_thread_shows_each_comment_once_and_leaks_nothing(files):
    handler = Problems()
    logging.getLogger().addHandler(handler)
    try:
        with tempfile.TemporaryDirectory() as root:
            site = Site(Path(root))
            for name, (header, body) in files.items():
                lines = ["Date: 2014-04-10 03:53", *header]
                site.comment(f"first-post/{name}.md", "\n".join(lines) + "\n\n" + body + "\n")
            site.build()
            page = BeautifulSoup(site.read(ARTICLE), "html.parser")
            shown = [a["id"] for a in page.select("article.comment")]
            expected = sorted(f"comment-{name}" for name in files if COMMENT_ID.fullmatch(name))
            assert sorted(shown) == expected
            # Nothing that could run, in the thread or in any feed entry.
            for part in page.select(".comment__body"):
                assert markup_dangers(part.decode_contents()) == [], part
            for part in page.select(".comment__author"):
                # The theme wraps names in <bdi> and the badge in a <span class>.
                found = markup_dangers(part.decode_contents(), extra_tags={"bdi", "span"})
                assert [f for f in found if f != "<span class>"] == [], part
            for feed in Path(root, "output", "feeds").rglob("*.xml"):
                tree = etree.fromstring(feed.read_bytes())
                for content in tree.iter("{http://www.w3.org/2005/Atom}content"):
                    assert markup_dangers(content.text or "") == []
            for path in Path(root, "output").rglob("*"):
                if path.is_file():
                    assert SECRET not in path.read_text(encoding="utf-8", errors="replace")
    finally:
        logging.getLogger().removeHandler(handler)
    for record in handler.records:
        message = record.getMessage()
        assert record.exc_info is None and "Traceback" not in message
        # Each problem is one sentence that starts with the file it is about.
        for line in message.splitlines()[1:] or [message.removeprefix("Comments: ")]:
            assert line.strip().removeprefix("- ").startswith("content/comments/first-post/"), line
