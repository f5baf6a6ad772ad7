"""Commands that close the loop from a live post back to its seed: `metrics record|import`, `stats`.

Loaded lazily by cli.py (LAZY_COMMANDS); ContentkitError raised here becomes cli.py's one-line message.
"""

from __future__ import annotations

import click

from contentkit.cli import repo

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
@click.option("--comments", type=COUNT, required=True)
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
    from contentkit import develop
    from contentkit.metrics import posts
    from contentkit.metrics import record as record_

    target = repo()
    post = posts.find(target, ref)
    date = record_.when(at, develop.now_utc(), post.published_at)
    snapshot = record_.Snapshot(
        post.key, date, impressions, reactions, comments, reposts, members_reached, clicks, saves, "manual"
    )
    record_.append(target, [snapshot])
    rate = snapshot.rate
    shown = f"{rate:.1%}" if rate is not None else "n/a"
    click.echo(
        f"recorded {post.key} at {date}: {impressions:,} impressions, engagement {shown} "
        f"-> {target.config.metrics_file}"
    )
    click.echo(f"note: run 'contentkit index' to refresh {target.config.index_file}", err=True)
