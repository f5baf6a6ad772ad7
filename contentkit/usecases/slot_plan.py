"""Drafts onto posting slots: `schedule DRAFT --next-slot` and `schedule --plan`.

A slot is free when no scheduled or published draft of its platform falls in it: from the slot's
moment up to the next slot of that platform. `plan_layout` takes the ready drafts (developed, not
scheduled or published, of a seed that is not archived), oldest seed first or by a ranking of
`contentkit stats` (the draft whose hook shape, angle, theme... did best first), and gives each the
next free slot of its platform, in the future. A draft that cannot be scheduled (over its limit)
is left out with the reason and takes no slot. Nothing is written until `apply`, which writes every
draft and INDEX.md together or none of them (the journal).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from contentkit.base import dates
from contentkit.base.errors import ContentkitError, UsageError
from contentkit.markdown import frontmatter
from contentkit.model import seed as seeds
from contentkit.model.lifecycle import State
from contentkit.store import catalog
from contentkit.store.drafts import read_draft
from contentkit.store.repo import Repo
from contentkit.store.slots import free
from contentkit.usecases import index
from contentkit.usecases.gaps import posts as timed_posts
from contentkit.usecases.metrics import posts, report, stats
from contentkit.usecases.schedule import (
    Plan,
    _draft,
    _profile,
    _refuse_over_limit,
    _refuse_published,
    plan_schedule,
)

READY_SKIPPED = (State.SCHEDULED, State.PUBLISHED)


@dataclass(frozen=True)
class Placed:
    draft: str
    platform: str
    when: str  # stored, with the writer's offset


@dataclass(frozen=True)
class Layout:
    placed: list[Placed]
    left_out: list[tuple[str, str]]  # (draft, why)
    writes: dict[Path, bytes] = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> list[dict[str, str]]:
        placed = [{"draft": p.draft, "platform": p.platform, "scheduled_at": p.when} for p in self.placed]
        return placed + [{"draft": d, "left_out": why} for d, why in self.left_out]


def taken(entries: list[catalog.Entry], but: str = "") -> dict[str, list[str]]:
    """The UTC times of every scheduled or published draft (but the draft `but`), by platform, in order."""
    found: dict[str, list[str]] = {}
    for post in timed_posts(entries):
        if post.draft != but:
            found.setdefault(post.platform, []).append(post.when)
    return found


def free_slots(repo: Repo, platform: str, busy: list[str], now: str) -> Iterator[str]:
    """The platform's free slots after `now`, soonest first, as stored times (with their offset)."""
    own = repo.config.schedule.slots_of(platform)
    return (dates.stored(m) for m in free(own, dates.zone(repo.config.timezone), busy, _moment(now)))


def next_slot(repo: Repo, platform: str, but: str = "") -> str:
    """The platform's next free slot (the draft `but` being moved frees its own); a usage error
    when the platform has no slots."""
    if not repo.config.schedule.slots_of(platform):
        raise UsageError(_no_slots(repo, platform))
    busy = taken(catalog.collect(repo).readable, but).get(platform, [])
    return next(free_slots(repo, platform, busy, dates.now_utc()))


def plan_next_slot(repo: Repo, ref: str, platform: str | None = None) -> Plan:
    """`schedule DRAFT --next-slot`: the draft at its platform's next free slot. Writes nothing."""
    path, rel, doc = _draft(repo, ref, platform)
    profile = _profile(repo, path, doc)
    return plan_schedule(repo, rel, next_slot(repo, profile.name, rel), platform)


def schedule_next_slot(repo: Repo, ref: str, platform: str | None = None) -> Plan:
    with repo.lock():
        result = plan_next_slot(repo, ref, platform)
        repo.write_all(result.writes)
    return result


def ready(entries: list[catalog.Entry], platform: str | None = None) -> list[tuple[catalog.Entry, str, str]]:
    """(seed entry, draft, platform) of every ready draft, oldest seed first (ties by path); a draft
    two seeds link to, once (with the older)."""
    oldest = sorted(entries, key=lambda e: (dates.instant(e.created), e.path))
    found = {
        draft: (entry, draft, where)
        for entry in reversed(oldest)
        if entry.status != State.ARCHIVED
        for draft, status, where, _at in entry.drafts()
        if status and status not in READY_SKIPPED and (platform is None or where == platform)
    }
    return sorted(found.values(), key=lambda row: (dates.instant(row[0].created), row[0].path))


