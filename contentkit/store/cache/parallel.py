"""Reading many seeds (a cold cache) spread over the CPUs with fork().

Forked children send their results back with marshal: plain lists of str and int between two copies
of this process (the cache files themselves are JSON). The parent does the first share itself (and
any share it could not fork for). A child that fails in any way has its share redone in the parent,
so the result is always the serial result.
"""

from __future__ import annotations

import contextlib
import marshal
import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

Job = TypeVar("Job")
Result = tuple[Any, Any]  # (what a child sends back: marshal-able, what only the parent has or None)
PARALLEL_MIN = 1000  # jobs before it pays to fork worker processes
PER_WORKER = 500


def workers_for(jobs: int) -> int:
    """How many processes to spread `jobs` over: 1 below PARALLEL_MIN, else one per PER_WORKER jobs."""
    return min(cpus(), jobs // PER_WORKER) if jobs >= PARALLEL_MIN else 1


def cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def in_parallel(
    func: Callable[[Job], Result], jobs: Sequence[Job], workers: int, valid: Callable[[Any], bool]
) -> list[Result]:
    """func over jobs, in `workers` processes. A child sends back the first item of each result,
    and its share is redone here unless every item it sent is `valid`; its results have None second."""
    if not hasattr(os, "fork"):
        return [func(job) for job in jobs]
    size = -(-len(jobs) // workers)
    shares = [jobs[n : n + size] for n in range(0, len(jobs), size)]
    children: dict[int, tuple[int, int]] = {}  # share number -> the child's pid and pipe
    try:
        for n, share in enumerate(shares[1:], 1):
            with contextlib.suppress(OSError):  # no process to spare: that share is done here
                children[n] = _fork(func, share)
        done = [func(job) for job in shares[0]]
        for n, share in enumerate(shares[1:], 1):
            if n in children:
                done.extend(_collect_child(*children[n], share, func, valid))
                del children[n]
            else:
                done.extend(func(job) for job in share)
    finally:
        for pid, _fd in children.values():  # interrupted: stop the children that are left
            import signal

            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)
    return done


def _fork(func: Callable[[Job], Result], share: Sequence[Job]) -> tuple[int, int]:
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        raise
    if pid == 0:  # pragma: no cover - the child; coverage does not follow it
        code = 1
        try:
            os.close(read_end)
            payload = marshal.dumps([func(job)[0] for job in share])
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    return pid, read_end


def _collect_child(
    pid: int, fd: int, share: Sequence[Job], func: Callable[[Job], Result], valid: Callable[[Any], bool]
) -> list[Result]:
    with os.fdopen(fd, "rb") as handle:
        payload = handle.read()
    _pid, status = os.waitpid(pid, 0)
    try:
        rows = marshal.loads(payload) if status == 0 else None
    except (ValueError, EOFError, TypeError):
        rows = None
    if not isinstance(rows, list) or len(rows) != len(share) or not all(map(valid, rows)):
        return [func(job) for job in share]  # the worker failed: do its share here
    return [(row, None) for row in rows]
