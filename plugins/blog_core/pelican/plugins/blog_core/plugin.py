"""Pelican glue for the site-wide rules: settings, metadata and link checks, JSON-LD, the sitemap."""

import os
import posixpath
from pathlib import Path

from markupsafe import Markup
from pelican import signals

from pelican.plugins.site_common import pipeline
from pelican.plugins.site_common.problems import closest
from pelican.plugins.site_common.text import absolute_url, plain_text

from . import jsonld, links, metadata
from .authors import read_authors
from .content_files import find_strays, keep_out
from .feed_entries import fit_feed
from .settings import POST_METADATA, SCHEMA


def post_metadata(sender):
    return POST_METADATA


def start_build(generator):
    """Check the settings once per build (the first generator made is the moment)."""
    state = pipeline.this_build(generator.context)
    config = state.config(SCHEMA, generator.settings)
    if config.typogrify and generator.settings.get("TYPOGRIFY"):
        state.part("blog_core.typogrify_twice", lambda: state.add_setting(
            "TYPOGRIFY", "settings BLOG_TYPOGRIFY and TYPOGRIFY are both on, which would "
            "typogrify every post twice", "keep BLOG_TYPOGRIFY and set TYPOGRIFY = False"))
    # The authors file is read afresh each build; templates and other plugins
    # find the whole list as SITE_AUTHORS in the build's context.
    generator.context["SITE_AUTHORS"] = site_authors(state, config, generator.settings)
    state.part("blog_core.content_files", lambda: check_content_files(state, generator.settings))
    add_filters(generator)


def check_content_files(state, settings):
    """Report symbolic links and hidden files in content/, and keep Pelican from reading them.

    Generators share one settings mapping and read nothing before every one
    of them exists, so IGNORE_FILES changed here holds for the whole build.
    """
    content = settings["PATH"]
    if not os.path.isdir(content):
        return
    # The comments plugin reports its own folder's strays, with its own words
    # (its settings may not be filled in yet: "comments" is its default).
    comments = settings.get("COMMENTS_PATH") or "comments"
    strays = find_strays(content, state.root, ignored=settings.get("IGNORE_FILES", ()),
                         skip={os.path.normpath(comments)})
    keep_out(settings, strays)
    for path, problem in strays.problems:
        state.add(path, None, problem)


def site_authors(state, config, settings):
    """SITE_AUTHORS plus the authors file's names, read once per build."""

    def read():
        if not config.authors_file:
            return dict(config.site_authors)
        path = Path(settings["PATH"], config.authors_file)
        found, problems = read_authors(path, state.where(path))
        state.problems.extend(problems)
        return {**config.site_authors, **found}

    return state.part("blog_core.site_authors", read)


def blogposting_jsonld(article, siteurl, sitename):
    """Jinja filter: the article's BlogPosting structured data."""
    data = jsonld.blogposting(
        url=absolute_url(siteurl, article.url),
        headline=plain_text(article.title),
        description=plain_text(article.summary),
        published=article.date.isoformat(),
        modified=article.modified.isoformat() if getattr(article, "modified", None) else None,
        authors=[(a.name, absolute_url(siteurl, a.url)) for a in article.authors],
        site_name=sitename,
        site_url=siteurl,
        section=article.category.name,
        keywords=[t.name for t in getattr(article, "tags", [])],
        image=absolute_url(siteurl, article.image) if getattr(article, "image", None) else None,
    )
    return Markup(jsonld.to_script_json(data))


def add_filters(generator):
    """Every generator has its own Jinja environment, so each needs the filters.

    With RELATIVE_URLS Pelican turns SITEURL into a path relative to each
    page; canonical links, Open Graph and structured data must still name the
    site absolutely, so templates get the configured address as ABSOLUTE_SITEURL.
    """
    env = getattr(generator, "env", None)
    if env is not None:
        env.filters["blogposting_jsonld"] = blogposting_jsonld
        env.filters["plain_text"] = plain_text
        env.globals["ABSOLUTE_SITEURL"] = generator.settings["SITEURL"]


