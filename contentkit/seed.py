"""A seed file -> Seed: front matter plus body sections, read from markdown-it-py's token stream."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from contentkit import frontmatter
from contentkit.files import real
from contentkit.lines import split as split_lines

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# The parsed parts are NamedTuples (read-only, compared by value, like frozen dataclasses): defining
# one costs a tenth of a dataclass, and `validate` imports this module on every commit.


class Item(NamedTuple):
    """One list item: its inline Markdown, 0-based file line, nesting depth and list number."""

    text: str
    line: int
    depth: int
    number: int | None = None


class Section(NamedTuple):
    heading: str
    slug: str
    kind: str | None
    line: int  # 0-based file line of the heading
    markdown: str  # the section's source, exactly as written, without the heading
    paragraphs: tuple[str, ...] = ()
    items: tuple[Item, ...] = ()


class Angle(NamedTuple):
    title: str
    description: str


class Task(NamedTuple):
    text: str
    done: bool
    line: int  # 0-based file line


@dataclass(frozen=True)
class Seed:
    path: Path
    rel: str  # repo-relative POSIX path
    doc: frontmatter.Document
    title: str
    sections: dict[str, Section] = field(default_factory=dict)

    @property
    def meta(self) -> dict[str, Any]:
        return self.doc.meta

    @property
    def stem(self) -> str:
        return self.path.stem

    def get(self, key: str) -> str:
        """A front matter value as text ('' when absent)."""
        return text_of(self.meta.get(key))

    @property
    def status(self) -> str:
        return self.get("status")

    @property
    def created(self) -> str:
        return self.get("created")

    def section(self, kind: str) -> Section | None:
        return next((s for s in self.sections.values() if s.kind == kind), None)

    @property
    def core_idea(self) -> str:
        section = self.section("core_idea")
        return "\n\n".join(section.paragraphs) if section else ""

    @property
    def key_points(self) -> list[str]:
        section = self.section("key_points")
        return [item.text for item in section.items] if section else []

    @property
    def key_points_markdown(self) -> str:
        section = self.section("key_points")
        return section.markdown if section else ""

    @property
    def angles(self) -> list[Angle]:
        section = self.section("angles")
        return [parse_angle(text) for text in _entries(section)]

    @property
    def hooks(self) -> list[str]:
        section = self.section("hooks")
        return [unquote(text) for text in _entries(section)]

    @property
    def themes(self) -> list[str]:
        section = self.section("themes")
        return list(_entries(section))

    @property
    def next_steps(self) -> list[Task]:
        return tasks_of(self.section("next_steps"))


def text_of(value: Any) -> str:
    """Front matter values as the text a writer means: timestamps back in ISO 8601."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None and value.utcoffset() == dt.timedelta(0):
            return value.replace(tzinfo=None).isoformat() + "Z"
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# --- section names ---------------------------------------------------------------------------

# Loose, case-insensitive heading matches: the first keyword found in a heading names its kind.
SECTION_KINDS: tuple[tuple[str, str], ...] = (
    ("core idea", "core_idea"),
    ("key point", "key_points"),
    ("hook", "hooks"),
    ("angle", "angles"),
    ("theme", "themes"),
    ("next step", "next_steps"),
)

_TASK = re.compile(r"^\[([ xX])\]\s+(.*)$", re.DOTALL)
_ANGLE_BOLD = re.compile(r"^\*\*(.+?)\*\*\s*(?:[-–—:]\s*)?(.*)$", re.DOTALL)
_ANGLE_PLAIN = re.compile(r"^(.+?)\s+[-–—]\s+(.*)$", re.DOTALL)
_QUOTES = (('"', '"'), ("“", "”"), ("'", "'"), ("‘", "’"))


@lru_cache(maxsize=1024)  # headings repeat from seed to seed
def kind_of(heading: str) -> str | None:
    name = " ".join(re.sub(r"[^\w\s]", " ", heading.lower()).split())
    return next((kind for keyword, kind in SECTION_KINDS if keyword in name), None)


