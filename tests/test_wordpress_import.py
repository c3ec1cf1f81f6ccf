"""The fixture export imported into a copy of the site, built strictly, read as readers get it.

Each case the export holds is checked on the built pages and in the
report; a second import must change nothing; old addresses are followed in
Chromium, through the redirect pages and through nginx with the map the
build writes.
"""

import contextlib
import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time

import pytest
from bs4 import BeautifulSoup

from tests.browser import Visit, serve
from tests.checkers import Site, vnu_errors
from tests.conftest import free_port
from tests.sitebuild import ROOT, run_pelican
from tests.tools import require

pytestmark = pytest.mark.slow

FIXTURE = ROOT / "wordpress_import" / "tests" / "fixture"
EXPORT = FIXTURE / "export.xml"
UPLOADS = FIXTURE / "uploads"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
IP = re.compile(r"\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b")

# Every old address in the fixture, and the page it must land on.
OLD_PATHS = {
    "/2013/11/13/credible-fear-interviews-explained/": "/2013/11/credible-fear-interviews-explained/",
    "/2014/03/20/asylum-and-withholding/": "/2014/03/asylum-and-withholding/",
    "/2014/05/06/a-year-of-affirmative-decisions/": "/2014/05/a-year-of-affirmative-decisions/",
}
OLD_QUERIES = {
    "/?p=101": "/2013/11/credible-fear-interviews-explained/",
    "/?p=102": "/2014/03/asylum-and-withholding/",
    "/?p=103": "/2014/02/notes-from-the-arlington-court/",
    "/?p=105": "/2014/05/a-year-of-affirmative-decisions/",
    "/?page_id=120": "/about-this-archive/",
    "/index.php?p=102": "/2014/03/asylum-and-withholding/",
}


def import_into(content, *options, export=EXPORT, env=None):
    command = [sys.executable, "-m", "wordpress_import", str(export), "--content", str(content),
               "--settings", str(ROOT / "pelicanconf.py"), *options]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False,
                          env={**os.environ, **(env or {})})


def copy_site(root):
    content = root / "content"
    shutil.copytree(ROOT / "content", content)
    return content


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def port():
    return free_port()


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    root = tmp_path_factory.mktemp("imported")
    content = copy_site(root)
    result = import_into(content, "--uploads", str(UPLOADS))
    assert result.returncode == 0, result.stderr
    return root, content, result


@pytest.fixture(scope="module")
def site(imported, port):
    root, content, _ = imported
    url = f"http://127.0.0.1:{port}"
    build = run_pelican(content, root / "output", settings={"SITEURL": url, "FEED_DOMAIN": url})
    assert build.ok, build.log
    return build


@pytest.fixture(scope="module")
def report(imported):
    root, _, result = imported
    saved = (root / "wordpress-import-report.txt").read_text(encoding="utf-8")
    assert saved in result.stdout
    return saved


def page(site, path):
    return BeautifulSoup(site.read(path.strip("/") + "/index.html"), "html.parser")


def text_of(element):
    return " ".join(element.get_text(" ").split())


# Posts, pages and what each status becomes ------------------------------------

def test_published_posts_and_the_page_are_at_their_new_addresses(site):
    for new in list(OLD_PATHS.values()) + ["/2014/02/notes-from-the-arlington-court/",
                                           "/about-this-archive/"]:
        assert (site.output / new.strip("/") / "index.html").is_file(), new


def test_an_entity_in_a_title_is_decoded_once(site):
    heading = page(site, "/2014/03/asylum-and-withholding/").find("h1")
    assert text_of(heading) == "Asylum & withholding: what\u2019s the difference?"
    assert "&amp;amp;" not in site.read("2014/03/asylum-and-withholding/index.html")


