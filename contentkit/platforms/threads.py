"""A seed's text packed into an X thread: what the x template's `thread` filter writes.

Pure. A post is measured as `post.thread_stats` measures it: the exported plain text of its Markdown,
plus the `1/3 ` number that starts every post of a thread of two or more, counted by the platform's
rule (`counting.py`: `counting` and `url_length` are the profile's).
"""

from __future__ import annotations

from contentkit.platforms.counting import count
from contentkit.platforms.posttext import post_text

SEPARATOR = "\n\n---\n\n"
"""What goes between two posts of a thread in a draft: a line of its own, `---`."""


def pack(
    hook: str, points: list[str], closing: str, limit: int, counting: str = "chars", url_length: int = 0
) -> list[str]:
    """The draft's posts as Markdown: one post when everything fits within `limit`, else a thread.

    A thread opens with the hook, then the key points (as many whole points per post as fit), then
    the closing. A piece too long for one post is split between words (inside a word only when a
    single word is longer than a post). With `limit` 0 (no limit) everything is one post.
    """
    size = _Measure(counting, url_length)
    bullets = [f"- {point}" for point in points if point.strip()]
    single = "\n\n".join(part for part in (hook, "\n".join(bullets), closing) if part)
    if limit <= 0 or size(single) <= limit:
        return [single]
    count = 9
    while True:
        budget = limit - len(f"{count}/{count} ")
        if budget < 1:
            return [single]
        body = _pack_lines(bullets, budget, size)
        posts = [*chunks(hook, budget, size), *body, *chunks(closing, budget, size)]
        if len(str(len(posts))) <= len(str(count)):
            return posts
        count = len(posts)


def length(markdown: str) -> int:
    return len(post_text(markdown))


class _Measure:
    """A post's length as its platform counts it."""

    def __init__(self, counting: str = "chars", url_length: int = 0) -> None:
        self.counting, self.url_length = counting, url_length

    def __call__(self, markdown: str) -> int:
        return count(post_text(markdown), self.counting, self.url_length)


_CODE_POINTS = _Measure()


def chunks(text: str, budget: int, length: _Measure = _CODE_POINTS) -> list[str]:
    """`text` cut between words into pieces of at most `budget` characters each."""
    if not text.strip():
        return []
    out: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if length(candidate) <= budget:
            current = candidate
            continue
        if current:
            out.append(current)
        pieces = _hard_cut(word, budget, length)
        out.extend(pieces[:-1])
        current = pieces[-1]
    if current:
        out.append(current)
    return [piece for piece in out if length(piece)]


def _hard_cut(word: str, budget: int, length: _Measure) -> list[str]:
    """A word longer than a post, cut into the longest prefixes that fit."""
    pieces: list[str] = []
    while length(word) > budget:
        end = max((i for i in range(1, len(word)) if length(word[:i]) <= budget), default=1)
        pieces.append(word[:end])
        word = word[end:]
    return [*pieces, word]


def _pack_lines(lines: list[str], budget: int, length: _Measure) -> list[str]:
    """Consecutive lines joined into posts of at most `budget` characters; long lines are cut."""
    posts: list[str] = []
    current: list[str] = []
    for line in lines:
        for piece in chunks(line, budget, length):
            if current and length("\n".join([*current, piece])) > budget:
                posts.append("\n".join(current))
                current = []
            current.append(piece)
    if current:
        posts.append("\n".join(current))
    return posts
