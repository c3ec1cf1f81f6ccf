"""Full-text search of the built site with Pagefind: the index, cached, and the search page."""

from .plugin import register

__all__ = ["register"]
