"""Writing files so that a reader or a crash never sees half of one."""

import os
import tempfile
from pathlib import Path


def atomic_write(path, data, *, sync=True):
    """Write `data` (str or bytes) to `path` through a temporary file and a rename.

    The file is flushed to disk before the rename, so after a crash `path`
    holds either its old bytes or all of the new ones. A caller writing
    thousands of files at once (an import) passes sync=False and calls
    os.sync() once at the end: the rename still keeps each file whole, and
    one sync costs what a single file's did.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            if sync:
                os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    if not sync:
        return
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def write_if_changed(path, data, *, sync=True):
    """atomic_write(path, data) unless the file already holds exactly those bytes.

    Leaving an unchanged file alone keeps its modification time, which rsync
    and anything watching the file go by, and saves a flush to disk. Build
    output, which a rebuild can always make again, passes sync=False: the
    rename still keeps each file whole for a preview server reading it.
    Returns whether it wrote.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.read_bytes() == payload:
            return False
    except (FileNotFoundError, IsADirectoryError):
        pass
    atomic_write(path, payload, sync=sync)
    return True
