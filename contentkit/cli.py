"""The command line: parse options, call the core, print. ContentkitError is caught here, once.

Modules are imported inside the commands that need them, so a command pays only for its own imports
(pre-commit runs `validate` on every commit).

Exit codes: 0 success; 1 a user error, a refusal, or a check that found problems; 2 bad usage.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from contentkit.errors import ContentkitError

if TYPE_CHECKING:
    from contentkit.repo import Repo


# Commands that live in their own modules, imported only when they run (or --help lists them).
LAZY_COMMANDS: dict[str, str] = {
    "validate": "contentkit.cli_check:validate",
    "schema": "contentkit.cli_check:schema",
    "variants": "contentkit.cli_post:variants",
    "export": "contentkit.cli_post:export",
    "preview": "contentkit.cli_post:preview",
    "publish": "contentkit.cli_post:publish",
    "metrics": "contentkit.cli_metrics:metrics",
    "stats": "contentkit.cli_metrics:stats",
    "serve": "contentkit.cli_serve:serve",
}


class Group(click.Group):
    """Turns every ContentkitError into one line on stderr and a non-zero exit.

    Also loads the LAZY_COMMANDS on demand, so each command imports only what it needs.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in LAZY_COMMANDS and name not in self.commands:
            module, _, attr = LAZY_COMMANDS[name].partition(":")
            command: click.Command = getattr(importlib.import_module(module), attr)
            self.add_command(command, name)
        return super().get_command(ctx, name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ContentkitError as exc:
            click.echo(f"contentkit: error: {terminal(exc.located())}", err=True)
            ctx.exit(exc.exit_code)


def terminal(text: str) -> str:
    """Text any terminal can take: bytes of a file name that are not UTF-8 are shown as \\xNN."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def repo() -> Repo:
    from contentkit.repo import Repo

    return Repo.discover()


def platform_name(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """--platform takes a plain name (it becomes a folder name), never a path."""
    from contentkit.config import PLATFORM_RULE, plain_platform

    if value is not None and not plain_platform(value):
        shown = value if len(value) <= 80 and value.isprintable() else repr(value[:77])[1:-1] + "..."
        raise click.BadParameter(f"'{shown}' is not a platform name: use {PLATFORM_RULE}")
    return value


def warn(messages: list[str]) -> None:
    for message in messages:
        click.echo(f"warning: {terminal(message)}", err=True)


def pending_warning(target: Repo) -> bool:
    """Warn of a write a killed process left unfinished; True when there is one."""
    from contentkit.repo import pending_message

    unfinished = target.pending()
    if unfinished:
        warn([pending_message(unfinished)])
    return bool(unfinished)


def emit_json(data: Any) -> None:
    """Every --json output: values JSON has no type for (dates, as keys too) are written as text."""
    from contentkit.views import jsonable

    click.echo(terminal(json.dumps(jsonable(data), indent=2, ensure_ascii=False)))


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(None, "-V", "--version", package_name="contentkit", prog_name="contentkit")
@click.option(
    "-C",
    "directory",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Run as if started in DIR (like git -C).",
)
def cli(directory: Path | None) -> None:
    """contentkit: turn content seeds into drafts and keep a writing repo honest.

    Seeds are Markdown files with YAML front matter under seeds/. `develop` turns one into a draft
    under drafts/<platform>/, marks the seed developed and refreshes INDEX.md.
    """
    if directory is not None:
        os.chdir(directory)


@cli.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("-q", "--quiet", is_flag=True, help="Print nothing on success.")
def init(directory: Path, quiet: bool) -> None:
    """Make DIRECTORY (default: here) a content repo.

    Writes contentkit.toml, seeds/, drafts/, templates/ (the default templates, to edit), INDEX.md,
    a Makefile with `make index`, a .pre-commit-config.yaml, and .contentkit/ in .gitignore.
    Files that already exist are kept as they are.
    """
    from contentkit import catalog, files, index, scaffold
    from contentkit.repo import Repo

    results = scaffold.init(directory)
    target = Repo.discover(directory)
    with target.lock():  # an INDEX.md already there is kept as it is, like every other file
        made_index = not os.path.lexists(target.index_path)
        if made_index:
            text, _ = index.plan(target, catalog.collect(target))
            files.atomic_write(target.index_path, text, target.state_dir)
    if quiet:
        return
    for item in results:
        state = "kept" if item.kept else "created"
        click.echo(f"{state:8} {target.rel(item.path)}")
    if made_index:
        click.echo(f"{'created':8} {target.config.index_file}")
    click.echo(f"\nReady. Next: contentkit -C {directory} new \"Your first idea\"")


@cli.command()
@click.argument("title")
@click.option("--source", default="idea", show_default=True, help="Where the idea came from.")
@click.option("--source-url", help="Link to the post or page that sparked it.")
@click.option(
    "--platform",
    callback=platform_name,
    help="Target platform (default: the config's default_platform).",
)
@click.option("--category", default="content-seed", show_default=True)
@click.option("--date", "date", help="Creation date, YYYY-MM-DD or ISO 8601 (default: now, UTC).")
def new(
    title: str,
    source: str,
    source_url: str | None,
    platform: str | None,
    category: str,
    date: str | None,
) -> None:
    """Write a new seed, seeds/YYYY-MM-DD__slug.md, with the empty section skeleton; refresh INDEX.md.

    Never overwrites an existing file: a slug another seed has gets -2, -3, ...
    """
    from contentkit import develop, scaffold

    options = {"TITLE": title, "--source": source, "--source-url": source_url, "--platform": platform}
    for option, value in {**options, "--category": category, "--date": date}.items():
        scaffold.check_argument(value, option)
    target = repo()
    created = scaffold.parse_date(date) if date else develop.now_utc()
    path = scaffold.new_seed(
        target,
        title,
        source=source,
        source_url=source_url,
        platform=platform,
        category=category,
        created=created,
    )
    click.echo(target.rel(path))


@cli.command(name="develop")
@click.argument("seed")
@click.option("--hook", type=click.IntRange(min=1), help="Hook number (see `contentkit show`).")
@click.option("--angle", type=click.IntRange(min=1), help="Angle number (see `contentkit show`).")
@click.option(
    "--platform",
    callback=platform_name,
    help="Target platform (default: the seed's, then the config's).",
)
@click.option("--template", help="Template name (default: the platform's), e.g. 'linkedin'.")
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
    chosen hook (default 1) and follows the chosen angle (default 1); the others stay in the draft as
    a comment. Everything is rendered before anything is written: a failure changes nothing.
    """
    from contentkit import cache, develop

    target = repo()
    path = cache.seed_path(target, seed)
    options = develop.Options(hook, angle, platform, template, force)
    if dry_run:
        result = develop.plan(target, path, options)
        warn(result.warnings)
        click.echo(result.draft_text, nl=False)
        click.echo("\nDry run, nothing written. Would:", err=True)
        for change in result.changes:
            click.echo(f"  {change}", err=True)
        return
    result = develop.develop(target, path, options)
    warn(result.warnings)
    click.echo(
        f"developed {result.seed.rel} -> {result.draft_rel} "
        f"(hook {result.hook}, angle {result.angle})"
    )
    if result.kept:
        click.echo(f"kept the old text of {result.draft_rel} in {result.kept}")


@cli.command(name="index")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if INDEX.md is stale.")
@click.option("--exit-code", is_flag=True, help="Exit 1 when INDEX.md was changed (for pre-commit).")
@click.option("--no-cache", is_flag=True, help="Read every seed; neither use nor update .contentkit/.")
def index_cmd(check: bool, exit_code: bool, no_cache: bool) -> None:
    """Regenerate INDEX.md: counts per status, a table per status, open next steps.

    Only the part between the contentkit:index markers is written; text around it is kept.
    The output depends only on the files, so it is stable from run to run.
    """
    from contentkit import cache

    target = repo()
    if check:
        pending_warning(target)
    else:
        target.finish()
    name = target.config.index_file
    known = None if no_cache else cache.fresh_index(target)  # files and INDEX.md as the last run left them
    for warning in known or ():
        click.echo(f"warning: {warning}", err=True)
    if known is not None:
        click.echo(f"{name} is up to date")
        return
    if check:
        text, old = _planned_index(target, no_cache, write=False)
        if text != old:
            click.echo(f"{name} is stale; run 'contentkit index'", err=True)
            sys.exit(1)
        click.echo(f"{name} is up to date")
        return
    with target.lock():  # read, render and write as one step: a develop cannot land in between
        text, old = _planned_index(target, no_cache, write=True)
    click.echo(f"wrote {name}" if text != old else f"{name} is up to date")
    if exit_code and text != old:
        sys.exit(1)


def _planned_index(target: Repo, no_cache: bool, write: bool) -> tuple[bytes, bytes | None]:
    """INDEX.md's new and current bytes, written when `write`; the cache remembers what INDEX.md holds."""
    from contentkit import cache, catalog, files, index

    cat = catalog.collect(target, use_cache=not no_cache)
    for entry in cat.broken:
        click.echo(f"warning: {entry.error}", err=True)
    text, old = index.plan(target, cat)
    if write and text != old:
        files.atomic_write(target.index_path, text, target.state_dir)
    if not no_cache and (write or text == old):
        cache.remember_index(target, cat, text)
    return text, old


@cli.command(name="list")
@click.option("--status", help="Only seeds with this status.")
@click.option("--platform", help="Only seeds for this platform.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of objects.")
@click.option("--no-cache", is_flag=True, help="Read every seed; neither use nor update .contentkit/.")
def list_cmd(status: str | None, platform: str | None, as_json: bool, no_cache: bool) -> None:
    """One row per seed, newest first."""
    from contentkit import catalog

    target = repo()
    pending_warning(target)
    cat = catalog.collect(target, use_cache=not no_cache)
    warn([entry.error for entry in cat.broken])
    rows = [
        e
        for e in catalog.newest_first(cat.readable)
        if (status is None or e.status == status) and (platform is None or e.platform == platform)
    ]
    if as_json:
        emit_json([{k: v for k, v in e.to_json().items() if k != "error"} for e in rows])
        return
    for e in rows:
        click.echo(terminal(f"{e.created[:10]:10}  {e.status:10}  {e.platform:9}  {e.path}  {e.title}"))


@cli.command()
@click.argument("seed")
@click.option("--json", "as_json", is_flag=True, help="Print the parsed seed as JSON.")
def show(seed: str, as_json: bool) -> None:
    """Show a parsed seed, its hooks and angles numbered for `develop --hook N --angle N`."""
    from contentkit import seed as seeds
    from contentkit import views

    target = repo()
    parsed = seeds.load(target.resolve_seed(seed), target.root)
    if as_json:
        emit_json(views.seed_json(parsed))
    else:
        click.echo(views.seed_text(parsed), nl=False)


def main() -> None:
    cli(prog_name="contentkit")
