"""Read YAML front matter strictly, and edit single keys without touching any other byte.

python-frontmatter re-serialises the whole document when it writes (sorted keys, lost comments and
quoting, CRLF folded to LF, BOM mishandled), so contentkit reads the YAML itself with PyYAML and writes
by splicing text: the composed node marks say exactly where each key and value stand.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from contentkit.base import codes, lines
from contentkit.base.errors import SeedError
from contentkit.markdown import (
    tomlfront,  # only for TOML front matter
    yamlread,
)

BOM = "\ufeff"
NONE = "none"  # Document.format of a file without front matter
_OPEN = re.compile(r"---[ \t]*(?:\r\n|\r|\n)")  # a line ends at CRLF, LF or a lone CR (contentkit.base.lines)
_CLOSE = re.compile(r"(?<=[\r\n])(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|\Z)")
_OPEN_TOML = re.compile(r"\+\+\+[ \t]*(?:\r\n|\r|\n)")  # TOML front matter, as Hugo writes it
_CLOSE_TOML = re.compile(r"(?<=[\r\n])\+\+\+[ \t]*(?:\r\n|\r|\n|\Z)")
_FENCE_LINE = re.compile(r"(?m)^---[ \t]*\r?$")
_KEY = re.compile(r"[A-Za-z0-9_-]+[ \t]*:(?:[ \t].*)?")  # `key: value`, `key:`
_YAML_LINE = re.compile(r"[ \t]*#.*|[ \t]+\S.*|[ \t]*")  # a comment, an indented line, a blank one
_NOT_PRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_Loader = yamlread.Loader
compose = yamlread.compose


@dataclass(frozen=True)
class Span:
    """Where one top-level key and its value stand, as character offsets in the YAML text.

    `end` is where the value's own text ends: a block scalar's or block collection's trailing blank
    lines (which YAML counts as the value's) are left out, so an edit keeps them.
    """

    key: int
    start: int
    end: int
    style: str  # '' plain, "'" or '"' quoted, '|' '>' block scalars, '[' flow, '-' block collections


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
    format: str = "yaml"  # or "toml": `+++` fences; or "none": no front matter at all (a bare file)

    @property
    def bare(self) -> bool:  # no front matter at all: `meta` is empty, the body is the whole text
        return self.format == NONE

    @cached_property
    def spans(self) -> dict[str, Span]:
        """Where each top-level key stands; worked out only when an edit or a diagnostic needs it."""
        if self.format == "toml":
            return {k: Span(*v) for k, v in tomlfront.spans(self.yaml_text).items()}
        return _spans(self.node, self.yaml_text) if isinstance(self.node, yaml.MappingNode) else {}

    @property
    def yaml_text(self) -> str:
        """The front matter's text between its fences (YAML, or TOML when `format` says so)."""
        return self.text[self.yaml_start : self.yaml_end]

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    @property
    def yaml_line(self) -> int:
        """1-based file line of the first YAML line."""
        return lines.line_at(self.text, self.yaml_start) + 1

    @property
    def body_line(self) -> int:
        """0-based file line where the body starts."""
        return lines.line_at(self.text, self.body_start)

    @property
    def newline(self) -> str:
        return newline_of(self.text)

    def at(self, yaml_offset: int) -> tuple[int, int]:
        """1-based file line and column of an offset in the YAML text."""
        line, col = lines.position(self.yaml_text, yaml_offset)
        return self.yaml_line + line, col + 1

    def key_line(self, key: str) -> int | None:
        """1-based file line of a top-level key, if present."""
        span = self.spans.get(key)
        return None if span is None else self.at(span.key)[0]

    def encode(self) -> bytes:
        return ((BOM if self.bom else "") + self.text).encode("utf-8")


newline_of = lines.newline_of


def decode(data: bytes, path: Path | None = None) -> tuple[str, bool]:
    """Bytes to text; a BOM is remembered, not kept in the text."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SeedError("file is not valid UTF-8", path, line, col, code=codes.NOT_UTF8) from None
    if text.startswith(BOM):
        return text[1:], True
    return text, False


def parse(data: bytes | str, path: Path | None = None) -> Document:
    """Split and load a file's front matter (YAML between `---` lines, or TOML between `+++` lines).
    Raises SeedError, located, on anything malformed."""
    text, bom = decode(data, path) if isinstance(data, bytes) else (data.removeprefix(BOM), False)
    if not text.strip():
        raise SeedError("file is empty", path, 1, 1, code=codes.EMPTY)
    found = fences(text)
    if found is None and (has_front_matter(text) or _unopened(text) is not None):
        raise _not_split(text, path)
    if found is None:  # a bare file: no front matter at all, the whole text is its body
        return Document(path, text, bom, 0, 0, 0, {}, None, NONE)
    start, end, body_start = found
    if _OPEN_TOML.match(text):
        meta = tomlfront.load(text[start:end], path, 2)
        return Document(path, text, bom, start, end, body_start, meta, None, "toml")
    meta, node = compose(text[start:end], path, 2)
    return Document(path, text, bom, start, end, body_start, meta, node)


def _not_split(text: str, path: Path | None) -> SeedError:
    """Why a file has no front matter to read: none, one never closed, or one never opened."""
    if _OPEN.match(text) is not None:
        message = "unterminated front matter: no closing '---' line"
        return SeedError(message, path, 1, 1, code=codes.UNTERMINATED)
    if _OPEN_TOML.match(text) is not None:
        message = "unterminated front matter: no closing '+++' line"
        return SeedError(message, path, 1, 1, code=codes.UNTERMINATED)
    message = "no front matter: the file must start with a '---' line"
    closing = _unopened(text)
    if closing is not None:
        message += f" (line {closing} closes front matter that was never opened: add '---' as line 1)"
    return SeedError(message, path, 1, 1, code=codes.NO_FRONT_MATTER)


def _unopened(text: str) -> int | None:
    """The 1-based line of a `---` line that follows only `key: value` lines (and comments, list
    items, blank lines): front matter missing its opening fence. None when there is no such line."""
    fence = _FENCE_LINE.search(text)
    if fence is None or fence.start() == 0:
        return None
    above = [lines.strip_ending(line) for line in lines.split(text[: fence.start()])]
    if not all(_KEY.fullmatch(line) or _YAML_LINE.fullmatch(line) for line in above):
        return None
    return len(above) + 1 if any(_KEY.fullmatch(line) for line in above) else None


def has_front_matter(text: str) -> bool:
    """Whether a text (without its BOM) opens with a front matter fence, `---` or `+++`."""
    return _OPEN.match(text) is not None or _OPEN_TOML.match(text) is not None


# --- splitting: the one place a file is split into front matter and body ------------------


def fences(text: str) -> tuple[int, int, int] | None:
    """(front matter start, end, body start) offsets of a text (without its BOM) that opens with a
    `---` line and has a closing `---` or `...` line, or opens and closes with `+++` lines (TOML);
    None when it has no such front matter."""
    opening = _OPEN.match(text)
    close = _CLOSE
    if opening is None:
        opening, close = _OPEN_TOML.match(text), _CLOSE_TOML
    closing = None if opening is None else close.search(text, opening.end())
    if opening is None or closing is None:
        return None
    return opening.end(), closing.start(), closing.end()


def body_offset(text: str) -> int:
    """Where the body starts: after the closing fence; 0 when there is no (closed) front matter."""
    found = fences(text)
    return 0 if found is None else found[2]


def body_of(text: str) -> str:
    """The text after the front matter: all of it when there is none, or it is never closed."""
    return text[body_offset(text) :]


def body_line(text: str) -> int:
    """0-based number of the first line after the closing fence (0 when there is no front matter),
    lines counted as contentkit.base.lines counts them."""
    found = fences(text)
    return 0 if found is None else lines.line_at(text, found[1]) + 1


def _style(value: yaml.Node) -> str:
    if isinstance(value, yaml.ScalarNode):
        return value.style or ""
    return "[" if getattr(value, "flow_style", False) else "-"


def _spans(node: yaml.MappingNode, yaml_text: str) -> dict[str, Span]:
    spans: dict[str, Span] = {}
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            continue
        style = _style(value)
        start, end = value.start_mark.index, value.end_mark.index
        if style in ("|", ">", "-"):  # the value ends with its last non-blank line, not after it
            end = start + len(yaml_text[start:end].rstrip())
            end = lines.end_of_line(yaml_text, end)[0] if yaml_text[end:end + 1] in (" ", "\t") else end
        spans[str(key.value)] = Span(key.start_mark.index, start, end, style)
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

    An existing key's value text is replaced, exactly, keeping its quoting style when it is quoted;
    a new key goes on a line of its own right after the line where the key that `after` names for it
    ends (whatever that value's style), else at the end of the front matter, with that line's own
    line ending. The result is parsed again and must differ from the original in exactly these keys.
    """
    old = doc.yaml_text
    edits: list[tuple[int, int, str]] = []  # (start, end, new text) in the YAML text
    for key, value in changes.items():
        span = doc.spans.get(key)
        if span is None:
            at, newline = _insert_at(doc, (after or {}).get(key))
            edits.append((at, at, _assignment(doc, key, value) + newline))
        elif doc.format == "toml":
            edits.append((span.start, span.end, _toml().string(value, span.style)))
        else:
            edits.append((span.start, span.end, _value_text(old, span, value)))
    pieces: list[str] = []
    done = 0
    for start, end, new in sorted(edits, key=lambda edit: edit[0]):  # stable: inserts keep their order
        pieces += [old[done:start], new]
        done = max(done, end)
    text = doc.text[: doc.yaml_start] + "".join(pieces) + old[done:] + doc.text[doc.yaml_end :]
    _verify(doc, text, changes)
    return text


def remove_key(doc: Document, key: str) -> str:
    """Return the file text without `key`: the lines from the key's through the end of its value,
    every other byte unchanged (a missing key changes nothing). Verified like set_keys."""
    span = doc.spans.get(key)
    if span is None:
        return doc.text
    old = doc.yaml_text
    start = lines.line_start(old, span.key)
    after = lines.end_of_line(old, span.end)[1]
    if old[start : span.key].strip():  # not a key at the start of its own line: leave it to the writer
        raise SeedError(f"cannot safely remove {key} from this front matter; edit it by hand", doc.path, 1, 1)
    text = doc.text[: doc.yaml_start] + old[:start] + old[after:] + doc.text[doc.yaml_end :]
    expected = {k: v for k, v in doc.meta.items() if k != key}
    try:
        got = parse(text, doc.path).meta
    except SeedError:
        got = None
    if got != expected:
        raise SeedError(f"cannot safely remove {key} from this front matter; edit it by hand", doc.path, 1, 1)
    return text


def _toml() -> Any:
    return tomlfront


def _assignment(doc: Document, key: str, value: str | list[str]) -> str:
    """A new key's line (without its line ending), in the front matter's own syntax."""
    if doc.format == "toml":
        toml = _toml()
        text = toml.array(value) if isinstance(value, list) else toml.string(value)
        return f"{toml.key(key)} = {text}"
    return f"{key}: {scalar(value)}" if isinstance(value, str) else f"{key}:"


def _value_text(yaml_text: str, span: Span, value: str) -> str:
    new = scalar(value, span.style if span.style in ("'", '"') else "")
    if span.start == span.end and yaml_text[span.start - 1 : span.start] == ":":
        return " " + new  # an empty value: `key:` or `key:   # comment`
    return new


def _insert_at(doc: Document, sibling: str | None) -> tuple[int, str]:
    """Where a new key's line goes (an offset in the YAML text), and the line ending it takes."""
    span = doc.spans.get(sibling) if sibling else None
    text = doc.yaml_text
    if span is None and doc.format == "toml":  # after the last top-level key, before any [table]
        ends = [lines.end_of_line(text, other.end) for other in doc.spans.values()]
        at = max((after for _, after in ends), default=_toml().top_end(text))
        if ends and at == len(text) and not text.endswith(("\n", "\r")):
            return at, doc.newline  # the last key's line has no ending: impossible between fences
        return at, lines.newline_of(text) if text else doc.newline
    if span is None:
        return len(text), lines.newline_of(text) if text else doc.newline
    ending, after = lines.end_of_line(text, span.end)
    return after, text[ending:after] or doc.newline


def _verify(doc: Document, text: str, changes: Mapping[str, Any]) -> None:
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


def set_list(doc: Document, key: str, items: list[str], after: str | None = None) -> str:
    """Return the file text with `key` set to a list of strings, every other byte unchanged.

    A block list gets the new items appended as lines in its own indentation; a flow list (`[a]`) is
    rewritten in place; a plain or quoted value (or an empty one) becomes a block list under the key,
    keeping any comment on the key's line. A missing key is inserted after `after`. Verified like set_keys.
    """
    old = doc.yaml_text
    span, node = doc.spans.get(key), _value_node(doc, key)
    if doc.format == "toml":
        if span is None:
            at, newline = _insert_at(doc, after)
            new = old[:at] + _assignment(doc, key, items) + newline + old[at:]
        else:
            new = old[: span.start] + _toml().array(items) + old[span.end :]
    elif span is None or node is None:
        at, newline = _insert_at(doc, after)
        new = old[:at] + f"{key}:{newline}" + _items(items, "  ", newline) + old[at:]
    elif isinstance(node, yaml.SequenceNode) and not node.flow_style and _prefix(node, items):
        new = _appended(old, node, items[len(node.value) :], doc.newline)
    elif isinstance(node, yaml.SequenceNode) and node.flow_style:
        new = old[: span.start] + "[" + ", ".join(map(_flow_item, items)) + "]" + old[span.end :]
    else:
        ending, after_line = lines.end_of_line(old, span.end)
        newline = old[ending:after_line] or doc.newline
        head = old[: span.start].rstrip(" \t")
        if isinstance(node, yaml.SequenceNode) and head.endswith(("\n", "\r")):  # a block list, rewritten
            indent = old[lines.line_start(old, span.start) : span.start]
            tail = old[span.end : ending]  # a comment after the last item stays on the last line
            new = head + _items(items, indent, newline)[: -len(newline)] + tail + newline + old[after_line:]
        else:
            new = head + old[span.end : ending] + newline + _items(items, "  ", newline) + old[after_line:]
    text = doc.text[: doc.yaml_start] + new + doc.text[doc.yaml_end :]
    _verify(doc, text, {key: items})
    return text


def _items(items: list[str], indent: str, newline: str) -> str:
    return "".join(f"{indent}- {scalar(item)}{newline}" for item in items)


def _value_node(doc: Document, key: str) -> Any:
    if not isinstance(doc.node, yaml.MappingNode):
        return None
    return next((v for k, v in doc.node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)


def _prefix(node: yaml.SequenceNode, items: list[str]) -> bool:
    old = [n.value if isinstance(n, yaml.ScalarNode) else None for n in node.value]
    return bool(old) and old == items[: len(old)]


def _appended(text: str, node: yaml.SequenceNode, new: list[str], default: str) -> str:
    """`text` with new `- item` lines after the list's last item, indented like its first."""
    first_at = node.value[0].start_mark.index
    start = lines.line_start(text, first_at)
    dash = text.rfind("-", start, first_at)
    indent = text[start : max(dash, start)]
    ending, after_line = lines.end_of_line(text, node.value[-1].end_mark.index)
    newline = text[ending:after_line]
    if not newline:  # the last item ends the text without a line ending
        return text + default + _items(new, indent, default)
    return text[:after_line] + _items(new, indent, newline) + text[after_line:]


def _flow_item(value: str) -> str:
    text = scalar(value)
    return double_quoted(value) if any(c in text for c in ",[]{}") else text
