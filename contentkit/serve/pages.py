"""The data of the served pages, read fresh from the files on every request. No writes anywhere."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from contentkit import html
from contentkit.base import dates
from contentkit.base.dates import moment_of
from contentkit.base.dates import zone as zone_of
from contentkit.base.errors import ContentkitError
from contentkit.base.files import real
from contentkit.html import feed
from contentkit.markdown import frontmatter
from contentkit.model import seed as seeds
from contentkit.model.lifecycle import State, folder_platform
from contentkit.model.seed import text_of
from contentkit.store import catalog, query
from contentkit.store.drafts import load_draft, seed_title
from contentkit.store.repo import Repo
from contentkit.store.where import decoded, matcher
from contentkit.usecases import calendar_feed, gaps
from contentkit.usecases.metrics import report

NAV = (("Dashboard", "/"),)


def known(repo: Repo, rel: str, kind: str) -> Path | None:
    """The seed or draft named by a request path, or None (a 404) for anything else.

    Only a file the repo lists as a seed (or draft) is served, and only when its real path stays in
    the repo: `..`, encoded or not, absolute paths and symlinks that leave the repo find nothing.
    """
    if not rel or "\x00" in rel or "\\" in rel or rel.startswith("/") or ".." in rel.split("/"):
        return None
    files = repo.seed_files() if kind == "seed" else repo.draft_files()
    wanted = repo.root / rel
    for path in files:
        if path == wanted and repo.inside(path) and real(path).is_file():
            return path
    return None


def _draft_meta(repo: Repo, path: Path) -> dict[str, Any]:
    try:
        text, _ = frontmatter.decode(path.read_bytes(), Path(repo.rel(path)))
        fenced = frontmatter.has_front_matter(text)
        return frontmatter.parse(text, Path(repo.rel(path))).meta if fenced else {}
    except (ContentkitError, OSError):
        return {}


def dashboard(repo: Repo, week: str = "", where: Sequence[str] = ()) -> str:
    """The dashboard: the pipeline with its counts, the week's calendar, what works, every seed.

    `week` is a day (YYYY-MM-DD) of the week to show; '' or anything else: this week, in local time.
    `where` (the `where` query parameters) keeps the seeds that pass them all, as `list --where` does
    (a UsageError, shown as the page, for one that cannot be read).
    """
    cat = catalog.collect(repo.with_store(None))
    entries = sorted(_kept(repo, cat.readable, where), key=lambda e: (e.created, e.path), reverse=True)
    statuses = [*repo.config.statuses, *sorted({e.status for e in entries} - set(repo.config.statuses))]
    groups = [(s, [_row(repo, e) for e in entries if e.status == s]) for s in statuses]
    zone = zone_of(repo.config.timezone)
    events = [_event(e, zone) for e in calendar_feed.events(repo)]
    monday = _monday(week)
    days = [monday + dt.timedelta(days=n) for n in range(7)]
    current = monday == _monday("")
    in_week = [e for e in events if days[0] <= e["day"] <= days[-1]]
    draft_states = [text_of(_draft_meta(repo, p).get("status")) for p in repo.draft_files()]
    pipeline = _pipeline(entries, draft_states, in_week, events, current)
    return html.page(
        "dashboard.html.j2",
        zone,
        live=True,
        pipeline=pipeline,
        total=len(entries),
        drafts=len(draft_states),
        week=[(day, [e for e in in_week if e["day"] == day]) for day in days],
        today=dt.date.today(),
        current=current,
        quiet=not in_week,
        previous=(monday - dt.timedelta(days=7)).isoformat(),
        following=(monday + dt.timedelta(days=7)).isoformat(),
        upcoming=[e for e in events if e["status"] == State.SCHEDULED and e["day"] > days[-1]],
        groups=[(s, rows) for s, rows in groups if rows],
        broken=cat.broken,
        works=works(repo),
        names={name: profile.display_name for name, profile in repo.config.platforms.items()},
        where=list(where),
        gaps=[g.message(zone) for g in gaps.since(cat.readable, repo.config, dates.now_utc())],
    )


def _kept(repo: Repo, entries: list[catalog.Entry], texts: Sequence[str]) -> list[catalog.Entry]:
    config = repo.config
    tests = query.wheres(texts, entries, config.aliases, (*config.known_keys, *config.required))
    if not tests:
        return entries
    passes = matcher(tests)
    return [e for e in entries if passes(decoded(e.front))]


def _pipeline(
    entries: list[catalog.Entry], draft_states: list[str], in_week: list[dict[str, Any]],
    events: list[dict[str, Any]], current: bool,
) -> list[tuple[str, str, str]]:
    """The four stages a post goes through, each (key, count with its noun, what it means)."""
    plural = html.plural
    return [
        ("ready", plural(sum(e.status == State.SEED for e in entries), "seed"), "ready to develop"),
        ("develop", plural(sum(s not in (State.SCHEDULED, State.PUBLISHED) for s in draft_states), "draft"),
         "to schedule"),
        ("week", plural(sum(e["status"] == State.SCHEDULED for e in in_week), "post"),
         f"scheduled {'this' if current else 'that'} week"),
        ("published", plural(sum(e["status"] == State.PUBLISHED for e in events), "post"), "published"),
    ]


def calendar(repo: Repo) -> bytes:
    """The iCalendar feed `contentkit calendar` writes, for a calendar app to subscribe to."""
    return calendar_feed.feed(repo)


def _monday(week: str) -> dt.date:
    """The Monday of the week holding the day `week` names; this week's for '' or a bad value."""
    try:
        day = dt.date.fromisoformat(week) if len(week) == 10 else dt.date.today()
    except ValueError:
        day = dt.date.today()
    return day - dt.timedelta(days=day.weekday())


