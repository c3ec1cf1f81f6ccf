"""Notifications through a real SMTP server on 127.0.0.1 (aiosmtpd): moderators' mail with
one-click links, and reply notices only to commenters who asked for them."""

import re
import time

import pytest

from comment_service import signing
from comment_service.moderation import approve

pytestmark = pytest.mark.slow


def wait_for(messages, count, timeout=15):
    deadline = time.monotonic() + timeout
    while len(messages) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(messages) >= count, [m["Subject"] for m in messages]
    return messages[count - 1]


@pytest.fixture
def mailing(kit, serve, settings, smtp, make_service):
    controller, messages = smtp
    port = kit.free_port()
    settings.update({
        "COMMENTS_ENDPOINT": f"http://127.0.0.1:{port}/comments",
        "COMMENTS_SMTP_HOST": "127.0.0.1", "COMMENTS_SMTP_PORT": controller.port,
        "COMMENTS_SMTP_SECURITY": "none", "COMMENTS_SMTP_FROM": "comments@blog.test",
        "COMMENTS_FLOOD_SECONDS": 0, "COMMENTS_HOLD_LINKS": 1,
    })
    server = serve(settings, port)
    return server, messages, make_service()


def links(message):
    text = message.get_content()
    return dict(re.findall(r"^(Approve|Reject):\s+(\S+)$", text, re.MULTILINE))


def test_moderators_get_the_text_the_hold_reason_and_links_that_work_once(kit, mailing, settings):
    server, messages, service = mailing
    reply = kit.post_form(f"{server.url}/comments", kit.good(
        comment="See https://a.example and https://b.example for the FY 2012 table.",
        email="maria@private.example", notify="yes"))
    assert reply.status == 303
    message = wait_for(messages, 1)
    assert message["To"] == "mod@blog.test" and message["From"] == "comments@blog.test"
    assert message["Subject"] == "[The Grant Rate] New comment on “An open post” by Maria L. (held)"
    text = message.get_content()
    assert "See https://a.example and https://b.example for the FY 2012 table." in text
    assert "Held because: 2 links (more than 1)" in text
    assert "maria@private.example" not in message.as_string()  # the address stays in the queue
    approve_url, reject_url = links(message)["Approve"], links(message)["Reject"]
    assert approve_url.startswith(f"{server.url}/moderate/")

    # A mail scanner opening the link changes nothing: GET only shows a button.
    page = kit.request(approve_url)
    assert page.status == 200 and 'method="post"' in page.text
    assert service.store.get(1).status == "pending"
    done = kit.request(approve_url, "POST")
    assert done.status == 200 and "approved" in done.text
    assert (kit.Path(settings["PATH"]) / "comments/open-post/maria-l.md").is_file()
    assert service.store.get(1).status == "approved"
    # It worked once; after that it has nothing left to do.
    assert kit.request(approve_url, "POST").status == 410
    assert kit.request(reject_url, "POST").status == 410
    assert service.store.get(1).status == "approved"


def test_forged_altered_and_expired_links_are_refused(kit, mailing):
    server, messages, service = mailing
    kit.post_form(f"{server.url}/comments", kit.good())
    approve_url = links(wait_for(messages, 1))["Approve"]
    token = approve_url.rsplit("/", 1)[1]
    action, number, expires, signature = token.split(".")
    base = approve_url.rsplit("/", 1)[0]
    forged = [
        f"{action}.{number}.{expires}.{'A' * len(signature)}",        # a made-up signature
        f"{action}.{int(number) + 1}.{expires}.{signature}",          # another submission
        f"{action}.{number}.{int(expires) + 86400}.{signature}",      # a longer life
        f"reject.{number}.{expires}.{signature}",                     # another action
        f"unsubscribe.{number}.{expires}.{signature}",
        f"{action}.{number}.{expires}",
        signing.sign("some-other-secret-key", action, int(number), int(expires)),
    ]
    for bad in forged:
        for method in ("GET", "POST"):
            reply = kit.request(f"{base}/{bad}", method)
            assert reply.status == 403 and "not one the service wrote" in reply.text, bad
    expired = signing.sign(kit.SECRET, "approve", int(number), time.time() - 1)
    reply = kit.request(f"{base}/{expired}", "POST")
    assert reply.status == 403 and "expired" in reply.text
    assert service.store.get(int(number)).status == "pending"


def test_a_reply_notice_goes_only_to_a_commenter_who_asked(kit, mailing, settings, tmp_path):
    server, messages, service = mailing
    post = f"{server.url}/comments"
    kit.post_form(post, kit.good(name="Ana Opted", email="ana@private.example", notify="yes",
                                 comment="I would like to hear back."))
    kit.post_form(post, kit.good(name="Ben Quiet", email="ben@private.example",
                                 comment="Do not write to me."))
    wait_for(messages, 2)
    assert approve(service, 1).ok and approve(service, 2).ok
    kit.write_site(tmp_path, published={"open-post": ["ana-opted", "ben-quiet"]})
    kit.post_form(post, kit.good(name="Cy", replyto="ana-opted", comment="An answer to Ana."))
    kit.post_form(post, kit.good(name="Di", replyto="ben-quiet", comment="An answer to Ben."))
    wait_for(messages, 4)
    assert approve(service, 3).ok and approve(service, 4).ok
    time.sleep(0.5)
    assert len(messages) == 4  # approved is not yet published: no notice
    kit.write_site(tmp_path, published={"open-post": ["ana-opted", "ben-quiet", "cy", "di"]})
    kit.request(f"{server.url}/health")  # the service sees the new build
    notice = wait_for(messages, 5)
    time.sleep(1)
    assert len(messages) == 5, [m["Subject"] for m in messages]
    assert notice["To"] == "ana@private.example"
    assert notice["Subject"] == "[The Grant Rate] Cy replied to your comment on “An open post”"
    text = notice.get_content()
    assert "An answer to Ana." in text
    assert "https://blog.test/2020/01/open-post/#comment-cy" in text
    assert all("ben@private.example" not in m.as_string() for m in messages)
    assert all("ana@private.example" not in m.as_string() for m in messages[:4])
    # The unsubscribe link: GET asks, POST stops further notices.
    unsubscribe = re.search(r"(http://\S+/unsubscribe/\S+)", text).group(1)
    assert notice["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert kit.request(unsubscribe).status == 200
    assert service.store.get(1).notify
    assert kit.request(unsubscribe, "POST").status == 200
    assert not service.store.get(1).notify
    kit.post_form(post, kit.good(name="Ed", replyto="ana-opted", comment="Another answer to Ana."))
    wait_for(messages, 6)
    assert approve(service, 5).ok
    kit.write_site(tmp_path, published={"open-post": ["ana-opted", "ben-quiet", "cy", "di", "ed"]})
    kit.request(f"{server.url}/health")
    time.sleep(1)
    assert len(messages) == 6 and "Ed" in messages[5]["Subject"]  # only the moderators' mail


def test_without_smtp_notifications_are_logged_and_skipped(kit, serve, settings):
    server = serve({**settings, "COMMENTS_SMTP_HOST": None})
    assert kit.post_form(f"{server.url}/comments", kit.good()).status == 303
    deadline = time.monotonic() + 10
    while "Mail is off" not in server.log.read_text() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "Mail is off (no COMMENTS_SMTP_HOST): no mail about submission 1" \
        in server.log.read_text()