@lru_cache(maxsize=1024)
def slugify(text: str, sep: str = "_", fallback: str = "section") -> str:
    """Letters and digits of any script, NFKC-normalised and lower-cased, joined by `sep`."""
    words = re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", text).lower())
    return sep.join(words) or fallback


def unquote(text: str) -> str:
    text = text.strip()
    for left, right in _QUOTES:
        if len(text) >= 2 and text.startswith(left) and text.endswith(right):
            return text[len(left) : -len(right)].strip()
    return text


def parse_angle(text: str) -> Angle:
    """`**"Title"** - description` (or `**Title**: description`, or `Title - description`)."""
    match = _ANGLE_BOLD.match(text) or _ANGLE_PLAIN.match(text)
    if not match:
        return Angle(unquote(text), "")
    title = unquote(match.group(1).strip().rstrip(":").strip())
    return Angle(title, match.group(2).strip())


def tasks_of(section: Section | None) -> list[Task]:
    """The `- [ ]` / `- [x]` items of a section, at any depth."""
    tasks = []
    for item in section.items if section else ():
        match = _TASK.match(item.text)
        if match:
            tasks.append(Task(match.group(2).strip(), match.group(1) != " ", item.line))
    return tasks


def _entries(section: Section | None) -> tuple[str, ...]:
    """Top-level list items of a section, or its paragraphs when it has no list."""
    if section is None:
        return ()
    items = tuple(item.text for item in section.items if item.depth == 1)
    return items or section.paragraphs


# --- parsing -----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    """CommonMark, block rules only: the walk reads block tokens' content, never inline children."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").disable(["inline", "text_join"])


def load(path: Path, root: Path) -> Seed:
    """Read and parse one seed file. Raises SeedError (located) when it cannot be read."""
    return parse(read(path, root), path, root)