def _event(event: Any, zone: dt.tzinfo | None) -> dict[str, Any]:
    """A calendar event as the dashboard shows it: its local day and time, title, platform, link."""
    moment = moment_of(event.when)
    shown = html.local(moment, zone) if moment else None
    return {
        "day": shown.date() if shown else dt.date.min,
        "time": f"{shown:%H:%M}" if shown else "",
        "when": event.when,
        "title": event.title,
        "platform": event.platform,
        "status": event.status,
        "draft": event.draft,
        "url": event.url,
    }


def _row(repo: Repo, entry: catalog.Entry) -> dict[str, Any]:
    """A seed as the dashboard lists it: its title, and each draft with its platform and state."""
    drafts = [
        {"path": path, "platform": platform or folder_platform(path), "status": status or State.DRAFT,
         "when": at}
        for path, status, platform, at in entry.drafts()
    ]
    return {"entry": entry, "drafts": drafts}


WORKS_BY = ("hook", "theme", "platform", "weekday", "length")


def works(repo: Repo) -> list[dict[str, Any]]:
    """The breakdowns of `contentkit stats`, one bar chart each, for the dashboard; [] without metrics.

    A bar is a group's median engagement rate, scaled to the best group of its breakdown.
    """
    charts = []
    for by in WORKS_BY:
        built = report.build(repo, by, repo.config.stats_min_posts)
        if not built.groups:
            return []  # no snapshot of a published post: nothing to chart
        top = max((g.median_rate or 0.0 for g in built.groups), default=0.0) or 1.0
        bars = [
            {
                "name": g.name,
                "posts": len(g.posts),
                "rate": g.median_rate,
                "impressions": g.median_impressions,
                "width": round(100 * (g.median_rate or 0.0) / top, 1),
                "too_few": g.too_few,
            }
            for g in built.groups
        ]
        charts.append({"by": report.TITLES.get(by, by), "bars": bars})
    return charts


def seed_page(repo: Repo, path: Path) -> str:
    seed = seeds.load_in(repo, path)
    drafts = sorted(
        rel
        for rel, meta in ((repo.rel(p), _draft_meta(repo, p)) for p in repo.draft_files())
        if text_of(meta.get("seed")) == seed.rel
    )
    return html.page("seed.html.j2", live=True, nav=NAV, seed=seed, drafts=drafts)


def draft_page(repo: Repo, path: Path) -> str:
    loaded = load_draft(repo, repo.rel(path), None)
    view = feed.build(loaded.rel, loaded.text, loaded.profile, seed_title(repo, loaded))
    zone = zone_of(repo.config.timezone)
    return html.preview(view, author=repo.config.author, live=True, nav=NAV, zone=zone)
