from pelican.plugins.blog_core import links


def test_relative_links_are_found_and_others_pass():
    html = (
        '<p><img alt="x" src="../images/a.svg"> <a href="notes.md">n</a>'
        ' <a href="#fn:1">1</a> <a href="/about/">a</a> <a href="{filename}/x.md">x</a>'
        ' <a href="https://example.org">e</a> <a href="mailto:a@b.org">m</a>'
        ' <img src="{static}/images/b.svg" alt=""></p>'
    )
    assert links.relative_links(html) == [("src", "../images/a.svg"), ("href", "notes.md")]


def test_advice_names_the_right_placeholder():
    assert links.advice("src", "../images/a.svg").endswith(
        "write it as {static}/images/a.svg (a path inside content/)")
    assert "{filename}/posts/b.md" in links.advice("href", "../posts/b.md")


def test_empty_content_has_no_links():
    assert links.relative_links(None) == []
