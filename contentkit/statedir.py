"""The state folder `.contentkit/` and its temp folder, and reading a file only when it is a regular one.

Below files.py and journal.py, which both use it (so neither imports the other at load time).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

TMP = "tmp"
IGNORE = "# contentkit's cache, lock and temporary files\n*\n"


def read_regular(path: Path | str) -> bytes:
    """The bytes of a regular file; OSError for anything else (a FIFO is never opened for a blocking read)."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(fd)


def state_folder(state: Path) -> bool:
    """Make the state folder (ignoring itself in git); False when it cannot be a folder here."""
    try:
        state.mkdir(exist_ok=True)
        if not stat.S_ISDIR(os.lstat(state).st_mode):
            return False
        ignore = state / ".gitignore"
        if not os.path.lexists(ignore):  # the folder ignores itself, even in repos `init` did not make
            ignore.write_text(IGNORE, encoding="utf-8")
    except OSError:
        return False
    return True


def temp_folder(state: Path | None, target: Path) -> Path | None:
    """`state/tmp/` when it is a folder on the target's filesystem (so os.replace stays atomic)."""
    if state is None or not state_folder(state):
        return None
    folder = state / TMP
    try:
        folder.mkdir(exist_ok=True)
        here = os.lstat(folder)
        if not stat.S_ISDIR(here.st_mode) or os.stat(target.parent).st_dev != here.st_dev:
            return None
    except OSError:
        return None
    return folder
