"""`contentkit stats`: the groups of stats.py for a repo, as text, JSON or a chart file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from contentkit import catalog
from contentkit.files import atomic_write
from contentkit.metrics import posts, record, stats
from contentkit.metrics.plot import chart
from contentkit.repo import Repo

TITLES = {"hook": "hook shape"}


@dataclass(frozen=True)
class Report:
    by: str
    min_posts: int
    metrics_file: str
    published: int
    measured: list[stats.Measured]
    groups: list[stats.Group]

    def to_json(self) -> dict[str, object]:
        return {
            "by": self.by,
            "min_posts": self.min_posts,
            "published": self.published,
            "measured": len(self.measured),
            "groups": [g.to_json() for g in self.groups],
            "posts": [_post_json(m, self.by) for m in sorted(self.measured, key=lambda m: m.post.key)],
        }


def _post_json(m: stats.Measured, by: str) -> dict[str, object]:
    data: dict[str, object] = {
        "post": m.post.key,
        "title": m.post.title,
        "groups": list(stats.KEYS[by](m.post)),
        "impressions": m.snapshot.impressions,
        "engagement_rate": m.rate,
        "snapshot_date": m.snapshot.date,
    }
    if by == "hook":
        data["hook"] = m.post.hook
    return data


def build(repo: Repo, by: str, min_posts: int) -> Report:
    snapshots = record.read(repo)
    published = posts.published(repo, catalog.collect(repo))  # counted before the first figure too
    found = stats.measured(published, record.latest(snapshots))
    return Report(by, min_posts, repo.config.metrics_file, len(published), found,
                  stats.groups(found, by, min_posts))


def _rate(rate: float | None) -> str:
    return f"{rate:.1%}" if rate is not None else "n/a"


def text(report: Report) -> str:
    """A table of the groups, a note on the ones with too few posts, and for hooks each post's hook."""
    if not report.measured:
        return (
            f"No figures yet for any of {report.published} published posts in {report.metrics_file}: "
            "add some with 'contentkit metrics record' or 'contentkit metrics import'.\n"
        )
    title = TITLES.get(report.by, report.by)
    head = [title, "posts", "median impressions", "median engagement", "best post"]
    rows = [_row(g) for g in report.groups]
    widths = [max(len(r[n]) for r in [head, *rows]) for n in range(len(head))]
    lines = [
        f"{len(report.measured)} of {report.published} published posts have figures "
        f"({report.metrics_file}, each post's latest snapshot), by {title}:",
        "",
    ]
    for r in [head, *rows]:
        cells = [r[0].ljust(widths[0]), *(r[n].rjust(widths[n]) for n in (1, 2, 3)), r[4]]
        lines.append("  ".join(cells).rstrip())
    if any(g.too_few for g in report.groups):
        lines += ["", f"* fewer than {report.min_posts} posts: too few to mean much yet"]
    if report.by == "hook":
        lines += ["", "Hooks:", *_hooks(report.measured)]
    return "\n".join(lines) + "\n"


def _hooks(measured: list[stats.Measured]) -> list[str]:
    """Each post's hook, by shape: `shape  rate  post  hook`."""
    shaped = sorted((stats.SHAPES.index(stats.hook_shape(m.post.hook)), m.post.key, m) for m in measured)
    return [
        f"  {stats.SHAPES[n]:9}  {_rate(m.rate):>6}  {key}  {m.post.hook}" for n, key, m in shaped
    ]


def _row(g: stats.Group) -> list[str]:
    best = g.best
    return [
        g.name + ("*" if g.too_few else ""),
        str(len(g.posts)),
        f"{g.median_impressions:,.0f}",
        _rate(g.median_rate),
        f"{best.post.key} ({_rate(best.rate)})",
    ]


def write_plot(repo: Repo, report: Report, path: Path, force: bool = False) -> None:
    """Draw the groups into `path` (.svg or .png), atomically: where the writer points, outside the
    repo too (they named it); inside it, never in .git/, .contentkit/ or the seeds, drafts and
    templates folders, and over an existing file only with `force` (Repo.output_file's rule)."""
    target = repo.output_file(path, path.suffix.lower(), force)
    data = chart(report.groups, TITLES.get(report.by, report.by), path.suffix.lower(), report.min_posts)
    if not repo.inside(target):
        atomic_write(target, data)
        return
    with repo.lock():
        repo.write_all({repo.writable(target): data})
