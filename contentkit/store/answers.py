"""The answers file, .contentkit/answers.json: what a warm `index`, `index --check` or `validate FILE...`
printed, and everything it was read from, with the standard library alone (warm.py answers from it).

An answer is kept with the stamp (size, mtime_ns, ctime_ns, inode) of every file and folder it was
read from, the files whose absence it relied on, the stamps of contentkit's own code (and of the
packages that parse seeds), Python's version and the terminal it was printed to. It holds while every
one of them is as it was, each stamp old enough when the command began to pin its file's contents.

The file is untrusted input like every file in .contentkit/ (a clone can carry one): an answer is
believed only for the stamps this machine gives its files now, as the cache's other files are
(cache/store.py). Only the full CLI keeps one: after a run of an answerable command whose command
module vouched for what it read (`vouch`).
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
import time
from typing import Any

from contentkit.base.stamps import Stamp, code_stamps, pinned

STATE = ".contentkit"  # repo.STATE_DIR
ANSWERS = "answers.json"
FORMAT = 1
KEEP = 8  # answers kept: the latest of different commands (pre-commit names different files)
MAX_BYTES = 64 << 20

_vouched: dict[str, Any] | None = None  # what the running command read, when it can be answered again
_recording = False


def answerable(args: list[str]) -> bool:
    """`index`, `index --check`, `validate` with file names only: nothing else is answered here."""
    if not args:
        return False
    command, rest = args[0], args[1:]
    if command == "index":
        return rest in ([], ["--check"])
    return command == "validate" and all(arg and not arg.startswith("-") for arg in rest)


def key(args: list[str], cwd: str) -> str | None:
    """What an answer is for: the command, where it runs, the terminal, Python. None: no stdout/stderr."""
    out, err = sys.stdout, sys.stderr
    if out is None or err is None:
        return None
    env = os.environ
    streams = [_tty(out), _tty(err), bool(env.get("NO_COLOR")), env.get("TERM") == "dumb"]
    codecs = [getattr(out, "encoding", None), getattr(err, "encoding", None), getattr(out, "errors", None)]
    return json.dumps([args, cwd, streams, codecs, sys.version, sys.executable])


def _tty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, OSError, ValueError):
        return False


# --- answering ------------------------------------------------------------------------------------


def answer(args: list[str], cwd: str) -> tuple[str, str, int] | None:
    """(stdout, stderr, exit code) of the last full run of this command run in `cwd`, when it still
    holds."""
    if not answerable(args):
        return None
    wanted = key(args, cwd)
    state = os.path.join(cwd, STATE)
    if wanted is None or os.path.lexists(os.path.join(state, "journal")):
        return None
    record = _answers(state).get(wanted)
    if not isinstance(record, dict) or not holds(record, cwd):
        return None
    out, err, code = record.get("stdout"), record.get("stderr"), record.get("code")
    if type(out) is not str or type(err) is not str or type(code) is not int:
        return None
    return out, err, code


def holds(record: dict[str, Any], root: str) -> bool:
    """Every file the answer was read from has the stamp it had then, which pinned its contents;
    every file that was not there is still not there; the code is the same."""
    names, stamps, absent, checked = (record.get(k) for k in ("names", "stamps", "absent", "checked"))
    if not (type(names) is str and type(stamps) is str and type(checked) is int):
        return False
    if checked > time.time_ns():
        return False
    if not (isinstance(absent, list) and all(type(rel) is str and rel for rel in absent)):
        return False
    if record.get("code_stamps") != code_stamps():
        return False
    base = root + os.sep
    if any(os.path.lexists(base + rel) for rel in absent):
        return False
    found = stamp_all([base + rel for rel in names.split("\n")] if names else [])
    return found is not None and _hex(found) == stamps and all(pinned(s, checked) for s in found)


def stamp_all(paths: list[str]) -> list[Stamp] | None:
    """The stamp of each file or folder; None when one is missing or a symbolic link."""
    found = []
    for path in paths:
        try:
            st = os.lstat(path)
        except (OSError, ValueError):
            return None
        if stat.S_ISLNK(st.st_mode):
            return None
        found.append((st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
    return found


def _hex(stamps: list[Stamp]) -> str:
    from array import array

    return array("q", [n for s in stamps for n in s]).tobytes().hex()


def _answers(state: str) -> dict[str, Any]:
    """The answers file's answers by key; {} when it is missing, not a regular file, too big, damaged
    or of another format."""
    path = os.path.join(state, ANSWERS)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except (OSError, ValueError):
        return {}
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_BYTES:
            return {}
        data = json.loads(os.read(fd, MAX_BYTES + 1).decode("utf-8", "surrogateescape"))
    except (OSError, ValueError, RecursionError):
        return {}
    finally:
        os.close(fd)
    answers = data.get("answers") if isinstance(data, dict) and data.get("format") == FORMAT else None
    return answers if isinstance(answers, dict) else {}


# --- remembering ---------------------------------------------------------------------------------


def start() -> None:
    """The command about to run may be answered again: it may vouch for its inputs."""
    global _recording, _vouched
    _recording, _vouched = True, None


def stop() -> dict[str, Any] | None:
    """What the command vouched for, if it did."""
    global _recording, _vouched
    found, _recording, _vouched = _vouched, False, None
    return found


def recording() -> bool:
    """Whether the running command's output may be kept as an answer (it runs from main())."""
    return _recording


def vouch(root: str, names: list[str], absent: list[str]) -> None:
    """Called by a command that can be answered again: the files and folders (repo-relative) its
    output was made from, and the ones whose absence it relied on. Nothing happens unless the
    command runs from main() (the console entry point), from the repo root."""
    global _vouched
    if _recording:
        _vouched = {"root": root, "names": names, "absent": absent}


def remember(
    args: list[str], cwd: str, vouched: dict[str, Any], started: int, out: str, err: str, code: int
) -> None:
    """Keep the command's output (run in `cwd`) as its answer, when every input was pinned before it
    `started`."""
    wanted, root = key(args, cwd), vouched["root"]
    if wanted is None or root != cwd:
        return
    names: list[str] = vouched["names"]
    if any("\n" in rel or not rel for rel in names):
        return
    stamps = stamp_all([root + os.sep + rel for rel in names])
    if stamps is None or not all(pinned(s, started) for s in stamps):
        return  # a file changed while (or just before) the command read it
    state = os.path.join(root, STATE)
    answers = {k: v for k, v in _answers(state).items() if k != wanted}
    answers = dict(list(answers.items())[-(KEEP - 1) :]) if KEEP > 1 else {}
    answers[wanted] = {
        "stdout": out, "stderr": err, "code": code, "checked": started, "names": "\n".join(names),
        "stamps": _hex(stamps), "absent": vouched["absent"], "code_stamps": code_stamps(),
    }
    _save(state, json.dumps({"format": FORMAT, "answers": answers}, separators=(",", ":")))


def _save(state: str, text: str) -> None:
    """Replace the answers file atomically; an answer that cannot be kept is not kept."""
    if not os.path.isdir(state) or os.path.islink(state):
        return
    temp = os.path.join(state, f".{ANSWERS}.{os.getpid()}.{time.time_ns()}.tmp")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape") as handle:
            handle.write(text)
        os.replace(temp, os.path.join(state, ANSWERS))
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            os.unlink(temp)
