"""Signed, expiring links for moderators and unsubscribing readers.

A token is `action.id.expiry.signature`, the signature an HMAC-SHA256 of the
rest under the service's secret. Whether the link still works also depends
on the queue: an approve link does nothing once the submission is decided.
"""

import base64
import hashlib
import hmac
import time

ACTIONS = ("approve", "reject", "unsubscribe")


class BadToken(ValueError):
    """The link was altered, forged, or has expired; the message says which."""


def sign(secret, action, submission_id, expires):
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    payload = f"{action}.{int(submission_id)}.{int(expires)}"
    return f"{payload}.{_mac(secret, payload)}"


def verify(secret, token, now=None):
    """(action, submission id) of a good token; BadToken otherwise."""
    now = time.time() if now is None else now
    parts = str(token).split(".")
    if len(parts) != 4:
        raise BadToken("this link is not one the service wrote")
    action, number, expires, signature = parts
    payload = f"{action}.{number}.{expires}"
    if not hmac.compare_digest(_mac(secret, payload), signature):
        raise BadToken("this link is not one the service wrote, or it was altered")
    if action not in ACTIONS or not number.isdigit() or not expires.isdigit():
        raise BadToken("this link is not one the service wrote")
    if int(expires) < now:
        raise BadToken("this link has expired; use `comments pending` and `comments approve`")
    return action, int(number)


def _mac(secret, payload):
    digest = hmac.new(secret.encode(), payload.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")
