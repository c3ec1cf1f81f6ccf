"""Comment threads for articles: files in content/comments/ become threads."""

from .plugin import register

__all__ = ["register"]
