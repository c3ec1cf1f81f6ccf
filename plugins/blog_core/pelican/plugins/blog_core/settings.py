"""blog_core's settings: SITE_AUTHORS and the BLOG_* keys, declared once."""

from pelican.plugins.site_common.options import Choice, Mapping, Optional, Schema, Strings, Text

SCHEMA = Schema("BlogConfig", "BLOG_", {
    # Authors the site knows, each with a short bio; empty turns the check off.
    "SITE_AUTHORS": Mapping(default={}, expected="a mapping of each author's name to a short bio"),
    # More authors, in a YAML file under PATH (name: bio), added to SITE_AUTHORS.
    "BLOG_AUTHORS_FILE": Optional(default="authors.yml", option=Text(None, "a file name under PATH")),
    # Metadata every post must have.
    "BLOG_REQUIRED_METADATA": Strings(default=("title", "date", "category", "summary"),
                                      expected="a list of metadata names"),
    # Typogrify inside the Markdown reader, where the content cache keeps it.
    "BLOG_TYPOGRIFY": Choice(default=False, choices=(True, False)),
})
# Post metadata blog_core itself reads (the JSON-LD and the page's card image).
POST_METADATA = ("image",)
