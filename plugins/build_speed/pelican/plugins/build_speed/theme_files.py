"""The theme's static files (CSS, scripts, icons) copied into the output only when their bytes changed.

Pelican copies every theme file on every build, which gives each a new
modification time; a deploy by rsync would then send all of them again, and
a preview would see them all change. This generator copies them itself,
leaving a file whose bytes are already in place alone. It takes over
THEME_STATIC_PATHS when the build starts, so Pelican copies nothing twice.
"""

import fnmatch
import os
from pathlib import Path

from pelican.plugins.site_common.files import write_if_changed


def theme_files(theme, paths, ignores=()):
    """(source file, path under the theme's output folder) for each file of `paths` in `theme`.

    The same layout as Pelican's own copy: a folder's contents keep their
    place under it; a single file lands at the top.
    """
    found = []
    for path in paths:
        source = Path(theme, path)
        if source.is_file():
            found.append((source, source.name))
            continue
        for file in sorted(source.rglob("*")):
            relative = file.relative_to(source)
            if file.is_file() and not any(fnmatch.fnmatch(part, pattern)
                                          for part in relative.parts for pattern in ignores):
                found.append((file, relative.as_posix()))
    return found


def copy_if_changed(files, destination):
    """Copy each (source, relative path) under `destination` unless it already holds those bytes.

    Returns how many files were written.
    """
    return sum(write_if_changed(Path(destination, relative), source.read_bytes(), sync=False)
               for source, relative in files)


def take_over(pelican):
    """Keep the theme's static paths for ThemeFilesGenerator and leave Pelican none to copy."""
    settings = pelican.settings
    if not hasattr(pelican, "theme_static_paths"):
        pelican.theme_static_paths = list(settings.get("THEME_STATIC_PATHS", []))
    settings["THEME_STATIC_PATHS"] = []


class ThemeFilesGenerator:
    """Copies the theme's static files in the output phase, as Pelican's StaticGenerator would."""

    paths = ()

    def __init__(self, *args, settings, theme, output_path, **kwargs):
        self.settings, self.theme, self.output_path = settings, theme, output_path

    def generate_context(self):
        pass

    def generate_output(self, writer):
        files = theme_files(self.theme, self.paths, self.settings.get("IGNORE_FILES", ()))
        copy_if_changed(files, os.path.join(self.output_path, self.settings["THEME_STATIC_DIR"]))


def generator_for(pelican):
    """The generator class, carrying this site's theme paths (kept per Pelican instance)."""
    return type("ThemeFilesGenerator", (ThemeFilesGenerator,), {"paths": tuple(pelican.theme_static_paths)})
