"""Posts kept from the last build: handed over only while their file and what reading depends on are unchanged."""

import os
from types import SimpleNamespace

import pytest
from pelican.plugins.live_preview.reuse import Kept

from pelican.plugins.site_common import pipeline
from pelican.plugins.site_common.problems import Problem

from .folders import content_folder


@pytest.fixture
def site(tmp_path):
    return content_folder(tmp_path, {"posts/a.md": "Title: A\n\nText.\n", "posts/b.md": "Title: B\n\nText.\n",
                                     "data/observations.csv": "a,b\n1,2\n", "comments/a/x.md": "Author: X\n\nHi.\n"})


class Generator:
    """What Kept needs of one of Pelican's generators: its folder, its context and its cache methods."""

    def __init__(self, content):
        self.path = str(content)
        self.context = {"PATH": str(content)}
        self.stored = []

    def get_cached_data(self, filename, default=None):
        return default

    def cache_data(self, filename, data):
        self.stored.append(filename)


def build(kept, content, read=("posts/a.md", "posts/b.md"), problems=(), configured=b"settings", drawing=None,
          asking=None, answers=None):
    """One build: what the generator is handed from the last, then what it reads and what the build reports.

    `drawing`: {post: path} for posts whose reading draws on a file besides their own, as one with figures
    draws on the data set. `asking`: {post: (path, questions)} for posts that say what they asked of it,
    and `answers`: {path: function} how this build answers (BuildState.answers).
    """
    kept.start({"PATH": str(content), "THEME": str(content)}, configured)
    generator = Generator(content)
    pipeline.this_build(generator.context).answers.update(answers or {})
    kept.attach(generator)
    handed = {}
    for name in read:
        found = generator.get_cached_data(name, None)
        if found is None:
            found = SimpleNamespace(source_path=str(content / name), build=id(generator))
            if name in (drawing or {}):
                pipeline.drew_on(found, drawing[name])
            if name in (asking or {}):
                pipeline.asked_of(found, *asking[name])
            generator.cache_data(name, found)
        handed[name] = found
    # What the build reported, as its state holds it (no real build runs here).
    generator.context[pipeline.CONTEXT_KEY] = SimpleNamespace(root=content.parent, problems=list(problems))
    kept.finish(generator.context, ok=True)
    return handed, generator


def touch(path, text):
    before = os.stat(path).st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 10**9, before + 10**9))


def test_an_unchanged_post_is_handed_over_with_this_builds_context(site):
    kept = Kept()
    first, _ = build(kept, site)
    second, generator = build(kept, site)
    assert second["posts/a.md"] is first["posts/a.md"]
    assert second["posts/a.md"]._context is generator.context
    assert (kept.read, kept.reused) == (0, 2)


def test_a_saved_post_is_read_again_and_only_it(site):
    kept = Kept()
    first, _ = build(kept, site)
    touch(site / "posts" / "a.md", "Title: A\n\nBetter text.\n")
    second, _ = build(kept, site)
    assert second["posts/a.md"] is not first["posts/a.md"]
    assert second["posts/b.md"] is first["posts/b.md"]


@pytest.mark.parametrize("change", [
    lambda content: touch(content / "data" / "observations.csv", "a,b\n1,3\n"),
    lambda content: (content / "posts" / "c.md").write_text("Title: C\n\nNew.\n", encoding="utf-8"),
    lambda content: (content / "posts" / "b.md").unlink(),
])
def test_a_change_reading_depends_on_reads_every_post_again(site, change):
    # The data set fills posts' figures; a new or deleted file changes what links resolve to.
    kept = Kept()
    first, _ = build(kept, site)
    change(site)
    second, _ = build(kept, site, read=("posts/a.md",))
    assert second["posts/a.md"] is not first["posts/a.md"]


def test_a_new_comment_does_not_make_posts_read_again(site):
    kept = Kept()
    first, _ = build(kept, site)
    (site / "comments" / "a" / "y.md").write_text("Author: Y\n\nMe too.\n", encoding="utf-8")
    second, _ = build(kept, site)
    assert second["posts/a.md"] is first["posts/a.md"]


def test_a_post_the_last_build_reported_a_problem_in_is_read_again(site):
    # So that every build reports it, not only the one that read the file.
    kept = Kept()
    problem = Problem(f"{site.name}/posts/a.md", 3, "a broken link", "name a file in content/")
    first, _ = build(kept, site, problems=[problem])
    second, _ = build(kept, site)
    assert second["posts/a.md"] is not first["posts/a.md"]
    assert second["posts/b.md"] is first["posts/b.md"]


