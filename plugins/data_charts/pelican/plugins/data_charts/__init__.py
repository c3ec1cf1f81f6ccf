"""Charts and inline figures drawn from the site's sourced data set."""

from .plugin import register, stats

__all__ = ["register", "stats"]
