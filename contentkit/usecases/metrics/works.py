"""INDEX.md's "What works": the data behind the section (index.py formats it). A pure function of the
files: the seeds, the drafts of published posts and the metrics file."""

from __future__ import annotations

from dataclasses import dataclass

from contentkit.base.errors import MetricsError
from contentkit.store.catalog import Catalog
from contentkit.store.repo import Repo
from contentkit.usecases.metrics import history, posts, record, stats

TOP = 5


@dataclass(frozen=True)
class Works:
    metrics_file: str
    snapshots: int
    measured: int  # published posts that have figures
    published: int
    min_posts: int
    top: list[stats.Measured]
    themes: list[stats.Group]
    hooks: list[stats.Group]
    error: str = ""  # the metrics file cannot be read: INDEX.md says so instead of failing


def summary(repo: Repo, catalog: Catalog) -> Works | None:
    """None when the repo has no metrics file, or no snapshot in it: then INDEX.md has no section."""
    path = record.metrics_path(repo)
    if not path.exists():
        return None
    try:
        snapshots = record.read(repo)
    except MetricsError as exc:  # develop and publish refresh INDEX.md: a bad row must not stop them
        least = repo.config.stats_min_posts
        return Works(repo.config.metrics_file, 0, 0, 0, least, [], [], [], error=exc.located())
    if not snapshots:
        return None
    published = posts.published(repo, catalog)
    found = stats.measured(published, history.current(snapshots))
    least = repo.config.stats_min_posts
    return Works(
        metrics_file=repo.config.metrics_file,
        snapshots=len(snapshots),
        measured=len(found),
        published=len(published),
        min_posts=least,
        top=stats.top_posts(found, TOP),
        themes=_best(stats.groups(found, "theme", least)),
        hooks=_best(stats.groups(found, "hook", least)),
    )


def _best(groups: list[stats.Group]) -> list[stats.Group]:
    """Groups with enough posts first (best first), then the ones with too few; at most TOP."""
    ranked = stats.best_first(groups)
    return ([g for g in ranked if not g.too_few] + [g for g in ranked if g.too_few])[:TOP]
