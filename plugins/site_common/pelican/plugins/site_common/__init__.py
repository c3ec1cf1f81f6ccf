"""Shared by the site's plugins, the comment service and the importer; not a plugin itself."""
