"""The service over real HTTP (uvicorn on 127.0.0.1): what a browser and a script get."""

import json
import sqlite3

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture
def server(serve, settings):
    return serve({**settings, "COMMENTS_FLOOD_SECONDS": 0})


def test_a_form_post_is_sent_on_to_the_awaiting_moderation_page(kit, server):
    reply = kit.post_form(f"{server.url}/comments", kit.good(replyto="tom"))
    assert reply.status == 303
    assert reply.headers["location"] == "/comments/received?article=open-post"
    page = kit.request(server.url + reply.headers["location"])
    assert page.status == 200 and "awaiting moderation" in page.text
    assert 'href="https://blog.test/2020/01/open-post/#comments"' in page.text
    assert "An open post" in page.text
    assert "default-src 'none'" in page.headers["content-security-policy"]


def test_a_script_asking_for_json_gets_202_and_the_id(kit, server):
    reply = kit.post_form(f"{server.url}/comments", kit.good(), json_reply=True)
    assert reply.status == 202 and reply.json() == {"id": 1, "status": "pending"}
    again = kit.post_form(f"{server.url}/comments", kit.good(comment="A second comment."),
                      json_reply=True)
    assert again.json() == {"id": 2, "status": "pending"}
    body = json.dumps(kit.good(comment="Posted as JSON.")).encode()
    as_json = kit.request(f"{server.url}/comments", "POST", body,
                      {"Content-Type": "application/json", "Origin": "https://blog.test"})
    assert as_json.status == 202 and as_json.json()["id"] == 3


def test_health_reports_the_posts_and_the_queue(kit, server):
    kit.post_form(f"{server.url}/comments", kit.good())
    assert kit.request(f"{server.url}/health").json() == {"status": "ok", "posts": 4, "pending": 1}


def test_the_manifest_is_read_again_when_the_build_rewrites_it(kit, server, settings, tmp_path):
    assert kit.post_form(f"{server.url}/comments", kit.good(replyto="fresh"), json_reply=True).status == 404

    kit.write_site(tmp_path, published={"open-post": ["fresh"]})
    assert kit.post_form(f"{server.url}/comments", kit.good(replyto="fresh"), json_reply=True).status == 202


def test_rate_limit_and_flood_interval_answer_429_with_retry_after(kit, serve, tmp_path):
    server = serve({**kit.base_settings(tmp_path), "COMMENTS_FLOOD_SECONDS": 15})
    assert kit.post_form(f"{server.url}/comments", kit.good()).status == 303
    flood = kit.post_form(f"{server.url}/comments", kit.good(comment="Right after."), json_reply=True)
    assert flood.status == 429 and 1 <= int(flood.headers["retry-after"]) <= 15
    assert "wait" in flood.json()["error"]
    page = kit.post_form(f"{server.url}/comments", kit.good(comment="Right after, as a form."))
    assert page.status == 429 and "Right after, as a form." in page.text  # kept to copy


def test_the_address_is_stored_as_its_network_only(kit, server, settings):
    kit.post_form(f"{server.url}/comments", kit.good(email="maria@example.org"))
    with sqlite3.connect(settings["COMMENTS_DB"]) as db:
        (network,), = db.execute("SELECT network FROM submissions").fetchall()
    assert network == "127.0.0.0/24"
    # No access log either: it would keep each commenter's full address.
    assert "POST /comments" not in server.log.read_text()
