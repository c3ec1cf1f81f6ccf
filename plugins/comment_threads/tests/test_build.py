"""Tiny sites built with Pelican: what readers and feed readers get."""

import copy
from urllib.parse import parse_qs, urlsplit

import feedparser
from bs4 import BeautifulSoup
from pelican import signals

from pelican.plugins.comment_threads.plugin import thread_again

ARTICLE = "2014/04/first-post/index.html"


def comment(site, relpath, author, date, body, **extra):
    lines = [f"Author: {author}", f"Date: {date}"]
    lines += [f"{key.capitalize()}: {value}" for key, value in extra.items()]
    site.comment(relpath, "\n".join(lines) + "\n\n" + body + "\n")


def soup(site, relpath=ARTICLE):
    return BeautifulSoup(site.read(relpath), "html.parser")


def thread_site(site):
    comment(site, "first-post/maria.md", "Maria L.", "2014-04-10 03:53",
            "Is 8.3% *really* the rate?", website="https://maria.example", email="maria@private.test")
    comment(site, "first-post/elena-1.md", "Elena Marsh", "2014-04-10 09:00",
            "Yes: 126 of 1,521 decided.", replyto="maria", role="author")
    comment(site, "first-post/maria-2.md", "Maria L.", "2014-04-11 08:00",
            "Thanks.", replyto="elena-1")
    comment(site, "first-post/sam.md", "Sam", "2014-04-12 10:00", "Second thread.")
    return site


def test_thread_nests_replies_orders_newest_first_and_counts(site):
    thread_site(site).build()
    page = soup(site)
    assert page.select_one("#comments-title").get_text() == "4 comments"
    top = page.select("#comments > ol.comment-list > li > article")
    assert [a["id"] for a in top] == ["comment-sam", "comment-maria"]
    reply = page.select_one("#comment-maria ~ ol > li > article")
    assert reply["id"] == "comment-elena-1"
    assert "comment--site-author" in reply["class"]
    assert reply.select_one(".comment__badge").get_text() == "Author"
    assert page.select_one("#comment-elena-1 ~ ol > li > article")["id"] == "comment-maria-2"
    time = page.select_one("#comment-maria time")
    assert time["datetime"] == "2014-04-10T03:53:00+00:00"
    assert time.parent["href"] == "https://blog.test/2014/04/first-post/#comment-maria"
    website = page.select_one("#comment-maria .comment__author a")
    assert website["href"] == "https://maria.example"
    assert website["rel"] == ["nofollow", "ugc", "noopener"]


def test_email_never_reaches_the_output(site):
    thread_site(site).build()
    for path in site.output.rglob("*"):
        if path.is_file():
            assert b"maria@private.test" not in path.read_bytes(), path


def test_listing_shows_the_count_linking_to_the_thread(site):
    thread_site(site)
    site.post("Quiet post", "2014-05-01", slug="quiet")
    site.post("Secret post", "2014-05-02", slug="secret", extra="Comments: hidden")
    site.build()
    entries = {p["data-slug"]: p for p in soup(site, "index.html").select(".entry")}
    link = entries["first-post"].select_one("a.comment-count")
    assert link["href"] == "https://blog.test/2014/04/first-post/#comments"
    assert link.get_text() == "4 comments on “First post”"
    assert entries["quiet"].select_one("a.comment-count").get_text().startswith("No comments yet")
    assert entries["secret"].select_one("a.comment-count") is None


def test_open_thread_offers_a_mailto_with_a_ready_comment_file(site):
    site.build()
    page = soup(site)
    assert page.select_one("#comments-title").get_text() == "No comments yet"
    assert page.select_one("#comment-form-title").get_text() == "Leave a comment"
    mailto = page.select_one("a.comment-mail__button")["href"]
    assert mailto.startswith("mailto:comments@blog.test?subject=")
    assert "content%2Fcomments%2Ffirst-post%2F" in mailto
    assert page.select_one(".comments__policy a")["href"] == "https://blog.test/comment-policy/"
    assert page.select_one("form") is None


def test_form_posts_to_the_endpoint_with_a_hidden_honeypot(site):
    site.build(COMMENTS_ENDPOINT="https://comments.blog.test/new")
    form = soup(site).select_one("form.comment-form")
    assert form["action"] == "https://comments.blog.test/new" and form["method"] == "post"
    fields = {f["name"]: f for f in form.select("input, textarea")}
    assert set(fields) == {"article", "name", "email", "website", "comment", "homepage",
                           "replyto", "notify"}
    assert fields["article"]["value"] == "first-post"
    assert fields["replyto"]["value"] == "" and fields["replyto"]["type"] == "hidden"
    assert fields["comment"]["maxlength"] == "65535"
    for field in ("name", "email", "website", "comment", "notify"):
        assert form.select_one(f"label[for={fields[field]['id']}]")
    trap = fields["homepage"].parent
    assert trap.has_attr("hidden") and fields["homepage"]["tabindex"] == "-1"
    assert "never published" in form.select_one("label[for=comment-email]").get_text()


