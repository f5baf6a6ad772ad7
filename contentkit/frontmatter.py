"""Read YAML front matter strictly, and edit single keys without touching any other byte.

python-frontmatter re-serialises the whole document when it writes (sorted keys, lost comments and
quoting, CRLF folded to LF, BOM mishandled), so contentkit reads the YAML itself with PyYAML and writes
by splicing text: the composed node marks say exactly where each key and value stand.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from contentkit.errors import SeedError

BOM = "\ufeff"
_OPEN = re.compile(r"---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.MULTILINE)
_NOT_PRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Span:
    """Where one top-level key and its value stand, as 0-based (line, col) in the YAML text."""

    key_line: int
    key_col: int
    start: tuple[int, int]
    end: tuple[int, int]
    style: str  # '' plain, "'" or '"' quoted, '|' '>' block, '[' '{' flow collections


@dataclass(frozen=True)
class Document:
    """A decoded Markdown file split into front matter and body. Offsets index `text`."""

    path: Path | None
    text: str  # decoded, without the BOM
    bom: bool
    yaml_start: int
    yaml_end: int
    body_start: int
    meta: dict[str, Any]
    node: Any = field(default=None, repr=False, compare=False)  # the composed YAML mapping

    @cached_property
    def spans(self) -> dict[str, Span]:
        """Where each top-level key stands; worked out only when an edit or a diagnostic needs it."""
        return _spans(self.node) if isinstance(self.node, yaml.MappingNode) else {}

    @property
    def yaml_text(self) -> str:
        return self.text[self.yaml_start : self.yaml_end]

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    @property
    def yaml_line(self) -> int:
        """1-based file line of the first YAML line."""
        return self.text.count("\n", 0, self.yaml_start) + 1

    @property
    def body_line(self) -> int:
        """0-based file line where the body starts."""
        return self.text.count("\n", 0, self.body_start)

    @property
    def newline(self) -> str:
        return newline_of(self.text)

    def key_line(self, key: str) -> int | None:
        """1-based file line of a top-level key, if present."""
        span = self.spans.get(key)
        return None if span is None else self.yaml_line + span.key_line

    def encode(self) -> bytes:
        return ((BOM if self.bom else "") + self.text).encode("utf-8")


def newline_of(text: str) -> str:
    """The file's own line ending: that of its first line."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def decode(data: bytes, path: Path | None = None) -> tuple[str, bool]:
    """Bytes to text; a BOM is remembered, not kept in the text."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SeedError("file is not valid UTF-8", path, line, col) from None
    if text.startswith(BOM):
        return text[1:], True
    return text, False


def parse(data: bytes | str, path: Path | None = None) -> Document:
    """Split and load a file's front matter. Raises SeedError, located, on anything malformed."""
    text, bom = decode(data, path) if isinstance(data, bytes) else (data.removeprefix(BOM), False)
    if not text.strip():
        raise SeedError("file is empty", path, 1, 1)
    opening = _OPEN.match(text)
    if opening is None:
        raise SeedError("no front matter: the file must start with a '---' line", path, 1, 1)
    closing = _CLOSE.search(text, opening.end())
    if closing is None:
        raise SeedError("unterminated front matter: no closing '---' line", path, 1, 1)
    start, end = opening.end(), closing.start()
    meta, node = compose(text[start:end], path, text.count("\n", 0, start) + 1)
    return Document(path, text, bom, start, end, closing.end(), meta, node)


