from pelican.plugins.blog_core import links


def test_relative_links_are_found_and_others_pass():
    html = (
        '<p><img alt="x" src="../images/a.svg"> <a href="notes.md">n</a>'
        ' <a href="#fn:1">1</a> <a href="/about/">a</a> <a href="{filename}/x.md">x</a>'
        ' <a href="https://example.org">e</a> <a href="mailto:a@b.org">m</a>'
        ' <img src="{static}/images/b.svg" alt=""></p>'
    )
    assert links.relative_links(html) == [("src", "../images/a.svg"), ("href", "notes.md")]


def test_files_a_plugin_writes_beside_the_page_are_not_reported():
    html = ('<img class="chart-image" data-beside-page src="chart-1.png" alt="">'
            '<a class="chart-download" data-beside-page href="chart-1.csv" download>csv</a>'
            '<img src="chart-2.png" alt="">')
    # Only the unmarked one: an author's own relative link still is.
    assert links.relative_links(html) == [("src", "chart-2.png")]


def test_advice_names_the_right_placeholder():
    assert links.advice("src", "../images/a.svg")[1] == (
        "write it as {static}/images/a.svg (a path inside content/)")
    assert "{filename}/posts/b.md" in links.advice("href", "../posts/b.md")[1]


def test_empty_content_has_no_links():
    assert links.relative_links(None) == []


def test_intrasite_links_are_found_with_their_line():
    text = "Title: x\n\nSee [a]({filename}a.md) and [b](|filename|/posts/b.md).\n\n![c]({static}/images/c.svg)\n"
    assert list(links.intrasite_links(text)) == [
        (3, "filename", "a.md"), (3, "filename", "/posts/b.md"), (5, "static", "/images/c.svg")]


def test_targets_resolve_from_the_post_or_from_content():
    assert links.resolve("a.md", "posts") == "posts/a.md"
    assert links.resolve("/images/c.svg", "posts") == "images/c.svg"
    assert links.resolve("../pages/about.md", "posts") == "pages/about.md"
    assert links.resolve("a%20b.md", "posts") == "posts/a b.md"


def test_a_link_after_one_that_is_fine_is_still_found():
    html = ('<a href="https://example.org">e</a> <a href="#top">t</a> <a href="|filename|/old.md">o</a>'
            ' <a href="notes.md">n</a>')
    assert links.relative_links(html) == [("href", "notes.md")]


def test_a_markdown_file_link_gets_the_filename_placeholder():
    assert links.advice("href", "../posts/b.markdown") == (
        'relative link href="../posts/b.markdown" will break on the published page',
        "write it as {filename}/posts/b.markdown (a path inside content/)")


def test_a_target_from_the_content_folder_keeps_its_whole_name():
    assert links.resolve("/Xmas/a.md", "posts") == "Xmas/a.md"
