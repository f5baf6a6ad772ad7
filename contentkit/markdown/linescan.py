"""The line-scan reader: flat YAML front matter read line by line, or not at all.

Most seeds and drafts open with `key: value` lines: plain or quoted scalars, and lists of scalars
(`[a, b]` or `- a` lines). scan() reads that shape without PyYAML and gives exactly what
frontmatter.parse() gives (the same mapping, in the same order, with the same types); for anything it
cannot prove it reads the same way (anchors, tags, multi-line or escaped scalars, tabs, CR line
endings, a BOM, duplicate keys, YAML 1.1's `yes`/`on`/`0o12`/`1_000`/`1:30`, timestamps, floats,
TOML, a bare file) it gives None, and read() asks the strict reader. Which plain scalars are text is
decided by PyYAML's own resolver table, so the two cannot disagree on a word like `null` or `off`.
tests/test_linescan.py holds the two equal on generated, real-world and benchmark files.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, NamedTuple

from yaml.resolver import Resolver

from contentkit.base import lines
from contentkit.markdown import frontmatter


class Read(NamedTuple):
    """What an index row needs of a file: its front matter, its body and the body's first line."""

    meta: dict[str, Any]
    body: str
    body_line: int  # 0-based file line where the body starts
    bare: bool  # no front matter at all (frontmatter.Document.bare)


def read(data: bytes | str, path: str) -> Read:
    """The front matter and body as frontmatter.parse(data, Path(path)) gives them: scanned when
    scan() can prove them, else parsed strictly (a SeedError, located, for a file that cannot be read)."""
    found = scan(data)
    if found is not None:
        return found
    doc = frontmatter.parse(data, Path(path))
    return Read(doc.meta, doc.body, doc.body_line, doc.bare)


_NO = object()  # a value the scan cannot prove: the strict reader decides
_OPEN = "---\n"
# Every character of the front matter: printable, no tab, CR, NEL, LS, PS or BOM (YAML treats those
# apart), so lines are split at LF alone and nothing needs escaping.
_ODD = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]{0,127}):(?: +(.*))?")  # `key:` or `key: value`
# The usual line: a key, then a quoted scalar without escapes or a plain word that cannot be a number,
# a date or an indicator (`null`, `true`, `on` are still typed, by the resolver table: _WORDY)
_COMMON = re.compile(
    r"""([A-Za-z_][A-Za-z0-9_-]{0,127}): (?:'([^']*)'|"([^"\\]*)"|([A-Za-z_/][A-Za-z0-9_./-]*))"""
)
_ITEM = re.compile(r"( *)-(?: +(.*))?")  # `- value`, `  - value`, `-`
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INT = re.compile(r"0|[1-9][0-9]*")
_NUMERIC = frozenset("0123456789+-.")
# What YAML 1.1 or 1.2 reads as a number (or nearly): left to the strict reader even where it is text
_NUMBERISH = re.compile(r"[-+]?(?:0o[0-7_]*|0x[0-9a-fA-F_]*|[0-9][0-9_:]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]*)?"
                        r"|\.[0-9_]*(?:[eE][-+]?[0-9]*)?|\.(?:inf|Inf|INF|nan|NaN|NAN))")
_NULLS = frozenset(("~", "null", "Null", "NULL"))
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")  # a plain scalar never starts with one here
_FLOW_PLAIN_ODD = frozenset(":#,[]{}'\"")  # a plain list item in `[...]` holds none of these
_RESOLVERS: dict[str, list[tuple[str, Any]]] = Resolver.yaml_implicit_resolvers
_WORDY = frozenset(c for c in _RESOLVERS if c.isalpha())  # letters a typed plain scalar can start with


