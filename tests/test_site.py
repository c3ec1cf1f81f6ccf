"""What a reader gets from the built sample site: pages, links, order, metadata."""

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.slow

POSTS = Path(__file__).resolve().parent.parent / "content" / "posts"


def soup(build, relative):
    return BeautifulSoup(build.read(relative), "html.parser")


def hrefs(build, relative, selector, site_url):
    """Where the matching links of a page lead, as absolute addresses.

    Local builds link pages relatively (RELATIVE_URLS), so a link is read as
    a browser reads it: against the address of the page it is on.
    """
    page_url = f"{site_url}/{relative}"
    return [urljoin(page_url, a["href"]) for a in soup(build, relative).select(selector)]


def post_terms():
    """{category: posts} and {tag: posts} counted from the sample posts' metadata."""
    categories, tags = {}, {}
    for path in POSTS.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        category = re.search(r"^Category: (.+)$", text, re.M).group(1).strip()
        categories[category] = categories.get(category, 0) + 1
        for tag in re.search(r"^Tags: (.+)$", text, re.M).group(1).split(","):
            tags[tag.strip()] = tags.get(tag.strip(), 0) + 1
    return categories, tags


def post_sources():
    """(date, slug) of every sample post, read from its metadata, oldest first."""
    found = []
    for path in POSTS.glob("*.md"):
        text = path.read_text(encoding="utf-8")
        date = re.search(r"^Date: (\S+)", text, re.M).group(1)
        slug = re.search(r"^Slug: (\S+)", text, re.M).group(1)
        found.append((date, slug))
    return sorted(found)


def article_path(date, slug):
    year, month, _ = date.split("-")
    return f"{year}/{month}/{slug}/index.html"


def test_every_post_has_its_permanent_url(sample_site):
    for date, slug in post_sources():
        assert (sample_site.output / article_path(date, slug)).is_file(), slug


# Each page and what shows it is that page: its <title>, and the posts it must list.
PAGES = {
    "index.html": ("The Grant Rate", 5),
    "page/2/index.html": ("The Grant Rate: page 2", 4),
    "archives/index.html": ("Archives | The Grant Rate", 9),
    "categories/index.html": ("Topics | The Grant Rate", 0),
    "tags/index.html": ("Tags | The Grant Rate", 0),
    "authors/index.html": ("Authors | The Grant Rate", 0),
    "about/index.html": ("About | The Grant Rate", 0),
    "comment-policy/index.html": ("Comment policy | The Grant Rate", 0),
    "404.html": ("Page not found | The Grant Rate", 0),
    "author/elena-marsh/index.html": ("Elena Marsh | The Grant Rate", 1),
    "author/david-okafor/index.html": ("David Okafor | The Grant Rate", 1),
    "category/immigration-court/index.html": ("Immigration Court | The Grant Rate", 1),
    "tag/mexico/index.html": ("Tagged \u201cMexico\u201d | The Grant Rate", 1),
}


def posts_linked(html, site_url):
    """The distinct post addresses a page links to."""
    return set(re.findall(r'href="(?:%s/|\./|(?:\.\./)*)(\d{4}/\d{2}/[^/"#]+/)"' % re.escape(site_url), html))


@pytest.mark.parametrize("path", PAGES)
def test_each_page_is_the_page_its_address_promises(sample_site, site_url, path):
    title, at_least = PAGES[path]
    html = sample_site.read(path)
    assert re.search(r"<title>(.*?)</title>", html).group(1) == title
    assert re.search(r'<main id="main"[^>]*>\s*\S', html), "the page's main part is empty"
    assert len(posts_linked(html, site_url)) >= at_least


@pytest.mark.parametrize("feed", ["feeds/all.atom.xml", "feeds/all.rss.xml",
                                  "feeds/category/immigration-court.atom.xml",
                                  "feeds/category/immigration-court.rss.xml"])
