"""A draft's `## First comment` section: the links and extra hashtags that go in the post's first comment.

Pure, the one home of the section. The section runs from its heading (a level-2 heading "First
comment", any case, outside code fences and HTML comments) to the end of the draft, so the post is
everything before it, line numbers unchanged. `export` leaves it out of the post (post.thread_stats
measures only the post), `export --first-comment` prints it, `preview` shows it under the post, and
validate checks its length against the platform's `comment_limit` (CK504).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from contentkit.base import lines as line_ends
from contentkit.markdown.plaintext import to_plain_text

HEADING = re.compile(r" {0,3}##[ \t]+first comment[ \t]*(?:#+[ \t]*)?", re.IGNORECASE)
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")


@dataclass(frozen=True)
class Comment:
    text: str  # as the platform takes it: plain text, no Markdown, no HTML comments
    line: int  # 1-based line of the heading in the draft

    @property
    def characters(self) -> int:
        return len(self.text)


def _open_lines(markdown: str, first: int = 1) -> Iterator[tuple[int, int, str, str]]:
    """(1-based line number, offset, line with its ending, line without) of each line outside fenced
    code and HTML comments, where a heading can be."""
    offset = 0
    fence = ""
    in_comment = False
    for number, line in enumerate(line_ends.split(markdown), first):
        bare = line_ends.strip_ending(line)
        if fence:
            fence = "" if bare.strip().startswith(fence) else fence
        elif in_comment:
            in_comment = "-->" not in bare
        elif opened := _FENCE.match(bare):
            fence = opened.group(1)
        else:
            yield number, offset, line, bare
            if "<!--" in bare:
                in_comment = "-->" not in bare[bare.index("<!--") + 4 :]
        offset += len(line)


def split(markdown: str) -> tuple[str, str | None, int]:
    """(the post's Markdown, the section's Markdown or None, the heading's 1-based line or 0)."""
    for number, offset, line, bare in _open_lines(markdown):
        if HEADING.fullmatch(bare):
            return markdown[:offset], markdown[offset + len(line) :], number
    return markdown, None, 0


_LATER_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")


def later_heading(markdown: str) -> tuple[int, str] | None:
    """The first heading inside the first comment's section (its 1-based line in the draft, its text):
    the section runs to the end of the draft, so what is below such a heading goes in the comment
    too, not in the post. None when there is none."""
    _post, section, line = split(markdown)
    if section is None:
        return None
    lines = _open_lines(section, line + 1)
    return next(((number, bare.strip()) for number, _, _, bare in lines if _LATER_HEADING.match(bare)), None)


_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_URL = re.compile(r"https?://[^\s<>()\[\]\"'`]+", re.IGNORECASE)


def links(markdown: str) -> list[str]:
    """Every http(s) link in a seed's text (bare, <autolink> or [text](url)), once each, in order;
    HTML comments (the skeleton's hints) left out."""
    found: dict[str, None] = {}
    for match in _URL.finditer(_COMMENT.sub("", markdown)):
        url = match.group(0).rstrip(".,;:!?*_~")
        if len(url) > len("https://"):
            found.setdefault(url, None)
    return list(found)


def nested(markdown: str) -> str:
    """The draft with its first comment's heading one level down (`### First comment`), for a file
    that holds several drafts under `##` headings of its own (variants)."""
    post, section, _line = split(markdown)
    return markdown if section is None else f"{post}### First comment\n{section}"


def post_part(markdown: str) -> str:
    """The draft without its first comment: what the post is measured and exported from."""
    return split(markdown)[0]


def first_comment(markdown: str) -> Comment | None:
    """The first comment as plain text; None when the draft has no such section."""
    _post, section, line = split(markdown)
    if section is None:
        return None
    return Comment(to_plain_text("\n" + section).strip("\n"), line)  # never read as front matter


def over(comment: Comment, limit: int) -> bool:
    return 0 < limit < comment.characters


def limit_message(comment: Comment, platform: str, limit: int) -> str:
    return (
        f"the first comment is {comment.characters:,} characters; {platform} takes at most {limit:,} "
        f"in a comment ({comment.characters - limit:,} over)"
    )


def to_json(comment: Comment | None, limit: int) -> dict[str, object] | None:
    """preview --json's "first_comment": null when the draft has none."""
    if comment is None:
        return None
    return {"text": comment.text, "characters": comment.characters, "limit": limit,
            "over_limit": over(comment, limit), "line": comment.line}


def preview_text(comment: Comment, limit: int) -> str:
    """The first comment under the post in `preview`: its text, then its count against the limit."""
    bound = f" / {limit:,}" if limit > 0 else ""
    state = " (over the limit)" if over(comment, limit) else ""
    return f"==== first comment ====\n{comment.text}\n\ncharacters  {comment.characters:,}{bound}{state}\n"