def test_statuses_drafts_hidden_and_skipped(site, report):
    index = site.read("archives/index.html")
    for title in ("Reading the EOIR yearbook", "volunteer", "The new fiscal year begins",
                  "Case notes for the clinic"):
        assert title not in index
    for slug in ("reading-the-eoir-yearbook", "a-volunteers-view", "the-new-fiscal-year-begins",
                 "notes-from-the-arlington-court-2"):
        assert (site.output / "drafts" / slug / "index.html").is_file(), slug
    assert (site.output / "2014/04/case-notes-for-the-clinic/index.html").is_file()
    everything = "".join(p.read_text(encoding="utf-8", errors="replace")
                         for p in site.files(".html") + site.files(".xml"))
    for marker in ("trashed-post-marker", "custom-type-marker", "Auto Draft"):
        assert marker not in everything
    assert "post 110 'An announcement nobody needs': in WordPress's trash" in report
    assert "post 111 'Auto Draft': an automatic draft WordPress saved on its own" in report
    assert "case_summary 301 'Matter of A-B- in brief': custom post type 'case_summary'" in report
    assert "nav_menu_item 401 'Home': WordPress's own 'nav_menu_item' record" in report


def test_several_categories_and_tags_with_spaces_and_accents(site, report):
    post = page(site, "/2013/11/credible-fear-interviews-explained/")
    tags = {text_of(a).lstrip("#") for a in post.select('a[href*="/tag/"]')}
    assert {"credible fear", "entrevista de miedo creíble", "due process", "Process",
            "Explainers"} <= tags
    assert (site.output / "tag/entrevista-de-miedo-creible/index.html").is_file()
    assert "Credible fear" in site.read("category/asylum-office/index.html")
    assert ("has several categories: 'Asylum Office' is its category, 'Process', 'Explainers' "
            "became tags") in report


def test_slugs_from_titles_and_two_posts_with_one_title(report):
    assert ("post 103 'Notes from the Arlington court': has no slug in WordPress; its slug "
            "'notes-from-the-arlington-court' comes from its title") in report
    assert ("would have the slug 'notes-from-the-arlington-court', which is already "
            "posts/2014-02-03-notes-from-the-arlington-court.md's; its slug is "
            "'notes-from-the-arlington-court-2'") in report


def test_summaries_from_the_excerpt_and_from_more(site, report):
    listing = site.read("category/immigration-court/index.html")
    assert "Two forms of protection with different standards of proof" in listing
    first = page(site, "/2013/11/credible-fear-interviews-explained/")
    description = first.find("meta", attrs={"name": "description"})["content"]
    assert description.startswith("Someone who asks for asylum at the border")
    assert "<!--more" not in site.read("2013/11/credible-fear-interviews-explained/index.html")
    assert "summary taken from its excerpt" in report
    assert "summary taken from the text before <!--more-->" in report


def test_caption_embed_gallery_and_an_unknown_shortcode(site, report):
    first = page(site, "/2013/11/credible-fear-interviews-explained/")
    figure = first.find("figure")
    assert text_of(figure.find("figcaption")) == "The door of a hearing room, where the next step happens."
    source = figure.find("img")["src"]
    assert source.endswith("/images/wordpress/2013/11/courtroom-door-300x200.png")
    assert first.find("code", string='[contact-form-7 id="88" title="Ask a question"]')
    second = page(site, "/2014/03/asylum-and-withholding/")
    links = {a["href"] for a in second.select("article a[href]")}
    assert {"https://www.youtube.com/watch?v=AsylumTalk01", "https://vimeo.com/76543210"} <= links
    images = {img["src"].rsplit("/", 1)[-1] for img in second.select("article img")}
    assert {"interview-room.png", "case-file.png"} <= images
    assert "[gallery" not in site.read("2014/03/asylum-and-withholding/index.html")
    assert ("shortcode kept as visible text, for you to replace: [contact-form-7 id=\"88\" "
            "title=\"Ask a question\"]") in report
    assert "shortcode kept as visible text, for you to replace: [pullquote align=\"right\"]" in report


