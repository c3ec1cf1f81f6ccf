"""HTML to the site's Markdown, with nothing of the HTML left to run.

markdownify does the conversion. What it leaves alone is closed here: text
is escaped so that no sentence of an export can turn into raw HTML, a link,
a chart block, an inline figure or an attribute list once Python-Markdown
reads it; code fences are made longer than any run of backticks inside; a
<figure> with a <figcaption> becomes our `/// caption` block.
"""

import re

from markdownify import MarkdownConverter

# What makes a line Markdown syntax rather than text: a heading, a list item,
# a fence, a block opener, a setext underline.
LINE_START = re.compile(r"^([ \t]*)(#|[-+*](?=[ \t]|$)|\d+[.)]|/{3}|~{3}|=+[ \t]*$)", re.MULTILINE)
ENTITY_FOR = {"/": "&#47;", "~": "&#126;", "=": "&#61;"}
BACKTICKS = re.compile(r"`+")


class SiteConverter(MarkdownConverter):
    """markdownify with the escaping and blocks this site's Markdown needs."""

    def escape(self, text, parent_tags):
        return escape_text(text)

    def convert_pre(self, el, text, parent_tags):
        if not text:
            return ""
        longest = max((len(run) for run in BACKTICKS.findall(text)), default=0)
        fence = "`" * max(3, longest + 1)
        return f"\n\n{fence}\n{text.strip(chr(10))}\n{fence}\n\n"

    def convert_figure(self, el, text, parent_tags):
        return f"\n\n{text.strip()}\n\n"

    def convert_figcaption(self, el, text, parent_tags):
        caption = " ".join(text.split())
        return f"\n\n/// caption\n{caption}\n///\n\n" if caption else ""


def escape_text(text):
    """Text as Markdown that reads back as the same text and as nothing else."""
    text = text.replace("\\", "\\\\")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("`", "&#96;").replace("{", "&#123;").replace("}", "&#125;")
    text = text.replace("[", "\\[").replace("]", "\\]")
    text = text.replace("*", "\\*").replace("_", "\\_")
    return LINE_START.sub(_escape_line_start, text)


def _escape_line_start(match):
    indent, marker = match.groups()
    if marker[0] in ENTITY_FOR:
        return f"{indent}{ENTITY_FOR[marker[0]]}{marker[1:]}"
    if marker[0].isdigit():
        return f"{indent}{marker[:-1]}\\{marker[-1]}"
    return f"{indent}\\{marker}"


# One converter for every fragment: it holds only its options, and making
# one costs more than converting a short comment.
CONVERTER = SiteConverter(heading_style="ATX", bullets="-", strip_document="strip",
                          escape_asterisks=False, escape_underscores=False)


def to_markdown(html):
    """The Markdown of an HTML fragment (text, or a parsed BeautifulSoup) whose links are safe."""
    text = CONVERTER.convert(html) if isinstance(html, str) else CONVERTER.convert_soup(html)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
