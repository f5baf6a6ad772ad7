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
import re
import stat
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from contentkit.base.errors import RefusedError
from contentkit.base.statedir import TMP, read_regular, temp_folder

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
    if state is None or (folder := temp_folder(state, state / JOURNAL)) is None:
        return None
    if any(Path(temp).parent != folder for temp in temps.values()):
        return None  # a temp beside its target (another filesystem): recover() only ever takes tmp/'s
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


MAX_BYTES = 1 << 20  # a journal names a few files; one past this size is not one contentkit wrote
_DIGEST = re.compile(r"[0-9a-f]{32}")


class Untrusted(Exception):
    """A journal that is damaged or names a move contentkit would never make: never replayed."""


def _moves(state: Path) -> list[list[Any]] | None:
    """The moves of a journal left behind; None when there is none. Untrusted when it is damaged or
    names a move contentkit never makes (a path leaving the repo, a source that is not its own temp)."""
    try:
        raw = read_regular(state / JOURNAL)
    except OSError:
        if os.path.lexists(state / JOURNAL) and not os.path.isdir(state / JOURNAL):
            raise Untrusted("it is not a regular file") from None
        return None
    if len(raw) > MAX_BYTES:
        raise Untrusted("it is too large")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        raise Untrusted("it is not valid JSON") from None
    moves = data.get("moves") if isinstance(data, dict) and data.get("format") == FORMAT else None
    if not isinstance(moves, list) or not all(_move(m) for m in moves):
        raise Untrusted("it is not in contentkit's format")
    for move in moves:
        _trusted(state, move[0], move[1])
    return moves


def _move(item: Any) -> bool:
    return (
        isinstance(item, list) and len(item) == 4 and all(isinstance(p, str) for p in item[:2])
        and all(d is None or (isinstance(d, str) and _DIGEST.fullmatch(d) is not None) for d in item[2:])
    )


def _trusted(state: Path, target: str, temp: str) -> None:
    """Raise Untrusted unless `target` is a file of the repo and `temp` contentkit's own temp for it."""
    root = state.parent
    for rel in (target, temp):
        parts = PurePosixPath(rel).parts
        if not rel or "\x00" in rel or "\\" in rel or rel.startswith("/") or ".." in parts:
            raise Untrusted(f"a move names {rel!r}, outside the repo")
        if not _inside(root, root / rel):
            raise Untrusted(f"a move names {rel!r}, which leads outside the repo")
    parts = PurePosixPath(target).parts
    if ".git" in parts or parts[0] == state.name:
        raise Untrusted(f"a move writes {target!r}, which contentkit never writes")
    if os.path.isdir(root / target):
        raise Untrusted(f"a move writes {target!r}, which is a folder")
    name = PurePosixPath(target).name
    folder, _sep, base = temp.rpartition("/")
    owned = re.fullmatch(re.escape(f".{name}.") + r"\d+\.[A-Za-z0-9_]+\.tmp", base)  # files.temp_name
    if folder != f"{state.name}/{TMP}" or owned is None:
        raise Untrusted(f"a move takes {temp!r}, which is not contentkit's temporary file for {target!r}")


def _inside(root: Path, path: Path) -> bool:
    resolved, top = Path(os.path.realpath(path)), Path(os.path.realpath(root))
    return resolved != top and resolved.is_relative_to(top)


def untrusted(state: Path) -> str | None:
    """Why the journal left in `state` is never replayed (damaged, not contentkit's); None when it can be."""
    try:
        _moves(state)
    except Untrusted as exc:
        return str(exc)
    return None


def set_aside(state: Path, why: str) -> RefusedError:
    """Rename an untrusted journal aside (inside the state folder) and word the refusal naming it."""
    import time

    aside = state / f"{JOURNAL}.untrusted-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}"
    shown = f"{state.name}/{JOURNAL}"
    try:
        os.replace(state / JOURNAL, aside)
    except OSError as exc:
        return RefusedError(f"not replayed: {why}; it cannot be set aside ({exc.strerror}): delete it", shown)
    return RefusedError(f"not replayed: {why}; set aside as {state.name}/{aside.name}", shown)


def pending(state: Path) -> list[str]:
    """The files an interrupted write left unfinished (repo-relative), for read-only commands to report.

    An untrusted journal is never pending: untrusted() says why."""
    try:
        moves = _moves(state)
    except Untrusted:
        return []
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
    A journal that is damaged or not contentkit's is set aside, unreplayed, and the command refused.
    """
    try:
        moves = _moves(state)
    except Untrusted as exc:
        raise set_aside(state, str(exc)) from None
    root = state.parent
    done: list[str] = []
    if moves is not None:
        todo = []
        for target, temp, old, new in moves:
            now = _current(root / target)
            if now == new:
                continue
            if now != old or not _regular(root / temp):
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


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


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
