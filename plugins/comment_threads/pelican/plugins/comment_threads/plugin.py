"""Pelican glue: settings per build, threads onto articles, feeds out."""

import datetime
import os
from functools import partial
from itertools import chain

from pelican import signals

from pelican.plugins.site_common import pipeline
from pelican.plugins.site_common.lasting import Lasting
from pelican.plugins.site_common.problems import Problem
from pelican.plugins.site_common.text import absolute_url, plain_text

from . import manifest, strings
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
from .settings import POST_METADATA, SCHEMA, author_names, way_to_comment_problem
from .state import comment_state, reference_date
from .threads import build_thread, count_nodes, group_by_article, limit_depth


def post_metadata(sender):
    return POST_METADATA


def check_settings(generator):
    """The COMMENTS_* settings, checked once per build before anything is read."""
    state = pipeline.this_build(generator.context)
    config = state.config(SCHEMA, generator.settings)
    problem = way_to_comment_problem(config)
    if problem:
        state.part("comment_threads.no_way_to_comment", lambda: state.add_setting(*problem))


def _all_articles(generator):
    return chain(
        generator.articles,
        generator.translations,
        generator.hidden_articles,
        generator.hidden_translations,
        generator.drafts,
        generator.drafts_translations,
    )


def _line_of_key(path, key):
    try:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    return None
                if line.lower().startswith(f"{key}:"):
                    return number
    except (OSError, UnicodeDecodeError):
        return None
    return None


def attach_threads(generator):
    """Give every article its `comment_thread` before any page is written."""
    settings = generator.settings
    build = pipeline.this_build(generator.context)
    config = build.config(SCHEMA, settings)
    comments, problems = _comments(generator, build, config)
    articles = _originals(generator)
    groups, found = group_by_article(comments, sorted(articles))
    problems += found
    today = reference_date(config.reference_date, [a.date for a in generator.articles])
    bodies = BodyCache.for_settings(render_body, settings)
    for slug, article in sorted(articles.items()):
        article.comment_thread, found = _attached(article, groups[slug], config, build, generator.context, today,
                                                  bodies)
        problems += found
    bodies.save()
    for article in chain(generator.translations, generator.hidden_translations):
        article.comment_thread = articles[article.slug].comment_thread
    build.problems.extend(problems)
    write_manifest(generator, config)
    feed_path = config.all_feed_atom
    if feed_path and any(_in_feeds(a) for a in generator.articles):
        # In the shared context, so that every page's <head> can link it.
        generator.context["COMMENTS_ALL_FEED_URL"] = absolute_url(
            settings["FEED_DOMAIN"] or settings["SITEURL"], feed_path
        )


def thread_again(content, generator):
    """A long-lived preview's post, written before its build: its thread from the comment files as they are now.

    The comments are read as attach_threads reads them, into the last build's
    state (site_common.pipeline.content_again). Returned: the problems found
    in this post's comments, which keep the preview from writing it first.
    """
    if not isinstance(getattr(content, "comment_thread", None), ThreadView):
        return []
    build = pipeline.this_build(generator.context)
    config = build.config(SCHEMA, generator.settings)
    # Its own folder alone: every comment read, and every problem found, is this post's.
    comments, problems = _comments(generator, build, config, only=content.slug)
    today = reference_date(config.reference_date, [a.date for a in generator.articles])
    # One thread's bodies are rendered in a moment; the whole site's stored ones are not loaded for them.
    bodies = BodyCache(render_body)
    # A translation shows its original's thread.
    original = _originals(generator).get(content.slug)
    same = original is None or os.path.normpath(original.source_path) == os.path.normpath(content.source_path)
    content.comment_thread, found = _attached(content if same else original, comments, config, build,
                                              generator.context, today, bodies)
    return problems + found


def _comments(generator, build, config, only=None):
    """(every comment file as read, or those of the post `only`; the problems found reading and presenting them)."""
    settings = generator.settings
    comments, problems = load_comments(
        os.path.join(settings["PATH"], config.path),
        str(build.root),
        settings["TIMEZONE"],
        max_length=config.max_length,
        # Only to refuse dates in the future: nothing the build writes
        # depends on the clock.
        now=datetime.datetime.now(datetime.UTC),
        only=only,
    )
    # The build's context has SITE_AUTHORS with the authors file's names (blog_core).
    return comments, problems + _presentation_problems(comments, author_names(config, generator.context))


def _originals(generator):
    """{slug: post}: translations share their original's slug, and the thread lives on the original."""
    articles = {}
    for article in _all_articles(generator):
        if article.slug not in articles or article.lang == generator.settings["DEFAULT_LANG"]:
            articles[article.slug] = article
    return articles


def _attached(article, comments, config, build, context, today, bodies):
    """(ThreadView, problems) of one post: whether it takes comments, then its thread."""
    problems = []
    state, problem = comment_state(
        article.metadata.get("comments"),
        default=config.default_state,
        article_date=article.date,
        close_after_days=config.close_after_days,
        today=today,
    )
    if problem:
        problems.append(Problem(build.where(article.source_path), _line_of_key(article.source_path, "comments"),
                                *problem))
    thread, found = _thread(article, state, comments, config, context, bodies)
    return thread, problems + found


