"""`schedule --next-slot` and `schedule --plan`: posting slots from the command line (slot_plan.py)."""

from __future__ import annotations

import click

from contentkit.cli.common import emit_json, repo


def check(
    draft: str | None, at: str | None, next_slot: bool, plan: bool, by: str | None, as_json: bool
) -> None:
    """One way of choosing the time: --at, --next-slot or --plan (which takes no DRAFT)."""
    if sum((at is not None, next_slot, plan)) != 1:
        raise click.UsageError("give one of --at WHEN, --next-slot or --plan")
    if plan and draft is not None:
        raise click.UsageError("--plan lays out every ready draft: give no DRAFT")
    if not plan and draft is None:
        raise click.UsageError("missing argument DRAFT (or --plan for every ready draft)")
    if not plan and (by is not None or as_json):
        raise click.UsageError("--by and --json go with --plan")


def plan(by: str, platform: str | None, as_json: bool, dry_run: bool) -> None:
    """The plan printed (or as JSON), written unless --dry-run."""
    from contentkit.base import dates
    from contentkit.usecases import slot_plan

    target = repo()
    action = slot_plan.plan_layout if dry_run else slot_plan.layout
    result = action(target, by, platform)
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    if as_json:
        emit_json({"written": not dry_run and bool(result.writes), "plan": result.to_json()})
        return
    tz = dates.zone(target.config.timezone)
    head = "Dry run, nothing written. Would schedule:" if dry_run else "Scheduled:"
    if not result.placed:
        click.echo("No ready draft to schedule." if not result.left_out else "No draft scheduled.")
    else:
        click.echo(head)
    names = {name: p.display_name for name, p in target.config.platforms.items()}
    for one in result.placed:
        shown = dates.readable(one.when, tz)
        click.echo(f"  {shown:<23} {names.get(one.platform, one.platform):<9}  {one.draft}")
    for draft, why in result.left_out:
        click.echo(f"  left out: {draft}: {why}")
