"""`[lint]` in the config: which checks run and their thresholds. Light: the config reader imports it.

    [lint]
    off = ["CK603"]          # codes never reported in this repo
    caps_words = 3           # CK603: this many ALL-CAPS words in a row
    hashtag_letters = 15     # CK604: an all-lowercase hashtag this long probably joins words
    paragraph_lines = 6      # CK606: a paragraph longer than this many lines on a phone
    phone_line_chars = 40    # CK606: characters a phone line holds (about 40 at 360 px)
    emoji_bullets = 2        # CK602: this many lines in a row starting with an emoji
    validate = false         # true: validate (and the pre-commit hook) report the lint findings as warnings
    proselint = "auto"       # "auto": when installed; true: say so when it is not; false: never
    vale = "auto"
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from contentkit.base.codes import CODES


@dataclass(frozen=True)
class LintSettings:
    off: tuple[str, ...] = ()
    caps_words: int = 3
    hashtag_letters: int = 15
    paragraph_lines: int = 6
    phone_line_chars: int = 40
    emoji_bullets: int = 2
    validate: bool = False
    proselint: str | bool = "auto"
    vale: str | bool = "auto"

    def on(self, code: str) -> bool:
        return code not in self.off


def read(table: Any) -> tuple[LintSettings, str]:
    """The settings of a `[lint]` table, and '' or the one-line problem with it."""
    if not isinstance(table, dict):
        return LintSettings(), "'lint' must be a table"
    known = {f.name: f for f in fields(LintSettings)}
    values: dict[str, Any] = {}
    for key, value in table.items():
        problem = _problem(key, value, known)
        if problem:
            return LintSettings(), problem
        values[key] = tuple(value) if key == "off" else value
    return replace(LintSettings(), **values), ""


def _problem(key: str, value: Any, known: dict[str, Any]) -> str:
    if key not in known:
        return f"unknown key 'lint.{key}' (known: {', '.join(known)})"
    if key == "off":
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        unknown = [v for v in value if v not in CODES] if ok else []
        if unknown:
            return f"'lint.off': unknown code '{unknown[0]}'"
        return "" if ok else "'lint.off' must be a list of codes like \"CK603\""
    if key in ("proselint", "vale"):
        ok = value == "auto" or isinstance(value, bool)
        return "" if ok else f"'lint.{key}' must be \"auto\", true or false"
    if key == "validate":
        return "" if isinstance(value, bool) else "'lint.validate' must be true or false"
    whole = isinstance(value, int) and not isinstance(value, bool) and value >= 1
    return "" if whole else f"'lint.{key}' must be a whole number >= 1"
