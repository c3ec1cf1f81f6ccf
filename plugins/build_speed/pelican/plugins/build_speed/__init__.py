"""Build speed: typography cached with the HTML, unchanged files left alone, a stale content cache forgotten."""


def register():
    # Imported here, not at module level: Pelican and Markdown load only when
    # the plugin is registered, never when a chart worker imports the namespace.
    from .plugin import register as connect  # noqa: PLC0415

    connect()
