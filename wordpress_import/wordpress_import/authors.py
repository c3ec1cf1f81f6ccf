"""The site's author list (`content/authors.yml`): who is known, and the lines that add the rest.

New names are appended as YAML lines, so the file an author keeps by hand
keeps its order and comments; a name is quoted by PyYAML, whatever it holds.
"""

import yaml

HEADER = (
    "# The site's authors: each name, then a short bio shown on the author's page.\n"
    "# A post's Authors: line must name one of them, or the build stops.\n"
)


def known_authors(text):
    """The names in an authors.yml text; {} for none."""
    data = yaml.safe_load(text) if text.strip() else {}
    return {str(name): bio for name, bio in (data or {}).items()}


def with_authors(text, names):
    """`text` with a line for each of `names` it lacks; the same text if it lacks none."""
    known = known_authors(text)
    missing = [name for name in names if name not in known]
    if not missing:
        return text
    text = text or HEADER
    if not text.endswith("\n"):
        text += "\n"
    for name in missing:
        text += yaml.safe_dump({name: ""}, allow_unicode=True, default_flow_style=False, width=1000)
    return text
