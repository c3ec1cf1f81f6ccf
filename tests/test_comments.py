"""The sample site's comment threads, as readers and feed readers get them."""


import feedparser
import pytest
from bs4 import BeautifulSoup

from tests.sitebuild import ROOT

pytestmark = pytest.mark.slow

COMMENTS = ROOT / "content" / "comments"
MEXICO = "2013/11/mexican-asylum-grant-rate-fy2012/index.html"


def post_page(sample_site, slug):
    # A post that moved also has a redirect page at its old address (content/old-links.txt).
    pages = [BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
             for p in sample_site.output.glob(f"*/*/{slug}/index.html")]
    (page,) = [p for p in pages if not p.select_one('meta[http-equiv="refresh"]')]
    return page


def test_every_comment_file_is_on_its_post_exactly_once(sample_site):
    files = sorted(COMMENTS.glob("*/*.md"))
    assert files
    for slug in {f.parent.name for f in files}:
        page = post_page(sample_site, slug)
        ids = [a["id"] for a in page.select("article.comment")]
        expected = sorted(f"comment-{f.stem}" for f in files if f.parent.name == slug)
        assert sorted(ids) == expected, slug


def test_the_mexico_thread_has_nested_replies_and_author_badges(sample_site):
    page = BeautifulSoup(sample_site.read(MEXICO), "html.parser")
    assert int(page.select_one("#comments-title").get_text().split()[0]) >= 5
    deepest = page.select_one("ol.comment-list--replies ol.comment-list--replies article")
    assert deepest is not None
    assert page.select(".comment--site-author .comment__badge")


def test_the_closed_post_shows_its_thread_without_a_form(sample_site):
    page = post_page(sample_site, "trac-record-year")
    assert page.select("article.comment")
    assert page.select_one(".comments__closed")
    assert page.select_one("#comment-form-title") is None


def test_no_comment_file_holds_an_email_address():
    """Comment files are published with the site, so no header may carry an address."""
    headers = [
        line
        for f in COMMENTS.glob("*/*.md")
        for line in f.read_text(encoding="utf-8").split("\n\n", 1)[0].splitlines()
    ]
    assert headers
    assert not [line for line in headers if "@" in line or line.lower().startswith("email")]


def test_comment_feeds_are_linked_and_absolute(sample_site, site_url):
    page = BeautifulSoup(sample_site.read(MEXICO), "html.parser")
    hrefs = [link["href"] for link in page.select('head link[rel=alternate][href*="comments"]')]
    assert f"{site_url}/feeds/comments.atom.xml" in hrefs
    assert f"{site_url}/feeds/comments/mexican-asylum-grant-rate-fy2012.atom.xml" in hrefs
    home = BeautifulSoup(sample_site.read("index.html"), "html.parser")
    assert home.select_one(f'head link[href="{site_url}/feeds/comments.atom.xml"]')
    feed = feedparser.parse(sample_site.read("feeds/comments/mexican-asylum-grant-rate-fy2012.atom.xml"))
    assert not feed.bozo and len(feed.entries) >= 5
    assert all(entry.link.startswith(f"{site_url}/2013/11/") for entry in feed.entries)


def test_comments_read_in_the_order_of_the_blog_we_replace(sample_site):
    """Top-level comments newest first; replies under their parent, oldest first."""
    page = BeautifulSoup(sample_site.read(MEXICO), "html.parser")

    def dates(items):
        return [li.article.time["datetime"] for li in items]

    top = page.select("#comments > ol.comment-list > li")
    assert len(top) > 2 and dates(top) == sorted(dates(top), reverse=True)
    for replies in page.select("ol.comment-list--replies"):
        items = replies.find_all("li", recursive=False)
        assert dates(items) == sorted(dates(items))


def test_comment_text_has_curly_quotes_like_the_posts(sample_site):
    page = BeautifulSoup(sample_site.read(MEXICO), "html.parser")
    bodies = page.select(".comment__body")
    for code in page.select(".comment__body code, .comment__body pre"):
        code.decompose()
    text = " ".join(body.get_text() for body in bodies)
    assert "“" in text and "’" in text
    assert '"' not in text and "'" not in text


def test_comment_feeds_say_whom_a_reply_answers(sample_site):
    feed = feedparser.parse(sample_site.read("feeds/comments/mexican-asylum-grant-rate-fy2012.atom.xml"))
    page = BeautifulSoup(sample_site.read(MEXICO), "html.parser")
    replies = {a["id"]: a for a in page.select("ol.comment-list--replies article.comment")}
    assert replies
    for entry in feed.entries:
        comment_id = "comment-" + entry.link.split("#comment-")[1]
        if comment_id in replies:
            parent = replies[comment_id].select_one(".comment__context a")
            assert f" in reply to \u2068{parent.get_text()}\u2069, on " in entry.title
            assert entry.content[0].value.startswith("<p>In reply to <a href=")
        else:
            assert " in reply to " not in entry.title
