"""The feeds as a feed reader gets them: they parse, carry full posts, and every URL is absolute."""

import re

import feedparser
import pytest

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
            assert url.startswith(("http://", "https://", "mailto:", "#")), (entry.title, url)


def test_feed_images_are_absolute(sample_site, site_url):
    feed = feedparser.parse(sample_site.read("feeds/all.atom.xml"))
    entry = next(e for e in feed.entries if "Mexican asylum seekers almost never" in e.title)
    assert f'src="{site_url}/images/two-roads-to-asylum.svg"' in entry.content[0].value


def test_feed_pages_are_advertised(sample_site, site_url):
    home = sample_site.read("index.html")
    assert f'href="{site_url}/feeds/all.atom.xml"' in home
    category = sample_site.read("category/asylum-offices/index.html")
    assert f'href="{site_url}/feeds/category/asylum-offices.rss.xml"' in category
