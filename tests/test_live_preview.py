"""The live preview after each kind of edit equals, byte for byte, a clean build of the same sources.

One preview runs through the whole series of edits, as an author's session
does; after each, a clean build (no output, its own caches, in a new
process) of the same sources with the same settings is compared with the
preview's output, file by file.
"""

import csv
import datetime
import io
import re
import shutil
from pathlib import Path

import pytest

from bench.builders import Ours, edit_post, edit_row
from bench.sitegen import CATEGORIES, generate
from pelican.plugins.comment_threads import commentfile
from tests.livepreview import EVENTS, LivePreview, differences
from tests.sitebuild import ROOT, run_pelican

pytestmark = pytest.mark.slow

POSTS = 12


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    work = tmp_path_factory.mktemp("live")
    site = generate(work / "site", POSTS, seed=11)
    theme = work / "theme"
    shutil.copytree(ROOT / "theme", theme)
    settings = {"THEME": str(theme), "CACHE_PATH": str(work / "cache"), "CHARTS_CACHE_PATH": str(work / "charts")}
    preview = LivePreview(site.ours, work / "output", settings, work / "preview.log")
    preview.start()
    try:
        yield site, preview, work
    finally:
        preview.stop()


def build_and_compare(session, name):
    """Wait for the preview's build of the edit just saved; return how its output differs from a clean build."""
    site, preview, work = session
    messages = preview.settle(timeout=300)
    changes = any(message["changed"] for _, message in messages)
    assert changes != (name in CHANGE_NOTHING), f"{name}: the build changed {'something' if changes else 'nothing'}\n{preview.log()}"
    clean = work / f"clean-{name}"
    settings = {**preview.settings, "CACHE_PATH": str(work / "clean-cache"),
                "CHARTS_CACHE_PATH": str(work / "clean-charts")}
    build = run_pelican(site.ours, clean, settings=settings, strict=False)
    assert build.ok, build.log
    found = differences(preview.output, clean)
    shutil.rmtree(clean)
    return found, [message for _, message in messages]


def page_stamps(folder):
    """{page or feed: modification time} of an output folder, the search index aside."""
    return {path.relative_to(folder).as_posix(): path.stat().st_mtime_ns for path in Path(folder).rglob("*")
            if path.suffix in (".html", ".xml") and "pagefind" not in path.parts}


def replace_header(path, key, value):
    text = path.read_text(encoding="utf-8")
    edited, count = re.subn(rf"^{key}: .*$", f"{key}: {value}", text, count=1, flags=re.MULTILINE)
    assert count == 1, f"no {key} line in {path}"
    path.write_text(edited, encoding="utf-8")


def post_file(site, index):
    return site.ours / "posts" / site.posts[index].filename


def header(path, key):
    return re.search(rf"^{key}: (.*)$", path.read_text(encoding="utf-8"), re.MULTILINE).group(1)


def body(site, work):
    edit_post(Ours(site), site.posts[3], 1)


def body_with_a_mistake(site, work):
    path = post_file(site, 3)
    path.write_text(path.read_text(encoding="utf-8") + "\nThe rate was {{ Mexico FY2012 court_grant_rat }}.\n",
                    encoding="utf-8")


def title(site, work):
    replace_header(post_file(site, 4), "Title", "A retitled post about the hearing calendar")


def date(site, work):
    path = post_file(site, 5)
    moved = datetime.datetime.strptime(header(path, "Date"), "%Y-%m-%d %H:%M") + datetime.timedelta(days=40)
    replace_header(path, "Date", f"{moved:%Y-%m-%d %H:%M}")


def tags(site, work):
    replace_header(post_file(site, 6), "Tags", "credibility, a tag of its own")


def category(site, work):
    path = post_file(site, 7)
    replace_header(path, "Category", next(c for c in CATEGORIES if c != header(path, "Category")))


def slug(site, work):
    replace_header(post_file(site, 8), "Slug", "a-new-address-for-this-post")


NEW_POST = "2020-12-30-a-post-written-today.md"


