"""What the repo holds, one summary per seed: the input of INDEX.md and `contentkit list`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from contentkit import seed as seeds
from contentkit.errors import SeedError
from contentkit.repo import Repo


@dataclass(frozen=True)
class Entry:
    """A seed as the index and `list` show it. `error` is set when the file could not be read."""

    path: str
    title: str = ""
    status: str = ""
    created: str = ""
    platform: str = ""
    source: str = ""
    developed_to: str = ""
    published_url: str = ""
    open_tasks: tuple[str, ...] = ()
    error: str = ""

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["open_tasks"] = list(self.open_tasks)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Entry:
        return cls(**{**data, "open_tasks": tuple(data.get("open_tasks", ()))})


@dataclass(frozen=True)
class Catalog:
    entries: list[Entry]
    drafts: list[str] = field(default_factory=list)

    @property
    def readable(self) -> list[Entry]:
        return [e for e in self.entries if not e.error]

    @property
    def broken(self) -> list[Entry]:
        return [e for e in self.entries if e.error]


def entry_of(seed: seeds.Seed) -> Entry:
    return Entry(
        path=seed.rel,
        title=seed.title,
        status=seed.status,
        created=seed.created,
        platform=seed.get("platform"),
        source=seed.get("source"),
        developed_to=seed.get("developed_to"),
        published_url=seed.get("published_url"),
        open_tasks=tuple(task.text for task in seed.next_steps if not task.done),
    )


def read_entry(path: Path, root: Path, data: bytes | None = None) -> Entry:
    """One seed file -> its Entry; a file that cannot be read gives an Entry with its error."""
    try:
        seed = seeds.parse(data, path, root) if data is not None else seeds.load(path, root)
    except SeedError as exc:
        return Entry(path=seeds.relative(path, root), error=exc.located())
    return entry_of(seed)


def collect(
    repo: Repo,
    overrides: Mapping[Path, bytes] | None = None,
    extra_drafts: tuple[Path, ...] = (),
) -> Catalog:
    """Read every seed. `overrides` stands in for files about to be written (develop, publish)."""
    overrides = overrides or {}
    entries = [read_entry(p, repo.root, overrides.get(p)) for p in repo.seed_files()]
    drafts = {repo.rel(p) for p in (*repo.draft_files(), *extra_drafts)}
    return Catalog(entries, sorted(drafts))
