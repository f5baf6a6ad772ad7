"""A group's figures told with their uncertainty: each median beside its bootstrap interval
(bootstrap.py), and each post against its own platform's median engagement (its baseline), so that
LinkedIn and X posts are not mixed into one yardstick.

A post's lift is its engagement rate over its platform's median rate, less 1 (+0.2: a fifth above
what is usual on that platform); a post without a rate, or on a platform whose median rate is 0,
has none. A group with too few posts gets no interval: too few to say.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from contentkit.usecases.metrics import bootstrap
from contentkit.usecases.metrics.stats import Group, Measured


@dataclass(frozen=True)
class Baseline:
    platform: str
    rate: float | None  # the median engagement rate of the platform's posts
    posts: int  # posts with a rate

    def to_json(self) -> dict[str, object]:
        return {"platform": self.platform, "median_engagement_rate": self.rate, "posts": self.posts}


@dataclass(frozen=True)
class Median:
    value: float | None
    interval: bootstrap.Interval | None  # None: no values, or too few to say

    def to_json(self) -> dict[str, object]:
        return {"median": self.value, "interval": self.interval.to_json() if self.interval else None}


@dataclass(frozen=True)
class Compared:
    group: Group
    impressions: Median
    rate: Median
    lift: Median  # the median of the group's posts' lifts over their platforms' baselines

    def to_json(self) -> dict[str, object]:
        return {
            **self.group.to_json(),
            "median_impressions_interval": self.impressions.to_json()["interval"],
            "median_engagement_rate_interval": self.rate.to_json()["interval"],
            "vs_platform": self.lift.value,
            "vs_platform_interval": self.lift.to_json()["interval"],
        }


def _platform(m: Measured) -> str:
    return m.post.platform or "(none)"


def baselines(posts: Sequence[Measured]) -> dict[str, Baseline]:
    """Each platform's median engagement rate over the posts being compared."""
    rates: dict[str, list[float]] = {}
    for m in posts:
        rates.setdefault(_platform(m), [])
        if m.rate is not None:
            rates[_platform(m)].append(m.rate)
    return {
        name: Baseline(name, statistics.median(found) if found else None, len(found))
        for name, found in sorted(rates.items())
    }


def lift(m: Measured, base: dict[str, Baseline]) -> float | None:
    known = base.get(_platform(m))
    if m.rate is None or known is None or not known.rate:
        return None
    return m.rate / known.rate - 1


def _median(values: list[float], seed: str, too_few: bool, level: float) -> Median:
    if not values:
        return Median(None, None)
    interval = None if too_few else bootstrap.interval(values, seed, level)
    return Median(statistics.median(values), interval)


def compare(groups: Sequence[Group], base: dict[str, Baseline], seed: str,
            level: float = bootstrap.LEVEL) -> list[Compared]:
    """Each group's medians with their intervals; each interval's generator is seeded by `seed`, the
    group and the figure, so a group's interval does not depend on the other groups."""
    found = []
    for g in groups:
        figures: dict[str, Callable[[Measured], float | None]] = {
            "impressions": lambda m: float(m.snapshot.impressions),
            "rate": lambda m: m.rate,
            "lift": lambda m: lift(m, base),
        }
        medians = {
            name: _median([v for m in g.posts if (v := value(m)) is not None], f"{seed}/{g.name}/{name}",
                          g.too_few, level)
            for name, value in figures.items()
        }
        found.append(Compared(g, medians["impressions"], medians["rate"], medians["lift"]))
    return found