def new_post(site, work):
    text = post_file(site, 2).read_text(encoding="utf-8")
    text = re.sub(r"^Slug: .*$", "Slug: a-post-written-today", text, count=1, flags=re.MULTILINE)
    text = re.sub(r"^Title: .*$", "Title: A post written today", text, count=1, flags=re.MULTILINE)
    (site.ours / "posts" / NEW_POST).write_text(text, encoding="utf-8")


def deleted_post(site, work):
    (site.ours / "posts" / NEW_POST).unlink()


def comment(site, work):
    added = commentfile.CommentFile(author="Rosa Linares", date=datetime.datetime(2021, 1, 5, 10, 0),
                                    body="Thank you: the table answered what the hearing notice did not.")
    commentfile.write(site.ours / "comments", site.posts[1].slug, "rosa-thanks", added)


def commented_folders(site):
    """Each folder of comments but the one the new comment went to, by name."""
    return [folder for folder in sorted((site.ours / "comments").iterdir())
            if folder.name != site.posts[1].slug and any(folder.glob("*.md"))]


def comment_edited(site, work):
    path = sorted(commented_folders(site)[0].glob("*.md"))[0]
    path.write_text(path.read_text(encoding="utf-8") + "\nEdited: the office was in Arlington, not Newark.\n",
                    encoding="utf-8")


def thread_emptied(site, work):
    # Every comment of a post taken away: its thread shows none, and its comment feed goes.
    shutil.rmtree(commented_folders(site)[-1])


def data_row(site, work):
    edit_row(site, site.changed_row, 1)


def data_row_added(site, work):
    # A year no chart or figure asks for: no page changes (nor would one if a post were read again).
    row = site.changed_row
    line = io.StringIO()
    csv.writer(line, lineterminator="\n").writerow(["FY2031", row.nationality, row.measure, 7919, row.source])
    with site.observations.open("a", encoding="utf-8") as handle:
        handle.write(line.getvalue())


def source_retitled(site, work):
    # Every chart and figure citing the source names it anew; no other changes.
    path = site.observations.with_name("sources.csv")
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    title = rows[0].index("title")
    for fields in rows[1:]:
        if fields[0] == site.changed_row.source:
            fields[title] += " (revised edition)"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def charted_post(site):
    """The first post, by file name, with a chart block."""
    return next(path for path in sorted((site.ours / "posts").glob("*.md"))
                if "```chart" in path.read_text(encoding="utf-8"))


def chart_broken(site, work):
    # The chart cannot be drawn: its files go, and the page says why.
    path = charted_post(site)
    text = path.read_text(encoding="utf-8")
    work.joinpath("charted.md").write_text(text, encoding="utf-8")
    path.write_text(re.sub(r"^(```chart\n(?:.*\n)*?)type: .*$", r"\1type: pie", text, count=1, flags=re.MULTILINE),
                    encoding="utf-8")


def chart_mended(site, work):
    charted_post(site).write_text(work.joinpath("charted.md").read_text(encoding="utf-8"), encoding="utf-8")


def data_broken(site, work):
    # No chart can be drawn from a data set with a mistake: every chart's files go.
    work.joinpath("observations.csv").write_bytes(site.observations.read_bytes())
    with site.observations.open("a", encoding="utf-8") as handle:
        handle.write("FY2012,Mexico,court_granted,many,nowhere\n")


def data_mended(site, work):
    site.observations.write_bytes(work.joinpath("observations.csv").read_bytes())


def template(site, work):
    path = work / "theme" / "templates" / "partials" / "article_meta.html"
    path.write_text(path.read_text(encoding="utf-8") + "<!-- touched -->\n", encoding="utf-8")


# Edits after which a clean build writes what the last one did.
CHANGE_NOTHING = {"data_row_added"}
# In the order an author's afternoon might bring them, each on the sources the last one left.
EDITS = (body, body_with_a_mistake, title, date, tags, category, slug, new_post, deleted_post, comment,
         comment_edited, thread_emptied, data_row, data_row_added, source_retitled, chart_broken, chart_mended,
         data_broken, data_mended, template)


