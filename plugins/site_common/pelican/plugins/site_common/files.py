"""Writing files so that a reader or a crash never sees half of one."""

import os
import stat
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
        # mkstemp makes the file readable by its owner alone; the file keeps
        # the mode it had, or gets the one open() would give it, so that a
        # web server can read the pages a build writes.
        os.fchmod(handle, _mode_for(path))
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


def _mode_for(path):
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        return 0o666 & ~_umask()


def _umask():
    # Read without setting it where Linux says it (another thread may be creating files).
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except OSError:
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


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
