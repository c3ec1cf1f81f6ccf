"""Python-Markdown fitted for strangers' text: bounded work, and words in angle brackets kept.

Three things Markdown does with hostile or ordinary input that a comment
cannot afford:

- It parses nested lists and quotes by recursion: a kilobyte of `+ + + …`
  exceeds Python's recursion limit. `nesting_depth` measures the nesting
  before Markdown sees the text, so the caller can refuse it.
- It looks for the `]` that closes a link by scanning the rest of the
  paragraph from every `[`: thirty thousand `[` take minutes. Link text
  here is scanned for at most MAX_LINK_TEXT characters and MAX_BRACKETS
  brackets; anything longer is not a link but text.
- It passes raw HTML through, and the sanitizer then drops every tag not on
  its allow-list, with the words inside `<script>` or `<textarea>`:
  "<your A-number here>" vanished from a comment. Raw HTML whose tag is not
  allowed is turned back into text before the sanitizer sees it.
"""

import re

from markdown.extensions import Extension
from markdown.inlinepatterns import LinkInlineProcessor
from markdown.postprocessors import Postprocessor

MAX_NESTING = 16
MAX_LINK_TEXT = 2000
MAX_BRACKETS = 32
BRACKET = re.compile(r"[\[\]]")
# Container markers at the start of a line: quotes and list items.
CONTAINER = re.compile(r"[ \t]*(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t]))")
LINK_PROCESSORS = ("link", "image_link", "reference", "image_reference",
                   "short_reference", "short_image_ref")
# A tag in raw HTML: `<name`, `</name`, then anything up to `>`.
TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)([^<>]*)>?")


def nesting_depth(text):
    """The deepest nesting of quotes and list items any line opens, counting indentation."""
    deepest = 0
    for line in text.split("\n"):
        expanded = line.expandtabs(4)
        indent = len(expanded) - len(expanded.lstrip(" "))
        depth, position = indent // 4, 0
        while match := CONTAINER.match(line, position):
            depth += 1
            position = match.end()
        deepest = max(deepest, depth)
    return deepest


def link_text_end(data, index):
    """Where the link text starting at `index` ends (the index of its `]`), or None.

    Python-Markdown's own scan, with a bound on how far it looks.
    """
    depth = 1
    for count, match in enumerate(BRACKET.finditer(data, index, index + MAX_LINK_TEXT)):
        if count >= MAX_BRACKETS:
            return None
        depth += 1 if match.group() == "[" else -1
        if depth == 0:
            return match.start()
    return None


class BoundedLinkText:
    """Mixed into Markdown's link processors in place of their unbounded getText."""

    def getText(self, data, index):
        end = link_text_end(data, index)
        if end is None:
            return "", index, False
        return data[index:end], end + 1, True


class EscapeForeignTags(Postprocessor):
    """Raw HTML with a tag off the allow-list becomes text, before it is put back in place."""

    def __init__(self, md, allowed_tags):
        super().__init__(md)
        self.allowed = frozenset(allowed_tags)

    def run(self, text):
        stash = self.md.htmlStash
        stash.rawHtmlBlocks = [self.escape_foreign(block) for block in stash.rawHtmlBlocks]
        return text

    def escape_foreign(self, html):
        def tag(match):
            if match.group(2).lower() in self.allowed and match.group(0).endswith(">"):
                return match.group(0)
            return match.group(0).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

        return TAG.sub(tag, str(html))


class CommentMarkdown(Extension):
    """The three guards above, for a converter of comments; `allowed_tags` as the sanitizer's."""

    def __init__(self, allowed_tags, **kwargs):
        self.allowed_tags = allowed_tags
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        for name in LINK_PROCESSORS:
            if name in md.inlinePatterns:
                processor = md.inlinePatterns[name]
                processor.__class__ = _bounded(type(processor))
        # Before raw_html (30), which puts the stashed HTML back into the text.
        md.postprocessors.register(EscapeForeignTags(md, self.allowed_tags), "escape_foreign_tags", 35)


_BOUNDED = {}


def _bounded(cls):
    """`cls` with BoundedLinkText's getText; one class per processor class."""
    if issubclass(cls, BoundedLinkText) or not issubclass(cls, LinkInlineProcessor):
        return cls
    if cls not in _BOUNDED:
        _BOUNDED[cls] = type(f"Bounded{cls.__name__}", (BoundedLinkText, cls), {})
    return _BOUNDED[cls]
