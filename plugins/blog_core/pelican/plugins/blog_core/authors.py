"""The site's author list, read from a YAML file in the content folder.

It lives beside the posts rather than in pelicanconf.py so that anything
that adds posts (an author, the WordPress importer) can add their author
too, and a copied content folder carries its own list.
"""

import yaml

from pelican.plugins.site_common.problems import Problem


def read_authors(path, shown):
    """({name: bio}, [Problem]) from the YAML file at `path`; `shown` names it in messages."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = yaml.safe_load(handle)
    except FileNotFoundError:
        return {}, []
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return {}, [Problem(shown, mark.line + 1 if mark else None,
                            f"not readable as YAML ({getattr(error, 'problem', error)})",
                            "write one 'Name: short bio' line per author")]
    if data is None:
        return {}, []
    if not isinstance(data, dict) or not all(isinstance(v, (str, type(None))) for v in data.values()):
        return {}, [Problem(shown, None, "must map each author's name to a short bio",
                            "write one 'Name: short bio' line per author")]
    return {str(name): bio or "" for name, bio in data.items()}, []
