"""What every command module shares: the repo, -C's folder, hints worded as flags, warnings, --json
output, the --platform check.

Light on imports: every command, `validate` on each commit too, imports this module.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from contentkit.store.repo import Repo


def terminal(text: str) -> str:
    """Text any terminal can take: bytes of a file name that are not UTF-8 are shown as \\xNN."""
    if text.isascii():  # nothing to escape (an undecodable byte is a surrogate, never ASCII)
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def current_dir() -> Path:
    """The process's current folder; a one-line error when it has been deleted under us."""
    from contentkit.base.errors import RepoError

    try:
        return Path.cwd()
    except OSError as exc:
        raise RepoError(f"cannot use the current folder ({exc.strerror}); cd to one that exists") from None


def here() -> Path:
    """The folder the command runs in: -C DIR (read from the current folder, as git -C does), else
    the current folder. The process's folder is never changed; relative paths are joined to this."""
    context = click.get_current_context(silent=True)
    directory = context.find_root().params.get("directory") if context is not None else None
    base = current_dir()
    return base if directory is None else Path(os.path.realpath(base / directory))


def directory_given() -> bool:
    context = click.get_current_context(silent=True)
    return context is not None and context.find_root().params.get("directory") is not None


def at(path: Path) -> Path:
    """A path the writer typed, as the command reads it: joined to -C DIR when one was given (else as
    typed: the current folder's, so every message shows it as today)."""
    return here() / path if directory_given() else path


class Existing(click.Path):
    """click.Path(exists=True), read from -C DIR when one was given; its messages name the path as typed."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(exists=True, path_type=Path, **kwargs)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not directory_given() or os.path.isabs(value):
            return super().convert(value, param, ctx)
        joined = os.fspath(here() / value)
        try:
            return super().convert(joined, param, ctx)
        except click.BadParameter as exc:
            self.fail(exc.message.replace(joined, os.fspath(value)), param, ctx)


def repo(no_cache: bool = False, start: Path | None = None) -> Repo:
    """The repo here (or at `start`, read from here), with the store the domain reads through:
    .contentkit/'s cache, or (--no-cache) a plain one. The one place a command chooses; the domain
    never imports the cache."""
    from contentkit.store.cache.layer import Cached, Uncached
    from contentkit.store.repo import Repo

    base = here()
    found = Repo.discover(base if start is None else base / start, cwd=base)
    return found.with_store(Uncached() if no_cache else Cached())


def vouch(target: Repo, files: list[str], absent: Sequence[str] = ()) -> None:
    """The command's output holds while these files (repo-relative, with the listing's folders and
    the config) keep their stamps and `absent` stays absent: the console entry point may answer
    it again without importing anything (answers.py, warm.py). Only from the repo root."""
    from contentkit.store import answers
    from contentkit.store.cache.memo import answer_inputs

    if not answers.recording() or str(target.root) != os.getcwd() or target.store is None:
        return
    found = answer_inputs(target, files, absent)
    if found is not None:
        answers.vouch(str(target.root), *found)


def platform_name(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """--platform takes a plain name (it becomes a folder name), never a path."""
    from contentkit.store.config import PLATFORM_RULE, plain_platform

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
    from contentkit.store.repo import pending_message, untrusted_message

    why = target.untrusted_journal()
    if why is not None:
        warn([untrusted_message(why)])
    unfinished = target.pending()
    if unfinished:
        warn([pending_message(unfinished)])
    return bool(unfinished)


def emit_json(data: Any) -> None:
    """Every --json output: values JSON has no type for (dates, as keys too) are written as text."""
    from contentkit.usecases.views import jsonable

    click.echo(terminal(json.dumps(jsonable(data), indent=2, ensure_ascii=False)))


OUTPUT_KINDS = {
    ".txt": "plain text", ".html": "HTML", ".ics": "an iCalendar feed", ".csv": "CSV", ".jsonl": "JSON Lines",
}


def suffixed(output: Path, suffix: str) -> Path:
    """`output` when it ends in `suffix`; else a usage error (exit 2), as any malformed option value."""
    if output.suffix.lower() != suffix:
        raise click.BadParameter(f"writes {OUTPUT_KINDS[suffix]}: give a {suffix} file", param_hint="'-o'")
    return output
