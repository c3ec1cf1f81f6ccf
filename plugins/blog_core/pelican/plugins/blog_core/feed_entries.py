"""Feed entries as feed readers get them: links resolve away from the page, PNG pictures, plain-spaced titles.

A feed reader shows an entry outside its page, so a footnote link such as
`#fn:1` has no page to jump within; it becomes the post's address plus the
fragment. Typogrify keeps a heading's last two words together with a
non-breaking space, which in a feed reader's narrow list of titles only
stops a title wrapping where it should. Many feed readers and every mail
client show no SVG: an SVG image with a PNG twin beside it among the static
files (`images/x.svg` and `images/x.png`) is shown as the PNG.
"""

import re

FRAGMENT_LINK = re.compile(r'(\shref=")(#[^"]*")')
SVG_SOURCE = re.compile(r'(<img\b[^>]*\ssrc=")([^"]+)\.svg(")')
NO_BREAK_SPACE = "\u00a0"


def absolute_fragments(html, link):
    """`href="#x"` becomes `href="<link>#x"`."""
    base = link.split("#", 1)[0]
    return FRAGMENT_LINK.sub(lambda m: f"{m.group(1)}{base}{m.group(2)}", html)


def png_twins(html, available):
    """Each `<img src="….svg">` whose `….png` is in `available` (absolute URLs) shows the PNG."""
    def swap(match):
        png = f"{match.group(2)}.png"
        return f"{match.group(1)}{png}{match.group(3)}" if png in available else match.group(0)

    return SVG_SOURCE.sub(swap, html)


def fit_entry(item, available=frozenset()):
    """Mend one feedgenerator item in place; `available` holds the static files' absolute URLs."""
    item["title"] = item["title"].replace(NO_BREAK_SPACE, " ").replace("&nbsp;", " ")
    for field in ("content", "description"):
        if item.get(field):
            item[field] = png_twins(absolute_fragments(item[field], item["link"]), available)


def fit_feed(context, feed):
    siteurl = context.get("SITEURL", "").rstrip("/")
    available = {f"{siteurl}/{static.url}" for static in context.get("static_content", {}).values()}
    for item in feed.items:
        fit_entry(item, available)