def test_images_are_copied_with_their_resized_variants(site, report):
    for name in ("2013/11/courtroom-door-300x200.png", "2013/11/courtroom-door.png",
                 "2014/03/interview-room.png", "2014/03/case-file.png"):
        copied = site.output / "images/wordpress" / name
        assert copied.read_bytes() == (UPLOADS / name).read_bytes()
    assert "asylumnotes.example.org/wp-content" not in site.read(
        "2013/11/credible-fear-interviews-explained/index.html")
    assert "4  images copied from the uploads folder" in report


def test_a_block_editor_post_loses_its_block_comments(site):
    html = site.read("2014/05/a-year-of-affirmative-decisions/index.html")
    assert "wp:paragraph" not in html and "wp:image" not in html
    post = page(site, "/2014/05/a-year-of-affirmative-decisions/")
    assert text_of(post.select_one("article h2")) == "What changed this year"
    assert [text_of(li) for li in post.select("article ul li")][:2] == [
        "More interviews were scheduled.", "Fewer decisions were issued."]
    assert text_of(post.find("blockquote")) == "The backlog is the policy."
    assert text_of(post.find("figcaption")) == "Waiting outside, again."


def test_links_between_posts_follow_the_new_addresses(site, report):
    first = page(site, "/2013/11/credible-fear-interviews-explained/")
    hrefs = [a["href"] for a in first.select("article a[href]")]
    assert any(h.endswith("/2014/03/asylum-and-withholding/") for h in hrefs)
    assert any(h.endswith("/about-this-archive/") for h in hrefs)
    gutenberg = page(site, "/2014/05/a-year-of-affirmative-decisions/")
    assert any(a["href"].endswith("/2013/11/credible-fear-interviews-explained/")
               for a in gutenberg.select("article a[href]"))
    second = page(site, "/2014/03/asylum-and-withholding/")
    assert any(a["href"].endswith("/2013/11/credible-fear-interviews-explained/#what-the-officer-asks")
               for a in second.select("article a[href]"))
    # A link to a draft is left pointing at the old site, and the report says so.
    assert "link to https://asylumnotes.example.org/?p=106, which was not imported" in report


def test_the_second_author_is_added_and_has_a_page(imported, site, report):
    _, content, _ = imported
    assert "Marisol Reyes" in (content / "authors.yml").read_text(encoding="utf-8")
    assert (site.output / "author/marisol-reyes/index.html").is_file()
    assert "author 'Marisol Reyes': not known to the site; added to authors.yml" in report
    assert "author 'Elena Marsh'" not in report


# Comments ----------------------------------------------------------------------

def comment(post, comment_id):
    return post.find(id=f"comment-{comment_id}")


def test_threads_nest_three_deep_and_carry_the_author_badge(site):
    post = page(site, "/2013/11/credible-fear-interviews-explained/")
    chain = [comment(post, f"wp-{n}") for n in (1001, 1002, 1003, 1004)]
    assert all(chain)
    # Each comment sits in a list item that holds the replies to it.
    depth = [len(c.find_parents("li", class_="comment-list__item")) for c in chain]
    assert depth == [1, 2, 3, 4]
    for parent, child in zip(chain, chain[1:], strict=False):
        assert parent.find_parent("li") in child.find_parents("li")
    badge = comment(post, "wp-1005")
    assert "Elena Marsh" in text_of(badge) and "Author" in text_of(badge)
    namesake = comment(post, "wp-1014")
    assert "elena marsh (reader)" in text_of(namesake) and "Author" not in text_of(namesake)
    second = page(site, "/2014/03/asylum-and-withholding/")
    assert "Marisol Reyes" in text_of(comment(second, "wp-1102"))
    assert "Author" in text_of(comment(second, "wp-1102"))