def test_each_feed_lists_its_posts(sample_site, feed):
    parsed = feedparser.parse(sample_site.read(feed))
    assert not parsed.bozo
    if "/all." in feed:
        assert len(parsed.entries) == 9
    else:
        assert parsed.entries and all("Immigration Court" in [t.term for t in e.get("tags", [])]
                                      or e.get("category") == "Immigration Court" for e in parsed.entries)


def test_robots_and_sitemap_name_the_site(sample_site, site_url):
    assert f"Sitemap: {site_url}/sitemap.xml" in sample_site.read("robots.txt").splitlines()
    sitemap = sample_site.read("sitemap.xml")
    for date, slug in post_sources():
        assert f"<loc>{site_url}/{article_path(date, slug)[:-len('index.html')]}</loc>" in sitemap, slug


def test_home_pages_list_every_post_once_newest_first(sample_site, site_url):
    listed = []
    for page in ("index.html", "page/2/index.html"):
        listed += hrefs(sample_site, page, "article.summary h2 a", site_url)
    expected = [f"{site_url}/{article_path(d, s)[:-len('index.html')]}"
                for d, s in reversed(post_sources())]
    assert listed == expected


def test_pagination_links_go_both_ways(sample_site, site_url):
    assert hrefs(sample_site, "index.html", 'a[rel="next"]', site_url) == [f"{site_url}/page/2/"]
    assert hrefs(sample_site, "page/2/index.html", 'a[rel="prev"]', site_url) == [f"{site_url}/"]


def test_previous_and_next_follow_publication_order(sample_site, site_url):
    posts = post_sources()
    for i, (date, slug) in enumerate(posts):
        prev = hrefs(sample_site, article_path(date, slug), 'nav.neighbours a[rel="prev"]', site_url)
        nxt = hrefs(sample_site, article_path(date, slug), 'nav.neighbours a[rel="next"]', site_url)
        assert prev == ([] if i == 0 else [f"{site_url}/{article_path(*posts[i - 1])[:-10]}"])
        assert nxt == ([] if i == len(posts) - 1 else [f"{site_url}/{article_path(*posts[i + 1])[:-10]}"])


def test_article_page_shows_byline_dates_category_and_tags(sample_site, site_url):
    path = "2013/11/mexican-asylum-grant-rate-fy2012/index.html"
    page = soup(sample_site, path)
    article = page.select_one("main article.post")
    assert article.h1.get_text(strip=True).startswith("Why Mexican asylum seekers")
    times = article.select(".byline time")
    assert [t["datetime"][:10] for t in times] == ["2013-11-20", "2019-06-10"]
    assert hrefs(sample_site, path, 'main article.post .byline a[rel="author"]', site_url) \
        == [f"{site_url}/author/elena-marsh/"]
    assert article.select_one(".byline a[href$='/category/immigration-court/']")
    tags = {a.get_text() for a in article.select('a[rel="tag"]')}
    assert {"Mexico", "FY2012", "grant rates", "EOIR"} <= tags


def test_article_head_has_canonical_open_graph_and_json_ld(sample_site, site_url):
    url = f"{site_url}/2013/11/mexican-asylum-grant-rate-fy2012/"
    page = soup(sample_site, "2013/11/mexican-asylum-grant-rate-fy2012/index.html")
    assert page.select_one('link[rel="canonical"]')["href"] == url
    og = {m["property"]: m["content"] for m in page.select("meta[property]")}
    assert og["og:url"] == url and og["og:type"] == "article"
    assert og["og:title"].startswith("Why Mexican asylum seekers")
    assert og["article:published_time"].startswith("2013-11-20")
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "BlogPosting"
    assert data["url"] == url
    assert data["datePublished"].startswith("2013-11-20")
    assert data["dateModified"].startswith("2019-06-10")
    assert data["author"][0]["name"] == "Elena Marsh"


