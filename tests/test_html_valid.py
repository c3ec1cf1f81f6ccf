"""Every generated page passes the Nu HTML Checker, the W3C's validator."""

import pytest

from tests.checkers import vnu_errors
from tests.sitebuild import write_tree

pytestmark = pytest.mark.slow


def test_every_page_is_valid_html(sample_site):
    pages = sample_site.files(".html")
    assert len(pages) > 20
    assert vnu_errors(pages) == []


def test_the_checker_reports_an_unclosed_tag_and_an_image_without_alt(tmp_path):
    write_tree(tmp_path, {"broken.html": (
        '<!DOCTYPE html><html lang="en"><head><title>Broken</title></head>\n'
        '<body>\n<div><img src="chart.svg">\n</body></html>\n')})
    errors = "\n".join(vnu_errors([tmp_path / "broken.html"]))
    assert "broken.html:3: An “img” element must have an “alt” attribute" in errors
    assert "broken.html:3: Unclosed element “div”" in errors
