"""The old-links list (`content/old-links.txt`): each old address of the blog and the file it now is.

One line per address: the old path (or `/?p=ID`, `/?page_id=ID`), spaces,
and the post's or page's source file relative to content/. The build turns
the list into redirect pages, `_redirects` and an nginx map, so new
addresses always come from the site's own URL settings.
"""

from urllib.parse import quote

from .links import normal_path

HEADER = (
    "# Old addresses of imported posts and pages, and the file each now is.\n"
    "# The build writes a redirect page for each path and the server maps\n"
    "# (_redirects, nginx-redirects.conf) for all of them.\n"
)
# Kept as they are in an old path; everything else is percent-encoded, so no
# path can break a line of `_redirects` (where ':' and '*' are patterns) or
# of an nginx map, or escape the output folder once decoded.
URL_SAFE = "/-._~!+,=@"


def entries_for(entry, old_site):
    """The old addresses of one imported post or page: {old: source}."""
    found = {}
    item = entry.item
    if entry.status != "published":
        return found
    location = old_site.local_path(item.link) if item.link else None
    if location and not location[1] and location[0] != "/":
        found[quote(normal_path(location[0]), safe=URL_SAFE)] = entry.source
    if item.post_id.isdigit():
        found[f"/?p={item.post_id}"] = entry.source
        if entry.kind == "page":
            found[f"/?page_id={item.post_id}"] = entry.source
    return found


def parse(text):
    """{old: source} of an old-links text; lines it cannot read are ignored here (the build reports them)."""
    table = {}
    for line in text.splitlines():
        words = line.split()
        if len(words) == 2 and not line.lstrip().startswith("#"):
            table[words[0]] = words[1]
    return table


def merged(text, new):
    """(new text, [old addresses whose file changes]); unchanged text when nothing is new."""
    table = parse(text)
    changed = [old for old, source in new.items() if old in table and table[old] != source]
    if all(table.get(old) == source for old, source in new.items()):
        return text, []
    table.update(new)
    width = max(len(old) for old in table)
    lines = [f"{old.ljust(width)}  {source}\n" for old, source in sorted(table.items())]
    return HEADER + "".join(lines), changed