def test_reply_links_name_their_comment_and_the_form_offers_each_as_a_target(site):
    thread_site(site).build(COMMENTS_ENDPOINT="https://comments.blog.test/comments")
    page = soup(site)
    links = page.select("a.comment__reply")
    assert [a["data-replyto"] for a in links] == ["sam", "maria", "elena-1", "maria-2"]
    assert all(a["href"] == "#comment-form" for a in links)
    assert links[1].get_text() == "Reply to Maria L."
    assert page.select_one("#comment-form")["action"] == "https://comments.blog.test/comments"
    options = page.select("#comment-form select[name=replyto] option")
    # Names are isolated with U+2068 and U+2069, which an <option> can hold.
    assert [(o["value"], o.get_text().replace("\u2068", "").replace("\u2069", ""))
            for o in options] == [
        ("", "No one: a new comment"),
        ("sam", "Sam (April 12, 2014)"),
        ("maria", "Maria L. (April 10, 2014)"),
        ("elena-1", "Elena Marsh (April 10, 2014)"),
        ("maria-2", "Maria L. (April 11, 2014)"),
    ]
    assert page.select_one("label[for=comment-replyto]")
    assert page.select_one("script[src$='js/comments.js']")
    assert page.select_one("a.comment-mail__button") is None


def test_without_an_endpoint_reply_links_are_mails_answering_their_comment(site):
    thread_site(site).build()
    page = soup(site)
    reply = page.select_one("a.comment__reply[data-replyto=maria]")["href"]
    body = parse_qs(urlsplit(reply).query)["body"][0]
    assert body.startswith("Author: your name\nReplyto: maria\n\n")
    assert "Date:" not in body
    raw = site.read(ARTICLE)
    assert "comments@blog.test" not in raw and "mailto:" not in raw


def test_the_manifest_lists_published_posts_their_state_and_comment_ids(site):
    import json

    site.post("Quiet", "2014-04-02 10:00", slug="quiet", extra="Comments: closed")
    site.post("Secret", "2014-04-03 10:00", slug="secret", extra="Comments: hidden")
    site.post("Draft", "2014-04-04 10:00", slug="draft", extra="Status: draft")
    comment(site, "secret/x.md", "Reader", "2014-04-10 03:53", "Hidden words")
    thread_site(site).build()
    manifest = json.loads(site.read("comments-manifest.json"))
    assert manifest["version"] == 1 and manifest["siteurl"] == "https://blog.test"
    assert manifest["posts"] == {
        "first-post": {"title": "First post", "url": "https://blog.test/2014/04/first-post/",
                       "comments": "open",
                       "comment_ids": ["elena-1", "maria", "maria-2", "sam"]},
        "quiet": {"title": "Quiet", "url": "https://blog.test/2014/04/quiet/",
                  "comments": "closed", "comment_ids": []},
        "secret": {"title": "Secret", "url": "https://blog.test/2014/04/secret/",
                   "comments": "hidden", "comment_ids": []},
    }


def test_closed_post_shows_its_thread_but_no_form(site):
    site.post("First post", "2014-04-01 10:00", slug="first-post", extra="Comments: closed")
    comment(site, "first-post/a.md", "Reader", "2014-04-10 03:53", "Hello")
    site.build()
    page = soup(site)
    assert page.select_one("#comment-a")
    assert page.select_one(".comments__closed").get_text() == "Comments are closed."
    assert page.select_one("#comment-form-title") is None


def test_posts_close_automatically_relative_to_the_newest_post(site):
    site.post("Newer post", "2014-06-15", slug="newer")
    site.build(COMMENTS_CLOSE_AFTER_DAYS=30)
    assert soup(site).select_one("#comment-form-title") is None
    assert soup(site, "2014/06/newer/index.html").select_one("#comment-form-title")


def test_hidden_post_shows_nothing(site):
    site.post("First post", "2014-04-01 10:00", slug="first-post", extra="Comments: hidden")
    comment(site, "first-post/a.md", "Reader", "2014-04-10 03:53", "Hello")
    site.build()
    assert soup(site).select_one("#comments") is None
    assert not (site.output / "feeds").exists()


