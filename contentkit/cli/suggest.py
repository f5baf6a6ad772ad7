"""`contentkit suggest`: hook and angle ideas from a model, written into the seed (the `suggest` extra).

Loaded lazily from the command table in cli/__init__.py, where ContentkitError becomes one line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from contentkit.cli.common import emit_json, repo, warn

if TYPE_CHECKING:
    from contentkit.usecases.suggest import Plan

COUNT = click.IntRange(min=0, max=20)


@click.command()
@click.argument("seed")
@click.option("--hooks", type=COUNT, default=5, show_default=True, help="How many hooks to ask for.")
@click.option("--angles", type=COUNT, default=3, show_default=True, help="How many angles to ask for.")
@click.option("--model", "-m", help="An llm model id or alias (default: llm's default; see `llm models`).")
@click.option("--dry-run", is_flag=True, help="Print the suggestions; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the suggestions and the examples used as JSON.")
def suggest(seed: str, hooks: int, angles: int, model: str | None, dry_run: bool, as_json: bool) -> None:
    """Ask a model for hooks and angles for SEED and add them to the seed, marked as suggested.

    The prompt carries the seed and, as examples of your voice, the hooks of your best posts by
    `stats` (none when there are no metrics yet). The suggestions go under a
    `<!-- suggested by MODEL on DATE -->` line at the end of the seed's hooks and angles sections,
    after your own lines, which are never changed; a draft is never touched. Develop one with
    `--hook N` and the draft records `hook_origin: suggested`, so `stats --by origin` compares them
    with your own. llm logs every prompt and answer (`llm logs`). Needs the 'suggest' extra.
    """
    from contentkit.usecases import suggest as suggesting

    target = repo()
    path = target.resolve_seed(seed)
    options = suggesting.Options(hooks, angles, model)
    result = (suggesting.plan if dry_run else suggesting.suggest)(target, path, options)
    warn(result.notes)
    if as_json:
        written = sorted(target.rel(p) for p in result.writes)
        emit_json({**result.to_json(), "dry_run": dry_run, "written": written})
        return
    _report(result, dry_run)


def _report(result: Plan, dry_run: bool) -> None:
    from contentkit.base.words import plural

    found = result.found
    if not (found.hooks or found.angles):
        click.echo(f"{result.model} suggested nothing new for {result.seed.rel}; nothing written")
        return
    for text in found.hooks:
        click.echo(f"hook: {text}")
    for title, description in found.angles:
        click.echo(f"angle: {title}" + (f" - {description}" if description else ""))
    if dry_run:
        click.echo(f"Dry run, nothing written to {result.seed.rel}.", err=True)
    elif result.writes:
        counts = f"{plural(len(result.hook_lines), 'hook')}, {plural(len(result.angle_lines), 'angle')}"
        where = f"'suggested by {result.model} on {result.date}'"
        click.echo(f"added {counts} to {result.seed.rel}, under {where}")
