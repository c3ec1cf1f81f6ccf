"""Build-speed benchmark: our site against plain Pelican and Hugo, at several sizes."""