def test_replies_to_trashed_and_missing_comments_stand_alone(site, report):
    post = page(site, "/2013/11/credible-fear-interviews-explained/")
    for orphan in ("wp-1009", "wp-1010"):
        element = comment(post, orphan)
        assert len(element.find_parents("li", class_="comment-list__item")) == 1
    assert "wp-1009 answers comment 1008, which is missing, spam or trash" in report
    assert "wp-1010 answers comment 999, which is missing, spam or trash" in report


def test_spam_trash_pending_and_pings_are_not_published(imported, site, report):
    _, content, _ = imported
    html = site.read("2013/11/credible-fear-interviews-explained/index.html")
    for marker in ("spam-marker", "trash-marker", "awaits moderation", "Weekly links",
                   "Screening roundup"):
        assert marker not in html
    held = content / "comments-pending/credible-fear-interviews-explained/wp-1006.md"
    assert "awaits moderation" in held.read_text(encoding="utf-8")
    assert "comments-pending/credible-fear-interviews-explained/wp-1006.md" in report
    for line in ("1 spam comment(s)", "1 trash comment(s)", "1 approved pingback(s)",
                 "1 approved trackback(s)"):
        assert line in report
    assert "1 comment(s): the site has comment threads on posts only" in report


def test_html_and_a_script_in_a_comment_arrive_as_text(site):
    post = page(site, "/2013/11/credible-fear-interviews-explained/")
    mallory = comment(post, "wp-1013")
    assert mallory.find("strong") is not None
    assert mallory.find("script") is None and mallory.find("img") is None
    assert "<b>Mallory</b>" in text_of(mallory)
    rendered = str(mallory)
    assert "onclick" not in rendered and "onerror" not in rendered and "javascript:" not in rendered


def test_no_address_from_the_export_reaches_content_or_output(imported, site):
    _, content, _ = imported
    export = EXPORT.read_text(encoding="utf-8")
    addresses = set(EMAIL.findall(export)) | set(IP.findall(export))
    assert "tomas.vega@mail.example.net" in addresses and "198.51.100.23" in addresses
    for folder in (content, site.output):
        for path in folder.rglob("*"):
            if path.is_file() and path.suffix not in (".png", ".svg"):
                text = path.read_text(encoding="utf-8", errors="replace")
                leaked = [a for a in addresses if a in text]
                assert not leaked, f"{path}: {leaked}"


def test_feeds_of_the_imported_site_parse_and_carry_no_markup_from_comments(site):
    import feedparser

    for name in ("feeds/all.atom.xml", "feeds/comments.atom.xml",
                 "feeds/comments/credible-fear-interviews-explained.atom.xml"):
        feed = feedparser.parse(site.read(name))
        assert not feed.bozo, (name, feed.bozo_exception)
        assert feed.entries
        for entry in feed.entries:
            html = " ".join(c.value for c in entry.get("content", []))
            assert "<script" not in html and "onerror" not in html and "javascript:" not in html
    titles = [e.title.replace("\xa0", " ") for e in feedparser.parse(site.read("feeds/all.atom.xml")).entries]
    assert "Asylum & withholding: what\u2019s the difference?" in titles


def test_imported_pages_are_valid_html_and_every_link_resolves(site, port):
    assert Site(site.output, f"http://127.0.0.1:{port}").broken_links() == []
    pages = site.files(".html")
    assert any("2013/11/13/" in str(p) for p in pages)  # the redirect pages are among them
    assert vnu_errors(pages) == []


# Repeating, dry runs, force, damaged files --------------------------------------

def test_a_second_import_changes_nothing(tmp_path):
    content = copy_site(tmp_path)
    first = import_into(content, "--uploads", str(UPLOADS))
    assert first.returncode == 0, first.stderr
    before = snapshot(content)
    second = import_into(content, "--uploads", str(UPLOADS))
    assert second.returncode == 0, second.stderr
    assert snapshot(content) == before
    assert re.search(r"\n\s+0  new files\n", second.stdout)
    assert re.search(r"\n\s+0  files replaced", second.stdout)
    assert re.search(r"\n\s+0  files that exist and differ", second.stdout)


