"""Pelican glue for the site-wide rules: metadata checks, JSON-LD, sitemap dates."""

import logging
import os

from markupsafe import Markup

from pelican import signals

from . import failures, jsonld, links, metadata
from .authors import read_authors
from .content_files import find_strays, keep_out
from .content_cache import forget_stale_content_cache
from .feed_entries import fit_feed
from .typography import use_typographic_reader
from .writer import keep_unchanged_writer

logger = logging.getLogger(__name__)

DEFAULTS = {
    "SITE_AUTHORS": {},
    # More authors, in a YAML file under PATH (name: bio), added to SITE_AUTHORS.
    "BLOG_AUTHORS_FILE": "authors.yml",
    "BLOG_REQUIRED_METADATA": ["title", "date", "category", "summary"],
    # Metadata read by the theme or by other plugins, beyond Pelican's own.
    "BLOG_EXTRA_METADATA": [],
    # Typogrify in the Markdown reader, where the content cache keeps it.
    "BLOG_TYPOGRIFY": False,
}


def settings_problems(settings):
    """One sentence for each of the plugin's settings that has a wrong value."""
    problems = []
    for key in ("BLOG_REQUIRED_METADATA", "BLOG_EXTRA_METADATA"):
        value = settings.get(key, DEFAULTS[key])
        if not (isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value)):
            problems.append(f"setting {key} must be a list of metadata names, not {value!r}")
    if not isinstance(settings.get("SITE_AUTHORS", {}), dict):
        problems.append("setting SITE_AUTHORS must map each author's name to a short bio, "
                        f"not {settings['SITE_AUTHORS']!r}")
    if settings.get("BLOG_TYPOGRIFY") and settings.get("TYPOGRIFY"):
        problems.append("settings BLOG_TYPOGRIFY and TYPOGRIFY are both on, which would "
                        "typogrify every post twice; keep BLOG_TYPOGRIFY and set TYPOGRIFY = False")
    return problems


def configure(pelican):
    """Check the settings once, report each mistake, and fill in the defaults.

    A wrong value is reported and replaced by its default, so a relaxed build
    still finishes; the strict build stops at the report.
    """
    settings = pelican.settings
    for problem in settings_problems(settings):
        logger.error("pelicanconf.py: %s", problem)
    for key, default in DEFAULTS.items():
        if key not in settings or settings_problems({key: settings[key]}):
            settings[key] = default
    check_content_files(settings)
    add_file_authors(settings)


def check_content_files(settings):
    """Report symbolic links and hidden files in content/, and keep Pelican from reading them."""
    content = settings["PATH"]
    if not os.path.isdir(content):
        return
    # The comments plugin reports its own folder's strays, with its own words
    # (its settings may not be filled in yet: "comments" is its default).
    comments = settings.get("COMMENTS_PATH") or "comments"
    strays = find_strays(content, os.getcwd(), ignored=settings.get("IGNORE_FILES", ()),
                         skip={os.path.normpath(comments)})
    keep_out(settings, strays)
    for path, problem in strays.problems:
        logger.error("%s: %s", path, problem)


def add_file_authors(settings):
    """SITE_AUTHORS plus the authors file's names, read when each build starts."""
    if not settings["BLOG_AUTHORS_FILE"]:
        return
    path = os.path.join(settings["PATH"], settings["BLOG_AUTHORS_FILE"])
    found, problems = read_authors(path, os.path.relpath(path))
    for problem in problems:
        logger.error("%s", problem)
    settings["SITE_AUTHORS"] = {**settings["SITE_AUTHORS"], **found}


def display_path(content):
    """The source file as the author would type it: relative to where make runs."""
    return os.path.relpath(content.source_path)


def _plain_text(html):
    """Text of an HTML fragment, entities decoded (Typogrify's &nbsp; becomes a space)."""
    return Markup(str(html)).striptags().replace("\xa0", " ")


