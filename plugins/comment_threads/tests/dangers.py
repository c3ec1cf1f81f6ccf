"""What in a piece of HTML could run, load or restyle anything: the tests' definition of harmful markup.

Parsed as a browser tokenizes it, so text that merely mentions `onerror` or
`<script>` (escaped, as a comment about HTML should show it) is not a finding.
"""

from html.parser import HTMLParser

from pelican.plugins.comment_threads.render import ALLOWED_ATTRIBUTES, ALLOWED_TAGS

SAFE_SCHEMES = ("http:", "https:", "mailto:")


class _Finder(HTMLParser):
    def __init__(self, allowed_tags):
        super().__init__(convert_charrefs=True)
        self.allowed_tags = allowed_tags
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.allowed_tags:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name == "rel" and tag == "a":
                continue
            if name not in ALLOWED_ATTRIBUTES.get(tag, ()):
                self.found.append(f"<{tag} {name}>")
            elif name == "href" and ":" in (value or "").split("/")[0] \
                    and not (value or "").lower().startswith(SAFE_SCHEMES):
                self.found.append(f"<{tag} href={value}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data):
        self.found.append("<!--")


def markup_dangers(html, extra_tags=()):
    """Every tag, attribute, link or comment in `html` that the comment allow-list does not permit.

    `extra_tags` are harmless tags the theme itself adds around a value (`bdi`, `span`).
    """
    finder = _Finder(ALLOWED_TAGS | set(extra_tags))
    finder.feed(str(html))
    finder.close()
    return finder.found
