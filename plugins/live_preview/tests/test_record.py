"""Which pages a build takes from the last one: what each page read, compared again on the next build's posts."""

import copy
import datetime
import threading

import pytest
from jinja2 import Environment
from jinja2.runtime import missing
from pelican.contents import Article
from pelican.plugins.live_preview.fingerprint import Fingerprints
from pelican.plugins.live_preview.record import Memory, RecordingContext
from pelican.settings import DEFAULT_CONFIG


def post(slug, title="A title", body="<p>The body.</p>", day=1):
    settings = copy.deepcopy(DEFAULT_CONFIG)
    metadata = {"title": title, "slug": slug, "date": datetime.datetime(2024, 3, day)}
    return Article(body, metadata=metadata, settings=settings, source_path=f"/site/posts/{slug}.md", context={})


class Site:
    """Builds of one page with a template, through a Memory, as the preview's writer makes them."""

    def __init__(self, source, filters=None):
        self.env = Environment()
        self.env.context_class = RecordingContext
        self.env.filters.update(filters or {})
        self.template = self.env.from_string(source)
        self.memory = Memory()
        self.last = {}
        self.rendered = []

    def build(self, posts, **names):
        context = {"generated_content": {p.source_path: p for p in posts}, "static_content": {}}
        self.memory.start(context, b"same templates and settings")
        localcontext = {"output_file": "page.html", "articles": posts, **names}

        def render():
            self.rendered.append(len(self.rendered))
            return self.template.render(localcontext)

        text = self.memory.make("page.html", "page", lambda key: localcontext.get(key, missing), render,
                                self.last.get, root=localcontext)
        self.memory.finish(ok=True)
        self.last["page.html"] = text
        return text

    def renders(self, posts, **names):
        """Whether this build rendered the page again (else it took the last bytes)."""
        before = len(self.rendered)
        self.build(posts, **names)
        return len(self.rendered) > before


def test_a_page_showing_a_title_is_taken_from_the_last_build_when_only_the_body_changed():
    site = Site("<h1>{{ article.title }}</h1>")
    assert site.renders([post("a")], article=post("a"))
    # A new build makes new objects, as Pelican does.
    assert not site.renders([post("a", body="<p>Another body.</p>")], article=post("a", body="<p>Another body.</p>"))
    assert site.renders([post("a", title="Another title")], article=post("a", title="Another title"))
    assert site.last["page.html"] == "<h1>Another title</h1>"


def test_a_page_showing_the_body_is_rendered_again_when_the_body_changed():
    site = Site("{{ article.content }}")
    site.build([post("a")], article=post("a"))
    changed = post("a", body="<p>Corrected.</p>")
    assert site.renders([changed], article=changed)
    assert site.last["page.html"] == "<p>Corrected.</p>"


def test_a_listing_is_rendered_again_when_a_post_joins_it_or_a_shown_title_changes():
    site = Site("{% for a in articles %}{{ a.title }};{% endfor %}")
    site.build([post("a"), post("b")])
    assert not site.renders([post("a"), post("b")])
    assert site.renders([post("a"), post("b"), post("c")])
    assert site.renders([post("a"), post("b", title="New"), post("c")])
    assert site.last["page.html"] == "A title;New;A title;"
    assert not site.renders([post("a", body="<p>x</p>"), post("b", title="New"), post("c")])


def test_a_post_read_by_plugin_code_through_a_method_counts_whole():
    # Pelican's memoized methods come as partials; whatever they give
    # depends on the post's whole state.
    site = Site("{{ article | first_words }}", filters={"first_words": lambda a: a.get_content("")[:9]})
    site.build([post("a")], article=post("a"))
    assert site.renders([post("a", body="<p>Other.</p>")], article=post("a", body="<p>Other.</p>"))
    assert site.last["page.html"] == "<p>Other."


def test_a_name_missing_then_given_renders_the_page_again():
    site = Site("{% if COMMENTS_ALL_FEED_URL %}feed{% endif %}")
    site.build([post("a")])
    assert not site.renders([post("a")])
    assert site.renders([post("a")], COMMENTS_ALL_FEED_URL="https://example.org/comments.atom")
    assert site.last["page.html"] == "feed"


def test_a_gone_post_renders_the_page_again():
    site = Site("{{ article.title }}")
    site.build([post("a")], article=post("a"))
    assert site.renders([post("b")], article=post("b"))


def test_a_value_known_only_by_its_address_is_never_taken_as_unchanged():
    # Negative control: a page that read something this process cannot
    # describe is rendered again every time, never served stale.
    lock = threading.Lock()
    site = Site("{{ thing is none }}")
    site.build([], thing=lock)
    assert site.renders([], thing=lock)


def test_new_templates_or_settings_render_every_page_again():
    site = Site("{{ article.title }}")
    site.build([post("a")], article=post("a"))
    site.memory.start({"generated_content": {}, "static_content": {}}, b"another template")
    assert site.memory.last == {}


def test_a_failed_build_forgets_what_it_knew():
    site = Site("{{ article.title }}")
    site.build([post("a")], article=post("a"))
    site.memory.start({"generated_content": {}, "static_content": {}}, b"same templates and settings")
    site.memory.finish(ok=False)
    assert site.memory.last == {} and site.memory.inputs is None


@pytest.mark.parametrize(("one", "other", "same"), [
    ({"b": 1, "a": 2}, {"a": 2, "b": 1}, True),
    ({"a": [1, 2]}, {"a": [2, 1]}, False),
    ({1, 2, 3}, {3, 2, 1}, True),
    (datetime.date(2024, 1, 2), datetime.date(2024, 1, 3), False),
    ((1, "1"), (1, 1), False),
    ("x", b"x", False),
])
def test_digests_follow_values(one, other, same):
    assert (Fingerprints().of(one) == Fingerprints().of(other)) is same


def test_a_post_counts_by_its_source_path_alone():
    # What a page read of it is recorded attribute by attribute instead.
    assert Fingerprints().of(post("a")) == Fingerprints().of(post("a", title="Other", body="Other"))
    assert Fingerprints().of(post("a")) != Fingerprints().of(post("b"))
