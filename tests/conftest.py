"""Shared fixtures: the sample site, built once per test session."""

import socket

import pytest

from tests.sitebuild import ROOT, run_pelican


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
