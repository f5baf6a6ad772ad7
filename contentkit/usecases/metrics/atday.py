"""Posts compared at the same age: each post's figures at or just before day N after it was published
(its `published_at`), from its merged snapshots (history.py), so a post from last week is not
measured against one from last year that kept gathering impressions.

A post younger than N days is left out, as is one with no snapshot by its day N and one with no
publish date; each is counted, so the writer sees what the comparison leaves out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from contentkit.usecases.metrics import history, record
from contentkit.usecases.metrics.posts import Post
from contentkit.usecases.metrics.record import Snapshot
from contentkit.usecases.metrics.stats import Measured

STAMP = "%Y-%m-%dT%H:%M:%SZ"


@dataclass(frozen=True)
class Selection:
    """The posts measured (each with the snapshot that counts), and the ones left out, by why."""

    day: int | None  # None: each post's latest snapshot
    measured: list[Measured]
    younger: list[Post] = field(default_factory=list)  # published less than `day` days ago
    unmeasured: list[Post] = field(default_factory=list)  # no snapshot at or before its day N
    undated: list[Post] = field(default_factory=list)  # no readable published_at


def day_n(published_at: str, day: int) -> str:
    """The moment `day` days after `published_at` (UTC); '' when there is no such date."""
    published = record.utc(published_at)
    if not published:
        return ""
    try:
        moment = dt.datetime.strptime(published, STAMP) + dt.timedelta(days=day)
    except OverflowError:
        return "9999-12-31T23:59:59Z"  # later than any now: the post is younger
    return moment.strftime(STAMP)


def age_days(published_at: str, snapshot: Snapshot) -> float | None:
    """Days from publishing to the snapshot (None without a publish date)."""
    published = record.utc(published_at)
    if not published:
        return None
    gap = dt.datetime.strptime(snapshot.date, STAMP) - dt.datetime.strptime(published, STAMP)
    return gap.total_seconds() / 86400


def select(posts: Sequence[Post], snapshots: Iterable[Snapshot], day: int | None, now: str) -> Selection:
    """The posts' figures at day `day` after publishing (or their latest ones when `day` is None)."""
    histories = history.by_post(snapshots)
    if day is None:
        return Selection(None, [Measured(p, histories[p.key][-1]) for p in posts if p.key in histories])
    chosen = Selection(day, [])
    for post in posts:
        moment = day_n(post.published_at, day)
        if not moment:
            chosen.undated.append(post)
        elif moment > now:
            chosen.younger.append(post)
        elif (found := history.at_or_before(histories.get(post.key, []), moment)) is None:
            chosen.unmeasured.append(post)
        else:
            chosen.measured.append(Measured(post, found))
    return chosen