def test_after_each_kind_of_edit_the_preview_equals_a_clean_build(session):
    site, preview, work = session
    found, messages, untouched, how = {}, {}, {}, {}
    for edit in EDITS:
        before, logged = page_stamps(preview.output), len(preview.log())
        edit(site, work)
        found[edit.__name__], messages[edit.__name__] = build_and_compare(session, edit.__name__)
        how[edit.__name__] = " and ".join(sorted(set(re.findall(r"Rebuilt (afresh|in place)", preview.log()[logged:]))))
        after = page_stamps(preview.output)
        # A page or feed whose bytes did not change is not written again:
        # the files whose time moved are those the builds announced.
        announced = set().union(*(message["changed"] for message in messages[edit.__name__]))
        moved = {name for name, stamp in after.items() if before.get(name) != stamp}
        untouched[edit.__name__] = sorted(moved ^ (announced & after.keys()))
    assert found == {edit.__name__: [] for edit in EDITS}
    # Afresh only where a page or feed could go away (changes.py); a chart's files are taken away in place.
    afresh = {"date", "tags", "category", "slug", "deleted_post"}
    assert how == {edit.__name__: "afresh" if edit.__name__ in afresh else "in place" for edit in EDITS}
    assert untouched == {edit.__name__: [] for edit in EDITS}
    # The post whose text changed, the post whose title changed, and the
    # post with a new comment had their pages written before the build,
    # which then wrote the same bytes: each page is announced once, on its
    # own, and not again.
    pages = {name: site.posts[index].url.strip("/") + "/index.html"
             for name, index in (("body", 3), ("title", 4), ("comment", 1))}
    for name, page in pages.items():
        first, *rest = messages[name]
        assert (first["changed"], first["complete"]) == ([page], False), name
        assert not any(page in message["changed"] for message in rest), name
    # Only those edits: a mistake in the text, a date, tags, category or
    # slug, a data row or a template leave the page to the build.
    assert re.findall(r"Wrote (\S+) first", preview.log()) == list(pages.values()), preview.log()
    assert "court_grant_rat" in preview.log()


def test_the_comparison_sees_a_stale_file_and_a_changed_one(tmp_path):
    # Negative control for `differences`.
    left, right = tmp_path / "left", tmp_path / "right"
    for folder in (left, right):
        (folder / "2013").mkdir(parents=True)
        (folder / "index.html").write_text("same", encoding="utf-8")
    (left / "2013" / "gone.html").write_text("old", encoding="utf-8")
    (right / "index.html").write_text("changed", encoding="utf-8")
    assert differences(left, right) == ["only in the preview: 2013/gone.html", "different bytes: index.html"]
    assert differences(left, left) == []


@pytest.fixture(scope="module")
def sample_preview(tmp_path_factory):
    """The live preview of a copy of the sample content."""
    work = tmp_path_factory.mktemp("live-sample")
    shutil.copytree(ROOT / "content", work / "content")
    preview = LivePreview(work / "content", work / "output",
                          {"CACHE_PATH": str(work / "cache")}, work / "preview.log")
    preview.start()
    try:
        yield preview, work / "content"
    finally:
        preview.stop()


EDITED = "2013-11-20-mexican-asylum-grant-rate-fy2012.md"
EDITED_PAGE = "/2013/11/mexican-asylum-grant-rate-fy2012/"
OTHER_PAGE = "/2013/06/denial-rates-by-nationality/"