def test_a_dry_run_writes_nothing_and_prints_the_report(tmp_path):
    content = copy_site(tmp_path)
    before = snapshot(content)
    result = import_into(content, "--uploads", str(UPLOADS), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert snapshot(content) == before
    assert not (tmp_path / "wordpress-import-report.txt").exists()
    assert "(dry run: nothing was written)" in result.stdout
    assert "comments-pending/credible-fear-interviews-explained/wp-1006.md" in result.stdout


def test_an_edited_file_is_kept_unless_forced(tmp_path):
    content = copy_site(tmp_path)
    assert import_into(content, "--uploads", str(UPLOADS)).returncode == 0
    post = content / "posts/2014-03-20-asylum-and-withholding.md"
    edited = post.read_text(encoding="utf-8") + "\nAn author's own addition.\n"
    post.write_text(edited, encoding="utf-8")
    again = import_into(content, "--uploads", str(UPLOADS))
    assert post.read_text(encoding="utf-8") == edited
    assert "  kept: posts/2014-03-20-asylum-and-withholding.md" in again.stdout
    forced = import_into(content, "--uploads", str(UPLOADS), "--force")
    assert "An author's own addition." not in post.read_text(encoding="utf-8")
    assert re.search(r"\n\s+1  files replaced", forced.stdout)


def test_a_truncated_export_writes_nothing_and_says_where(tmp_path):
    content = copy_site(tmp_path)
    before = snapshot(content)
    text = EXPORT.read_text(encoding="utf-8")
    cut = tmp_path / "cut.xml"
    cut.write_text(text[: int(len(text) * 0.7)], encoding="utf-8")
    result = import_into(content, export=cut)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"Nothing imported: {cut}:") and "ends in the middle" in line
    assert snapshot(content) == before
    assert result.stdout == ""


def test_held_comments_can_go_to_the_comment_services_queue_once(tmp_path):
    from comment_service.store import Store

    content = copy_site(tmp_path)
    database = tmp_path / "queue.sqlite3"
    for _ in range(2):
        result = import_into(content, "--queue", env={"COMMENTS_DB": str(database)})
        assert result.returncode == 0, result.stderr
    assert not (content / "comments-pending").exists()
    assert "credible-fear-interviews-explained: wp-1006: already in the comment service's queue" \
        in result.stdout
    store = Store(database)
    try:
        [queued] = store.with_status("pending")
    finally:
        store.close()
    assert queued.slug == "credible-fear-interviews-explained"
    assert queued.reasons == ("imported from WordPress, where it awaited moderation (wp-1006)",)
    assert "awaits moderation" in queued.body and queued.email is None


def test_options_custom_types_and_mentions_build_strictly(tmp_path):
    content = copy_site(tmp_path)
    result = import_into(content, "--uploads", str(UPLOADS), "--post-types", "case_summary",
                         "--keep-pingbacks")
    assert result.returncode == 0, result.stderr
    build = run_pelican(content, tmp_path / "output")
    assert build.ok, build.log
    case = BeautifulSoup(build.read("2018/06/matter-of-a-b-in-brief/index.html"), "html.parser")
    assert "custom-type-marker" in text_of(case)
    first = BeautifulSoup(build.read("2013/11/credible-fear-interviews-explained/index.html"),
                          "html.parser")
    mentions = first.find(id="mentions-elsewhere").find_next("ul")
    assert {a["href"] for a in mentions.find_all("a")} == {
        "https://digest.example.com/2013/11/weekly-links/",
        "https://borderlaw.example.org/screening-roundup/"}
    assert "Immigration Digest \u00bb Weekly links" in text_of(mentions)


