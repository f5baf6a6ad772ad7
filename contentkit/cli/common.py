"""What every command module shares: the repo, warnings, --json output, the --platform check.

Light on imports: every command, `validate` on each commit too, imports this module.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any

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


def vouch(target: Repo, files: list[str], absent: Sequence[str] = ()) -> None:
    """The command's output holds while these files (repo-relative, with the listing's folders and
    the config) keep their stamps and `absent` stays absent: the console entry point may answer
    it again without importing anything (answers.py, warm.py). Only from the repo root."""
    from contentkit import answers
    from contentkit.cache.memo import answer_inputs

    if not answers.recording() or str(target.root) != os.getcwd() or target.store is None:
        return
    found = answer_inputs(target, files, absent)
    if found is not None:
        answers.vouch(str(target.root), *found)


def platform_name(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """--platform takes a plain name (it becomes a folder name), never a path."""
    from contentkit.config import PLATFORM_RULE, plain_platform

    if value is not None and not plain_platform(value):
        shown = value if len(value) <= 80 and value.isprintable() else repr(value[:77])[1:-1] + "..."
        raise click.BadParameter(f"'{shown}' is not a platform name: use {PLATFORM_RULE}")
    return value


# --- colour: for a terminal only (never piped, nor under NO_COLOR or TERM=dumb) -----------------

ROLES: dict[str, dict[str, Any]] = {
    "error": {"fg": "red", "bold": True},
    "warning": {"fg": "yellow"},
    "ok": {"fg": "green"},
    "fold": {"fg": "magenta"},
    "heading": {"bold": True},
    # statuses of the lifecycle; any other status stays plain
    "seed": {"fg": "cyan"},
    "developed": {"fg": "yellow"},
    "scheduled": {"fg": "blue"},
    "published": {"fg": "green"},
    "archived": {"fg": "bright_black"},
}


def colour_on(stream: IO[Any] | None, environ: Mapping[str, str] | None = None) -> bool:
    """Colour for `stream`: a TTY, NO_COLOR unset or empty, and a TERM other than dumb."""
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR") or env.get("TERM") == "dumb":
        return False
    return is_tty(stream)


def is_tty(stream: IO[Any] | None) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):  # a closed stream
        return False


def stdout_colour() -> bool:
    return colour_on(sys.stdout)


def stderr_colour() -> bool:
    return colour_on(sys.stderr)


def paint(text: str, role: str, on: bool) -> str:
    """`text` in the role's colour when `on`; unchanged otherwise (and for a role without one)."""
    style = ROLES.get(role)
    return click.style(text, **style) if on and style else text


def warn(messages: list[str]) -> None:
    if not messages:
        return
    label = paint("warning:", "warning", stderr_colour())
    for message in messages:
        click.echo(f"{label} {terminal(message)}", err=True)


def pending_warning(target: Repo) -> bool:
    """Warn of a write a killed process left unfinished; True when there is one."""
    from contentkit.repo import pending_message, untrusted_message

    why = target.untrusted_journal()
    if why is not None:
        warn([untrusted_message(why)])
    unfinished = target.pending()
    if unfinished:
        warn([pending_message(unfinished)])
    return bool(unfinished)


def emit_json(data: Any) -> None:
    """Every --json output: values JSON has no type for (dates, as keys too) are written as text."""
    from contentkit.views import jsonable

    click.echo(terminal(json.dumps(jsonable(data), indent=2, ensure_ascii=False)))
