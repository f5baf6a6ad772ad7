"""A Markdown body's block tokens: one entry point, `tokens(body)`.

markdown-it-py (CommonMark, block rules only) is the reference. A fast scanner stands in for it on
bodies written in a small, regular part of Markdown, and produces the same tokens (the fields a walk
reads: type, tag, map, content, info); anything else goes to markdown-it. The two are held equal by
a property test on generated bodies and on real writers' files (tests/test_blocks.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple, Protocol

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    """CommonMark, block rules only: the walk reads block tokens' content, never inline children."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").disable(["inline", "text_join"])


# --- block tokens ------------------------------------------------------------------------------
#
# markdown-it-py costs about a millisecond per seed, which is most of `contentkit index` on a cold
# repo. Seeds are mostly written in a small, regular part of Markdown: ATX headings, paragraphs,
# one-line `-`/`*`/`+`/`1.` list items, HTML comments. For a body that uses only that part,
# `simple_tokens` produces the block tokens markdown-it would (the fields a walk reads:
# type, tag, map, content, info) in a single pass over the lines. Anything else (indentation,
# fences, quotes, rules, setext headings, reference definitions, lazy continuation lines, tabs,
# unusual line breaks) makes it give up, and markdown-it parses the body. The two are compared on
# generated and real bodies in tests/test_blocks.py.


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


def tokens(body: str) -> Sequence[BlockToken]:
    """The body's block tokens: the fast scanner's when it can, else markdown-it's (the same)."""
    simple = simple_tokens(body)
    return simple if simple is not None else markdown_tokens(body)


def markdown_tokens(body: str) -> Sequence[BlockToken]:
    """markdown-it's block tokens: the reference."""
    found: Sequence[BlockToken] = _markdown().parse(body)
    return found


# Characters that make the scanner give up: markdown-it normalises CR and NUL, str.splitlines()
# (which body_lines() must agree with) breaks at the others, tabs change indentation, `]:` may
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


def simple_tokens(body: str) -> list[_Token] | None:
    """markdown-it's block tokens for a body in the simple part of Markdown, else None."""
    if _gives_up(body):
        return None
    lines = body_lines(body)
    return _scan(lines, 0, len(lines))


def body_lines(body: str) -> list[str]:
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


# --- headings by lines ---------------------------------------------------------------------
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


class Heading(NamedTuple):
    line: int  # 0-based line of the body
    level: int
    text: str


def top_headings(body: str) -> tuple[list[str], list[Heading]] | None:
    """The body's lines and every H1 and H2, found by their first characters; None when a heading
    could hide (or something could pass for one) where looking at lines cannot tell."""
    if _gives_up(body) or re.search(_HIDDEN, "\n" + body):
        return None
    lines = body_lines(body)
    tops: list[Heading] = []
    for i, line in [(i, line) for i, line in enumerate(lines) if line[:1] == "#"]:
        level = len(line) - len(line.lstrip("#"))
        if level <= 2 and (level == len(line) or line[level] == " "):
            tops.append(Heading(i, level, _heading_text(line, level).strip()))
    return lines, tops


def section_tokens(lines: list[str], at: int, stop: int) -> list[BlockToken] | None:
    """The tokens of the heading on line `at` and of its section up to line `stop` (the next H1 or
    H2), as markdown-it gives them for the whole body; None when the scanner cannot tell."""
    inside = _scan(lines, at + 1, stop)  # a heading ends every block: the section scans alone
    return None if inside is None else [*_heading(lines[at], at), *inside]
