"""The sample site as Chromium shows it: no errors, charts drawn, comments reachable, phones and dark mode."""

import pytest

from tests.browser import PHONE, Visit

pytestmark = pytest.mark.slow

# The pages a reader meets most: the home page, the article with charts and
# comments, a topic listing, and the page a mistyped address ends on.
PAGES = {
    "home": "/",
    "article": "/2013/11/mexican-asylum-grant-rate-fy2012/",
    "category": "/category/immigration-court/",
    "not-found": "/404.html",
}
ARTICLE = PAGES["article"]
SCHEMES = ["light", "dark"]

# WCAG 2.1 contrast ratio of an element's text against the first opaque
# background behind it, computed from the colours the browser resolved.
CONTRAST = """element => {
  const rgb = text => text.match(/[\\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => {
    const linear = c => (c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  };
  let behind = element;
  let background = rgb(getComputedStyle(behind).backgroundColor);
  while ((background[3] === 0) && behind.parentElement) {
    behind = behind.parentElement;
    background = rgb(getComputedStyle(behind).backgroundColor);
  }
  const [fg, bg] = [luminance(rgb(getComputedStyle(element).color)), luminance(background)];
  return {ratio: (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05), background: bg};
}"""


@pytest.fixture
def visit(browser, served_site):
    opened = []

    def open_page(path, **options):
        opened.append(Visit(browser, served_site + path, **options))
        return opened[-1]

    yield open_page
    for page in opened:
        page.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", PAGES)
def test_page_loads_without_errors_or_outside_requests(visit, artifacts, name, scheme):
    shown = visit(PAGES[name], color_scheme=scheme)
    shown.page.screenshot(path=artifacts / f"{name}-{scheme}.png", full_page=True)
    assert shown.response.ok or name == "not-found"
    assert shown.problems() == []


@pytest.mark.parametrize("name", PAGES)
def test_phone_width_has_no_horizontal_scroll(visit, artifacts, name):
    shown = visit(PAGES[name], viewport=PHONE)
    shown.page.screenshot(path=artifacts / f"{name}-phone.png", full_page=True)
    widths = shown.page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"page is {widths[0]} px wide in a {widths[1]} px viewport"
    # Something wider than the screen that scrolls inside its own box is
    # fine (a table); something that sticks out past the edge is not.
    overflowing = shown.page.evaluate("""width => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > width + 1 && e.getClientRects().length)
        .filter(e => !e.closest('[style*=overflow], .table-wrap, pre, details, table'))
        .map(e => e.tagName + (e.id ? '#' + e.id : '') + '.' + e.className)""", widths[1])
    assert overflowing == []


@pytest.mark.parametrize("name", PAGES)
def test_dark_mode_switches_colours_and_keeps_text_readable(visit, name):
    shown = visit(PAGES[name], color_scheme="dark")
    body = shown.page.evaluate(CONTRAST, shown.page.locator("body").element_handle())
    assert body["background"] < 0.05, "the page is not dark in dark mode"
    for selector in ["main p", "main a", "h1", ".site-footer p"]:
        for element in shown.page.locator(selector).all()[:20]:
            ratio = element.evaluate(CONTRAST)["ratio"]
            assert ratio >= 4.5, f"{selector} {element.inner_text()[:40]!r}: contrast {ratio:.2f}"


def charts(page):
    """Charts as the charts plugin draws them: an SVG image inside a <figure>."""
    return page.locator("figure:has(img[src$='.svg'])")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_charts_are_drawn_visible_and_described(visit, artifacts, request, viewport, scheme):
    shown = visit(ARTICLE, color_scheme=scheme, **({"viewport": viewport} if viewport else {}))
    figures = charts(shown.page).all()
    # A chart drawn from the data set (with its data table) and a diagram.
    assert len(figures) >= 2, "the article lost its charts"
    assert charts(shown.page).locator("details table").count() >= 1
    for number, figure in enumerate(figures, 1):
        figure.screenshot(path=artifacts / f"chart-{number}-{request.node.callspec.id}.png")
        image = figure.locator("img[src$='.svg']").first
        image.scroll_into_view_if_needed()
        assert image.is_visible()
        box = image.bounding_box()
        assert box["width"] > 50 and box["height"] > 50, box
        assert image.evaluate("img => img.complete && img.naturalWidth > 0"), "the SVG did not load"
        assert (image.get_attribute("alt") or "").strip(), "a chart without a text alternative"
        assert figure.locator("figcaption").inner_text().strip(), "a chart without a caption"
        assert box["x"] >= 0 and box["x"] + box["width"] <= shown.page.viewport_size["width"]


def test_comment_links_scroll_to_their_comment(visit, sample_site):
    ids = [e.get("id") for e in comment_elements(sample_site)]
    assert len(ids) >= 5, "the article with comments shows fewer than five"
    shown = visit(ARTICLE)
    for comment_id in ids:
        shown.page.goto(shown.page.url.split("#")[0] + "#" + comment_id)
        top = shown.page.locator(f"#{comment_id}").evaluate("e => e.getBoundingClientRect().top")
        assert 0 <= top < shown.page.viewport_size["height"] / 2, f"#{comment_id} is at {top} px"


def comment_elements(build):
    from lxml import html

    document = html.parse(str(build.output / ARTICLE.strip("/") / "index.html")).getroot()
    return document.xpath("//*[starts-with(@id, 'comment-') and contains(concat(' ', @class, ' '), ' comment ')]")
