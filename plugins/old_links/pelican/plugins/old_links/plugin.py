"""Pelican glue: old-links.txt is read once posts and pages are known, and written with the site."""

import logging
import os

from pelican import signals
from pelican.generators import Generator
from pelican.plugins.site_common.files import write_if_changed
from pelican.plugins.site_common.problems import Problem, did_you_mean

from .output import nginx_map, redirect_page, redirects_file
from .table import parse

logger = logging.getLogger(__name__)

DEFAULTS = {
    # The list of old addresses, relative to PATH; None turns the plugin off.
    "OLD_LINKS_FILE": "old-links.txt",
    # Server maps written into the output; None for none.
    "OLD_LINKS_REDIRECTS": "_redirects",
    "OLD_LINKS_NGINX_MAP": "nginx-redirects.conf",
}


def configure(pelican):
    """Fill in defaults; a value that is not a file name is reported and replaced."""
    for key, default in DEFAULTS.items():
        value = pelican.settings.setdefault(key, default)
        if value is not None and not (isinstance(value, str) and value.strip()):
            logger.error("pelicanconf.py: setting %s must be a file name or None, not %r",
                         key, value)
            pelican.settings[key] = default


class OldLinksGenerator(Generator):
    """Runs after the articles and pages generators, so every post's URL is known."""

    def generate_context(self):
        self.rules, self.pages = [], []
        name = self.settings.get("OLD_LINKS_FILE")
        if not name:
            return
        path = os.path.join(self.settings["PATH"], name)
        if not os.path.isfile(path):
            return
        shown = os.path.relpath(path)
        with open(path, encoding="utf-8") as handle:
            links, problems = parse(handle.read(), shown)
        contents = self.context.get("generated_content", {})
        taken = {c.save_as: source for source, c in contents.items() if getattr(c, "save_as", "")}
        for link in links:
            problem = self._resolve(link, contents, taken, shown)
            if problem:
                problems.append(problem)
        for problem in problems:
            logger.error("%s", problem)

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
            self.pages.append((save_as, redirect_page(url, _title(content),
                                                      self.settings.get("DEFAULT_LANG", "en"))))
        return None

    def generate_output(self, writer):
        for save_as, html in self.pages:
            write_if_changed(os.path.join(self.output_path, save_as), html)
        if not self.rules:
            return
        rules = sorted(self.rules)
        if self.settings.get("OLD_LINKS_REDIRECTS"):
            write_if_changed(os.path.join(self.output_path, self.settings["OLD_LINKS_REDIRECTS"]),
                   redirects_file(rules))
        if self.settings.get("OLD_LINKS_NGINX_MAP"):
            write_if_changed(os.path.join(self.output_path, self.settings["OLD_LINKS_NGINX_MAP"]),
                   nginx_map(rules))


def _title(content):
    from markupsafe import Markup

    return Markup(str(content.title)).striptags()


def get_generators(pelican):
    return OldLinksGenerator


def register():
    # Settings are final and nothing is read yet: check them once.
    signals.initialized.connect(configure)
    # A generator of our own: Pelican runs plugin generators after the articles
    # and pages generators, so every post's URL and status is known by then.
    signals.get_generators.connect(get_generators)
