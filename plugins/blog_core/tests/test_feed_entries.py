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
