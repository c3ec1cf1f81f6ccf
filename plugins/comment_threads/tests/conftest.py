"""Tiny sites built inline: a few posts, a few comment files, our partials."""

import os
import textwrap
from pathlib import Path

import pytest

from pelican.plugins.site_common import testing

# The repository: the folder holding pelicanconf.py (found by walking up, so
# that a copy of these tests staged for `make mutate` finds it too).
REPO = next(p for p in Path(__file__).resolve().parents if (p / "pelicanconf.py").is_file())
PARTIALS = REPO / "theme" / "templates" / "partials"

TEMPLATES = {
    "base.html": """\
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><title>{% block title %}{{ SITENAME }}{% endblock %}</title>
        {% block head %}{% endblock %}</head>
        <body><main>{% block content %}{% endblock %}</main></body>
        </html>
        """,
    "article.html": """\
        {% extends "base.html" %}
        {% block head %}{% include "partials/comments_head.html" %}{% endblock %}
        {% block content %}<article><h1>{{ article.title }}</h1>{{ article.content }}</article>
        {% include "partials/comments.html" %}{% endblock %}
        """,
    "index.html": """\
        {% extends "base.html" %}
        {% block content %}{% for article in articles %}
        <p class="entry" data-slug="{{ article.slug }}">{{ article.title }} {% include "partials/comment_count.html" %}</p>
        {% endfor %}{% endblock %}
        """,
}

POST = """\
Title: {title}
Date: {date}
Category: Notes
{extra}
A post about {title}.
"""


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")


class Site:
    """A site in a tmp dir; add posts and comments, then build it."""

    def __init__(self, root):
        self.root = root
        self.content = root / "content"
        self.output = root / "output"
        templates = root / "templates"
        for name, text in TEMPLATES.items():
            write(templates / name, text)
        (templates / "partials").symlink_to(PARTIALS)
        self.settings = {
            "PATH": str(self.content),
            "OUTPUT_PATH": str(self.output),
            "SITEURL": "https://blog.test",
            "FEED_DOMAIN": "https://blog.test",
            "TIMEZONE": "UTC",
            "AUTHOR": "Elena Marsh",
            "SITE_AUTHORS": {"Elena Marsh": "", "David Okafor": ""},
            "ARTICLE_PATHS": ["posts"],
            "ARTICLE_EXCLUDES": ["comments"],
            "PAGE_PATHS": ["pages"],
            "ARTICLE_URL": "{date:%Y}/{date:%m}/{slug}/",
            "ARTICLE_SAVE_AS": "{date:%Y}/{date:%m}/{slug}/index.html",
            "THEME_TEMPLATES_OVERRIDES": [str(templates)],
            "DIRECT_TEMPLATES": ["index"],
            "PLUGINS": ["pelican.plugins.comment_threads"],
            "COMMENTS_EMAIL": "comments@blog.test",
            "FEED_ALL_ATOM": None,
            "CATEGORY_FEED_ATOM": None,
            "AUTHOR_FEED_ATOM": None,
            "AUTHOR_FEED_RSS": None,
            "TRANSLATION_FEED_ATOM": None,
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
        }
        self.post("First post", "2014-04-01 10:00", slug="first-post")

    def post(self, title, date, slug, extra=""):
        write(
            self.content / "posts" / f"{slug}.md",
            POST.format(title=title, date=date, extra=f"Slug: {slug}\n{extra}"),
        )

    def comment(self, relpath, text):
        write(self.content / "comments" / relpath, text)

    def build(self, strict=False, **settings):
        """Build in this process; `self.result` keeps what it printed and its problems."""
        self.result = testing.build({**self.settings, **settings}, strict=strict)
        return self.result.output

    def read(self, relpath):
        return (self.output / relpath).read_text(encoding="utf-8")


@pytest.fixture
def site(tmp_path):
    return Site(tmp_path)


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    # Pelican resolves some paths against the working directory.
    monkeypatch.chdir(tmp_path)
    os.environ.pop("PELICAN_SETTINGS", None)