def compose(yaml_text: str, path: Path | None = None, first_line: int = 1) -> tuple[dict[str, Any], Any]:
    """The loaded mapping and its composed node (for key positions), or a located SeedError."""
    if "&" in yaml_text or "*" in yaml_text:
        _refuse_aliases(yaml_text, path, first_line)
    if _nesting_bound(yaml_text) > MAX_DEPTH:
        _refuse_deep_nesting(yaml_text, path, first_line)
    line, col = first_line, 1
    loader = _Loader(yaml_text)
    node: yaml.Node | None = None
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, None
        if not isinstance(node, yaml.MappingNode):
            line, col = first_line + node.start_mark.line, node.start_mark.column + 1
            raise SeedError("front matter is not a mapping of keys to values", path, line, col)
        _refuse_duplicates(node, path, first_line)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if mark is not None:
            line, col = first_line + mark.line, mark.column + 1
        problem = " ".join(p for p in (exc.context, exc.problem) if p)
        raise SeedError(f"invalid YAML: {problem}", path, line, col) from None
    except yaml.reader.ReaderError:
        line, col, problem = _unprintable(yaml_text, first_line)
        raise SeedError(f"invalid YAML: {problem}", path, line, col) from None
    except yaml.YAMLError as exc:
        raise SeedError(f"invalid YAML: {exc}", path, first_line, 1) from None
    except (ValueError, OverflowError) as exc:  # YAML-valid scalars Python cannot build: 2025-13-45
        line, col = _unbuildable_at(node, first_line)
        raise SeedError(f"invalid YAML value: {exc}", path, line, col) from None
    except RecursionError:
        raise SeedError("front matter is nested too deeply", path, first_line, 1) from None
    finally:
        loader.dispose()
    return data, node


def _unprintable(yaml_text: str, first_line: int) -> tuple[int, int, str]:
    """File line, column and description of the first character YAML refuses to read."""
    found = yaml.reader.Reader.NON_PRINTABLE.search(yaml_text)
    if found is None:
        return first_line, 1, "unreadable character"
    start = found.start()
    line = first_line + yaml_text.count("\n", 0, start)
    col = start - (yaml_text.rfind("\n", 0, start) + 1) + 1
    return line, col, f"control character #x{ord(found.group()):04x} is not allowed"


def _unbuildable_at(node: yaml.Node | None, first_line: int) -> tuple[int, int]:
    """File line and column of the first scalar that YAML accepts but Python cannot build."""
    constructor = yaml.constructor.SafeConstructor()
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.ScalarNode):
            try:
                constructor.construct_object(current)
            except (ValueError, OverflowError):
                return first_line + current.start_mark.line, current.start_mark.column + 1
        elif isinstance(current, yaml.MappingNode):
            stack.extend(n for pair in reversed(current.value) for n in reversed(pair))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(reversed(current.value))
    return first_line, 1


MAX_DEPTH = 100  # front matter nests a few levels; libyaml's composer overflows the C stack near 50,000


def _nesting_bound(yaml_text: str) -> int:
    """An upper bound on nesting depth: every collection needs one of these indicator characters."""
    return sum(yaml_text.count(c) for c in "[{-?:")


