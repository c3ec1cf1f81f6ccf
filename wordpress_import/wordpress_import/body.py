"""A post's or comment's stored HTML to the site's Markdown, noting what changed on the way.

Order matters and follows WordPress's own: block-editor comments out,
`<!--more-->` split, shortcodes, automatic paragraphs (classic posts only;
WordPress skips them for block posts), then addresses, then Markdown.
HTML entities are decoded once, by the HTML parser, and never again.
"""

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup

from pelican.plugins.comment_threads.commentfile import ADDRESS, ADDRESS_REMOVED

from .autop import autop
from .links import absolute, safe_href, upload_path
from .markdown import to_markdown
from .shortcodes import expand

BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.DOTALL)
MORE = re.compile(r"<!--more(?:\s.*?)?-->", re.DOTALL | re.IGNORECASE)
NEXTPAGE = re.compile(r"<!--nextpage-->", re.IGNORECASE)
# A URL alone on its line: WordPress shows it as an embedded player.
BARE_URL = re.compile(r"^[ \t]*(https?://[^\s<>\"']+)[ \t]*$", re.MULTILINE)
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
REMOVED = ("script", "style", "noscript", "form", "input", "button", "select", "textarea",
           "object", "embed", "applet", "template")


@dataclass
class Body:
    markdown: str
    teaser: str | None = None  # Markdown of the part before <!--more-->, if any
    gutenberg: bool = False
    shortcodes_kept: list = field(default_factory=list)
    shortcodes_converted: list = field(default_factory=list)
    links_rewritten: int = 0
    links_left: list = field(default_factory=list)  # old-site links to nothing imported
    links_dropped: list = field(default_factory=list)  # unsafe addresses
    images_local: int = 0
    images_left: list = field(default_factory=list)
    addresses_removed: int = 0
    headings_shifted: bool = False


def convert(text, old_site, uploads, gallery_images=lambda attrs: [], redact=False):
    """The Body of WordPress HTML; `redact` replaces email addresses (for comments)."""
    body = Body("")
    body.gutenberg = "<!-- wp:" in text
    text = BLOCK_COMMENT.sub("", text)
    text = NEXTPAGE.sub("", text)
    parts = MORE.split(text, maxsplit=1)
    expanded = [expand(part, gallery_images) for part in parts]
    for part in expanded:
        body.shortcodes_kept += part.kept
        body.shortcodes_converted += part.converted
    htmls = [BARE_URL.sub(r'<p><a href="\1">\1</a></p>', part.html) for part in expanded]
    if not body.gutenberg:
        htmls = [autop(part) for part in htmls]
    markdowns = [to_markdown(_clean(part, body, old_site, uploads, redact)) for part in htmls]
    body.markdown = "\n".join(m for m in markdowns if m.strip())
    if len(markdowns) == 2 and markdowns[0].strip():
        body.teaser = markdowns[0]
    return body


def _clean(html, body, old_site, uploads, redact):
    """The fragment parsed, with its addresses rewritten or removed, in one walk of its tags."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(True):
        if element.decomposed:
            continue  # inside an element removed just before
        if element.name in REMOVED:
            element.decompose()
        elif element.name == "iframe":
            source = element.get("src", "")
            element.replace_with(_link(soup, source) if safe_href(source) else "")
        elif element.name == "a":
            _rewrite_link(element, body, old_site, uploads)
        elif element.name == "img":
            _rewrite_image(element, body, old_site, uploads)
    _level_headings(soup, body)
    if redact and ADDRESS.search(html):
        for text in soup.find_all(string=ADDRESS):
            body.addresses_removed += len(ADDRESS.findall(text))
            text.replace_with(ADDRESS.sub(ADDRESS_REMOVED, text))
    return soup  # converted as it is: parsing its text again would cost as much again


def _level_headings(soup, body):
    """Sections start at <h2>: the page's <h1> is the title, and no level may be skipped."""
    headings = soup.find_all(HEADINGS)
    if not headings:
        return
    shift = min(int(h.name[1]) for h in headings) - 2
    if shift:
        body.headings_shifted = True
        for heading in headings:
            heading.name = f"h{min(6, max(2, int(heading.name[1]) - shift))}"


def _link(soup, url):
    paragraph = soup.new_tag("p")
    anchor = soup.new_tag("a", href=url)
    anchor.string = url
    paragraph.append(anchor)
    return paragraph


def _rewrite_link(link, body, old_site, uploads):
    href = (link.get("href") or "").strip()
    attributes = {}
    target = old_site.target(href) if href else None
    if target is None and href and upload_path(href, old_site) is not None:
        target = uploads.static_link(upload_path(href, old_site))
    if target:
        body.links_rewritten += 1
    elif href and old_site.local_path(href) is not None and not href.startswith("#"):
        href = absolute(href, old_site)
        if upload_path(href, old_site) is None:
            body.links_left.append(href)
    if target is None and href:
        target = safe_href(href)
        if target is None:
            body.links_dropped.append(href[:80])
        elif target.startswith("mailto:") and ADDRESS.search(target):
            target = None  # an address: never carried onto the site
            body.addresses_removed += 1
    if target:
        attributes["href"] = target
    link.attrs = attributes
    if not target:
        link.unwrap()


def _rewrite_image(image, body, old_site, uploads):
    source = (image.get("src") or "").strip()
    alt = " ".join((image.get("alt") or "").split())
    alt = re.sub(r"[\[\]<>&\"\\`{}]", "", alt)
    relative = upload_path(source, old_site) if source else None
    local = uploads.static_link(relative) if relative is not None else None
    if local:
        body.images_local += 1
        image.attrs = {"src": local, "alt": alt}
        return
    if relative is not None or (source and old_site.local_path(source) is not None):
        source = absolute(source, old_site)
    safe = safe_href(source) if source else None
    if safe is None or safe.startswith("mailto:"):
        body.links_dropped.append(source[:80])
        image.decompose()
        return
    body.images_left.append(source)
    image.attrs = {"src": safe, "alt": alt}
