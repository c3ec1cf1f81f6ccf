"""Notification mails: what they say (pure), and sending them over SMTP with the standard library.

Mail goes only to the moderators and to a commenter who ticked "email me
when someone replies"; a commenter's address never appears in a mail to
anyone else. Without COMMENTS_SMTP_HOST nothing is sent: each mail is logged
(without its addresses) and skipped.
"""

import logging
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

logger = logging.getLogger(__name__)


def moderator_message(*, sitename, sender, moderators, submission, post, approve_url,
                      reject_url, link_days):
    """The mail telling moderators about one new submission, with one-click links."""
    held = "; ".join(submission.reasons)
    subject = f"[{sitename}] New comment on “{post.title}” by {submission.author}"
    if held:
        subject += " (held)"
    answering = (f"in reply to comment {submission.replyto}" if submission.replyto
                 else "a new comment")
    lines = [
        f"{submission.author} wrote {answering} on “{post.title}”:",
        post.url,
        "",
        *submission.body.splitlines(),
        "",
        "--",
        f"Website: {submission.website or '(none)'}",
        f"Reply notices asked for: {'yes' if submission.notify else 'no'}",
    ]
    if held:
        lines.append(f"Held because: {held}")
    lines += [
        "",
        f"Approve: {approve_url}",
        f"Reject:  {reject_url}",
        "",
        f"Each link opens a page with a button; it works once, for {link_days} days.",
        f"Or on the server: comments approve {submission.id}   /   comments reject {submission.id}",
    ]
    return _message(sender, list(moderators), subject, "\n".join(lines))


def reply_message(*, sitename, sender, parent, reply, post, unsubscribe_url):
    """The notice to a commenter who asked to hear about replies to their comment."""
    subject = f"[{sitename}] {reply.author} replied to your comment on “{post.title}”"
    lines = [
        f"{reply.author} replied to your comment on “{post.title}”:",
        "",
        *reply.body.splitlines(),
        "",
        f"Read it on the site: {post.url}#comment-{reply.comment_id}",
        "",
        "--",
        "You get this because you asked to be told of replies when you commented.",
        f"To stop these mails about that comment: {unsubscribe_url}",
    ]
    message = _message(sender, [parent.email], subject, "\n".join(lines))
    message["List-Unsubscribe"] = f"<{unsubscribe_url}>"
    return message


def _message(sender, recipients, subject, text):
    message = EmailMessage()
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    # The default policy refuses line breaks in a header value: a name can
    # never add a header, even if it got past the form's checks.
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1])
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(text + "\n")
    return message


class Mailer:
    """Sends messages with the COMMENTS_SMTP_* settings, or logs them when mail is off."""

    def __init__(self, config):
        self.config = config
        self.sent = 0

    @property
    def sender(self):
        return self.config["COMMENTS_SMTP_FROM"] or "comments@localhost"

    def send(self, message):
        """Send one message; False (logged) when mail is off or the server refuses it."""
        config = self.config
        if not config.mail_enabled:
            logger.info("Mail is off (no COMMENTS_SMTP_HOST): not sending %r", message["Subject"])
            return False
        try:
            with self._connect() as smtp:
                if config["COMMENTS_SMTP_USER"]:
                    smtp.login(config["COMMENTS_SMTP_USER"], config["COMMENTS_SMTP_PASSWORD"] or "")
                smtp.send_message(message)
        except (OSError, smtplib.SMTPException) as error:
            logger.error("Could not send %r: %s", message["Subject"], error)
            return False
        self.sent += 1
        return True

    def _connect(self):
        config = self.config
        host, port = config["COMMENTS_SMTP_HOST"], config["COMMENTS_SMTP_PORT"]
        security = config["COMMENTS_SMTP_SECURITY"]
        if security == "ssl":
            return smtplib.SMTP_SSL(host, port, timeout=30, context=ssl.create_default_context())
        smtp = smtplib.SMTP(host, port, timeout=30)
        if security == "starttls":
            smtp.starttls(context=ssl.create_default_context())
        return smtp
