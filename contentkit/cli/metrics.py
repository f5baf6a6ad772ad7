"""Commands that close the loop from a live post back to its seed: `metrics record|import`, `stats`.

Loaded lazily from the command table in cli/__init__.py, where ContentkitError becomes one line.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from contentkit.cli.common import emit_json, repo

if TYPE_CHECKING:
    from contentkit.metrics import imports
    from contentkit.metrics import record as record_
    from contentkit.repo import Repo

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
    from contentkit import dates
    from contentkit.metrics import posts
    from contentkit.metrics import record as record_

    target = repo()
    post = posts.find(target, ref)
    date = record_.when(at, dates.now_utc(), post.published_at, target.config.timezone)
    snapshot = record_.Snapshot(
        post.key, date, impressions, reactions, comments, reposts, members_reached, clicks, saves, "manual"
    )
    record_.append(target, [snapshot])
    _refresh_index(target)
    click.echo(f"recorded {post.key} at {date}: {_figures(snapshot)} -> {target.config.metrics_file}")


@metrics.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--at", "at", help="When the figures were read: YYYY-MM-DD or ISO 8601 (default: now).")
@click.option("--dry-run", is_flag=True, help="Report what would be recorded; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def import_cmd(file: Path, at: str | None, dry_run: bool, as_json: bool) -> None:
    """Import post figures from LinkedIn's analytics export (.xlsx) or a CSV with named columns.

    Every sheet is searched for a header row naming a post URL column ("Post URL", "URL", "Link")
    and figure columns ("Impressions", "Reactions" or "Engagements", "Comments", "Reposts",
    "Members reached", "Clicks", "Saves"), in any order. Rows are matched to published posts by their
    URL (scheme, www., trailing slash, query and fragment aside; LinkedIn links by their activity id).
    A row whose figures equal the post's latest snapshot is unchanged: importing a file twice adds
    nothing. A file that cannot be read as such an export is an error and nothing is written.
    """
    from contentkit import dates
    from contentkit.metrics import imports

    target = repo()
    result = imports.run(target, file, file.name, at, dates.now_utc(), dry_run)
    if result.new and not dry_run:
        _refresh_index(target)
    if as_json:
        emit_json({**result.to_json(), "dry_run": dry_run})
        return
    _report(result, target.config.metrics_file, dry_run)


def _refresh_index(target: Repo) -> None:
    """INDEX.md's What works reads the metrics: brought up to date with them, so the next commit's
    index hook has nothing to rewrite."""
    from contentkit import index

    index.refresh(target)


def _report(result: imports.Plan, metrics_file: str, dry_run: bool) -> None:
    from contentkit.metrics import imports

    counts = ", ".join(f"{len(result.of(state))} {state}" for state in imports.STATES)
    verb = "would import" if dry_run else "imported"
    click.echo(f"{verb} {result.file} ({result.kind}) at {result.date}: {counts}")
    for outcome in result.outcomes:
        shown = outcome.post or outcome.url
        detail = _figures(outcome.snapshot) if outcome.snapshot else outcome.note
        if outcome.state == imports.UNMATCHED:
            detail = f"{outcome.where}: {outcome.note}"
        click.echo(f"  {outcome.state:10} {shown}  {detail}")


def _figures(snapshot: record_.Snapshot) -> str:
    rate = snapshot.rate
    shown = f"{rate:.1%}" if rate is not None else "n/a"
    return f"{snapshot.impressions:,} impressions, engagement {shown}"


BY = ("hook", "angle", "theme", "source", "platform", "weekday", "length", "origin")


@click.command()
@click.option("--by", type=click.Choice(BY), default="hook", show_default=True, help="How to group posts.")
@click.option(
    "--min-posts",
    type=click.IntRange(min=1),
    help="A group with fewer posts is marked too few (default: the config's stats_min_posts).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the groups and posts as JSON.")
@click.option(
    "--plot", "plot_file", type=click.Path(dir_okay=False, path_type=Path),
    help="Also draw the groups as a bar chart: FILE.svg or FILE.png (needs the 'plot' extra), where you "
    "point (outside the repo too); inside it, never in .git/, .contentkit/ or the seeds, drafts and "
    "templates folders.",
)
@click.option("--force", is_flag=True, help="Replace an existing --plot FILE.")
def stats(by: str, min_posts: int | None, as_json: bool, plot_file: Path | None, force: bool) -> None:
    """Which hooks, angles, themes, sources, platforms, weekdays and lengths your audience answers.

    Per group of published posts: how many, their median impressions, their median engagement rate
    ((reactions + comments + reposts) / impressions; posts with 0 impressions have no rate) and the
    best post. Each post counts with its latest snapshot in the metrics file. --by hook groups by the
    hook's shape (question, number, quote, statement) and lists each post's hook; --by length by the
    post's characters; --by weekday by the day it was published (UTC); --by origin by whether the
    hook was your own or one `contentkit suggest` gave (the draft's `hook_origin`).
    """
    from contentkit.metrics import report

    if plot_file is not None and plot_file.suffix.lower() not in (".svg", ".png"):
        raise click.BadParameter("FILE must end in .svg or .png", param_hint="'--plot'")
    target = repo()
    result = report.build(target, by, min_posts or target.config.stats_min_posts)
    if plot_file is not None:
        report.write_plot(target, result, plot_file, force)
    if as_json:
        emit_json(result.to_json())
    else:
        click.echo(report.text(result), nl=False)
    if plot_file is not None:
        click.echo(f"wrote {target.rel(plot_file)}", err=True)
