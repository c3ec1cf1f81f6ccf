"""Site-wide rules of the blog: settings, metadata and link checks, structured data, stable sitemap dates."""


def register():
    # Imported on registration only, so importing the namespace stays cheap.
    from .plugin import register as connect  # noqa: PLC0415

    connect()
