"""Which edits the preview builds in place, which afresh, and which start it again."""

from pathlib import Path

import pytest
from pelican.plugins.live_preview.changes import Layout, Plan, plan, signature, signatures_of

from .folders import content_folder

POST = "Title: A post\nDate: 2013-11-20 09:30\nTags: EOIR\n\nText.\n\n```chart\ntype: bar\n```\n"


@pytest.fixture
def site(tmp_path):
    content = content_folder(tmp_path, {"posts/a.md": POST, "comments/a-post/x.md": "Author: X\n\nHi.\n",
                                        "data/observations.csv": "a,b\n"})
    (tmp_path / "plugins").mkdir()
    layout = Layout(content=content, settings_file=tmp_path / "pelicanconf.py", comments=content / "comments",
                    data=content / "data", code=(tmp_path / "plugins",))
    return layout, signatures_of(content)


def saved(path, text):
    Path(path).write_text(text, encoding="utf-8")
    return {("modified", str(path))}


def test_a_post_body_edit_is_built_in_place(site):
    layout, known = site
    result = plan(saved(layout.content / "posts" / "a.md", POST.replace("Text.", "Better text.")), layout, known)
    assert (result.build, result.afresh) == (True, False)


@pytest.mark.parametrize("edit", [
    lambda text: text.replace("Tags: EOIR", "Tags: EOIR, TRAC"),
    lambda text: text.replace("2013-11-20", "2013-11-21"),
    lambda text: text.replace("```chart\ntype: bar\n```\n", ""),
])
def test_a_header_or_chart_edit_is_built_afresh(site, edit):
    layout, known = site
    result = plan(saved(layout.content / "posts" / "a.md", edit(POST)), layout, known)
    assert result.afresh and "header or charts of posts/a.md changed" in result.reasons


def test_the_signature_is_the_header_the_chart_count_and_the_chart_blocks():
    assert signature(POST) == ("Title: A post\nDate: 2013-11-20 09:30\nTags: EOIR", 1, ("```chart\ntype: bar\n```",))
    assert signature(POST + "more words\n") == signature(POST)
    edited = signature(POST.replace("type: bar", "type: line"))
    assert edited.outputs == signature(POST).outputs and edited != signature(POST)


def test_a_post_whose_text_alone_changed_is_named_for_its_page_first(site):
    layout, known = site
    path = layout.content / "posts" / "a.md"
    assert plan(saved(path, POST.replace("Text.", "Better text.")), layout, known).edited_post == path
    # An editor's temporary file, gone by the time the batch is looked at, changes nothing.
    batch = saved(path, POST.replace("Text.", "Best text.")) | {("added", str(path) + ".swp")}
    assert plan(batch, layout, known).edited_post == path


def test_a_new_comment_names_its_posts_slug_for_the_page_first(site):
    layout, known = site
    assert plan(saved(layout.content / "comments" / "a-post" / "y.md", "Author: Y\n\nHello.\n"), layout,
                known).new_comment == "a-post"
    # Not a comment file: no post to write first.
    assert plan(saved(layout.content / "comments" / "notes.md", "Author: Y\n\nHello.\n"), layout,
                known).new_comment is None
    # A comment edited (its thread can change shape) or saved with a post: the build does it all.
    edited = plan(saved(layout.content / "comments" / "a-post" / "x.md", "Author: X\n\nHi again.\n"), layout, known)
    assert edited.new_comment is None and not edited.afresh
    both = saved(layout.content / "comments" / "a-post" / "z.md", "Author: Z\n\nHey.\n") | saved(
        layout.content / "posts" / "a.md", POST.replace("Text.", "Other."))
    together = plan(both, layout, known)
    assert (together.new_comment, together.edited_post, together.afresh) == (None, None, False)


def test_a_post_whose_title_or_summary_alone_changed_is_named_for_its_page_first(site):
    layout, known = site
    path = layout.content / "posts" / "a.md"
    # Without a Slug: line the title is the address: built afresh, the old page taken away.
    result = plan(saved(path, POST.replace("Title: A post", "Title: A better post")), layout, known)
    assert (result.edited_post, result.afresh) == (path, True)
    summary = POST.replace("Tags: EOIR\n", "Tags: EOIR\nSummary: Two lines\n  about it.\n")
    assert plan(saved(path, summary), layout, known).edited_post == path
    result = plan(saved(path, summary.replace("  about it.", "  about this.")), layout, known)
    assert (result.edited_post, result.afresh) == (path, False)
    # With one, no file moves: built in place.
    slugged = summary.replace("Tags: EOIR\n", "Tags: EOIR\nSlug: a-post\n")
    assert plan(saved(path, slugged), layout, known).afresh
    result = plan(saved(path, slugged.replace("Title: A post", "Title: A better post")), layout, known)
    assert (result.edited_post, result.afresh) == (path, False)
    # The date decides its neighbours; a continued line belongs to its key.
    assert plan(saved(path, summary.replace("2013-11-20", "2013-11-21")), layout, known).edited_post is None
    assert plan(saved(path, summary.replace("Tags: EOIR\n", "Tags: EOIR,\n  TRAC\n")), layout, known).edited_post is None


