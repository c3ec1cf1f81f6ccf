"""Old addresses keep working: each line of content/old-links.txt becomes a redirect."""

from .plugin import register

__all__ = ["register"]
