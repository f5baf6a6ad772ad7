"""The one error base. The CLI catches ContentkitError once and prints a one-line message."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Hint:
    """A parameter of a use case, named in a message (the value it is about, or the way out of a
    refusal): the command line words it as its flag (`--force`), the Python API as the keyword it
    is (`force=True`). `value` is what to pass, when the message means one (True for a switch)."""

    option: str
    value: object = None

    def __str__(self) -> str:
        return self.option if self.value is None else f"{self.option}={self.value!r}"


def keyword(hint: Hint) -> str:
    """The Python API's wording of a hint: its keyword argument (`force=True`)."""
    return str(hint)


def flag(hint: Hint) -> str:
    """The command line's wording of a hint (the CLI, serve and the language server choose it): the
    option of the parameter it names (`force` -> `--force`)."""
    option = "--" + hint.option.replace("_", "-")
    return option if hint.value is None or hint.value is True else f"{option} {hint.value}"


class ContentkitError(Exception):
    """A problem the user can fix. Never carries a traceback to the terminal.

    The message is text, or a sequence of text and Hints (the parameters it names); `hints` lists
    them, `worded()` says the message with each one worded by the caller (the CLI: as a flag).
    """

    exit_code = 1

    def __init__(
        self,
        message: str | Sequence[str | Hint],
        path: Path | str | None = None,
        line: int | None = None,
        col: int | None = None,
    ) -> None:
        self.parts: tuple[str | Hint, ...] = (message,) if isinstance(message, str) else tuple(message)
        self.message = self.worded()
        super().__init__(self.message)
        self.path = path
        self.line = line
        self.col = col

    @property
    def hints(self) -> tuple[Hint, ...]:
        """The parameters the message names, in its order."""
        return tuple(part for part in self.parts if isinstance(part, Hint))

    def worded(self, word: Callable[[Hint], str] = keyword) -> str:
        """The message, each Hint in it worded by `word` (default: as the Python API's keyword)."""
        return "".join(part if isinstance(part, str) else word(part) for part in self.parts)

    def located(self, word: Callable[[Hint], str] = keyword) -> str:
        """`path:line:col: message`, with whatever location is known."""
        message = self.worded(word)
        parts = [str(p) for p in (self.path, self.line, self.col) if p is not None]
        return ": ".join([":".join(parts), message]) if parts else message

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

    `code` is the rule code (contentkit/base/codes.py) validate reports it as, set where it is raised.
    """

    def __init__(
        self,
        message: str | Sequence[str | Hint],
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


class ModelError(ContentkitError):
    """`suggest`: the model did not answer (a missing key, the network, the model's own error)."""
