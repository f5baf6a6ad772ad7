"""The console entry point: a warm run answered before click or the package is imported.

`index`, `index --check` and `validate [FILE...]` print what they printed last time, with the same
exit code, when nothing they read has changed since (answers.py: the answers file, checked with the
standard library alone). Anything else, and any doubt (an option it does not know, a file or folder
whose stamp differs or was too recent to pin the file's contents, a journal left by a killed write, a
damaged or foreign answers file, other code), runs the full CLI, which keeps its output as the next
answer when the command vouched for its inputs.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

from contentkit.store import answers


def main() -> None:
    """`contentkit`: the remembered answer when it still holds, else the full CLI."""
    args = sys.argv[1:]
    try:
        cwd = os.getcwd()  # the front door asks where it runs; answers.py takes it as a parameter
    except OSError:
        _full()
        return
    found = answers.answer(args, cwd)
    if found is not None:
        out, err, code = found
        sys.stderr.write(err)
        sys.stderr.flush()
        sys.stdout.write(out)
        sys.stdout.flush()
        sys.exit(code)
    if not answers.answerable(args):
        _full()
        return
    _record(args, cwd)


def _full() -> None:
    from contentkit.cli import main as full

    full()


class _Tee:
    """A text stream that keeps a copy of what is written to it."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.parts: list[str] = []

    def write(self, text: Any) -> int:
        written: int = self.stream.write(text)  # bytes raise here, as on the stream itself
        self.parts.append(text)
        return written

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def _record(args: list[str], cwd: str) -> None:
    """The full CLI, its output kept as the answer when the command vouched for its inputs."""
    started = time.time_ns()
    out, err = _Tee(sys.stdout), _Tee(sys.stderr)
    sys.stdout, sys.stderr = out, err
    answers.start()
    code: object = "unfinished"  # an exception other than SystemExit: nothing is kept
    try:
        _full()
        code = 0
    except SystemExit as exc:
        code = 0 if exc.code is None else exc.code
        raise
    finally:
        sys.stdout, sys.stderr = out.stream, err.stream
        vouched = answers.stop()
        if vouched is not None and isinstance(code, int) and not isinstance(code, bool):
            answers.remember(args, cwd, vouched, started, "".join(out.parts), "".join(err.parts), code)
