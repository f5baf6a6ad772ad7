"""The journal of a write of several files: what makes `develop` and `publish` safe to kill.

Before the first rename, `.contentkit/journal` names every target, its complete temp file and the
digests of its old and new bytes (written to a temp, fsynced, then renamed into place: a journal
that exists is whole). After the last rename it is removed. A process killed in between leaves it
behind; the next command that takes the write lock rolls the write forward (recover), and the
read-only commands report it (pending). Temp files of processes that are gone are removed then too.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from contentkit.errors import RefusedError
from contentkit.statedir import TMP, read_regular, temp_folder

JOURNAL = "journal"
FORMAT = 1


def _digest(data: bytes | None) -> str | None:
    import hashlib

    return None if data is None else hashlib.blake2b(data, digest_size=16).hexdigest()


def begin(
    state: Path | None,
    temps: Mapping[Path, str],
    originals: Mapping[Path, bytes | None],
    changes: Mapping[Path, bytes],
) -> Path | None:
    """Write the journal of these moves; None (no journal) when the state folder cannot hold one."""
    if state is None or temp_folder(state, state / JOURNAL) is None:
        return None
    root = state.parent
    moves = [
        [os.path.relpath(path, root), os.path.relpath(temps[path], root), _digest(originals[path]),
         _digest(changes[path])]
        for path in temps
    ]
    text = json.dumps({"format": FORMAT, "moves": moves}).encode("utf-8")
    temp = state / TMP / f".{JOURNAL}.{os.getpid()}.j.tmp"
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        with os.fdopen(fd, "wb") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, state / JOURNAL)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        return None  # no journal: the write is still all or nothing unless killed
    return state / JOURNAL


def end(log: Path | None) -> None:
    if log is not None:
        with contextlib.suppress(OSError):
            os.unlink(log)


def _moves(state: Path) -> list[list[Any]] | None:
    """The moves of a journal left behind; None when there is none (or it is not ours)."""
    try:
        data = json.loads(read_regular(state / JOURNAL))
    except (OSError, ValueError):
        return None
    moves = data.get("moves") if isinstance(data, dict) and data.get("format") == FORMAT else None
    if not isinstance(moves, list) or not all(_move(m) for m in moves):
        return None
    return moves


def _move(item: Any) -> bool:
    return (
        isinstance(item, list) and len(item) == 4 and all(isinstance(p, str) for p in item[:2])
        and all(d is None or isinstance(d, str) for d in item[2:])
    )


def pending(state: Path) -> list[str]:
    """The files an interrupted write left unfinished (repo-relative), for read-only commands to report."""
    moves = _moves(state)
    if moves is None:
        return []
    root = state.parent
    return [target for target, _temp, _old, new in moves if _current(root / target) != new]


def _current(path: Path) -> str | None:
    try:
        return _digest(read_regular(path))
    except OSError:
        return None


def recover(state: Path) -> list[str]:
    """Finish a write a killed process left half done (under the write lock); the files finished.

    A target is moved into place when it still holds its old bytes and its temp file is there. One
    that changed since is never overwritten: the command is refused, naming the file and its temp.
    """
    moves = _moves(state)
    root = state.parent
    done: list[str] = []
    if moves is not None:
        todo = []
        for target, temp, old, new in moves:
            now = _current(root / target)
            if now == new:
                continue
            if now != old or not os.path.isfile(root / temp):
                raise RefusedError(
                    f"an interrupted write cannot be finished: {target} changed since; its new text is "
                    f"in {temp}: compare them, then delete {state.name}/{JOURNAL}",
                    target,
                )
            todo.append((target, temp))
        for target, temp in todo:
            os.replace(root / temp, root / target)
            done.append(target)
    end(state / JOURNAL)
    sweep(state)
    return done


def sweep(state: Path) -> None:
    """Remove the temp files of processes that are gone, from the state folder and its tmp/."""
    for folder in (state, state / TMP):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            pid = _owner(entry.name)
            if pid is not None and pid != os.getpid() and not _alive(pid) and _plain_file(entry):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _owner(name: str) -> int | None:
    """The process that made a temp file `.NAME.PID.XXXX.tmp`, else None."""
    parts = name.split(".")
    if not (name.startswith(".") and len(parts) >= 5 and parts[-1] == "tmp"):
        return None
    pid = parts[-3]
    return int(pid) if pid.isdigit() and pid.isascii() else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _plain_file(entry: os.DirEntry[str]) -> bool:
    try:
        return stat.S_ISREG(entry.stat(follow_symlinks=False).st_mode)
    except OSError:
        return False
