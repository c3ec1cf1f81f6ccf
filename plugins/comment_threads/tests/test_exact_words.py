"""What a commenter, a moderator or a feed reader gets, word for word: messages, fallbacks, feed items, bounds."""

import datetime
import os

import pytest

from pelican.plugins.comment_threads.cache import FILENAME, BodyCache, rules_fingerprint
from pelican.plugins.comment_threads.commentfile import parse
from pelican.plugins.comment_threads.feeds import feed_items
from pelican.plugins.comment_threads.load import (
    _read_text,
    load_comments,
    parse_comment,
)
from pelican.plugins.comment_threads.markdown_guard import (
    MAX_BRACKETS,
    MAX_LINK_TEXT,
    link_text_end,
)
from pelican.plugins.comment_threads.names import author_badge
from pelican.plugins.comment_threads.render import (
    MAX_NESTING,
    body_problems,
    plain_text_html,
    render_body,
)
from pelican.plugins.comment_threads.settings import apply_defaults

from .test_render import make, views

HEAD = "Author: Maria L.\nDate: 2014-04-10 03:53\n"
GENERIC = ("header lines are 'Key: value' with one of Author, Date, Replyto, Website, Role, "
           "then a blank line before the comment")


def mistakes_of(line):
    _, mistakes = parse(f"{HEAD}{line}\n\nThe text.\n")
    return [(m.line, m.message, m.suggestion) for m in mistakes]


@pytest.mark.parametrize("line, message, suggestion", [
    # The key is what comes before the first colon, however many follow.
    ("Autor : Maria L. (at 10:30)", "'Autor : Maria L. (at 10:30)' is not a header line", "did you mean 'Author'?"),
    # A line without a key is not taken for one by its first word.
    ("Date 2014-04-10 03:53", "'Date 2014-04-10 03:53' is not a header line", GENERIC),
    ("Thanks for this post", "'Thanks for this post' is not a header line", GENERIC),
])
def test_a_malformed_header_line_is_named_with_the_key_it_seems_to_mean(line, message, suggestion):
    assert mistakes_of(line) == [(3, message, suggestion)]


def test_an_email_line_hidden_behind_a_control_character_is_still_an_email_line():
    [(line, message, _)] = mistakes_of("E\x00mail: maria@private.test")
    assert line == 3 and message.endswith("is not a header line, and email addresses are not allowed")


def test_a_long_malformed_line_is_quoted_up_to_sixty_characters():
    sixty = "Thanks " + "x" * 53
    assert mistakes_of(sixty)[0][1] == f"{sixty!r} is not a header line"
    assert mistakes_of(sixty + "y")[0][1] == f"{sixty + '…'!r} is not a header line"


def test_each_mistake_is_one_sentence_and_a_bad_file_name_comes_first():
    text = "Author: Maria L.\nDate: 2014-04-10 03:53\nAutor: x\nRole: editor\n\nHi\n"
    comment, problems = parse_comment(text, comment_id="bad id", slug="p", path="comments/p/bad id.md",
                                      timezone="UTC")
    assert comment is None
    assert [str(problem) for problem in problems] == [
        "comments/p/bad id.md: the file name 'bad id' cannot be a comment id, so the comment is not shown; "
        "use letters, digits, '-' and '_' only, starting with a letter or digit",
        "comments/p/bad id.md:3: unknown header 'Autor'; did you mean 'Author'?",
        "comments/p/bad id.md:4: unknown role 'editor'; the only role is 'author', for a comment a site "
        "author wrote",
    ]


def test_a_comment_without_an_author_is_shown_as_anonymous():
    comment, problems = parse_comment("Date: 2014-04-10 03:53\n\nHi\n", comment_id="a", slug="p",
                                      path="comments/p/a.md", timezone="UTC")
    assert comment.author == "Anonymous"
    assert [str(problem) for problem in problems] == [
        "comments/p/a.md: the comment has no author; add an 'Author: <name>' line"]


def test_a_linked_comment_file_is_refused_by_name_and_never_opened(tmp_path):
    comments = tmp_path / "comments"
    (comments / "p").mkdir(parents=True)
    secret = tmp_path / "secret.md"
    secret.write_text(HEAD + "\nsecret\n", encoding="utf-8")
    os.symlink(secret, comments / "p" / "a.md")
    found, problems = load_comments(comments, tmp_path, "UTC")
    assert found == []
    assert [str(problem) for problem in problems] == [
        "comments/p/a.md: not read, because it is a symbolic link; copy the comment file here instead"]
    with pytest.raises(OSError):  # a file swapped for a link after that check
        _read_text(str(comments / "p" / "a.md"))


