"""Commands that close the loop from a live post back to its seed: `metrics record|import`, `stats`.

Loaded lazily from the command table in cli/__init__.py, where ContentkitError becomes one line.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from contentkit.cli.common import Existing, emit_json, repo

if TYPE_CHECKING:
    from contentkit.store.repo import Repo
    from contentkit.usecases.metrics import imports
    from contentkit.usecases.metrics import record as record_

COUNT = click.IntRange(min=0)


@click.group()
def metrics() -> None:
    """Record how published posts did, in the metrics file (metrics.csv; `metrics_file` in the config).

    One row per snapshot; new rows are appended, earlier ones are never rewritten. A post's latest
    snapshot is its current figure (see `contentkit stats` and INDEX.md's "What works").
    """


@metrics.command()
@click.argument("ref", metavar="SEED|DRAFT")
@click.option("--impressions", type=COUNT, required=True, help="Times the post was shown.")
@click.option("--reactions", type=COUNT, required=True, help="Likes and other reactions.")
@click.option("--comments", type=COUNT, required=True, help="Comments on the post.")
@click.option("--reposts", type=COUNT, required=True, help="Reposts (shares).")
@click.option("--members-reached", type=COUNT, help="Unique members reached (optional).")
@click.option("--clicks", type=COUNT, help="Clicks (optional).")
@click.option("--saves", type=COUNT, help="Saves (optional).")
@click.option("--at", "at", help="When the figures were read: YYYY-MM-DD or ISO 8601 (default: now).")
def record(
    ref: str,
    impressions: int,
    reactions: int,
    comments: int,
    reposts: int,
    members_reached: int | None,
    clicks: int | None,
    saves: int | None,
    at: str | None,
) -> None:
    """Append a snapshot of a published post's figures.

    SEED|DRAFT is a published seed or its draft (a path, a file name or a unique prefix). --at may not
    be in the future or before the post was published.
    """
    from contentkit.api import Repository

    content = Repository(repo())
    snapshot = content.record_metrics(
        ref, impressions=impressions, reactions=reactions, comments=comments, reposts=reposts,
        members_reached=members_reached, clicks=clicks, saves=saves, at=at,
    )
    where = content.config.metrics_file
    click.echo(f"recorded {snapshot.draft} at {snapshot.date}: {_figures(snapshot)} -> {where}")


@metrics.command(name="import")
@click.argument("file", type=Existing(dir_okay=False))
@click.option(
    "--at", "at",
    help="The day the figures are as of: YYYY-MM-DD or ISO 8601 (default: the last date in the file's "
    "name, else now).",
)
@click.option(
    "--exported",
    help="When the file was exported: YYYY-MM-DD (default: the file's modification date, at most now).",
)
@click.option(
    "--counting-days", type=click.IntRange(min=0), default=2, show_default=True,
    help="Days before the export date whose figures were still counting (marked so).",
)
@click.option("--dry-run", is_flag=True, help="Report what would be recorded; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def import_cmd(
    file: Path, at: str | None, exported: str | None, counting_days: int, dry_run: bool, as_json: bool
) -> None:
    """Import post figures from LinkedIn's analytics export (.xlsx) or a CSV with named columns.

    Every sheet is searched for a header row naming a post URL column ("Post URL", "URL", "Link")
    and figure columns ("Impressions", "Reactions" or "Engagements", "Comments", "Reposts",
    "Members reached", "Clicks", "Saves"), in any order. Rows are matched to published posts by their
    URL (scheme, www., trailing slash, query and fragment aside; LinkedIn links by their activity id).
    The figures are dated --at, else by the last date in the file's name (LinkedIn's
    Content_2025-11-01_2025-11-30.xlsx: as of 2025-11-30), else now. Overlapping exports merge: on
    one post and date the newer export wins, whatever order they are imported in; a day within
    --counting-days of the export date is marked still counting. A row that would not win over the
    snapshot already there is unchanged (or superseded): importing a file twice adds nothing. A full
    TOP POSTS table (50 posts) gets a warning naming the published posts it left out. A file that
    cannot be read as such an export is an error and nothing is written.
    """
    from contentkit.base import dates
    from contentkit.usecases.metrics import imports

    target = repo()
    result = imports.run(target, file, file.name, at, dates.now_utc(), dry_run, exported, counting_days)
    if result.new and not dry_run:
        _refresh_index(target)
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if as_json:
        emit_json({**result.to_json(), "dry_run": dry_run})
        return
    _report(result, target.config.metrics_file, dry_run)


def _refresh_index(target: Repo) -> None:
    """INDEX.md's What works reads the metrics: brought up to date with them, so the next commit's
    index hook has nothing to rewrite."""
    from contentkit.usecases import index

    index.refresh(target)


def _report(result: imports.Plan, metrics_file: str, dry_run: bool) -> None:
    from contentkit.usecases.metrics import imports

    states = [s for s in imports.STATES if s != imports.SUPERSEDED or result.of(s)]  # only when some are
    counts = ", ".join(f"{len(result.of(state))} {state}" for state in states)
    verb = "would import" if dry_run else "imported"
    click.echo(f"{verb} {result.file} ({result.kind}) at {result.date}: {counts}")
    if result.period is not None:
        click.echo(f"  {_period(result.period)}")
    for outcome in result.outcomes:
        shown = outcome.post or outcome.url
        detail = _figures(outcome.snapshot) if outcome.snapshot else outcome.note
        if outcome.state == imports.UNMATCHED:
            detail = f"{outcome.where}: {outcome.note}"
        elif outcome.state == imports.SUPERSEDED:
            detail = f"{detail}: {outcome.note}"
        click.echo(f"  {outcome.state:10} {shown}  {detail}")


def _period(period: imports.Period) -> str:
    """`figures as of 2025-11-30 (file name), exported 2025-12-01: still counting`."""
    from contentkit.usecases.metrics import history

    counting = history.still_counting(period.end, period.exported, period.counting_days)
    still = f": still counting (within {period.counting_days} days of the export)" if counting else ""
    since = f"period {period.start} to {period.end}" if period.start else f"as of {period.end}"
    return f"figures {since} ({period.dated_by}), exported {period.exported}{still}"


def _figures(snapshot: record_.Snapshot) -> str:
    from contentkit.usecases.metrics import history

    rate = snapshot.rate
    shown = f"{rate:.1%}" if rate is not None else "n/a"
    still = " (still counting)" if history.provenance(snapshot.source).counting else ""
    return f"{snapshot.impressions:,} impressions, engagement {shown}{still}"


BY = ("hook", "angle", "theme", "source", "platform", "weekday", "length", "origin")


@click.command()
@click.option("--by", type=click.Choice(BY), default="hook", show_default=True, help="How to group posts.")
@click.option(
    "--at-day", "at_day", type=click.IntRange(min=0), metavar="N",
    help="Compare posts at the same age: each post's figures at or just before day N after publishing "
    "(posts younger than N days are left out and counted).",
)
@click.option(
    "--min-posts",
    type=click.IntRange(min=1),
    help="A group with fewer posts is marked too few (default: the config's stats_min_posts).",
)
@click.option("--next", "next_", is_flag=True,
              help="Suggest the hook shape or angle least tried for how well it did, with its numbers.")
@click.option("--json", "as_json", is_flag=True, help="Print the groups and posts (or --next) as JSON.")
@click.option(
    "--plot", "plot_file", type=click.Path(dir_okay=False, path_type=Path),
    help="Also draw the groups as a bar chart: FILE.svg or FILE.png (needs the 'plot' extra), where you "
    "point (outside the repo too); inside it, never in .git/, .contentkit/ or the seeds, drafts and "
    "templates folders.",
)
@click.option("--force", is_flag=True, help="Replace an existing --plot FILE.")
def stats(
    by: str, at_day: int | None, min_posts: int | None, next_: bool, as_json: bool, plot_file: Path | None,
    force: bool,
) -> None:
    """Which hooks, angles, themes, sources, platforms, weekdays and lengths your audience answers.

    Per group of published posts: how many, their median impressions, their median engagement rate
    ((reactions + comments + reposts) / impressions; posts with 0 impressions have no rate), the
    median post against its own platform's median engagement (so LinkedIn and X are not mixed), and
    the best post. Each median has its 90% bootstrap interval beside it (seeded: the same figures give
    the same interval); a group with fewer than --min-posts posts is too few to say. Each post counts
    with its latest snapshot, or with --at-day N its snapshot at or just before day N after publishing.
    --by hook groups by the hook's shape (question, number, quote, statement) and lists each post's
    hook; --by length by the post's characters; --by weekday by the day it was published (UTC); --by
    origin by whether the hook was your own or one `contentkit suggest` gave (the draft's `hook_origin`).
    """
    from contentkit.api import Repository
    from contentkit.base import dates
    from contentkit.usecases.metrics import ranking, report

    if plot_file is not None and plot_file.suffix.lower() not in (".svg", ".png"):
        raise click.BadParameter("FILE must end in .svg or .png", param_hint="'--plot'")
    if next_ and plot_file is not None:
        raise click.UsageError("--next prints one suggestion: it draws no --plot")
    content = Repository(repo())
    target = content.repo
    now = dates.now_utc()
    if next_:
        found = ranking.suggest(target, at_day, now)
        if as_json:
            emit_json({"at_day": at_day, "suggestion": found.to_json() if found else None})
        else:
            click.echo(ranking.next_text(found, at_day), nl=False)
        return
    result = content.stats(by, min_posts=min_posts, at_day=at_day, now=now)
    if plot_file is not None:
        report.write_plot(target, result, plot_file, force)
    if as_json:
        emit_json(result.to_json())
    else:
        click.echo(report.text(result), nl=False)
    if plot_file is not None:
        click.echo(f"wrote {target.rel(plot_file)}", err=True)
