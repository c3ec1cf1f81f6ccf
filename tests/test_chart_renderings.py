"""Charts where they travel: phones (text size and overlaps, measured in Chromium), feed reader panes, shares.

Chart text is measured as the browser lays it out with the reader's fonts:
each chart's SVG, the one the <picture> chose at that width, is put inline
at the width the page shows it, and every <text> element's box is taken
from the browser, turned with the text (slanted tick labels are not
upright rectangles).
"""


import feedparser
import lxml.html
import pytest
from PIL import Image

from tests.browser import DESKTOP, PHONE, Visit
from tests.test_feeds import every_feed

pytestmark = pytest.mark.slow

# For each <text> of an inline SVG: its size in CSS px as shown, and the four
# corners of its box on the screen (getBBox in its own coordinates, mapped
# through the transform that places and turns it).
MEASURE = """async ([source, width]) => {
  const holder = document.createElement('div');
  holder.style.width = width + 'px';
  holder.innerHTML = await (await fetch(source)).text();
  document.body.append(holder);
  const svg = holder.querySelector('svg');
  svg.style.width = '100%'; svg.style.height = 'auto'; svg.style.display = 'block';
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim());
  const boxes = texts.map(t => {
    const b = t.getBBox(), m = t.getScreenCTM();
    const corner = (x, y) => { const p = new DOMPoint(x, y).matrixTransform(m); return [p.x, p.y]; };
    return {text: t.textContent.trim(), px: parseFloat(getComputedStyle(t).fontSize) * scale,
            corners: [corner(b.x, b.y), corner(b.x + b.width, b.y),
                      corner(b.x + b.width, b.y + b.height), corner(b.x, b.y + b.height)]};
  });
  holder.remove();
  return boxes;
}"""


def _overlap(a, b, slack=0.5):
    """True if two convex quadrilaterals overlap by more than `slack` px (separating axis test)."""
    for shape in (a, b):
        for i in range(4):
            (x1, y1), (x2, y2) = shape[i], shape[(i + 1) % 4]
            pa, pb = _project(a, (y1 - y2, x2 - x1)), _project(b, (y1 - y2, x2 - x1))
            if min(pa) >= max(pb) - slack or min(pb) >= max(pa) - slack:
                return False
    return True


def _project(points, axis):
    length = (axis[0] ** 2 + axis[1] ** 2) ** 0.5 or 1
    return [(x * axis[0] + y * axis[1]) / length for x, y in points]


def test_the_overlap_check_tells_touching_from_overlapping_boxes():
    square = [(0, 0), (10, 0), (10, 10), (0, 10)]
    assert _overlap(square, [(5, 5), (15, 5), (15, 15), (5, 15)])
    assert not _overlap(square, [(10, 0), (20, 0), (20, 10), (10, 10)])
    # Two slanted labels side by side: their upright boxes would overlap, they do not.
    def slanted(x):
        return [(x, 10), (x + 10, 0), (x + 12, 2), (x + 2, 12)]

    assert not _overlap(slanted(0), slanted(6))


def posts_with_charts(build):
    for page in sorted(build.output.glob("20*/*/*/index.html")):
        if 'class="chart-picture"' in page.read_text(encoding="utf-8"):
            yield "/" + page.parent.relative_to(build.output).as_posix() + "/"


