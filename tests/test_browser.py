"""The sample site as Chromium shows it: no errors, charts drawn, comments reachable, phones and dark mode."""

import pytest

from tests.browser import PHONE, Visit, contrast, horizontal_overflow

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
    shown.load_everything()
    problems = shown.problems()
    # After the checks: a full-page screenshot resizes Chromium's view for a
    # moment, which makes a <picture> start fetching its other source.
    shown.page.screenshot(path=artifacts / f"{name}-{scheme}.png", full_page=True)
    assert shown.response.ok or name == "not-found"
    assert problems == []
    assert shown.broken_images() == []


@pytest.mark.parametrize("name", PAGES)
def test_phone_width_has_no_horizontal_scroll(visit, artifacts, name):
    shown = visit(PAGES[name], viewport=PHONE)
    shown.page.screenshot(path=artifacts / f"{name}-phone.png", full_page=True)
    assert horizontal_overflow(shown.page) == []


@pytest.mark.parametrize("name", PAGES)
def test_dark_mode_switches_colours_and_keeps_text_readable(visit, name):
    shown = visit(PAGES[name], color_scheme="dark")
    assert contrast(shown.page.locator("body"))["background"] < 0.05, "the page is not dark in dark mode"
    for selector in ["main p", "main a", "h1", ".site-footer p"]:
        elements = shown.page.locator(selector).all()[:20]
        # A selector that matched nothing would check nothing.
        assert elements, f"no {selector} on the page"
        for element in elements:
            ratio = contrast(element)["ratio"]
            assert ratio >= 4.5, f"{selector} {element.inner_text()[:40]!r}: contrast {ratio:.2f}"


def charts(page):
    """Figures with an image: the charts plugin's (an SVG chosen by <picture>) and the author's diagrams."""
    return page.locator("figure:has(img)")


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
        image = figure.locator("img").first
        image.scroll_into_view_if_needed()
        # decode() waits for a lazily loaded image and fails if it is broken.
        assert image.evaluate("img => img.decode().then(() => img.naturalWidth > 0, () => false)"), \
            "the image did not load"
        # Pages show the SVG that follows the reader's scheme, never the light PNG.
        assert image.evaluate("img => img.currentSrc").endswith(".svg")
        assert image.is_visible()
        box = image.bounding_box()
        assert box["width"] > 50 and box["height"] > 50, box
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
        assert 0 <= top < shown.page.viewport_size["height"] - 50, f"#{comment_id} is at {top} px"


def comment_elements(build):
    from lxml import html

    document = html.parse(str(build.output / ARTICLE.strip("/") / "index.html")).getroot()
    return document.xpath("//*[starts-with(@id, 'comment-') and contains(concat(' ', @class, ' '), ' comment ')]")


def test_the_layout_checks_catch_a_wide_element_and_pale_text(browser):
    shown = Visit(browser, "about:blank", viewport=PHONE, color_scheme="dark")
    try:
        shown.page.set_content('<body style="margin:0;background:#111;color:#333">'
                               '<p id="pale">Too dim.</p><div id="wide" style="width:600px">x</div>')
        assert contrast(shown.page.locator("#pale"))["ratio"] < 1.5
        assert horizontal_overflow(shown.page) == [
            "the page is 600 px wide in a 360 px viewport", "DIV#wide sticks out to 600 px"]
    finally:
        shown.close()


# Rules (borders) a reader sees between the links to the neighbouring posts
# and the comment count under them.
RULES_BEFORE_THREAD = """() => {
  const neighbours = document.querySelector('nav.neighbours');
  const comments = document.querySelector('#comments');
  const drawn = (element, side) => getComputedStyle(element)[`border${side}Style`] !== 'none'
    && parseFloat(getComputedStyle(element)[`border${side}Width`]) > 0;
  return [drawn(neighbours, 'Bottom'), drawn(comments, 'Top')].filter(Boolean).length;
}"""


def test_the_thread_sits_under_one_rule_in_smaller_type(visit):
    shown = visit(ARTICLE)
    assert shown.page.evaluate(RULES_BEFORE_THREAD) == 1
    def size(selector):
        return shown.page.locator(selector).first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")

    assert size(".comment__body p") < size(".post-body > p")


def test_the_rule_check_counts_two_rules_when_both_are_drawn(visit):
    # Negative control: the thread's own top rule, as it was, makes two.
    shown = visit(ARTICLE)
    shown.page.add_style_tag(content=".neighbours + .comments { border-top: 1px solid; }")
    assert shown.page.evaluate(RULES_BEFORE_THREAD) == 2
