"""What the repo holds, one summary per seed: the input of INDEX.md and `contentkit list`."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any, Protocol, cast

from contentkit.base import dates
from contentkit.base.dates import instant
from contentkit.base.errors import SeedError, UsageError
from contentkit.base.files import real
from contentkit.base.statedir import read_bounded
from contentkit.markdown import linescan
from contentkit.model import sections
from contentkit.model import seed as seeds
from contentkit.model.aliases import NONE, Aliases
from contentkit.model.headings import SectionForms
from contentkit.model.lifecycle import State, drafts_of, folder_platform
from contentkit.model.sections import Section, Task
from contentkit.model.seed import text_of
from contentkit.store import where
from contentkit.store.repo import Repo


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
    themes: tuple[str, ...] = ()
    # One item per developed_to path, in its order, as that draft's own front matter says ('' when
    # it cannot be read): its status, its platform (else its folder's), its scheduled_at in UTC.
    draft_statuses: tuple[str, ...] = ()
    draft_platforms: tuple[str, ...] = ()
    draft_times: tuple[str, ...] = ()
    front: str = ""  # the front matter in contentkit's names, as where.encoded() keeps it (--where)

    def to_json(self) -> dict[str, Any]:
        """`list --json`'s object: the seed's fields, then its drafts as objects."""
        data = asdict(self)
        for name in ("draft_statuses", "draft_platforms", "draft_times", "front"):
            del data[name]
        for name in ("open_tasks", "developed_to", "themes"):
            data[name] = list(data[name])
        data["drafts"] = [
            {"path": path, "platform": platform, "status": status, "scheduled_at": at}
            for path, status, platform, at in self.drafts()
        ]
        return data

    def drafts(self) -> list[tuple[str, str, str, str]]:
        """(path, status, platform, scheduled_at) of each of the seed's drafts."""
        columns = (self.developed_to, self.draft_statuses, self.draft_platforms, self.draft_times)
        return list(zip(*columns, strict=False))


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


def search_text(title: str, core_idea: str, hooks: Iterable[str], angles: Iterable[Any]) -> str:
    parts = [title, core_idea, *hooks, *(f"{a.title} - {a.description}" for a in angles)]
    return "\n".join(parts).casefold()


_WORD = re.compile(r"\w+")


def matcher(repo: Repo, needle: str) -> Callable[[Entry], bool]:
    """`list --match`: whether a seed's title, core idea, hooks or angles hold `needle` (case aside).

    Read from the seed file only when asked (the cache keeps no copy of the seeds' text), and a file
    whose bytes lack a word of the needle is passed over unparsed: the fields' words are the file's words.
    """
    folded = needle.casefold()
    words = _WORD.findall(folded)

    def matches(entry: Entry) -> bool:
        path = repo.root / entry.path
        try:
            raw = read_bounded(path).decode("utf-8", "replace").casefold()
        except OSError:
            return False
        haystack = raw + "\n" + entry.path.casefold() + "\n" + entry.title.casefold()
        if any(word not in haystack for word in words):
            return False
        try:
            seed = seeds.load_in(repo, path)
        except SeedError:
            return False
        return folded in search_text(seed.title, seed.core_idea, seed.hooks, seed.angles)

    return matches


def draft_fields(
    root: Path, links: tuple[str, ...], known: Mapping[str, bytes] | None = None
) -> dict[str, Any]:
    """Entry's draft_statuses, draft_platforms and draft_times for these developed_to paths; `known`
    holds the bytes of drafts about to be written (by repo-relative path)."""
    facts = [draft_facts(root, link, (known or {}).get(link)) for link in links]
    return {
        "draft_statuses": tuple(f[0] for f in facts),
        "draft_platforms": tuple(f[1] for f in facts),
        "draft_times": tuple(f[2] for f in facts),
    }


def draft_facts(root: Path, link: str, data: bytes | None = None) -> tuple[str, str, str]:
    """A draft's status, platform (its `platform:`, else its folder) and scheduled_at in UTC, from its
    front matter; ('', folder, '') when it is missing, outside the repo or cannot be read."""
    folder = folder_platform(link)
    if data is None:
        path = root / link
        try:
            if not real(path).is_relative_to(root):
                return "", folder, ""
            data = read_bounded(path)
        except (OSError, ValueError):
            return "", folder, ""
    try:
        meta = linescan.read(data, link).meta
    except SeedError:
        return "", folder, ""
    at = text_of(meta.get("scheduled_at"))
    try:
        at = dates.parse_date(at, "scheduled_at") if at else ""
    except UsageError:
        at = ""
    return text_of(meta.get("status")), text_of(meta.get("platform")) or folder, at


class Read(Protocol):
    """A seed as parse() read it, to either depth (seed.Seed, seed.Outline): what a row is built from."""

    @property
    def rel(self) -> str: ...

    @property
    def meta(self) -> dict[str, Any]: ...

    @property
    def title(self) -> str: ...

    @property
    def next_steps(self) -> list[Task]: ...

    def section(self, kind: str) -> Section | None: ...


