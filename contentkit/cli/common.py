"""What every command module shares: the repo, warnings, --json output, the --platform check.

Light on imports: every command, `validate` on each commit too, imports this module.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from pathlib import Path

    from contentkit.repo import Repo


def terminal(text: str) -> str:
    """Text any terminal can take: bytes of a file name that are not UTF-8 are shown as \\xNN."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def repo(no_cache: bool = False, start: Path | None = None) -> Repo:
    """The repo here, with the store the domain reads through: .contentkit/'s cache, or (--no-cache)
    a plain one. The one place a command chooses; the domain never imports the cache."""
    from contentkit.cache.layer import Cached, Uncached
    from contentkit.repo import Repo

    return Repo.discover(start).with_store(Uncached() if no_cache else Cached())


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
