"""The data of the served pages, read fresh from the files on every request. No writes anywhere."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from contentkit import catalog, feed, html, query
from contentkit import seed as seeds
from contentkit.drafts import load_draft, seed_title
from contentkit.errors import ContentkitError
from contentkit.files import real
from contentkit.markdown import frontmatter
from contentkit.repo import Repo
from contentkit.seed import text_of
from contentkit.where import decoded, matcher

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


def dashboard(repo: Repo, where: Sequence[str] = ()) -> str:
    """The dashboard; `where` (the `where` query parameters) keeps the seeds that pass them all, as
    `list --where` does (a UsageError, shown as the page, for one that cannot be read)."""
    cat = catalog.collect(repo.with_store(None))
    entries = sorted(_kept(repo, cat.readable, where), key=lambda e: (e.created, e.path), reverse=True)
    counts = Counter(e.status for e in entries)
    statuses = [*repo.config.statuses, *sorted(set(counts) - set(repo.config.statuses))]
    drafts = [repo.rel(p) for p in repo.draft_files()]
    upcoming = sorted(  # as INDEX.md's Upcoming table: scheduled drafts only, never published ones
        (
            {"path": rel, "when": at, "platform": platform}
            for rel, (status, platform, at) in ((rel, catalog.draft_facts(repo.root, rel)) for rel in drafts)
            if status == "scheduled" and at
        ),
        key=lambda row: (row["when"], row["path"]),
    )
    groups = [(s, [e for e in entries if e.status == s]) for s in statuses]
    return html.page(
        "dashboard.html.j2",
        live=True,
        counts=[(s, counts.get(s, 0)) for s in statuses],
        total=len(entries),
        drafts=len(drafts),
        groups=[(s, rows) for s, rows in groups if rows],
        upcoming=upcoming,
        broken=cat.broken,
        works=works(repo),
        where=list(where),
    )


def _kept(repo: Repo, entries: list[catalog.Entry], texts: Sequence[str]) -> list[catalog.Entry]:
    config = repo.config
    tests = query.wheres(texts, entries, config.aliases, (*config.known_keys, *config.required))
    if not tests:
        return entries
    passes = matcher(tests)
    return [e for e in entries if passes(decoded(e.front))]


WORKS_BY = ("hook", "theme", "platform", "weekday", "length")


def works(repo: Repo) -> list[dict[str, Any]]:
    """The breakdowns of `contentkit stats`, one bar chart each, for the dashboard; [] without metrics.

    A bar is a group's median engagement rate, scaled to the best group of its breakdown.
    """
    from contentkit.metrics import report

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
    return html.preview(view, live=True, nav=NAV)
