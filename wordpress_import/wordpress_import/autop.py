"""WordPress's automatic paragraphs: blank lines in a classic post are paragraph breaks.

Posts written before the block editor are stored without <p> tags;
WordPress adds them on every page view (`wpautop`). This is the same rule,
so the imported text has the paragraphs readers saw: a blank line ends a
paragraph, a single line break inside one is a <br>, and block-level
elements are never wrapped. <pre> blocks are left exactly as written.
"""

import re

BLOCKS = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|"
    "area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|"
    "hgroup|header|footer|nav|figure|figcaption|details|menu|summary"
)
PRE = re.compile(r"<pre\b.*?</pre>", re.DOTALL | re.IGNORECASE)
OPEN_BLOCK = re.compile(rf"(<(?:{BLOCKS})[\s/>])", re.IGNORECASE)
CLOSE_BLOCK = re.compile(rf"(</(?:{BLOCKS})>)", re.IGNORECASE)
ANY_BLOCK_TAG = rf"</?(?:{BLOCKS})[^>]*>"
PLACEHOLDER = "\x00pre{}\x00"


def autop(text):
    """HTML with WordPress's paragraphs and line breaks made explicit."""
    if not text.strip():
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept = []

    def keep(match):
        kept.append(match.group(0))
        return "\n\n" + PLACEHOLDER.format(len(kept) - 1) + "\n\n"

    text = PRE.sub(keep, text)
    text = OPEN_BLOCK.sub(r"\n\n\1", text)
    text = CLOSE_BLOCK.sub(r"\1\n\n", text)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    html = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    # A quotation holds paragraphs rather than sitting inside one.
    html = re.sub(r"<p>\s*(<blockquote[^>]*>)", r"\1<p>", html, flags=re.IGNORECASE)
    html = re.sub(r"(</blockquote>)\s*</p>", r"</p>\1", html, flags=re.IGNORECASE)
    # A "paragraph" that is only a block tag, or starts or ends with one, is not one.
    html = re.sub(rf"<p>\s*({ANY_BLOCK_TAG})", r"\1", html, flags=re.IGNORECASE)
    html = re.sub(rf"({ANY_BLOCK_TAG})\s*</p>", r"\1", html, flags=re.IGNORECASE)
    html = re.sub(r"<p>(\x00pre\d+\x00)</p>", r"\1", html)
    html = _line_breaks(html)
    for number, block in enumerate(kept):
        html = html.replace(PLACEHOLDER.format(number), block)
    return html


def _line_breaks(html):
    """A single newline inside a paragraph is a line break, except next to a block tag."""
    block_end = re.compile(rf"{ANY_BLOCK_TAG}\s*$", re.IGNORECASE)
    block_start = re.compile(rf"\s*{ANY_BLOCK_TAG}", re.IGNORECASE)

    def inside(match):
        lines = match.group(1).strip("\n").split("\n")
        body = lines[0]
        for line in lines[1:]:
            joint = "\n" if block_end.search(body) or block_start.match(line) else "<br>\n"
            body += joint + line
        return f"<p>{body}</p>"

    return re.sub(r"<p>(.*?)</p>", inside, html, flags=re.DOTALL)
