"""`contentkit stats`: the groups of stats.py for a repo (at the same age with atday.py, with the
intervals and baselines of compare.py), as text, JSON or a chart file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from contentkit.base import dates
from contentkit.base.files import atomic_write
from contentkit.base.words import plural
from contentkit.store import catalog
from contentkit.store.repo import Repo
from contentkit.usecases.metrics import atday, bootstrap, compare, history, posts, record, stats
from contentkit.usecases.metrics.plot import chart

TITLES = {"hook": "hook shape"}


@dataclass(frozen=True)
class Report:
    by: str
    min_posts: int
    metrics_file: str
    published: int
    measured: list[stats.Measured]
    groups: list[stats.Group]
    selection: atday.Selection = field(default_factory=lambda: atday.Selection(None, []))
    baselines: dict[str, compare.Baseline] = field(default_factory=dict)
    seed: str = ""

    @cached_property
    def compared(self) -> list[compare.Compared]:
        """The groups with their intervals: drawn when asked for (the dashboard's bars need none)."""
        return compare.compare(self.groups, self.baselines, self.seed)

    @property
    def day(self) -> int | None:
        return self.selection.day

    def to_json(self) -> dict[str, object]:
        left_out = self.selection
        return {
            "by": self.by,
            "min_posts": self.min_posts,
            "at_day": self.day,
            "published": self.published,
            "measured": len(self.measured),
            "left_out": {
                "younger": [p.key for p in left_out.younger],
                "no_snapshot_by_day": [p.key for p in left_out.unmeasured],
                "no_publish_date": [p.key for p in left_out.undated],
            },
            "interval_level": bootstrap.LEVEL,
            "baselines": [b.to_json() for b in self.baselines.values()],
            "groups": [c.to_json() for c in self.compared],
            "posts": [_post_json(m, self.by, self.baselines)
                      for m in sorted(self.measured, key=lambda m: m.post.key)],
        }


def _post_json(m: stats.Measured, by: str, base: dict[str, compare.Baseline]) -> dict[str, object]:
    known = history.provenance(m.snapshot.source)
    data: dict[str, object] = {
        "post": m.post.key,
        "title": m.post.title,
        "platform": m.post.platform,
        "published_at": m.post.published_at,
        "groups": list(stats.KEYS[by](m.post)),
        "impressions": m.snapshot.impressions,
        "engagements": m.snapshot.engagements,
        "engagement_rate": m.rate,
        "vs_platform": compare.lift(m, base),
        "snapshot_date": m.snapshot.date,
        "snapshot_day": atday.age_days(m.post.published_at, m.snapshot),
        "snapshot_source": m.snapshot.source,
        "still_counting": known.counting,
    }
    if by == "hook":
        data["hook"] = m.post.hook
    return data


def build(repo: Repo, by: str, min_posts: int, at_day: int | None = None, now: str = "") -> Report:
    """The groups of `by` over each published post's latest snapshot, or with `at_day` its snapshot at
    or just before that day after publishing (posts younger than that, as of `now`, left out)."""
    snapshots = record.read(repo)
    published = posts.published(repo, catalog.collect(repo))  # counted before the first figure too
    chosen = atday.select(published, snapshots, at_day, now or dates.now_utc())
    found = chosen.measured
    found_groups = stats.groups(found, by, min_posts)
    base = compare.baselines(found)
    seed = f"{by}/day {at_day}" if at_day is not None else by
    return Report(by, min_posts, repo.config.metrics_file, len(published), found, found_groups, chosen,
                  base, seed)


def rate_text(rate: float | None) -> str:
    return f"{rate:.1%}" if rate is not None else "n/a"


def lift_text(lift: float | None) -> str:
    return f"{lift:+.0%}" if lift is not None else "n/a"


def _count(value: float | None) -> str:
    return f"{value:,.0f}" if value is not None else "n/a"


def _span(median: compare.Median, shown: Callable[[float | None], str]) -> str:
    """A median and its interval: `3.1% (2.4% to 3.8%)`."""
    if median.interval is None:
        return shown(median.value)
    return f"{shown(median.value)} ({shown(median.interval.low)} to {shown(median.interval.high)})"


def text(report: Report) -> str:
    """What was measured and what was left out, the platforms' baselines, a table of the groups
    (medians with their intervals), and for hooks each post's hook."""
    if not report.measured:
        return _nothing(report)
    title = TITLES.get(report.by, report.by)
    head = [title, "posts", "median impressions", "median engagement",
            "vs own platform", "best post"]
    rows = [_row(c) for c in report.compared]
    widths = [max(len(r[n]) for r in [head, *rows]) for n in range(len(head))]
    level = f"{bootstrap.LEVEL:.0%}"
    lines = [_measured_line(report, title), *_left_out(report.selection), ""]
    for r in [head, *rows]:
        cells = [r[0].ljust(widths[0]), *(r[n].rjust(widths[n]) for n in (1, 2, 3, 4)), r[5]]
        lines.append("  ".join(cells).rstrip())
    lines += [
        "", _baseline_line(report),
        f"In brackets: the {level} interval of the median (bootstrap, {bootstrap.DRAWS:,} draws, seeded: "
        "the same figures give the same interval). vs own platform: the median post's engagement against "
        "its platform's median.",
    ]
    if any(g.too_few for g in report.groups):
        lines.append(f"* fewer than {report.min_posts} posts: too few to mean much yet (no interval)")
    if report.by == "hook":
        lines += ["", "Hooks:", *_hooks(report.measured)]
    return "\n".join(lines) + "\n"


def _nothing(report: Report) -> str:
    if report.day is None:
        return (
            f"No figures yet for any of {report.published} published posts in {report.metrics_file}: "
            "add some with 'contentkit metrics record' or 'contentkit metrics import'.\n"
        )
    return "\n".join([f"No published post has figures at day {report.day} in {report.metrics_file}.",
                      *_left_out(report.selection)]) + "\n"


def _measured_line(report: Report, title: str) -> str:
    head = f"{len(report.measured)} of {report.published} published posts have figures ({report.metrics_file}"
    if report.day is None:
        return f"{head}, each post's latest snapshot), by {title}:"
    ages = [a for m in report.measured if (a := atday.age_days(m.post.published_at, m.snapshot)) is not None]
    low, high = (f"{min(ages):.0f}", f"{max(ages):.0f}") if ages else ("", "")
    span = f"; snapshots from day {low} to {high}" if low != high else ""
    span = span or (f"; snapshots of day {low}" if ages else "")
    counting = sum(history.provenance(m.snapshot.source).counting for m in report.measured)
    still = f"; {plural(counting, 'snapshot')} still counting when exported" if counting else ""
    at = f"each post at or just before day {report.day} after publishing"
    return f"{head}, {at}{span}{still}), by {title}:"


def _left_out(chosen: atday.Selection) -> list[str]:
    day = chosen.day
    reasons = [
        (chosen.younger, f"younger than {day} days"),
        (chosen.unmeasured, f"with no snapshot by day {day}"),
        (chosen.undated, "with no publish date"),
    ]
    found = [f"{plural(len(ps), 'post')} {why}" for ps, why in reasons if ps]
    return [f"Left out: {', '.join(found)}."] if found else []


def _baseline_line(report: Report) -> str:
    shown = [f"{b.platform} {rate_text(b.rate)} ({plural(b.posts, 'post')})"
             for b in report.baselines.values()]
    return "Platform baselines (median engagement): " + "; ".join(shown)


def _hooks(measured: list[stats.Measured]) -> list[str]:
    """Each post's hook, by shape: `shape  rate  post  hook`."""
    shaped = sorted((stats.SHAPES.index(stats.hook_shape(m.post.hook)), m.post.key, m) for m in measured)
    return [
        f"  {stats.SHAPES[n]:9}  {rate_text(m.rate):>6}  {key}  {m.post.hook}" for n, key, m in shaped
    ]


def _row(c: compare.Compared) -> list[str]:
    g = c.group
    best = g.best
    return [
        g.name + ("*" if g.too_few else ""),
        str(len(g.posts)),
        _span(c.impressions, _count),
        _span(c.rate, rate_text),
        _span(c.lift, lift_text),
        f"{best.post.key} ({rate_text(best.rate)})",
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
