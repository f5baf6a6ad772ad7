"""INDEX.md for a write of a few files (develop, publish, schedule), without reading every seed.

The INDEX.md memo (index.json, memo.py) keeps, with the digest of INDEX.md and the stamps of the files
it was made from, the names of those files and the block's layout (indexrows.py). When INDEX.md still
holds those bytes, the same seeds and drafts are listed, and every file but a few seeds (and the ones
being written) has its stamp, the few are read (their old lines are checked against the block) and
the rows of what changed are patched in. Anything else returns None: the catalog is read and the
block rendered whole.
"""

from __future__ import annotations

import os
from array import array
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from contentkit.base.files import read_regular
from contentkit.model.lifecycle import State
from contentkit.store import catalog
from contentkit.store.cache import listing as listings
from contentkit.store.cache import memo, store
from contentkit.store.repo import IndexChanges, Repo

MAX_CHANGED = 16  # seeds changed since the memo, besides the one being written: more, and it renders


def index_changes(
    repo: Repo, overrides: Mapping[Path, bytes], extra_drafts: tuple[Path, ...]
) -> IndexChanges | None:
    """The few seeds changed since INDEX.md's memo, read before and after `overrides`, with the
    block's layout and INDEX.md's bytes; None when the memo cannot vouch for every other row."""
    if not store.plain(repo) or os.path.lexists(repo.root / repo.config.metrics_file):
        return None
    data = store.load(repo, memo.INDEX, store.fingerprint(repo))[0]
    known = _memo(data)
    if known is None:
        return None
    seeds, drafts, seed_stamps, draft_stamps = known
    root = str(repo.root) + os.sep
    written = {str(path)[len(root) :].replace(os.sep, "/"): data for path, data in overrides.items()}
    listing = listings.files(repo)
    if listing is None or listing.seeds != seeds:
        return None
    now_drafts = set(listing.drafts)
    if now_drafts - written.keys() != set(drafts) - written.keys():
        return None
    if not _same(root, drafts, draft_stamps, written):
        return None
    changed = _changed(root, seeds, seed_stamps, written)
    if changed is None:
        return None
    try:
        old = read_regular(repo.index_path)
    except OSError:
        return None
    if store.digest(old) != data.get("index") or b"\r" in old:
        return None
    counts = (len(drafts), len(now_drafts | _rels(repo, extra_drafts)))
    return _changes(repo, old, data["layout"], changed, written, counts)


def _memo(data: dict[str, Any]) -> tuple[list[str], list[str], list[int], list[int]] | None:
    """The memo's seed and draft names and their stamps, when it has the shape the full render left."""
    inputs, seeds, drafts, layout = (data.get(k) for k in ("inputs", "seeds", "drafts", "layout"))
    if not (isinstance(inputs, str) and isinstance(seeds, str) and isinstance(drafts, str)):
        return None
    if not (isinstance(layout, list) and all(_layout_row(row) for row in layout)):
        return None
    _taken, _colon, rest = inputs.partition(":")
    seed_hex, _sep, draft_hex = rest.partition("|drafts:")
    try:
        seed_stamps, draft_stamps = array("q", bytes.fromhex(seed_hex)), array("q", bytes.fromhex(draft_hex))
    except ValueError:  # anything after the drafts' stamps (a metrics file's): not patched
        return None
    names = seeds.split("\n") if seeds else [], drafts.split("\n") if drafts else []
    if len(seed_stamps) != 4 * len(names[0]) or len(draft_stamps) != 4 * len(names[1]):
        return None
    return names[0], names[1], list(seed_stamps), list(draft_stamps)


def _layout_row(row: Any) -> bool:
    types = (str, str, str, int, int)
    return isinstance(row, list) and len(row) == 5 and all(map(lambda v, t: type(v) is t, row, types))


def _same(root: str, names: list[str], stamps: list[int], written: Mapping[str, bytes]) -> bool:
    """Every draft the memo names, but the ones being written, has the stamp it had then."""
    now = store.stamps([root + rel for rel in names])
    return all(rel in written or now[n] == _at(stamps, n) for n, rel in enumerate(names))


def _at(stamps: list[int], n: int) -> tuple[int, ...]:
    return tuple(stamps[4 * n : 4 * n + 4])


def _changed(
    root: str, names: list[str], stamps: list[int], written: Mapping[str, bytes]
) -> list[str] | None:
    """The seeds whose stamp is not the memo's, and the ones being written; None when too many, or
    one cannot be stamped."""
    now = store.stamps([root + rel for rel in names])
    found = [rel for n, rel in enumerate(names) if rel in written or now[n] != _at(stamps, n)]
    if None in now or len(found) > MAX_CHANGED + len(written):
        return None
    return found


def _rels(repo: Repo, paths: tuple[Path, ...]) -> set[str]:
    return {repo.rel(path) for path in paths}


def _changes(
    repo: Repo, old: bytes, layout: list[list[Any]], changed: list[str], written: Mapping[str, bytes],
    drafts: tuple[int, int],
) -> IndexChanges | None:
    """Each changed seed read as it is (before) and as it will be (after)."""
    read, root = catalog.entry_reader(repo), repo.root
    if any(_scheduled(root, rel, data) for rel, data in written.items()):
        return None
    overrides = {root / rel: data for rel, data in written.items()}
    pairs = {}
    for rel in changed:
        before = read(root / rel, root, None, rel)
        after = read(root / rel, root, written.get(rel), rel) if rel in written else before
        if written.keys() & set(after.developed_to):  # its drafts as they will be
            after = catalog.with_drafts(repo, catalog.Catalog([after]), overrides).entries[0]
        pairs[rel] = (before, after)
    return IndexChanges(old, layout, pairs, drafts)


def _scheduled(root: Path, rel: str, data: bytes) -> bool:
    """A file being written is a draft planned (now or before): its Upcoming rows may change."""
    before = catalog.draft_facts(root, rel)
    after = catalog.draft_facts(root, rel, data)
    return any(status == State.SCHEDULED and at for status, _platform, at in (before, after))