def read(path: Path, root: Path) -> bytes:
    """A seed file's bytes. Raises SeedError (located) when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        from contentkit.errors import SeedError

        raise SeedError(f"cannot read file: {exc.strerror}", relative(path, root)) from None


def parse(data: bytes | str, path: Path, root: Path, rel: str | None = None) -> Seed:
    """`rel` may be given when the caller already knows `relative(path, root)` (it saves a resolve)."""
    rel = relative(path, root) if rel is None else rel
    doc = frontmatter.parse(data, Path(rel))
    title, sections = parse_body(doc.body, doc.body_line)
    title = title or text_of(doc.meta.get("title")) or path.stem
    return Seed(path, rel, doc, title, sections)


def relative(path: Path, root: Path) -> str:
    try:
        return real(path).relative_to(real(root)).as_posix()
    except ValueError:
        return path.as_posix()


def parse_body(body: str, first_line: int = 0) -> tuple[str, dict[str, Section]]:
    """The first H1 is the title; every H2 opens a section that runs to the next H2 or H1."""
    tokens = block_tokens(body)
    lines = split_lines(body)  # as markdown-it numbers them: CRLF, LF or a lone CR
    title, starts = _headings(tokens)
    sections: dict[str, Section] = {}
    for n, (start, heading) in enumerate(starts):
        if tokens[start].tag == "h1":
            continue
        end = starts[n + 1][0] if n + 1 < len(starts) else len(tokens)
        section = _section(tokens, start, end, heading, lines, first_line)
        sections.setdefault(section.slug, section)
    return title, sections


def _headings(tokens: Sequence[BlockToken]) -> tuple[str, list[tuple[int, str]]]:
    """The title (an H1 before any H2), and every H1 and H2: (token index of heading_open, text)."""
    title = ""
    starts: list[tuple[int, str]] = []
    for i, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        text = tokens[i + 1].content.strip()
        if token.tag == "h1" and not title and not starts:
            title = text
        if token.tag in ("h1", "h2"):
            starts.append((i, text))
    return title, starts


class Outline(NamedTuple):  # not a dataclass: a tenth of the cost to define, at every import
    """The part of a seed that an index row shows, read without building every section."""

    rel: str
    meta: dict[str, Any]
    title: str
    next_steps: list[Task]


def outline(data: bytes | str, path: Path, root: Path, rel: str | None = None) -> Outline:
    """Like parse(), for the index: the same title, front matter and next steps, at less cost."""
    rel = relative(path, root) if rel is None else rel
    doc = frontmatter.parse(data, Path(rel))
    found = _quick_outline(doc.body, doc.body_line)
    if found is None:
        tokens = block_tokens(doc.body)
        title, starts = _headings(tokens)
        found = title, tasks_of(_first_section(tokens, starts, "next_steps", doc.body_line))
    title, tasks = found
    return Outline(rel, doc.meta, title or text_of(doc.meta.get("title")) or path.stem, tasks)


def _first_section(
    tokens: Sequence[BlockToken], starts: list[tuple[int, str]], kind: str, first_line: int
) -> Section | None:
    """The first section of a kind, as Seed.section() finds it (parse_body() keeps each slug once);
    its items and paragraphs, not its source text (`markdown` is left empty)."""
    n = _pick(tokens, starts, kind)
    if n is None:
        return None
    start, heading = starts[n]
    end = starts[n + 1][0] if n + 1 < len(starts) else len(tokens)
    return _section(tokens, start, end, heading, [], first_line)


def _pick(tokens: Sequence[BlockToken], starts: list[tuple[int, str]], kind: str) -> int | None:
    seen: set[str] = set()
    for n, (start, heading) in enumerate(starts):
        slug = slugify(heading)
        if tokens[start].tag == "h1" or slug in seen:
            continue
        seen.add(slug)
        if kind_of(heading) == kind:
            return n
    return None


def _section(
    tokens: Sequence[BlockToken], start: int, end: int, heading: str, lines: list[str], first_line: int
) -> Section:
    head_map = tokens[start].map or [0, 1]
    # the next block's first line; never tokens[end:], which would copy the rest once per section
    stop = next((m[0] for m in (tokens[i].map for i in range(end, len(tokens))) if m), len(lines))
    markdown = "".join(lines[head_map[1] : stop]).strip()
    paragraphs: list[str] = []
    items: list[Item] = []
    depth = 0
    pending: tuple[int, int | None] | None = None  # a list item waiting for its first text
    for token in tokens[start + 3 : end]:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type == "list_item_open":
            number = int(token.info) if token.info.isdigit() else None
            pending = ((token.map or [0])[0], number)
        elif token.type == "list_item_close":
            pending = None
        elif token.type == "inline" and pending is not None:
            items.append(Item(token.content.strip(), first_line + pending[0], depth, pending[1]))
            pending = None
        elif token.type == "inline" and depth == 0:
            paragraphs.append(token.content.strip())
    return Section(
        heading,
        slugify(heading),
        kind_of(heading),
        first_line + head_map[0],
        markdown,
        tuple(paragraphs),
        tuple(items),
    )


# --- block tokens ------------------------------------------------------------------------------
#
# markdown-it-py costs about a millisecond per seed, which is most of `contentkit index` on a cold
# repo. Seeds are mostly written in a small, regular part of Markdown: ATX headings, paragraphs,
# one-line `-`/`*`/`+`/`1.` list items, HTML comments. For a body that uses only that part,
# `_simple_tokens` produces the block tokens markdown-it would (the fields the walk above reads:
# type, tag, map, content, info) in a single pass over the lines. Anything else (indentation,
# fences, quotes, rules, setext headings, reference definitions, lazy continuation lines, tabs,
# unusual line breaks) makes it give up, and markdown-it parses the body. The two are compared on
# generated and real bodies in tests/test_seed_tokens.py.


class BlockToken(Protocol):
    """The part of a markdown-it block token that the walk reads."""

    @property
    def type(self) -> str: ...
    @property
    def tag(self) -> str: ...
    @property
    def map(self) -> list[int] | None: ...
    @property
    def content(self) -> str: ...
    @property
    def info(self) -> str: ...


class _Token(NamedTuple):
    type: str
    tag: str = ""
    map: list[int] | None = None
    content: str = ""
    info: str = ""


def block_tokens(body: str) -> Sequence[BlockToken]:
    """The body's block tokens: the simple scanner's when it can, else markdown-it's."""
    simple = _simple_tokens(body)
    if simple is not None:
        return simple
    tokens: Sequence[BlockToken] = _markdown().parse(body)
    return tokens