def test_every_page_is_semantic_and_skippable(sample_site):
    for path in sample_site.files(".html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        if page.select_one('meta[http-equiv="refresh"]'):
            continue  # a moved post's redirect page (content/old-links.txt), not a page to read
        skip = page.select_one("a.skip-link")
        assert skip and skip["href"] == "#main", path
        assert page.select_one("main#main"), path
        assert page.html.get("lang") == "en", path
        assert len(page.select("h1")) == 1, path


def test_listing_pages_link_to_their_posts(sample_site, site_url):
    listed = hrefs(sample_site, "category/data-and-sources/index.html", "article.summary h2 a", site_url)
    assert set(listed) == {f"{site_url}/2014/01/337-or-301/",
                           f"{site_url}/2011/02/reading-the-statistical-year-book/"}
    author = soup(sample_site, "author/david-okafor/index.html")
    assert all("David Okafor" in a.get_text() for a in author.select('.byline a[rel="author"]'))


def test_sitemap_lists_posts_and_pages_with_absolute_urls(sample_site, site_url):
    sitemap = sample_site.read("sitemap.xml")
    locs = re.findall(r"<loc>(.*?)</loc>", sitemap)
    assert all(loc.startswith(site_url + "/") for loc in locs)
    for date, slug in post_sources():
        assert f"{site_url}/{article_path(date, slug)[:-10]}" in locs
    assert f"{site_url}/about/" in locs
    assert f"{site_url}/404.html" not in locs
    robots = sample_site.read("robots.txt")
    assert f"Sitemap: {site_url}/sitemap.xml" in robots


def test_comment_and_data_sources_are_not_published_as_posts(sample_site):
    assert not (sample_site.output / "comments").exists()
    assert not list(sample_site.output.rglob("observations*.html"))


def test_summaries_quote_figures_from_the_data_set_as_plain_text_where_needed(sample_site, site_url):
    home = soup(sample_site, "index.html")
    mexico = next(s for s in home.select("article.summary")
                  if "Mexican asylum seekers" in s.h2.get_text())
    figures = [a.get_text() for a in mexico.select(".summary-text a.datum")]
    assert figures == ["126", "1,395", "8.3%"]
    assert all(a["href"] == f"{site_url}/2013/11/mexican-asylum-grant-rate-fy2012/#source-asylumist-2013-11-13"
               for a in mexico.select(".summary-text a.datum"))
    page = soup(sample_site, "2013/11/mexican-asylum-grant-rate-fy2012/index.html")
    description = page.select_one('meta[name="description"]')["content"]
    assert description.startswith("In FY 2012 immigration judges granted asylum in 126 Mexican cases")
    assert "8.3%" in description
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["description"] == description
    for text in (description, data["headline"]):
        assert "&" not in text and "<" not in text and "{{" not in text


def test_the_topics_page_counts_the_posts_of_every_category_and_tag(sample_site):
    page = soup(sample_site, "categories/index.html")
    categories, tags = post_terms()
    listed = {li.a.get_text(): li.select_one(".count").get_text()
              for li in page.select(".term-list--categories li")}
    assert listed == {name: f"{n} {'post' if n == 1 else 'posts'}" for name, n in categories.items()}
    counted = {a.contents[0].strip(): a.select_one(".count").get_text(" ", strip=True)
               for a in page.select(".tags--counted a[rel=tag]")}
    assert counted == {name: f"{n} {'post' if n == 1 else 'posts'}" for name, n in tags.items()}


def test_a_listed_post_is_linked_once_by_its_title(sample_site, site_url):
    for page in ("index.html", "page/2/index.html", "category/asylum-offices/index.html"):
        for summary in soup(sample_site, page).select("article.summary"):
            title = urljoin(f"{site_url}/{page}", summary.h2.a["href"])
            links = [urljoin(f"{site_url}/{page}", a["href"]) for a in summary.select("a")]
            assert links.count(title) == 1, (page, title)
            assert "Read the post" not in summary.get_text()
            count = summary.select_one(".summary-links a.comment-count")
            assert urljoin(f"{site_url}/{page}", count["href"]) == title + "#comments"
            assert not count.find_previous_sibling() and not count.parent.get_text().startswith(" ·")