def write_manifest(generator, config):
    """Tell the comment service which posts exist, their state and their comment ids.

    Only published posts: a draft or a hidden post takes no comments from
    strangers, however they learnt its slug.
    """
    settings = generator.settings
    if not config.manifest:
        return
    entries = [
        manifest.entry(article.slug, plain_text(article.title),
                       absolute_url(settings["SITEURL"], article.url), article.comment_thread)
        for article in generator.articles
    ]
    text = manifest.to_json(settings["SITEURL"], entries)
    manifest.write(os.path.join(settings["OUTPUT_PATH"], config.manifest), text)


def _presentation_problems(comments, names):
    """Names that pass for a site author's, and bodies Markdown cannot read, per file."""
    problems = []
    for comment in comments:
        found = [author_badge(comment.author, comment.role, names)[1]]
        found += body_problems(comment.body)
        problems += [Problem(comment.path, None, *_split_suggestion(problem)) for problem in found if problem]
    return problems


def _split_suggestion(sentence):
    """(message, suggestion) of a sentence written as `what is wrong; what to do`."""
    message, _, suggestion = sentence.partition("; ")
    return message, suggestion or None


def _thread(article, state, comments, config, context, bodies):
    """(ThreadView, problems) of one article's comments, kept for the next build of a long-lived preview."""
    # Comments compare as values (a comment file kept by load.py is the same object).
    key = (tuple(comments), article.title, article.url, article.date, state, config, bodies.fingerprint,
           context.get("SITEURL"), context.get("FEED_DOMAIN"), tuple(author_names(config, context)))

    def make():
        nodes, found = build_thread(comments, article.date, newest_first=config.order == "newest-first")
        return _thread_view(article, state, nodes, config, context, bodies), found

    return _THREADS.get(article.slug, key, make)


# A long-lived preview (live_preview) builds again and again; a thread whose
# comments, post and settings are unchanged comes out the same, so each
# post's last thread is kept, one entry a post.
_THREADS = Lasting()  # slug -> (ThreadView, problems)
# And so are its feed items, while its thread is the same object.
_FEED_ITEMS = {}  # slug -> ((address, title, ThreadView), [FeedItem])


def _in_feeds(article):
    thread = article.comment_thread
    return thread.state != "hidden" and thread.count > 0


def _thread_view(article, state, nodes, config, settings, render):
    siteurl = settings["SITEURL"]
    article_url = absolute_url(siteurl, article.url)
    count = count_nodes(nodes)
    nodes = limit_depth(nodes, config.max_indent)
    feed_path = config.feed_atom
    has_feed = feed_path and count and state != "hidden"
    email, endpoint = config.email, config.endpoint
    # Without a comment service each Reply link is a mail already answering
    # its comment; with one, the form's "In reply to" list does it.
    reply_mail = (
        partial(mailto_href, email, article.slug, article.title)
        if email and not endpoint and state == "open" else None
    )
    views = comment_views(
        nodes,
        article_url=article_url,
        author_names=author_names(config, settings),
        date_format=config.date_format,
        max_indent=config.max_indent,
        render=render,
        reply_href=reply_mail,
    )
    return ThreadView(
        state=state,
        count=count,
        count_text=count_text(count, state),
        comments=views,
        feed_url=(
            absolute_url(settings["FEED_DOMAIN"] or siteurl, feed_path.format(slug=article.slug))
            if has_feed
            else None
        ),
        endpoint=endpoint,
        mailto=mailto_href(email, article.slug, article.title) if email and not endpoint else None,
        policy_url=absolute_url(siteurl, config.policy_url),
        slug=article.slug,
        reply_targets=reply_targets(views) if endpoint and state == "open" else [],
        max_length=config.max_length,
    )


def write_feeds(generator, writer):
    """Write each post's comment feed and the site's recent-comments feed.

    Only threads with comments get a feed: an empty Atom feed has no date
    to put in <updated> but the build's clock, which would break
    byte-for-byte identical builds.
    """
    state = pipeline.this_build(generator.context)
    config = state.config(SCHEMA, generator.settings)
    context = generator.context
    everything = []
    for article in generator.articles:
        if not _in_feeds(article):
            continue
        thread = article.comment_thread
        made_from = (article.url, article.title, thread)
        kept = _FEED_ITEMS.get(article.slug)
        if kept is None or kept[0][:2] != made_from[:2] or kept[0][2] is not thread:
            kept = _FEED_ITEMS[article.slug] = (made_from, feed_items(article.url, article.title, thread.comments))
        items = kept[1]
        everything += items
        if config.feed_atom:
            path = config.feed_atom.format(slug=article.slug)
            writer.write_feed(
                items, context, path, feed_title=strings.THREAD_FEED_TITLE.format(title=article.title)
            )
            # A thread that empties has no feed: a preview takes the last one away.
            state.outputs.add(path)
    if config.all_feed_atom and everything:
        everything.sort(key=lambda item: (item.date, item.url), reverse=True)
        writer.write_feed(
            everything, context, config.all_feed_atom,
            feed_title=strings.ALL_FEED_TITLE,
        )
        state.outputs.add(config.all_feed_atom)


def register():
    pipeline.connect()
    pipeline.post_metadata_keys.connect(post_metadata)
    # The first generator of a build is made before any content is read:
    # settings are checked then, once per build.
    signals.generator_init.connect(check_settings)
    # Every article is known here and no page is written yet: the moment to
    # read the comments and hang each thread on its article.
    signals.article_generator_finalized.connect(attach_threads)
    # A preview's post written before its build gets its thread again.
    pipeline.content_again.connect(thread_again)
    # The writer is only handed out after the articles are written.
    signals.article_writer_finalized.connect(write_feeds)
