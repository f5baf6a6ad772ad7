"""The one error base. The CLI catches ContentkitError once and prints a one-line message."""

from __future__ import annotations

from pathlib import Path


class ContentkitError(Exception):
    """A problem the user can fix. Never carries a traceback to the terminal."""

    exit_code = 1

    def __init__(
        self,
        message: str,
        path: Path | str | None = None,
        line: int | None = None,
        col: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.col = col

    def located(self) -> str:
        """`path:line:col: message`, with whatever location is known."""
        parts = [str(p) for p in (self.path, self.line, self.col) if p is not None]
        return ": ".join([":".join(parts), self.message]) if parts else self.message

    def __str__(self) -> str:
        return self.located()


class ConfigError(ContentkitError):
    """contentkit.toml / [tool.contentkit] is missing or wrong."""


class ConfigValueError(ConfigError):
    """A table of the config that says something impossible: an alias of a key contentkit does not
    have, a status that is not a lifecycle state, one writer's value for two states. Exit 1, as every
    other malformed file is."""


class UsageError(ContentkitError):
    """An option's value is not of the form the option takes (--hook 9, --url notaurl, --date soon)."""

    exit_code = 2


class RepoError(ContentkitError):
    """No repo root, a seed reference that matches nothing, or several things."""


class SeedError(ContentkitError):
    """A seed or draft file cannot be read: encoding, front matter, YAML.

    `code` is the rule code (contentkit/codes.py) validate reports it as, set where it is raised.
    """

    def __init__(
        self,
        message: str,
        path: Path | str | None = None,
        line: int | None = None,
        col: int | None = None,
        *,
        code: str = "CK100",
    ) -> None:
        super().__init__(message, path, line, col)
        self.code = code


class TemplateError(ContentkitError):
    """A template is missing, has a syntax error, or names an undefined variable."""


class RefusedError(ContentkitError):
    """The command would damage work: a developed seed, an existing draft, a stale lock."""


class WriteError(ContentkitError):
    """A file could not be written; nothing was changed."""


class InputError(ContentkitError):
    """A file or standard input handed to a command cannot be used (not UTF-8 text, unreadable)."""


class ClipboardError(ContentkitError):
    """`export --copy` found no clipboard command here, or the command failed."""


class EditorError(ContentkitError):
    """The editor ($VISUAL, $EDITOR) could not be started or exited with an error."""


class MetricsError(ContentkitError):
    """The metrics file, or an analytics export to import, is not what it should be."""


class ServeError(ContentkitError):
    """`serve` cannot start: its extra is not installed, or the address cannot be listened on."""
