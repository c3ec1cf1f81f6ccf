"""What old addresses become: a redirect page, `_redirects` lines, an nginx map. Pure text."""

from html import escape

PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{url}">
<meta http-equiv="refresh" content="0; url={url}">
</head>
<body>
<p>This page has moved to <a href="{url}">{title}</a>.</p>
</body>
</html>
"""


def redirect_page(url, title, lang="en"):
    """A page that sends browsers and search engines to `url` at once, and is not indexed itself."""
    return PAGE.format(url=escape(url), title=escape(title), lang=escape(lang))


def redirects_file(rules):
    """`_redirects` for Netlify-style static hosts; `rules` are (old, new path) pairs.

    `/?p=101` becomes a rule on `/` matching the query parameter; the `!`
    makes it apply although /index.html exists.
    """
    lines = ["# Old WordPress addresses and where each now is (written by the build).\n"]
    for old, new in rules:
        if old.startswith("/?"):
            key, value = old[2:].split("=", 1)
            lines.append(f"/  {key}={value}  {new}  301!\n")
        else:
            lines.append(f"{old}  {new}  301\n")
    return "".join(lines)


def nginx_map(rules, variable="$old_link_target"):
    """An nginx `map` from the requested URI to the new path.

    Paths were checked when read (table.py): none holds a quote, `$`, `;`,
    a brace or a space, so each is written as it is. Include the map in the
    `http {}` block and add to the `server {}` block:
    `if ($old_link_target) { return 301 $old_link_target; }`
    """
    pairs = []
    for old, new in rules:
        keys = [old, "/index.php" + old[1:]] if old.startswith("/?") else [old, old.rstrip("/")]
        pairs += [(key, new) for key in keys]
    # nginx refuses to start when a key does not fit a hash bucket (64 bytes
    # by default); old permalinks are often longer.
    bucket = 128
    while bucket < max(len(key) for key, _ in pairs) + 32:
        bucket *= 2
    lines = [
        "# Old WordPress addresses and where each now is (written by the build).\n",
        "# In http {}: include this file. In server {}:\n",
        f"#     if ({variable}) {{ return 301 {variable}; }}\n",
        f"map_hash_bucket_size {bucket};\n",
        f"map $request_uri {variable} {{\n",
        '    default "";\n',
    ]
    lines += [f'    "{key}" "{new}";\n' for key, new in pairs]
    lines.append("}\n")
    return "".join(lines)
