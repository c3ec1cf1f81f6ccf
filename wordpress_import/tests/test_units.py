"""The importer's pure parts, each with the broken input it must refuse or defuse."""

import dataclasses
import re
from pathlib import Path

import markdown
import pytest
import yaml

from pelican.plugins.data_charts.markdown_ext import ChartsExtension
from wordpress_import.authors import known_authors, with_authors
from wordpress_import.autop import autop
from wordpress_import.body import convert
from wordpress_import.comments import plan_thread
from wordpress_import.items import choose
from wordpress_import.links import OldSite, Uploads, safe_href
from wordpress_import.markdown import escape_text, to_markdown
from wordpress_import.oldlinks import merged
from wordpress_import.postfile import PostFile, format_post
from wordpress_import.shortcodes import expand
from wordpress_import.wxr import ExportError, read_export

FIXTURE = Path(__file__).parent / "fixture" / "export.xml"
SITE = OldSite("https://old.example.org", frozenset({"old.example.org"}),
               by_path={"/2013/11/13/hello/": "{filename}/posts/hello.md"},
               by_id={"12": "{filename}/pages/about.md"})


def render(text):
    """Markdown as the site renders it: the site's extensions and the chart syntax."""
    return markdown.markdown(text, extensions=["extra", "pymdownx.blocks.caption",
                                               ChartsExtension()])


# Reading the export -------------------------------------------------------

def test_the_fixture_reads_with_authors_items_and_comments():
    export = read_export(FIXTURE)
    assert export.version == "1.2"
    assert export.authors["mreyes"].display_name == "Marisol Reyes"
    post = next(i for i in export.items if i.post_id == "102")
    assert post.title == "Asylum &amp; withholding: what&#8217;s the difference?"
    assert post.excerpt.startswith("Two forms of protection")
    first = next(i for i in export.items if i.post_id == "101")
    assert len(first.comments) == 14
    assert {c.type for c in first.comments} == {"comment", "pingback", "trackback"}