def plan_layout(repo: Repo, by: str = "", platform: str | None = None) -> Layout:
    """The ready drafts on the next free slots of their platforms, and the writes. Writes nothing."""
    if platform is not None:
        repo.config.platform(platform)
    found = catalog.collect(repo)
    waiting = ready(found.readable, platform)
    notes: list[str] = []
    if by:
        waiting, notes = _ranked(repo, waiting, by)
    busy = taken(found.readable)
    now = dates.now_utc()
    placed: list[Placed] = []
    left_out: list[tuple[str, str]] = []
    writes: dict[Path, bytes] = {}
    changes: list[str] = []
    for _entry, draft, where in waiting:
        if not repo.config.schedule.slots_of(where):
            left_out.append((draft, _no_slots(repo, where)))
            continue
        when = next(free_slots(repo, where, busy.get(where, []), now))
        try:
            path, data = _scheduled(repo, draft, when)
        except ContentkitError as exc:
            left_out.append((draft, exc.message))
            continue
        busy.setdefault(where, []).append(dates.to_utc(when))
        placed.append(Placed(draft, where, when))
        writes[path] = data
        changes.append(f"update {draft}: status scheduled, scheduled_at {when}")
    if writes:
        index_bytes, index_old = index.plan(repo, catalog.collect(repo, writes))
        if index_bytes != index_old:
            writes[repo.index_path] = index_bytes
            changes.append(f"refresh {repo.config.index_file}")
    placed.sort(key=lambda p: (dates.to_utc(p.when), p.draft))
    return Layout(placed, left_out, writes, changes, notes)


def layout(repo: Repo, by: str = "", platform: str | None = None) -> Layout:
    """plan_layout, written: every draft and INDEX.md, or nothing."""
    with repo.lock():
        result = plan_layout(repo, by, platform)
        if result.writes:
            repo.write_all(result.writes)
    return result


def _scheduled(repo: Repo, draft: str, when: str) -> tuple[Path, bytes]:
    """The draft's new bytes, scheduled at `when` (the checks of `schedule`: not published, fits)."""
    path, rel, doc = _draft(repo, draft)
    _refuse_published(rel, doc, "scheduled")
    _refuse_over_limit(rel, doc, _profile(repo, path, doc))
    text = frontmatter.set_keys(
        doc, {"status": State.SCHEDULED, "scheduled_at": when},
        after={"status": "type", "scheduled_at": "status"},
    )
    return path, ((frontmatter.BOM if doc.bom else "") + text).encode("utf-8")


def _ranked(
    repo: Repo, waiting: list[tuple[catalog.Entry, str, str]], by: str
) -> tuple[list[tuple[catalog.Entry, str, str]], list[str]]:
    """The ready drafts, those whose group did best in `contentkit stats --by BY` first (groups with
    too few posts after the others, drafts of a group with no figures last); oldest seed first within."""
    if by not in stats.KEYS:
        raise UsageError(f"--by '{by}' is not a ranking (one of: {', '.join(stats.KEYS)})")
    built = report.build(repo, by, repo.config.stats_min_posts)
    ordered = stats.best_first(built.groups)
    enough = [g for g in ordered if not g.too_few] + [g for g in ordered if g.too_few]
    ranks = {g.name: n for n, g in enumerate(enough)}
    if not ranks:
        return waiting, [f"no figures to rank by {by} yet (contentkit metrics): oldest seed first"]
    keyed = [(min((ranks.get(n, len(ranks)) for n in _groups(repo, e, d, by)), default=len(ranks)), i)
             for i, (e, d, _p) in enumerate(waiting)]
    return [waiting[i] for _rank, i in sorted(keyed)], []


def _groups(repo: Repo, entry: catalog.Entry, draft: str, by: str) -> tuple[str, ...]:
    """The groups of `stats --by BY` the draft would fall in, were it published now."""
    try:
        seed = seeds.load_in(repo, repo.root / entry.path)
        text, meta = read_draft(repo.root / draft, draft)
    except ContentkitError:
        return ()
    return stats.KEYS[by](posts._post(seed, draft, text, meta))


def _no_slots(repo: Repo, platform: str) -> str:
    name = repo.config.platforms[platform].display_name if platform in repo.config.platforms else platform
    return f"{name} has no posting slots: add [schedule] slots = [\"Tue 08:30\"] (or [schedule.{platform}])"


def _moment(utc: str) -> dt.datetime:
    return dt.datetime.strptime(utc, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)

