"""Develop: turn a seed into its draft (`develop`), or into every hook × angle (`variants`).

Loaded lazily from the command table in cli/__init__.py, where ContentkitError becomes one line.
"""

from __future__ import annotations

import click

from contentkit.cli.common import at, platform_name, repo, warn


@click.command(name="develop")
@click.argument("seed")
@click.option("--hook", type=click.IntRange(min=1), help="Hook number (see `contentkit show`).")
@click.option("--angle", type=click.IntRange(min=1), help="Angle number (see `contentkit show`).")
@click.option(
    "--platform",
    callback=platform_name,
    help="Target platform (default: the seed's, then the config's).",
)
@click.option("--template", help="Template name (default: the platform's, else the generic 'post').")
@click.option("--dry-run", is_flag=True, help="Print the draft and the planned changes; write nothing.")
@click.option(
    "--force",
    is_flag=True,
    help="Develop a developed (unpublished) seed again; the old draft's text is kept in .contentkit/kept/.",
)
def develop_cmd(
    seed: str,
    hook: int | None,
    angle: int | None,
    platform: str | None,
    template: str | None,
    dry_run: bool,
    force: bool,
) -> None:
    """Turn SEED into a draft post, mark it developed and refresh INDEX.md.

    SEED is a path, a file name, or a unique prefix of a seed's file name. The draft opens with the
    chosen hook (default 1) and follows the chosen angle (default 1; a seed without angles is
    developed without one); the others stay in the draft as a comment. A refusal names the section
    it would need and its line. Everything is rendered before anything is written: a failure changes nothing.
    """
    from contentkit.api import Repository

    plan = Repository(repo()).develop(
        seed, hook=hook, angle=angle, platform=platform, template=template, force=force, write=not dry_run
    )
    result = plan.detail
    warn(list(plan.warnings))
    if dry_run:
        click.echo(result.draft_text, nl=False)
        click.echo("\nDry run, nothing written. Would:", err=True)
        for change in plan.changes:
            click.echo(f"  {change}", err=True)
        return
    click.echo(
        f"developed {result.seed.rel} -> {result.draft_rel} "
        f"(hook {result.hook}, {f'angle {result.angle}' if result.angle else 'no angle'})"
    )
    if result.kept:
        click.echo(f"kept the old text of {result.draft_rel} in {result.kept}")
    if result.seed.doc.bare:
        click.echo(f"added front matter to {result.seed.rel} (it had none): status and developed_to, "
                   "the rest of the file byte for byte")



@click.command()
@click.argument("seed")
@click.option(
    "--platform",
    callback=platform_name,
    help="Target platform (default: the seed's, then the config's).",
)
@click.option("--template", help="Template name (default: the platform's).")
@click.option("--force", is_flag=True, help="Replace an existing variants file (its old text is kept).")
def variants(seed: str, platform: str | None, template: str | None, force: bool) -> None:
    """Render every hook × angle of SEED into drafts/<platform>/<stem>.variants.md.

    Each variant is numbered and headed with the `--hook N --angle M` that `develop` takes to turn it
    into the draft, its character count (of the exported text) against the limit, and whether its
    opening line fits before the "…see more" fold. The seed is not changed. An existing variants
    file may hold your notes: it is replaced only with --force.
    """
    from contentkit.usecases import variants as variants_

    target = repo()
    result = variants_.plan(target, target.resolve_seed(seed), platform, template, force)
    kept = variants_.write(target, result, force)
    hooks, angles = len(result.seed.hooks), len(result.seed.angles)
    click.echo(f"wrote {result.rel}: {len(result.variants)} variants ({hooks} hooks × {angles} angles)")
    if kept:
        click.echo(f"kept the old text of {result.rel} in {kept}")
    for v in result.variants:
        click.echo(f"  {v.number:>3}  {v.options:<20}  {v.note}")
    warn(list(result.warnings))


@click.command()
@click.argument("bank")
@click.option("--dry-run", is_flag=True, help="Say which seeds would be written; write nothing.")
@click.option("--mark", is_flag=True, help="Add a line linking each split idea to its seed in the bank.")
@click.option("--json", "as_json", is_flag=True, help="Output JSON (for scripts).")
def split(bank: str, dry_run: bool, mark: bool, as_json: bool) -> None:
    """Turn BANK, a file of many ideas, into one seed per idea in the seeds folder.

    An idea is a repeated heading (`## 2026-06-23 · "..."`, `### 12. Title`) with what is under it,
    a row of a table with a title column, or an item of a numbered or checkbox list. Each seed gets
    `source:` naming the bank; an existing seed is never overwritten. The bank is left as it is;
    with --mark each split idea gets one line after it, a link to its seed.
    """
    import json
    from pathlib import Path

    from contentkit.usecases import split as split_

    target = repo()
    result = split_.plan(target, at(Path(bank)), mark)
    written = [] if dry_run else split_.apply(target, result)
    if as_json:
        rows = [{"title": s.idea.title, "line": s.idea.line + 1, "seed": s.rel, "exists": s.exists,
                 "written": s.rel in written} for s in result.seeds]
        data = {"bank": result.bank, "shape": result.shape, "dry_run": dry_run, "ideas": rows,
                "marked": bool(result.marked) and not dry_run}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for one in result.seeds:
        state = "exists, not overwritten" if one.exists else ("would write" if dry_run else "wrote")
        click.echo(f"{state} {one.rel}  ({one.idea.title})")
    if dry_run:
        click.echo(f"Dry run, nothing written: {len(result.seeds)} ideas in {result.bank}", err=True)
    elif result.marked is not None:
        click.echo(f"marked {result.bank}: a link after each split idea")