def test_the_author_badge_messages_say_what_to_do():
    authors = ["Elena Marsh", "David Okafor"]
    assert author_badge("Elena Marsch", "author", authors) == (False, (
        "'Role: author' is given, but 'Elena Marsch' is not one of the site's authors (Elena Marsh, "
        "David Okafor); correct the name or remove the Role line"))
    assert author_badge("Elena Marsh", None, authors) == (False, (
        "the name 'Elena Marsh' is that of the site author 'Elena Marsh', but the file has no "
        "'Role: author' line; add it if the author wrote this comment, otherwise ask the commenter "
        "for another name (shown without the Author badge)"))
    # A grapheme joiner (an invisible mark) does not make another name.
    badge, problem = author_badge("Elena\u034f Marsh", None, authors)
    assert not badge and problem.startswith("the name 'Elena\u034f Marsh' looks like that of the site author")


def test_text_too_deep_for_markdown_is_shown_as_paragraphs_with_line_breaks():
    assert plain_text_html("a <b> &\nline two\n\n\n\nnext") == (
        "<p>a &lt;b&gt; &amp;<br>\nline two</p>\n<p>next</p>")
    assert body_problems("> " * MAX_NESTING + "deep enough") == []
    assert body_problems("> " * (MAX_NESTING + 1) + "too deep") == [
        f"the text nests lists or quotes {MAX_NESTING + 1} levels deep, more than the {MAX_NESTING} a comment "
        "may; it is shown as plain text"]


def test_link_text_is_scanned_only_so_far():
    # From just after the opening bracket: MAX_BRACKETS inside are too many, one pair fewer is not.
    pairs = MAX_BRACKETS // 2
    assert link_text_end("[" + "[]" * pairs + "]", 1) is None
    assert link_text_end("[" + "[]" * (pairs - 1) + "]", 1) == MAX_BRACKETS - 1
    assert link_text_end("a" * (MAX_LINK_TEXT - 1) + "]", 0) == MAX_LINK_TEXT - 1
    assert link_text_end("a" * MAX_LINK_TEXT + "]", 0) is None


def test_link_text_too_long_to_scan_stays_text():
    html = render_body("[" + "a" * (MAX_LINK_TEXT + 10) + "](https://x.test)")
    assert "<a" not in html and html.startswith("<p>[aaa") and html.endswith("](https://x.test)</p>")


def test_raw_html_off_the_allow_list_is_shown_as_typed():
    assert render_body("Write <your A-number & name> here, <b>bold</b>") == (
        "<p>Write &lt;your A-number &amp; name&gt; here, <b>bold</b></p>")
    assert render_body("Write <your &amp; name> here") == "<p>Write &lt;your &amp;amp; name&gt; here</p>"
    assert render_body("<div x='a>b'>&amp;</div>") == (
        "<p>&lt;div x=&#8217;a&gt;b&#8217;&gt;&amp;&lt;/div&gt;\n</p>")


def test_a_feed_item_names_its_author_and_links_a_reply_to_its_parent():
    threads = views([make("a", "Tom", 2), make("b", "Maria L.", 3, "a")])
    newest, oldest = feed_items("2014/04/p/", "A <em>post</em>", threads)
    assert (newest.author, oldest.author) == ("\u2068Maria L.\u2069", "\u2068Tom\u2069")
    assert newest.get_content("https://blog.test/") == (
        '<p>In reply to <a href="https://blog.test/2014/04/p/#comment-a"><bdi>Tom</bdi></a>:</p>\n<p>text</p>')


def test_the_same_body_twice_in_one_build_is_rendered_once(tmp_path):
    calls = []

    def counting(text):
        calls.append(text)
        return render_body(text)

    cache = BodyCache(counting, None)
    assert cache("Same.") == cache("Same.") == render_body("Same.")
    assert calls == ["Same."]


def test_a_cache_file_without_bodies_is_an_empty_cache(tmp_path):
    (tmp_path / FILENAME).write_text(f'{{"rules": "{rules_fingerprint()}"}}', encoding="utf-8")
    cache = BodyCache(render_body, tmp_path)
    assert cache("Hi.") == render_body("Hi.")


