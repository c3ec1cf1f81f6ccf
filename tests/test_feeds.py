"""The feeds as a feed reader gets them: they parse, carry full posts, and every URL is absolute."""

import re
from urllib.parse import urljoin

import feedparser
import lxml.html
import pytest

from tests.checkers import page_urls

pytestmark = pytest.mark.slow

URL_ATTRIBUTE = re.compile(r"""\s(?:href|src)=["']([^"']+)["']""")


def feeds(build):
    return [p for p in build.files(".xml") if "/feeds/" in str(p)]


def test_site_and_category_feeds_exist_in_both_formats(sample_site):
    names = {p.relative_to(sample_site.output).as_posix() for p in feeds(sample_site)}
    assert {"feeds/all.atom.xml", "feeds/all.rss.xml"} <= names
    for category in ("immigration-court", "data-and-sources", "asylum-offices", "country-conditions"):
        assert f"feeds/category/{category}.atom.xml" in names
        assert f"feeds/category/{category}.rss.xml" in names


@pytest.mark.parametrize("name", ["feeds/all.atom.xml", "feeds/all.rss.xml"])
def test_feed_parses_with_full_content_and_absolute_urls(sample_site, site_url, name):
    feed = feedparser.parse(sample_site.read(name))
    assert not feed.bozo, feed.get("bozo_exception")
    assert len(feed.entries) == 9
    for entry in feed.entries:
        assert entry.link.startswith(site_url + "/")
        html = entry.content[0].value if "content" in entry else entry.description
        assert "<p>" in html and len(html) > 1500, entry.title
        for url in URL_ATTRIBUTE.findall(html):
            assert url.startswith(("http://", "https://", "mailto:")), (entry.title, url)


def test_feed_images_are_absolute(sample_site, site_url):
    feed = feedparser.parse(sample_site.read("feeds/all.atom.xml"))
    entry = next(e for e in feed.entries if "Mexican asylum seekers rarely" in e.title)
    # Feed readers and mail show no SVG: the diagram's PNG twin stands in.
    assert f'src="{site_url}/images/two-roads-to-asylum.png"' in entry.content[0].value


def test_feed_pages_are_advertised(sample_site, site_url):
    home = sample_site.read("index.html")
    assert f'href="{site_url}/feeds/all.atom.xml"' in home
    category = sample_site.read("category/asylum-offices/index.html")
    assert f'href="{site_url}/feeds/category/asylum-offices.rss.xml"' in category


def every_feed(build):
    """Every feed in the output, comment feeds included, parsed as a feed reader would."""
    for path in build.files(".xml"):
        if path.name != "sitemap.xml":
            yield path, feedparser.parse(path.read_bytes(), sanitize_html=False)


def not_absolute(feed, site_url):
    """Every address in a parsed feed (its links, its entries' links and content) that is not absolute."""
    links = [feed.feed.get("link", "")] + [link.href for link in feed.feed.get("links", [])]
    for entry in feed.entries:
        links += [entry.get("link", "")] + [link.href for link in entry.get("links", [])]
        for content in entry.get("content", []) + [entry.get("summary_detail", {})]:
            links += [url for _, url in page_urls(lxml.html.fragment_fromstring(
                content.get("value") or "<p></p>", create_parent="div"))]
    # A feed reader has no page for "#fn:1" to jump within: even footnotes are absolute.
    return [url for url in links if not url.startswith((site_url + "/", "https://", "http://", "mailto:"))]


def test_every_feed_parses_and_links_absolutely(sample_site, site_url):
    checked = 0
    for path, feed in every_feed(sample_site):
        assert not feed.bozo, (path.name, feed.get("bozo_exception"))
        assert not_absolute(feed, site_url) == [], path.name
        checked += 1
    assert checked >= 10


def test_the_feed_check_finds_a_broken_feed(site_url):
    # The negative control: relative links, a bare fragment, and XML that does not parse.
    relative = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>{site_url}/</id>
<link href="{site_url}/"/><updated>2013-01-01T00:00:00Z</updated>
<entry><title>e</title><id>{site_url}/e/</id><link href="posts/e/"/>
<updated>2013-01-01T00:00:00Z</updated>
<content type="html">&lt;p&gt;&lt;a href="#fn:1"&gt;1&lt;/a&gt; &lt;img src="../chart.png"&gt;&lt;/p&gt;</content></entry></feed>"""
    feed = feedparser.parse(relative, sanitize_html=False)
    assert not feed.bozo
    assert sorted(set(not_absolute(feed, site_url))) == ["#fn:1", "../chart.png", "posts/e/"]
    assert feedparser.parse(relative.replace("</entry>", "")).bozo


def charts_on(build, url, site_url):
    """(absolute image URL as a feed should show it, caption) of every figure with an image on the page at `url`.

    Charts' <img> is their PNG already; an SVG with a PNG twin is shown as the PNG in feeds.
    """
    page = build.output / url[len(site_url) + 1:].split("#")[0] / "index.html"
    document = lxml.html.parse(str(page)).getroot()

    def in_feeds(src):
        # Pages may link relatively in a local build; the feed carries absolute addresses.
        src = urljoin(url, src)
        twin = src[: -len(".svg")] + ".png"
        exists = src.endswith(".svg") and (build.output / twin[len(site_url) + 1:]).is_file()
        return twin if exists else src

    return [(in_feeds(img.get("src")), " ".join(figure.xpath("string(.//figcaption)").split()))
            for figure in document.iter("figure") for img in figure.iter("img")]


def test_feed_items_carry_their_charts_and_captions(sample_site, site_url):
    feed = feedparser.parse(sample_site.read("feeds/all.atom.xml"), sanitize_html=False)
    found = 0
    for entry in feed.entries:
        content = lxml.html.fragment_fromstring(entry.content[0].value, create_parent="div")
        in_feed = {(img.get("src"), " ".join(figure.xpath("string(.//figcaption)").split()))
                   for figure in content.iter("figure") for img in figure.iter("img")}
        for chart in charts_on(sample_site, entry.link, site_url):
            assert chart in in_feed, (entry.title, chart)
            found += 1
    assert found, "no post in the feed has a chart to check"
