"""Tiny sites built inline: a few posts, a few comment files, our partials."""

import logging
import os
import textwrap
from pathlib import Path

import pytest
from pelican import Pelican
from pelican.log import FatalLogger, LimitFilter
from pelican.plugins import signals
from pelican.settings import read_settings

import pelican.plugins.comment_threads.plugin as plugin

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

    def build(self, **settings):
        merged = read_settings(override={**self.settings, **settings})
        try:
            Pelican(merged).run()
        finally:
            # Signals are process-wide: leave none of ours behind for other
            # tests that build sites with other plugins.
            signals.initialized.disconnect(plugin.check_settings)
            signals.article_generator_finalized.disconnect(plugin.attach_threads)
            signals.article_writer_finalized.disconnect(plugin.write_feeds)
        return Path(merged["OUTPUT_PATH"])

    def read(self, relpath):
        return (self.output / relpath).read_text(encoding="utf-8")


@pytest.fixture
def site(tmp_path):
    return Site(tmp_path)


@pytest.fixture
def strict(monkeypatch):
    """What `pelican --fatal warnings` does to logging, undone afterwards."""
    monkeypatch.setattr(FatalLogger, "fatal_lvl", logging.WARNING)
    monkeypatch.setattr(LimitFilter, "_raised_messages", set())
    monkeypatch.setattr(LimitFilter, "_group_count", LimitFilter._group_count.copy())


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    # Pelican resolves some paths against the working directory.
    monkeypatch.chdir(tmp_path)
    os.environ.pop("PELICAN_SETTINGS", None)
