"""Where a piece of the exported post stands in the draft: an offset of the plain text -> line:col.

Export drops front matter, markup and HTML comments and adds a little (list bullets, a link's
`(url)` brackets), so the two texts are aligned as sequences (difflib's matching blocks over the
draft with its front matter and comments blanked out). A character of the post that the draft does
not hold (a bullet) maps to where the next matched character stands. Lines and columns are 1-based,
columns in code points, the same whatever the file's line ends (CRLF, LF, lone CR) or a BOM.
"""

from __future__ import annotations

import bisect
import re
from difflib import SequenceMatcher

from contentkit.markdown import frontmatter

_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_HIDDEN = "\0"


def normal(text: str) -> str:
    """The draft as positions are counted in it: no BOM, every line end one `\\n`."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def visible(source: str) -> str:
    """`source` (normal) with its front matter and HTML comments blanked, line ends kept."""
    start = frontmatter.body_line(source)
    lines = source.split("\n")
    head = "\n".join(_HIDDEN * len(line) for line in lines[:start])
    body = "\n".join(lines[start:])
    body = _COMMENT.sub(lambda m: re.sub(r"[^\n]", _HIDDEN, m.group(0)), body)
    return f"{head}\n{body}" if start else body


class SourceMap:
    """Offsets of one exported text mapped into the region [start, end) of a draft."""

    def __init__(self, exported: str, source: str, start: int = 0, end: int | None = None) -> None:
        self.source = source
        shown = visible(source)[start:end]
        matcher = SequenceMatcher(None, exported, shown, autojunk=False)
        self._blocks = [(a, start + b, size) for a, b, size in matcher.get_matching_blocks() if size]
        self._starts = [a for a, _b, _size in self._blocks]
        self._fallback = start
        self._line_starts = [0] + [i + 1 for i, c in enumerate(source) if c == "\n"]

    def offset(self, at: int) -> int:
        """The draft offset of exported offset `at`."""
        i = bisect.bisect_right(self._starts, at) - 1
        if i >= 0:
            a, b, size = self._blocks[i]
            if at < a + size:
                return b + at - a
        following = i + 1
        if following < len(self._blocks):
            return self._blocks[following][1]
        return self._blocks[-1][1] + self._blocks[-1][2] if self._blocks else self._fallback

    def position(self, at: int) -> tuple[int, int]:
        """(line, col), both 1-based, of exported offset `at` in the draft."""
        where = self.offset(at)
        line = bisect.bisect_right(self._line_starts, where) - 1
        return line + 1, where - self._line_starts[line] + 1
