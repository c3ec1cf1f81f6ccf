"""Old addresses keep working: each line of content/old-links.txt becomes a redirect."""


def register():
    # Imported on registration only, like the site's other plugins.
    from .plugin import register as connect  # noqa: PLC0415

    connect()
