"""The programs outside Python that the browser and checker tests drive.

Each is looked up once; a missing one skips its tests on a developer's
machine with the command that installs it, and fails them in CI (CI=true),
where a skipped check would pass as a green run that checked nothing.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.sitebuild import ROOT

IN_CI = os.environ.get("CI", "").lower() not in ("", "0", "false", "no")
NODE_MODULES = ROOT / "node_modules"
NPM_INSTALL = "make node_modules/.installed (npm ci)"
# Chromium runs as root in CI and in containers, without a GPU, and must not
# phone home: every request it makes is one the tests asked for.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def require(what, path, install):
    """`path` if it exists; otherwise skip (locally) or fail (in CI) saying how to install it."""
    if path and Path(path).exists():
        return Path(path)
    message = f"{what} is not installed; install it with: {install}"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def chromium():
    found = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    return require("Chromium", found, "apt-get install chromium")


def java():
    return require("Java", shutil.which("java"), "apt-get install default-jre-headless")


def vnu_jar():
    java()
    return require("The Nu HTML Checker (vnu.jar)",
                   NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar", NPM_INSTALL)


def axe_source():
    path = require("axe-core", NODE_MODULES / "axe-core" / "axe.min.js", NPM_INSTALL)
    return path.read_text(encoding="utf-8")
