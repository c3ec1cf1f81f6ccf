"""The Pagefind bundle: built from prepared pages, cached by content, copied into the output.

Pagefind's Python wrapper answers one request per tenth of a second, which
would take five minutes for 3,000 pages; its command-line binary (shipped in
the same `pagefind[bin]` package) indexes a folder in one run. So the pages
of this build are written, prepared, to a staging folder, and the binary
indexes exactly that folder: never a stale page left in `output/`.
"""

import hashlib
import os
import shutil
import subprocess
import tempfile
from importlib.metadata import version
from pathlib import Path

from pelican.plugins.site_common.files import atomic_write

from . import canonical, prepare

# Files only Pagefind's ready-made interfaces use; our search page talks to
# pagefind.js directly, so the published bundle leaves them out.
DEFAULT_UI_FILES = (
    "pagefind-ui.js", "pagefind-ui.css",
    "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
# Folder of the bundle inside the output, where the search page loads it from.
BUNDLE_DIR = "pagefind"


class IndexingFailed(RuntimeError):
    """Pagefind could not index the pages; the message says why in one line."""


def executable():
    # Imported when indexing: a build without the search plugin never loads it.
    from pagefind_bin import get_executable  # noqa: PLC0415

    return Path(get_executable())


def pagefind_version():
    return version("pagefind_bin")


def _code_fingerprint():
    """Our own code that shapes the bundle: a change to it makes a new one."""
    digest = hashlib.sha256()
    for module in (prepare.__file__, canonical.__file__, __file__):
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()


def read_page(path):
    """The prepared text of a built page, or None if the theme did not mark it searchable."""
    html = Path(path).read_text(encoding="utf-8")
    return prepare.for_indexing(html) if prepare.is_searchable(html) else None


def searchable_pages(output, written):
    """{output-relative path: (file, hash of its prepared text)} of the marked pages among `written`."""
    output = Path(output)
    pages = {}
    for path in written:
        path = Path(path)
        if path.suffix != ".html" or not path.is_file():
            continue
        text = read_page(path)
        if text is not None:
            pages[Path(os.path.relpath(path, output)).as_posix()] = (path, hashlib.sha256(text.encode()).digest())
    return pages


def cache_key(pages):
    """A hash of every searchable page (path and prepared text), Pagefind's version and this code.

    Equal keys mean an equal bundle, so a rebuild that changed no searchable
    page does not run Pagefind again.
    """
    digest = hashlib.sha256(f"pagefind {pagefind_version()}\n{_code_fingerprint()}\n".encode())
    for path in sorted(pages):
        digest.update(path.encode() + b"\0" + pages[path][1])
    return digest.hexdigest()


def build(pages, destination):
    """Index `pages` (as `searchable_pages` gives them) with Pagefind into folder `destination`."""
    destination = Path(destination)
    with tempfile.TemporaryDirectory(prefix="staging-", dir=destination.parent) as staging:
        for path, (source, _) in pages.items():
            target = Path(staging, path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(read_page(source) or "", encoding="utf-8")
        try:
            run = subprocess.run(
                [str(executable()), "--site", staging, "--output-path", str(destination),
                 "--silent"],
                capture_output=True, text=True,
            )
        except OSError as missing:
            raise IndexingFailed(f"Pagefind's binary could not be run ({missing}); `make` "
                                 "reinstalls it with pagefind[bin] from requirements.lock") from None
    if run.returncode != 0:
        detail = (run.stderr or run.stdout).strip().splitlines()
        raise IndexingFailed(f"Pagefind stopped with exit status {run.returncode}: "
                             + (detail[-1] if detail else "no message"))
    for name in DEFAULT_UI_FILES:
        (destination / name).unlink(missing_ok=True)
    try:
        canonical.sorted_filters(destination)
    except canonical.UnexpectedBundle as problem:
        raise IndexingFailed(f"Pagefind {pagefind_version()} wrote a bundle this plugin "
                             f"cannot make reproducible: {problem}") from None


def cached_bundle(pages, cache_dir):
    """The bundle for `pages`, from `cache_dir` if it holds this very one; (folder, freshly built)."""
    cache_dir = Path(cache_dir)
    bundle, key_file = cache_dir / "bundle", cache_dir / "key"
    key = cache_key(pages)
    if bundle.is_dir() and key_file.is_file() and key_file.read_text(encoding="utf-8") == key:
        return bundle, False
    cache_dir.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix="bundle-", dir=cache_dir))
    try:
        build(pages, fresh)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    key_file.unlink(missing_ok=True)
    shutil.rmtree(bundle, ignore_errors=True)
    fresh.rename(bundle)
    atomic_write(key_file, key)
    return bundle, True


def _same_bytes(source, target):
    try:
        return target.stat().st_size == source.stat().st_size and target.read_bytes() == source.read_bytes()
    except FileNotFoundError:
        return False


def sync(source, target):
    """Make folder `target` hold exactly the files of `source`; return how many were written.

    A file that already holds the right bytes is left alone, so its time
    stamp stays and a deploy by rsync does not upload it again.
    """
    source, target = Path(source), Path(target)
    wanted = {p.relative_to(source) for p in source.rglob("*") if p.is_file()}
    written = 0
    for relative in sorted(wanted):
        if not _same_bytes(source / relative, target / relative):
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            (target / relative).write_bytes((source / relative).read_bytes())
            written += 1
    if target.is_dir():
        for path in sorted(target.rglob("*"), reverse=True):
            if path.is_file() and path.relative_to(target) not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return written