def test_the_build_refuses_an_old_link_to_a_missing_or_unpublished_file(imported, tmp_path):
    _, content, _ = imported
    copy = tmp_path / "content"
    shutil.copytree(content, copy)
    table = copy / "old-links.txt"
    original = table.read_text(encoding="utf-8")
    table.write_text(original + "/2014/05/19/reading/  posts/2014-05-19-reading-the-eoir-yearbook.md\n")
    build = run_pelican(copy, tmp_path / "out1")
    assert not build.ok and "Traceback" not in build.log
    assert "old-links.txt:" in build.log and "reading-the-eoir-yearbook.md is draft" in build.log
    table.write_text(original + "/2014/05/19/reading/  posts/2014-05-19-reading-the-eoir.md\n")
    build = run_pelican(copy, tmp_path / "out2")
    assert not build.ok
    assert "no post or page 'posts/2014-05-19-reading-the-eoir.md'; did you mean" in build.log


# Old addresses, followed in Chromium --------------------------------------------

def land(browser, url):
    visit = Visit(browser, url)
    try:
        visit.page.wait_for_load_state("load")
        visit.page.wait_for_function("() => !document.querySelector('meta[http-equiv=refresh]')")
        return visit.page.url, visit.page.locator("h1").first.inner_text(), visit.problems()
    finally:
        visit.close()


def test_redirect_pages_lead_to_the_new_pages(site, port, browser):
    for old, new in OLD_PATHS.items():
        html = site.read(old.strip("/") + "/index.html")
        assert '<meta name="robots" content="noindex">' in html
        assert f'<link rel="canonical" href="http://127.0.0.1:{port}{new}">' in html
    with serve(site.output, port) as url:
        for old, new in OLD_PATHS.items():
            landed, heading, problems = land(browser, url + old)
            assert landed == url + new and heading and problems == [], (old, problems)


@contextlib.contextmanager
def nginx(output, port, workdir):
    """nginx serving `output` on 127.0.0.1:port with the map the build wrote."""
    program = require("nginx", shutil.which("nginx") or "/usr/sbin/nginx", "apt-get install nginx-light")
    workdir.mkdir()
    temp = " ".join(f"{kind}_temp_path {workdir}/{kind};"
                    for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    config = workdir / "nginx.conf"
    config.write_text(f"""
{"user root;" if os.geteuid() == 0 else ""}
worker_processes 1;
daemon off;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    {temp}
    include {output}/nginx-redirects.conf;
    server {{
        listen 127.0.0.1:{port};
        root {output};
        if ($old_link_target) {{ return 301 $old_link_target; }}
    }}
}}
""")
    process = subprocess.Popen([str(program), "-p", str(workdir), "-c", str(config)],
                               start_new_session=True, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(100):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.1):
                break
            assert process.poll() is None, process.stderr.read()
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)


def test_nginx_with_the_map_sends_every_old_address_to_its_page(site, port, browser, tmp_path):
    with nginx(site.output, port, tmp_path / "nginx") as url:
        for old, new in {**OLD_PATHS, **OLD_QUERIES}.items():
            landed, heading, problems = land(browser, url + old)
            assert landed == url + new and heading and problems == [], (old, landed, problems)
        # Negative control: an address the map does not hold is not redirected.
        visit = Visit(browser, url + "/?p=106")
        assert visit.page.url == url + "/?p=106"
        visit.close()


# A hostile export ----------------------------------------------------------------

