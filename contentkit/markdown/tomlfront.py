"""TOML front matter (`+++` fences, as Hugo writes it): read strictly, and find where each top-level
key and its value stand, so markdown/frontmatter.py edits single keys without touching other bytes.

tomllib reads the data (located errors, CK110); a small lexer finds the spans: a top-level
`key = value` line up to the first `[table]` header, its value running to the end of its line, or
of its last line when a string or an array goes on (comments and strings are skipped, so a `#` or
a `]` inside a string ends nothing).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any, NamedTuple

from contentkit.base import codes, lines
from contentkit.base.errors import SeedError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_WHERE = re.compile(r"\s*\(at line (\d+), column (\d+)\)$|\s*\(at end of document\)$")
_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r'"(?:[^"\\\r\n]|\\.)*"|\'[^\'\r\n]*\''
_PART = rf"(?:{_BARE}|{_QUOTED})"
_ASSIGN = re.compile(rf"[ \t]*({_PART}(?:[ \t]*\.[ \t]*{_PART})*)[ \t]*=[ \t]*")
_BARE_KEY = re.compile(_BARE)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


class Span(NamedTuple):
    key: int  # offsets in the TOML text
    start: int
    end: int
    style: str  # '"' basic string, "'" literal string, '[' array, '' anything else


def load(text: str, path: Path | None, first_line: int) -> dict[str, Any]:
    """The front matter's data; a located SeedError (CK110) when it is not valid TOML."""
    try:
        data: dict[str, Any] = tomllib.loads(text)
        return data
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = _WHERE.search(message)
        line, col = (1, 1)
        if found is not None and found.group(1):
            line, col = int(found.group(1)), int(found.group(2))
        elif found is not None:  # at the end of the document
            line = lines.line_at(text, len(text)) + 1
        problem = message[: found.start()] if found is not None else message
        line += first_line - 1
        raise SeedError(f"invalid TOML: {problem}", path, line, col, code=codes.BAD_TOML) from None
    except RecursionError:
        message = "front matter is nested too deeply"
        raise SeedError(message, path, first_line, 1, code=codes.TOO_DEEP) from None


def spans(text: str) -> dict[str, Span]:
    """Where each plain top-level key (not a dotted one) and its value stand."""
    found: dict[str, Span] = {}
    i, n = 0, len(text)
    while i < n:
        ending, after = lines.end_of_line(text, i)
        if text[i:ending].lstrip(" \t").startswith("["):
            break  # a table header: the keys after it are not top-level
        assign = _ASSIGN.match(text, i)
        if assign is None or assign.end() > ending:
            i = after if after > i else n
            continue
        start = assign.end()
        end = value_end(text, start)
        name = _unquote(assign.group(1))
        if name is not None and name not in found:
            found[name] = Span(assign.start(1), start, end, _style(text, start))
        after = lines.end_of_line(text, end)[1]
        i = after if after > i else n
    return found


def top_end(text: str) -> int:
    """Where the top-level keys end: the start of the first `[table]` header line, else the end."""
    found = re.search(r"(?m)^[ \t]*\[", text)
    return len(text) if found is None else found.start()


def _unquote(key: str) -> str | None:
    """A plain key's name; None for a dotted key."""
    if _BARE_KEY.fullmatch(key):
        return key
    if key[:1] == "'" and key.endswith("'") and len(key) >= 2 and "'" not in key[1:-1]:
        return key[1:-1]
    if key[:1] == '"':
        try:
            value = json.loads(key)
        except ValueError:
            return None
        return value if isinstance(value, str) else None
    return None


def _style(text: str, start: int) -> str:
    char = text[start : start + 1]
    if text.startswith(('"""', "'''"), start):
        return ""
    return char if char in ('"', "'", "[") else ""


def value_end(text: str, i: int) -> int:
    """Where a value starting at offset i ends (after its last character, before any comment)."""
    depth = 0
    last = i
    n = len(text)
    while i < n:
        char = text[i]
        if text.startswith(('"""', "'''"), i):
            close = text.find(text[i : i + 3], i + 3) if char == "'" else _basic_close(text, i + 3, '"""')
            i = n if close < 0 else close + 3
            while i < n and text[i] == char and i - close < 5:  # up to two quotes before the closing ones
                i += 1
            last = i
            continue
        if char == '"':
            close = _basic_close(text, i + 1, '"')
            i = last = n if close < 0 else close + 1
            continue
        if char == "'":
            close = text.find("'", i + 1)
            i = last = n if close < 0 else close + 1
            continue
        if char == "#":
            i = lines.end_of_line(text, i)[0]
            continue
        if char in "\r\n":
            if depth <= 0:
                break
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
        if char not in " \t\r\n":
            last = i + 1
        i += 1
    return last


def _basic_close(text: str, i: int, quote: str) -> int:
    """The offset of the quote that closes a basic string (escapes skipped); -1 when none does."""
    while True:
        close = text.find(quote, i)
        if close < 0:
            return -1
        slashes = len(text[i:close]) - len(text[i:close].rstrip("\\"))
        if slashes % 2 == 0:
            return close
        i = close + 1


# --- writing ---------------------------------------------------------------------------------


def string(value: str, style: str = "") -> str:
    """A TOML string for `value`: a literal one when the old value was and it can carry it."""
    if style == "'" and "'" not in value and not _CONTROL.search(value) and "\n" not in value:
        return f"'{value}'"
    quoted = json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string...
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)  # ...once DEL and the like are escaped


def array(items: list[str]) -> str:
    return "[" + ", ".join(string(item) for item in items) + "]"


def key(name: str) -> str:
    return name if _BARE_KEY.fullmatch(name) else string(name)
