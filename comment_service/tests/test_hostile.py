"""Bad and malicious requests against the real service: each gets the right status and a clear
message, nothing that should not be stored is stored, and nothing executable reaches a page.
"""

import json
import re
import shutil
import sqlite3
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup

from comment_service.config import load
from comment_service.moderation import approve
from comment_service.service import Service
from comment_service.tests.conftest import request
from tests.sitebuild import ROOT, post, run_pelican, write_tree

pytestmark = pytest.mark.slow

SITE = "https://blog.test"
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
XSS = '<script>xss("{}")</script><img src=x onerror=xss("{}")>'
LIMIT = 1024 * 1024


def fields(marker, **changes):
    """A good submission carrying `marker` in its text, changed as the case needs."""
    values = {"article": "open-post", "name": "Maria L.", "email": "", "website": "",
              "comment": f"Case {marker}: a comment about the figures.", "replyto": "",
              "homepage": ""}
    values.update(changes)
    return values


def form(marker, **changes):
    return urlencode(fields(marker, **changes)).encode(), {"Content-Type": FORM}


def raw(body, content_type=FORM, **headers):
    return body, {"Content-Type": content_type, **headers} if content_type else headers


def pairs(items):
    return urlencode(items).encode(), {"Content-Type": FORM}


def as_json(value):
    return json.dumps(value).encode(), {"Content-Type": JSON}


BIG = "x" * 65536
# (name, (body, headers), status, words in the message). Every request asks for
# JSON except those marked html, which ask as a browser does.
CASES = [
    # Size and type.
    ("oversized body", raw(b"a" * (LIMIT + 1)), 413, "too large"),
    ("oversized declared length", raw(b"name=a", **{"Content-Length": str(LIMIT * 10)}), 413,
     "too large"),
    ("text/plain", raw(b"article=open-post", "text/plain"), 415, "text/plain"),
    ("no content type", raw(b"article=open-post", None), 415, "untyped"),
    ("xml", raw(b"<comment/>", "application/xml"), 415, "application/xml"),
    ("latin-1 form", raw(b"name=Mar\xeda", FORM + "; charset=iso-8859-1"), 415, "UTF-8"),
    ("multipart with a file", raw(
        b'--B\r\nContent-Disposition: form-data; name="comment"; filename="x.html"\r\n\r\n'
        b"<script></script>\r\n--B--\r\n", "multipart/form-data; boundary=B"), 400, "files"),
    ("multipart without boundary", raw(b"--B--", "multipart/form-data"), 400, "boundary"),
    # Encoding.
    ("invalid UTF-8 escape", raw(b"article=open-post&name=%ff&comment=abcd"), 400, "UTF-8"),
    ("raw invalid byte", raw(b"article=open-post&name=\xc3&comment=abcd"), 400, "UTF-8"),
    ("overlong UTF-8", raw(b"article=open-post&name=%c0%bcscript&comment=abcd"), 400, "UTF-8"),
    ("UTF-8 surrogate", raw(b"article=open-post&name=%ed%a0%80&comment=abcd"), 400, "UTF-8"),
    ("JSON not an object", as_json(["open-post"]), 400, "object"),
    ("JSON broken", raw(b'{"article": ', JSON), 400, "JSON"),
    ("JSON nested value", as_json(fields("j1", name={"first": "x"})), 400, "must be text"),
    ("JSON number", as_json(fields("j2", comment=12345)), 400, "must be text"),
    ("too many fields", pairs([(f"f{i}", "1") for i in range(40)]), 400, "fields"),
    # Missing and repeated fields.
    ("empty body", raw(b""), 400, "missing"),
    ("no article", form("m1", article=""), 400, "article"),
    ("no name", form("m2", name=""), 400, "name"),
    ("blank name", form("m3", name="   "), 400, "name"),
    ("no comment", form("m4", comment=""), 400, "comment"),
    ("name twice", pairs(list(fields("r1").items()) + [("name", "Other")]), 400, "more than once"),
    ("comment twice", pairs(list(fields("r2").items()) + [("comment", "Other text")]), 400,
     "more than once"),
    ("article twice", pairs(list(fields("r3").items()) + [("article", "other-post")]), 400,
     "more than once"),
    ("replyto twice", pairs(list(fields("r4", replyto="tom").items()) + [("replyto", "ana")]),
     400, "more than once"),
    # Posts and reply targets.
    ("unknown post", form("p1", article="no-such-post"), 404, "no post"),
    ("path in article", form("p2", article="../../etc/passwd"), 400, "slug"),
    ("slash in article", form("p3", article="open-post/tom"), 400, "slug"),
    ("unknown reply target", form("p4", replyto="nobody"), 404, "does not exist"),
    ("reply to another post's comment", form("p5", replyto="zed"), 404, "another post"),
    ("reply to a hidden post's comment", form("p6", replyto="gone"), 404, "does not exist"),
    ("path as reply target", form("p7", replyto="../tom"), 400, "not a comment id"),
    ("markup as reply target", form("p8", replyto="<b>tom</b>"), 400, "not a comment id"),
    ("closed post", form("p9", article="closed-post"), 403, "closed"),
    ("hidden post", form("p10", article="hidden-post"), 403, "hidden"),
    # Cross-site requests.
    ("foreign origin", raw(*form("c1")[:1], Origin="https://evil.example"), 403,
     "https://evil.example"),
    ("null origin", raw(*form("c2")[:1], Origin="null"), 403, "null"),
    ("origin with the site as a prefix", raw(*form("c3")[:1], Origin="https://blog.test.evil.example"),
     403, "evil"),
    ("origin over plain http", raw(*form("c4")[:1], Origin="http://blog.test"), 403, "http://"),
    ("cross-site fetch without origin", raw(*form("c5")[:1], Origin=None, **{"Sec-Fetch-Site": "cross-site"}),
     403, "another site"),
    # Header injection.
    ("newline in name", form("h1", name="Bob\nReplyto: tom"), 400, "one line"),
    ("CRLF in name", form("h2", name="Bob\r\nDate: 2001-01-01 00:00"), 400, "one line"),
    ("line separator in name", form("h3", name="Bob\u2028Website: https://x"), 400, "one line"),
    ("NUL in name", form("h4", name="Bob\x00"), 400, "control"),
    ("CRLF in email", form("h5", email="a@b.example\r\nBcc: victim@c.example"), 400, "one line"),
    ("newline in email", form("h6", email="a@b.example\nSubject: hi"), 400, "one line"),
    ("two addresses", form("h7", email="a@b.example, c@d.example"), 400, "not an email"),
    ("newline in website", form("h8", website="https://a.example\nReplyto: tom"), 400, "one line"),
    ("tab in name", form("h9", name="Bob\tSmith"), 400, "one line"),
    # Lengths and formats.
    ("long name", form("l1", name="N" * 101), 400, "longer than 100"),
    ("very long line as name", form("l2", name="N" * 10000), 400, "longer than 100"),
    ("comment too long", form("l3", comment=BIG), 400, "longer than 65,535"),
    ("comment too short", form("l4", comment="ok"), 400, "shorter than 3"),
    ("long email", form("l5", email="a" * 250 + "@b.example"), 400, "not an email"),
    ("not an email", form("l6", email="maria at example.org"), 400, "not an email"),
    ("notice without email", form("l7", notify="yes"), 400, "reply notices"),
    ("javascript website", form("l8", website="javascript:xss(1)"), 400, "http"),
    ("data website", form("l9", website="data:text/html,<script>xss(1)</script>"), 400, "http"),
    ("vbscript website", form("l10", website="vbscript:msgbox(1)"), 400, "http"),
    ("website without host", form("l11", website="https:///path"), 400, "http"),
    ("website with a space", form("l12", website="https://a.example/ b"), 400, "http"),
    ("control character in text", form("l13", comment="Case l13 \x1b[31m red"), 400, "control"),
    ("NUL in text", form("l14", comment="Case l14 \x00 zero"), 400, "control"),
]

