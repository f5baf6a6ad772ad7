"""What a rule reports: Diagnostic, the Report of a run, and the helpers that keep messages one line.

NamedTuples rather than dataclasses, here and in the other modules: they cost a tenth as much to
define, and import time is part of every commit.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from contentkit.base.codes import CODES, ERROR, WARNING


class Diagnostic(NamedTuple):
    path: str  # repo-relative, POSIX
    line: int  # 1-based
    col: int  # 1-based
    code: str
    severity: str  # ERROR or WARNING
    message: str

    def to_json(self) -> dict[str, Any]:
        return dict(self._asdict())


def diagnostic(path: str, line: int, col: int, code: str, message: str) -> Diagnostic:
    """A Diagnostic with its code's severity and a message that is one printable line."""
    return Diagnostic(path, line, col, code, CODES[code][0], one_line(message))


def one_line(text: str) -> str:
    """Whitespace runs to one space; other unprintable characters (terminal escapes) as \\u escapes."""
    flat = " ".join(text.split())
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in flat)


def shown(value: Any, limit: int = 60) -> str:
    """A front matter value quoted for a message, cut short."""
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return f"'{text}'"


class Report(NamedTuple):
    diagnostics: tuple[Diagnostic, ...]
    files: int

    @property
    def errors(self) -> int:
        return sum(d.severity == ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.severity == WARNING for d in self.diagnostics)

    def strict(self) -> Report:
        """Warnings become errors."""
        return self._replace(diagnostics=tuple(d._replace(severity=ERROR) for d in self.diagnostics))
