"""`contentkit metrics import`: an export's rows matched to published posts by URL, as new snapshots.

plan() reads everything and writes nothing; run() plans under the repo lock and appends the new
snapshots. The figures are dated by `--at`, else by the last date in the file's name (LinkedIn names
an export `Content_2025-11-01_2025-11-30.xlsx`: the figures as of its last day), else now. Each
snapshot names its export and the day it was made (history.py), and a day within `counting_days` of
that is marked still counting. Overlapping exports merge as history.py says: on one post and date
the newer export wins, so the order of imports does not change the figures. A row that would not win
over the snapshot already there for its post and date is not recorded: unchanged (the same figures)
or superseded (a newer export's figures for that day are there), so importing a file twice adds
nothing.

A LinkedIn TOP POSTS table that is full (importers.FULL rows) may have left posts out: the plan names
the published posts of the export's platforms and period that are not in it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from contentkit.base.errors import RepoError, UsageError
from contentkit.base.words import plural
from contentkit.store import catalog
from contentkit.store.repo import Repo
from contentkit.usecases.metrics import exports as importers
from contentkit.usecases.metrics import history, posts, record, urls

RECORDED, UNCHANGED, UNMATCHED, INCOMPLETE = "recorded", "unchanged", "unmatched", "incomplete"
SUPERSEDED = "superseded"
AT, NAME, NOW = "--at", "file name", "now"
STATES = (RECORDED, UNCHANGED, SUPERSEDED, UNMATCHED, INCOMPLETE)
COUNTING_DAYS = 2  # the last days of an export still counting (LinkedIn's figures settle after a day or two)
_DAY = re.compile(r"(?<![0-9])([0-9]{4}-[0-9]{2}-[0-9]{2})(?![0-9])")


@dataclass(frozen=True)
class Outcome:
    state: str  # RECORDED, UNCHANGED, UNMATCHED or INCOMPLETE
    url: str
    where: str  # the row in the file
    post: str = ""  # the post's key in the metrics file; '' when unmatched
    snapshot: record.Snapshot | None = None
    note: str = ""

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"url": self.url, "where": self.where}
        if self.post:
            data["post"] = self.post
        if self.snapshot is not None:
            data.update({k: v for k, v in self.snapshot.to_json().items() if k in record.COUNTS})
            data["still_counting"] = history.provenance(self.snapshot.source).counting
        if self.note:
            data["note"] = self.note
        return data


@dataclass(frozen=True)
class Period:
    """What the export covers: its first and last day (the first '' when unknown), when it was made."""

    start: str
    end: str
    exported: str
    counting_days: int
    dated_by: str  # where the last day came from: AT, NAME or NOW

    def date(self, now: str) -> str:
        """The figures' date: the last day's start (UTC), never later than now; now when undated."""
        return now if self.dated_by == NOW else min(f"{self.end}T00:00:00Z", now)

    def to_json(self) -> dict[str, object]:
        return {"start": self.start or None, "end": self.end, "exported": self.exported,
                "counting_days": self.counting_days, "dated_by": self.dated_by}


@dataclass(frozen=True)
class Plan:
    file: str
    kind: str
    date: str
    outcomes: list[Outcome]
    period: Period | None = None
    full: int = 0  # the rows of a full TOP POSTS table (0: not full)
    missing: list[str] = field(default_factory=list)  # published posts a full table left out

    @property
    def new(self) -> list[record.Snapshot]:
        return [o.snapshot for o in self.outcomes if o.state == RECORDED and o.snapshot is not None]

    def of(self, state: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.state == state]

    @property
    def warnings(self) -> list[str]:
        if not self.full:
            return []
        head = f"{self.file}: the TOP POSTS table lists {self.full} posts, the most it holds"
        if not self.missing:
            return [f"{head}: posts may be missing from it (a shorter period lists them)"]
        period = self.period
        when = f" from {period.start} to {period.end}" if period and period.start else ""
        verb = "is" if len(self.missing) == 1 else "are"
        return [
            f"{head}: {plural(len(self.missing), 'post')} published{when} {verb} not in it, so this file "
            f"has no figures for them (a shorter period lists them): {', '.join(self.missing)}"
        ]

    def to_json(self) -> dict[str, object]:
        return {"file": self.file, "kind": self.kind, "date": self.date,
                "period": self.period.to_json() if self.period else None,
                **{state: [o.to_json() for o in self.of(state)] for state in STATES},
                "full_table": self.full or None, "missing": self.missing, "warnings": self.warnings}


def period_of(name: str, at: str | None, exported: str | None, now: str, made: float | None,
              counting_days: int = COUNTING_DAYS) -> Period:
    """The export's period: its last day from `at`, else the last date in its file name, else now;
    its first day from a second date in the name; when it was made from `exported`, else the file's
    modification time `made` (when a browser saved it), never later than now nor before its last day."""
    days = [day for day in _DAY.findall(Path(name).stem) if _is_day(day)]
    end, dated_by = (record.when(at, now)[:10], AT) if at else (days[-1], NAME) if days else (now[:10], NOW)
    start = days[0] if len(days) > 1 and days[0] <= end else ""
    if exported:
        try:
            day = record.when(exported, now)[:10]
        except UsageError:
            raise UsageError(f"--exported '{exported}' is not YYYY-MM-DD or an ISO 8601 date-time") from None
        except RepoError:
            raise UsageError(f"--exported {exported} is in the future (now: {now})") from None
        if day < end:
            raise UsageError(f"--exported {day} is before the export's last day ({end})")
    else:
        modified = dt.datetime.fromtimestamp(made, dt.timezone.utc).date().isoformat() if made else now[:10]
        day = max(min(modified, now[:10]), end)
    return Period(start, end, day, counting_days, dated_by)


def _is_day(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def plan(repo: Repo, path: Path, shown: str, at: str | None, now: str, exported: str | None = None,
         counting_days: int = COUNTING_DAYS) -> Plan:
    export = importers.read_export(path, shown)
    kind = export.kind
    label = kind if kind != "csv" else path.name
    period = period_of(path.name, at, exported, now, _modified(path), counting_days)
    date = record.when(at, now) if at else period.date(now)
    counting = history.still_counting(date[:10], period.exported, counting_days)
    source = history.source(label, period.exported, counting)
    known = history.winners(record.read(repo))
    published = posts.published(repo, catalog.collect(repo))
    by_url = {urls.key(p.url): p for p in published if p.url}
    outcomes = []
    for row in export.rows:
        post = by_url.get(row.key)
        outcome = _outcome(row, post, date, source, known)
        if outcome.state == RECORDED and outcome.snapshot is not None:
            known[(outcome.post, date)] = outcome.snapshot
        outcomes.append(outcome)
    full = export.longest if export.longest >= importers.FULL.get(kind, export.longest + 1) else 0
    missing = _missing(published, outcomes, period) if full else []
    return Plan(shown, kind, date, outcomes, period, full, missing)


def _modified(path: Path) -> float | None:
    try:
        return path.stat().st_mtime
    except OSError:
        return None


def _missing(published: list[posts.Post], outcomes: list[Outcome], period: Period) -> list[str]:
    """The published posts of the platforms the export's rows belong to, published within its period,
    that it does not list."""
    listed = {o.post for o in outcomes if o.post}
    platforms = {p.platform for p in published if p.key in listed}
    found = []
    for p in published:
        day = record.utc(p.published_at)[:10]
        within = bool(day) and (period.start or day) <= day <= period.end
        if p.platform in platforms and within and p.key not in listed:
            found.append(p.key)
    return found


def _outcome(
    row: importers.Row, post: posts.Post | None, date: str, source: str,
    known: dict[tuple[str, str], record.Snapshot],
) -> Outcome:
    if post is None:
        return Outcome(UNMATCHED, row.url, row.where, note="no published post has this URL")
    published = record.utc(post.published_at)
    if published and date < published:
        raise RepoError(f"the figures' date {date} is before {post.key} was published ({published})")
    snapshot = _snapshot(post.key, row, date, source)
    if snapshot is None:
        note = "no impressions or no engagement figures"
        return Outcome(INCOMPLETE, row.url, row.where, post.key, note=note)
    there = known.get((post.key, date))
    if there is None or history.beats(snapshot, there):
        return Outcome(RECORDED, row.url, row.where, post.key, snapshot)
    if there.figures == snapshot.figures:
        return Outcome(UNCHANGED, row.url, row.where, post.key, there)
    note = f"the snapshot of this day from {there.source} is kept"
    return Outcome(SUPERSEDED, row.url, row.where, post.key, snapshot, note)


def _snapshot(key: str, row: importers.Row, date: str, source: str) -> record.Snapshot | None:
    figures = dict(row.figures)
    total = figures.pop("engagements", None)
    if figures.get("reactions") is None and total is not None:
        figures["reactions"] = total  # a total only: counted as reactions, comments and reposts unknown
    impressions, reactions = figures.get("impressions"), figures.get("reactions")
    if impressions is None or reactions is None:
        return None
    return record.Snapshot(
        key, date, impressions, reactions, figures.get("comments"), figures.get("reposts"),
        figures.get("members_reached"), figures.get("clicks"), figures.get("saves"), source,
    )


def run(repo: Repo, path: Path, shown: str, at: str | None, now: str, dry_run: bool,
        exported: str | None = None, counting_days: int = COUNTING_DAYS) -> Plan:
    """Plan, and unless a dry run append the new snapshots, all under the repo lock."""
    if dry_run:
        return plan(repo, path, shown, at, now, exported, counting_days)
    with repo.lock():
        result = plan(repo, path, shown, at, now, exported, counting_days)
        if result.new:
            record.append_locked(repo, result.new)
    return result
