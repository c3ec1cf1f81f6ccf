"""The sitemap: every page listed once, dated by its content, never by the build."""

import datetime
import re

from bs4 import BeautifulSoup

from tests.test_site import POSTS


def entries(sample_site):
    soup = BeautifulSoup(sample_site.read("sitemap.xml"), "xml")
    return {url.loc.text: datetime.datetime.fromisoformat(url.lastmod.text) for url in soup.find_all("url")}


def post_dates():
    """{slug: newest of Date and Modified} read from the post files themselves."""
    dates = {}
    for path in POSTS.glob("*.md"):
        header = path.read_text(encoding="utf-8").split("\n\n", 1)[0]
        fields = dict(re.findall(r"^(\w+):\s*(.*)$", header, re.MULTILINE))
        newest = max(fields[key] for key in ("Date", "Modified") if key in fields)
        dates[fields["Slug"]] = datetime.datetime.fromisoformat(newest)
    return dates


def test_each_post_is_dated_by_its_own_latest_change(sample_site, site_url):
    listed = entries(sample_site)
    for slug, date in post_dates().items():
        (found,) = [when for url, when in listed.items() if url.endswith(f"/{slug}/")]
        assert found.replace(tzinfo=None) == date, slug


def test_listing_pages_carry_the_newest_posts_date(sample_site, site_url):
    listed = entries(sample_site)
    newest = max(post_dates().values())
    listings = [url for url in listed if re.search(r"/(tag|category|author)/|/archives/|/page/2/", url)]
    listings.append(f"{site_url}/")
    assert len(listings) > 10
    for url in listings:
        assert listed[url].replace(tzinfo=None) == newest, url