def test_the_open_page_reloads_itself_when_its_post_is_saved_and_only_then(sample_preview, browser):
    from tests.browser import Visit

    preview, content = sample_preview
    edited, other = Visit(browser, preview.url + EDITED_PAGE), Visit(browser, preview.url + OTHER_PAGE)
    try:
        for visit in (edited, other):
            visit.page.wait_for_load_state("networkidle")
            visit.page.evaluate("window.notReloaded = true")
        source = content / "posts" / EDITED
        source.write_text(source.read_text(encoding="utf-8") + "\nChecked again on the Tuesday after the hearing.\n",
                          encoding="utf-8")
        _arrived, message = preview.next_build(timeout=300)
        assert EDITED_PAGE.strip("/") + "/index.html" in message["changed"]
        edited.page.wait_for_function("() => document.body.innerText.includes('Checked again on')",
                                      timeout=60_000)
        assert edited.page.evaluate("window.notReloaded") is None
        # The other post's page did not change, so it stays as the reader left it.
        assert other.page.evaluate("window.notReloaded") is True
        # Reloading ends the event stream the page held open: the one request it abandons.
        assert [p for p in edited.problems() if not p.endswith(f"{EVENTS}: net::ERR_ABORTED")] == []
        assert other.problems() == []
    finally:
        edited.close()
        other.close()


def test_a_plain_build_carries_no_reload_script(sample_site, sample_preview):
    preview, _ = sample_preview
    page = EDITED_PAGE.strip("/") + "/index.html"
    assert "/__preview__/events" in (preview.output / page).read_text(encoding="utf-8")
    assert "__preview__" not in sample_site.read(page)


POST_PAGE = re.compile(r"^\d{4}/\d{2}/[^/]+/index\.html$")


def _change_row(preview, observations, row, value):
    """Save the data set with `row`'s value changed; (the build's log, post pages it changed, posts read, kept)."""
    text = observations.read_text(encoding="utf-8")
    assert row in text
    since = len(preview.log())
    changed = row.rsplit(",", 2)[0] + f",{value},"
    observations.write_text(text.replace(row, changed), encoding="utf-8")
    messages = preview.settle(timeout=300)
    log = preview.log()[since:]
    assert "Rebuilt in place" in log and "Rebuilt afresh" not in log, log
    pages = {page for _, message in messages for page in message["changed"] if POST_PAGE.match(page)}
    read, kept = map(int, re.findall(r"Posts and pages: (\d+) read, (\d+) kept", log)[-1])
    return log, pages, read, kept


def test_a_changed_data_row_reads_again_only_the_posts_using_it_and_checks_every_post(sample_preview):
    preview, content = sample_preview
    # A post without figures, typing a number the data set does not hold yet.
    note = content / "posts" / "2014-02-03-a-note-on-albania.md"
    note.write_text("Title: A note on Albanian cases\nDate: 2014-02-03 10:00\nCategory: Data and Sources\n"
                    "Authors: David Okafor\nSummary: A short note.\n\n"
                    "Albania in FY2012: the asylum offices granted 4,241 people, by one reader's count.\n",
                    encoding="utf-8")
    preview.settle(timeout=300)
    assert "4,241 is typed by hand" not in preview.log()
    posts = len(list(content.glob("*/*.md")))
    observations = content / "data" / "asylum-statistics" / "observations.csv"

    # No chart or figure shows this row: every post is kept, no post's page changes...
    log, pages, read, kept = _change_row(preview, observations, "FY2012,Albania,dhs_affirmative_granted,20,", 4241)
    assert (read, kept, pages) == (0, posts, set()), log
    # ...and the post without figures is checked against the new row all the same.
    assert "2014-02-03-a-note-on-albania.md:7: 4,241 is typed by hand" in log, log

    # A post with a reported problem is read again at every build; this one has none now.
    note.write_text(note.read_text(encoding="utf-8").replace("4,241 people", "some people"), encoding="utf-8")
    preview.settle(timeout=300)
    # The Central America post's table, text and chart show this one; so does no other post.
    central_america = "2015/03/central-america-fy2005-fy2014/index.html"
    row = "FY2014,Honduras,dhs_affirmative_granted,89,"
    log, pages, read, kept = _change_row(preview, observations, row, 289)
    assert (read, kept, pages) == (1, posts - 1, {central_america}), log
    assert "289" in (preview.output / central_america).read_text(encoding="utf-8")
    log, pages, read, kept = _change_row(preview, observations, row.replace(",89,", ",289,"), 89)
    assert (read, kept, pages) == (1, posts - 1, {central_america}), log
