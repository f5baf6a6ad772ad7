"""A post's figures over time, from the snapshots of the metrics file, overlapping exports merged.

An imported snapshot's `source` says which export it came from and when that export was made
(`linkedin-xlsx; exported 2025-12-01`), and marks a day the export was still counting
(`...; still counting`: the export's last days, whose figures were not final when it was made).
On one post and date the snapshot of the newer export wins (then a day it had finished counting over
one still counting, then the higher figures). A snapshot recorded by hand (no export named) counts as
made on its own date and wins over an export made that day; of two such the later row wins (a
correction). The winner does not
depend on the order the exports were imported in, so merging overlapping exports in any order gives
the same figures.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from contentkit.usecases.metrics.record import Snapshot

COUNTING = "still counting"
_MARK = re.compile(
    r"(?P<label>.*?); exported (?P<day>[0-9]{4}-[0-9]{2}-[0-9]{2})(?P<counting>; still counting)?"
)


@dataclass(frozen=True)
class Provenance:
    label: str  # the export's kind or file name; 'manual' for a snapshot recorded by hand
    exported: str  # YYYY-MM-DD: when the export was made ('' when the source does not say)
    counting: bool  # the export was still counting this day


def provenance(source: str) -> Provenance:
    found = _MARK.fullmatch(source)
    if found is None:
        return Provenance(source, "", False)
    return Provenance(found["label"], found["day"], bool(found["counting"]))


def source(label: str, exported: str, counting: bool) -> str:
    """The source cell of an imported snapshot (provenance() reads it back)."""
    return f"{label}; exported {exported}" + (f"; {COUNTING}" if counting else "")


def still_counting(day: str, exported: str, days: int) -> bool:
    """A day within `days` days of the export date (YYYY-MM-DD both) was still being counted."""
    gap = dt.date.fromisoformat(exported) - dt.date.fromisoformat(day)
    return gap.days < days


def _strength(n: int, snapshot: Snapshot) -> tuple[str, bool, int, tuple[int, ...]]:
    known = provenance(snapshot.source)
    exported = known.exported or snapshot.date[:10]
    manual = -1 if known.exported else n  # by hand: the later row wins
    figures = tuple(-1 if v is None else v for v in snapshot.figures)
    return exported, not known.counting, manual, figures


def winners(snapshots: Iterable[Snapshot]) -> dict[tuple[str, str], Snapshot]:
    """(post, date) -> the snapshot that counts for that post on that date."""
    best: dict[tuple[str, str], tuple[tuple[str, bool, int, tuple[int, ...]], Snapshot]] = {}
    for n, snapshot in enumerate(snapshots):
        key = (snapshot.draft, snapshot.date)
        strength = _strength(n, snapshot)
        if key not in best or strength > best[key][0]:
            best[key] = (strength, snapshot)
    return {key: snapshot for key, (_, snapshot) in best.items()}


def beats(new: Snapshot, known: Snapshot) -> bool:
    """Whether an imported snapshot `new` wins over `known`, of the same post and date, as winners()
    would decide it once `new` is appended."""
    return _strength(1, new) > _strength(0, known)


def by_post(snapshots: Iterable[Snapshot]) -> dict[str, list[Snapshot]]:
    """Each post's winning snapshots, oldest first."""
    found: dict[str, list[Snapshot]] = {}
    for (post, _), snapshot in sorted(winners(snapshots).items()):
        found.setdefault(post, []).append(snapshot)
    return found


def at_or_before(history: list[Snapshot], moment: str) -> Snapshot | None:
    """The last snapshot of a post's history (oldest first) dated at or before `moment`."""
    found = None
    for snapshot in history:
        if snapshot.date > moment:
            break
        found = snapshot
    return found


def current(snapshots: Iterable[Snapshot]) -> dict[str, Snapshot]:
    """Each post's latest winning snapshot."""
    return {post: history[-1] for post, history in by_post(snapshots).items()}