HOSTILE_EXPORT = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>x</title><link>https://evil.example.org</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://evil.example.org</wp:base_site_url>
<wp:base_blog_url>https://evil.example.org</wp:base_blog_url>
<wp:author><wp:author_id>9</wp:author_id><wp:author_login>evil</wp:author_login>
<wp:author_display_name><![CDATA[Eve: "x"
Status: published, <script>alert(9)</script>]]></wp:author_display_name></wp:author>
<item><title><![CDATA[<script>alert(1)</script> & "quoted"
Status: hidden]]></title>
<link>https://evil.example.org/2015/01/01/a";b$c{d}:e*f e/</link>
<dc:creator>evil</dc:creator>
<content:encoded><![CDATA[<p onclick="alert(2)">Text {{ Mexico FY2012 court_grant_rate }}</p>
<script>alert(3)</script>
```chart
type: bar
```
<a href="javascript:alert(4)">x</a> <img src=x onerror=alert(5)> [x](javascript:alert(6))
<a href="{filename}/../../pelicanconf.py">conf</a>]]></content:encoded>
<excerpt:encoded><![CDATA[<b>Summary</b> {: onclick="alert(7)" }]]></excerpt:encoded>
<wp:post_id>1</wp:post_id><wp:post_date>2015-01-01 10:00:00</wp:post_date>
<wp:post_name>../../../../escaped</wp:post_name>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="x"><![CDATA[<img src=x onerror=alert(8)>]]></category>
<category domain="post_tag" nicename="y"><![CDATA[a, b; <i>c</i>]]></category>
<wp:comment><wp:comment_id>5</wp:comment_id>
<wp:comment_author><![CDATA[</bdi><script>alert(10)</script>]]></wp:comment_author>
<wp:comment_author_url>javascript:alert(11)</wp:comment_author_url>
<wp:comment_date>2015-01-02 10:00:00</wp:comment_date>
<wp:comment_content><![CDATA[Replyto: x
Author: Admin

<svg onload=alert(12)></svg> ok]]></wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent>
<wp:comment_user_id>0</wp:comment_user_id></wp:comment>
<wp:comment><wp:comment_id>../6</wp:comment_id><wp:comment_author>x</wp:comment_author>
<wp:comment_date>2015-01-02 10:00:00</wp:comment_date><wp:comment_content>id with a path</wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent>
<wp:comment_user_id>0</wp:comment_user_id></wp:comment>
</item></channel></rss>
"""


def test_a_hostile_export_publishes_text_runs_nothing_and_stays_in_content(tmp_path, browser):
    export = tmp_path / "hostile.xml"
    export.write_text(HOSTILE_EXPORT, encoding="utf-8")
    site_root = tmp_path / "site"
    content = copy_site(site_root)
    result = import_into(content, export=export)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in site_root.iterdir()) == ["content", "wordpress-import-report.txt"]
    assert not list(tmp_path.rglob("escaped*")) or all(
        content in p.parents for p in tmp_path.rglob("escaped*"))
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    build = run_pelican(content, tmp_path / "output", settings={"SITEURL": url, "FEED_DOMAIN": url})
    assert build.ok, build.log
    post_file = tmp_path / "output/2015/01/escaped/index.html"
    assert (tmp_path / "output/2015/01/01/a\";b$c{d}:e*f e/index.html").is_file()
    post = BeautifulSoup(post_file.read_text(encoding="utf-8"), "html.parser")
    assert text_of(post.find("h1")) == "<script>alert(1)</script> & \u201cquoted\u201d Status: hidden"
    assert post.find("meta", attrs={"name": "description"})["content"].startswith("Summary")
    for element in post.find_all(True):
        assert not [a for a in element.attrs if a.lower().startswith("on")], element
        for attribute in ("href", "src"):
            assert not str(element.get(attribute, "")).lower().startswith(("javascript:", "data:"))
    assert post.find(attrs={"data-chart": True}) is None and post.find(class_="chart") is None
    assert "{{ Mexico FY2012 court_grant_rate }}" in text_of(post)
    assert "id with a path" not in text_of(post)
    assert "alert(10)" in text_of(post.find(id="comment-wp-5"))
    with serve(tmp_path / "output", port):
        visit = Visit(browser, url + "/" + post_file.parent.relative_to(tmp_path / "output").as_posix() + "/")
        visit.load_everything()
        assert visit.dialogs == [] and visit.foreign_requests == []
        visit.close()
