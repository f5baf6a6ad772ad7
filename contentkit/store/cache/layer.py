"""The two stores the CLI hands the domain with the repo (repo.Store): the cache, or none of it."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from contentkit.base.statedir import state_folder
from contentkit.store import catalog
from contentkit.store.cache import entries, listing, memo, patch, store
from contentkit.store.cache.memo import Snapshot
from contentkit.store.repo import MEMORY, FileList, IndexChanges, Repo, Walked

if TYPE_CHECKING:
    from contentkit.store.cache.memo import Snapshot
    from contentkit.store.catalog import Catalog, Keep


SEARCH = "search.sqlite"  # the full-text index (fulltext.py)


class Cached:
    """The store the CLI hands in by default (repo.Store): listing, entries and memos in .contentkit/."""

    def files(self, repo: Repo) -> FileList:
        found = listing.files(repo)
        return Walked(repo) if found is None else found

    def collect(
        self, repo: Repo, overrides: Mapping[Path, bytes], extra_drafts: tuple[Path, ...], keep: Keep = None
    ) -> Catalog:
        return entries.collect(repo, overrides, extra_drafts, keep)

    def memo(self, repo: Repo) -> Snapshot:
        return Snapshot(repo)

    def fresh_index(self, repo: Repo) -> list[str] | None:
        return memo.fresh_index(repo)

    def remember_index(self, repo: Repo, catalog: Catalog, index_bytes: bytes, read: tuple[str, ...]) -> None:
        memo.remember_index(repo, catalog, index_bytes, read)

    def index_changes(
        self, repo: Repo, overrides: Mapping[Path, bytes], extra_drafts: tuple[Path, ...]
    ) -> IndexChanges | None:
        return patch.index_changes(repo, overrides, extra_drafts)

    def search_index(self, repo: Repo) -> tuple[str, str]:
        """.contentkit/search.sqlite, when the repo's folders are plain and the state folder usable."""
        if not store.plain(repo) or not state_folder(repo.state_dir):
            return MEMORY, ""
        return str(repo.state_dir / SEARCH), store.fingerprint(repo)


class Uncached:
    """--no-cache: every seed read (in worker processes when there are many), nothing kept."""

    def files(self, repo: Repo) -> FileList:
        return Walked(repo)

    def collect(
        self, repo: Repo, overrides: Mapping[Path, bytes], extra_drafts: tuple[Path, ...], keep: Keep = None
    ) -> Catalog:
        return catalog.read_all(repo, overrides, extra_drafts, entries.read_many)

    def memo(self, repo: Repo) -> None:
        return None

    def fresh_index(self, repo: Repo) -> None:
        return None

    def remember_index(self, repo: Repo, catalog: Catalog, index_bytes: bytes, read: tuple[str, ...]) -> None:
        return None

    def index_changes(
        self, repo: Repo, overrides: Mapping[Path, bytes], extra_drafts: tuple[Path, ...]
    ) -> IndexChanges | None:
        return None

    def search_index(self, repo: Repo) -> tuple[str, str]:
        return MEMORY, ""