def test_a_truncated_export_is_one_sentence_with_file_and_line(tmp_path):
    text = FIXTURE.read_text(encoding="utf-8")
    cut = tmp_path / "cut.xml"
    cut.write_text(text[: len(text) // 2], encoding="utf-8")
    with pytest.raises(ExportError) as error:
        read_export(cut)
    message = str(error.value)
    assert message.startswith(f"{cut}:")
    assert "ends in the middle" in message and "\n" not in message


def test_malformed_xml_names_the_line(tmp_path):
    broken = tmp_path / "broken.xml"
    broken.write_text('<?xml version="1.0"?>\n<rss>\n<channel>\n<item></chanel>\n</rss>\n')
    with pytest.raises(ExportError, match=r"broken\.xml:4: the XML is not well formed"):
        read_export(broken)


def test_entity_expansion_is_refused_before_it_expands(tmp_path):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "aaaaaaaaaa">\n'
                    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n'
                    '<rss><channel><title>&b;</title></channel></rss>\n')
    with pytest.raises(ExportError, match=r"bomb\.xml:3: the file declares XML entities"):
        read_export(bomb)


def test_an_rss_feed_that_is_not_an_export_is_refused(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'
                    "<item><title>y</title></item></channel></rss>")
    with pytest.raises(ExportError, match="not a WordPress export"):
        read_export(feed)


def test_wxr_1_0_without_author_records_uses_the_login(tmp_path):
    old = tmp_path / "old.xml"
    old.write_text(
        '<?xml version="1.0"?><rss version="2.0" xmlns:wp="http://wordpress.org/export/1.0/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:excerpt="http://wordpress.org/export/1.0/excerpt/"><channel><title>Old</title>'
        "<link>http://old.example.org</link><item><title>First</title>"
        "<dc:creator>jdoe</dc:creator><content:encoded>Hello.</content:encoded>"
        "<excerpt:encoded>Short.</excerpt:encoded><wp:post_id>1</wp:post_id>"
        "<wp:post_date>2008-01-02 10:00:00</wp:post_date><wp:post_name>first</wp:post_name>"
        "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>"
        "</channel></rss>")
    export = read_export(old)
    assert export.version == "1.0"
    choice = choose(export, post_types=frozenset(), timezone="UTC", existing_slugs={},
                    authors=export.authors)
    [entry] = choice.entries
    assert (entry.author, entry.slug, entry.item.excerpt) == ("jdoe", "first", "Short.")


# Statuses and slugs --------------------------------------------------------

def test_statuses_map_and_skips_give_reasons():
    export = read_export(FIXTURE)
    choice = choose(export, post_types=frozenset(), timezone="America/New_York",
                    existing_slugs={}, authors=export.authors)
    status = {e.item.post_id: e.status for e in choice.entries}
    assert status == {"101": "published", "102": "published", "103": "published",
                      "104": "draft", "105": "published", "106": "draft", "107": "draft",
                      "108": "draft", "109": "hidden", "120": "published"}
    reasons = dict(choice.skipped)
    assert "in WordPress's trash" in reasons["post 110 'An announcement nobody needs'"]
    assert "--post-types case_summary" in reasons["case_summary 301 'Matter of A-B- in brief'"]
    assert set(choice.attachments) == {"201", "202", "203"}


def test_a_slug_taken_by_an_existing_post_is_told_apart():
    export = read_export(FIXTURE)
    existing = {("post", "asylum-and-withholding"): "posts/2010-01-01-mine.md"}
    choice = choose(export, post_types=frozenset(), timezone="America/New_York",
                    existing_slugs=existing, authors=export.authors)
    entry = next(e for e in choice.entries if e.item.post_id == "102")
    assert entry.slug == "asylum-and-withholding-2"
    assert any("posts/2010-01-01-mine.md" in note for note in entry.notes)


def test_the_importers_own_earlier_file_is_not_a_collision():
    export = read_export(FIXTURE)
    existing = {("post", "asylum-and-withholding"): "posts/2014-03-20-asylum-and-withholding.md"}
    choice = choose(export, post_types=frozenset(), timezone="America/New_York",
                    existing_slugs=existing, authors=export.authors)
    assert next(e for e in choice.entries if e.item.post_id == "102").slug == "asylum-and-withholding"


# Bodies ---------------------------------------------------------------------

def test_autop_makes_paragraphs_and_breaks_but_leaves_blocks_and_pre():
    html = autop("One\ntwo\n\nThree\n<ul>\n<li>x</li>\n</ul>\n<pre>a\n\nb</pre>")
    assert "<p>One<br>\ntwo</p>" in html
    assert "<p>Three</p>" in html
    assert "<p><ul>" not in html and "<li>x</li>" in html
    assert "<pre>a\n\nb</pre>" in html


def test_shortcodes_caption_embed_unknown_and_prose_brackets():
    done = expand('[caption id="a" width="300"]<img src="x.png" alt="A"> Words.[/caption] '
                  "[embed]https://video.example.com/v/1[/embed] [sic] [[gallery]] "
                  '[pullquote align="right"]Said.[/pullquote]', lambda attrs: [])
    assert '<figure><img src="x.png" alt="A"><figcaption>Words.</figcaption></figure>' in done.html
    assert '<a href="https://video.example.com/v/1">' in done.html
    assert "[sic]" in done.html and "[gallery]" in done.html and "[[gallery]]" not in done.html
    assert '<code>[pullquote align="right"]</code>Said.<code>[/pullquote]</code>' in done.html
    assert done.kept == ['[pullquote align="right"]']
    assert done.converted == ["caption", "embed"]


def test_a_gallery_without_images_is_kept_visible():
    done = expand('[gallery ids="9,10"]', lambda attrs: [])
    assert done.kept == ['[gallery ids="9,10"]']


HOSTILE = ('<p>&lt;script&gt;alert(1)&lt;/script&gt; [click](javascript:alert(2)) '
           "{{ Mexico FY2012 court_grant_rate }} {: onclick=&quot;x()&quot; }</p>\n"
           "<p># not a heading</p><p>/// caption\nnot a block\n///</p>"
           "<pre>```\nstill code\n```</pre>"
           '<a href="javascript:alert(3)">js</a><img src="data:text/html,x" alt="d">'
           '<iframe src="https://video.example.com/embed/7"></iframe>')


def test_hostile_text_stays_text_once_rendered():
    body = convert(HOSTILE, SITE, Uploads(None, "images/wordpress"))
    html = render(body.markdown)
    assert "<script" not in html and 'href="javascript:' not in html and 'src="data:' not in html
    assert "data-figure" not in html and not re.search(r"<[^>]* onclick", html)
    assert "<h1" not in html and "<figcaption" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#123;&#123; Mexico FY2012 court_grant_rate &#125;&#125;" in html
    assert "<pre><code>```\nstill code\n```\n</code></pre>" in html
    assert '<a href="https://video.example.com/embed/7">' in html
    assert body.links_dropped == ["javascript:alert(3)", "data:text/html,x"]


def test_negative_control_unescaped_text_would_have_run():
    # The checks above can fail: the same words as raw Markdown do become markup.
    html = render("<script>alert(1)</script> [click](javascript:alert(2)) "
                  "{{ Mexico FY2012 court_grant_rate }}\n\n# heading")
    assert "<script>" in html and 'href="javascript:' in html
    assert "data-figure" in html and "<h1" in html


def test_entities_are_decoded_once():
    assert render(to_markdown("<p>AT&amp;T &amp;amp; &#8217;</p>")).strip() == \
        "<p>AT&amp;T &amp;amp; \u2019</p>"
    assert escape_text("a & b") == "a &amp; b"


def test_links_to_imported_posts_become_filename_links():
    body = convert('<a href="https://www.old.example.org/2013/11/13/hello/#part">a</a> '
                   '<a href="/?page_id=12">b</a> <a href="https://old.example.org/?p=99">c</a> '
                   '<a href="https://elsewhere.example.net/x">d</a>', SITE,
                   Uploads(None, "images/wordpress"))
    assert "[a]({filename}/posts/hello.md#part)" in body.markdown
    assert "[b]({filename}/pages/about.md)" in body.markdown
    assert "[c](https://old.example.org/?p=99)" in body.markdown
    assert body.links_left == ["https://old.example.org/?p=99"]
    assert "[d](https://elsewhere.example.net/x)" in body.markdown


def test_uploads_use_the_resized_file_or_fall_back_to_the_original(tmp_path):
    (tmp_path / "2014" / "03").mkdir(parents=True)
    (tmp_path / "2014" / "03" / "photo.png").write_bytes(b"png")
    uploads = Uploads(tmp_path, "images/wordpress")
    body = convert('<img src="https://old.example.org/wp-content/uploads/2014/03/photo-300x200.png">'
                   '<img src="https://old.example.org/wp-content/uploads/2014/03/gone.png">'
                   '<img src="https://old.example.org/wp-content/uploads/../../etc/passwd">',
                   SITE, uploads)
    assert "({static}/images/wordpress/2014/03/photo.png)" in body.markdown
    assert uploads.copies == {"images/wordpress/2014/03/photo.png": tmp_path / "2014/03/photo.png"}
    assert "https://old.example.org/wp-content/uploads/2014/03/gone.png" in body.images_left


def test_without_an_uploads_folder_images_stay_absolute_and_are_listed():
    body = convert('<img src="/wp-content/uploads/2014/03/photo.png" alt="p">', SITE,
                   Uploads(None, "images/wordpress"))
    assert body.images_left == ["https://old.example.org/wp-content/uploads/2014/03/photo.png"]
    assert "![p](https://old.example.org/wp-content/uploads/2014/03/photo.png)" in body.markdown


@pytest.mark.parametrize("url, safe", [
    ("https://a.example/x y(1)", "https://a.example/x%20y%281%29"),
    ("javascript:alert(1)", None), ("JaVaScRiPt:alert(1)", None), ("data:text/html,x", None),
    ("vbscript:x", None), ("#part", "#part"), ("relative/path", None)])
def test_safe_href(url, safe):
    assert safe_href(url) == safe


# Files ---------------------------------------------------------------------

def test_a_header_value_can_never_start_a_second_line():
    text = format_post(PostFile(title="Tom & Jerry\nStatus: published", date="2014-01-01 10:00",
                                body="Text.", slug="x", authors=("A\u2028B",), status="draft",
                                summary="One\n\nTwo"))
    header = text.split("\n\n", 1)[0].splitlines()
    assert header[0] == "Title: Tom &amp; Jerry Status: published"
    assert "Status: draft" in header and "Authors: A B" in header
    assert "Summary: One Two" in header


def test_authors_file_keeps_its_lines_and_quotes_any_name():
    start = "# ours\nElena Marsh: Lawyer.\n"
    hostile = 'Ann: "x"\n- y #'
    text = with_authors(start, ["Elena Marsh", hostile, "José Ñ"])
    assert text.startswith(start)
    assert known_authors(text) == {"Elena Marsh": "Lawyer.", hostile: "", "José Ñ": ""}
    assert with_authors(text, ["José Ñ"]) == text
    assert yaml.safe_load(text)[hostile] == ""


def test_old_links_merge_is_stable_and_reports_a_changed_address():
    text, changed = merged("", {"/?p=1": "posts/a.md", "/2013/a/": "posts/a.md"})
    assert changed == [] and merged(text, {"/?p=1": "posts/a.md"}) == (text, [])
    again, changed = merged(text, {"/?p=1": "posts/b.md"})
    assert changed == ["/?p=1"] and "/?p=1     posts/b.md" in again


# Comments ------------------------------------------------------------------

def test_threads_keep_replies_and_lift_orphans_and_sign_the_author():
    export = read_export(FIXTURE)
    choice = choose(export, post_types=frozenset(), timezone="America/New_York",
                    existing_slugs={}, authors=export.authors)
    entry = next(e for e in choice.entries if e.item.post_id == "101")
    thread = plan_thread(entry, timezone="America/New_York", old_site=SITE,
                         uploads=Uploads(None, "x"), user_names={"1": "Elena Marsh"},
                         keep_mentions=False, site_authors={"Elena Marsh"})
    by_id = {p.id: p for p in thread.comments}
    assert sorted(by_id) == ["wp-1001", "wp-1002", "wp-1003", "wp-1004", "wp-1005", "wp-1006",
                             "wp-1009", "wp-1010", "wp-1013", "wp-1014"]
    assert [by_id[i].comment.replyto for i in ("wp-1002", "wp-1003", "wp-1004")] == \
        ["wp-1001", "wp-1002", "wp-1003"]
    assert by_id["wp-1009"].comment.replyto is None and by_id["wp-1010"].comment.replyto is None
    assert (by_id["wp-1005"].comment.author, by_id["wp-1005"].comment.role) == ("Elena Marsh", "author")
    assert (by_id["wp-1014"].comment.author, by_id["wp-1014"].comment.role) == \
        ("elena marsh (reader)", None)
    assert by_id["wp-1006"].held and not by_id["wp-1001"].held
    mallory = by_id["wp-1013"].comment
    assert mallory.website is None and "mallory@" not in mallory.body
    assert "<script" not in mallory.body and "onerror" not in mallory.body
    assert thread.counts == {"approved comment": 9, "pending comment": 1, "spam comment": 1,
                             "trash comment": 1, "approved pingback": 1, "approved trackback": 1}
    assert any("answers comment 999" in note for note in thread.notes)


def test_the_benchmark_export_imports_every_post_and_comment(tmp_path):
    from bench.wordpress import generate_export
    from wordpress_import.run import Options, run

    export = tmp_path / "export.xml"
    expected = generate_export(export, posts=10, comments=120)
    (tmp_path / "content").mkdir()
    report = run(Options(export=export, content=tmp_path / "content", timezone="UTC"))
    assert report.written["posts (published)"] == expected["posts"] == 10
    assert report.written["comments published"] == expected["published comments"]
    held = report.written["comments held for moderation"]
    assert 0 < held and len(list((tmp_path / "content/comments").rglob("*.md"))) == \
        expected["published comments"]


def test_a_comment_the_build_would_refuse_is_held_with_the_reason():
    export = read_export(FIXTURE)
    choice = choose(export, post_types=frozenset(), timezone="UTC", existing_slugs={},
                    authors=export.authors)
    entry = next(e for e in choice.entries if e.item.post_id == "102")
    long = dataclasses.replace(entry.item.comments[0], content="word " * 20000)
    entry.item = dataclasses.replace(entry.item, comments=(long,))
    thread = plan_thread(entry, timezone="UTC", old_site=SITE, uploads=Uploads(None, "x"),
                         user_names={}, keep_mentions=False)
    [planned] = thread.comments
    assert planned.held
    assert any("held for moderation, because the comment's text is 99999 characters long"
               in note for note in thread.notes)
