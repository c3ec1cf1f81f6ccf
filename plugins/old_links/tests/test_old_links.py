"""Reading old-links.txt and writing redirects: paths from an import are checked before use."""

import pytest

from pelican.plugins.old_links.output import nginx_map, redirect_page, redirects_file
from pelican.plugins.old_links.table import parse


def test_paths_and_wordpress_query_forms_are_read():
    links, problems = parse("# comment\n\n/2013/11/13/caf%C3%A9/  posts/a.md\n/?p=12 posts/a.md\n"
                            "/?page_id=3   pages/b.md\n", "content/old-links.txt")
    assert problems == []
    assert [(link.line, link.old, link.source, link.is_path) for link in links] == [
        (3, "/2013/11/13/caf%C3%A9/", "posts/a.md", True),
        (4, "/?p=12", "posts/a.md", False),
        (5, "/?page_id=3", "pages/b.md", False)]
    assert links[0].folder == "2013/11/13/café"


@pytest.mark.parametrize("old", [
    "/../../etc/", "/a/%2e%2e/b/", "/a//b/", "/", "relative/", "/a b/", '/a"b/', "/a;b/",
    "/a$b/", "/a{b}/", "/a%0Ab/", "/a%5Cb/", "/?p=x", "/?s=term", "/a/#frag"])
def test_a_path_that_could_leave_the_output_or_break_a_config_is_refused(old):
    links, problems = parse(f"{old}  posts/a.md\n", "content/old-links.txt")
    assert links == []
    [problem] = problems
    assert str(problem).startswith("content/old-links.txt:1: ")


def test_a_line_without_two_words_is_named():
    links, problems = parse("/a/\n", "content/old-links.txt")
    assert links == [] and str(problems[0]) == (
        "content/old-links.txt:1: a line holds an old address and a file; "
        "write '/old/path/  posts/file.md'")


def test_redirect_page_refreshes_names_the_canonical_address_and_is_not_indexed():
    html = redirect_page("https://site.example/2013/11/a/", 'Tom & "Jerry" <b>')
    assert '<meta http-equiv="refresh" content="0; url=https://site.example/2013/11/a/">' in html
    assert '<link rel="canonical" href="https://site.example/2013/11/a/">' in html
    assert '<meta name="robots" content="noindex">' in html
    assert "Tom &amp; &quot;Jerry&quot; &lt;b&gt;" in html and "<b>" not in html


def test_server_maps_cover_paths_and_query_forms():
    rules = [("/2013/11/13/a/", "/2013/11/a/"), ("/?p=12", "/2013/11/a/")]
    assert redirects_file(rules).splitlines()[1:] == [
        "/2013/11/13/a/  /2013/11/a/  301", "/  p=12  /2013/11/a/  301!"]
    nginx = nginx_map(rules)
    assert 'map $request_uri $old_link_target {' in nginx
    for key in ("/2013/11/13/a/", "/2013/11/13/a", "/?p=12", "/index.php?p=12"):
        assert f'    "{key}" "/2013/11/a/";' in nginx
