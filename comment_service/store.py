"""The moderation queue in SQLite: the one place a commenter's email address lives.

WAL mode with synchronous=FULL: a submission is on disk before the reader is
told it was received, so neither a killed process nor a power cut loses an
acknowledged comment. Each submission is checked against the rate limits and
for duplicates and inserted in one IMMEDIATE transaction, so two requests
at once cannot both slip under a limit or take the same comment id.
"""

import hashlib
import math
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from pelican.plugins.comment_threads.commentfile import allocate_id

STATES = ("pending", "approved", "rejected", "spam")

SCHEMA = """
CREATE TABLE IF NOT EXISTS submissions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL,
    comment_id TEXT NOT NULL,
    author TEXT NOT NULL,
    email TEXT,
    website TEXT,
    body TEXT NOT NULL,
    replyto TEXT,
    notify INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'spam')),
    reasons TEXT NOT NULL DEFAULT '',
    network TEXT NOT NULL,
    received REAL NOT NULL,
    decided REAL,
    fingerprint TEXT NOT NULL,
    reply_notice TEXT,
    UNIQUE (slug, comment_id)
);
CREATE INDEX IF NOT EXISTS submissions_by_network ON submissions (network, received);
CREATE INDEX IF NOT EXISTS submissions_by_fingerprint ON submissions (fingerprint);
CREATE INDEX IF NOT EXISTS submissions_by_status ON submissions (status, received);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(frozen=True)
class Submission:
    id: int
    slug: str
    comment_id: str
    author: str
    email: str | None
    website: str | None
    body: str
    replyto: str | None
    notify: bool
    status: str
    reasons: tuple
    network: str
    received: float
    decided: float | None
    fingerprint: str
    reply_notice: str | None

    @property
    def first_line(self):
        line = next((x for x in self.body.splitlines() if x.strip()), "")
        return line if len(line) <= 70 else line[:69] + "…"


@dataclass(frozen=True)
class Limits:
    """How much one network may send: `count` per `period` seconds, `flood` apart."""

    count: int
    period: int
    flood: int


@dataclass(frozen=True)
class Refused:
    """Why a submission was not stored: 'rate' (with seconds to wait) or 'duplicate'."""

    reason: str
    retry_after: int = 0


def fingerprint(slug, author, body):
    """Same post, same name, same words (spacing and case aside): the same comment."""
    text = "\0".join([slug, " ".join(author.split()).casefold(), " ".join(body.split()).casefold()])
    return hashlib.sha256(text.encode()).hexdigest()


class Store:
    def __init__(self, path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False,
                                   timeout=30)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute("PRAGMA busy_timeout=30000")
        with self._lock:
            self._db.executescript(SCHEMA)

    def close(self):
        with self._lock:
            self._db.close()

    def _transaction(self, work):
        """Run work(db) in one IMMEDIATE transaction, committed before returning."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                result = work(self._db)
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
            return result

    def add(self, draft, *, status, reasons, network, now=None, limits=None, id_base=None,
            taken=(), check_duplicate=True):
        """Store a draft as a new submission; its Submission, or Refused.

        Without `now`, the time is read inside the transaction, so that
        submissions are stamped in the order they are stored and the flood
        interval never sees a later one stamped earlier.
        """
        mark = fingerprint(draft.slug, draft.author, draft.body)

        def work(db):
            received = time.time() if now is None else now
            if limits is not None:
                refused = _over_limit(db, network, received, limits)
                if refused:
                    return refused
            if check_duplicate and db.execute(
                    "SELECT 1 FROM submissions WHERE fingerprint = ? AND status != 'spam' LIMIT 1",
                    (mark,)).fetchone():
                return Refused("duplicate")
            used = {row[0].casefold() for row in db.execute(
                "SELECT comment_id FROM submissions WHERE slug = ?", (draft.slug,))}
            comment_id = allocate_id(used | {t.casefold() for t in taken}, id_base)
            cursor = db.execute(
                "INSERT INTO submissions (slug, comment_id, author, email, website, body, replyto,"
                " notify, status, reasons, network, received, fingerprint)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (draft.slug, comment_id, draft.author, draft.email, draft.website, draft.body,
                 draft.replyto, int(draft.notify and bool(draft.email)), status,
                 "\n".join(reasons), network, received, mark))
            return self._get(db, cursor.lastrowid)

        return self._transaction(work)

    def get(self, submission_id):
        with self._lock:
            return self._get(self._db, submission_id)

    @staticmethod
    def _get(db, submission_id):
        row = db.execute("SELECT * FROM submissions WHERE id = ?", (submission_id,)).fetchone()
        return _submission(row) if row else None

    def find(self, slug, comment_id):
        with self._lock:
            row = self._db.execute("SELECT * FROM submissions WHERE slug = ? AND comment_id = ?",
                                   (slug, comment_id)).fetchone()
        return _submission(row) if row else None

    def with_status(self, *statuses):
        marks = ",".join("?" * len(statuses))
        with self._lock:
            rows = self._db.execute(
                f"SELECT * FROM submissions WHERE status IN ({marks}) ORDER BY received, id",
                statuses).fetchall()
        return [_submission(row) for row in rows]

    def approved_ids(self, slug):
        with self._lock:
            return {row[0] for row in self._db.execute(
                "SELECT comment_id FROM submissions WHERE slug = ? AND status = 'approved'",
                (slug,))}

    def decide(self, submission_id, status, now, *, reply_notice=None):
        """Move a submission to `status`; returns its status before, or None if there is none."""
        if status not in STATES:
            raise ValueError(status)

        def work(db):
            before = self._get(db, submission_id)
            if before is None:
                return None
            db.execute("UPDATE submissions SET status = ?, decided = ?, reply_notice = ?"
                       " WHERE id = ?", (status, now, reply_notice, submission_id))
            return before.status

        return self._transaction(work)

    def claim_notice(self, submission_id):
        """Take a due reply notice for sending; False if another process already has."""
        return self._transaction(lambda db: db.execute(
            "UPDATE submissions SET reply_notice = 'sending' WHERE id = ? AND reply_notice = 'due'",
            (submission_id,)).rowcount == 1)

    def set_reply_notice(self, submission_id, value):
        self._transaction(lambda db: db.execute(
            "UPDATE submissions SET reply_notice = ? WHERE id = ?", (value, submission_id)))

    def unsubscribe(self, submission_id):
        """Stop reply notices for a submission; False if there is none."""
        return self._transaction(lambda db: db.execute(
            "UPDATE submissions SET notify = 0 WHERE id = ?", (submission_id,)).rowcount == 1)

    def purge(self, before):
        """Drop spam and rejected submissions decided (or received) before `before`."""
        return self._transaction(lambda db: db.execute(
            "DELETE FROM submissions WHERE status IN ('spam', 'rejected')"
            " AND COALESCE(decided, received) < ?", (before,)).rowcount)

    def count(self, status):
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM submissions WHERE status = ?",
                                    (status,)).fetchone()[0]

    def secret(self):
        """The key that signs links: made once, kept with the queue it protects."""
        def work(db):
            row = db.execute("SELECT value FROM meta WHERE key = 'secret'").fetchone()
            if row:
                return row[0]
            value = secrets.token_urlsafe(32)
            db.execute("INSERT INTO meta (key, value) VALUES ('secret', ?)", (value,))
            return value

        return self._transaction(work)


def _over_limit(db, network, now, limits):
    latest, count, oldest = db.execute(
        "SELECT MAX(received), COUNT(*), MIN(received) FROM submissions"
        " WHERE network = ? AND received > ?", (network, now - limits.period)).fetchone()
    if latest is not None and limits.flood and now - latest < limits.flood:
        return Refused("flood", max(1, math.ceil(limits.flood - (now - latest))))
    if count >= limits.count:
        return Refused("rate", max(1, math.ceil(oldest + limits.period - now)))
    return None


def _submission(row):
    values = dict(row)
    values["notify"] = bool(values["notify"])
    values["reasons"] = tuple(r for r in values["reasons"].split("\n") if r)
    return Submission(**values)
