"""Digests of code, for cache keys that must change whenever the code that made an entry changes."""

import hashlib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

# Compiled files and editor leftovers do not change what the code does.
IGNORED_SUFFIXES = (".pyc", ".pyo", ".tmp", "~")


def code_fingerprint(package_dir, distributions=()):
    """A hex digest of every file in `package_dir` (its names and bytes) and the versions of `distributions`.

    Covering the whole package, rather than a hand-kept list of the modules
    that matter, means a new module or a moved function can never leave a
    stale entry in use.
    """
    digest = hashlib.sha256()
    root = Path(package_dir)
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and not path.name.endswith(IGNORED_SUFFIXES):
            digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
            digest.update(path.read_bytes() + b"\0")
    for name in distributions:
        try:
            digest.update(f"{name}=={version(name)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{name} missing\0".encode())
    return digest.hexdigest()