# Characters that make the scanner give up: markdown-it normalises CR and NUL, str.splitlines()
# (which _lines() must agree with) breaks at the others, tabs change indentation, `]:` may
# be a link reference definition, and str.strip() differs from markdown-it's trim only on \x1c-\x1f
# and \x85.
_GIVE_UP = "[\r\0\t\v\f\x1c-\x1f\x85\u2028\u2029]"
_GIVE_UP_ASCII = "\r\0\t\v\f\x1c\x1d\x1e\x1f"


def _gives_up(body: str) -> bool:
    if "]:" in body:
        return True
    if body.isascii():  # a few memchr() scans beat a regex search
        return any(char in body for char in _GIVE_UP_ASCII)
    return re.search(_GIVE_UP, body) is not None


_ORDERED_MARKER = re.compile(r"[0-9]{1,9}[.)]")

# Line kinds.
_BLANK, _PARAGRAPH, _HEADING, _BULLET, _ORDERED, _COMMENT, _OTHER = range(7)
# The characters a line can start with and be something other than paragraph text.
_SPECIAL = frozenset(" #-*+_=<>`~0123456789")


def _kind(line: str) -> int:
    """What a line at the start of a block is, within the scanner's part of Markdown."""
    if not line:
        return _BLANK
    first = line[0]
    if first not in _SPECIAL:
        return _PARAGRAPH
    if first == " ":
        return _OTHER if line.strip(" ") else _BLANK
    if first == "#":
        level = len(line) - len(line.lstrip("#"))
        return _HEADING if level <= 6 and (level == len(line) or line[level] == " ") else _PARAGRAPH
    if first in "-*+_=":
        if not line.replace(first, "").strip(" "):
            return _OTHER  # a thematic break, a setext underline or an empty item
        if first in "-*+" and line[1] == " ":
            return _BULLET if line[2] != " " else _OTHER
        return _PARAGRAPH  # `**bold**`, `+28 lines`, `_emphasis_`
    if first in "0123456789":
        marker = _ORDERED_MARKER.match(line)
        if marker is None:
            return _PARAGRAPH
        after = line[marker.end() : marker.end() + 2]
        if after[:1] not in ("", " "):
            return _PARAGRAPH  # `1.5 million`
        return _ORDERED if len(after) == 2 and after[1] != " " else _OTHER
    if first == ">":
        return _OTHER
    if first == "<":
        return _COMMENT if line.startswith("<!--") else _OTHER
    return _OTHER if line.startswith(("```", "~~~")) else _PARAGRAPH


# Tokens without a map or content are shared: the walk only reads them.
_new_token = tuple.__new__
_CLOSE_ITEM = _Token("list_item_close", "li")
_OPEN_LIST = {True: _Token("bullet_list_open", "ul"), False: _Token("ordered_list_open", "ol")}
_CLOSE_LIST = {True: _Token("bullet_list_close", "ul"), False: _Token("ordered_list_close", "ol")}
_HEADING_TAGS = ("", "h1", "h2", "h3", "h4", "h5", "h6")
_CLOSE_HEADING = [_Token("heading_close", tag) for tag in _HEADING_TAGS]


def _inline(text: str, map: list[int] | None = None) -> _Token:
    return _new_token(_Token, ("inline", "", map, text.strip(), ""))


def _item_open(i: int, info: str) -> _Token:
    return _new_token(_Token, ("list_item_open", "li", [i, i + 1], "", info))


