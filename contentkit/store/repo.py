"""The content repo: its root and config, the seed and draft files, seed references, the write lock."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from contentkit.base import journal
from contentkit.base.errors import Hint, RefusedError, RepoError
from contentkit.base.files import locked, real, write_all
from contentkit.base.folders import MARKDOWN, scan_markdown, without_suffix
from contentkit.base.slug import language_folder, stem_slug
from contentkit.store import config as configuration

STATE_DIR = ".contentkit"
VARIANTS_SUFFIX = ".variants.md"  # `contentkit variants` output: it lives in drafts/ but is not a draft


class FileList(Protocol):
    """The seed and draft files, repo-relative POSIX paths in repo order (seed_files(), draft_files())."""

    @property
    def seeds(self) -> list[str]: ...

    @property
    def drafts(self) -> list[str]: ...

    def seeds_ending(self, end: str) -> list[str]: ...

    def is_seed(self, rel: str) -> bool: ...

    def is_draft(self, rel: str) -> bool: ...


MEMORY = ":memory:"  # SQLite's name of a database kept in memory: a full-text index kept nowhere


class IndexChanges(NamedTuple):
    """The seeds changed since INDEX.md's memo: its bytes, the block's layout (catalog.layout_of), each
    changed seed's (before, after) catalog.Entry by path, the number of drafts before and after."""
    old: bytes
    layout: Sequence[Sequence[Any]]
    pairs: Mapping[str, tuple[Any, Any]]
    drafts: tuple[int, int]


class Store(Protocol):
    """What the layer above (the CLI) hands in with the repo: the file list, the catalog reader, the
    memo of whole-repo results and whether INDEX.md is current. The domain asks it; it never imports
    the cache itself."""

    def files(self, repo: Repo) -> FileList: ...

    def collect(
        self, repo: Repo, overrides: Mapping[Path, bytes], extra_drafts: tuple[Path, ...], keep: Any = None
    ) -> Any:
        """catalog.Catalog (typed Any here: repo is below catalog); `keep`, see catalog.collect()."""

    def memo(self, repo: Repo) -> Any:
        """An object with recall(name) and remember(name, value, consulted), or None."""

    def fresh_index(self, repo: Repo) -> list[str] | None:
        """The warnings of the last INDEX.md refresh when it and every file it was made from are as
        that run left them; None when that is not known."""

    def remember_index(self, repo: Repo, catalog: Any, index_bytes: bytes, read: tuple[str, ...]) -> None:
        """INDEX.md holds `index_bytes`, current for the files `catalog` (a catalog.Catalog) was read
        from and the other files its renderer `read` (index.Rendered.read: repo-relative)."""

    def index_changes(
        self, repo: Repo, overrides: Mapping[Path, bytes], extra_drafts: tuple[Path, ...]
    ) -> IndexChanges | None:
        """The seeds changed since INDEX.md was last rendered, with `overrides` written, for
        indexrows.plan_with to patch their rows; None when the store cannot vouch for the rest."""

    def search_index(self, repo: Repo) -> tuple[str, str]:
        """Where the full-text index is kept (a database path, or MEMORY) and what it depends
        on besides the files (a fingerprint)."""


class Walked:
    """A FileList from walking the folders (repo.seed_files(), repo.draft_files())."""

    def __init__(self, repo: Repo) -> None:
        self.seeds = [p.relative_to(repo.root).as_posix() for p in repo.seed_files()]
        self.drafts = [p.relative_to(repo.root).as_posix() for p in repo.draft_files()]

    def seeds_ending(self, end: str) -> list[str]:
        return [rel for rel in self.seeds if rel.endswith(end)]

    def is_seed(self, rel: str) -> bool:
        return rel in self.seeds

    def is_draft(self, rel: str) -> bool:
        return rel in self.drafts


