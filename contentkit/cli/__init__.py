"""The command line: one group, one lazy command table, and the one place ContentkitError is caught.

Commands live in one module per stage of a writer's day (capture, develop, post, check; then
measure). A module is imported only when its command runs or --help lists it, so a command pays only
for its own imports (pre-commit runs `validate` on every commit). Add a command to its stage's module
and one row to COMMANDS.

Exit codes: 0 success; 1 a user error, a refusal, or a check that found problems; 2 bad usage
(click's own, and UsageError: an option's value not of its form).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import click

from contentkit.base.errors import ContentkitError, flag
from contentkit.cli.common import terminal

# The stages in the order of a writer's day; --help lists the commands under these headings.
STAGES: dict[str, str] = {
    "capture": "Capture",
    "develop": "Develop",
    "post": "Post",
    "check": "Check",
    "measure": "Measure",
}

# command name -> (stage, "module:attribute"); the module is imported when the command is used.
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("capture", "contentkit.cli.capture:init"),
    "adopt": ("capture", "contentkit.cli.adopt:adopt"),
    "new": ("capture", "contentkit.cli.capture:new"),
    "edit": ("capture", "contentkit.cli.capture:edit"),
    "show": ("capture", "contentkit.cli.capture:show"),
    "list": ("capture", "contentkit.cli.capture:list_cmd"),
    "search": ("capture", "contentkit.cli.find:search"),
    "develop": ("develop", "contentkit.cli.develop:develop_cmd"),
    "variants": ("develop", "contentkit.cli.develop:variants"),
    "split": ("capture", "contentkit.cli.develop:split"),
    "suggest": ("develop", "contentkit.cli.suggest:suggest"),
    "preview": ("post", "contentkit.cli.post:preview"),
    "export": ("post", "contentkit.cli.post:export"),
    "schedule": ("post", "contentkit.cli.post:schedule"),
    "unschedule": ("post", "contentkit.cli.post:unschedule"),
    "publish": ("post", "contentkit.cli.post:publish"),
    "calendar": ("post", "contentkit.cli.post:calendar"),
    "validate": ("check", "contentkit.cli.check:validate"),
    "schema": ("check", "contentkit.cli.check:schema"),
    "index": ("check", "contentkit.cli.check:index_cmd"),
    "doctor": ("check", "contentkit.cli.check:doctor"),
    "lint": ("check", "contentkit.cli.check:lint_cmd"),
    "lsp": ("check", "contentkit.cli.editor:lsp"),
    "metrics": ("measure", "contentkit.cli.metrics:metrics"),
    "stats": ("measure", "contentkit.cli.metrics:stats"),
    "serve": ("measure", "contentkit.cli.serve:serve"),
}


class Group(click.Group):
    """Loads COMMANDS on demand, lists them by stage, and turns every ContentkitError into one line
    on stderr and its exit code."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in COMMANDS and name not in self.commands:
            module, _, attr = COMMANDS[name][1].partition(":")
            command: click.Command = getattr(importlib.import_module(module), attr)
            self.add_command(command, name)
        return super().get_command(ctx, name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """One section per stage, in STAGES order; within a stage, the table's order."""
        width = formatter.width - 6 - max(len(name) for name in COMMANDS)
        for stage, heading in STAGES.items():
            rows = []
            for name, (where, _) in COMMANDS.items():
                command = self.get_command(ctx, name) if where == stage else None
                if command is not None and not command.hidden:
                    rows.append((name, command.get_short_help_str(width)))
            if rows:
                with formatter.section(heading):
                    formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ContentkitError as exc:
            from contentkit.cli.common import paint, stderr_colour

            label = paint("contentkit: error:", "error", stderr_colour())
            click.echo(f"{label} {terminal(exc.located(flag))}", err=True)
            ctx.exit(exc.exit_code)


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
    # -C DIR stays a parameter of this context (common.here() reads it): the process's folder is never
    # changed, so the library below reads no working directory of its own


def main() -> None:
    cli(prog_name="contentkit")