def test_feeds_are_absolute_linked_and_newest_first(site):
    thread_site(site)
    site.post("Other", "2014-04-05", slug="other")
    comment(site, "other/x.md", "<b>Bold</b> name", "2014-04-20 12:00", "Elsewhere")
    site.build()
    head = soup(site).head
    links = {link["href"] for link in head.select('link[rel=alternate][type="application/atom+xml"]')}
    # The site-wide comment feed is linked from the theme's base.html (checked
    # on the sample site); the article's own partial links its thread's feed.
    assert links == {"https://blog.test/feeds/comments/first-post.atom.xml"}
    post_feed = feedparser.parse(site.read("feeds/comments/first-post.atom.xml"))
    assert [e.link for e in post_feed.entries] == [
        "https://blog.test/2014/04/first-post/#comment-sam",
        "https://blog.test/2014/04/first-post/#comment-maria-2",
        "https://blog.test/2014/04/first-post/#comment-elena-1",
        "https://blog.test/2014/04/first-post/#comment-maria",
    ]
    # Names come isolated (FSI … PDI), so a right-to-left name reorders nothing.
    titles = [e.title.replace("\u2068", "").replace("\u2069", "") for e in post_feed.entries]
    assert titles[0] == "Sam on First post"
    assert titles[1] == "Maria L. in reply to Elena Marsh, on First post"
    assert titles[2] == "Elena Marsh in reply to Maria L., on First post"
    reply = post_feed.entries[2].content[0].value
    assert reply.startswith('<p>In reply to <a href="https://blog.test/2014/04/first-post/#comment-maria">'
                            'Maria L.</a>:</p>')
    assert "In reply to" not in post_feed.entries[0].content[0].value
    everything = feedparser.parse(site.read("feeds/comments.atom.xml"))
    assert len(everything.entries) == 5
    # The name is isolated (FSI ... PDI): a right-to-left name cannot reorder the title.
    assert everything.entries[0].title == "\u2068<b>Bold</b> name\u2069 on Other"
    assert everything.feed.updated == "2014-04-20T12:00:00+00:00"


def test_a_reply_to_an_escaped_name_says_so_in_the_feed_without_markup(site):
    site.post("First post", "2014-04-01 10:00", slug="first-post")
    comment(site, "first-post/a.md", "<b>Bob</b> & co", "2014-04-10 03:53", "Hello")
    comment(site, "first-post/b.md", "Ann", "2014-04-11 03:53", "Hi Bob", replyto="a")
    site.build()
    entries = feedparser.parse(site.read("feeds/comments/first-post.atom.xml"), sanitize_html=False).entries
    assert entries[0].title == "\u2068Ann\u2069 in reply to \u2068<b>Bob</b> & co\u2069, on First post"
    assert ('In reply to <a href="https://blog.test/2014/04/first-post/#comment-a">'
            "<bdi>&lt;b&gt;Bob&lt;/b&gt; &amp; co</bdi></a>:") in entries[0].content[0].value


def test_same_sources_build_the_same_bytes(site, tmp_path):
    thread_site(site)
    first = site.build(OUTPUT_PATH=str(tmp_path / "one"))
    second = site.build(OUTPUT_PATH=str(tmp_path / "two"))
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files
    for path in files:
        assert (first / path).read_bytes() == (second / path).read_bytes(), path


def test_a_preview_gets_one_posts_thread_again_from_the_comments_as_they_are_now(site):
    """thread_again: what a long-lived preview asks for a post whose page it writes before its build."""
    comment(site, "first-post/maria.md", "Maria L.", "2014-04-10 03:53", "Is 8.3% the rate?")
    comment(site, "first-post/elena-1.md", "Elena Marsh", "2014-04-10 09:00", "Yes.", replyto="maria", role="author")
    comment(site, "first-post/sam.md", "Sam", "2014-04-12 10:00", "Second thread.")
    site.post("Quiet post", "2014-05-01", slug="quiet")
    generators = []
    signals.article_generator_finalized.connect(generators.append, weak=False)
    try:
        site.build()
    finally:
        signals.article_generator_finalized.disconnect(generators.append)
    generator = generators[0]
    post = next(a for a in generator.articles if a.slug == "first-post")
    assert post.comment_thread.count == 3
    comment(site, "first-post/ana.md", "Ana", "2014-04-13 10:00", "A fourth word.")
    again = copy.copy(post)
    assert thread_again(again, generator) == []
    assert (again.comment_thread.count, post.comment_thread.count) == (4, 3)
    assert [c.id for c in again.comment_thread.comments][:1] == ["ana"]
    # A problem in another post's comments is not this post's; one in its own is.
    comment(site, "quiet/broken.md", "Bo", "2014-04-13 10:00", "Hi.", replyto="nobody")
    assert thread_again(copy.copy(post), generator) == []
    comment(site, "first-post/lost.md", "Cy", "2014-04-13 11:00", "Hi.", replyto="nobody")
    assert [problem.path for problem in thread_again(copy.copy(post), generator)] == [
        "content/comments/first-post/lost.md"]