class _Lists:
    """The open lists, outermost first: each one's indent, marker character and its items' text column."""

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.open: list[tuple[int, str, int]] = []

    def close(self, keep: int = 0) -> None:
        """Close the open lists (and their open items) down to `keep` of them."""
        while len(self.open) > keep:
            marker = self.open.pop()[1]
            self.tokens.append(_CLOSE_ITEM)
            self.tokens.append(_CLOSE_LIST[marker in "-*+"])

    def item(self, line: str, i: int, kind: int, after_item: bool) -> bool:
        """Add the one-line item on line i; False when it is outside the scanner's part of Markdown."""
        indent = 0
        if kind == _OTHER:  # indented
            indent = len(line) - len(line.lstrip(" "))
            line = line[indent:]
            kind = _kind(line)
        if kind == _BULLET:
            marker, info, text = line[0], "", line[2:]
        elif kind == _ORDERED:
            end = line.index(" ")
            marker, info, text = line[end - 1], line[: end - 1], line[end + 1 :]
        else:
            return False
        if text[0] in _SPECIAL and _kind(text) != _PARAGRAPH:
            return False
        column = indent + len(line) - len(text)
        lists = self.open
        if not lists:
            if indent:
                return False
            self._open(0, marker, column)
        elif indent == lists[-1][0] and marker == lists[-1][1]:  # the next item of the innermost list
            self.tokens.append(_CLOSE_ITEM)
            lists[-1] = (indent, marker, column)
        elif indent == lists[-1][2]:  # a list inside the last item
            if after_item and kind == _ORDERED and int(info) != 1:
                return False  # a lazy continuation line: only a list from 1 interrupts the item's text
            self._open(indent, marker, column)
        else:
            level = next((n for n, (at, _m, _c) in enumerate(lists) if at == indent), -1)
            if level < 0:
                return False
            self.close(level + 1)
            if lists[level][1] == marker:
                self.tokens.append(_CLOSE_ITEM)
                lists[level] = (indent, marker, column)
            else:  # another kind of list at this level: close it, open a new one
                self.close(level)
                self._open(indent, marker, column)
        self.tokens.append(_item_open(i, info))
        self.tokens.append(_inline(text))
        return True

    def _open(self, indent: int, marker: str, column: int) -> None:
        self.tokens.append(_OPEN_LIST[marker in "-*+"])
        self.open.append((indent, marker, column))


def _simple_tokens(body: str) -> list[_Token] | None:
    """markdown-it's block tokens for a body in the simple part of Markdown, else None."""
    if _gives_up(body):
        return None
    lines = _lines(body)
    return _scan(lines, 0, len(lines))


def _lines(body: str) -> list[str]:
    """The body's lines, as markdown-it (and, for these bodies, str.splitlines()) counts them."""
    lines = body.split("\n")
    if lines[-1] == "":
        lines.pop()
    return lines


def _scan(lines: list[str], begin: int, end: int) -> list[_Token] | None:
    """The tokens of lines[begin:end], which start a block: the start of the body, or after a heading."""
    tokens: list[_Token] = []
    lists = _Lists(tokens)
    i = begin
    after_item = False  # the previous line was a list item
    while i < end:
        line = lines[i]
        if not line:
            after_item = False
            i += 1
            continue
        first = line[0]
        if first in "-*+" and line[1:2] == " " and line[2:3] not in _SPECIAL and line[2:3]:
            # `- text`, the commonest line: the next item of a top-level list, or its first
            if len(lists.open) == 1 and lists.open[0][1] == first:
                tokens.append(_CLOSE_ITEM)
                tokens.append(_item_open(i, ""))
                tokens.append(_inline(line[2:]))
            elif not lists.item(line, i, _BULLET, after_item):
                return None
            after_item = True
            i += 1
            continue
        kind = _PARAGRAPH if first not in _SPECIAL else _kind(line)
        if kind in (_BULLET, _ORDERED) or (kind == _OTHER and lists.open and first == " "):
            if not lists.item(line, i, kind, after_item):
                return None
            after_item = True
            i += 1
            continue
        if after_item and kind != _HEADING:
            return None  # a lazy continuation line or an HTML block right after an item
        after_item = False
        if lists.open:
            lists.close()
        if kind == _PARAGRAPH:
            stop = i + 1 if i + 1 == end or not lines[i + 1] else _paragraph_end(lines, i + 1, end)
            if stop < 0:
                return None
            tokens.append(_inline("\n".join(lines[i:stop])))
            i = stop
        elif kind == _HEADING:
            tokens.extend(_heading(line, i))
            i += 1
        elif kind == _COMMENT:
            while i < end and "-->" not in lines[i]:
                i += 1
            if i == end:
                return None  # an unclosed comment runs to the end of the file
            i += 1
        elif kind == _BLANK:
            i += 1
        else:
            return None
    lists.close()
    return tokens


