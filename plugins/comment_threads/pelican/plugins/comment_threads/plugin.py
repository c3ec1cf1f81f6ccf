"""Pelican glue: settings at start-up, threads onto articles, feeds out."""

import datetime
import logging
import os
from functools import partial
from itertools import chain

from markupsafe import Markup
from pelican import signals

from . import manifest
from .cache import BodyCache
from .feeds import feed_items
from .load import load_comments
from .names import author_badge
from .render import (
    ThreadView,
    body_problems,
    comment_views,
    count_text,
    mailto_href,
    render_body,
    reply_targets,
)
from .settings import apply_defaults
from .state import comment_state, reference_date
from .threads import build_thread, count_nodes, group_by_article, limit_depth

logger = logging.getLogger(__name__)


def report(problems):
    """Log problems as one error, so a strict build lists them all at once."""
    if len(problems) == 1:
        logger.error("Comments: %s", problems[0])
    elif problems:
        lines = "\n".join(f"  - {problem}" for problem in problems)
        logger.error("Comments: %d problems:\n%s", len(problems), lines)


def check_settings(pelican):
    report(apply_defaults(pelican.settings))


def _absolute(siteurl, path):
    return f"{siteurl.rstrip('/')}/{path}"


def _all_articles(generator):
    return chain(
        generator.articles,
        generator.translations,
        generator.hidden_articles,
        generator.hidden_translations,
        generator.drafts,
        generator.drafts_translations,
    )


def _article_problem(article, problem):
    source = os.path.relpath(article.source_path, os.path.dirname(article.settings["PATH"]))
    return f"{source}: {problem}."


def attach_threads(generator):
    """Give every article its `comment_thread` before any page is written."""
    settings = generator.settings
    content_root = os.path.dirname(os.path.abspath(settings["PATH"]))
    comments, problems = load_comments(
        os.path.join(settings["PATH"], settings["COMMENTS_PATH"]),
        content_root,
        settings["TIMEZONE"],
        max_length=settings["COMMENTS_MAX_LENGTH"],
        # Only to refuse dates in the future: nothing the build writes
        # depends on the clock.
        now=datetime.datetime.now(datetime.UTC),
    )
    problems += _presentation_problems(comments, settings["COMMENTS_AUTHOR_NAMES"])
    # Translations share their original's slug; the thread lives on the
    # original, in the site's default language.
    articles = {}
    for article in _all_articles(generator):
        if article.slug not in articles or article.lang == settings["DEFAULT_LANG"]:
            articles[article.slug] = article
    groups, found = group_by_article(comments, sorted(articles))
    problems += found
    today = reference_date(
        settings["COMMENTS_REFERENCE_DATE"], [a.date for a in generator.articles]
    )
    bodies = BodyCache.for_settings(render_body, settings)
    for slug, article in sorted(articles.items()):
        state, problem = comment_state(
            article.metadata.get("comments"),
            default=settings["COMMENTS_DEFAULT_STATE"],
            article_date=article.date,
            close_after_days=settings["COMMENTS_CLOSE_AFTER_DAYS"],
            today=today,
        )
        if problem:
            problems.append(_article_problem(article, problem))
        nodes, found = build_thread(
            groups[slug],
            article.date,
            newest_first=settings["COMMENTS_ORDER"] == "newest-first",
        )
        problems += found
        article.comment_thread = _thread_view(article, state, nodes, settings, bodies)
    bodies.save()
    for article in chain(generator.translations, generator.hidden_translations):
        article.comment_thread = articles[article.slug].comment_thread
    report(problems)
    write_manifest(generator)
    feed_path = settings["COMMENTS_ALL_FEED_ATOM"]
    if feed_path and any(_in_feeds(a) for a in generator.articles):
        # In the shared context, so that every page's <head> can link it.
        generator.context["COMMENTS_ALL_FEED_URL"] = _absolute(
            settings["FEED_DOMAIN"] or settings["SITEURL"], feed_path
        )


