"""Approving, rejecting, purging and importing, in process: the queue and the files it writes."""

import subprocess

import pytest

from comment_service import intake, moderation
from comment_service.config import ConfigError, load
from comment_service.tests.conftest import CONF, command
from pelican.plugins.comment_threads import commentfile

NOW = 1_700_000_000.0  # 2023-11-14 22:13 UTC
# Limits out of the way: these tests are about what happens after intake.
OPEN = {"COMMENTS_FLOOD_SECONDS": 0, "COMMENTS_RATE_LIMIT": 1000}


def receive(service, now=NOW, **changes):
    fields = {"article": "open-post", "name": "Maria L.", "comment": "Words about the rate."}
    fields.update(changes)
    outcome = intake.receive(service, list(fields.items()), network="192.0.2.0/24", now=now)
    assert outcome.status == 202, outcome
    return outcome.submission


def test_approval_writes_the_exact_text_through_the_comment_file_module(make_service):
    service = make_service(TIMEZONE="America/New_York", **OPEN)
    submission = receive(service, comment="  Line *one*\n\n<b>two</b> & three  ",
                         website="https://maria.example", replyto="tom")
    result = moderation.approve(service, submission.id, now=NOW + 60)
    path = service.config.comments_dir / "open-post" / "maria-l.md"
    assert result.ok and str(path).endswith(result.message.rsplit(" ", 1)[1])
    text = path.read_text(encoding="utf-8")
    assert text == ("Author: Maria L.\nDate: 2023-11-14 17:13\nReplyto: tom\n"
                    "Website: https://maria.example\n\n  Line *one*\n\n<b>two</b> & three  \n")
    comment, mistakes = commentfile.parse(text)
    assert mistakes == [] and comment.author == "Maria L."
    assert service.store.get(submission.id).status == "approved"


def test_approval_is_idempotent_even_after_a_crash_between_file_and_record(make_service):
    service = make_service(**OPEN)
    submission = receive(service)
    # The crash: the file was written, the approval not yet recorded.
    commentfile.write(service.config.comments_dir, "open-post", submission.comment_id,
                      moderation.comment_file(submission, service.config["TIMEZONE"]))
    assert service.store.get(submission.id).status == "pending"
    folder = service.config.comments_dir / "open-post"
    before = sorted(p.name for p in folder.iterdir())
    assert moderation.approve(service, submission.id).ok
    assert moderation.approve(service, submission.id).message.endswith(
        "already approved, in " + str(folder / "maria-l.md"))
    assert sorted(p.name for p in folder.iterdir()) == before  # no second file, no temp file
    assert service.store.get(submission.id).status == "approved"


def test_ids_never_take_a_published_or_queued_one(make_service):
    service = make_service(**OPEN)
    first = receive(service, name="Tom")                 # 'tom' is published
    second = receive(service, name="tom", comment="Another thing entirely.")
    assert (first.comment_id, second.comment_id) == ("tom-2", "tom-3")


def test_a_reply_whose_parent_was_removed_is_not_approved(make_service):
    service = make_service(**OPEN)
    submission = receive(service, replyto="ana")
    (service.config.comments_dir / "open-post" / "ana.md").unlink()
    result = moderation.approve(service, submission.id)
    assert not result.ok and "the comment it answers (ana) is no longer in" in result.message
    assert service.store.get(submission.id).status == "pending"


def test_reject_spam_and_purge(make_service):
    service = make_service(**OPEN)
    kept, rejected, spam = (receive(service, comment=f"Comment {n}.") for n in range(3))
    assert moderation.reject(service, rejected.id, now=NOW).ok
    assert moderation.reject(service, spam.id, "spam", now=NOW).message.endswith("marked as spam")
    assert moderation.approve(service, kept.id).ok
    refused = moderation.reject(service, kept.id)
    assert not refused.ok and "delete content/comments/open-post/maria-l.md" in refused.message
    days = service.config["COMMENTS_PURGE_AFTER_DAYS"]
    assert moderation.purge(service, now=NOW + (days - 1) * 86400) == 0
    assert moderation.purge(service, now=NOW + (days + 1) * 86400) == 2
    assert [s.id for s in service.store.with_status("approved", "rejected", "spam")] == [kept.id]


def test_honeypot_and_blocklists_store_spam_and_holds_say_why(make_service):
    service = make_service(COMMENTS_BLOCKED_WORDS=["casino"], COMMENTS_HOLD_LINKS=0, **OPEN)
    trapped = receive(service, homepage="http://bot.example")
    blocked = receive(service, comment="Best CASINO odds here.")
    held = receive(service, comment="Source: https://trac.syr.edu/ for the table.")
    assert (trapped.status, trapped.reasons) == ("spam", ("the hidden honeypot field was filled in",))
    assert (blocked.status, blocked.reasons) == ("spam", ("blocked word 'casino'",))
    assert (held.status, held.reasons) == ("pending", ("1 links (more than 0)",))