@pytest.mark.parametrize("endpoint, good", [
    ("http://localhost:8080/comments", True),
    ("HTTPS://comments.example/comments", True),
    ("ftp://comments.example/comments", False),
    ("https:///comments", False),
    (8080, False),
])
def test_the_comment_endpoint_must_be_a_web_address(endpoint, good):
    problems = apply_defaults({"COMMENTS_ENDPOINT": endpoint})
    assert problems == ([] if good else [
        f"Setting COMMENTS_ENDPOINT is {endpoint!r}; expected an http(s) URL, or None (the build uses the "
        "default, None).",
        "Neither COMMENTS_ENDPOINT nor COMMENTS_EMAIL is set; set one so that readers have a way to leave a "
        "comment."])


def test_every_choice_is_named_when_a_setting_must_be_one_of_them():
    assert apply_defaults({"COMMENTS_EMAIL": "c@blog.test", "COMMENTS_DEFAULT_STATE": "shut"}) == [
        "Setting COMMENTS_DEFAULT_STATE is 'shut'; expected one of 'open', 'closed', 'hidden' "
        "(the build uses the default, 'open')."]
    assert apply_defaults({"COMMENTS_EMAIL": "c@blog.test", "COMMENTS_DEFAULT_STATE": "closed"}) == []


def test_a_date_in_the_future_is_refused_a_day_ahead_but_not_an_hour():
    now = datetime.datetime(2014, 4, 10, 12, 0, tzinfo=datetime.UTC)
    _, soon = parse("Author: M\nDate: 2014-04-11 11:00\n\nHi\n", now=now)
    assert soon == []


# The comment converter and the settings table are built once, at import. These tests
# build them again, so that what they are built from is checked where it runs.

def test_a_converter_with_the_comment_guards_bounds_links_and_keeps_foreign_tags_as_text(monkeypatch):
    import markdown
    from markdown.inlinepatterns import LinkInlineProcessor

    from pelican.plugins.comment_threads import markdown_guard
    from pelican.plugins.comment_threads.markdown_guard import (
        LINK_PROCESSORS,
        BoundedLinkText,
        CommentMarkdown,
    )

    monkeypatch.setattr(markdown_guard, "_BOUNDED", {})  # as in a process that has built none yet
    converters = [markdown.Markdown(extensions=[CommentMarkdown({"p", "b"})]) for _ in range(2)]
    for name in LINK_PROCESSORS:
        first, second = (type(c.inlinePatterns[name]) for c in converters)
        assert issubclass(first, BoundedLinkText) and issubclass(first, LinkInlineProcessor)
        assert first is second and first.__name__ == f"Bounded{first.__mro__[2].__name__}"
    html = converters[0].convert("[" + "a" * (MAX_LINK_TEXT + 1) + "](https://x.test) <b>kept</b> <i>shown</i>")
    assert "<a" not in html and "<b>kept</b>" in html and "&lt;i&gt;shown&lt;/i&gt;" in html


def test_a_class_that_is_no_link_processor_or_is_bounded_already_is_left_as_it_is():
    from pelican.plugins.comment_threads.markdown_guard import BoundedLinkText, _bounded

    class Bounded(BoundedLinkText, int):
        pass

    assert _bounded(int) is int and _bounded(Bounded) is Bounded


def test_the_settings_table_as_built_at_import_names_every_choice(monkeypatch):
    import importlib

    from pelican.plugins.comment_threads import settings

    monkeypatch.setattr(settings, "SCHEMA", settings.SCHEMA)  # put the original back afterwards
    importlib.reload(settings)
    assert settings.apply_defaults({"COMMENTS_EMAIL": "c@blog.test", "COMMENTS_ORDER": "random",
                                    "COMMENTS_DEFAULT_STATE": "hidden"}) == [
        "Setting COMMENTS_ORDER is 'random'; expected one of 'newest-first', 'oldest-first' "
        "(the build uses the default, 'newest-first')."]


def test_replies_below_the_deepest_level_are_lifted_to_it_in_reading_order():
    from pelican.plugins.comment_threads.threads import build_thread, limit_depth

    chain = [make("a", "A", 2), make("b", "B", 3, "a"), make("c", "C", 4, "b"), make("d", "D", 5, "c"),
             make("e", "E", 6, "d"), make("f", "F", 7, "c"), make("g", "G", 8, "a")]
    nodes, _ = build_thread(chain, datetime.datetime(2014, 4, 1, tzinfo=datetime.UTC))

    def shape(node):
        return (node.comment.id, [shape(reply) for reply in node.replies])

    assert [shape(node) for node in limit_depth(nodes, 2)] == [
        ("a", [("b", [("c", [("d", []), ("e", []), ("f", [])])]), ("g", [])])]


