"""Writing files so that a failure never leaves one half-written: temp file, fsync, atomic replace.

Temp files live in the repo's state folder (`.contentkit/tmp/`, ignored by git and by the listing) when
it is on the same filesystem as the target, else beside the target. A write of several files is a
transaction (see journal.py): a kill between the renames is finished by the next command that takes
the write lock.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator, Mapping
from pathlib import Path

from contentkit.base import journal
from contentkit.base.errors import WriteError

# The state folder's helpers live below this module and journal.py; callers keep finding them here.
from contentkit.base.statedir import IGNORE as IGNORE
from contentkit.base.statedir import TMP as TMP
from contentkit.base.statedir import read_regular as read_regular
from contentkit.base.statedir import state_folder as state_folder
from contentkit.base.statedir import temp_folder as temp_folder


def real(path: Path) -> Path:
    """The absolute path with symlinks resolved; unlike Path.resolve(), a symlink loop does not raise."""
    return Path(os.path.realpath(path))


def temp_name(name: str) -> str:
    """The prefix of a temp file for `name`: it names this process, so leftovers of dead ones are found."""
    return f".{name}.{os.getpid()}."


def _temp_for(path: Path, data: bytes, state: Path | None = None) -> str:
    """Write `data` to a temp file for `path`; the caller replaces or removes it."""
    import tempfile  # not at module level: read-only commands never pay for it

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        folder = temp_folder(state, path) or path.parent
        fd, temp = tempfile.mkstemp(prefix=temp_name(path.name), suffix=".tmp", dir=folder)
    except OSError as exc:
        raise WriteError(f"cannot write: {exc.strerror}", path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(temp, path.stat().st_mode & 0o7777 if path.exists() else 0o644)
    except OSError as exc:
        _remove(temp)
        raise WriteError(f"cannot write: {exc.strerror}", path) from None
    return temp


def _remove(temp: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(temp)


def atomic_write(path: Path, data: bytes, state: Path | None = None) -> None:
    write_all({path: data}, state)


def write_all(changes: Mapping[Path, bytes], state: Path | None = None) -> None:
    """Write several files all or nothing.

    Every new content is first written to a temp file (in `state`/tmp/ when given and usable); only
    when all of them exist are they moved into place. With `state`, a journal names the moves first,
    so a process killed between them is finished by the next one (journal.recover). If a move fails,
    the files already moved get their old bytes back.
    """
    temps: dict[Path, str] = {}
    try:
        for path, data in changes.items():
            temps[path] = _temp_for(path, data, state)
    except WriteError:
        for temp in temps.values():
            _remove(temp)
        raise
    originals = {path: _read_or_none(path) for path in changes}
    log = journal.begin(state, temps, originals, changes) if state is not None and len(changes) > 1 else None
    done: list[Path] = []
    try:
        for path, temp in temps.items():
            os.replace(temp, path)
            done.append(path)
    except OSError as exc:
        for temp in temps.values():
            _remove(temp)
        _restore(done, originals)
        journal.end(log)
        raise WriteError(f"cannot write: {exc.strerror}; nothing was changed", path) from None
    journal.end(log)


def _read_or_none(path: Path) -> bytes | None:
    try:
        return read_regular(path)
    except OSError:
        return None


def _restore(done: list[Path], originals: Mapping[Path, bytes | None]) -> None:
    for path in done:
        old = originals[path]
        with contextlib.suppress(OSError, WriteError):
            if old is None:
                path.unlink()
            else:
                os.replace(_temp_for(path, old), path)


@contextlib.contextmanager
def locked(lock_path: Path, timeout: float = 30.0, name: str | None = None) -> Iterator[None]:
    """Hold an exclusive advisory lock on `lock_path` (created if needed) for the block.

    `name` is how errors show the lock file (repo-relative).
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - no advisory locks on this platform
        yield
        return
    import time

    fd = _open_lock(lock_path, name or str(lock_path))
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise WriteError(
                        f"another contentkit is still writing (waited {timeout:.0f}s)", name or lock_path
                    ) from None
                time.sleep(0.02)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _open_lock(lock_path: Path, name: str) -> int:
    """The lock file, opened without blocking and checked to be a regular file."""
    folder = lock_path.parent
    if not state_folder(folder):
        where = os.path.dirname(name) or folder.name
        raise WriteError(
            "is not a folder contentkit can use for its lock and cache; move it away and run again", where
        )
    try:
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_NONBLOCK | os.O_NOFOLLOW, 0o644)
    except OSError as exc:
        raise WriteError(f"cannot open the lock file: {exc.strerror}", name) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise WriteError("the lock file is not a regular file; remove it and run again", name)
    return fd


def create_new(path: Path, data: bytes, state: Path | None = None) -> None:
    """Write a new file atomically; refuse (FileExistsError) if `path` exists, never overwrite."""
    temp = _temp_for(path, data, state)
    try:
        os.link(temp, path)
    except FileExistsError:
        raise
    except OSError as exc:
        raise WriteError(f"cannot write: {exc.strerror}", path) from None
    finally:
        _remove(temp)