# Hostile but well-formed: received, held for moderation, and harmless once published.
ACCEPTED = [
    ("script in every field", form("a1", name=XSS.format("n", "n"),
                                   website='https://a.example/"><script>xss("w")</script>',
                                   comment="Case a1 " + XSS.format("c", "c"))),
    ("markup and links in the text", form("a2", comment='Case a2 [click](javascript:xss("l")) '
                                          '<iframe src="javascript:xss(1)"></iframe> '
                                          '<a href="javascript:xss(2)" onclick="xss(3)">x</a>')),
    ("svg and style", form("a3", name="<svg onload=xss(4)>",
                           comment='Case a3 <svg><script>xss("s")</script></svg>'
                                   '<style>body{display:none}</style>')),
    ("very long single line", form("a4", comment="Case a4 " + "word " * 12000)),
    ("right-to-left and zero-width name", form("a5", name="\u202eMaria\u200b L.")),
]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, kit):
    root = tmp_path_factory.mktemp("hostile")
    settings = {**kit.base_settings(root), "COMMENTS_RATE_LIMIT": 10000,
                "COMMENTS_FLOOD_SECONDS": 0, "COMMENTS_MAX_BYTES": LIMIT}
    server = kit.start_server(settings, root / "service.log")
    yield server, settings, root
    server.kill()


def send(server, body, headers, html=False):
    headers = {k: v for k, v in {"Origin": SITE, **headers}.items() if v is not None}
    if not html:
        headers["Accept"] = JSON
    return request(f"{server.url}/comments", "POST", body, headers)


def stored_texts(settings):
    with sqlite3.connect(settings["COMMENTS_DB"]) as db:
        return [row for row in db.execute("SELECT author, email, website, body, status "
                                          "FROM submissions")]


