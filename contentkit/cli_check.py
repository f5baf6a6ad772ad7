"""`contentkit validate` and `contentkit schema`: checks for pre-commit, CI and editors.

Kept apart from cli.py and light on imports: pre-commit runs `validate` on every commit.
"""

from __future__ import annotations

from pathlib import Path

import click


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
    from contentkit.cli import pending_warning
    from contentkit.repo import Repo
    from contentkit.validate import output, run

    target = Repo.discover()
    unfinished = pending_warning(target)  # the files are half way between two states: not valid
    report = run.check(target, paths)
    if strict:
        report = report.strict()
    click.echo(output.FORMATS[output_format](report), nl=False)
    click.get_current_context().exit(1 if report.errors or unfinished else 0)


@click.command()
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of seed front matter.

    Built from the repo's config (required keys, the status lifecycle), or from the defaults outside a
    repo. Use it with an editor's YAML support or with check-jsonschema.
    """
    import json

    from contentkit import config
    from contentkit import schema as schemas

    root = config.find_root(Path.cwd())
    settings = config.load(root) if root is not None else config.Config()
    click.echo(json.dumps(schemas.seed_schema(settings), indent=2, ensure_ascii=False))
