"""Pelican glue for the build-speed parts; none of them changes a byte of the output."""

from pelican import signals

from .content_cache import forget_stale_content_cache
from .theme_files import generator_for, take_over
from .typography import use_typographic_reader
from .writer import keep_unchanged_writer


def register():
    # Before any reading: cached HTML made with other settings or code is dropped.
    signals.initialized.connect(forget_stale_content_cache)
    # Before any file is read: Markdown goes through the typographic reader
    # when BLOG_TYPOGRIFY (blog_core's setting) asks for it.
    signals.readers_init.connect(use_typographic_reader)
    # Pages and feeds that come out the same are not rewritten.
    signals.get_writer.connect(keep_unchanged_writer)
    # Nor are the theme's CSS, scripts and icons: Pelican would copy them all
    # each build, so the plugin takes them over before anything is copied.
    signals.initialized.connect(take_over)
    signals.get_generators.connect(generator_for)
