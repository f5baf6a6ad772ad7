"""Check: `validate` seeds and drafts, print the front matter `schema`, keep the `index` fresh, `doctor`.

Light on imports: pre-commit runs `validate` on every commit. Each command imports what it needs
when it runs.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from contentkit.cli.common import here, pending_warning, repo, vouch, warn

if TYPE_CHECKING:
    from contentkit.store.repo import Repo


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text: path:line:col: CODE message; json: a list of objects; github: workflow annotations.",
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def validate(paths: tuple[Path, ...], output_format: str, strict: bool) -> None:
    """Check seeds and drafts; exit 1 on any error.

    PATHS are files or folders (default: every seed and draft in the repo). Markdown files outside
    the seeds and drafts folders are skipped. Each problem is one line with a stable rule code
    (CK1xx unreadable files, CK2xx seed keys and values, CK3xx warnings, CK4xx drafts).
    Warnings alone exit 0, unless --strict.
    """
    from contentkit.usecases.validate import output, run

    target = repo()
    unfinished = pending_warning(target)  # the files are half way between two states: not valid
    consulted: set[str] = set()
    report = run.check(target, list(paths), consulted=consulted)
    _vouch_validate(target, paths, consulted)
    report = report.strict() if strict else report
    text = output.FORMATS[output_format](report)
    if output_format == "text" and sys.stdout.isatty():  # (pre-commit pipes it: no colour module to load)
        from contentkit.cli.common import stdout_colour
        from contentkit.cli.style import diagnostics

        text = diagnostics(text, stdout_colour())
    click.echo(text, nl=False)
    click.get_current_context().exit(1 if report.errors or unfinished else 0)


def _vouch_validate(target: Repo, paths: tuple[Path, ...], consulted: set[str]) -> None:
    """validate's output holds while the files it checked and consulted keep their stamps: each path
    a listed seed or draft (all of them when none is named), a consulted file that is not there in
    a listed folder (its appearance changes that folder's stamp)."""
    import os
    import posixpath

    listing = target.files()
    named = [posixpath.normpath(path.as_posix()) for path in paths]
    if not all(listing.is_seed(rel) or listing.is_draft(rel) for rel in named):
        return
    files = named or [*listing.seeds, *listing.drafts]
    absent = [rel for rel in sorted(consulted) if not os.path.lexists(target.root / rel)]
    folders = set(getattr(listing, "folders", ()))
    if any(posixpath.dirname(rel) not in folders for rel in absent):
        return
    vouch(target, [*files, *sorted(consulted - set(absent) - set(files))], absent)


@click.command()
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of seed front matter.

    Built from the repo's config (required keys, the status lifecycle), or from the defaults outside a
    repo. Use it with an editor's YAML support or with check-jsonschema.
    """
    import json

    from contentkit.store import config
    from contentkit.store import schema as schemas

    root = config.find_root(here())
    settings = config.load(root) if root is not None else config.Config()
    click.echo(json.dumps(schemas.seed_schema(settings), indent=2, ensure_ascii=False))


@click.command(name="index")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if INDEX.md is stale.")
@click.option("--exit-code", is_flag=True, help="Exit 1 when INDEX.md was changed (for pre-commit).")
@click.option("--no-cache", is_flag=True, help="Read every seed; neither use nor update .contentkit/.")
def index_cmd(check: bool, exit_code: bool, no_cache: bool) -> None:
    """Regenerate INDEX.md: counts per status, a table per status, open next steps.

    Only the part between the contentkit:index markers is written; text around it is kept.
    The output depends only on the files, so it is stable from run to run.
    """
    from contentkit.usecases import index

    target = repo(no_cache)
    if check:
        pending_warning(target)
    else:
        target.finish()
    name = target.config.index_file
    result = index.refresh(target, write=not check)
    warn(list(result.warnings))
    if check and result.changed:
        _vouch_index(target)
        click.echo(f"{name} is stale; run 'contentkit index'", err=True)
        sys.exit(1)
    if not (result.changed and not check):  # the answer of the next run too, while no file changes
        _vouch_index(target)
    click.echo(f"wrote {name}" if result.changed else f"{name} is up to date")
    if exit_code and result.changed:
        sys.exit(1)


def _vouch_index(target: Repo) -> None:
    """index's output holds while the seeds, drafts and INDEX.md keep their stamps and there is no
    metrics file (its "What works" reads more files)."""
    import os

    config = target.config
    if os.path.lexists(target.root / config.metrics_file):
        return
    listing = target.files()
    vouch(target, [*listing.seeds, *listing.drafts, config.index_file], [config.metrics_file])


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the findings as a JSON list of objects.")
def doctor(as_json: bool) -> None:
    """Say what is missing for commits that just work; exit 1 when something is.

    Checks the config, that the git hooks find contentkit without an activated virtualenv (on PATH,
    the repo's .venv or ~/.local/bin), that pre-commit is installed with its hooks in .git/hooks,
    that INDEX.md is fresh and that the cache folder .contentkit/ is usable. Each problem comes with
    its fix.
    """
    import os

    from contentkit.cli.common import emit_json
    from contentkit.usecases import doctor as checks

    findings = checks.run(here(), os.environ)
    if as_json:
        emit_json([f.to_json() for f in findings])
    else:
        from contentkit.cli.common import paint, stdout_colour

        on = stdout_colour()
        click.echo(checks.text(findings, lambda mark, ok: paint(mark, "ok" if ok else "error", on)), nl=False)
    click.get_current_context().exit(0 if all(f.ok for f in findings) else 1)


@click.command(name="lint")
@click.argument("refs", nargs=-1)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text: path:line:col: CODE message; json: a list of objects (with 'fix'); github: annotations.",
)
@click.option("--platform", help="Lint against this platform's profile instead of the draft's own.")
def lint_cmd(refs: tuple[str, ...], output_format: str, platform: str | None) -> None:
    """Check what readers will meet in each post, on the text as `export` writes it.

    SEED|DRAFT names a draft, or a seed (its draft); none: every draft in the repo. Each finding
    points at the draft's own line and column (front matter, Markdown markup and HTML comments are
    no part of the post but are counted in the file) and has a CK6xx code (docs/LINT.md): Unicode
    pseudo-bold, emoji bullets, ALL-CAPS runs, lowercase multi-word hashtags, a link above the fold,
    long paragraphs on a phone, and a readability figure (info). proselint and Vale run too when
    installed. `[lint]` in the config turns checks off or changes their thresholds;
    `<!-- contentkit: ignore CK603 -->` silences a line. Exit 1 when anything but info is found.
    """
    from contentkit.usecases.lint.report import lint_repo

    report, text = lint_repo(repo(), refs, platform, output_format)
    click.echo(text, nl=False)
    click.get_current_context().exit(1 if report.errors or report.warnings else 0)
