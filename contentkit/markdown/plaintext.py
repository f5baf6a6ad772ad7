"""Turn a draft's Markdown body into the plain text a post takes.

Platforms render no Markdown, so every piece of markup has to go: emphasis is
unwrapped, links become ``text (url)``, lists get visible bullets, and HTML
comments (where writers keep private notes) are removed. The Markdown is parsed
with markdown-it-py and the resulting token tree is rendered block by block
through small handlers looked up by token type.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from contentkit.markdown.frontmatter import body_of

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token
    from markdown_it.tree import SyntaxTreeNode

__all__ = ["block_tokens", "hashtags", "spans", "to_plain_text"]

BULLET = "• "
"""Marker put in front of every bullet list item."""

INDENT = "  "
"""Indentation added per level of list nesting."""



@cache
def _md() -> MarkdownIt:
    """The parser: the one place this module loads markdown-it, on the first draft made plain text
    (validate of a seed, which imports this module through post.py, never parses with it)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable(["strikethrough", "table"])


def _tree(source: str) -> SyntaxTreeNode:
    from markdown_it.tree import SyntaxTreeNode

    return SyntaxTreeNode(_md().parse(source))

_COMMENT_OPEN = "<!--"
_COMMENT_CLOSE = "-->"
_CLOSING_PUNCTUATION = ".,;:!?)]}…"
_HTML_BREAK_TAGS = frozenset(
    {"br", "p", "div", "li", "tr", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6"}
)
_HTML_SKIP_TAGS = frozenset({"script", "style"})

_HASHTAG_OR_URL = re.compile(
    # A scheme is looked for only from the start of a run of scheme characters (digits, `+`, `.`, `-`
    # before its first letter are skipped): tried from every letter, `[A-Za-z][A-Za-z0-9+.-]*://` scans
    # to the end of the run each time, quadratic in one long unbroken word.
    r"(?:(?<![A-Za-z0-9+.-])[0-9+.-]*(?=[A-Za-z][A-Za-z0-9+.-]*://\S)|(?=www\.\S))(?P<url>\S+)"
    r"|(?<![\w#&/])#(?P<tag>\w*[^\W\d_]\w*)"
)

Handler = Callable[["SyntaxTreeNode"], str]


# --------------------------------------------------------------------------- public API


def to_plain_text(markdown: str) -> str:
    """Render a Markdown draft body as plain post text.

    Blocks are separated by one blank line, lines carry no trailing whitespace
    and the result ends with exactly one newline (``""`` when nothing is left).
    """
    text = _render_markdown(body_of(_normalize_newlines(markdown)))
    lines = [line.rstrip() for line in text.split("\n")]
    result = "\n".join(lines).strip("\n")
    return result + "\n" if result else ""


def hashtags(text: str) -> list[str]:
    """Return the hashtags in ``text`` (``#`` included), in order of appearance.

    A hashtag is ``#`` followed by letters, digits and underscores, containing
    at least one letter (``#1`` is not a tag), not glued to a preceding word
    (``C#``) and not part of a URL (``https://example.com/#intro``). Repeats are
    kept; callers wanting unique tags can use ``dict.fromkeys``.
    """
    return [
        "#" + match["tag"] for match in _HASHTAG_OR_URL.finditer(text) if match["tag"] is not None
    ]


def block_tokens(markdown: str) -> list[Token]:
    """The block tokens of a Markdown body as this module parses it (`map` holds their lines)."""
    return _md().parse(markdown)


def spans(text: str) -> list[tuple[str, str]]:
    """``text`` cut into ``("text" | "tag" | "url", piece)`` runs, as :func:`hashtags` reads it."""
    out: list[tuple[str, str]] = []
    at = 0
    for match in _HASHTAG_OR_URL.finditer(text):
        kind = "url" if match["url"] is not None else "tag" if match["tag"] is not None else ""
        if not kind:
            continue
        start = match.start("url") if kind == "url" else match.start("tag") - 1
        end = start + len(match["url"].rstrip(_CLOSING_PUNCTUATION)) if kind == "url" else match.end()
        if start > at:
            out.append(("text", text[at:start]))
        out.append((kind, text[start:end]))
        at = end
    if at < len(text):
        out.append(("text", text[at:]))
    return out


# --------------------------------------------------------------------------- input clean-up


def _normalize_newlines(text: str) -> str:
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _drop_comments(text: str) -> str:
    """Remove ``<!-- ... -->`` comments; an unclosed one runs to the end of ``text``."""
    parts: list[str] = []
    rest = text
    while (start := rest.find(_COMMENT_OPEN)) != -1:
        parts.append(rest[:start])
        end = rest.find(_COMMENT_CLOSE, start + len(_COMMENT_OPEN))
        rest = "" if end == -1 else rest[end + len(_COMMENT_CLOSE) :]
    parts.append(rest)
    return "".join(parts)


def _tidy_lines(text: str) -> str:
    """Strip every line and drop the ones left empty (prose blocks hold no blank lines)."""
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def _trim_blank_lines(lines: list[str]) -> list[str]:
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


# --------------------------------------------------------------------------- raw HTML


class _TextExtractor(HTMLParser):
    """Collect the text of an HTML fragment, breaking lines at block-level tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, opening=True)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HTML_BREAK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        self._tag(tag, opening=False)

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)

    def _tag(self, tag: str, *, opening: bool) -> None:
        if tag in _HTML_SKIP_TAGS:
            self._skipping = max(0, self._skipping + (1 if opening else -1))
        elif tag in _HTML_BREAK_TAGS:
            self.parts.append("\n")


def _html_text(html: str) -> str:
    extractor = _TextExtractor()
    extractor.feed(_drop_comments(html))
    extractor.close()
    return "".join(extractor.parts)


def _html_tag_name(html: str) -> str:
    name = html.lstrip("</")
    end = 0
    while end < len(name) and name[end].isalnum():
        end += 1
    return name[:end].lower()


# --------------------------------------------------------------------------- inline rendering


def _render_inline(node: SyntaxTreeNode) -> str:
    handler = _INLINE_HANDLERS.get(node.type)
    if handler is not None:
        return handler(node)
    return _inline_children(node) if node.children else node.content


def _inline_children(node: SyntaxTreeNode) -> str:
    """Concatenate rendered children, closing the gap a dropped comment or image leaves."""
    out = ""
    after_dropped = False
    for child in node.children:
        piece = _render_inline(child)
        if after_dropped and (not piece or _starts_with_gap(piece)):
            out = out.rstrip(" ")
        after_dropped = not piece
        out += piece
    return out


def _starts_with_gap(piece: str) -> bool:
    return piece[0].isspace() or piece[0] in _CLOSING_PUNCTUATION


def _text(node: SyntaxTreeNode) -> str:
    return _drop_comments(node.content)


def _line_break(node: SyntaxTreeNode) -> str:
    return "\n"


def _code_inline(node: SyntaxTreeNode) -> str:
    return node.content


def _link(node: SyntaxTreeNode) -> str:
    text = _inline_children(node).strip()
    href = str(node.attrs.get("href", ""))
    if node.markup == "autolink" or text in (href, _md().normalizeLinkText(href)):
        return text or href
    return f"{text} ({href})" if text else href


def _html_inline(node: SyntaxTreeNode) -> str:
    return "\n" if _html_tag_name(node.content) == "br" else ""


_INLINE_HANDLERS: dict[str, Handler] = {
    "inline": _inline_children,
    "text": _text,
    "text_special": _text,
    "softbreak": _line_break,
    "hardbreak": _line_break,
    "code_inline": _code_inline,
    "em": _inline_children,
    "strong": _inline_children,
    "s": _inline_children,
    "link": _link,
    "image": _inline_children,
    "html_inline": _html_inline,
}


# --------------------------------------------------------------------------- block rendering


def _render_markdown(source: str) -> str:
    return _container(_tree(source))


def _render_blocks(nodes: Iterable[SyntaxTreeNode]) -> list[str]:
    """Render block nodes, leaving out the ones that come out empty."""
    blocks = (_BLOCK_HANDLERS.get(node.type, _container)(node) for node in nodes)
    return [block for block in blocks if block.strip()]


def _container(node: SyntaxTreeNode) -> str:
    return "\n\n".join(_render_blocks(node.children))


def _prose(node: SyntaxTreeNode) -> str:
    return _tidy_lines("".join(_render_inline(child) for child in node.children))


def _code_block(node: SyntaxTreeNode) -> str:
    return "\n".join(_trim_blank_lines(node.content.split("\n")))


def _html_block(node: SyntaxTreeNode) -> str:
    """Text of a raw HTML block, comments removed.

    A line that opens with a comment is an HTML block to CommonMark, so whatever the
    writer typed after the comment would stay raw; it is rendered as Markdown instead.
    That text holds no comment any more, so this recurses at most once.
    """
    rest = _drop_comments(node.content)
    if rest.lstrip().startswith("<"):
        return _tidy_lines(_html_text(rest))
    return _render_markdown(rest.lstrip())


def _nothing(node: SyntaxTreeNode) -> str:
    return ""


def _list(node: SyntaxTreeNode) -> str:
    """One block, one item per line; items left empty (note-only items) are dropped."""
    bodies = [body for body in map(_list_item_lines, node.children) if body]
    if node.type == "ordered_list":
        start = int(node.attrs.get("start", 1))
        markers = [f"{start + offset}. " for offset in range(len(bodies))]
    else:
        markers = [BULLET] * len(bodies)
    lines: list[str] = []
    for marker, (first, *rest) in zip(markers, bodies, strict=True):
        lines.append(marker + first)
        lines.extend(INDENT + line for line in rest)
    return "\n".join(lines)


def _list_item_lines(item: SyntaxTreeNode) -> list[str]:
    """The non-blank lines of an item's blocks, without the item's own marker."""
    body = "\n".join(_render_blocks(item.children))
    return [line for line in body.split("\n") if line.strip()]


def _table(node: SyntaxTreeNode) -> str:
    rows = [row for section in node.children for row in section.children]
    return "\n".join(" | ".join(_prose(cell) for cell in row.children) for row in rows)


_BLOCK_HANDLERS: dict[str, Handler] = {
    "paragraph": _prose,
    "heading": _prose,
    "blockquote": _container,
    "bullet_list": _list,
    "ordered_list": _list,
    "list_item": _container,
    "fence": _code_block,
    "code_block": _code_block,
    "html_block": _html_block,
    "hr": _nothing,
    "table": _table,
}
