"""Pelican glue: old-links.txt is read once posts and pages are known, and written with the site."""

import os

from pelican import signals
from pelican.generators import Generator

from pelican.plugins.site_common import pipeline
from pelican.plugins.site_common.files import write_if_changed
from pelican.plugins.site_common.options import Optional, Schema, Text
from pelican.plugins.site_common.problems import Problem, did_you_mean
from pelican.plugins.site_common.text import plain_text

from .output import nginx_map, redirect_page, redirects_file
from .table import parse

SCHEMA = Schema("OldLinksConfig", "OLD_LINKS_", {
    # The list of old addresses, relative to PATH; None turns the plugin off.
    "OLD_LINKS_FILE": Optional(default="old-links.txt", option=Text(None, "a file name under PATH")),
    # Server maps written into the output; None for none.
    "OLD_LINKS_REDIRECTS": Optional(default="_redirects", option=Text(None, "a file name")),
    "OLD_LINKS_NGINX_MAP": Optional(default="nginx-redirects.conf", option=Text(None, "a file name")),
})


def check_settings(generator):
    """The OLD_LINKS_* settings, checked once per build before anything is read."""
    pipeline.this_build(generator.context).config(SCHEMA, generator.settings)


class OldLinksGenerator(Generator):
    """Runs after the articles and pages generators, so every post's URL is known."""

    def generate_context(self):
        self.rules, self.pages = [], []
        state = pipeline.this_build(self.context)
        self.config = state.config(SCHEMA, self.settings)
        if not self.config.file:
            return
        path = os.path.join(self.settings["PATH"], self.config.file)
        if not os.path.isfile(path):
            return
        shown = state.where(path)
        with open(path, encoding="utf-8") as handle:
            links, problems = parse(handle.read(), shown)
        contents = self.context.get("generated_content", {})
        taken = {c.save_as: source for source, c in contents.items() if getattr(c, "save_as", "")}
        for link in links:
            problem = self._resolve(link, contents, taken, shown)
            if problem:
                problems.append(problem)
        state.problems.extend(problems)

    def _resolve(self, link, contents, taken, shown):
        content = contents.get(link.source)
        if content is None or not hasattr(content, "url"):
            choices = [s for s in contents if s.endswith(".md")]
            return Problem(shown, link.line, f"no post or page {link.source!r}",
                           did_you_mean(link.source, choices) or
                           "give the file's path under content/, e.g. posts/2013-11-13-slug.md")
        if content.status != "published":
            return Problem(shown, link.line, f"{link.source} is {content.status}",
                           "a redirect would show readers its address; remove the line "
                           "or publish the post")
        new_path = "/" + content.url
        if not link.is_path:
            self.rules.append((link.old, new_path))
        else:
            save_as = f"{link.folder}/index.html"
            if save_as == content.save_as:
                return None  # the old address is the new one: nothing to redirect
            if save_as in taken:
                return Problem(shown, link.line, f"{link.old} is the address of {taken[save_as]}",
                               "remove the line; a redirect there would hide that page")
            self.rules.append((link.old, new_path))
            url = f"{self.settings['SITEURL']}/{content.url}"
            self.pages.append((save_as, redirect_page(url, plain_text(content.title),
                                                      self.settings.get("DEFAULT_LANG", "en"))))
        return None

    def generate_output(self, writer):
        for save_as, html in self.pages:
            write_if_changed(os.path.join(self.output_path, save_as), html, sync=False)
        if not self.rules:
            return
        rules = sorted(self.rules)
        if self.config.redirects:
            write_if_changed(os.path.join(self.output_path, self.config.redirects), redirects_file(rules), sync=False)
        if self.config.nginx_map:
            write_if_changed(os.path.join(self.output_path, self.config.nginx_map), nginx_map(rules), sync=False)


def get_generators(pelican):
    return OldLinksGenerator


def register():
    pipeline.connect()
    # The first generator of a build is made before anything is read: the
    # settings are checked then, once per build.
    signals.generator_init.connect(check_settings)
    # A generator of our own: Pelican runs plugin generators after the articles
    # and pages generators, so every post's URL and status is known by then.
    signals.get_generators.connect(get_generators)
