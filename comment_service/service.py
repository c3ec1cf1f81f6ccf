"""What the web app and the commands share: settings, queue, site, mail, signing key."""

import time

from . import signing
from .mail import Mailer
from .site import Site
from .store import Store

# Unsubscribe links in reply notices keep working for as long as anyone keeps the mail.
UNSUBSCRIBE_DAYS = 3650


class Service:
    def __init__(self, config, *, mailer=None):
        self.config = config
        self.store = Store(config.db_path)
        self.site = Site(config.manifest_path)
        self.mailer = mailer or Mailer(config)
        self.secret = config["COMMENTS_SECRET"] or self.store.secret()

    def link(self, action, submission_id, now=None):
        """A signed address on this service that performs `action` on one submission."""
        now = time.time() if now is None else now
        days = UNSUBSCRIBE_DAYS if action == "unsubscribe" else self.config["COMMENTS_LINK_DAYS"]
        token = signing.sign(self.secret, action, submission_id, now + days * 86400)
        page = "unsubscribe" if action == "unsubscribe" else "moderate"
        return self.config.service_url(f"{page}/{token}")

    def close(self):
        self.store.close()
