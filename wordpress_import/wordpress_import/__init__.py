"""Brings a WordPress export (WXR) into the site's content folder and says what it did."""
