"""The checks of what readers see, each a function over the exported post (plain text) -> Hits.

Pure. A Hit carries offsets into that text (sourcemap.py maps them back to the draft) and, where the
right text is certain, the fix. Thresholds come from `[lint]` (settings.LintSettings); what a
platform does (its fold) comes from its profile. The readability figure is in readability.py.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

from contentkit.platforms.counting import is_emoji, url_spans
from contentkit.platforms.fold import screen_folds
from contentkit.platforms.profiles import Platform
from contentkit.store.lint_settings import LintSettings

if TYPE_CHECKING:
    import regex


class Hit(NamedTuple):
    code: str
    start: int  # offset in the exported text
    end: int
    message: str
    fix: str | None = None  # the text that should stand at [start, end), when it is certain


class Post(NamedTuple):
    """What a rule reads: the exported text, the platform, the settings."""

    text: str
    profile: Platform
    settings: LintSettings
    first_comment: bool = False  # the text is the draft's first comment, not the post


_CAPS_WORD = r"\b\p{Lu}{2,}\b"


class _Patterns(NamedTuple):
    math: regex.Pattern[str]
    leading_cluster: regex.Pattern[str]
    list_item: regex.Pattern[str]
    hashtag: regex.Pattern[str]
    compile: Callable[[str], regex.Pattern[str]]  # for the patterns made from the settings


@cache
def _patterns() -> _Patterns:
    """The rules' expressions, by `regex` (\\X, \\p{...}): the one place this module loads it, on the
    first draft linted (validate imports the rules; a seed's check never compiles them)."""
    import regex

    return _Patterns(
        regex.compile(r"[\U0001D400-\U0001D7FF]+(?:[ '’-]+[\U0001D400-\U0001D7FF]+)*"),
        regex.compile(r"^(?:• )?(\X)[ \t]", regex.MULTILINE),
        regex.compile(r"(?:• |\d+\. )"),
        regex.compile(r"(?<![\w#&/])#(\p{Ll}+)\b"),
        regex.compile,
    )


@cache
def _caps_run(words: int) -> regex.Pattern[str]:
    return _patterns().compile(f"{_CAPS_WORD}(?:[ \\t,;:!?.'’-]+{_CAPS_WORD}){{{words - 1},}}")


def plain_letters(text: str) -> str:
    """`text` with every run of Mathematical Alphanumeric Symbols as the letters it stands for (NFKC of
    those code points only: other text, ﬁ ligatures and all, is left as it is). `export --plain`."""
    return _patterns().math.sub(lambda match: unicodedata.normalize("NFKC", match.group()), text)


def pseudo_bold(post: Post) -> Iterator[Hit]:
    """CK601: letters from Unicode's Mathematical Alphanumeric Symbols standing in for bold/italic."""
    for match in _patterns().math.finditer(post.text):
        plain = unicodedata.normalize("NFKC", match.group())
        yield Hit(
            "CK601", match.start(), match.end(),
            f"'{match.group()}' is Unicode pseudo-bold/italic: screen readers spell it letter by letter or "
            f"skip it, search does not find it, and a link written in it breaks; write '{plain}'",
            plain,
        )


def emoji_bullets(post: Post) -> Iterator[Hit]:
    """CK602: lines in a row that start with an emoji used as a bullet (each is read aloud by name)."""
    lines = post.text.split("\n")
    offset, run = 0, []
    starts = []
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    for number, line in enumerate([*lines, ""]):
        match = _patterns().leading_cluster.match(line)
        if match and is_emoji(match.group(1)):
            run.append((number, match.start(1), match.group(1)))
            continue
        if len(run) >= post.settings.emoji_bullets:
            first, at, emoji = run[0]
            where = starts[first] + at
            yield Hit(
                "CK602", where, where + len(emoji),
                f"{len(run)} lines in a row start with an emoji as a bullet: a screen reader reads each one "
                f"aloud by name ('{emoji}' ...); use '-' items (exported as •) or plain lines",
            )
        run = []


def caps_runs(post: Post) -> Iterator[Hit]:
    """CK603: a run of ALL-CAPS words (an acronym alone, such as NASA or AI, is not a run)."""
    words = post.settings.caps_words
    pattern = _caps_run(words)
    for match in pattern.finditer(post.text):
        yield Hit(
            "CK603", match.start(), match.end(),
            f"'{match.group()}' is in capitals: screen readers may spell it out or shout it, and it reads "
            "as shouting; use normal case (and emphasis in words)",
        )


def lowercase_hashtags(post: Post) -> Iterator[Hit]:
    """CK604: a long all-lowercase hashtag, which probably joins several words; CamelCase reads aloud."""
    for match in _patterns().hashtag.finditer(post.text):
        if len(match.group(1)) >= post.settings.hashtag_letters:
            yield Hit(
                "CK604", match.start(), match.end(),
                f"'{match.group()}' is one long lowercase word to a screen reader; if it joins several "
                "words, capitalise each (#ProductDiscovery): readers and screen readers then see the words",
            )


def link_above_fold(post: Post) -> Iterator[Hit]:
    """CK605: a link before "…see more" (the whole post when it does not fold): a trade-off (reported:
    less reach, more clicks), not a rule."""
    if post.first_comment or not any(n for size in post.profile.folds.values() for n in size):
        return  # a platform that never folds has no "above the fold"
    folds = screen_folds(post.text, post.profile)
    cut = folds.get("phone") or folds["desktop"]
    shown = len(post.text) if cut.at is None else cut.at
    for start, end in url_spans(post.text, True):
        if start < shown:
            yield Hit(
                "CK605", start, end,
                "a link above the '…see more' fold: readers can click it at once, but platforms are "
                "reported to show posts with links to fewer people; a trade-off (the first comment can "
                "carry the link instead)",
            )
            return


def long_paragraphs(post: Post) -> Iterator[Hit]:
    """CK606: a paragraph that fills more than `paragraph_lines` lines of a phone screen (a list, one
    item a line, is not a paragraph)."""
    width, limit = post.settings.phone_line_chars, post.settings.paragraph_lines
    offset = 0
    for block in post.text.split("\n\n"):
        rows = sum(max(1, -(-len(line) // width)) for line in block.split("\n"))
        if rows > limit and not _patterns().list_item.match(block):
            yield Hit(
                "CK606", offset, offset + min(len(block), 1),
                f"this paragraph is about {rows} lines on a phone (more than {limit}): a wall of text "
                "in a feed; break it where the thought turns",
            )
        offset += len(block) + 2


RULES: dict[str, Callable[[Post], Iterator[Hit]]] = {
    "CK601": pseudo_bold,
    "CK602": emoji_bullets,
    "CK603": caps_runs,
    "CK604": lowercase_hashtags,
    "CK605": link_above_fold,
    "CK606": long_paragraphs,
}


def check(post: Post) -> list[Hit]:
    """Every hit of every rule switched on, in order of the text."""
    hits = [hit for code, rule in RULES.items() if post.settings.on(code) for hit in rule(post)]
    return sorted(hits, key=lambda hit: (hit.start, hit.code))
