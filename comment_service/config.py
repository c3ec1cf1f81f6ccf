"""The service's settings: read from the site's pelicanconf.py, defaulted and checked once at start.

The service and the build read the same settings file, so that SITEURL,
COMMENTS_PATH, COMMENTS_MAX_LENGTH and the rest can never disagree. The
build's own COMMENTS_* settings are checked by the comment_threads plugin's
rules; the ones only the service uses are declared here.
"""

import ipaddress
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from pelican.settings import read_settings

from pelican.plugins.comment_threads.settings import apply_defaults

DEFAULTS = {
    # The moderation database; relative paths are from the settings file's folder.
    "COMMENTS_DB": "var/comments.sqlite3",
    # Origins besides SITEURL's whose pages may post comments (e.g. a www. alias).
    "COMMENTS_ALLOWED_ORIGINS": [],
    # Proxies (addresses or networks) whose X-Forwarded-For is believed.
    "COMMENTS_TRUSTED_PROXIES": [],
    # Largest request body in bytes: room for COMMENTS_MAX_LENGTH characters
    # of any script, percent-encoded.
    "COMMENTS_MAX_BYTES": 1024 * 1024,
    "COMMENTS_MIN_LENGTH": 3,
    "COMMENTS_MAX_NAME_LENGTH": 100,
    # A comment with more links than this is held, and the queue says why.
    "COMMENTS_HOLD_LINKS": 2,
    # Names and words (case ignored) that mark a submission as spam.
    "COMMENTS_BLOCKED_NAMES": [],
    "COMMENTS_BLOCKED_WORDS": [],
    # At most COMMENTS_RATE_LIMIT submissions per COMMENTS_RATE_PERIOD seconds
    # from one network (/24 for IPv4, /48 for IPv6), and none within
    # COMMENTS_FLOOD_SECONDS of the previous one.
    "COMMENTS_RATE_LIMIT": 5,
    "COMMENTS_RATE_PERIOD": 600,
    "COMMENTS_FLOOD_SECONDS": 15,
    # `comments purge` drops spam and rejected submissions older than this.
    "COMMENTS_PURGE_AFTER_DAYS": 30,
    # Who gets an email about each new submission.
    "COMMENTS_MODERATORS": [],
    # Outgoing mail; without a host, notifications are logged and skipped.
    "COMMENTS_SMTP_HOST": None,
    "COMMENTS_SMTP_PORT": 587,
    "COMMENTS_SMTP_SECURITY": "starttls",
    "COMMENTS_SMTP_USER": None,
    "COMMENTS_SMTP_PASSWORD": None,
    "COMMENTS_SMTP_FROM": None,
    # Days a one-click approve or reject link in a moderator's mail works.
    "COMMENTS_LINK_DAYS": 7,
    # Key that signs those links; None keeps a random one in the database.
    "COMMENTS_SECRET": None,
    # Command run after approving (e.g. "make publish"); `approve --build`
    # runs `make html` when this is None.
    "COMMENTS_ON_APPROVE": None,
}

# Settings the environment may override, so that secrets stay out of the repository.
FROM_ENVIRONMENT = ("COMMENTS_DB", "COMMENTS_SECRET", "COMMENTS_SMTP_PASSWORD")
SECURITIES = ("starttls", "ssl", "none")


def _count(minimum):
    return (lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= minimum,
            f"a whole number, {minimum} or more")


def _strings(v):
    return isinstance(v, (list, tuple)) and all(isinstance(x, str) and x.strip() for x in v)


def _origins(v):
    return _strings(v) and all(_origin(x) == x.rstrip("/").lower() for x in v)


def _networks(v):
    if not _strings(v):
        return False
    try:
        [ipaddress.ip_network(x, strict=False) for x in v]
    except ValueError:
        return False
    return True


def _address(v):
    return isinstance(v, str) and re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", v) is not None


def _optional_text(v):
    return v is None or (isinstance(v, str) and v != "")


