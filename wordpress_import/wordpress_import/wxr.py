"""Reading a WordPress eXtended RSS export (WXR 1.0 to 1.2) into plain values.

The XML goes through defusedxml, which refuses entity declarations, so a
crafted export cannot expand into gigabytes ("billion laughs") or read
local files. Everything here is data: what the export says, undecided.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import parse as parse_xml

CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DC = "{http://purl.org/dc/elements/1.1/}"
WP_NAMESPACE = re.compile(r"\{(http://wordpress\.org/export/1\.[0-2]/)\}")


class ExportError(ValueError):
    """The file cannot be read as a WordPress export; the message is one sentence."""


@dataclass(frozen=True)
class Author:
    login: str
    display_name: str
    user_id: str = ""


@dataclass(frozen=True)
class Term:
    domain: str  # "category", "post_tag", or a custom taxonomy
    nicename: str
    name: str


@dataclass(frozen=True)
class Comment:
    id: str
    author: str
    author_url: str
    date: str  # the blog's local time, "YYYY-MM-DD HH:MM:SS"
    date_gmt: str
    content: str
    approved: str  # "1", "0", "spam", "trash", "post-trashed"
    type: str  # "", "comment", "pingback", "trackback"
    parent: str  # "0" for none
    user_id: str  # "0" for a visitor


@dataclass(frozen=True)
class Item:
    """One <item>: a post, page, attachment or custom post type."""

    title: str
    link: str
    creator: str
    guid: str
    content: str
    excerpt: str
    post_id: str
    date: str
    date_gmt: str
    modified: str
    modified_gmt: str
    comment_status: str
    name: str  # post_name, the WordPress slug; may be empty
    status: str
    parent: str
    type: str
    password: str
    attachment_url: str
    terms: tuple = ()
    comments: tuple = ()


@dataclass
class Export:
    path: str
    version: str
    title: str
    link: str
    base_site_url: str
    base_blog_url: str
    published: str  # the channel's pubDate: when the export was made
    authors: dict = field(default_factory=dict)  # login -> Author
    items: list = field(default_factory=list)


def read_export(path):
    """The export at `path` as an Export; ExportError naming the file and line if it is not one."""
    path = Path(path)
    shown = str(path)
    try:
        tree = parse_xml(str(path), forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except FileNotFoundError:
        raise ExportError(f"{shown}: no such file; give the path of the .xml file WordPress "
                          "exported (Tools, Export)") from None
    except IsADirectoryError:
        raise ExportError(f"{shown}: is a folder; give the export's .xml file") from None
    except ParseError as error:
        line, column = error.position
        raise ExportError(f"{shown}:{line}: {_xml_problem(error)} (column {column}); "
                          "the export is damaged or cut short: export it again") from None
    except DefusedXmlException as error:
        line = _line_of(path, b"<!ENTITY")
        where = f"{shown}:{line}" if line else shown
        raise ExportError(f"{where}: the file declares XML entities ({error}), which WordPress "
                          "exports never do and which could expand without end; "
                          "export it again from WordPress") from None
    return _export(tree.getroot(), shown)


def _xml_problem(error):
    message = str(error).split(":", 1)[0]
    if message.startswith(("no element found", "unclosed token")):
        return "the file ends in the middle of the XML"
    return f"the XML is not well formed ({message})"


def _line_of(path, needle):
    with open(path, "rb") as handle:
        for number, line in enumerate(handle, start=1):
            if needle in line:
                return number
    return None


def _export(root, shown):
    channel = root.find("channel")
    wp = _wp_namespace(root)
    if root.tag != "rss" or channel is None or wp is None:
        raise ExportError(f"{shown}: not a WordPress export (no <rss><channel> with WordPress's "
                          "wp: elements); export the blog with WordPress's Tools, Export")
    version = _text(channel, f"{wp}wxr_version") or wp.split("/")[-2]
    export = Export(
        path=shown,
        version=version,
        title=_text(channel, "title"),
        link=_text(channel, "link"),
        base_site_url=_text(channel, f"{wp}base_site_url"),
        base_blog_url=_text(channel, f"{wp}base_blog_url"),
        published=_text(channel, "pubDate"),
    )
    for element in channel.findall(f"{wp}author"):
        author = Author(
            login=_text(element, f"{wp}author_login"),
            display_name=_text(element, f"{wp}author_display_name"),
            user_id=_text(element, f"{wp}author_id"),
        )
        export.authors[author.login] = author
    excerpt = wp[:-1] + "excerpt/}"
    for element in channel.findall("item"):
        export.items.append(_item(element, wp, excerpt))
    return export


def _wp_namespace(root):
    for element in root.iter():
        match = WP_NAMESPACE.match(element.tag)
        if match:
            return "{" + match.group(1) + "}"
    return None


def _text(element, tag):
    found = element.find(tag)
    return (found.text or "").strip() if found is not None else ""


def _raw(element, tag):
    """Text kept exactly, for bodies whose spacing is WordPress's paragraph markup."""
    found = element.find(tag)
    return (found.text or "") if found is not None else ""


def _item(element, wp, excerpt):
    terms = tuple(
        Term(domain=term.get("domain", ""), nicename=term.get("nicename", ""),
             name=(term.text or "").strip())
        for term in element.findall("category")
        if term.get("domain")
    )
    comments = tuple(_comment(c, wp) for c in element.findall(f"{wp}comment"))
    return Item(
        title=_text(element, "title"),
        link=_text(element, "link"),
        creator=_text(element, f"{DC}creator"),
        guid=_text(element, "guid"),
        content=_raw(element, f"{CONTENT}encoded"),
        excerpt=_raw(element, f"{excerpt}encoded"),
        post_id=_text(element, f"{wp}post_id"),
        date=_text(element, f"{wp}post_date"),
        date_gmt=_text(element, f"{wp}post_date_gmt"),
        modified=_text(element, f"{wp}post_modified"),
        modified_gmt=_text(element, f"{wp}post_modified_gmt"),
        comment_status=_text(element, f"{wp}comment_status"),
        name=_text(element, f"{wp}post_name"),
        status=_text(element, f"{wp}status"),
        parent=_text(element, f"{wp}post_parent") or "0",
        type=_text(element, f"{wp}post_type") or "post",
        password=_text(element, f"{wp}post_password"),
        attachment_url=_text(element, f"{wp}attachment_url"),
        terms=terms,
        comments=comments,
    )


def _comment(element, wp):
    return Comment(
        id=_text(element, f"{wp}comment_id"),
        author=_text(element, f"{wp}comment_author"),
        author_url=_text(element, f"{wp}comment_author_url"),
        date=_text(element, f"{wp}comment_date"),
        date_gmt=_text(element, f"{wp}comment_date_gmt"),
        content=_raw(element, f"{wp}comment_content"),
        approved=_text(element, f"{wp}comment_approved"),
        type=_text(element, f"{wp}comment_type"),
        parent=_text(element, f"{wp}comment_parent") or "0",
        user_id=_text(element, f"{wp}comment_user_id") or "0",
    )
