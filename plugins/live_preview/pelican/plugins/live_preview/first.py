"""The page of the post an edit is about, written before the build that follows it.

The author looks at the post they are editing, or answering a comment on.
When the one file saved is a post whose chart blocks and header are as they
were but for its title, summary or date of last change
(changes.Plan.edited_post), or a new comment (Plan.new_comment), nothing
else in the site can change what that post's page shows: its address, its
neighbours, its lists and its tags come from the rest of the headers, and
its charts from the data set and the chart blocks. So its page is rendered at once,
into the last build's site (its context, templates and plugins' state): the
post read again, or the last build's post given its thread again by the
comments plugin (site_common.pipeline.content_again). It is written as the
build would write it. The build then runs as always and writes the same
bytes, which the preview therefore does not announce twice; listings and
feeds follow with the build.

Nothing is written first when reading the post or its comments reports a
problem, or when the build is strict (a mistake found later in the build
would stop it, and the output must stay the last good build's).
"""

import copy
import os
from itertools import chain

from pelican import signals
from pelican.contents import Article, SkipStub
from pelican.generators import ArticlesGenerator

from pelican.plugins.build_speed.writer import KeepUnchangedWriter
from pelican.plugins.site_common import pipeline

# Pelican's own lists of the posts and pages each generator writes, as its generate_output goes through them.
ARTICLE_LISTS = ("translations", "articles", "hidden_translations", "hidden_articles")
PAGE_LISTS = ("translations", "pages", "hidden_translations", "hidden_pages", "draft_translations", "draft_pages")


def write_first(generators, output, plan):
    """Write the page of the post `plan` (a changes.Plan) is about, from the last build's site; its name, or None.

    `generators` are the last build's articles and pages generators.
    """
    if not generators or pipeline.this_build(generators[0].context).strict:
        return None
    if plan.edited_post is not None:
        path = os.path.normpath(plan.edited_post)
        for generator in generators:
            lists = ARTICLE_LISTS if isinstance(generator, ArticlesGenerator) else PAGE_LISTS
            last = _find(generator, lists, lambda content: os.path.normpath(content.source_path) == path)
            if last is not None:
                content = _read_again(generator, last)
                return None if content is None else _write(generator, content, output)
    elif plan.new_comment is not None:
        for generator in generators:
            if isinstance(generator, ArticlesGenerator):
                last = _find(generator, ("articles", "hidden_articles"),
                             lambda content: content.slug == plan.new_comment)
                # A copy: the last build's post may be handed to the next build.
                return None if last is None else _write(generator, copy.copy(last), output)
    return None


def _find(generator, lists, wanted):
    return next((content for content in chain.from_iterable(getattr(generator, name, ()) for name in lists)
                 if wanted(content)), None)


def _read_again(generator, last):
    """The post at `last`'s file read again into the last build's site, or None if that reports a problem."""
    state = pipeline.this_build(generator.context)
    problems, warnings = len(state.problems), state.log.count
    article = isinstance(last, Article)
    try:
        content = generator.readers.read_file(
            base_path=generator.path,
            path=os.path.relpath(last.source_path, generator.path),
            content_class=type(last),
            context=generator.context,
            preread_signal=signals.article_generator_preread if article else signals.page_generator_preread,
            preread_sender=generator,
            context_signal=signals.article_generator_context if article else signals.page_generator_context,
            context_sender=generator,
        )
    except Exception:  # the build that follows reads it again and says what is wrong
        return None
    if (isinstance(content, SkipStub) or not content.is_valid() or len(state.problems) != problems
            or state.log.count != warnings or _placed(content) != _placed(last)):
        return None
    if not article and content.title != last.title:
        return None  # a page's title is in every page's menu
    # What the build gave the post after reading it (its neighbours, its
    # translations, what the plugins add once every post is read) is the same
    # as last time: the headers that decide it did not change. Names with an
    # underscore are what reading itself makes; they are this reading's.
    for name, value in vars(last).items():
        if not name.startswith("_"):
            vars(content).setdefault(name, value)
    content.refresh_metadata_intersite_links()
    return content


def _write(generator, content, output):
    """Write `content`'s page, once the plugins have given it their parts again without a problem."""
    if any(problems for _receiver, problems in pipeline.content_again.send(content, generator=generator)):
        return None
    article = isinstance(content, Article)
    keyword = {"article": content, "category": getattr(content, "category", None), "blog": True} if article \
        else {"page": content}
    writer = KeepUnchangedWriter(str(output), settings=generator.settings)
    # The build that follows writes the page again and tells the plugins
    # (the sitemap, the search index) then; telling them now would count it twice.
    with signals.content_written.muted():
        writer.write_file(content.save_as, generator.get_template(content.template), generator.context,
                          relative_urls=generator.settings["RELATIVE_URLS"],
                          override_output=hasattr(content, "override_save_as"), url=content.url, **keyword)
    return content.save_as


def _placed(content):
    """Where and how a post is written: unchanged when its header is."""
    return content.save_as, content.url, content.status, content.template, getattr(content, "lang", None)