CHECKS = {
    "COMMENTS_DB": (lambda v: isinstance(v, str) and v != "", "a file path"),
    "COMMENTS_ALLOWED_ORIGINS": (_origins, "a list of origins such as 'https://www.example.org'"),
    "COMMENTS_TRUSTED_PROXIES": (_networks, "a list of addresses or networks such as '127.0.0.1'"),
    "COMMENTS_MAX_BYTES": _count(1024),
    "COMMENTS_MIN_LENGTH": _count(1),
    "COMMENTS_MAX_NAME_LENGTH": _count(1),
    "COMMENTS_HOLD_LINKS": _count(0),
    "COMMENTS_BLOCKED_NAMES": (_strings, "a list of names"),
    "COMMENTS_BLOCKED_WORDS": (_strings, "a list of words"),
    "COMMENTS_RATE_LIMIT": _count(1),
    "COMMENTS_RATE_PERIOD": _count(1),
    "COMMENTS_FLOOD_SECONDS": _count(0),
    "COMMENTS_PURGE_AFTER_DAYS": _count(1),
    "COMMENTS_MODERATORS": (lambda v: isinstance(v, (list, tuple)) and all(map(_address, v)),
                            "a list of email addresses"),
    "COMMENTS_SMTP_HOST": (_optional_text, "a host name, or None"),
    "COMMENTS_SMTP_PORT": _count(1),
    "COMMENTS_SMTP_SECURITY": (lambda v: v in SECURITIES,
                               "one of " + ", ".join(map(repr, SECURITIES))),
    "COMMENTS_SMTP_USER": (_optional_text, "a user name, or None"),
    "COMMENTS_SMTP_PASSWORD": (_optional_text, "a password, or None"),
    "COMMENTS_SMTP_FROM": (lambda v: v is None or _address(v), "an email address, or None"),
    "COMMENTS_LINK_DAYS": _count(1),
    "COMMENTS_SECRET": (lambda v: v is None or (isinstance(v, str) and len(v) >= 16),
                        "a string of 16 characters or more, or None"),
    "COMMENTS_ON_APPROVE": (_optional_text, "a shell command, or None"),
}


class ConfigError(Exception):
    """The settings cannot run the service; the message has one sentence per mistake."""


def _origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else ""


@dataclass(frozen=True)
class Config:
    """Every setting the service reads, after defaults, plus the paths they lead to."""

    settings: dict
    root: Path

    def __getitem__(self, key):
        return self.settings[key]

    @property
    def db_path(self):
        return self.root / self.settings["COMMENTS_DB"]

    @property
    def comments_dir(self):
        return Path(self.settings["PATH"]) / self.settings["COMMENTS_PATH"]

    @property
    def manifest_path(self):
        manifest = self.settings["COMMENTS_MANIFEST"]
        return Path(self.settings["OUTPUT_PATH"]) / manifest if manifest else None

    @property
    def allowed_origins(self):
        return {_origin(self.settings["SITEURL"])} | {
            o.rstrip("/").lower() for o in self.settings["COMMENTS_ALLOWED_ORIGINS"]}

    @property
    def trusted_proxies(self):
        return [ipaddress.ip_network(x, strict=False)
                for x in self.settings["COMMENTS_TRUSTED_PROXIES"]]

    def service_url(self, path):
        """An address on this service, for links in mails: beside COMMENTS_ENDPOINT."""
        base = self.settings["COMMENTS_ENDPOINT"] or "http://127.0.0.1:8001/comments"
        return urljoin(base, path)

    @property
    def mail_enabled(self):
        return bool(self.settings["COMMENTS_SMTP_HOST"])


def check(settings):
    """Fill in the service's defaults; one sentence per bad or missing value."""
    problems = []
    for key, default in DEFAULTS.items():
        value = settings.setdefault(key, default)
        is_valid, expected = CHECKS[key]
        if not is_valid(value):
            problems.append(f"Setting {key} is {value!r}; it should be {expected}.")
    if not _origin(str(settings.get("SITEURL") or "")):
        problems.append(f"Setting SITEURL is {settings.get('SITEURL')!r}; the service needs "
                        "the site's absolute address to check where posts come from.")
    if settings.get("COMMENTS_SMTP_HOST") and not settings.get("COMMENTS_SMTP_FROM"):
        problems.append("Setting COMMENTS_SMTP_HOST is set but COMMENTS_SMTP_FROM is not; "
                        "set the address notifications are sent from.")
    return problems


def load(settings_path="pelicanconf.py", overrides=None, environ=None):
    """Read the site's settings file, apply overrides and the environment, check everything.

    Raises ConfigError naming every mistake at once.
    """
    environ = os.environ if environ is None else environ
    settings_path = Path(settings_path).resolve()
    if not settings_path.is_file():
        raise ConfigError(f"{settings_path}: no such settings file; run the command from "
                          "the site's folder or give --settings.")
    overrides = dict(overrides or {})
    for key in FROM_ENVIRONMENT:
        if environ.get(key):
            overrides[key] = environ[key]
    try:
        settings = read_settings(str(settings_path), override=overrides)
    except ValueError as error:  # Pelican's own check, e.g. a PATH that does not exist
        raise ConfigError(f"{settings_path}: {error}") from None
    problems = [p for p in apply_defaults(settings) if not p.startswith("Neither")]
    problems += check(settings)
    if problems:
        raise ConfigError("\n".join(problems))
    return Config(settings, settings_path.parent)
