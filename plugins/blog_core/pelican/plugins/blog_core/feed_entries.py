"""Feed entries as feed readers get them: every link resolves away from the page, titles in plain spaces.

A feed reader shows an entry outside its page, so a footnote link such as
`#fn:1` has no page to jump within; it becomes the post's address plus the
fragment. Typogrify keeps a heading's last two words together with a
non-breaking space, which in a feed reader's narrow list of titles only
stops a title wrapping where it should.
"""

import re

FRAGMENT_LINK = re.compile(r'(\shref=")(#[^"]*")')
NO_BREAK_SPACE = "\u00a0"


def absolute_fragments(html, link):
    """`href="#x"` becomes `href="<link>#x"`."""
    base = link.split("#", 1)[0]
    return FRAGMENT_LINK.sub(lambda m: f"{m.group(1)}{base}{m.group(2)}", html)


def fit_entry(item):
    """Mend one feedgenerator item in place."""
    item["title"] = item["title"].replace(NO_BREAK_SPACE, " ").replace("&nbsp;", " ")
    for field in ("content", "description"):
        if item.get(field):
            item[field] = absolute_fragments(item[field], item["link"])


def fit_feed(context, feed):
    for item in feed.items:
        fit_entry(item)