@pytest.mark.parametrize("viewport, smallest", [(PHONE, 11), (DESKTOP, 11)], ids=["phone", "desktop"])
def test_chart_text_is_large_enough_and_never_overlaps(browser, served_site, sample_site, viewport, smallest):
    paths = list(posts_with_charts(sample_site))
    assert len(paths) >= 8
    problems = []
    for path in paths:
        shown = Visit(browser, served_site + path, viewport=viewport)
        try:
            images = shown.page.locator(".chart-picture img").all()
            assert images, f"{path} has no chart picture"
            for image in images:
                image.scroll_into_view_if_needed()
                image.evaluate("img => img.decode()")
                source, width = image.evaluate("img => [img.currentSrc, img.getBoundingClientRect().width]")
                # Phones get the narrow drawing, wider screens the wide one.
                assert source.endswith(".svg") and source.endswith("-narrow.svg") == (viewport is PHONE), source
                boxes = shown.page.evaluate(MEASURE, [source, width])
                assert boxes, f"{source} has no text"
                for box in boxes:
                    if box["px"] < smallest - 0.05:
                        problems.append(f"{source}: '{box['text']}' at {box['px']:.1f} CSS px")
                for i, a in enumerate(boxes):
                    for b in boxes[i + 1:]:
                        if _overlap(a["corners"], b["corners"]):
                            problems.append(f"{source}: '{a['text']}' overlaps '{b['text']}'")
                if viewport is PHONE:
                    # Negative control: the wide drawing in the same column would be too small.
                    wide = shown.page.evaluate(MEASURE, [source.replace("-narrow.svg", ".svg"), width])
                    assert min(box["px"] for box in wide) < smallest, source
        finally:
            shown.close()
    assert problems == []


# Feed reader panes: what an entry with a chart looks like on a light and a dark pane.

