"""The repo's own vocabulary in its config: `[aliases.keys]`, `[aliases.status]`, `[aliases.folders]`
and `[sections]`, read into the tables config.Config carries, each error located at its entry."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contentkit.base.errors import ConfigValueError
from contentkit.model.aliases import Aliases, Table, folder_table
from contentkit.model.sections import BY_NAME, default_forms

if TYPE_CHECKING:
    from contentkit.model.headings import SectionForms


@lru_cache(maxsize=16)
def forms_with(extras: Table) -> SectionForms:
    """The packaged heading forms of each section kind with a repo's [sections] added."""
    return default_forms().with_extras(dict(extras))


# --- [aliases.keys], [aliases.status], [sections]: the repo's own vocabulary ----------------------


class Vocabulary:
    """Reads the vocabulary tables; each error names the file and the line of the entry at fault."""

    def __init__(self, path: Path | None, text: str, prefix: str) -> None:
        self.path, self.lines, self.prefix = path, text.splitlines(), prefix

    def error(self, message: str, table: str, key: str | None = None) -> ConfigValueError:
        return ConfigValueError(message, self.path, self.line_of(table, key))

    def line_of(self, table: str, key: str | None) -> int | None:
        """1-based line of `key = ...` under `[table]` (or of the table's header); None if not found."""
        dotted = r"\s*\.\s*".join(map(re.escape, (self.prefix + table).split(".")))
        header = re.compile(r"\s*\[\s*" + dotted + r"\s*\]")
        entry = re.compile(r"\s*[\"']?" + re.escape(key or "") + r"[\"']?\s*=") if key else None
        found = None
        for n, line in enumerate(self.lines, 1):
            if found is None:
                found = n if header.match(line) else None
            elif line.lstrip().startswith("["):
                break
            elif entry is not None and entry.match(line):
                return n
        return found

    def table(self, value: Any, name: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.error(f"'{name}' must be a table", name.rpartition(".")[0] or name)
        return value

    def names(self, value: Any, table: str, key: str) -> tuple[str, ...]:
        good = isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value)
        if not good:
            raise self.error(f"'{table}.{key}' must be a list of names (strings)", table, key)
        return tuple(dict.fromkeys(v.strip() for v in value))

    def aliases(self, value: Any, keys: set[str], statuses: tuple[str, ...]) -> Aliases:
        tables = self.table(value, "aliases")
        for name in tables:
            if name not in ("keys", "status", "folders"):
                known = "keys, status, folders"
                raise self.error(f"unknown table 'aliases.{name}' (known: {known})", f"aliases.{name}")
        listed = ", ".join(statuses)
        return Aliases(
            self._mapping(
                self.table(tables.get("keys", {}), "aliases.keys"), "aliases.keys", keys,
                lambda key: f"'{key}' is not a contentkit key{_close(key, keys)}",
                lambda name, also, key: f"'{name}' stands for both '{also}' and '{key}'",
            ),
            self._mapping(
                self.table(tables.get("status", {}), "aliases.status"), "aliases.status", statuses,
                lambda state: f"'{state}' is not a lifecycle state ({listed}){_close(state, statuses)}",
                lambda value, also, state: f"'{value}' is mapped to both '{also}' and '{state}'",
            ),
            self._folders(self.table(tables.get("folders", {}), "aliases.folders"), statuses),
        )

    def _folders(self, table: dict[str, Any], statuses: tuple[str, ...]) -> Table:
        rows = {state: self.names(value, "aliases.folders", state) for state, value in table.items()}
        try:
            return folder_table(rows, statuses)
        except ValueError as exc:  # (message, the state at fault)
            raise self.error(f"aliases.folders: {exc.args[0]}", "aliases.folders", exc.args[1]) from None

    def _mapping(
        self, table: dict[str, Any], where: str, known: Collection[str],
        unknown: Callable[[str], str], clash: Callable[[str, str, str], str],
    ) -> Table:
        """An alias table (contentkit's name -> the writer's names): each name known, each writer's
        name standing for one of them only (and never for another of contentkit's own names)."""
        owner: dict[str, str] = {}
        rows = []
        for target, value in table.items():
            if target not in known:
                raise self.error(f"{where}: {unknown(target)}", where, target)
            names = self.names(value, where, target)
            for name in names:
                other = owner.setdefault(name, target)
                if other != target or (name in known and name != target):
                    also = other if other != target else name
                    raise self.error(f"{where}: {clash(name, also, target)}", where, target)
            rows.append((target, tuple(n for n in names if n != target)))
        return tuple(row for row in rows if row[1])

    def sections(self, value: Any) -> Table:
        table = self.table(value, "sections")
        rows = []
        for kind, forms in table.items():
            if kind not in BY_NAME:
                hint = _close(kind, BY_NAME)
                known = ", ".join(BY_NAME)
                message = f"sections: '{kind}' is not a section kind ({known}){hint}"
                raise self.error(message, "sections", kind)
            rows.append((kind, self.names(forms, "sections", kind)))
        for n in range(len(rows)):  # the first kind whose forms cannot be: its line
            try:
                forms_with(tuple(rows[: n + 1]))
            except ValueError as exc:  # a form with no letters, one of two kinds or another kind's
                raise self.error(f"sections: {exc}", "sections", rows[n][0]) from None
        return tuple(rows)


def _close(word: str, choices: Any) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""