def test_a_file_without_a_blank_line_publishes_none_of_its_header_as_text():
    comment, mistakes = parse("Author: Maria L.\nDate: 2014-04-10 03:53\nEmail: maria@private.test")
    assert comment.body == "" and comment.author == "Maria L."
    assert (None, "the file has no blank line after its header",
            "write the header lines, a blank line, then the comment") in [
        (m.line, m.message, m.suggestion) for m in mistakes]


def test_windows_line_ends_a_byte_order_mark_and_an_empty_value_read_as_plain_lines():
    text = "\ufeffAuthor: Malcolm X\r\nDate: 2014-04-10 03:53\r\nWebsite:\r\n\r\nFirst line\r\nsecond\r\n"
    comment, mistakes = parse(text)
    assert mistakes == []
    assert (comment.author, comment.website, comment.body) == ("Malcolm X", None, "First line\nsecond")


def test_feed_text_loses_what_xml_cannot_carry_and_stays_markup_only_if_it_was():
    from markupsafe import Markup

    from pelican.plugins.comment_threads.feeds import xml_text

    assert xml_text("a\x00b\x1fc\ufffe") == "abc" and not isinstance(xml_text("<b>"), Markup)
    assert xml_text(Markup("<p>a\x0bb</p>")) == Markup("<p>ab</p>")
    assert isinstance(xml_text(Markup("<p>a</p>")), Markup)


def test_a_reply_in_a_feed_links_its_parent_under_any_site_address():
    newest, _ = feed_items("2014/04/p/", "A post", views([make("a", "Tom", 2), make("b", "Maria L.", 3, "a")]))
    assert newest.get_content("https://s.example/LAWX/").startswith(
        '<p>In reply to <a href="https://s.example/LAWX/2014/04/p/#comment-a">')


def test_link_text_too_long_to_scan_is_no_link_even_if_an_address_follows_the_bracket():
    html = render_body("[(https://x.test)" + "a" * (MAX_LINK_TEXT + 10) + "]")
    assert "<a" not in html


def test_enclosing_marks_and_control_characters_do_not_make_another_name():
    authors = ["Elena Marsh"]
    for disguise in ("Elena\u20dd Marsh", "Elena \x07Marsh"):
        badge, problem = author_badge(disguise, None, authors)
        assert not badge and "looks like that of the site author 'Elena Marsh'" in problem, disguise


@pytest.mark.parametrize("line, mistake", [
    ("E-mail: maria@private.test", ("'E-mail: maria@private.test' is not a header line, and email addresses "
                                    "are not allowed", "email addresses are not kept in comment files, which are "
                                    "published with the site; they belong in the comment service's moderation "
                                    "database")),
    ("Author: Tom", ("'Author' is given twice (first on line 1)", "keep one")),
    ("Website: https://x.test/\x07", ("the 'Website' value holds a control character", "remove it")),
    ("Zzyzx: 1", ("unknown header 'Zzyzx'", "comment files take Author, Date, Replyto, Website, Role")),
    ("From: Tom", ("unknown header 'From'", "did you mean 'Author'?")),
])
def test_a_wrong_header_line_is_named_on_its_line_with_what_to_do(line, mistake):
    assert mistakes_of(line) == [(3, *mistake)]


def test_the_header_lines_are_found_as_the_reader_finds_them():
    from pelican.plugins.comment_threads.commentfile import header_lines

    text = "\ufeffAuthor: Malcolm X\r\nWebsite:\r\nRole:X\nDate: 2014-04-10 03:53\n\nReplyto: a\n"
    assert header_lines(text) == {"author": 1, "website": 2, "date": 4}


def test_a_body_keeps_its_first_and_last_letters():
    assert parse(HEAD + "\nX marks the spot, says X\n")[0].body == "X marks the spot, says X"


def test_a_reference_date_is_read_as_a_date():
    from pelican.plugins.comment_threads.settings import SCHEMA

    config, problems = SCHEMA.load({"COMMENTS_EMAIL": "c@blog.test", "COMMENTS_REFERENCE_DATE": "2014-05-01"})
    assert problems == [] and config.reference_date == datetime.date(2014, 5, 1)


def test_a_malformed_line_is_quoted_with_its_trailing_spaces_as_it_stands_in_the_file():
    assert mistakes_of("Thanks for this post  ")[0][1] == "'Thanks for this post  ' is not a header line"


MARKS = "e" + "\u0301" * 7
DATE_HINT = "YYYY-MM-DD HH:MM, e.g. 2014-04-10 03:53"


