"""The listing: the seed and draft files, kept in .contentkit/listing while no folder changed.

The file holds the seed and draft files, as repo.seed_files() and repo.draft_files() list them, and
the stamp of every folder below seeds/ and drafts/. Adding, removing or renaming a file changes its
folder's mtime, so while no folder stamp changed the listing is reused without walking the folders.
Folder stamps are trusted as file stamps are (store.pinned()). A listing with a symbolic link in it,
or a file name with a newline, is never kept: a link's target can vanish while no folder changes.
"""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

from contentkit.base.folders import scan_markdown
from contentkit.store.cache import store
from contentkit.store.repo import Repo, is_variants

LISTING = "listing"


class Listing:
    """The seed files (repo-relative, in repo.seed_files() order) and the drafts (repo.rel() of
    repo.draft_files()): a repo.FileList. Read from the cache they stay one string, one name a line,
    until a list is asked for: looking up one name in 10,000 needs no list."""

    def __init__(
        self,
        seeds: str | list[str],
        drafts: str | list[str],
        trusted: bool,
        folders: list[str],
        taken: int = 0,
    ) -> None:
        self._seeds, self._drafts = seeds, drafts
        self.trusted = trusted  # every folder stamp was old enough to pin the listing
        self.folders = folders  # the folders walked: a file appearing in one of them changes its stamp
        self.taken = taken  # when it was listed (and recorded; 0: not recorded): it names this listing

    @property
    def seeds(self) -> list[str]:
        if isinstance(self._seeds, str):
            self._seeds = self._seeds.split("\n") if self._seeds else []
        return self._seeds

    @property
    def drafts(self) -> list[str]:
        if isinstance(self._drafts, str):
            self._drafts = self._drafts.split("\n") if self._drafts else []
        return self._drafts

    def is_seed(self, rel: str) -> bool:
        return _among(self._seeds, rel)

    def is_draft(self, rel: str) -> bool:
        return _among(self._drafts, rel)

    def seeds_ending(self, end: str) -> list[str]:
        """The seeds whose name ends with `end`, in order."""
        if isinstance(self._seeds, list):
            return [rel for rel in self._seeds if rel.endswith(end)]
        text, found, at = self._seeds + "\n", [], 0
        while (at := text.find(end + "\n", at)) >= 0:
            start = text.rfind("\n", 0, at) + 1
            at += len(end) + 1
            found.append(text[start : at - 1])
        return found


def _among(names: str | list[str], rel: str) -> bool:
    if isinstance(names, list):
        return rel in names
    return "\n" not in rel and f"\n{rel}\n" in f"\n{names}\n"


def files(repo: Repo) -> Listing | None:
    """The seed and draft files, from the listing file while it holds (else listed, and recorded).

    None when the cache stands aside (a repo whose folders are not plainly inside it).
    """
    if not store.plain(repo):
        return None
    now = time.time_ns()
    fingerprint = store.fingerprint(repo)
    listing = recorded(repo, fingerprint, now)
    if listing is None:
        listing, record = list_again(repo, now)
        if record:
            save(repo, fingerprint, listing, record)
    return listing


def recorded(repo: Repo, fingerprint: str, now: int) -> Listing | None:
    """The seed and draft files from the listing file, when no folder changed since; else None.

    The file is a JSON header line, then one file name a line (no JSON to decode for 10,000 names).
    """
    data, tail = store.load(repo, LISTING, fingerprint)
    keys = ("folders", "checked", "seeds", "drafts", "split")
    folders, checked, seeds, drafts, split = (data.get(key) for key in keys)
    if not (isinstance(folders, list) and type(checked) is int):
        return None
    if not (isinstance(seeds, int) and isinstance(drafts, int) and isinstance(split, int)):
        return None
    seed_text, newline, draft_text = tail[:split], tail[split : split + 1], tail[split + 1 :]
    if newline != "\n" or _count(seed_text) != seeds or _count(draft_text) != drafts:
        return None  # a truncated or foreign file
    if leaves(tail) or "\x00" in tail:
        return None  # a name no listing of the repo's own folders has: the file is not trusted
    root = str(repo.root) + os.sep
    for item in folders:
        if not (isinstance(item, list) and len(item) == 5 and isinstance(item[0], str)):
            return None
        if leaves(item[0]) or "\x00" in item[0]:
            return None
        stamp = store.stamp(root + item[0]) or store.NO_STAMP
        if list(stamp) != item[1:] or not store.pinned(stamp, checked):
            return None
    return Listing(seed_text, draft_text, True, [item[0] for item in folders], checked)


def leaves(text: str) -> bool:
    """Whether a line of `text` names a file outside the repo: absolute or climbing out (`/x`,
    `a/../../x`, `\\x`). The listing names only repo files. Three scans of the text (a regex with
    a `^` alternation took 10 ms on a 10,000-name listing, twice on every command)."""
    return "\\" in text or "\n/" in "\n" + text or "/../" in "/" + text.replace("\n", "/") + "/"


def _count(text: str) -> int:
    return text.count("\n") + 1 if text else 0


def list_again(repo: Repo, now: int) -> tuple[Listing, dict[str, Any] | None]:
    """List the seed and draft files again: the listing, and the folder stamps to record it with
    (None when it must not be kept: a linked file's target can vanish while no folder changes).

    The same files, in the same order, as repo.seed_files() and repo.draft_files() (a test holds the
    two to that), in one walk that also finds the folders and links, without a Path per file.
    """
    root = str(repo.root) + os.sep
    folders: list[str] = []
    seeds, seed_links = scan_markdown(repo.root, repo.seeds_dir.relative_to(repo.root).as_posix(), folders)
    drafts, draft_links = scan_markdown(repo.root, repo.drafts_dir.relative_to(repo.root).as_posix(), folders)
    drafts = [rel for rel in drafts if not is_variants(Path(rel.rpartition("/")[2]))]  # by its name
    if draft_links:
        drafts = [repo.rel(Path(root + rel)) if rel in draft_links else rel for rel in drafts]
    stamps: list[list[Any]] = [[rel, *(store.stamp(root + rel) or store.NO_STAMP)] for rel in folders]
    keep = not (seed_links or draft_links or any("\n" in rel for rel in (*seeds, *drafts)))
    trusted = keep and all(store.pinned(f[1:], now) for f in stamps)
    record = {"folders": stamps, "checked": now} if keep else None
    return Listing(seeds, drafts, trusted, folders, now if keep else 0), record


def save(repo: Repo, fingerprint: str, listing: Listing, record: dict[str, Any]) -> None:
    """Keep the listing with the folder stamps it was taken with (`record`, from list_again())."""
    seeds, drafts = "\n".join(listing.seeds), "\n".join(listing.drafts)
    counts = {"seeds": len(listing.seeds), "drafts": len(listing.drafts), "split": len(seeds)}
    store.save(repo, LISTING, fingerprint, {**record, **counts}, seeds + "\n" + drafts)


def inputs(listing: Listing, stamps: Sequence[store.Stamp | None], others: str | None = "") -> str:
    """The listing's fingerprint: the files a result is read from, as the recorded listing (named by
    when it was taken, so it is the same list of names) and every file's stamp, as text, then
    `others` (the stamps of other files the result depends on). "" when any is unknown.
    No hashing: comparing is cheaper."""
    from array import array
    from itertools import chain

    if not listing.taken or None in stamps or others is None:
        return ""
    numbers = array("q", chain.from_iterable(cast("Sequence[store.Stamp]", stamps)))  # no None, as checked
    return f"{listing.taken}:{numbers.tobytes().hex()}{others}"
