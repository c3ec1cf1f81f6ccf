"""Every internal link, image, stylesheet and #anchor in the built site leads somewhere."""

import lxml.html
import pytest

from tests.checkers import Site, page_urls
from tests.sitebuild import write_tree

SITE_URL = "http://127.0.0.1:8000"


@pytest.mark.slow
def test_no_broken_links_or_anchors(sample_site, site_url):
    site = Site(sample_site.output, site_url)
    assert site.broken_links() == []


@pytest.mark.slow
def test_the_crawl_covers_footnotes_stylesheets_charts_and_comment_anchors(sample_site, site_url):
    # The crawl must actually see the kinds of link it claims to check.
    seen = set()
    for page in sample_site.files(".html"):
        seen |= {url for _, url in page_urls(lxml.html.parse(str(page)).getroot())}
    assert any(url.startswith("#fn:") for url in seen)
    assert any(url.endswith(".css") for url in seen)
    assert any(url.endswith(".svg") for url in seen)
    assert any(url.endswith(".csv") for url in seen)
    assert any("#comment-" in url for url in seen)


def test_the_crawl_reports_missing_pages_images_stylesheets_and_anchors(tmp_path):
    write_tree(tmp_path, {
        "index.html": (
            f'<a href="{SITE_URL}/post/">post</a> <a href="post/#comment-7">reply</a>'
            '<a href="/gone/">gone</a> <img src="/images/missing.svg" alt="">'
            '<link rel="stylesheet" href="/theme/css/none.css">'
            '<a href="#fn:1">1</a> <a href="https://example.org/">out</a>'
            '<a href="mailto:a@example.org">mail</a>'),
        "post/index.html": '<article id="comment-1">hi</article><p id="fn:1">note</p>',
    })
    problems = Site(tmp_path, SITE_URL).broken_links()
    assert problems == [
        "index.html: <a> 'post/#comment-7': no element with id 'comment-7' in post/index.html",
        "index.html: <a> '/gone/': no such file in the output",
        "index.html: <img> '/images/missing.svg': no such file in the output",
        "index.html: <link> '/theme/css/none.css': no such file in the output",
        "index.html: <a> '#fn:1': no element with id 'fn:1' in index.html",
    ]
