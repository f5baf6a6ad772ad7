"""The repo's own vocabulary: `[aliases.keys]` and `[aliases.status]` of its config.

A writer's repo may say `created_date:` for contentkit's `created`, `draft_file:` for `developed_to`
and `status: new | drafted | posted` for the lifecycle's `seed | developed | published`. Front matter
is read through the aliases in ONE place (`Aliases.read`, called where a file's front matter becomes
a Seed, an index entry or a file validate checks), and every edit is written back in the writer's
words (`Aliases.written`): the key the file already has, else the first alias, and the first alias of
a lifecycle state as its value.

Pure: no file access, no heavy imports (validate imports it on every commit).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

Table = tuple[tuple[str, tuple[str, ...]], ...]  # (contentkit name, the writer's names), in config order


class Aliases(NamedTuple):
    keys: Table = ()  # contentkit key -> the writer's key names, first present wins
    status: Table = ()  # lifecycle state -> the writer's values for it
    folders: Table = ()  # lifecycle state -> the folders whose files without front matter are in it

    def __bool__(self) -> bool:
        return bool(self.keys or self.status or self.folders)

    def folder_state(self, rel: str) -> str | None:
        """The lifecycle state [aliases.folders] gives a file by its folder (`ideas/posted/x.md`
        is in `ideas/posted` and in `posted`); the longest folder named wins; None when none is."""
        parts = rel.split("/")[:-1]
        best: tuple[int, str] | None = None
        for state, folders in self.folders:
            for folder in folders:
                wanted = [p for p in folder.strip("/").split("/") if p not in ("", ".")]
                if wanted and _within(parts, wanted) and (best is None or len(wanted) > best[0]):
                    best = (len(wanted), state)
        return None if best is None else best[1]

    def names(self, key: str) -> tuple[str, ...]:
        """The writer's names for a contentkit key (empty when it has none)."""
        return next((names for name, names in self.keys if name == key), ())

    @property
    def key_names(self) -> frozenset[str]:
        """Every writer key name that stands for a contentkit key (known keys, never CK301)."""
        return frozenset(name for _, names in self.keys for name in names)

    def values(self, state: str) -> tuple[str, ...]:
        return next((values for name, values in self.status if name == state), ())

    def state(self, value: Any) -> Any:
        """The lifecycle state a writer's status value stands for; any other value as it is. A flag
        (`draft: true`, `published: false`) stands for one as its text (`true`, `false`)."""
        if isinstance(value, bool):
            flag = "true" if value else "false"
            return next((state for state, values in self.status if flag in values), value)
        if isinstance(value, str):
            for state, values in self.status:
                if value in values:
                    return state
        return value

    def status_value(self, state: str) -> str:
        """A lifecycle state in the writer's words: its first alias, else the state itself."""
        values = self.values(state)
        return values[0] if values else state

    def source(self, meta: Mapping[str, Any], key: str) -> str:
        """The key of `meta` that holds contentkit's `key`: the first of its aliases present, else the
        key itself when present, else the name a new value is written under (the first alias)."""
        names = self.names(key)
        present = next((name for name in (*names, key) if name in meta), None)
        return present or (names[0] if names else key)

    def read(self, meta: dict[str, Any]) -> dict[str, Any]:
        """Front matter in contentkit's names: each aliased key under its contentkit name (the first
        present alias wins; the other aliases are consumed), the status as its lifecycle state."""
        if not self:
            return meta
        out = dict(meta)
        for key, names in self.keys:
            found = next((name for name in (*names, key) if name in meta), None)
            for name in names:
                out.pop(name, None)
            if found is not None:
                out[key] = meta[found]
        if self.status and "status" in out:
            out["status"] = self.state(out["status"])
        return out

    def written(self, meta: Mapping[str, Any], changes: Mapping[str, str]) -> dict[str, str]:
        """Changes in contentkit's names -> the same changes in the file's own keys and values."""
        return {
            self.source(meta, key): self.status_value(value) if key == "status" else value
            for key, value in changes.items()
        }

    def vocabulary(self, statuses: Iterable[str]) -> str:
        """The lifecycle as the repo writes it: `seed (new, idea), developed (drafted), ...`."""
        shown = []
        for state in statuses:
            values = self.values(state)
            shown.append(f"{state} ({', '.join(values)})" if values else state)
        return ", ".join(shown)

    def accepted(self, statuses: Iterable[str]) -> tuple[str, ...]:
        """Every status value the repo may write: the states and their aliases."""
        return tuple(dict.fromkeys(v for s in statuses for v in (s, *self.values(s))))


def folder_table(rows: Mapping[str, tuple[str, ...]], statuses: tuple[str, ...]) -> Table:
    """[aliases.folders] (lifecycle state -> its folders) as a Table; a ValueError (message, state)
    for a state not in the lifecycle or a folder given to two states."""
    owner: dict[str, str] = {}
    for state, folders in rows.items():
        if state not in statuses:
            raise ValueError(f"'{state}' is not a lifecycle state ({', '.join(statuses)})", state)
        for folder in folders:
            if owner.setdefault(folder, state) != state:
                raise ValueError(f"'{folder}' is the folder of both '{owner[folder]}' and '{state}'", state)
    return tuple(rows.items())


def _within(parts: list[str], wanted: list[str]) -> bool:
    """Whether the folder parts `wanted` stand in a row in a file's folder `parts`."""
    size = len(wanted)
    return any(parts[n : n + size] == wanted for n in range(len(parts) - size + 1))


NONE = Aliases()
