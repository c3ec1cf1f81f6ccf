"""The comment intake service: readers' comments in, a moderation queue, approved comments out as files."""
