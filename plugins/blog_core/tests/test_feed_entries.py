"""Feed entries: fragment links made absolute, titles without non-breaking spaces."""

from pelican.plugins.blog_core.feed_entries import (
    absolute_fragments,
    fit_entry,
    png_twins,
)


def test_footnote_links_point_into_the_post():
    html = '<p>Text<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup> <a href="https://x.org/#a">x</a></p>'
    out = absolute_fragments(html, "https://site.example/2013/11/p/")
    assert 'href="https://site.example/2013/11/p/#fn:1"' in out
    assert 'href="https://x.org/#a"' in out and 'id="fnref:1"' in out


def test_entry_titles_lose_non_breaking_spaces():
    item = {"title": "Why Mexicans almost never\u00a0win", "link": "https://s.example/p/",
            "content": '<a href="#fn:2">2</a>', "description": None}
    fit_entry(item)
    assert item["title"] == "Why Mexicans almost never win"
    assert item["content"] == '<a href="https://s.example/p/#fn:2">2</a>'


def test_an_svg_image_with_a_png_twin_is_shown_as_the_png():
    html = '<img alt="A" src="https://s.example/images/a.svg"> <img alt="B" src="https://s.example/images/b.svg">'
    out = png_twins(html, {"https://s.example/images/a.png"})
    assert 'src="https://s.example/images/a.png"' in out
    assert 'src="https://s.example/images/b.svg"' in out  # no twin: left as it is


def test_a_feed_entry_of_a_post_whose_link_has_a_fragment_points_into_the_post():
    out = absolute_fragments('<a href="#fn:1">1</a>', "https://s.example/p/#comments#x")
    assert out == '<a href="https://s.example/p/#fn:1">1</a>'


def test_titles_lose_no_break_entities_and_summaries_are_mended_too():
    item = {"title": "Why Mexicans almost never&nbsp;win", "link": "https://s.example/p/",
            "content": "", "description": '<a href="#fn:1">1</a> <img src="https://s.example/images/a.svg">'}
    fit_entry(item, {"https://s.example/images/a.png"})
    assert item["title"] == "Why Mexicans almost never win"
    assert item["description"] == (
        '<a href="https://s.example/p/#fn:1">1</a> <img src="https://s.example/images/a.png">')


class Static:
    def __init__(self, url):
        self.url = url


class Feed:
    def __init__(self, *items):
        self.items = list(items)


def test_a_whole_feed_shows_png_twins_from_the_sites_static_files():
    from pelican.plugins.blog_core.feed_entries import fit_feed

    feed = Feed({"title": "A\u00a0b", "link": "https://s.example/p/",
                 "content": ('<img src="https://s.example/LAWX/images/a.svg">'
                             '<img src="https://s.example/images/b.svg">'),
                 "description": None})
    context = {"SITEURL": "https://s.example/LAWX/",
               "static_content": {"a": Static("images/a.png"), "b": Static("images/b.svg")}}
    fit_feed(context, feed)
    assert feed.items == [{"title": "A b", "link": "https://s.example/p/", "description": None,
                           "content": ('<img src="https://s.example/LAWX/images/a.png">'
                                       '<img src="https://s.example/images/b.svg">')}]


def test_a_site_without_an_address_or_static_files_still_mends_its_feed():
    from pelican.plugins.blog_core.feed_entries import fit_feed

    feed = Feed({"title": "A", "link": "/p/", "content": '<img src="/images/a.svg">', "description": None})
    fit_feed({"static_content": {"a": Static("images/a.png")}}, feed)
    assert feed.items[0]["content"] == '<img src="/images/a.png">'
    other = Feed({"title": "A", "link": "/p/", "content": '<img src="/images/a.svg">', "description": None})
    fit_feed({}, other)
    assert other.items[0]["content"] == '<img src="/images/a.svg">'
