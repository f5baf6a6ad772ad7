"""Writing files so that a failure never leaves one half-written: temp file, fsync, atomic replace."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from pathlib import Path

from contentkit.errors import WriteError


def real(path: Path) -> Path:
    """The absolute path with symlinks resolved; unlike Path.resolve(), a symlink loop does not raise."""
    return Path(os.path.realpath(path))


def _temp_for(path: Path, data: bytes) -> str:
    """Write `data` to a temp file beside `path`; the caller replaces or removes it."""
    import tempfile  # not at module level: read-only commands never pay for it

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
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


def atomic_write(path: Path, data: bytes) -> None:
    write_all({path: data})


def write_all(changes: Mapping[Path, bytes]) -> None:
    """Write several files all or nothing.

    Every new content is first written to a temp file beside its target; only when all of them
    exist are they moved into place. If a move fails, the files already moved get their old bytes back.
    """
    temps: dict[Path, str] = {}
    try:
        for path, data in changes.items():
            temps[path] = _temp_for(path, data)
    except WriteError:
        for temp in temps.values():
            _remove(temp)
        raise
    originals = {path: _read_or_none(path) for path in changes}
    done: list[Path] = []
    try:
        for path, temp in temps.items():
            os.replace(temp, path)
            done.append(path)
    except OSError as exc:
        for temp in temps.values():
            _remove(temp)
        _restore(done, originals)
        raise WriteError(f"cannot write: {exc.strerror}; nothing was changed", path) from None


def _read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
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
def locked(lock_path: Path, timeout: float = 30.0) -> Iterator[None]:
    """Hold an exclusive advisory lock on `lock_path` (created if needed) for the block."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - no advisory locks on this platform
        yield
        return
    import time

    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(lock_path, "a+b")  # noqa: SIM115 - held open for the whole block
    except OSError as exc:
        raise WriteError(f"cannot create lock file: {exc.strerror}", lock_path) from None
    with handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise WriteError(
                        f"another contentkit is still writing (waited {timeout:.0f}s)", lock_path
                    ) from None
                time.sleep(0.02)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def create_new(path: Path, data: bytes) -> None:
    """Write a new file atomically; refuse (FileExistsError) if `path` exists, never overwrite."""
    temp = _temp_for(path, data)
    try:
        os.link(temp, path)
    except FileExistsError:
        raise
    except OSError as exc:
        raise WriteError(f"cannot write: {exc.strerror}", path) from None
    finally:
        _remove(temp)
