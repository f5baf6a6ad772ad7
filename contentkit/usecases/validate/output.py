"""A Report as text (`path:line:col: CODE message`), JSON, or GitHub Actions annotations."""

from __future__ import annotations

import json
from collections.abc import Callable

from contentkit.base.words import plural as _plural
from contentkit.usecases.validate.diagnostics import Report


def summary(report: Report) -> str:
    counts = f"{_plural(report.errors, 'error')}, {_plural(report.warnings, 'warning')}"
    return f"{counts} in {_plural(report.files, 'file')}"


def format_text(report: Report) -> str:
    lines = [f"{d.path}:{d.line}:{d.col}: {d.code} {d.message}" for d in report.diagnostics]
    return "\n".join([*lines, summary(report)]) + "\n"


def format_json(report: Report) -> str:
    return json.dumps([d.to_json() for d in report.diagnostics], indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


_GITHUB = {"info": "notice"}  # GitHub's annotation levels: error, warning, notice


def format_github(report: Report) -> str:
    """GitHub Actions workflow commands: one annotation per diagnostic, then the summary."""
    lines = [
        f"::{_GITHUB.get(d.severity, d.severity)} file={_escape_property(d.path)},line={d.line},col={d.col},"
        f"title={_escape_property(d.code)}::{_escape_data(d.message)}"
        for d in report.diagnostics
    ]
    return "\n".join([*lines, summary(report)]) + "\n"


FORMATS: dict[str, Callable[[Report], str]] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
}
