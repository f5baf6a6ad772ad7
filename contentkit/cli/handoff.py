"""`export --format csv|buffer|typefully|postiz`: drafts as the file a scheduler imports (handoff.py)."""

from __future__ import annotations

from pathlib import Path

import click

from contentkit.base import dates, files
from contentkit.base.words import plural
from contentkit.cli.common import repo, suffixed, warn
from contentkit.usecases import handoff


def export(
    refs: tuple[str, ...], platform: str | None, output: Path | None, form: str,
    chosen: tuple[bool, bool, tuple[str, ...]], text_only: tuple[bool, bool], plain: bool,
) -> None:
    """export --format: the named drafts (or --scheduled, --all) as the file a scheduler imports."""
    scheduled, every, integrations = chosen
    if any(text_only):
        raise click.UsageError("--first-comment and --copy go without --format")
    ids = dict(_pair(value) for value in integrations)
    if bool(refs) + scheduled + every != 1:
        raise click.UsageError("--format takes DRAFTs, or --scheduled, or --all (one of them)")
    target = repo()
    wanted = ("scheduled",) if scheduled else ("draft", "scheduled")
    names = list(refs) or handoff.chosen(target, wanted, platform)
    found = handoff.items(target, names, platform, plain)
    if not found:
        which = f"{'scheduled ' if scheduled else ''}drafts to export{f' for {platform}' if platform else ''}"
        warn([f"no {which}"])
    data = handoff.render(form, found, handoff.Setting(dates.zone(target.config.timezone), ids))
    warn(handoff.notes(form, found, dates.now_utc()))
    if output is None:
        click.echo(data, nl=False)
        return
    suffix = handoff.FORMATS[form].suffix
    force = click.get_current_context().params.get("force", False)
    written = target.output_file(suffixed(output, suffix), suffix, force)
    files.atomic_write(written, data.encode("utf-8"))
    click.echo(f"exported {plural(len(found), 'draft')} for {form} -> {target.rel(written)}")


def _pair(value: str) -> tuple[str, str]:
    """--integration PLATFORM=ID as (platform, id); else a usage error."""
    name, _, ident = value.partition("=")
    if not name.strip() or not ident.strip():
        raise click.BadParameter(f"{value!r} is not PLATFORM=ID", param_hint="'--integration'")
    return name.strip(), ident.strip()