def write_manifest(generator):
    """Tell the comment service which posts exist, their state and their comment ids.

    Only published posts: a draft or a hidden post takes no comments from
    strangers, however they learnt its slug.
    """
    settings = generator.settings
    if not settings["COMMENTS_MANIFEST"]:
        return
    entries = [
        manifest.entry(article.slug, _plain(article.title),
                       _absolute(settings["SITEURL"], article.url), article.comment_thread)
        for article in generator.articles
    ]
    text = manifest.to_json(settings["SITEURL"], entries)
    manifest.write(os.path.join(settings["OUTPUT_PATH"], settings["COMMENTS_MANIFEST"]), text)


def _plain(title):
    """A title without Typogrify's markup, for the service's plain-text pages and mails."""
    return Markup(title).striptags().replace("\xa0", " ")


def _presentation_problems(comments, author_names):
    """Names that pass for a site author's, and bodies Markdown cannot read, per file."""
    problems = []
    for comment in comments:
        found = [author_badge(comment.author, comment.role, author_names)[1]]
        found += body_problems(comment.body)
        problems += [f"{comment.path}: {problem}." for problem in found if problem]
    return problems


def _in_feeds(article):
    thread = article.comment_thread
    return thread.state != "hidden" and thread.count > 0


def _thread_view(article, state, nodes, settings, render):
    siteurl = settings["SITEURL"]
    article_url = _absolute(siteurl, article.url)
    count = count_nodes(nodes)
    nodes = limit_depth(nodes, settings["COMMENTS_MAX_INDENT"])
    feed_path = settings["COMMENTS_FEED_ATOM"]
    has_feed = feed_path and count and state != "hidden"
    email = settings["COMMENTS_EMAIL"]
    endpoint = settings["COMMENTS_ENDPOINT"]
    # Without a comment service each Reply link is a mail already answering
    # its comment; with one, the form's "In reply to" list does it.
    reply_mail = (
        partial(mailto_href, email, article.slug, article.title)
        if email and not endpoint and state == "open" else None
    )
    views = comment_views(
        nodes,
        article_url=article_url,
        author_names=settings["COMMENTS_AUTHOR_NAMES"],
        date_format=settings["COMMENTS_DATE_FORMAT"],
        max_indent=settings["COMMENTS_MAX_INDENT"],
        render=render,
        reply_href=reply_mail,
    )
    return ThreadView(
        state=state,
        count=count,
        count_text=count_text(count, state),
        comments=views,
        feed_url=(
            _absolute(settings["FEED_DOMAIN"] or siteurl, feed_path.format(slug=article.slug))
            if has_feed
            else None
        ),
        endpoint=endpoint,
        mailto=mailto_href(email, article.slug, article.title) if email and not endpoint else None,
        policy_url=_absolute(siteurl, settings["COMMENTS_POLICY_URL"]),
        slug=article.slug,
        reply_targets=reply_targets(views) if endpoint and state == "open" else [],
        max_length=settings["COMMENTS_MAX_LENGTH"],
    )


def write_feeds(generator, writer):
    """Write each post's comment feed and the site's recent-comments feed.

    Only threads with comments get a feed: an empty Atom feed has no date
    to put in <updated> but the build's clock, which would break
    byte-for-byte identical builds.
    """
    settings = generator.settings
    context = generator.context
    everything = []
    for article in generator.articles:
        if not _in_feeds(article):
            continue
        thread = article.comment_thread
        items = feed_items(article.url, article.title, thread.comments)
        everything += items
        if settings["COMMENTS_FEED_ATOM"]:
            path = settings["COMMENTS_FEED_ATOM"].format(slug=article.slug)
            writer.write_feed(
                items, context, path, feed_title=f"Comments on {article.title}"
            )
    if settings["COMMENTS_ALL_FEED_ATOM"] and everything:
        everything.sort(key=lambda item: (item.date, item.url), reverse=True)
        writer.write_feed(
            everything, context, settings["COMMENTS_ALL_FEED_ATOM"],
            feed_title="Recent comments",
        )


def register():
    # Settings are checked once, before any content is read.
    signals.initialized.connect(check_settings)
    # Every article is known here and no page is written yet: the moment to
    # read the comments and hang each thread on its article.
    signals.article_generator_finalized.connect(attach_threads)
    # The writer is only handed out after the articles are written.
    signals.article_writer_finalized.connect(write_feeds)
