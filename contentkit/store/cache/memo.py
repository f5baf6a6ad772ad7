"""Results over the whole repo, kept for exactly the files they were made from.

- index.json: the inputs (the listing, named by when it was taken, and every seed's and draft's
  stamp), the other files INDEX.md's renderer said it read (index.Rendered.read) with their stamps,
  and a digest of INDEX.md when it was last found current: an unchanged repo is answered from stamps.
- validate.json (and any other name a Snapshot is asked for): the last report of `validate` over
  the whole repo, for the stamps of every seed and draft.
"""

from __future__ import annotations

import os
import posixpath
import time
from array import array
from collections.abc import Iterable, Sequence
from itertools import chain
from typing import Any

from contentkit.base.files import read_regular
from contentkit.base.journal import JOURNAL
from contentkit.store.cache import listing as listings
from contentkit.store.cache import store
from contentkit.store.catalog import Catalog, layout_of, newest_first
from contentkit.store.config import CONFIG_FILE
from contentkit.store.repo import STATE_DIR, Repo

INDEX = "index.json"


# --- whether INDEX.md is current ----------------------------------------------------------------


def fresh_index(repo: Repo) -> list[str] | None:
    """The warnings of the last `index` run when the inputs and INDEX.md are exactly as it left them.

    None when that is not known: the caller then reads the catalog and renders INDEX.md.
    """
    if not store.plain(repo):
        return None
    fingerprint = store.fingerprint(repo)
    memo = store.load(repo, INDEX, fingerprint)[0]
    warnings, inputs, digest = memo.get("warnings"), memo.get("inputs"), memo.get("index")
    if not (isinstance(inputs, str) and inputs and isinstance(digest, str) and _strings(warnings)):
        return None
    read, read_at = memo.get("read"), memo.get("read_stamps")
    if not (isinstance(read, list) and _strings(read) and isinstance(read_at, str)):
        return None
    listing = listings.recorded(repo, fingerprint, time.time_ns())
    if listing is None:
        return None
    root = str(repo.root) + os.sep
    stamps = store.stamps([root + rel for rel in listing.seeds])
    now = time.time_ns()
    if None in stamps or listings.inputs(listing, stamps, others(repo, now, listing.drafts)) != inputs:
        return None
    if read_stamps(repo, read, now) != read_at:
        return None
    return warnings if _index_unchanged(repo, memo, fingerprint) else None


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(type(item) is str for item in value)


def _index_unchanged(repo: Repo, memo: dict[str, Any], fingerprint: str) -> bool:
    """INDEX.md holds the bytes the memo's digest is of: by its stamp when that is trusted, else read.

    A stamp is noted only after the bytes were read and found right (and the file was old enough).
    """
    now = time.time_ns()
    stamp, noted, checked = store.stamp(str(repo.index_path)), memo.get("stamp"), memo.get("checked")
    if stamp is not None and noted == list(stamp) and store.pinned(stamp, checked):
        return True
    try:
        current = read_regular(repo.index_path)
    except OSError:
        return False
    if store.digest(current) != memo.get("index"):
        return False
    if stamp is not None and store.pinned(stamp, now):
        store.save(repo, INDEX, fingerprint, {**memo, "stamp": list(stamp), "checked": now})
    return True


def remember_index(repo: Repo, catalog: Catalog, index_bytes: bytes, read: tuple[str, ...]) -> None:
    """Note that INDEX.md holds `index_bytes`, current for the inputs `catalog` was read from and the
    files its renderer `read` (index.Rendered.read), each pinned by its stamp. Those files are told,
    never learnt here: the cache knows no feature."""
    if not catalog.inputs:
        return
    # stamps taken after the render: a file counts only when unchanged for well before it began
    stamped = read_stamps(repo, read, time.time_ns() - store.RACY_NS)
    if stamped is None:
        return
    warnings = [entry.error for entry in catalog.broken]
    data = {
        "inputs": catalog.inputs, "read": list(read), "read_stamps": stamped,
        "index": store.digest(index_bytes), "warnings": warnings,
    }  # (no stamp of INDEX.md: noted once its bytes were read back and found right)
    fingerprint = store.fingerprint(repo)
    store.save(repo, INDEX, fingerprint, {**data, **_names_and_layout(repo, fingerprint, catalog)})


