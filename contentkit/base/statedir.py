"""The state folder `.contentkit/` and its temp folder, and reading a file only when it is a regular one.

Below files.py and journal.py, which both use it (so neither imports the other at load time).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from contentkit.base.codes import TOO_BIG

TMP = "tmp"
IGNORE = "# contentkit's cache, lock and temporary files\n*\n"


MAX_FILE_BYTES = 5 * 2**20
"""The largest seed or draft contentkit reads (5 MiB, a thousand times a long post): a larger file in
seeds/ or drafts/ is reported (CK111) and skipped, never read whole."""


class TooBig(OSError):
    """A seed or draft past MAX_FILE_BYTES: an OSError, so every reader that reports an unreadable
    file reports this one the same way, in one line."""

    code = TOO_BIG

    def __init__(self, path: Path | str, size: int) -> None:
        message = f"the file is {size:,} bytes, over the {MAX_FILE_BYTES:,} contentkit reads; skipped"
        super().__init__(errno.EFBIG, message, str(path))


def read_bounded(path: Path | str) -> bytes:
    """A seed's or a draft's bytes; TooBig past MAX_FILE_BYTES (checked before reading, and while
    reading a file that grows), OSError when it cannot be read."""
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > MAX_FILE_BYTES:
            raise TooBig(path, size)
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise TooBig(path, len(data))
    return data


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
