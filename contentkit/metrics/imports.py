"""`contentkit metrics import`: an export's rows matched to published posts by URL, as new snapshots.

plan() reads everything and writes nothing; run() plans under the repo lock and appends the new
snapshots. A row whose figures equal the post's latest snapshot is unchanged, so importing the same
file twice adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from contentkit import catalog
from contentkit.errors import Hint, RepoError
from contentkit.metrics import importers, posts, record, urls
from contentkit.repo import Repo

RECORDED, UNCHANGED, UNMATCHED, INCOMPLETE = "recorded", "unchanged", "unmatched", "incomplete"
STATES = (RECORDED, UNCHANGED, UNMATCHED, INCOMPLETE)


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
        if self.note:
            data["note"] = self.note
        return data


@dataclass(frozen=True)
class Plan:
    file: str
    kind: str
    date: str
    outcomes: list[Outcome]

    @property
    def new(self) -> list[record.Snapshot]:
        return [o.snapshot for o in self.outcomes if o.state == RECORDED and o.snapshot is not None]

    def of(self, state: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.state == state]

    def to_json(self) -> dict[str, object]:
        return {"file": self.file, "kind": self.kind, "date": self.date,
                **{state: [o.to_json() for o in self.of(state)] for state in STATES}}


def plan(repo: Repo, path: Path, shown: str, at: str | None, now: str) -> Plan:
    rows, kind = importers.read_rows(path, shown)
    source = kind if kind != "csv" else path.name
    date = record.when(at, now)
    current = record.latest(record.read(repo))
    published = posts.published(repo, catalog.collect(repo))
    by_url = {urls.key(p.url): p for p in published if p.url}
    outcomes = []
    for row in rows:
        post = by_url.get(row.key)
        outcome = _outcome(row, post, date, source, current)
        if outcome.state == RECORDED and outcome.snapshot is not None:
            current[outcome.post] = outcome.snapshot
        outcomes.append(outcome)
    return Plan(shown, kind, date, outcomes)


def _outcome(
    row: importers.Row, post: posts.Post | None, date: str, source: str, current: dict[str, record.Snapshot]
) -> Outcome:
    if post is None:
        return Outcome(UNMATCHED, row.url, row.where, note="no published post has this URL")
    published = record.utc(post.published_at)
    if published and date < published:
        raise RepoError([Hint("at"), f" {date} is before {post.key} was published ({published})"])
    snapshot = _snapshot(post.key, row, date, source)
    if snapshot is None:
        note = "no impressions or no engagement figures"
        return Outcome(INCOMPLETE, row.url, row.where, post.key, note=note)
    known = current.get(post.key)
    if known is not None and known.figures == snapshot.figures:
        return Outcome(UNCHANGED, row.url, row.where, post.key, known)
    return Outcome(RECORDED, row.url, row.where, post.key, snapshot)


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


def run(repo: Repo, path: Path, shown: str, at: str | None, now: str, dry_run: bool) -> Plan:
    """Plan, and unless a dry run append the new snapshots, all under the repo lock."""
    if dry_run:
        return plan(repo, path, shown, at, now)
    with repo.lock():
        result = plan(repo, path, shown, at, now)
        if result.new:
            record.append_locked(repo, result.new)
    return result
