"""Where a piece of the exported post stands in the draft: an offset of the plain text -> line:col.

Export drops front matter, markup and HTML comments and adds a little (list bullets and numbers, a
link's `(url)` brackets), but keeps the writer's words in order. So the post is read token by token
(a run of word characters, or one other character) and each token is looked up in the draft from where
the last one was found, with the front matter and comments blanked out. A find is taken when the draft
text skipped to reach it holds no word characters (only markup, spaces, blanked text), or when the
token is distinctive (four characters or more) and near; otherwise the token is one export added (a
bullet) and maps to where the next found token stands. Lines and columns are 1-based, columns in code
points, the same whatever the file's line ends (CRLF, LF, lone CR) or a BOM.
"""

from __future__ import annotations

import bisect
import re

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


_TOKEN = re.compile(r"\w+|[^\w\s]")
_WORDY = re.compile(r"\w")
_NEAR = 400


class SourceMap:
    """Offsets of one exported text mapped into the region [start, end) of a draft."""

    def __init__(self, exported: str, source: str, start: int = 0, end: int | None = None) -> None:
        shown = visible(source)
        stop = len(shown) if end is None else end
        self._tokens: list[tuple[int, int, int]] = []  # (exported start, exported end, draft start)
        cursor = start
        for match in _TOKEN.finditer(exported):
            found = shown.find(match.group(), cursor, stop)
            if found < 0 or not _acceptable(shown[cursor:found], match.group()):
                continue
            self._tokens.append((match.start(), match.end(), found))
            cursor = found + len(match.group())
        self._starts = [token[0] for token in self._tokens]
        self._fallback = start
        self._line_starts = [0] + [i + 1 for i, c in enumerate(source) if c == "\n"]

    def offset(self, at: int) -> int:
        """The draft offset of exported offset `at`."""
        i = bisect.bisect_right(self._starts, at) - 1
        if i >= 0 and at < self._tokens[i][1]:
            first, _end, found = self._tokens[i]
            return found + at - first
        if i + 1 < len(self._tokens):
            return self._tokens[i + 1][2]
        if self._tokens:
            first, end, found = self._tokens[-1]
            return found + end - first
        return self._fallback

    def position(self, at: int) -> tuple[int, int]:
        """(line, col), both 1-based, of exported offset `at` in the draft."""
        where = self.offset(at)
        line = bisect.bisect_right(self._line_starts, where) - 1
        return line + 1, where - self._line_starts[line] + 1


def _acceptable(skipped: str, token: str) -> bool:
    return not _WORDY.search(skipped) or (len(token) >= 4 and len(skipped) <= _NEAR)