@pytest.mark.parametrize("text, mistake", [
    ("Date: 2014-04-10 03:53\n\nHi\n", (None, "the comment has no author", "add an 'Author: <name>' line")),
    ("Author:\nDate: 2014-04-10 03:53\n\nHi\n", (1, "the comment has no author", "add an 'Author: <name>' line")),
    ("Author: M\nDate:\n\nHi\n", (2, "the comment has no date", f"add a 'Date: {DATE_HINT}' line")),
    ("Author: M\n\nHi\n", (None, "the comment has no date", f"add a 'Date: {DATE_HINT}' line")),
    ("Author: M\nDate: yesterday\n\nHi\n", (2, "the date 'yesterday' cannot be read", f"write it as {DATE_HINT}")),
    (HEAD + "Replyto: ../x\n\nHi\n",
     (3, "'../x' cannot be a comment id", "give the file name of the comment answered, without '.md'")),
    ("Author: maria@private.test\nDate: 2014-04-10 03:53\n\nHi\n",
     (1, "the name holds an email address", "give the commenter's name only; addresses are never published")),
    (HEAD + "Website: javascript:alert(1)\n\nHi\n",
     (3, "the website 'javascript:alert(1)' is not a web address",
      "give an http:// or https:// address, or remove the line")),
    (HEAD + "\nHi\x07\n", (None, "the comment's text holds a control character", "remove it")),
    (HEAD + f"\n{MARKS}\n", (None, "the comment stacks more than 6 accents on one letter",
                             "remove them; they are cut to that number")),
    (f"Author: {MARKS}\nDate: 2014-04-10 03:53\n\nHi\n",
     (None, "the comment stacks more than 6 accents on one letter", "remove them; they are cut to that number")),
    (HEAD + "\nWrite to maria@private.test\n", (None, "the comment's text holds an email address",
                                                "remove it; addresses are never published (shown as "
                                                "'(address removed)')")),
])
def test_each_mistake_in_a_comment_file_is_named_word_for_word(text, mistake):
    _, mistakes = parse(text)
    assert [(m.line, m.message, m.suggestion) for m in mistakes] == [mistake]


def test_what_a_relaxed_build_may_show_of_a_comment_with_mistakes():
    now = datetime.datetime(2014, 4, 10, 12, 0, tzinfo=datetime.UTC)
    comment, mistakes = parse("Author: maria@private.test\nDate: 2014-04-12 12:01\nRole: editor\n\n"
                              "aaaa   bbbb\n", now=now, max_length=7)
    assert (comment.author, comment.date, comment.role, comment.body) == ("", None, None, "aaaa …")
    assert [(m.line, m.message, m.suggestion) for m in mistakes][1:] == [
        (3, "unknown role 'editor'", "the only role is 'author', for a comment a site author wrote"),
        (2, "the date '2014-04-12 12:01' is in the future", "give the date the comment arrived"),
        (None, "the comment's text is 11 characters long", "the limit is 7 (COMMENTS_MAX_LENGTH); shorten it"),
    ]
    exactly, none = parse("Author: M\nDate: 2014-04-11 12:00\n\n1234567\n", now=now, max_length=7)
    assert none == [] and exactly.body == "1234567" and exactly.date is not None


def test_format_writes_a_file_or_says_why_it_cannot():
    from pelican.plugins.comment_threads.commentfile import CommentFile, CommentFileError, format

    dated = datetime.datetime(2014, 4, 10, 3, 53)
    assert format(CommentFile("M", dated, "a\r\nb\rc\n\n", website="")) == (
        "Author: M\nDate: 2014-04-10 03:53\n\na\nb\nc\n")
    assert format(CommentFile("M", dated, "    indented code\n")) == (
        "Author: M\nDate: 2014-04-10 03:53\n\n    indented code\n")
    assert format(CommentFile("M", None, "x"), undated=True) == "Author: M\n\nx\n"
    for comment, message in [
        (CommentFile("M", None, "x"), "a comment needs 'Date'"),
        (CommentFile("", dated, "x"), "a comment needs 'Author'"),
        (CommentFile("M\rN", dated, "x"), "the 'Author' value 'M\\rN' cannot be written on one line"),
        (CommentFile("M ", dated, "x"), "the 'Author' value 'M ' cannot be written on one line"),
        (CommentFile("M\x07", dated, "x"), "the 'Author' value 'M\\x07' cannot be written on one line"),
        (CommentFile("M", dated, "x", replyto="../x"), "'../x' cannot be a comment id"),
        (CommentFile("M", dated, "\n \n"), "a comment needs text"),
        (CommentFile("M", dated, "x\x07"), "the comment's text holds a control character"),
    ]:
        with pytest.raises(CommentFileError) as refused:
            format(comment)
        assert str(refused.value) == message


