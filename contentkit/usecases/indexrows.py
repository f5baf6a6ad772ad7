"""INDEX.md's block patched row by row: the same bytes as index.render() for a few changed seeds.

develop, publish and schedule change one seed (and its draft) in a repo of thousands; rendering the
whole block again costs a read of every seed. When the block is known to be index.render() of the
catalog as it was (the cache's INDEX.md memo keeps its digest and its `layout`: each readable seed,
newest first, with its status, created, number of open next steps and of Upcoming rows), the rows of
the changed seeds are replaced in their tables, the Summary counted again, and the next steps moved,
each old line checked against the block before it is replaced. Anything the patch cannot prove (a
seed that moves in the order, a table that appears or empties, the Upcoming table or the status
order changing, a line not where the layout says) returns None: the caller renders the whole block.
tests/test_indexrows.py holds the two equal.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from contentkit.store.catalog import Entry, collect, upcoming_rows
from contentkit.store.repo import IndexChanges, Repo
from contentkit.usecases import index

Layout = Sequence[Sequence[Any]]  # [path, status, created, open next steps, Upcoming rows], newest first


def plan_with(
    repo: Repo, overrides: Mapping[Path, bytes], extra_drafts: tuple[Path, ...] = ()
) -> tuple[bytes, bytes | None]:
    """index.plan() for the catalog with `overrides` written (develop, publish, schedule): patched row
    by row when the store can name the few seeds that changed and the patch is proven equal to a full
    render, else rendered whole."""
    store = repo.store
    changes = store.index_changes(repo, overrides, extra_drafts) if store is not None else None
    if changes is not None:
        found = _patched(repo, changes)
        if found is not None:
            return found
    return index.plan(repo, collect(repo, overrides, extra_drafts))


def _patched(repo: Repo, changes: IndexChanges) -> tuple[bytes, bytes | None] | None:
    """INDEX.md's bytes with each changed seed's rows swapped in; None when not proven right."""
    text = changes.old.decode("utf-8", errors="surrogateescape")
    span = index.block_span(text, repo.config.index_file)
    if span is None:
        return None
    base = os.path.dirname(repo.config.index_file)
    block = patch(
        text[span[0] : span[1]], changes.layout, changes.pairs, changes.drafts, repo.config.statuses, base
    )
    if block is None:
        return None
    return (text[: span[0]] + block + text[span[1] :]).encode("utf-8", errors="surrogateescape"), changes.old


def patch(
    block: str, layout: Layout, changed: Mapping[str, tuple[Entry, Entry]], drafts: tuple[int, int],
    statuses: tuple[str, ...], base: str,
) -> str | None:
    """`block` with each changed seed's (before, after) lines swapped; `drafts`: the number of drafts
    before and after. None when the result cannot be proven equal to a full render."""
    if not block.endswith("\n\n" + index.END):
        return None
    parts = ["## " + part for part in block[: -len(index.END) - 2].split("\n\n## ")]
    if not parts[0].startswith("## " + index.START):
        return None
    parts[0] = parts[0][3:]
    position = {str(row[0]): n for n, row in enumerate(layout)}
    state = [str(row[1]) for row in layout]
    tasks = [int(row[3]) for row in layout]
    order = index.status_order(set(state), statuses)
    heads = {part.partition("\n")[0]: n for n, part in enumerate(parts)}
    summary = heads.get("## Summary")
    if summary is None or parts[summary] != index.summary(Counter(state), order, drafts[0]):
        return None
    for path, (before, after) in changed.items():
        n = position.get(path)
        if n is None or not _same_place(layout[n], before, after):
            return None
        if not _move_row(parts, heads, state, n, before, after, base):
            return None
        if not _move_tasks(parts, heads, tasks, n, before, after, base):
            return None
    if index.status_order(set(state), statuses) != order:
        return None
    parts[summary] = index.summary(Counter(state), order, drafts[1])
    return "\n\n".join(parts) + "\n\n" + index.END


def _same_place(row: Sequence[Any], before: Entry, after: Entry) -> bool:
    """The layout describes `before`, and `after` sorts where it does, outside Upcoming both times."""
    if before.error or after.error or after.path != before.path or after.created != before.created:
        return False
    described = [row[1], row[2], row[3], row[4]] == [before.status, before.created, len(before.open_tasks), 0]
    return described and not (upcoming_rows(before) or upcoming_rows(after))


def _move_row(
    parts: list[str], heads: dict[str, int], state: list[str], n: int, before: Entry, after: Entry, base: str
) -> bool:
    """The seed's row out of its old status's table and into its new one's, at its place in the order."""
    old = _table(parts, heads, state, before.status)
    if old is None:
        return False
    lines, at = old, index.TABLE_HEAD + state[:n].count(before.status)
    if at >= len(lines) or lines[at] != index.row(before, base):
        return False
    del lines[at]
    state[n] = after.status
    if state.count(before.status) == 0:
        return False  # its table would go
    _put(parts, heads, before.status, state, lines)
    new = _table(parts, heads, state, after.status, moved=after.status != before.status)
    if new is None:
        return False
    new.insert(index.TABLE_HEAD + state[:n].count(after.status), index.row(after, base))
    _put(parts, heads, after.status, state, new)
    return True


def _table(
    parts: list[str], heads: dict[str, int], state: list[str], status: str, moved: bool = False
) -> list[str] | None:
    """The lines of a status's table as it stands (one row short when a row is moving into it)."""
    count = state.count(status) - (1 if moved else 0)
    n = heads.get(index.table_heading(status, count))
    return None if n is None or count == 0 else parts[n].split("\n")


def _put(parts: list[str], heads: dict[str, int], status: str, state: list[str], lines: list[str]) -> None:
    n = heads.pop(lines[0])
    lines[0] = index.table_heading(status, state.count(status))
    heads[lines[0]] = n
    parts[n] = "\n".join(lines)


def _move_tasks(
    parts: list[str], heads: dict[str, int], tasks: list[int], n: int, before: Entry, after: Entry, base: str
) -> bool:
    """The seed's open next steps replaced in place (the section never appears or empties here)."""
    old, new = index.task_lines(before, base), index.task_lines(after, base)
    if old == new:
        return True
    at = heads.get(index.TASKS)
    if at is None:
        return False
    lines = parts[at].split("\n")
    start = 2 + sum(1 + count for count in tasks[:n] if count)
    if lines[start : start + len(old)] != old:
        return False
    lines[start : start + len(old)] = new
    tasks[n] = len(after.open_tasks)
    if len(lines) == 2:
        return False
    parts[at] = "\n".join(lines)
    return True