def test_an_import_can_queue_a_pending_comment_with_its_own_date(make_service):
    service = make_service(**OPEN)
    queued = moderation.enqueue(service, slug="open-post", author="Old Reader",
                                body="From the old blog.", received=1_400_000_000.0,
                                reasons=["imported from WordPress"])
    assert queued.status == "pending" and queued.reasons == ("imported from WordPress",)
    assert moderation.enqueue(service, slug="open-post", author="Old Reader",
                              body="From the old blog.", received=1_400_000_000.0) is None
    assert moderation.approve(service, queued.id).ok
    text = (service.config.comments_dir / "open-post" / "old-reader.md").read_text()
    assert "Date: 2014-05-13" in text
    # What the build would refuse is held with the reason, and never approved.
    risky = moderation.enqueue(service, slug="open-post", author="Elena Marsh",
                               body="Mail me: elena@old-blog.example", received=1_400_000_000.0)
    assert risky.reasons == (
        "the build would refuse it: comment is refused: the comment's text holds an email "
        "address; remove it; addresses are never published (shown as '(address removed)')",
        "the build would refuse it: name is, or looks like, the name of one of the site's "
        "authors; choose another")
    result = moderation.approve(service, risky.id)
    assert not result.ok and "the site's build would refuse it" in result.message
    assert not (service.config.comments_dir / "open-post" / "elena-marsh.md").exists()


def test_bad_settings_are_named_all_at_once_without_a_traceback(settings, tmp_path):
    with pytest.raises(ConfigError) as caught:
        load(CONF, {**settings, "COMMENTS_RATE_LIMIT": 0, "COMMENTS_TRUSTED_PROXIES": ["x"],
                    "COMMENTS_SMTP_HOST": "mail.example", "COMMENTS_SMTP_FROM": None},
             environ={})
    assert str(caught.value).splitlines() == [
        "Setting COMMENTS_TRUSTED_PROXIES is ['x']; it should be a list of addresses or "
        "networks such as '127.0.0.1'.",
        "Setting COMMENTS_RATE_LIMIT is 0; it should be a whole number, 1 or more.",
        "Setting COMMENTS_SMTP_HOST is set but COMMENTS_SMTP_FROM is not; set the address "
        "notifications are sent from.",
    ]
    missing = subprocess.run(command({**settings, "PATH": str(tmp_path / "nowhere")}, "pending"),
                             capture_output=True, text=True, check=False)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert "You need to specify a path containing the content" in missing.stderr
    run = subprocess.run(command({**settings, "COMMENTS_FLOOD_SECONDS": -1}, "pending"),
                         capture_output=True, text=True, check=False)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "COMMENTS_FLOOD_SECONDS is -1; it should be a whole number, 0 or more." in run.stderr


def test_the_environment_overrides_the_database_and_secret(settings, tmp_path):
    config = load(CONF, settings, environ={"COMMENTS_DB": str(tmp_path / "elsewhere.db"),
                                           "COMMENTS_SECRET": "from-the-environment-1"})
    assert config.db_path == tmp_path / "elsewhere.db"
    assert config["COMMENTS_SECRET"] == "from-the-environment-1"


def test_the_command_lists_shows_and_decides(settings):
    def comments(*args):
        return subprocess.run(command(settings, *args), capture_output=True, text=True,
                              check=False)

    assert comments("pending").stdout == "Nothing awaits moderation.\n"
    from comment_service.config import load as load_config
    from comment_service.service import Service

    service = Service(load_config(CONF, {**settings, **OPEN}, environ={}))
    try:
        receive(service, email="maria@private.example", replyto="tom",
                comment="First line here.\nSecond line.", website="https://m.example")
    finally:
        service.close()
    listed = comments("pending")
    assert "open-post  Maria L." in listed.stdout and "reply to tom" in listed.stdout
    assert "First line here." in listed.stdout and "maria@private" not in listed.stdout
    assert "maria@private" not in comments("pending", "--json").stdout
    shown = comments("show", "1").stdout
    assert "Email: maria@private.example" in shown and shown.endswith("Second line.\n")
    assert comments("show", "9").returncode == 1
    assert comments("spam", "1").stdout == "1: marked as spam\n"
    assert comments("approve", "1", "2").returncode == 1  # 2 does not exist; 1 is approved
    assert comments("pending").stdout == "Nothing awaits moderation.\n"
