"""Shared fixtures: the sample site, built once per test session."""

import socket

import pytest

from tests.browser import launch, serve
from tests.sitebuild import ROOT, run_pelican

ARTIFACTS = ROOT / "test-artifacts"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def site_port():
    return free_port()


@pytest.fixture(scope="session")
def site_url(site_port):
    return f"http://127.0.0.1:{site_port}"


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory, site_url):
    """The sample content built strictly, addressed as it will be served in tests."""
    output = tmp_path_factory.mktemp("site") / "output"
    build = run_pelican(ROOT / "content", output,
                        settings={"SITEURL": site_url, "FEED_DOMAIN": site_url})
    if not build.ok:
        pytest.fail(f"the sample site does not build:\n{build.log}")
    return build


@pytest.fixture(scope="session")
def served_site(sample_site, site_port):
    """The sample site on http://127.0.0.1:<site_port>/, as a static host serves it."""
    with serve(sample_site.output, site_port) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session; each test opens its own context."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def artifacts():
    """Where screenshots go, for a person (or CI) to look at after the run."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
