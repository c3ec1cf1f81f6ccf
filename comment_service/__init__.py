"""The comment intake service: readers' comments in, a moderation queue, comment files out."""
