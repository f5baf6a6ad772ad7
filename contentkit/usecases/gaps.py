"""Gaps in the posting rhythm: stretches longer than the platform's `gap_days` with no post of it.

Days are calendar days in the repo's `timezone` (UTC when it names none, as INDEX.md shows times).
A post is a scheduled or published draft, at its `scheduled_at` (a draft published from the schedule
keeps it), else at its seed's `published_at`; the catalog (the cache's rows) has both, so no file
is read. INDEX.md shows the gaps in the plan, from the latest published post of each platform on
(a pure function of the files: the same files give the same bytes whatever the day); the dashboard,
read live, also shows how long it has been since the last post.

Only a platform with a cadence (slots, or a `gap_days`) has gaps.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from contentkit.base import dates
from contentkit.base.errors import UsageError
from contentkit.model.lifecycle import State
from contentkit.store.where import decoded

if TYPE_CHECKING:
    from contentkit.store.catalog import Entry
    from contentkit.store.config import Config

DAY = 24 * 3600


@dataclass(frozen=True)
class Post:
    draft: str
    platform: str
    when: str  # UTC YYYY-MM-DDTHH:MM:SSZ
    status: str  # scheduled | published


@dataclass(frozen=True)
class Gap:
    """`days` whole days with no post of `platform` after `start`, up to `end` (a post, or now);
    `end` is '' when nothing follows `start` at all."""

    platform: str
    name: str  # its display name: "LinkedIn"
    start: str
    end: str
    days: int
    current: bool = False  # up to now: nothing since `start`, nothing scheduled

    def message(self, tz: dt.tzinfo | None = None) -> str:
        """`no LinkedIn post in 9 days: Tue 1 Dec 2026, 08:30 to Thu 10 Dec 2026, 08:30`, times in `tz`."""
        start = dates.readable(self.start, tz)
        if not self.end:
            return f"no {self.name} post scheduled after {start}"
        if self.current:
            return f"no {self.name} post in {self.days} days (the last: {start}), nothing scheduled"
        return f"no {self.name} post in {self.days} days: {start} to {dates.readable(self.end, tz)}"


def posts(entries: Iterable[Entry]) -> list[Post]:
    """Every scheduled or published draft of the entries with a known time, by time."""
    found = set()
    for entry in entries:
        seed_at = ""
        for draft, status, platform, at in entry.drafts():
            if status not in (State.SCHEDULED, State.PUBLISHED):
                continue
            if not at and status == State.PUBLISHED:
                seed_at = seed_at or _utc(str(decoded(entry.front).get("published_at") or ""))
                at = seed_at
            if at:
                found.add(Post(draft, platform, at, status))
    return sorted(found, key=lambda p: (p.when, p.platform, p.draft))


def _cadenced(entries: Iterable[Entry], config: Config) -> Iterator[tuple[str, int, list[Post]]]:
    """Each platform with a gap_days (its own or from its slots), its limit and its posts in time order."""
    by_platform = _by_platform(posts(entries))
    for platform in sorted(by_platform):
        limit = config.schedule.gap_of(platform)
        if limit:
            yield platform, limit, by_platform[platform]


def planned(entries: Iterable[Entry], config: Config) -> list[Gap]:
    """The gaps from each platform's latest published post on: between it and the scheduled posts,
    and after the last of them (nothing scheduled). By platform name, then time."""
    tz = dates.zone(config.timezone or "UTC")
    found = []
    for platform, limit, times in _cadenced(entries, config):
        published = [p.when for p in times if p.status == State.PUBLISHED]
        start = max(published) if published else times[0].when
        ahead = [p.when for p in times if p.when >= start]
        found.extend(_between(platform, _name(config, platform), ahead, limit, tz))
        if not any(p.status == State.SCHEDULED and p.when >= start for p in times):
            found.append(Gap(platform, _name(config, platform), ahead[-1], "", 0))
    return found


def since(entries: Iterable[Entry], config: Config, now: str) -> list[Gap]:
    """For the live dashboard: each platform with a cadence whose last post before `now` is more than
    its gap_days ago, when no post of it is scheduled after now; then the gaps in the plan ahead."""
    tz = dates.zone(config.timezone or "UTC")
    found = []
    for platform, limit, timed in _cadenced(entries, config):
        times = [p.when for p in timed]
        past = [t for t in times if t <= now]
        ahead = [t for t in times if t > now]
        name = _name(config, platform)
        if past and not ahead and _days(past[-1], now, tz) > limit:
            found.append(Gap(platform, name, past[-1], now, _days(past[-1], now, tz), current=True))
        found.extend(_between(platform, name, past[-1:] + ahead, limit, tz))
    return found


def _between(platform: str, name: str, times: list[str], limit: int, tz: dt.tzinfo | None) -> list[Gap]:
    return [
        Gap(platform, name, a, b, _days(a, b, tz))
        for a, b in zip(times, times[1:], strict=False)
        if _days(a, b, tz) > limit
    ]


def _by_platform(found: list[Post]) -> dict[str, list[Post]]:
    grouped: dict[str, list[Post]] = {}
    for post in found:
        grouped.setdefault(post.platform, []).append(post)
    return grouped


def _name(config: Config, platform: str) -> str:
    profile = config.platforms.get(platform)
    return profile.display_name if profile is not None else platform


def _days(start: str, end: str, tz: dt.tzinfo | None) -> int:
    """Calendar days from one UTC time to another, in the writer's zone (Fri to Tue: 4)."""
    a, b = dates.moment_of(start), dates.moment_of(end)
    if a is None or b is None:
        return 0
    return (b.astimezone(tz).date() - a.astimezone(tz).date()).days


def _utc(value: str) -> str:
    try:
        return dates.parse_date(value, "published_at") if value else ""
    except UsageError:
        return ""