@dataclass(frozen=True)
class Repo:
    root: Path
    config: configuration.Config
    store: Store | None = field(default=None, compare=False, repr=False)  # None: read every file plainly
    # the folder a relative path the writer gives is read from (the CLI: its current folder, or -C DIR);
    # None: the root. The library never reads the process's working directory itself.
    cwd: Path | None = field(default=None, compare=False, repr=False)

    def with_store(self, store: Store | None) -> Repo:
        return replace(self, store=store)

    def here(self) -> Path:
        """The folder relative paths are read from: `cwd`, else the root."""
        return self.root if self.cwd is None else self.cwd

    def files(self) -> FileList:
        """The seed and draft files: from the store handed in, else by walking the folders."""
        return Walked(self) if self.store is None else self.store.files(self)

    @classmethod
    def discover(cls, start: Path, cwd: Path | None = None) -> Repo:
        """Walk up from `start` to the first folder with a contentkit config; `cwd`: where relative
        paths are read from (default: the root)."""
        here = real(start)
        root = configuration.find_root(here)
        if root is None:
            raise RepoError(
                f"not inside a contentkit repo (no {configuration.CONFIG_FILE} or "
                "[tool.contentkit] in pyproject.toml here or above); run 'contentkit init'",
                here,
            )
        return cls(root, configuration.load(root), cwd=cwd)

    @property
    def seeds_dir(self) -> Path:
        return self.root / self.config.seeds_dir

    @property
    def drafts_dir(self) -> Path:
        return self.root / self.config.drafts_dir

    @property
    def templates_dir(self) -> Path:
        return self.root / self.config.templates_dir

    @property
    def index_path(self) -> Path:
        """INDEX.md where it really is (through a symlink that stays in the repo); refused if outside,
        or if it lands in a folder contentkit never writes over (a link to a seed, a draft, .git/...)."""
        target = self.writable(self.root / self.config.index_file)
        self._not_owned(target, self.config.index_file, "INDEX.md")
        return target

    @property
    def state_dir(self) -> Path:
        return self.writable(self.root / STATE_DIR)

    def writable(self, path: Path) -> Path:
        """The real path a write to `path` lands on; a RefusedError if that is outside the repo."""
        return contained(self.root, path)

    def rel(self, path: Path) -> str:
        """Repo-relative POSIX path."""
        try:
            return real(path).relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def seed_files(self) -> list[Path]:
        return self._markdown_files(self.config.seeds_dir)

    def draft_files(self) -> list[Path]:
        """Every draft; the variants files beside them are not drafts and are left out."""
        return [p for p in self._markdown_files(self.config.drafts_dir) if not is_variants(p)]

    def _markdown_files(self, folder: str) -> list[Path]:
        base = (self.root / folder).relative_to(self.root).as_posix()
        return [self.root / rel for rel in scan_markdown(self.root, base, [])[0]]

    def draft_path(self, stem: str, platform: str, seed_rel: str = "") -> Path:
        """Where the draft of the seed `stem` (at `seed_rel`) for `platform` goes, by draft_path. A seed
        in a language folder (`en/idea.md`, `ru/idea.md`) keeps it: `drafts/linkedin/ru/idea.md`, so
        one idea written in two languages gets two drafts."""
        pattern = self.config.draft_path
        lang = language_folder(seed_rel)
        stem = f"{lang}/{stem}" if lang else stem
        try:
            rel = pattern.format(drafts_dir=self.config.drafts_dir, platform=platform, stem=stem)
        except (KeyError, IndexError, ValueError) as exc:
            raise RepoError(f"bad draft_path pattern '{pattern}' in config: {exc}") from None
        if not configuration.plain_platform(platform):
            raise RepoError(f"platform '{shown(platform)}' must be {configuration.PLATFORM_RULE}")
        if not rel.isprintable() or not _utf8(rel):  # the seed records the path in its front matter
            raise RepoError("the seed's file name is not valid UTF-8 text: rename it", shown(rel))
        target = self.writable(self.root / rel)
        self._not_owned(target, rel, "a draft", keep=self.config.drafts_dir)
        return target

    def _not_owned(self, target: Path, rel: str, what: str, keep: str | None = None) -> None:
        """Refuse a write whose real path lands in .git/, .contentkit/, the seeds, drafts or templates
        folder (but `keep`, the folder this file belongs in)."""
        owned = (".git", STATE_DIR, self.config.seeds_dir, self.config.drafts_dir, self.config.templates_dir)
        for folder in owned:
            place = real(self.root / folder)
            if folder != keep and place != self.root and target.is_relative_to(place):
                leads = f" (it leads to {self.rel(target)})" if self.rel(target) != rel else ""
                raise RefusedError(f"{what} would be written inside {folder}/{leads}; refused", shown(rel))

    def inside(self, path: Path) -> bool:
        try:
            real(path).relative_to(self.root)
        except ValueError:
            return False
        return True

    def resolve_seed(self, ref: str, cwd: Path | None = None) -> Path:
        """A path, a file name, a unique prefix of a seed's file stem, else a unique part of a seed's
        file name, else of its title (`market-pull` finds `archived--market-pull-uncertainty`)."""
        return self._resolve(ref, cwd, "seed", self.config.seeds_dir)

    def resolve_draft(self, ref: str, cwd: Path | None = None) -> Path:
        """Like resolve_seed, among the drafts."""
        return self._resolve(ref, cwd, "draft", self.config.drafts_dir)

    def _resolve(self, ref: str, cwd: Path | None, kind: str, folder: str) -> Path:
        """The one resolver: a path first, else a name among the FileList's seeds (or drafts)."""
        for base in (cwd or self.here(), self.root):
            candidate = base / ref
            if is_file(candidate):
                return self._within(candidate, ref)
        if "/" in ref or os.sep in ref:
            raise RepoError(f"no such {kind} file: '{ref}'")
        # drafts by their own Paths: a linked draft is named by its link
        matches = self._seed_matches(ref) if kind == "seed" else name_matches(ref, self.draft_files())
        if len(matches) == 1:
            return self._within(matches[0], ref)
        if not matches:
            raise RepoError(f"no {kind} matches '{ref}' in {folder}/")
        shown = ", ".join(self.rel(p) for p in matches[:8])
        more = f" and {len(matches) - 8} more" if len(matches) > 8 else ""
        raise RepoError(f"'{ref}' is ambiguous: it matches {shown}{more}; give more of the name, or the path")

    def _seed_matches(self, ref: str) -> list[Path]:
        """The seeds `ref` names: by name or prefix (name_matches), else those whose file name holds
        it, else those whose title does (case aside). Several are listed by the caller."""
        rels = self.files().seeds
        found = self._named(ref, rels)
        key = ref.removesuffix(".md").casefold()
        if found or not key.strip():
            return found
        root = str(self.root) + os.sep
        named = [rel for rel in rels if key in rel.rpartition("/")[2].casefold()]
        return [Path(root + rel) for rel in (named or self._titled(key))]

    def _titled(self, key: str) -> list[str]:
        """The seeds whose title holds `key` (casefolded), from the store's catalog (its cached rows)."""
        if self.store is None:
            return []
        entries = getattr(self.store.collect(self, {}, ()), "entries", [])
        return [e.path for e in entries if key in getattr(e, "title", "").casefold()]

    def _named(self, ref: str, rels: Sequence[str]) -> list[Path]:
        """name_matches() among repo-relative names, making a Path only for the names that could match
        (name_matches() matches a part of the file name, case aside)."""
        key = without_suffix(ref).lower()
        root = str(self.root) + os.sep
        return name_matches(ref, [Path(root + rel) for rel in rels if key in rel.rpartition("/")[2].lower()])

    def output_file(self, path: Path, suffix: str = ".txt", force: bool = False) -> Path:
        """Where `export -o` (`.txt`), `preview --html -o` (`.html`) and `calendar -o` (`.ics`) may
        write: a file with that suffix where the writer points, outside the repo too (they named it);
        inside it, never in the folders contentkit and git own (.git/, .contentkit/, seeds, drafts,
        templates), so it never replaces a seed, a draft, INDEX.md or a config file. An existing file
        is replaced only with `force`. The real path is returned."""
        target = real(self.here() / path)
        rel = self.rel(target)
        if target.suffix.lower() != suffix:
            kind = {".txt": "plain text"}.get(suffix, suffix.lstrip(".").upper())
            raise RefusedError(f"-o writes {kind}: give a {suffix} file (this one is not)", rel)
        owned = (".git", STATE_DIR, self.config.seeds_dir, self.config.drafts_dir, self.config.templates_dir)
        for folder in owned:
            if target.is_relative_to(real(self.root / folder)) and real(self.root / folder) != self.root:
                raise RefusedError(f"is inside {folder}/, which -o never writes to", rel)
        if target.is_dir():
            raise RefusedError("is a folder; give a file name", rel)
        if target.exists() and not force:
            raise RefusedError(("already exists; give ", Hint("force", True), " to replace it"), rel)
        return target

    def _within(self, path: Path, ref: str) -> Path:
        """The real file behind `path`: a symlink is followed when it stays in the repo, refused when it
        leaves, whether the file was named by path or by name."""
        if not self.inside(path):
            raise RepoError(f"'{shown(ref)}' is outside the repo (or a link that leaves it); refused")
        return real(path)

    def lock(self) -> AbstractContextManager[None]:
        """The write lock; taking it first finishes a write that a killed process left half done."""
        return _locked(self.state_dir)

    def write_all(self, changes: Mapping[Path, bytes]) -> None:
        """files.write_all() with the repo's temp folder and journal (call it under lock()); every
        target passes the writable() guard first."""
        write_all({self.writable(path): data for path, data in changes.items()}, self.state_dir)

    def pending(self) -> list[str]:
        """The files an interrupted write left unfinished: read-only commands report them."""
        return journal.pending(self.state_dir) if os.path.lexists(self.state_dir / journal.JOURNAL) else []

    def untrusted_journal(self) -> str | None:
        """Why a journal left in the state folder is never replayed (damaged, or naming a move contentkit
        never makes); None when there is none or it can be."""
        exists = os.path.lexists(self.state_dir / journal.JOURNAL)
        return journal.untrusted(self.state_dir) if exists else None

    def finish(self) -> None:
        """Finish an interrupted write now, when one is pending (taking the write lock briefly); an
        untrusted journal is set aside then, and the command refused."""
        if self.pending() or self.untrusted_journal():
            with self.lock():
                pass


