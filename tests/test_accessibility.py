"""axe-core in Chromium on the pages readers meet most, light and dark, and the keyboard path to chart data."""

import pytest

from tests.browser import Visit
from tests.checkers import axe_violations
from tests.test_browser import ARTICLE, PAGES, SCHEMES

pytestmark = pytest.mark.slow


@pytest.fixture
def opened(browser):
    pages = []
    yield pages
    for page in pages:
        page.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", PAGES)
def test_no_wcag_21_aa_violations(browser, served_site, opened, name, scheme):
    opened.append(Visit(browser, served_site + PAGES[name], color_scheme=scheme))
    assert axe_violations(opened[-1].page) == []


def test_tab_reaches_every_chart_data_table(browser, served_site, opened):
    opened.append(Visit(browser, served_site + ARTICLE))
    page = opened[-1].page
    wanted = page.locator("figure details > summary").count()
    assert wanted, "the article has no chart data table"
    reached = 0
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('figure details > summary')"):
            reached += 1
            page.keyboard.press("Enter")
            assert page.evaluate("() => document.activeElement.parentElement.open"), \
                "Enter on the summary does not open the data table"
            if reached == wanted:
                break
    assert reached == wanted, f"Tab reached {reached} of {wanted} chart data tables"


BROKEN_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Broken</title></head>
<body><main><h1>Broken</h1>
<img src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/%3E">
<p style="color:#bbb;background:#fff">Too pale to read.</p>
<a href="/x"></a></main></body></html>"""


def test_axe_reports_a_missing_alt_pale_text_and_an_empty_link(browser, opened):
    opened.append(Visit(browser, "about:blank"))
    page = opened[-1].page
    page.set_content(BROKEN_PAGE)
    found = " ".join(axe_violations(page))
    for rule in ("image-alt", "color-contrast", "link-name"):
        assert rule in found