def _refuse_deep_nesting(yaml_text: str, path: Path | None, first_line: int) -> None:
    """Count the real depth from parser events (no recursion) before anything is composed."""
    depth = 0
    try:
        for event in yaml.parse(yaml_text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    line, col = (mark.line, mark.column) if mark is not None else (0, 0)
                    message = f"front matter is nested more than {MAX_DEPTH} levels deep"
                    raise SeedError(message, path, first_line + line, col + 1)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return  # the loader reports malformed YAML with its own location


def _refuse_aliases(yaml_text: str, path: Path | None, first_line: int) -> None:
    """Anchors and aliases are refused before anything is built, so alias bombs cost nothing."""
    try:
        for event in yaml.parse(yaml_text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                line, col = event.start_mark.line, event.start_mark.column  # type: ignore[union-attr]
                message = "YAML anchors and aliases are not allowed in front matter"
                raise SeedError(message, path, first_line + line, col + 1)
    except yaml.YAMLError:
        return  # the loader reports malformed YAML with its own location


def _refuse_duplicates(node: yaml.Node, path: Path | None, first_line: int) -> None:
    """A key that appears twice in any mapping is an error at its second place (YAML keeps the last)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
            continue
        if not isinstance(current, yaml.MappingNode):
            continue
        seen: set[Any] = set()
        for key, value in current.value:
            ident = (key.tag, key.value) if isinstance(key, yaml.ScalarNode) else id(key)
            if ident in seen:
                line, col = first_line + key.start_mark.line, key.start_mark.column + 1
                raise SeedError(f"duplicate key '{key.value}'", path, line, col)
            seen.add(ident)
            if not isinstance(value, yaml.ScalarNode):
                stack.append(value)


def _spans(node: yaml.MappingNode) -> dict[str, Span]:
    spans: dict[str, Span] = {}
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        style = value.style if isinstance(value, yaml.ScalarNode) else None
        if not isinstance(value, yaml.ScalarNode):
            style = "[" if value.flow_style else ""
        spans[str(key.value)] = Span(
            key.start_mark.line,
            key.start_mark.column,
            (value.start_mark.line, value.start_mark.column),
            (value.end_mark.line, value.end_mark.column),
            style or "",
        )
    return spans


# --- writing -------------------------------------------------------------------------------


def scalar(value: str, style: str = "") -> str:
    """A YAML scalar for `value`, in the given quoting style when that can carry it."""
    if style == "'" and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    if style in ("", "plain") and _plain_ok(value):
        return value
    return double_quoted(value)


def double_quoted(value: str) -> str:
    """A YAML double-quoted scalar; characters YAML may not carry raw are escaped."""
    quoted = json.dumps(value, ensure_ascii=False)  # JSON strings are YAML double-quoted scalars
    return _NOT_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _plain_ok(value: str) -> bool:
    if not value or value != value.strip() or "\n" in value or " #" in value or ": " in value:
        return False
    try:
        return bool(yaml.load(f"k: {value}\n", Loader=_Loader) == {"k": value})
    except yaml.YAMLError:
        return False


def dump_mapping(items: dict[str, str], newline: str = "\n") -> str:
    """Front matter block for a new file: `---`, one `key: scalar` line each, `---`."""
    lines = ["---", *(f"{key}: {scalar(value)}" for key, value in items.items()), "---"]
    return newline.join(lines) + newline


def set_keys(doc: Document, changes: dict[str, str], after: dict[str, str] | None = None) -> str:
    """Return the file text with each key set to a string value, every other byte unchanged.

    Existing keys keep their position and quoting style; a new key is inserted after the key that
    `after` names for it (when present), else at the end of the front matter. The result is parsed
    again and must differ from the original in exactly these keys.
    """
    lines = doc.yaml_text.splitlines(keepends=True)
    newline = doc.newline
    inserts: list[tuple[int, str]] = []
    for key, value in changes.items():
        span = doc.spans.get(key)
        if span is None:
            inserts.append((_insert_at(doc, lines, (after or {}).get(key)), f"{key}: {scalar(value)}"))
        else:
            _replace_value(lines, span, value)
    for at, line in sorted(inserts, key=lambda item: item[0], reverse=True):
        lines.insert(at, line + newline)
    new_yaml = "".join(lines)
    text = doc.text[: doc.yaml_start] + new_yaml + doc.text[doc.yaml_end :]
    _verify(doc, text, changes)
    return text


def _replace_value(lines: list[str], span: Span, value: str) -> None:
    (sl, sc), (el, ec) = span.start, span.end
    style = span.style if span.style in ("'", '"') else ""
    new = scalar(value, style)
    if (sl, sc) == (el, ec):  # an empty value: `key:` or `key:   # comment`
        new = " " + new
    if el > sl and ec == 0:  # a block value ends at the start of the next line
        el, ec = el - 1, len(lines[el - 1].rstrip("\r\n"))
    first, last = lines[sl], lines[el]
    lines[sl : el + 1] = [first[:sc] + new + last[ec:]]


def _insert_at(doc: Document, lines: list[str], sibling: str | None) -> int:
    span = doc.spans.get(sibling) if sibling else None
    if span is None:
        return len(lines)
    el, ec = span.end
    return el if ec == 0 and el > span.start[0] else el + 1


def _verify(doc: Document, text: str, changes: dict[str, str]) -> None:
    """The splice must change exactly the asked-for keys: a guard against damaging a file."""
    expected = {**doc.meta, **changes}
    try:
        got = parse(text, doc.path).meta
    except SeedError:
        got = None
    if got != expected:
        keys = ", ".join(changes)
        raise SeedError(
            f"cannot safely set {keys} in this front matter; edit it by hand", doc.path, 1, 1
        )


def replace_in_line(text: str, line: int, old: str, new: str) -> str:
    """Replace the first `old` on one 0-based line of `text`, keeping its line ending."""
    start = 0
    for _ in range(line):
        start = text.index("\n", start) + 1
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    segment = text[start:end]
    if old not in segment:
        return text
    return text[:start] + segment.replace(old, new, 1) + text[end:]