def _paragraph_end(lines: list[str], i: int, end: int) -> int:
    """The line after the paragraph that continues at line i; -1 when the scanner cannot tell."""
    while i < end:
        kind = _kind(lines[i])
        if kind == _PARAGRAPH:
            i += 1
        elif kind in (_BLANK, _HEADING, _COMMENT, _BULLET):
            return i
        elif kind == _ORDERED and int(lines[i][: lines[i].index(" ") - 1]) == 1:
            return i  # only a list starting at 1 interrupts a paragraph
        else:
            return -1
    return i


def _heading(line: str, i: int) -> tuple[_Token, _Token, _Token]:
    level = len(line) - len(line.lstrip("#"))
    return (
        _Token("heading_open", _HEADING_TAGS[level], [i, i + 1]),
        _inline(_heading_text(line, level), [i, i + 1]),
        _CLOSE_HEADING[level],
    )


def _heading_text(line: str, level: int) -> str:
    """An ATX heading's text as markdown-it has it: a closing run of `#` after a space is dropped."""
    text = line[level:].rstrip(" ")
    bare = text.rstrip("#")
    if bare and bare[-1] == " ":
        text = bare
    return text


# --- the outline, from the headings ----------------------------------------------------------
#
# An index row needs the title and the next steps, not the other sections. In most seeds every
# H1 and H2 is a line starting with `#`, and nothing else is: then the headings are found by looking
# at each line's first character, and only the next-steps section is scanned (a heading ends every
# block, so a section scans alone). _HIDDEN finds what could make that untrue: fences and HTML
# blocks (a heading inside is none), block quotes and list items holding headings, indented
# headings, setext underlines. One-line HTML comments are harmless.

_HIDDEN = (  # searched in "\n" + body: anchoring on "\n" beats ^ with re.MULTILINE
    r"(?m)\n(?: *(?:```|~~~|>|<(?!!--.*-->)|=+ *$|-+ *$)"
    r"| +#{1,6}(?: |$)"
    r"| *(?:(?:[-*+]|[0-9]{1,9}[.)]) +)+(?:#|>|```|~~~|<|=|-))"
)  # compiled on first use (re caches it): commands that never outline a seed do not pay for it


def _quick_outline(body: str, first_line: int) -> tuple[str, list[Task]] | None:
    """The title and the next steps, as the token walk finds them; None when that cannot be sure."""
    if _gives_up(body) or re.search(_HIDDEN, "\n" + body):
        return None
    lines = _lines(body)
    tops: list[tuple[int, int, str]] = []  # every H1 and H2: line, level, text
    for i, line in [(i, line) for i, line in enumerate(lines) if line[:1] == "#"]:
        level = len(line) - len(line.lstrip("#"))
        if level <= 2 and (level == len(line) or line[level] == " "):
            tops.append((i, level, _heading_text(line, level).strip()))
    title = tops[0][2] if tops and tops[0][1] == 1 else ""  # an H1 before any H2
    n = _first_of_kind(tops, "next_steps")
    if n is None:
        return title, []
    at, _level, heading = tops[n]
    stop = tops[n + 1][0] if n + 1 < len(tops) else len(lines)
    inside = _scan(lines, at + 1, stop)  # a heading ends every block: the section scans alone
    if inside is None:
        return None
    after = [_heading(lines[stop], stop)[0]] if stop < len(lines) else []  # where the section stops
    tokens = [*_heading(lines[at], at), *inside, *after]
    section = _section(tokens, 0, 3 + len(inside), heading, [], first_line)  # its items, not its text
    return title, tasks_of(section)


def _first_of_kind(tops: list[tuple[int, int, str]], kind: str) -> int | None:
    """Which H2 opens the first section of a kind, as _pick() finds it among the tokens."""
    seen: set[str] = set()
    for n, (_line, level, heading) in enumerate(tops):
        slug = slugify(heading)
        if level == 1 or slug in seen:
            continue
        seen.add(slug)
        if kind_of(heading) == kind:
            return n
    return None
