"""Charts and inline figures drawn from the site's sourced data set."""


def register():
    # Imported on registration only: Pelican, Markdown and YAML load when the
    # plugin is used, not when a chart-drawing process imports the namespace.
    from .plugin import register as connect  # noqa: PLC0415

    connect()
