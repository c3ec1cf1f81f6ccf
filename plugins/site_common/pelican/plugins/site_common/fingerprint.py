"""Fingerprints of code, for cache keys: a whole package's files and the versions of what it uses.

A cache keyed on a hand-kept list of modules goes stale the day a helper
moves to a module nobody added; hashing every file of the package cannot
miss one.
"""

import hashlib
from importlib.metadata import PackageNotFoundError, version
from importlib.util import find_spec
from pathlib import Path

# Compiled files and editor leftovers do not change what the code does.
IGNORED_SUFFIXES = (".pyc", ".pyo", ".tmp", "~")


def package_directories(name):
    """The source folders of the importable package `name` (several for a namespace package)."""
    try:
        spec = find_spec(name)
    except (ImportError, ValueError):
        return []
    if spec is None or not spec.submodule_search_locations:
        return []
    return [Path(location) for location in spec.submodule_search_locations]


def code_fingerprint(packages=(), distributions=()):
    """A hex digest of every file in `packages` (import names) and the installed version
    of each of `distributions` (names on PyPI); it changes when any of them does."""
    digest = hashlib.sha256()
    for name in packages:
        for directory in package_directories(name):
            for path in sorted(directory.rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts and not path.name.endswith(IGNORED_SUFFIXES):
                    digest.update(path.relative_to(directory).as_posix().encode("utf-8") + b"\0")
                    digest.update(path.read_bytes() + b"\0")
    for name in distributions:
        try:
            digest.update(f"{name}=={version(name)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{name} missing\0".encode())
    return digest.hexdigest()