def blogposting_jsonld(article, siteurl, sitename):
    """Jinja filter: the article's BlogPosting structured data."""
    data = jsonld.blogposting(
        url=f"{siteurl}/{article.url}",
        headline=_plain_text(article.title),
        description=_plain_text(article.summary),
        published=article.date.isoformat(),
        modified=article.modified.isoformat() if getattr(article, "modified", None) else None,
        authors=[(a.name, f"{siteurl}/{a.url}") for a in article.authors],
        site_name=sitename,
        site_url=siteurl,
        section=article.category.name,
        keywords=[t.name for t in getattr(article, "tags", [])],
        image=f"{siteurl}/{article.image}" if getattr(article, "image", None) else None,
    )
    return Markup(jsonld.to_script_json(data))


def add_filters(generator):
    """Every generator has its own Jinja environment, so each needs the filter.

    With RELATIVE_URLS Pelican turns SITEURL into a path relative to each
    page; canonical links, Open Graph and structured data must still name the
    site absolutely, so templates get the configured address as ABSOLUTE_SITEURL.
    """
    generator.env.filters["blogposting_jsonld"] = blogposting_jsonld
    generator.env.filters["plain_text"] = _plain_text
    generator.env.globals["ABSOLUTE_SITEURL"] = generator.settings["SITEURL"]


def check_articles(generator):
    """Report every metadata mistake in posts, naming the file."""
    config = generator.settings
    known = metadata.PELICAN_KEYS | set(config["BLOG_EXTRA_METADATA"])
    for article in list(generator.articles) + list(generator.drafts):
        raw = article.metadata
        problems = (
            metadata.missing_keys(raw, config["BLOG_REQUIRED_METADATA"])
            + metadata.unknown_keys(raw, known)
            + metadata.date_order(raw.get("date"), raw.get("modified"))
        )
        if config["SITE_AUTHORS"]:
            problems += metadata.unknown_authors(
                [a.name for a in article.authors], config["SITE_AUTHORS"]
            )
        problems += [links.advice(*link) for link in links.relative_links(article._content)]
        for problem in problems:
            logger.error("%s: %s", display_path(article), problem)
    pin_sitemap_date(generator)


def check_pages(generator):
    known = metadata.PELICAN_KEYS | set(generator.settings["BLOG_EXTRA_METADATA"])
    for page in list(generator.pages) + list(generator.hidden_pages):
        problems = metadata.unknown_keys(page.metadata, known)
        problems += [links.advice(*link) for link in links.relative_links(page._content)]
        for problem in problems:
            logger.error("%s: %s", display_path(page), problem)


def pin_sitemap_date(generator):
    """Give listing pages the newest post's date in the sitemap, not the build time.

    The sitemap plugin dates index pages with the moment of the build, which
    would make two builds of the same sources differ. The newest post's date
    is also the truer answer: that is when those listings last changed.
    """
    try:
        from pelican.plugins.sitemap import sitemap
    except ImportError:
        return
    dates = [getattr(a, "modified", None) or a.date for a in generator.articles]
    if dates:
        sitemap.generator.now = max(dates)


def register():
    failures.install()
    # Settings are final and nothing is read yet: check them once.
    signals.initialized.connect(configure)
    # Before any reading: cached HTML made with other settings or code is dropped.
    signals.initialized.connect(forget_stale_content_cache)
    # Before any file is read: Markdown goes through the typographic reader.
    signals.readers_init.connect(use_typographic_reader)
    # Pages and feeds that come out the same are not rewritten.
    signals.get_writer.connect(keep_unchanged_writer)
    # Filters must exist before any template renders.
    signals.generator_init.connect(add_filters)
    # After reading, all posts and their metadata are known; nothing written yet.
    signals.article_generator_finalized.connect(check_articles)
    signals.page_generator_finalized.connect(check_pages)
    # Each feed's entries exist and are not yet written: mend their links and titles.
    signals.feed_generated.connect(fit_feed)
