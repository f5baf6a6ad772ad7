"""Orderings of the groups of `stats`: best first (rank), and the hook shape or angle to try next.

rank() is what a planner asks ("which hook shapes work best, in order?"): the groups of `by`, best
first by their median post's engagement against its own platform's median, groups with too few posts
after the others. next_try() suggests the group least tried for how well it did: of the hook shapes
and angles whose median post did at least as well as its platform's median, the one with the fewest
posts (ties: the higher lift, then the name); when none did, the one that came closest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from contentkit.base.words import plural
from contentkit.store.repo import Repo
from contentkit.usecases.metrics import compare, report
from contentkit.usecases.metrics.bootstrap import LEVEL

TRIED = ("hook", "angle")  # what next_try() chooses among (a writer picks both before writing)
NONE = "(none)"  # the group of posts with no angle: nothing to try


def ranked(found: Sequence[compare.Compared]) -> list[compare.Compared]:
    """Best first by lift over the platform baseline (then median rate, posts, name); too few last."""

    def key(c: compare.Compared) -> tuple[bool, float, float, int, str]:
        lift = c.lift.value if c.lift.value is not None else float("-inf")
        rate = c.rate.value if c.rate.value is not None else float("-inf")
        return c.group.too_few, -lift, -rate, -len(c.group.posts), c.group.name

    return sorted(found, key=key)


def rank(repo: Repo, by: str, at_day: int | None = None, now: str = "") -> list[str]:
    """The group names of `by` (a key of stats.KEYS: hook, angle, theme, ...), best first; [] when no
    published post has figures. stats.KEYS[by] gives a post's groups, stats.hook_shape a hook's shape."""
    built = report.build(repo, by, repo.config.stats_min_posts, at_day, now)
    return [c.group.name for c in ranked(built.compared)]


@dataclass(frozen=True)
class Suggestion:
    by: str  # 'hook' (a hook shape) or 'angle'
    chosen: compare.Compared
    most_tried: compare.Compared  # the group with the most posts, for comparison
    beat_baseline: bool  # False: no group did as well as its platform's median; this came closest

    def to_json(self) -> dict[str, object]:
        return {
            "by": self.by,
            "group": self.chosen.group.name,
            "beat_baseline": self.beat_baseline,
            **{k: v for k, v in self.chosen.to_json().items() if k != "group"},
            "most_tried": {"group": self.most_tried.group.name, "posts": len(self.most_tried.group.posts),
                           "vs_platform": self.most_tried.lift.value},
            "rule": "of the hook shapes and angles whose median post did at least as well as its "
                    "platform's median, the one with the fewest posts",
        }


def next_try(found: dict[str, Sequence[compare.Compared]]) -> Suggestion | None:
    """`found`: the compared groups of each of TRIED. None when no group has a lift."""
    candidates = [(by, c) for by, cs in found.items() for c in cs
                  if c.lift.value is not None and c.group.name != NONE]
    if not candidates:
        return None
    good = [(by, c) for by, c in candidates if (c.lift.value or 0.0) >= 0]
    if good:
        by, chosen = min(good, key=lambda bc: (len(bc[1].group.posts), -(bc[1].lift.value or 0.0),
                                               bc[0], bc[1].group.name))
    else:
        by, chosen = max(candidates, key=lambda bc: ((bc[1].lift.value or 0.0), bc[0], bc[1].group.name))
    named = [c for c in found[by] if c.group.name != NONE]
    most = max(named, key=lambda c: (len(c.group.posts), c.group.name))
    return Suggestion(by, chosen, most, bool(good))


def suggest(repo: Repo, at_day: int | None = None, now: str = "") -> Suggestion | None:
    """next_try() over the repo's hook shapes and angles (at `at_day` when given)."""
    least = repo.config.stats_min_posts
    return next_try({by: report.build(repo, by, least, at_day, now).compared for by in TRIED})


WHAT = {"hook": "hook shape", "angle": "angle"}


def next_text(found: Suggestion | None, day: int | None) -> str:
    """stats --next as one line: the suggestion and the numbers behind it."""
    when = f" at day {day}" if day is not None else ""
    if found is None:
        return f"Nothing to suggest yet: no hook shape or angle has an engagement rate{when}.\n"
    c, most = found.chosen, found.most_tried
    interval = c.lift.interval
    spread = (f", {LEVEL:.0%} interval {report.lift_text(interval.low)} to {report.lift_text(interval.high)}"
              if interval else ", too few to say how sure")
    why = (
        "the least tried of the hook shapes and angles that did at least as well as their platform's median"
        if found.beat_baseline
        else "no hook shape or angle did as well as its platform's median: this came closest"
    )
    most_lift = report.lift_text(most.lift.value)
    against = ("" if most.group.name == c.group.name
               else f"; {most.group.name} has the most, {len(most.group.posts)}, at {most_lift}")
    return (
        f"Next, try the {WHAT[found.by]} '{c.group.name}': "
        f"{plural(len(c.group.posts), 'post')} so far{when}, "
        f"median engagement {report.rate_text(c.rate.value)}, "
        f"{report.lift_text(c.lift.value)} against its platform{spread} "
        f"({why}{against}).\n"
    )