def _names_and_layout(repo: Repo, fingerprint: str, catalog: Catalog) -> dict[str, Any]:
    """For a later patch of INDEX.md (cache/patch.py): the seed and draft files of the listing the
    inputs name, and the block's layout (indexrows.layout_of)."""
    listing = listings.recorded(repo, fingerprint, time.time_ns())
    if listing is None or catalog.inputs.partition(":")[0] != str(listing.taken):
        return {}
    seeds, drafts = "\n".join(listing.seeds), "\n".join(listing.drafts)
    return {"seeds": seeds, "drafts": drafts, "layout": layout_of(newest_first(catalog.readable))}


def others(repo: Repo, checked: int, drafts: Sequence[str] = ()) -> str | None:
    """The stamps of the drafts, INDEX.md's inputs besides the seeds (their status and plans make the
    Upcoming table). None when one of them is too recent to be pinned by its stamp, or is a link."""
    root = str(repo.root) + os.sep
    stamps = store.stamps([root + rel for rel in drafts])
    if None in stamps or not all(store.pinned(s, checked) for s in stamps if s is not None):
        return None
    return "|drafts:" + array("q", chain.from_iterable(s for s in stamps if s is not None)).tobytes().hex()


def read_stamps(repo: Repo, read: Sequence[str], checked: int) -> str | None:
    """The stamps of the files a result was read from besides the listing (an absent one counts as
    absent). None when one is too recent to be pinned by its stamp, or is a link: its target can
    change while its own stamp does not."""
    root = str(repo.root) + os.sep
    parts = []
    for rel in read:
        stamp = store.stamp(root + rel)
        if stamp is None and os.path.lexists(root + rel):
            return None
        if stamp is not None and not store.pinned(stamp, checked):
            return None
        parts.append(f"|{rel}:{','.join(map(str, stamp or store.NO_STAMP))}")
    return "".join(parts)


# --- results over the whole repo --------------------------------------------------------------


class Snapshot:
    """Every seed's and draft's stamp, taken before any is read, for results over the whole repo.

    `contentkit validate` recalls its last report when nothing changed (recall), and remembers one
    (remember) when each file it read is pinned by its stamp: a seed or draft, or a file that is not
    there, in a folder whose stamp would change when it appears.
    """

    def __init__(self, repo: Repo) -> None:
        self.repo = repo
        self.digest = ""
        self.listing: listings.Listing | None = None
        if not store.plain(repo):
            return
        started = time.time_ns()
        self.fingerprint = store.fingerprint(repo)
        listing = self.listing = listings.files(repo)
        if listing is None or not listing.trusted:
            return
        root = str(repo.root) + os.sep
        stamps = store.stamps([root + rel for rel in (*listing.seeds, *listing.drafts)])
        if all(stamp is not None and store.pinned(stamp, started) for stamp in stamps):
            self.digest = listings.inputs(listing, stamps)

    def recall(self, name: str) -> Any:
        """The value remembered under `name` for exactly these files; None when there is none."""
        if not self.digest:
            return None
        data = store.load(self.repo, name, self.fingerprint)[0]
        return data.get("value") if data.get("inputs") == self.digest else None

    def remember(self, name: str, value: Any, consulted: Iterable[str] = ()) -> None:
        """Keep `value` for these files, unless it depends on a file whose changes they would miss."""
        if not self.digest or self.listing is None:
            return
        listed = {*self.listing.seeds, *self.listing.drafts}
        folders = set(self.listing.folders)
        for rel in consulted:
            there = os.path.lexists(self.repo.root / rel)
            if rel not in listed and (there or posixpath.dirname(rel) not in folders):
                return
        store.save(self.repo, name, self.fingerprint, {"inputs": self.digest, "value": value})


# --- what a remembered answer of the console entry point is read from (warm.py) ----------------


def answer_inputs(
    repo: Repo, files: Iterable[str], absent: Iterable[str] = ()
) -> tuple[list[str], list[str]] | None:
    """The folders and files (repo-relative) a command's output was read from, for warm.vouch(): the
    folders of the listing (a file appearing in one changes its stamp), the config, `files`; and the
    files whose absence it relied on: a config file or folder not there, the journal, `absent`. None when the
    listing is not pinned by its folder stamps (then the answer is not kept)."""
    if not store.plain(repo):
        return None
    listing = listings.files(repo)
    if listing is None or not listing.trusted or not listing.taken:
        return None
    root = str(repo.root) + os.sep
    these = [*listing.folders, CONFIG_FILE, "pyproject.toml"]  # a folder not there yet is listed empty
    present = [name for name in these if os.path.lexists(root + name)]
    missing = [name for name in these if name not in present]
    return [*present, *files], [*missing, f"{STATE_DIR}/{JOURNAL}", *absent]
