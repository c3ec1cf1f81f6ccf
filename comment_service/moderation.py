"""Deciding on submissions: approve into a comment file, reject, spam, purge; the mails after.

Approval is idempotent. The comment file is written first (atomically,
through the comment-file module; the same text again is a no-op) and the
decision recorded after: a crash between the two leaves a pending
submission whose file already exists, and approving it again rewrites
nothing and records the decision. The id was fixed when the comment was
received, so a comment can never be published twice under two names.
"""

import datetime
import logging
import shlex
import subprocess
import time
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from pelican.plugins.comment_threads import commentfile
from pelican.plugins.comment_threads.commentfile import CommentFile

from . import mail, validate
from .intake import comment_id_base, taken_ids
from .site import ManifestError
from .validate import Draft

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Result:
    ok: bool
    message: str


def comment_file(submission, timezone):
    """The comment file an approved submission becomes; its date is when it was received."""
    local = datetime.datetime.fromtimestamp(submission.received, ZoneInfo(timezone))
    return CommentFile(author=submission.author, date=local.replace(tzinfo=None, second=0,
                                                                     microsecond=0),
                       body=submission.body, replyto=submission.replyto,
                       website=submission.website)


def approve(service, submission_id, now=None):
    now = time.time() if now is None else now
    config, store = service.config, service.store
    submission = store.get(submission_id)
    if submission is None:
        return Result(False, f"{submission_id}: no such submission; see `comments pending`")
    path = commentfile.path_for(config.comments_dir, submission.slug, submission.comment_id)
    shown = _relative(path, config.root)
    refusals = _build_refusals(config, submission)
    if refusals:
        return Result(False, f"{submission_id}: the site's build would refuse it ("
                             + "; ".join(f"{e.field} {e.message}" for e in refusals)
                             + "); reject it")
    if submission.replyto and not commentfile.path_for(
            config.comments_dir, submission.slug, submission.replyto).exists():
        return Result(False, f"{submission_id}: the comment it answers ({submission.replyto}) is "
                             f"no longer in {_relative(path.parent, config.root)}; reject it, or "
                             "restore that comment first")
    commentfile.write(config.comments_dir, submission.slug, submission.comment_id,
                      comment_file(submission, config["TIMEZONE"]))
    if submission.status == "approved":
        return Result(True, f"{submission_id}: already approved, in {shown}")
    store.decide(submission_id, "approved", now, reply_notice=_notice_due(store, submission))
    return Result(True, f"{submission_id}: approved, written to {shown}")


def _build_refusals(config, submission):
    draft = Draft(submission.slug, submission.author, None, submission.website, submission.body,
                  submission.replyto, notify=False, honeypot=False)
    return validate.build_refusals(draft, timezone=config["TIMEZONE"],
                                   max_length=config["COMMENTS_MAX_LENGTH"],
                                   author_names=config["COMMENTS_AUTHOR_NAMES"])


def _notice_due(store, reply):
    """'due' if the comment answered asked to hear of replies (and it is not its own author's)."""
    if not reply.replyto:
        return None
    parent = store.find(reply.slug, reply.replyto)
    if parent is None or not parent.notify or not parent.email:
        return None
    if reply.email and reply.email.casefold() == parent.email.casefold():
        return None
    return "due"


def reject(service, submission_id, status="rejected", now=None):
    now = time.time() if now is None else now
    submission = service.store.get(submission_id)
    if submission is None:
        return Result(False, f"{submission_id}: no such submission; see `comments pending`")
    if submission.status == "approved":
        return Result(False, f"{submission_id}: already approved and published; delete "
                             f"content/comments/{submission.slug}/{submission.comment_id}.md "
                             "to take it down")
    if submission.status == status:
        return Result(True, f"{submission_id}: already {status}")
    service.store.decide(submission_id, status, now)
    return Result(True, f"{submission_id}: {'marked as spam' if status == 'spam' else status}")