def test_a_failed_build_forgets_every_post(site):
    kept = Kept()
    first, _ = build(kept, site)
    kept.finish(None, ok=False)
    second, _ = build(kept, site)
    assert second["posts/b.md"] is not first["posts/b.md"]


def test_other_settings_read_every_post_again(site):
    # A kept post holds the settings it was read with: its address, its date format.
    kept = Kept()
    first, _ = build(kept, site)
    second, _ = build(kept, site, configured=b"ARTICLE_URL changed")
    assert second["posts/a.md"] is not first["posts/a.md"]


def test_a_data_change_reads_again_only_the_posts_that_drew_on_the_data_set(site):
    kept = Kept()
    drawing = {"posts/a.md": site / "data"}
    first, _ = build(kept, site, drawing=drawing)
    # What the first build drew on is told apart from then on: the next build keeps both.
    second, _ = build(kept, site, drawing=drawing)
    assert second["posts/a.md"] is first["posts/a.md"] and second["posts/b.md"] is first["posts/b.md"]
    touch(site / "data" / "observations.csv", "a,b\n1,3\n")
    third, _ = build(kept, site, drawing=drawing)
    assert third["posts/a.md"] is not first["posts/a.md"]
    assert third["posts/b.md"] is first["posts/b.md"]
    assert (kept.read, kept.reused) == (1, 1)
    # A new file in the data set's folder is a new name in content: every post is read again.
    (site / "data" / "sources.csv").write_text("id\nx\n", encoding="utf-8")
    fourth, _ = build(kept, site, drawing=drawing)
    assert fourth["posts/b.md"] is not first["posts/b.md"]


def test_a_post_drawing_on_a_file_outside_content_is_read_again_when_it_changes(site, tmp_path):
    palette = tmp_path / "elsewhere.css"
    palette.write_text(":root { --a: #000; }", encoding="utf-8")
    kept = Kept()
    first, _ = build(kept, site, drawing={"posts/b.md": palette})
    touch(palette, ":root { --a: #111; }")
    second, _ = build(kept, site, drawing={"posts/b.md": palette})
    assert second["posts/b.md"] is not first["posts/b.md"]
    assert second["posts/a.md"] is first["posts/a.md"]


def test_a_post_that_said_what_it_asked_is_kept_while_the_answers_stay_the_same(site):
    data = str(site / "data")
    asking = {"posts/a.md": (data, {("cell", "FY2012")}), "posts/b.md": (data, {("cell", "FY2013")})}

    def answering(values):
        return {data: lambda questions: sorted(values[question[1]] for question in questions)}

    first, _ = build(kept := Kept(), site, asking=asking, answers=answering({"FY2012": 1, "FY2013": 2}))
    build(kept, site, asking=asking, answers=answering({"FY2012": 1, "FY2013": 2}))
    # The file changed; only the answer to b's question did.
    touch(site / "data" / "observations.csv", "a,b\n1,3\n")
    third, _ = build(kept, site, asking=asking, answers=answering({"FY2012": 1, "FY2013": 3}))
    assert third["posts/a.md"] is first["posts/a.md"]
    assert third["posts/b.md"] is not first["posts/b.md"]
    # A build that cannot answer (its data set has a mistake) goes by the files: both are read again.
    touch(site / "data" / "observations.csv", "a,b\n1,4\n")
    fourth, _ = build(kept, site, asking=asking)
    assert fourth["posts/a.md"] is not first["posts/a.md"] and fourth["posts/b.md"] is not third["posts/b.md"]
    # And the build after it, answering again, reads them again: they were read by the files.
    fifth, _ = build(kept, site, asking=asking, answers=answering({"FY2012": 1, "FY2013": 3}))
    assert fifth["posts/a.md"] is not fourth["posts/a.md"]
    sixth, _ = build(kept, site, asking=asking, answers=answering({"FY2012": 1, "FY2013": 3}))
    assert sixth["posts/a.md"] is fifth["posts/a.md"]


def test_what_a_post_asked_adds_up_and_names_what_it_drew_on():
    post = SimpleNamespace()
    pipeline.asked_of(post, "data", {1})
    pipeline.asked_of(post, "data", {2})
    assert pipeline.asked(post) == {"data": frozenset({1, 2})} and pipeline.drawn_on(post) == {"data"}
