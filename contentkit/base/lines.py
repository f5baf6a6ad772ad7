"""Line boundaries, one rule everywhere: a line ends at CRLF, LF or a lone CR.

That is CommonMark's rule (markdown-it numbers a body's lines by it), YAML's (but for YAML 1.1's
NEL, LS and PS, which contentkit does not count) and Python's universal newlines. Seed line numbers,
front matter edits and task ticking all count lines with these functions, never with str.splitlines()
(which also breaks at \\v, \\f, \\x1c-\\x1e, NEL, LS and PS) nor with text.count("\\n") (which misses a
lone CR).
"""

from __future__ import annotations

import re

BREAK = re.compile(r"\r\n|\r|\n")


def split(text: str) -> list[str]:
    """The lines of `text`, each with its own line ending (the last may have none)."""
    if "\r" not in text:
        return text.splitlines(keepends=True) if _plain(text) else _split(text)
    return _split(text)


def _plain(text: str) -> bool:
    """No character str.splitlines() breaks at other than LF."""
    return text.isascii() and not any(c in text for c in "\v\f\x1c\x1d\x1e")


def _split(text: str) -> list[str]:
    found: list[str] = []
    start = 0
    for match in BREAK.finditer(text):
        found.append(text[start : match.end()])
        start = match.end()
    if start < len(text):
        found.append(text[start:])
    return found


def strip_ending(line: str) -> str:
    """A line without its line ending."""
    return line[:-2] if line.endswith("\r\n") else line[:-1] if line.endswith(("\r", "\n")) else line


def line_at(text: str, offset: int) -> int:
    """0-based number of the line that `offset` stands on."""
    lf = text.count("\n", 0, offset)
    if "\r" not in text:
        return lf
    return lf + text.count("\r", 0, offset) - text.count("\r\n", 0, offset + 1)


def line_start(text: str, offset: int) -> int:
    """Offset of the start of the line that `offset` stands on."""
    return max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1


def position(text: str, offset: int) -> tuple[int, int]:
    """(0-based line, 0-based column) of an offset."""
    return line_at(text, offset), offset - line_start(text, offset)


def start_of(text: str, line: int) -> int:
    """Offset where 0-based line number `line` starts; len(text) when the text is shorter."""
    if line <= 0:
        return 0
    for n, match in enumerate(BREAK.finditer(text), 1):
        if n == line:
            return match.end()
    return len(text)


def end_of_line(text: str, offset: int) -> tuple[int, int]:
    """(offset of the line ending at or after `offset`, offset after it); both len(text) when none."""
    match = BREAK.search(text, offset)
    return (match.start(), match.end()) if match else (len(text), len(text))


def newline_of(text: str) -> str:
    """The text's own line ending: that of its first line ('\\n' when it has none)."""
    match = BREAK.search(text)
    return match.group() if match else "\n"


def replace_in_line(text: str, line: int, old: str, new: str) -> str:
    """Replace the first `old` on one 0-based line of `text` (lines as contentkit.base.lines counts them)."""
    start = start_of(text, line)
    end = end_of_line(text, start)[0]
    segment = text[start:end]
    if old not in segment:
        return text
    return text[:start] + segment.replace(old, new, 1) + text[end:]


MAX_NESTING = 100


def nesting_line(text: str, limit: int = MAX_NESTING) -> int:
    """The line where `[` and `{` (outside strings and comments) first nest past `limit`."""
    depth, line, quote = 0, 1, ""
    for n, char in enumerate(text):
        if char == "\n":
            line += 1
            if quote not in ('"""', "'''"):
                quote = ""
        elif quote == "#":
            continue
        elif quote:
            if text.startswith(quote, n) and (quote == "'" or text[n - 1] != "\\"):
                quote = ""
        elif char in "\"'#":
            quote = text[n : n + 3] if text.startswith(char * 3, n) else char
        elif char in "[{":
            depth += 1
            if depth > limit:
                return line
        elif char in "]}":
            depth -= 1
    return line
