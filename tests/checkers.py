"""Checkers for a built site: broken links and anchors, HTML validity, accessibility.

Each returns a list of readable problems, empty when all is well, so that a
test can assert on `[]` and show every problem at once, and a negative test
can run the same checker on a deliberately broken page.
"""

import json
import subprocess
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html

from tests.tools import axe_source, java, vnu_jar

# Attributes holding one URL, per element, as a browser fetches or follows them.
URL_ATTRIBUTES = {
    "a": "href", "link": "href", "area": "href", "img": "src", "script": "src",
    "source": "src", "video": "src", "audio": "src", "track": "src", "iframe": "src",
    "embed": "src", "object": "data", "form": "action",
}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def page_urls(document):
    """(element tag, URL) for every link, resource and srcset candidate in a parsed page."""
    for element in document.iter(*URL_ATTRIBUTES):
        url = element.get(URL_ATTRIBUTES.get(element.tag, ""))
        if url is not None:
            yield element.tag, url.strip()
        for candidate in (element.get("srcset") or "").split(","):
            if candidate.strip():
                yield element.tag, candidate.split()[0]


class Site:
    """A built output folder, addressed at `site_url`, read lazily and parsed once per file."""

    def __init__(self, output, site_url):
        self.output = Path(output)
        self.site_url = site_url.rstrip("/")
        self.host = urlsplit(site_url).netloc

    def url_of(self, path):
        relative = path.relative_to(self.output).as_posix()
        if relative.endswith("index.html"):
            relative = relative[: -len("index.html")]
        return f"{self.site_url}/{relative}"

    def file_for(self, url):
        """The file a static server sends for a URL on this site, or None."""
        path = self.output / unquote(urlsplit(url).path).lstrip("/")
        if path.is_dir():
            path = path / "index.html"
        return path if path.is_file() else None

    @cache  # noqa: B019  (one Site per session; its few pages stay cached on purpose)
    def ids(self, path):
        document = lxml.html.parse(str(path)).getroot()
        return {e.get("id") for e in document.iter() if e.get("id")} | {
            a.get("name") for a in document.iter("a") if a.get("name")}

    def broken_links(self):
        """Every internal URL or #anchor, on every HTML page, that leads nowhere."""
        problems = []
        for page in sorted(self.output.rglob("*.html")):
            base = self.url_of(page)
            document = lxml.html.parse(str(page)).getroot()
            for tag, raw in page_urls(document):
                problem = self.check_url(urljoin(base, raw), page)
                if problem:
                    where = page.relative_to(self.output).as_posix()
                    problems.append(f"{where}: <{tag}> {raw!r}: {problem}")
        return problems

    def check_url(self, url, page):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or parts.netloc != self.host:
            return None  # mail, other sites: not ours to resolve offline
        target = self.file_for(url)
        if target is None:
            return "no such file in the output"
        fragment = unquote(parts.fragment)
        if fragment and target.suffix == ".html" and fragment not in self.ids(target):
            return f"no element with id {fragment!r} in {target.relative_to(self.output)}"
        return None


def vnu_errors(paths):
    """The Nu HTML Checker's errors for all `paths`, in one run of the checker."""
    paths = [str(p) for p in paths]
    run = subprocess.run(
        [str(java()), "-Xss4m", "-jar", str(vnu_jar()), "--errors-only", "--format", "json", *paths],
        capture_output=True, text=True, timeout=600,
    )
    try:
        messages = json.loads(run.stderr or run.stdout)["messages"]
    except (ValueError, KeyError):
        raise AssertionError(f"vnu.jar did not report JSON (exit {run.returncode}):\n{run.stderr}") from None
    return [
        f"{unquote(urlsplit(m.get('url', '')).path)}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages if m.get("type") in ("error", "non-document-error")
    ]


def axe_violations(page, tags=AXE_TAGS):
    """axe-core's violations of the WCAG levels `tags` on a loaded Playwright page."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=axe_source())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        tags,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']}: "
        + "; ".join(" ".join(node["target"]) for node in v["nodes"][:5])
        for v in result["violations"]
    ]
