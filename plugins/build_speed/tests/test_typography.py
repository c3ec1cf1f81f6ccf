"""Typography in the reader: Pelican's TYPOGRIFY settings honoured, content, title and summary set in type."""

import copy

from pelican.readers import MarkdownReader, Readers
from pelican.settings import DEFAULT_CONFIG

from pelican.plugins.build_speed.typography import (
    TypographicMarkdownReader,
    typeset,
    use_typographic_reader,
)

TEXT = '<p>Rates -- and more --- said &quot;the court&quot; ... in the end</p>'
SETTINGS = {"TYPOGRIFY_DASHES": "oldschool", "TYPOGRIFY_OMIT_FILTERS": [], "TYPOGRIFY_IGNORE_TAGS": []}


def test_oldschool_dashes_curly_quotes_ellipses_and_no_widow():
    assert typeset(TEXT, SETTINGS) == (
        "<p>Rates &#8211; and more &#8212; said &#8220;the court&#8221; &#8230; in the&nbsp;end</p>")


def test_each_dash_setting_is_pelicans():
    inverted = typeset(TEXT, {**SETTINGS, "TYPOGRIFY_DASHES": "oldschool_inverted"})
    assert "Rates &#8212; and more &#8211; said" in inverted
    default = typeset(TEXT, {**SETTINGS, "TYPOGRIFY_DASHES": "default"})
    assert "Rates &#8212; and more &#8212;- said" in default


def test_omitted_filters_and_ignored_tags_are_left_out():
    assert typeset(TEXT, {**SETTINGS, "TYPOGRIFY_OMIT_FILTERS": ["widont"]}).endswith("in the end</p>")
    ignored = typeset("<h2>A -- b in the end</h2><p>x -- y</p>", {**SETTINGS, "TYPOGRIFY_IGNORE_TAGS": ["h2"]})
    assert ignored == "<h2>A -- b in the end</h2><p>x &#8211;&nbsp;y</p>"


def site_settings(**overrides):
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings.update(TYPOGRIFY_DASHES="oldschool", **overrides)
    return settings


def test_the_reader_sets_content_title_and_summary_in_type_and_nothing_else(tmp_path):
    post = tmp_path / "post.md"
    post.write_text('Title: Why "asylum" -- now\nSummary: Grants -- and denials\nTags: a -- b\n\n'
                    'The "grant rate" -- in one number.\n', encoding="utf-8")
    content, metadata = TypographicMarkdownReader(site_settings()).read(str(post))
    assert content == "<p>The &#8220;grant rate&#8221; &#8211; in one&nbsp;number.</p>"
    assert metadata["title"] == "Why &#8220;asylum&#8221; &#8211;&nbsp;now"
    assert metadata["summary"] == "<p>Grants &#8211; and&nbsp;denials</p>"
    assert [str(tag) for tag in metadata["tags"]] == ["a -- b"]


def test_a_post_without_a_summary_gets_none_from_the_reader(tmp_path):
    post = tmp_path / "post.md"
    post.write_text("Title: Plain\n\n", encoding="utf-8")
    content, metadata = TypographicMarkdownReader(site_settings()).read(str(post))
    assert content == "" and "summary" not in metadata and metadata["title"] == "Plain"


def test_the_typographic_reader_reads_markdown_only_when_asked():
    asked = Readers(site_settings(BLOG_TYPOGRIFY=True))
    use_typographic_reader(asked)
    assert {asked.reader_classes[ext] for ext in ("md", "markdown")} == {TypographicMarkdownReader}
    assert asked.reader_classes["html"] is not TypographicMarkdownReader
    plain = Readers(site_settings())
    use_typographic_reader(plain)
    assert plain.reader_classes["md"] is MarkdownReader