@pytest.mark.parametrize("edit", [
    # A chart block edited in place: built in place, but its chart is drawn anew by the build.
    lambda layout: saved(layout.content / "posts" / "a.md", POST.replace("type: bar", "type: line")),
    lambda layout: saved(layout.content / "posts" / "a.md", POST.replace("Tags: EOIR", "Tags: TRAC")),
    lambda layout: saved(layout.content / "posts" / "b.md", POST),
    lambda layout: saved(layout.content / "comments" / "a-post" / "y.md", "Author: Y\n\nHello.\n"),
    lambda layout: saved(layout.content / "data" / "observations.csv", "a,b\n1,2\n"),
    lambda layout: saved(layout.content / "posts" / "a.md", POST.replace("Text.", "Other."))
    | saved(layout.content / "comments" / "a-post" / "x.md", "Author: X\n\nHi again.\n"),
    lambda layout: saved(layout.content / "posts" / "a.md", POST.replace("Text.", "Other."))
    | saved(layout.settings_file, "SITENAME = 'x'\n"),
])
def test_no_post_page_is_written_first_for_any_other_batch(site, edit):
    layout, known = site
    assert plan(edit(layout), layout, known).edited_post is None


def test_a_new_post_or_comment_is_built_in_place_and_then_known(site):
    layout, known = site
    new = layout.content / "posts" / "b.md"
    assert not plan(saved(new, POST), layout, known).afresh
    comment = layout.content / "comments" / "a-post" / "y.md"
    assert not plan(saved(comment, "Author: Y\n\nHello.\n"), layout, known).afresh
    # Once built, a change to the new post's header is a header change.
    assert plan(saved(new, POST.replace("A post", "B post")), layout, known).afresh


def test_deleted_posts_and_settings_are_built_afresh(site):
    layout, known = site
    (layout.content / "posts" / "a.md").unlink()
    assert plan({("deleted", str(layout.content / "posts" / "a.md"))}, layout, known).afresh
    settings = plan(saved(layout.settings_file, "SITENAME = 'x'\n"), layout, known)
    assert settings.settings and settings.afresh and not settings.restart


def test_an_edited_or_deleted_comment_is_built_in_place(site):
    # A thread that empties has no feed: the build takes the last one away (build.Builder).
    layout, known = site
    comment = layout.content / "comments" / "a-post" / "x.md"
    assert plan(saved(comment, "Author: X\n\nHi again.\n"), layout, known) == Plan()
    comment.unlink()
    assert plan({("deleted", str(comment))}, layout, known) == Plan()


def test_a_temporary_file_made_and_removed_is_ignored(site):
    layout, known = site
    temporary = str(layout.content / "comments" / "a-post" / ".y.md.123.tmp")
    result = plan({("added", temporary), ("deleted", temporary)}, layout, known)
    assert (result.build, result.afresh) == (True, False)


def test_a_rename_saved_file_counts_as_modified(site):
    layout, known = site
    path = layout.content / "posts" / "a.md"
    path.write_text(POST + "A sentence.\n", encoding="utf-8")
    assert not plan({("deleted", str(path)), ("added", str(path))}, layout, known).afresh


def test_plugin_code_starts_the_process_again(site):
    layout, known = site
    module = layout.code[0] / "thing.py"
    assert plan(saved(module, "A = 1\n"), layout, known).restart
    # Negative controls: a plugin's tests and a Python file elsewhere are not code a build runs.
    (layout.code[0] / "tests").mkdir()
    assert not plan(saved(layout.code[0] / "tests" / "test_thing.py", "A = 1\n"), layout, known).restart
    assert not plan(saved(layout.content / "script.py", "A = 1\n"), layout, known).restart


def test_a_changed_data_row_is_built_in_place_and_a_deleted_data_file_afresh(site):
    # A chart that stops drawing has its files taken away by the build itself (build.Builder).
    layout, known = site
    data = layout.content / "data" / "observations.csv"
    assert plan(saved(data, "a,b\n1,2\n"), layout, known) == Plan()
    data.unlink()
    assert plan({("deleted", str(data))}, layout, known).afresh