def _source_text(content):
    try:
        return Path(content.source_path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _report(state, content, findings, text=None):
    if not findings:
        return
    text = _source_text(content) if text is None else text
    lines = metadata.header_lines(text)
    for finding in findings:
        line = lines.get(finding.key) or (lines.get("author") if finding.key == "authors" else None)
        if finding.text:
            line = next((n for n, row in enumerate(text.splitlines(), 1) if finding.text in row), None)
        state.add(content.source_path, line, finding.message, finding.suggestion)


def _relative_link_findings(content):
    return [metadata.Finding(None, *links.advice(attribute, value), text=value)
            for attribute, value in links.relative_links(content._content)]


def check_articles(generator):
    """Report every metadata mistake in posts, at the line of its key."""
    state = pipeline.this_build(generator.context)
    config = state.config(SCHEMA, generator.settings)
    known = metadata.PELICAN_KEYS | pipeline.declared_post_metadata()
    for article in list(generator.articles) + list(generator.drafts):
        raw = article.metadata
        # Read once: for the keys the author wrote, and for the lines of any finding.
        text = _source_text(article)
        findings = (
            metadata.missing_keys(written_metadata(article, text), config.required_metadata)
            + metadata.unknown_keys(raw, known)
            + metadata.date_order(raw.get("date"), raw.get("modified"))
        )
        authors = site_authors(state, config, generator.settings)
        if authors:
            findings += metadata.unknown_authors([a.name for a in article.authors], authors)
        _report(state, article, findings + _relative_link_findings(article), text)


def written_metadata(content, text):
    """The metadata the author wrote in the file.

    Pelican fills some keys in itself before plugins see them: a category
    named after the post's folder (USE_FOLDER_AS_CATEGORY) or DEFAULT_CATEGORY,
    a date from the file name. A required line left out must still be
    reported, so a Markdown post's keys are taken from its header lines.
    """
    if not str(content.source_path).endswith(".md"):
        return content.metadata
    written = metadata.header_lines(text)
    return {key: value for key, value in content.metadata.items() if key in written}


def check_pages(generator):
    state = pipeline.this_build(generator.context)
    known = metadata.PELICAN_KEYS | pipeline.declared_post_metadata()
    for page in list(generator.pages) + list(generator.hidden_pages):
        _report(state, page, metadata.unknown_keys(page.metadata, known) + _relative_link_findings(page))


def check_links(generator):
    """`{filename}` and `{static}` links whose target does not exist, at their line, with the closest file.

    Run when pages are read (posts were read before them) and before static
    files are gathered, which would otherwise warn once more about the file.
    """
    context = generator.context
    state = pipeline.this_build(context)
    content_root = Path(context["PATH"])
    generated = set(context["generated_content"])
    files = sorted(p.relative_to(content_root).as_posix() for p in content_root.rglob("*") if p.is_file())
    for name in CONTENT_LISTS:
        for content in context.get(name) or ():
            source_dir = posixpath.dirname(content.relative_source_path)
            for line, kind, target in links.intrasite_links(_source_text(content)):
                path = links.resolve(target, source_dir)
                if path in generated or (content_root / path).is_file():
                    continue
                near = closest(path, generated if kind == "filename" else files, cutoff=0.5)
                if near is None and kind == "filename":
                    near = closest(posixpath.basename(path), [posixpath.basename(f) for f in generated])
                state.add(content.source_path, line, f"{{{kind}}}{target} names no file in content/",
                          f"did you mean {{{kind}}}{_relative(near, source_dir)}?" if near else
                          "give the path of a file inside content/")
                # Pelican would say "Unable to find" once more, without post or line.
                content._content = content._content.replace(f"{{{kind}}}{target}", "#")
                context["static_links"].discard(path)


def _relative(path, source_dir):
    if posixpath.dirname(path) == source_dir:
        return posixpath.basename(path)
    return "/" + path


CONTENT_LISTS = ("articles", "drafts", "hidden_articles", "pages", "hidden_pages", "draft_pages")


def register():
    from . import sitemap_dates  # noqa: PLC0415  (imports the sitemap plugin only when used)

    pipeline.connect()
    sitemap_dates.register(signals)
    pipeline.post_metadata_keys.connect(post_metadata)
    # The first generator of each build is made before anything is read:
    # settings are checked then, per build. Filters must exist before any
    # template renders, in every generator's own Jinja environment.
    signals.generator_init.connect(start_build)
    # After reading, all posts and their metadata are known; nothing written yet.
    signals.article_generator_finalized.connect(check_articles)
    signals.page_generator_finalized.connect(check_pages)
    # Links need every post and page read, and static files not yet gathered.
    signals.page_generator_finalized.connect(check_links)
    # Each feed's entries exist and are not yet written: mend their links and titles.
    signals.feed_generated.connect(fit_feed)
