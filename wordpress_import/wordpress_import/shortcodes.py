"""WordPress shortcodes in a post's HTML: the ones we understand become HTML, the rest stay visible.

`[caption]` becomes a <figure> with a <figcaption> (our `/// caption` block
once converted); `[embed]`, `[video]` and `[audio]` become a link to what
they played (nothing is downloaded or embedded from another site);
`[gallery]` becomes the gallery's images. Any other shortcode cannot be run
here, so it is kept as visible code for the author to replace, and listed.
Bracketed words without attributes or a closing tag ("[sic]") are text.
"""

import html
import re
from dataclasses import dataclass, field

OPENING = re.compile(
    r"\[(?P<escaped>\[?)(?P<name>[A-Za-z][\w-]*)(?P<attrs>(?:\s+(?:\"[^\"]*\"|'[^']*'|[^\]\"'/]|/(?!\]))*)?)\s*(?P<self>/?)\](?P<end>\]?)"
)
ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s'"\]]+))|"([^"]*)"|(\S+)""")
KNOWN = {"caption", "wp_caption", "embed", "gallery", "video", "audio"}
MEDIA_KEYS = ("src", "mp4", "m4v", "webm", "ogv", "mp3", "m4a", "ogg", "wav", "wmv", "flv")


@dataclass
class Expanded:
    html: str
    kept: list = field(default_factory=list)  # shortcodes left visible, as written
    converted: list = field(default_factory=list)  # names of those turned into HTML


def parse_attributes(text):
    """WordPress's shortcode attributes: {name: value}, positional ones under 0, 1, ..."""
    found, position = {}, 0
    for match in ATTRIBUTE.finditer(text or ""):
        name, double, single, bare, positional_quoted, positional = match.groups()
        if name:
            found[name.lower()] = html.unescape(next(v for v in (double, single, bare) if v is not None))
        else:
            found[position] = html.unescape(positional_quoted if positional_quoted is not None
                                            else positional)
            position += 1
    return found


def expand(text, gallery_images):
    """Replace the shortcodes in `text`; `gallery_images(attrs)` gives a gallery's [(url, alt)]."""
    result = Expanded(text)
    pieces, position = [], 0
    for match in OPENING.finditer(text):
        if match.start() < position:
            continue
        name = match.group("name").lower()
        if match.group("escaped") and match.group("end"):
            # [[gallery]] is WordPress's way to write "[gallery]" in a post.
            pieces += [text[position:match.start()], text[match.start() + 1:match.end() - 1]]
            position = match.end()
            continue
        closing = None if match.group("self") else text.find(f"[/{match.group('name')}]", match.end())
        closing = None if closing == -1 else closing
        if name not in KNOWN and not match.group("attrs").strip() and closing is None:
            continue  # "[sic]": brackets in prose, not a shortcode
        end = match.end() if closing is None else closing + len(f"[/{match.group('name')}]")
        pieces.append(text[position:match.start()])
        content = "" if closing is None else text[match.end():closing]
        attrs = parse_attributes(match.group("attrs"))
        replacement = _convert(name, attrs, content, gallery_images)
        if replacement is None:
            result.kept.append(_short(text[match.start():match.end()]))
            replacement = _visible(text[match.start():match.end()], content,
                                   text[closing:end] if closing is not None else "", gallery_images)
        else:
            result.converted.append(name)
        pieces.append(replacement)
        position = end
    pieces.append(text[position:])
    result.html = "".join(pieces)
    return result


def _short(code, limit=80):
    return code if len(code) <= limit else code[:limit] + "…"


def _visible(opening, content, closing, gallery_images):
    """An unknown shortcode, shown as code so the author sees it; its content stays text."""
    inner = expand(content, gallery_images).html if content else ""
    shown = f"<code>{html.escape(opening, quote=False)}</code>"
    if closing:
        shown += f"{inner}<code>{html.escape(closing)}</code>"
    return shown


def _convert(name, attrs, content, gallery_images):
    if name in ("caption", "wp_caption"):
        return _caption(attrs, content)
    if name == "embed":
        return _link_paragraph(attrs.get("src") or content.strip())
    if name in ("video", "audio"):
        url = next((attrs[k] for k in MEDIA_KEYS if attrs.get(k)), content.strip())
        return _link_paragraph(url)
    if name == "gallery":
        images = gallery_images(attrs)
        if not images:
            return None
        return "\n\n" + "\n".join(
            f'<p><img src="{html.escape(url)}" alt="{html.escape(alt)}"></p>' for url, alt in images
        ) + "\n\n"
    return None


def _caption(attrs, content):
    """[caption]<img> The caption.[/caption]: the image, then the words after it."""
    match = re.match(r"\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)", content, re.DOTALL | re.IGNORECASE)
    if not match:
        return None
    image, words = match.group(1), match.group(2).strip() or attrs.get("caption", "")
    caption = f"<figcaption>{words}</figcaption>" if words.strip() else ""
    return f"\n\n<figure>{image}{caption}</figure>\n\n"


def _link_paragraph(url):
    url = url.strip()
    if not re.match(r"https?://\S+$", url):
        return None
    return f'\n\n<p><a href="{html.escape(url)}">{html.escape(url)}</a></p>\n\n'
