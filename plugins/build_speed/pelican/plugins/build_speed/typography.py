"""Typogrify inside the Markdown reader, so that the content cache keeps its work.

Pelican's own TYPOGRIFY runs after the reader's cache, on every post at every
build: on a thousand posts it was a third of a rebuild with nothing changed.
Run here, its result is cached with the post's HTML. The filters, settings and
order are Pelican's (content, then title and summary, before any
content_object_init handler), so the pages come out byte for byte the same.
"""

import smartypants
from pelican.readers import MarkdownReader
from typogrify.filters import typogrify

# The metadata Pelican's TYPOGRIFY also sets in type.
FIELDS = ("title", "summary")
DASHES = {
    "oldschool": smartypants.Attr.set2,
    "oldschool_inverted": smartypants.Attr.set3,
}


def typeset(text, settings):
    """Curly quotes, dashes, ellipses and no widows, as Pelican's TYPOGRIFY applies them."""
    # smartypants takes its options from a module global, as in Pelican;
    # `w` also turns &quot; entities into curly quotes.
    smartypants.Attr.default = DASHES.get(settings["TYPOGRIFY_DASHES"], smartypants.Attr.set1)
    smartypants.Attr.default |= smartypants.Attr.w
    omitted = dict.fromkeys(settings["TYPOGRIFY_OMIT_FILTERS"], False)
    return typogrify(text, settings["TYPOGRIFY_IGNORE_TAGS"], **omitted)


class TypographicMarkdownReader(MarkdownReader):
    """Pelican's Markdown reader, with typogrify applied to what it returns."""

    def read(self, source_path):
        content, metadata = super().read(source_path)
        if content:
            content = typeset(content, self.settings)
        for field in FIELDS:
            if field in metadata:
                metadata[field] = typeset(metadata[field], self.settings)
        return content, metadata


def use_typographic_reader(readers):
    """Read Markdown with TypographicMarkdownReader when BLOG_TYPOGRIFY asks for it."""
    if not readers.settings.get("BLOG_TYPOGRIFY"):
        return
    for extension, reader_class in list(readers.reader_classes.items()):
        if reader_class is MarkdownReader:
            readers.reader_classes[extension] = TypographicMarkdownReader