def purge(service, now=None):
    now = time.time() if now is None else now
    days = service.config["COMMENTS_PURGE_AFTER_DAYS"]
    return service.store.purge(now - days * 86400)


def enqueue(service, *, slug, author, body, received, email=None, website=None, replyto=None,
            reasons=(), network="imported"):
    """Put a comment from elsewhere (an import) in the queue as pending; its Submission.

    No rate limit; the id is chosen as for any submission, avoiding ids
    already published or on disk. What the build would refuse is listed
    as a hold reason, and approval refuses it until it is fixed. Returns
    None when the same comment is already queued.
    """
    draft = Draft(slug, author, email, website, body, replyto, notify=False, honeypot=False)
    reasons = list(reasons) + [f"the build would refuse it: {e.field} {e.message}"
                               for e in _build_refusals(service.config, draft)]
    try:
        post = service.site.post(slug)
    except ManifestError:
        post = None
    taken = taken_ids(service.config, post) if post else set()
    stored = service.store.add(draft, status="pending", reasons=reasons, network=network,
                               now=received, id_base=comment_id_base(author), taken=taken)
    return stored if hasattr(stored, "comment_id") else None


def notify_moderators(service, submission, post):
    config = service.config
    if not config["COMMENTS_MODERATORS"]:
        logger.info("No COMMENTS_MODERATORS: no mail about submission %s", submission.id)
        return False
    if not config.mail_enabled:
        # Said before the message is made: composing a mail costs more than taking a comment.
        logger.info("Mail is off (no COMMENTS_SMTP_HOST): no mail about submission %s",
                    submission.id)
        return False
    message = mail.moderator_message(
        sitename=config["SITENAME"], sender=service.mailer.sender,
        moderators=config["COMMENTS_MODERATORS"], submission=submission, post=post,
        approve_url=service.link("approve", submission.id),
        reject_url=service.link("reject", submission.id),
        link_days=config["COMMENTS_LINK_DAYS"])
    return service.mailer.send(message)


def send_reply_notices(service, posts):
    """Tell opted-in commenters of approved replies that the site now shows; how many were sent.

    A reply counts as shown once the build's manifest lists its id, so no
    notice points at a comment readers cannot see yet.
    """
    sent = 0
    store, config = service.store, service.config
    for reply in store.with_status("approved"):
        post = posts.get(reply.slug)
        if reply.reply_notice != "due" or post is None or reply.comment_id not in post.comment_ids:
            continue
        if not store.claim_notice(reply.id):
            continue  # another process (the service, or `comments approve`) is sending it
        parent = store.find(reply.slug, reply.replyto)
        if parent is None or not parent.notify or not parent.email:
            store.set_reply_notice(reply.id, "skipped")
            continue
        message = mail.reply_message(
            sitename=config["SITENAME"], sender=service.mailer.sender, parent=parent,
            reply=reply, post=post, unsubscribe_url=service.link("unsubscribe", parent.id))
        if service.mailer.send(message):
            store.set_reply_notice(reply.id, "sent")
            sent += 1
        else:
            # Logged; with mail off it is skipped, after a failure it is tried again.
            store.set_reply_notice(reply.id, "due" if config.mail_enabled else "skipped")
    return sent


def build_command(config, asked):
    """The command to run after approving: COMMENTS_ON_APPROVE, or `make html` if asked to."""
    command = config["COMMENTS_ON_APPROVE"]
    if command:
        return shlex.split(command)
    return ["make", "html"] if asked else None


def run_build(service, command):
    """Run the build; then send the reply notices its manifest makes due. True if it built."""
    logger.info("Running %s", shlex.join(command))
    finished = subprocess.run(command, cwd=service.config.root, check=False)
    if finished.returncode != 0:
        return False
    try:
        send_reply_notices(service, service.site.posts())
    except ManifestError as error:
        logger.error("No reply notices sent: %s", error)
    return True


def _relative(path, root):
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