def test_the_manifest_text_is_sorted_readable_and_ends_its_last_line():
    from pelican.plugins.comment_threads.manifest import PostEntry, to_json

    entries = [PostEntry("z-post", "Zeta", "z/", "closed", ("b",)),
               PostEntry("a-post", "Añejo «x»", "a/", "open", ("c-1", "a"))]
    assert to_json("https://s.example", entries) == (
        '{\n "posts": {\n  "a-post": {\n   "comment_ids": [\n    "c-1",\n    "a"\n   ],\n'
        '   "comments": "open",\n   "title": "Añejo «x»",\n   "url": "a/"\n  },\n'
        '  "z-post": {\n   "comment_ids": [\n    "b"\n   ],\n   "comments": "closed",\n'
        '   "title": "Zeta",\n   "url": "z/"\n  }\n },\n "siteurl": "https://s.example",\n "version": 1\n}\n')


def test_the_body_cache_follows_pelicans_content_cache_settings(tmp_path):
    from pelican.plugins.comment_threads.cache import FILENAME, BodyCache

    first = BodyCache.for_settings(render_body, {"CACHE_CONTENT": True, "CACHE_PATH": str(tmp_path),
                                                 "LOAD_CONTENT_CACHE": True})
    first("Kept.")
    first.save()
    assert (tmp_path / FILENAME).is_file()
    loaded = BodyCache.for_settings(render_body, {"CACHE_CONTENT": True, "CACHE_PATH": str(tmp_path),
                                                  "LOAD_CONTENT_CACHE": True})
    assert list(loaded.saved.values()) == [str(render_body("Kept."))]
    fresh = BodyCache.for_settings(render_body, {"CACHE_CONTENT": True, "CACHE_PATH": str(tmp_path)})
    assert fresh.saved == {} and fresh.path == str(tmp_path / FILENAME)
    assert BodyCache.for_settings(render_body, {"CACHE_PATH": str(tmp_path), "LOAD_CONTENT_CACHE": True}).path is None


def test_folders_that_hold_no_comments_are_named_from_the_sites_root(tmp_path):
    comments = tmp_path / "content" / "comments"
    (comments / ".old").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", comments / "linked")
    _, problems = load_comments(comments, tmp_path, "UTC")
    assert [str(problem) for problem in problems] == [
        "content/comments/.old: not read, because hidden folders (names starting with '.') hold no comments; "
        "rename it or move its comments out",
        "content/comments/linked: not read, because it is a symbolic link; put the comment files themselves here",
    ]


@pytest.mark.parametrize("settings, names", [
    ({"COMMENTS_AUTHOR_NAMES": ["Ana"], "SITE_AUTHORS": {"Elena Marsh": ""}}, ["Ana"]),
    ({}, [""]),
])
def test_author_names_come_from_the_setting_first(settings, names):
    from pelican.plugins.comment_threads.settings import SCHEMA, author_names

    config, _ = SCHEMA.load({"COMMENTS_EMAIL": "c@blog.test", **settings})
    assert author_names(config, settings) == names


@pytest.mark.parametrize("key, value, good", [
    ("COMMENTS_EMAIL", "c@blog.test", True), ("COMMENTS_EMAIL", "c@@blog.test", False),
    ("COMMENTS_EMAIL", "@blog.test", False), ("COMMENTS_EMAIL", "c@", False), ("COMMENTS_EMAIL", 5, False),
    ("COMMENTS_EMAIL", "c d@blog.test", False),
    ("COMMENTS_MANIFEST", "comments/manifest.json", True), ("COMMENTS_MANIFEST", "/", False),
    ("COMMENTS_MANIFEST", "", False), ("COMMENTS_MANIFEST", "../manifest.json", False),
    ("COMMENTS_MANIFEST", " ", True), ("COMMENTS_MANIFEST", 5, False), ("COMMENTS_MANIFEST", "X/", True),
])
def test_addresses_and_paths_in_the_settings_are_checked(key, value, good):
    from pelican.plugins.comment_threads.settings import SCHEMA

    _, problems = SCHEMA.load({"COMMENTS_ENDPOINT": "https://c.example/", key: value})
    assert (problems == []) is good, problems
