"""A seed's title, one rule: the front matter `title`, else the first `#` heading (before any
other), else the first line of text (its Markdown markup dropped, shortened on a word boundary),
else the file name. show, list, index, preview and serve all show this one."""

from __future__ import annotations

import re
from collections.abc import Sequence

from contentkit.markdown import blocks
from contentkit.markdown.blocks import BlockToken

TITLE_CHARS = 80  # a title taken from the first line of text is shortened to about this many
# A link text holds no `[` and a target no `(`: each bracket scans to the next one, not to the end of
# the line (quadratic in a long run of `[` or `](`)
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
_MARKUP = re.compile(r"\*\*|__|`|^#+\s+|^>\s*")


def pick(
    meta_title: str, heading: str, body: str, stem: str, tokens: Sequence[BlockToken] | None = None
) -> str:
    """The title from the front matter's `title` (as text), the first heading, the body (its tokens
    when already at hand) and the file name."""
    text = " ".join(meta_title.split())
    if text:
        return text
    if heading:
        return heading
    return first_text(blocks.tokens(body) if tokens is None else tokens) or stem


def first_text(tokens: Sequence[BlockToken]) -> str:
    """The first line of the first paragraph or list item, without its Markdown markup, shortened
    to about TITLE_CHARS characters at a word boundary with an ellipsis."""
    after_heading = False
    for token in tokens:
        if token.type == "inline" and not after_heading:
            line = next((line for line in token.content.split("\n") if line.strip()), "")
            line = " ".join(_MARKUP.sub("", _LINK.sub(r"\1", line.strip())).split())
            if line:
                return shorten(line)
        after_heading = token.type == "heading_open"
    return ""


def shorten(text: str, limit: int = TITLE_CHARS) -> str:
    """`text` cut to at most `limit` characters on a word boundary, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    head = text[: cut if cut > limit // 2 else limit - 1].rstrip(" ,;:-–—")
    return head + "…"