PANE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Reader</title>
<style>body{{margin:0;font:16px/1.5 sans-serif;background:{bg};color:{fg}}}
article{{max-width:640px;margin:0 auto;padding:16px}} img{{max-width:100%;height:auto}}
a{{color:{link}}}</style></head><body><article><h1>{title}</h1>{content}</article></body></html>"""
PANES = {"light": {"bg": "#ffffff", "fg": "#222222", "link": "#0645ad"},
         "dark": {"bg": "#1e1e1e", "fg": "#dddddd", "link": "#8ab4f8"}}


@pytest.mark.parametrize("scheme", PANES)
def test_a_feed_entry_reads_on_a_light_and_a_dark_pane(browser, served_site, sample_site, artifacts, scheme):
    feed = feedparser.parse(sample_site.read("feeds/all.atom.xml"))
    entry = next(e for e in feed.entries if "Mexican asylum seekers rarely" in e.title)
    html = PANE.format(title=entry.title, content=entry.content[0].value, **PANES[scheme])
    # The pane is served from the site's own host, as a web reader would proxy images.
    shown = Visit(browser, "about:blank", viewport={"width": 720, "height": 900}, color_scheme=scheme)
    try:
        shown.page.route(served_site + "/__reader-pane", lambda route: route.fulfill(body=html, content_type="text/html"))
        shown.page.goto(served_site + "/__reader-pane")
        shown.load_everything()
        figure = shown.page.locator("figure").first
        image = figure.locator("img")
        assert image.evaluate("img => img.decode().then(() => img.naturalWidth)") == 1280
        assert image.get_attribute("src").endswith("/chart-1.png")
        figure.screenshot(path=artifacts / f"feed-entry-{scheme}.png")
        image.screenshot(path=artifacts / f"feed-chart-{scheme}.png")
        assert shown.problems() == []
    finally:
        shown.close()
    # The picture brings its own light background and dark text, whatever the pane's colour.
    picture = Image.open(artifacts / f"feed-chart-{scheme}.png").convert("RGB")
    for corner in ((1, 1), (picture.width - 2, picture.height - 2)):
        assert all(channel >= 245 for channel in picture.getpixel(corner)), corner
    darkest = min(sum(picture.getpixel((x, y))) for x in range(0, picture.width, 2) for y in range(0, picture.height, 2))
    assert darkest < 150  # the title's dark text is drawn in


# Every feed: PNG charts with absolute addresses, sizes and alt text; no SVG anywhere.

def test_feed_charts_are_pngs_with_size_and_alt_and_no_svg(sample_site, site_url):
    charts = 0
    for path, feed in every_feed(sample_site):
        for entry in feed.entries:
            for content in entry.get("content", []) + [entry.get("summary_detail", {})]:
                value = content.get("value") or ""
                document = lxml.html.fragment_fromstring(value or "<p></p>", create_parent="div")
                for image in document.iter("img"):
                    src = image.get("src")
                    assert src.startswith(site_url + "/"), (path.name, src)
                    if "/chart-" in src:
                        charts += 1
                        assert src.endswith(".png") and image.get("alt", "").strip(), (path.name, src)
                        assert int(image.get("width")) == 640 and int(image.get("height")) > 300
                assert "<picture" not in value and ".svg" not in value, path.name
            assert "\u00a0" not in entry.title, entry.title
    assert charts >= 16  # eight posts with a chart, in Atom and RSS at least


# Shared links: each post's og:image is a 1200 x 630 PNG that exists.

def test_every_post_and_the_home_page_share_a_card(sample_site, site_url):
    pages = sorted(sample_site.output.glob("20*/*/*/index.html")) + [sample_site.output / "index.html"]
    with_chart = 0
    for page in pages:
        head = lxml.html.parse(str(page)).getroot().find("head")
        if head.find('meta[@http-equiv="refresh"]') is not None:
            continue  # an old address's redirect page, shared as what it points to
        meta = {m.get("property") or m.get("name"): m.get("content") for m in head.iter("meta")}
        assert meta["twitter:card"] == "summary_large_image", page
        assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
        assert meta["og:image:alt"].strip()
        card = sample_site.output / meta["og:image"].removeprefix(site_url + "/")
        assert Image.open(card).size == (1200, 630), page
        if page.name == "index.html" and page.parent == sample_site.output:
            assert card.name == "site-card.png"
        elif 'class="chart-picture"' in page.read_text(encoding="utf-8"):
            assert card.name == "chart-1-card.png", page
            with_chart += 1
        else:
            assert card.name == "site-card.png", page
    assert with_chart >= 8


# Print: the light drawing and the source line, even from a dark screen.

def test_print_keeps_the_light_chart_and_its_source_line(browser, served_site, artifacts, palette_colours):
    shown = Visit(browser, served_site + "/2013/11/mexican-asylum-grant-rate-fy2012/", color_scheme="dark")
    try:
        shown.page.emulate_media(media="print", color_scheme="dark")
        figure = shown.page.locator("figure.chart").first
        image = figure.locator("img")
        image.scroll_into_view_if_needed()
        image.evaluate("img => img.decode()")
        # Paper gets the light PNG, whatever the screen's scheme.
        assert image.evaluate("img => img.currentSrc").endswith("/chart-1.png")
        assert figure.locator(".chart-source").is_visible()
        assert "Source: The Asylumist" in figure.locator(".chart-source").inner_text()
        image.screenshot(path=artifacts / "chart-print.png")
        shown.page.emulate_media(media="screen", color_scheme="dark")
        shown.page.wait_for_timeout(200)
        image.screenshot(path=artifacts / "chart-screen-dark.png")
    finally:
        shown.close()
    light, dark = palette_colours

    def share(path, colour):
        picture = Image.open(path).convert("RGB")
        pixels = [picture.getpixel((x, y)) for x in range(0, picture.width, 2) for y in range(0, picture.height, 2)]
        return sum(all(abs(a - b) <= 8 for a, b in zip(pixel, colour, strict=True)) for pixel in pixels) / len(pixels)

    # Bars in the light series colour on paper; in the dark one on a dark screen (negative control).
    assert share(artifacts / "chart-print.png", light) > 0.05
    assert share(artifacts / "chart-print.png", dark) < 0.01
    assert share(artifacts / "chart-screen-dark.png", dark) > 0.05


@pytest.fixture(scope="module")
def palette_colours():
    from pelican.plugins.data_charts.palette import read_palette
    from tests.sitebuild import ROOT

    palette = read_palette(ROOT / "theme" / "static" / "css" / "palette.css")

    def rgb(value):
        return tuple(int(value[i:i + 2], 16) for i in (1, 3, 5))

    return rgb(palette.colour("1")), rgb(palette.colour("1", "dark"))
