"""docs/CLI.md, generated from the commands' own --help: `make docs`, or `python -m contentkit.cli.reference`.

The page lists the commands by stage (the order of `contentkit --help`), each with its --help text as
click prints it at a fixed width, so the page is the same on every machine. tests/test_cli_reference.py
fails when the page drifts from the commands or when a command or option has no help text.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import click

WIDTH = 100
PAGE = Path("docs") / "CLI.md"

HEAD = """\
# Command reference

Generated from the commands' own `--help` by `make docs` (`python -m contentkit.cli.reference`);
`tests/test_cli_reference.py` fails when this page and the commands disagree. Do not edit it by hand:
change the command's help text and run `make docs`.

"""


def _root(group: click.Group) -> click.Context:
    settings = {**group.context_settings, "terminal_width": WIDTH, "max_content_width": WIDTH}
    return click.Context(group, info_name="contentkit", **settings)


def commands(group: click.Group) -> Iterator[tuple[str, click.Command, click.Context]]:
    """Every command and subcommand, with its context, in the order --help shows them."""
    from contentkit.cli import COMMANDS, STAGES

    root = _root(group)
    for stage in STAGES:
        for name, (where, _) in COMMANDS.items():
            command = group.get_command(root, name) if where == stage else None
            if command is not None and not command.hidden:
                yield from _walk(name, command, root)


def _walk(
    name: str, command: click.Command, parent: click.Context
) -> Iterator[tuple[str, click.Command, click.Context]]:
    ctx = click.Context(command, info_name=name, parent=parent, terminal_width=WIDTH, max_content_width=WIDTH)
    yield ctx.command_path, command, ctx
    if isinstance(command, click.Group):
        for sub in command.list_commands(ctx):
            child = command.get_command(ctx, sub)
            if child is not None and not child.hidden:
                yield from _walk(sub, child, ctx)


def missing_help(group: click.Group) -> list[str]:
    """Commands and options without help text: 'contentkit new --category'."""
    found = []
    for path, command, _ctx in commands(group):
        if not (command.help or command.short_help):
            found.append(path)
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden and not param.help:
                found.append(f"{path} {max(param.opts, key=len)}")
    return found


def page(group: click.Group) -> str:
    from contentkit.cli import STAGES

    parts = [HEAD]
    parts.append("".join(f"- [`{path}`](#{_anchor(path)})\n" for path, _c, _x in commands(group)) + "\n")
    parts.append(f"The stages: {', '.join(STAGES.values())}. `contentkit --help`:\n\n")
    root = _root(group)
    parts.append(_block(group.get_help(root)))
    for path, command, ctx in commands(group):
        parts.append(f"## {path}\n\n{_block(command.get_help(ctx))}")
    return "".join(parts).rstrip("\n") + "\n"


def _anchor(path: str) -> str:
    return path.replace(" ", "-")


def _block(text: str) -> str:
    return "```text\n" + "\n".join(line.rstrip() for line in text.splitlines()) + "\n```\n\n"


def main(argv: list[str]) -> int:
    """Write docs/CLI.md (or the path given); `--check` writes nothing and exits 1 when it is stale."""
    from contentkit.cli import cli

    check = "--check" in argv
    paths = [a for a in argv if a != "--check"]
    target = Path(paths[0]) if paths else PAGE
    text = page(cli)
    lacking = missing_help(cli)
    if lacking:
        print("no help text: " + ", ".join(lacking), file=sys.stderr)
        return 1
    old = target.read_text(encoding="utf-8") if target.exists() else None
    if check:
        if old != text:
            print(f"{target} is stale; run 'make docs'", file=sys.stderr)
            return 1
        return 0
    if old != text:
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
