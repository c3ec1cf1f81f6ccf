"""Make the output folder hold exactly what a fresh build wrote, touching only what differs.

The fresh build's folder sits beside the output, on the same file system,
so each changed file moves over with one rename: a reader loading a page
meanwhile gets the old file or the new one, never half of one. Unchanged
files keep their modification times.
"""

import filecmp
import os
import shutil
from pathlib import Path


def files_under(folder):
    """Every file under `folder`, as paths relative to it with '/' separators."""
    folder = Path(folder)
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}


def sync(fresh, output, spared=()):
    """Move `fresh`'s new and changed files onto `output`, delete what `fresh` lacks; return what changed.

    Files under the folders `spared` (names ending in '/') are left alone
    when `fresh` lacks them: work still to come replaces them (the search
    index, made after the pages are shown).
    """
    fresh, output = Path(fresh), Path(output)
    wanted, present = files_under(fresh), files_under(output) if output.exists() else set()
    present = {name for name in present if name in wanted or not name.startswith(tuple(spared))}
    changed = set()
    for name in sorted(wanted):
        source, target = fresh / name, output / name
        # A page the fresh build took unchanged from the output is a second name of the same file.
        if name in present and (os.path.samefile(source, target) or filecmp.cmp(source, target, shallow=False)):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
        changed.add(name)
    for name in sorted(present - wanted):
        (output / name).unlink()
        changed.add(name)
    _remove_empty_folders(output, keep=fresh)
    return changed


def _remove_empty_folders(output, keep):
    """Folders the fresh build has no file in go, deepest first."""
    for folder in sorted((p for p in output.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if not (keep / folder.relative_to(output)).is_dir() and not any(folder.iterdir()):
            folder.rmdir()


def remove_empty_folders(folder, root):
    """`folder` and the folders above it up to `root`, while each is empty."""
    folder, root = Path(folder), Path(root)
    while folder != root and folder.is_relative_to(root) and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def remove(folder):
    shutil.rmtree(folder, ignore_errors=True)
