"""Site-wide rules of the blog: metadata checks, structured data, stable sitemap dates."""

from .plugin import register

__all__ = ["register"]