def scan(data: bytes | str) -> Read | None:
    """(front matter, body, body line) of a file whose front matter is flat and in the common
    shape, exactly as the strict reader reads it; None for anything else."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return None
    else:
        text = data
    if not text.startswith(_OPEN):
        return None
    found = frontmatter.fences(text)
    if found is None:
        return None
    start, end, body_start = found
    yaml_text = text[start:end]
    if _ODD.search(yaml_text) is not None:
        return None
    meta = mapping(yaml_text)
    if meta is None:
        return None
    return Read(meta, text[body_start:], lines.line_at(text, body_start), False)


def mapping(yaml_text: str) -> dict[str, Any] | None:
    """The mapping of flat `key: value` lines (and `- item` lines under an empty key); None when a
    line is of any other kind or a value cannot be proven."""
    meta: dict[str, Any] = {}
    key = ""  # the key whose value is still open (`key:` with nothing after it)
    items: list[Any] | None = None
    indent = -1
    for line in yaml_text.split("\n")[:-1] if yaml_text else ():
        common = _COMMON.fullmatch(line)
        if common is not None:  # `key: word`, `key: 'text'`, `key: "text"`: the usual line, at once
            name, single, double, word = common.groups()
            value = word if word is None or word[0] not in _WORDY else _typed(word)
            if name in meta or value is _NO or (name[0] in _WORDY and _resolved(name)):
                return None
            meta[name] = value if word is not None else single if single is not None else double
            key, items = "", None
            continue
        if not line.strip(" ") or line.lstrip(" ").startswith("#"):
            continue  # a blank line or a comment
        if line[0] == " " or line[0] == "-":
            item = _ITEM.fullmatch(line)
            if item is None or not key or (items and len(item.group(1)) != indent):
                return None
            value = _scalar(item.group(2) or "")
            if value is _NO:
                return None
            if items is None:
                items, indent = [], len(item.group(1))
                meta[key] = items
            items.append(value)
            continue
        pair = _KEY.fullmatch(line)
        if pair is None:
            return None
        name, rest = pair.group(1), pair.group(2) or ""
        if name in meta or _resolved(name):  # a duplicate, or a key that is not text (`on`, `null`)
            return None
        value = _flow(rest) if rest.startswith("[") else _scalar(rest)
        if value is _NO:
            return None
        meta[name] = value
        key, items = (name, None) if value is None and not rest.strip(" ") else ("", None)
    return meta


def _resolved(plain: str) -> bool:
    """Whether a plain scalar resolves to anything but text (PyYAML's own table decides)."""
    return any(pattern.match(plain) for _tag, pattern in _RESOLVERS.get(plain[:1], ()))


def _scalar(text: str) -> Any:
    """A block scalar on one line (what follows `key: ` or `- `): plain, or quoted without escapes."""
    if not text or text[0] == "#":
        return None  # nothing, or only a comment
    if text[0] in "'\"":
        value, rest = _quoted(text)
        return value if value is not _NO and _ends(rest) else _NO
    cut = text.find(" #")
    plain = (text if cut < 0 else text[:cut]).rstrip(" ")
    if text[0] in _INDICATORS or ": " in plain or plain.endswith(":"):
        return _NO
    return _typed(plain)


def _typed(plain: str) -> Any:
    """A plain scalar's value: text, or the few typed values built here exactly as PyYAML builds them."""
    if plain[0] in _NUMERIC:  # a number or a date, or text that only looks like one (`0o12`, `1e5`)
        return _number(plain)
    if not _resolved(plain):
        return plain
    if plain in _NULLS:
        return None
    if plain in _BOOLS:
        return _BOOLS[plain]
    return _NO  # `yes`, `on`, `=`, `<<`: the strict reader's


def _number(plain: str) -> Any:
    """A decimal integer or a date, built as PyYAML builds them; _NO for any other plain scalar that
    reads as a number in some YAML (floats, octals, `1_000`, sexagesimals, timestamps, `0o12`, `1e5`).
    Text that starts with a digit (`10x-faster`) is text."""
    if _INT.fullmatch(plain):
        try:
            return int(plain)
        except ValueError:  # more digits than Python converts: the strict reader says so, located
            return _NO
    if _DATE.fullmatch(plain):
        try:
            return dt.date(int(plain[:4]), int(plain[5:7]), int(plain[8:]))
        except ValueError:  # 2025-13-45: the strict reader's located error
            return _NO
    if _resolved(plain) or _NUMBERISH.fullmatch(plain):
        return _NO
    return plain  # `10x-faster`: text to PyYAML, and no number in any YAML


def _quoted(text: str) -> tuple[Any, str]:
    """A quoted scalar at the start of `text` and what follows it; _NO when it is not closed on
    this line or holds an escape (`\\` in double quotes)."""
    quote = text[0]
    if quote == '"':
        close = text.find('"', 1)
        if close < 0 or "\\" in text[1:close]:
            return _NO, ""
        return text[1:close], text[close + 1 :]
    at = 1
    while True:
        close = text.find("'", at)
        if close < 0:
            return _NO, ""
        if text[close + 1 : close + 2] != "'":
            return text[1:close].replace("''", "'"), text[close + 1 :]
        at = close + 2


def _ends(rest: str) -> bool:
    """What follows a value on its line is nothing, or spaces and a comment."""
    stripped = rest.lstrip(" ")
    return not stripped or (stripped[0] == "#" and stripped != rest)


def _flow(text: str) -> Any:
    """A flow list of scalars on one line, `[a, 'b c', "d"]`; _NO for anything else."""
    items: list[Any] = []
    at = 1
    while True:
        while text[at : at + 1] == " ":
            at += 1
        if text[at : at + 1] == "]" and not items:
            return items if _ends(text[at + 1 :]) else _NO
        if text[at : at + 1] in ("'", '"'):
            value, rest = _quoted(text[at:])
            if value is _NO:
                return _NO
            at = len(text) - len(rest)
        else:
            stop = min((i for i in (text.find(",", at), text.find("]", at)) if i >= 0), default=-1)
            plain = text[at:stop].rstrip(" ") if stop >= 0 else ""
            if not plain or plain[0] in _INDICATORS or any(c in _FLOW_PLAIN_ODD for c in plain):
                return _NO
            value, at = _typed(plain), stop
            if value is _NO:
                return _NO
        while text[at : at + 1] == " ":
            at += 1
        items.append(value)
        sign = text[at : at + 1]
        if sign == "]":
            return items if _ends(text[at + 1 :]) else _NO
        if sign != ",":
            return _NO
        at += 1
        while text[at : at + 1] == " ":
            at += 1
        if text[at : at + 1] == "]":  # a trailing comma: the strict reader's
            return _NO
