"""What the repo holds, one summary per seed: the input of INDEX.md and `contentkit list`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from contentkit.dates import instant
from contentkit.errors import SeedError
from contentkit.lifecycle import drafts_of
from contentkit.repo import Repo

if TYPE_CHECKING:  # imported where used: a warm `index` answers from the cache without parsing
    from contentkit import seed as seeds


@dataclass(frozen=True)
class Entry:
    """A seed as the index and `list` show it. `error` is set when the file could not be read."""

    path: str
    title: str = ""
    status: str = ""
    created: str = ""
    platform: str = ""
    source: str = ""
    developed_to: tuple[str, ...] = ()  # the seed's drafts: one path, or a list of them in the file
    published_url: str = ""
    open_tasks: tuple[str, ...] = ()
    error: str = ""

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["open_tasks"] = list(self.open_tasks)
        data["developed_to"] = list(self.developed_to)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Entry:
        tasks, drafts = tuple(data.get("open_tasks", ())), tuple(data.get("developed_to", ()))
        return cls(**{**data, "open_tasks": tasks, "developed_to": drafts})


@dataclass(frozen=True)
class Catalog:
    entries: list[Entry]
    drafts: list[str] = field(default_factory=list)
    # A digest of the files this catalog was read from (names and stamps), set by the store when every
    # one of them can be trusted; the store remembers INDEX.md as current for these inputs.
    inputs: str = field(default="", compare=False)

    @property
    def readable(self) -> list[Entry]:
        return [e for e in self.entries if not e.error]

    @property
    def broken(self) -> list[Entry]:
        return [e for e in self.entries if e.error]


def newest_first(entries: Iterable[Entry]) -> list[Entry]:
    """Entries by `created` as an instant, newest first; ties by path (so output is deterministic)."""
    return sorted(entries, key=lambda e: (instant(e.created), e.path), reverse=True)


def entry_of(seed: seeds.Seed) -> Entry:
    return Entry(
        path=seed.rel,
        title=seed.title,
        status=seed.status,
        created=seed.created,
        platform=seed.get("platform"),
        source=seed.get("source"),
        developed_to=drafts_of(seed.meta.get("developed_to")),
        published_url=seed.get("published_url"),
        open_tasks=tuple(task.text for task in seed.next_steps if not task.done),
    )


def read_entry(path: Path, root: Path, data: bytes | None = None, rel: str | None = None) -> Entry:
    """One seed file -> its Entry; a file that cannot be read gives an Entry with its error.

    The same Entry as entry_of(seeds.load(path, root)), from seeds.outline(), which skips the sections
    an index row does not show. `rel`, when given, is seeds.relative(path, root), already known.
    """
    from contentkit import seed as seeds

    try:
        outline = seeds.outline(seeds.read(path, root) if data is None else data, path, root, rel)
    except SeedError as exc:
        return Entry(path=seeds.relative(path, root) if rel is None else rel, error=exc.located())
    meta = outline.meta

    def text(key: str) -> str:  # Seed.get(): most values are strings already
        value = meta.get(key)
        return value if type(value) is str else seeds.text_of(value)

    return Entry(
        path=outline.rel,
        title=outline.title,
        status=text("status"),
        created=text("created"),
        platform=text("platform"),
        source=text("source"),
        developed_to=drafts_of(meta.get("developed_to")),
        published_url=text("published_url"),
        open_tasks=tuple(task.text for task in outline.next_steps if not task.done),
    )


def collect(
    repo: Repo, overrides: Mapping[Path, bytes] | None = None, extra_drafts: tuple[Path, ...] = ()
) -> Catalog:
    """Read every seed. `overrides` stands in for files about to be written (develop, publish).

    The store the CLI handed in with the repo reads it (the cache: only seeds that changed since an
    earlier run); without one, every seed is read here. The catalog is the same either way.
    """
    if repo.store is not None:
        return cast(Catalog, repo.store.collect(repo, overrides or {}, extra_drafts))
    return read_all(repo, overrides or {}, extra_drafts, lambda files: [read_entry(*f) for f in files])


Reader = Callable[[list[tuple[Path, Path, bytes | None, None]]], list[Entry]]


def read_all(
    repo: Repo, overrides: Mapping[Path, bytes], extra_drafts: tuple[Path, ...], read: Reader
) -> Catalog:
    """Every seed read by `read` (read_entry() over (path, root, data, rel)): no cache."""
    entries = read([(p, repo.root, overrides.get(p), None) for p in repo.seed_files()])
    drafts = {repo.rel(p) for p in (*repo.draft_files(), *extra_drafts)}
    return Catalog(entries, sorted(drafts))
