"""What the figures say, per group of posts: pure functions over posts and their latest snapshots.

A group's figures are its posts' medians: impressions, and the engagement rate
((reactions + comments + reposts) / impressions; a post with 0 impressions has no rate and is left out
of that median). Its best post has the highest rate. A group with fewer than `min_posts` posts is
marked too few to mean anything.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from contentkit.base import dates
from contentkit.usecases.metrics.posts import Post
from contentkit.usecases.metrics.record import Snapshot

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
LENGTHS = ((500, "under 500"), (1000, "500-999"), (1500, "1000-1499"), (2000, "1500-1999"))
LONGEST = "2000 and more"
SHAPES = ("question", "number", "quote", "statement")
_NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand "
    "million billion dozen half first second third"
)
NUMBER_WORDS = frozenset(_NUMBER_WORDS.split(" "))
QUOTE_MARKS = "\"'“”‘’«»„"
_FIRST_WORD = re.compile(r"[\w%$€£.,+-]+")


@dataclass(frozen=True)
class Measured:
    """A post with its current figures (its latest snapshot)."""

    post: Post
    snapshot: Snapshot

    @property
    def rate(self) -> float | None:
        return self.snapshot.rate


@dataclass(frozen=True)
class Group:
    name: str
    posts: tuple[Measured, ...]
    too_few: bool

    @property
    def median_impressions(self) -> float:
        return statistics.median(m.snapshot.impressions for m in self.posts)

    @property
    def median_rate(self) -> float | None:
        rates = [rate for m in self.posts if (rate := m.rate) is not None]
        return statistics.median(rates) if rates else None

    @property
    def best(self) -> Measured:
        return max(self.posts, key=_rank)

    def to_json(self) -> dict[str, object]:
        best = self.best
        return {
            "group": self.name,
            "posts": len(self.posts),
            "median_impressions": self.median_impressions,
            "median_engagement_rate": self.median_rate,
            "best": {"post": best.post.key, "title": best.post.title, "engagement_rate": best.rate,
                     "impressions": best.snapshot.impressions},
            "too_few": self.too_few,
        }


def _rank(m: Measured) -> tuple[float, int, str]:
    """Highest rate first, then most impressions; the key breaks ties so the order is stable."""
    rate = m.rate if m.rate is not None else -1.0
    return rate, m.snapshot.impressions, _reverse(m.post.key)


def _reverse(text: str) -> str:
    return "".join(chr(0x10FFFF - ord(c)) for c in text)


def measured(posts: Iterable[Post], current: dict[str, Snapshot]) -> list[Measured]:
    """The posts that have figures, each with its latest snapshot."""
    return [Measured(p, current[p.key]) for p in posts if p.key in current]


def hook_shape(hook: str) -> str:
    """question (ends with ?), number (opens with a number), quote (opens with a quote mark), statement."""
    text = hook.strip()
    if text.rstrip(QUOTE_MARKS + " ").endswith("?"):
        return "question"
    first = _FIRST_WORD.match(text.lstrip(QUOTE_MARKS + "#*_ "))
    word = first.group().lower().strip(".,+-") if first else ""
    if any(c.isdigit() for c in word) or word in NUMBER_WORDS:
        return "number"
    if text and text[0] in QUOTE_MARKS:
        return "quote"
    return "statement"


def weekday(published_at: str) -> str:
    moment = dates.moment_of(published_at)
    if moment is None:
        return "(unknown)"
    offset = moment.utcoffset() or dt.timedelta(0)
    # the day in UTC, counted from the local day: astimezone() overflows at 0001-01-01T00:00:00+14:00
    # and 9999-12-31T23:59:59-12:00, which are valid dates whose UTC day lies outside the years 1-9999
    seconds = moment.hour * 3600 + moment.minute * 60 + moment.second - offset.total_seconds()
    return WEEKDAYS[(moment.weekday() + int(seconds // 86400)) % 7]


def length_bucket(characters: int) -> str:
    return next((name for limit, name in LENGTHS if characters < limit), LONGEST)


def _one(value: Callable[[Post], str]) -> Callable[[Post], tuple[str, ...]]:
    return lambda post: (value(post) or "(none)",)


KEYS: dict[str, Callable[[Post], tuple[str, ...]]] = {
    "hook": _one(lambda p: hook_shape(p.hook)),
    "angle": _one(lambda p: p.angle),
    "theme": lambda p: tuple(dict.fromkeys(t.strip() for t in p.themes if t.strip())) or ("(none)",),
    "source": _one(lambda p: p.source),
    "platform": _one(lambda p: p.platform),
    "weekday": _one(lambda p: weekday(p.published_at)),
    "length": _one(lambda p: length_bucket(p.characters)),
    "origin": _one(lambda p: p.origin),  # a hook the writer wrote, or one `suggest` gave
}
NATURAL = {"weekday": (*WEEKDAYS, "(unknown)"), "length": (*(n for _, n in LENGTHS), LONGEST), "hook": SHAPES}


def groups(posts: Sequence[Measured], by: str, min_posts: int) -> list[Group]:
    """The posts grouped by `by` (a key of KEYS; a post with several themes is in each of them).

    Weekdays, lengths and hook shapes come in their natural order; other groups best first (highest
    median rate, then most posts, then by name)."""
    members: dict[str, list[Measured]] = {}
    for m in sorted(posts, key=lambda m: m.post.key):
        for name in KEYS[by](m.post):
            members.setdefault(name, []).append(m)
    found = [Group(name, tuple(ms), len(ms) < min_posts) for name, ms in members.items()]
    if by in NATURAL:
        order = NATURAL[by]
        return sorted(found, key=lambda g: (order.index(g.name) if g.name in order else len(order), g.name))
    return best_first(found)


def best_first(found: Iterable[Group]) -> list[Group]:
    def key(g: Group) -> tuple[float, int, str]:
        rate = g.median_rate
        return (-(rate if rate is not None else -1.0), -len(g.posts), g.name)

    return sorted(found, key=key)


def top_posts(posts: Sequence[Measured], count: int) -> list[Measured]:
    """The posts with the highest engagement rates (posts with no impressions are not ranked)."""
    ranked = [m for m in posts if m.rate is not None]
    return sorted(ranked, key=_rank, reverse=True)[:count]
