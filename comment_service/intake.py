"""One submission from start to queue: checks, the site's posts, limits, then the store.

`receive` returns an Outcome (status code, message, what was stored) and
knows nothing of HTTP requests, so the web app, the tests and the
benchmark share it.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from . import validate
from .site import ManifestError
from .store import Limits, Refused


@dataclass(frozen=True)
class Outcome:
    status: int
    message: str
    errors: tuple = ()
    submission: object = None
    post: object = None
    retry_after: int | None = None
    values: dict = field(default_factory=dict)

    @property
    def accepted(self):
        return self.submission is not None


def comment_id_base(author):
    """A readable id from a name: 'María L.' -> 'maria-l'; 'comment' when nothing is left."""
    ascii_name = unicodedata.normalize("NFKD", author).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_name.lower())[:3]
    base = "-".join(words)[:40].strip("-")
    return base or "comment"


def taken_ids(config, post):
    """Ids a new comment of `post` must not take: published, and already on disk."""
    folder = config.comments_dir / post.slug
    on_disk = {p.stem for p in folder.glob("*.md")} if folder.is_dir() else set()
    return set(post.comment_ids) | on_disk


def receive(service, pairs, *, network, now=None):
    """Check and store one form post; the Outcome says what to answer.

    `now` is for tests; the store otherwise stamps the submission as it stores it.
    """
    config = service.config
    values, errors = validate.single_values(pairs)
    if errors:
        return Outcome(400, "The form was sent with a field twice.", tuple(errors), values=values)
    draft, errors = validate.check(values, validate.Limits.from_config(config))
    if not errors:
        errors = validate.build_refusals(draft, timezone=config["TIMEZONE"],
                                         max_length=config["COMMENTS_MAX_LENGTH"],
                                         author_names=config["COMMENTS_AUTHOR_NAMES"])
    if errors:
        return Outcome(400, "Some fields need another look.", tuple(errors), values=values)
    try:
        posts = service.site.posts()
    except ManifestError as error:
        return Outcome(503, f"Comments cannot be taken right now: {error}.", values=values)
    post = posts.get(draft.slug)
    if post is None:
        return Outcome(404, f"There is no post {draft.slug!r} on this site.", values=values)
    if post.state != "open":
        return Outcome(403, f"Comments on “{post.title}” are {post.state}.", post=post,
                       values=values)
    replyable = post.comment_ids | service.store.approved_ids(post.slug)
    if draft.replyto and draft.replyto not in replyable:
        elsewhere = any(draft.replyto in p.comment_ids for p in posts.values())
        where = "is on another post" if elsewhere else "does not exist"
        return Outcome(404, f"The comment you reply to ({draft.replyto}) {where}.", post=post,
                       values=values)
    status, reasons = _triage(config, draft)
    stored = service.store.add(
        draft, status=status, reasons=reasons, network=network, now=now,
        limits=Limits(config["COMMENTS_RATE_LIMIT"], config["COMMENTS_RATE_PERIOD"],
                      config["COMMENTS_FLOOD_SECONDS"]),
        id_base=comment_id_base(draft.author), taken=taken_ids(config, post),
        check_duplicate=status != "spam")
    if isinstance(stored, Refused):
        return _refusal(stored, post, values)
    return Outcome(202, "Received; it appears once a moderator approves it.", submission=stored,
                   post=post)


def _triage(config, draft):
    """('spam', why) for the honeypot and blocklists, else ('pending', reasons to hold)."""
    if draft.honeypot:
        return "spam", ["the hidden honeypot field was filled in"]
    hit = validate.blocked(draft, names=config["COMMENTS_BLOCKED_NAMES"],
                           words=config["COMMENTS_BLOCKED_WORDS"])
    if hit:
        return "spam", [hit]
    return "pending", validate.hold_reasons(draft, hold_links=config["COMMENTS_HOLD_LINKS"])


def _refusal(refused, post, values):
    if refused.reason == "duplicate":
        return Outcome(409, "This comment was already received; it is waiting for a moderator.",
                       post=post, values=values)
    return Outcome(429, "Too many comments from your network just now; please wait "
                        f"{refused.retry_after} seconds and send it again.",
                   post=post, retry_after=refused.retry_after, values=values)