def row(seed: Read, root: Path) -> Entry:
    """The one way an index row is built: from a seed read to either depth (the same Entry)."""
    meta = seed.meta

    def text(key: str) -> str:  # Seed.get(): most values are strings already
        value = meta.get(key)
        return value if type(value) is str else text_of(value)

    links = drafts_of(meta.get("developed_to"))
    return Entry(
        path=seed.rel,
        title=seed.title,
        status=text("status"),
        created=text("created"),
        platform=text("platform"),
        source=text("source"),
        developed_to=links,
        published_url=text("published_url"),
        open_tasks=tuple(task.text for task in seed.next_steps if not task.done),
        themes=tuple(sections.themes(seed.section("themes"))),
        front=where.encoded(meta),
        **draft_fields(root, links),
    )


def read_entry(
    path: Path,
    root: Path,
    data: bytes | None = None,
    rel: str | None = None,
    forms: SectionForms | None = None,
    aliases: Aliases = NONE,
    depth: seeds.Depth = seeds.Depth.OUTLINE,
) -> Entry:
    """One seed file -> its Entry; a file that cannot be read gives an Entry with its error.

    Read to Depth.OUTLINE, which skips the sections an index row does not show (Depth.FULL gives the
    same Entry: tests/test_blocks.py holds them equal). `rel`, when given, is seeds.relative(path,
    root), already known.
    """
    try:
        found = seeds.read(path, root) if data is None else data
        read: Read = seeds.parse(found, path, root, rel, forms, aliases, depth=depth)
    except SeedError as exc:
        return Entry(path=seeds.relative(path, root) if rel is None else rel, error=exc.located())
    return row(read, root)


Keep = Callable[[Any], bool] | None
"""collect()'s `keep`: a test of an entry's fields (status, platform, themes, source, created: what
it reads by name, lists where an Entry has tuples), or None."""


def collect(
    repo: Repo,
    overrides: Mapping[Path, bytes] | None = None,
    extra_drafts: tuple[Path, ...] = (),
    keep: Keep = None,
) -> Catalog:
    """Read every seed. `overrides` stands in for files about to be written (develop, publish).

    The store the CLI handed in with the repo reads it (the cache: only seeds that changed since an
    earlier run); without one, every seed is read here. The catalog is the same either way, but that
    an entry `keep` refuses may be left out (the cache then never decodes its row); one with an error
    never is. A caller that passes `keep` filters the entries again.
    """
    if repo.store is not None:
        found = cast(Catalog, repo.store.collect(repo, overrides or {}, extra_drafts, keep))
    else:
        found = read_all(repo, overrides or {}, extra_drafts, lambda got, one: [one(*f) for f in got])
    return with_drafts(repo, found, overrides or {})


def with_drafts(repo: Repo, found: Catalog, overrides: Mapping[Path, bytes]) -> Catalog:
    """The catalog with the drafts about to be written (among `overrides`) read from their new bytes."""
    if not overrides:
        return found
    known = {repo.rel(path): data for path, data in overrides.items()}
    entries = [
        _redrafted(repo.root, e, known) if known.keys() & set(e.developed_to) else e
        for e in found.entries
    ]
    return Catalog(entries, found.drafts, found.inputs)


def _redrafted(root: Path, entry: Entry, known: Mapping[str, bytes]) -> Entry:
    return replace(entry, **draft_fields(root, entry.developed_to, known))


EntryReader = Callable[..., Entry]
"""read_entry() as a repo reads its seeds (entry_reader): (path, root, data, rel) -> Entry."""

Reader = Callable[[list[tuple[Path, Path, bytes | None, None]], EntryReader], list[Entry]]
"""Reads (path, root, data, rel) of each seed into its Entry with the EntryReader it is given."""


def entry_reader(repo: Repo) -> EntryReader:
    """read_entry() with the repo's heading forms ([sections]) and its own names ([aliases])."""
    config = repo.config
    if not config.sections and not config.aliases:
        return read_entry
    return partial(read_entry, forms=config.forms, aliases=config.aliases)


def read_all(
    repo: Repo, overrides: Mapping[Path, bytes], extra_drafts: tuple[Path, ...], read: Reader
) -> Catalog:
    """Every seed read by `read` (entry_reader(repo) over (path, root, data, rel)): no cache."""
    entries = read([(p, repo.root, overrides.get(p), None) for p in repo.seed_files()], entry_reader(repo))
    drafts = {repo.rel(p) for p in (*repo.draft_files(), *extra_drafts)}
    return Catalog(entries, sorted(drafts))


def layout_of(entries: Sequence[Entry]) -> list[list[Any]]:
    """The layout of index.render()'s block for these readable entries (newest first already)."""
    return [[e.path, e.status, e.created, len(e.open_tasks), upcoming_rows(e)] for e in entries]


def upcoming_rows(e: Entry) -> int:
    """How many rows of INDEX.md's Upcoming table the seed's drafts make."""
    return sum(1 for _d, status, _p, at in e.drafts() if status == State.SCHEDULED and at)
