"""How a platform counts a post: the rule its profile names (`counting = "chars" | "graphemes" | "x"`).

Pure. Every rule reads the text NFC-normalised first (as X and Bluesky do), and a profile's
`url_length` (when not 0) makes every URL count that many, whatever its length:

- `chars`: Unicode code points.
- `graphemes`: user-perceived characters (extended grapheme clusters, `regex`'s `\\X`): 👨‍👩‍👧 is one.
  Bluesky counts so; Mastodon too (with URLs at 23).
- `x`: twitter-text's weighted count (configuration v3, `config/v3.json` of twitter/twitter-text):
  a code point in 0-4351, 8192-8205, 8208-8223 or 8242-8247 weighs 1, any other 2 (CJK, most
  emoji, Cyrillic and Vietnamese are inside 0-4351: 1); an emoji sequence (joiners, skin tones,
  flags, keycaps) weighs 2 as a whole; URLs are found by `xurls.py` (twitter-text's extractor,
  scheme-less host names included). The weights are kept in hundredths (scale 100) as twitter-text does.

`weights(text, rule, url_length)` gives each code point's weight (0 for the rest of a URL or an emoji
sequence), so a count, a fold position or a thread split all come from one place.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

SCALE = 100
_X_RANGES = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))
_X_LIGHT, _X_HEAVY = 100, 200
_TEXT_SYMBOLS = frozenset("\u00a9\u00ae\u2122")  # ©, ®, ™: emoji only with U+FE0F


@cache
def _patterns() -> tuple[Any, Any]:
    """Grapheme clusters and emoji, by `regex` (a compiled module): loaded on the first count, never by
    the config that only names a rule (validate of a seed counts nothing)."""
    import regex

    cluster = regex.compile(r"\X")
    emoji = regex.compile(r"[\p{Extended_Pictographic}\p{Regional_Indicator}\u20E3\uFE0F]")
    return cluster, emoji


def _clusters(text: str) -> Iterator[Any]:
    return _patterns()[0].finditer(text)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Rule:
    """One counting rule: the weight of each code point, and whether a URL needs a scheme."""

    name: str
    weigh: Callable[[str], list[int]]  # weights in hundredths, one per code point of the text
    schemeless_urls: bool
    summary: str


def _chars(text: str) -> list[int]:
    return [SCALE] * len(text)


def _graphemes(text: str) -> list[int]:
    out = [0] * len(text)
    for cluster in _clusters(text):
        out[cluster.start()] = SCALE
    return out


def _x_weight(char: str) -> int:
    point = ord(char)
    return _X_LIGHT if any(low <= point <= high for low, high in _X_RANGES) else _X_HEAVY


def is_emoji(cluster: str) -> bool:
    """Whether a grapheme cluster is an emoji (sequence) as twitter-text's parser finds them."""
    if cluster[0] in _TEXT_SYMBOLS and "\ufe0f" not in cluster:
        return False
    return _patterns()[1].search(cluster) is not None


def _x(text: str) -> list[int]:
    out = [_x_weight(char) for char in text]
    for cluster in _clusters(text):
        if is_emoji(cluster.group()):
            start, end = cluster.span()
            out[start:end] = [_X_HEAVY] + [0] * (end - start - 1)
    return out


RULES: dict[str, Rule] = {
    "chars": Rule("chars", _chars, False, "Unicode code points after NFC"),
    "graphemes": Rule("graphemes", _graphemes, False, "graphemes (user-perceived characters) after NFC"),
    "x": Rule("x", _x, True, "X's weighted count (twitter-text v3: CJK and emoji 2, URLs fixed)"),
}


def weights(text: str, rule: str, url_length: int = 0) -> list[int]:
    """Each code point's weight in hundredths (text as given; `count` normalises first)."""
    chosen = RULES[rule]
    out = chosen.weigh(text)
    if url_length > 0:
        for start, end in url_spans(text, chosen.schemeless_urls):
            out[start:end] = [url_length * SCALE] + [0] * (end - start - 1)
    return out


def url_spans(text: str, schemeless: bool = True) -> list[tuple[int, int]]:
    """The URLs in `text` as X finds them (xurls.spans). The one place xurls, its pattern, its TLD
    list and the `regex` module load: on the first URL looked for, never by importing contentkit."""
    from contentkit.platforms import xurls

    return xurls.spans(text, schemeless)


def count(text: str, rule: str = "chars", url_length: int = 0) -> int:
    """The length of `text` as the platform counts it (rounded up to a whole character)."""
    total = sum(weights(unicodedata.normalize("NFC", text), rule, url_length))
    return -(-total // SCALE)


def offset_within(text: str, budget: int, rule: str = "chars", url_length: int = 0) -> int:
    """The end of the longest prefix of `text` that counts at most `budget`; never inside a URL, an
    emoji sequence or (counting graphemes) a grapheme."""
    limit, total = budget * SCALE, 0
    for at, weight in enumerate(weights(text, rule, url_length)):
        if weight and total + weight > limit:
            return at
        total += weight
    return len(text)