def untrusted_message(why: str) -> str:
    return (
        f"{STATE_DIR}/journal is not replayed: {why}; "
        "the next command that writes sets it aside (nothing in it is run)"
    )


def pending_message(files: list[str]) -> str:
    return (
        f"an interrupted write left {', '.join(files)} unfinished; "
        "run 'contentkit index' (or any command that writes) to finish it"
    )


@contextmanager
def _locked(state: Path) -> Iterator[None]:
    with locked(contained(state, state / "lock"), name=f"{STATE_DIR}/lock"):
        journal.recover(state)
        yield


def contained(root: Path, path: Path) -> Path:
    """The real path behind `path` (every symlink on the way resolved), if it is inside `root`.

    The one guard for writes: a path that leaves the repo, by `..`, by being absolute or through a
    symlink of any existing parent, is refused. A link that stays inside is written through, so it survives.
    """
    resolved, top = real(path), real(root)
    if resolved != top and not resolved.is_relative_to(top):
        where = path.as_posix() if not path.is_absolute() else _relative_or_self(path, root)
        leads = "" if Path(os.path.abspath(path)) == resolved else f" (it leads to {shown(str(resolved))})"
        raise RefusedError(f"would write outside the repo{leads}; refused", shown(where))
    return resolved


def _relative_or_self(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def is_file(path: Path) -> bool:
    """Path.is_file() that says False for a name the system cannot even look up (too long, bad bytes)."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


def _utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown(text: str) -> str:
    """Text as a one-line message can show it: undecodable bytes and control characters escaped, short."""
    plain = text.isprintable() and _utf8(text)
    result = text if plain else repr(text.encode("utf-8", "surrogateescape"))[2:-1]
    return result if len(result) <= 80 else result[:77] + "..."


def is_variants(path: Path) -> bool:
    return path.name.endswith(VARIANTS_SUFFIX)


def name_matches(ref: str, files: list[Path]) -> list[Path]:
    """The files named `ref` (with or without .md, .markdown, .mdx), else those whose stem or slug
    starts with it."""
    stem = without_suffix(ref)
    names = {stem + suffix for suffix in MARKDOWN}
    exact = [p for p in files if p.name == ref] or [p for p in files if p.name in names]
    return exact or [p for p in files if p.stem.startswith(stem) or stem_slug(p.stem).startswith(stem)]