def test_there_are_at_least_sixty_hostile_requests():
    assert len(CASES) + len(ACCEPTED) + len(OTHER) >= 60


@pytest.mark.parametrize("name, request_, status, words", CASES, ids=[c[0] for c in CASES])
def test_each_bad_request_gets_its_status_and_says_why(hostile, name, request_, status, words):
    server, settings, _ = hostile
    before = len(stored_texts(settings))
    reply = send(server, *request_)
    assert reply.status == status, reply.text
    message = reply.json()
    said = " ".join([message["error"], *(f"{k} {v}" for k, v in message["fields"].items())])
    assert words in said, message
    assert len(stored_texts(settings)) == before


@pytest.mark.parametrize("name, request_", ACCEPTED, ids=[c[0] for c in ACCEPTED])
def test_hostile_but_well_formed_comments_wait_for_a_moderator(hostile, name, request_):
    server, _, _ = hostile
    reply = send(server, *request_)
    # Tests run in any order: the last test below may have sent it already,
    # and then the service says it is queued for a moderator.
    queued_before = reply.status == 409 and "waiting for a moderator" in reply.json()["error"]
    assert queued_before or (reply.status == 202 and reply.json()["status"] == "pending")


OTHER = ["GET", "PUT", "DELETE", "html-error", "html-error-script", "honeypot", "duplicate"]


def test_other_methods_are_not_allowed(hostile):
    server, _, _ = hostile
    for method in ("GET", "PUT", "DELETE"):
        assert request(f"{server.url}/comments", method).status == 405


def test_an_error_page_escapes_what_the_reader_sent_and_keeps_their_text(hostile):
    server, _, _ = hostile
    body, headers = form("e1", name="N" * 200, comment='Case e1 </textarea><script>xss("e")</script>')
    reply = send(server, body, headers, html=True)
    assert reply.status == 400 and reply.headers["content-type"].startswith("text/html")
    page = BeautifulSoup(reply.text, "html.parser")
    assert page.select("script") == [] and "<script>" not in reply.text
    assert page.select_one("textarea").get_text() == 'Case e1 </textarea><script>xss("e")</script>'
    assert "Name is longer than 100 characters." in page.get_text()
    cross = send(server, *raw(*form("e2")[:1], Origin="https://evil.example"), html=True)
    assert cross.status == 403 and "<script>" not in cross.text


def test_a_filled_honeypot_looks_like_success_but_is_stored_as_spam(hostile):
    server, settings, _ = hostile
    reply = send(server, *form("hp", homepage="https://spam.example"), html=True)
    assert reply.status == 303
    rows = [r for r in stored_texts(settings) if "Case hp" in r[3]]
    assert [r[4] for r in rows] == ["spam"]


def test_the_same_comment_twice_is_refused_with_409(hostile):
    server, _, _ = hostile
    assert send(server, *form("d1")).status == 202
    again = send(server, *form("d1"))
    assert again.status == 409 and "already received" in again.json()["error"]


def test_nothing_refused_was_stored_and_nothing_executable_reaches_the_page(hostile, tmp_path):
    server, settings, root = hostile
    for _, request_ in ACCEPTED:
        send(server, *request_)  # 202 the first time, 409 if already sent
    rows = stored_texts(settings)
    texts = "\n".join(r[3] for r in rows)
    refused = {m.decode() for c in CASES for m in re.findall(rb"Case\+(\w+)", c[1][0])}
    assert len(refused) > 40
    assert [m for m in refused if f"Case {m}" in texts] == []
    # Every accepted hostile comment is approved and built into a real page.
    config = load(ROOT / "pelicanconf.py", settings, environ={})
    service = Service(config)
    try:
        pending = service.store.with_status("pending")
        assert len(pending) >= len(ACCEPTED)
        for submission in pending:
            assert approve(service, submission.id).ok
    finally:
        service.close()
    content = root / "content"
    write_tree(content, {f"posts/{slug}.md": post(slug, date="2020-01-01 10:00", Slug=slug)
                         for slug in ("open-post", "other-post", "closed-post", "hidden-post")})
    # A copy, not a link: the build refuses symbolic links in content/.
    shutil.copytree(ROOT / "content" / "data", content / "data")
    build = run_pelican(content, tmp_path / "output", settings={"SITEURL": SITE,
                                                                "FEED_DOMAIN": SITE})
    assert build.ok, build.log
    page = BeautifulSoup(build.read("2020/01/open-post/index.html"), "html.parser")
    thread = page.select_one("#comments")
    assert "xss(" in thread.get_text()  # shown as text...
    assert thread.select("script, iframe, svg, style, img") == []  # ...never run
    for element in thread.find_all(True):
        assert not [a for a in element.attrs if a.lower().startswith("on")], element
        for attribute in ("href", "src"):
            assert not str(element.get(attribute, "")).lower().startswith(("javascript:", "data:"))
    for feed in build.files(".xml"):
        assert "<script>" not in feed.read_text(encoding="utf-8")
