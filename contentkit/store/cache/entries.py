"""entries.json: per seed file its stamp and its catalog.Entry, so an unchanged seed is not read again.

A row is a JSON list: the HEAD columns (the file's stamp; checked_ns, the time just before the file
was last read; a BLAKE2 digest of its bytes, when the stamp was too recent to trust, else ""), then
one column per field of catalog.Entry, by name and in the dataclass's order. The file's header names
the columns, so rows written for other columns are never read as these. A field of a type that is
not in KINDS fails at import: add its encoding there (one line).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any, NamedTuple, TypeGuard, get_type_hints

from contentkit.base.statedir import MAX_FILE_BYTES
from contentkit.store import catalog
from contentkit.store.cache import listing as listings
from contentkit.store.cache import memo, parallel, store
from contentkit.store.catalog import Catalog, Entry
from contentkit.store.repo import Repo

ENTRIES = "entries.json"
Row = list[Any]
Done = tuple[Row, Entry | None]  # a job's row, and its Entry when it was made in this process


def texts(values: list[Any]) -> TypeGuard[list[str]]:
    """Every value is a str (str.join takes nothing else; and a fast check of 10,000 rows)."""
    try:
        "".join(values)
    except TypeError:
        return False
    return True


def _lists_of_texts(values: list[Any]) -> bool:
    return all(type(value) is list for value in values) and texts([text for each in values for text in each])


# How a field of each type is kept in a row: (are these JSON values, one per such column, all of
# this form; JSON -> the field's value; the field's value -> JSON); None: kept as it is.
Kind = tuple[Callable[[list[Any]], bool], Callable[[Any], Any] | None, Callable[[Any], Any] | None]
KINDS: dict[Any, Kind] = {
    str: (texts, None, None),
    tuple[str, ...]: (_lists_of_texts, tuple, list),
}
HEAD = ("size", "mtime_ns", "ctime_ns", "inode", "checked_ns", "digest", "links")
FIELDS = tuple(field.name for field in fields(Entry))
COLUMNS = (*HEAD, *FIELDS)
STAMP, CHECKED, DIGEST, AT = slice(0, 4), HEAD.index("checked_ns"), HEAD.index("digest"), len(HEAD)
LINKS, DRAFTS = HEAD.index("links"), len(HEAD) + FIELDS.index("developed_to")
ERROR = len(HEAD) + FIELDS.index("error")
_AT_FIELD = {name: len(HEAD) + n for n, name in enumerate(FIELDS)}
ABSENT = [0, 0, 0, 0]  # the stamp of a linked draft that is not there (its appearance changes it)
_TYPES = [get_type_hints(Entry)[name] for name in FIELDS]
_KIND = [KINDS[t] for t in _TYPES]  # a KeyError at import: an Entry field of a type KINDS lacks
# each kind's columns, checked at once
_CHECKS = [([AT + n for n, t in enumerate(_TYPES) if t == kind], KINDS[kind][0]) for kind in set(_TYPES)]
_DECODE = [(n, decode) for n, (_check, decode, _encode) in enumerate(_KIND) if decode]
_ENCODE = [(n, encode) for n, (_check, _decode, encode) in enumerate(_KIND) if encode]


def row_of(stamp: Sequence[int], checked: int, digest: str, links: list[Any], values: Sequence[Any]) -> Row:
    """A row: the file's stamp, when it was read, the digest of its bytes, the stamps of the drafts
    its developed_to names (their status and plans are in the entry), its Entry's values()."""
    return [*stamp, checked, digest, links, *values]


def link_stamps(root: Path, links: Sequence[str]) -> list[Any]:
    """The stamp of each draft a seed links to, through links (ABSENT when there is none; NO_STAMP,
    never trusted, when it cannot be stamped)."""
    base = str(root) + os.sep
    found: list[Any] = []
    for link in links:
        try:
            st = os.stat(base + link)
        except (FileNotFoundError, NotADirectoryError):
            found.append(ABSENT)
            continue
        except (OSError, ValueError):
            found.append(list(store.NO_STAMP))
            continue
        found.append([st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino])
    return found


def links_fresh(row: Row, root: Path) -> bool:
    """The drafts the row's seed links to are as they were when it was read, and were old enough then
    for their stamps to pin them."""
    kept, links = row[LINKS], row[DRAFTS]
    if type(kept) is not list or type(links) is not list or len(kept) != len(links):
        return False
    if not links:
        return True
    checked = row[CHECKED]
    return link_stamps(root, links) == kept and all(
        stamp == ABSENT or (stamp != list(store.NO_STAMP) and store.pinned(stamp, checked)) for stamp in kept
    )


def values(entry: Entry) -> list[Any]:
    """An Entry's fields as a row keeps them, in FIELDS order."""
    found = [getattr(entry, name) for name in FIELDS]
    for n, encode in _ENCODE:
        found[n] = encode(found[n])
    return found


def entry(row: Any) -> Entry | None:
    """The Entry a row read from a file holds; None when the row is not of the expected shape."""
    return own_entry(row) if valid(row) else None


def valid(row: Any) -> bool:
    """The row is of the expected shape, each column of its field's kind."""
    if not shaped(row):
        return False
    return all(check([row[n] for n in columns]) for columns, check in _CHECKS)  # each kind at once


class _Fields:
    """An Entry's fields read by name from its row, undecoded (lists where an Entry has tuples)."""

    __slots__ = ("row",)

    def __init__(self, row: Row) -> None:
        self.row = row

    def __getattr__(self, name: str) -> Any:
        return self.row[_AT_FIELD[name]]


def own_entry(row: Row) -> Entry:
    """The Entry of a row made in this run (or checked by entry() on its way from a worker)."""
    kept = row[AT:]
    for n, decode in _DECODE:
        kept[n] = decode(kept[n])
    return Entry(*kept)


def shaped(row: Any) -> bool:
    return type(row) is list and len(row) == len(COLUMNS)


def trusted(row: Row, stamp: store.Stamp, root: Path) -> bool:
    """The row's stamp is the file's, the file was old enough when read for the stamp to pin it, and
    so were the drafts it links to."""
    return tuple(row[STAMP]) == stamp and store.pinned(stamp, row[CHECKED]) and links_fresh(row, root)


def load(repo: Repo, fingerprint: str) -> dict[str, Row]:
    """The rows of entries.json; {} when it is missing, damaged, or written for other columns."""
    data = store.load(repo, ENTRIES, fingerprint)[0]
    rows = data.get("rows")
    return rows if isinstance(rows, dict) and data.get("columns") == list(COLUMNS) else {}


def save(repo: Repo, fingerprint: str, rows: dict[str, Row]) -> None:
    store.save(repo, ENTRIES, fingerprint, {"columns": COLUMNS, "rows": rows})


# --- the catalog --------------------------------------------------------------------------------


def collect(
    repo: Repo, overrides: Mapping[Path, bytes], extra_drafts: tuple[Path, ...], keep: catalog.Keep = None
) -> Catalog:
    """catalog.collect() with the cache: the same Catalog, reading only seeds that changed; a trusted
    row that `keep` refuses is not decoded (and its entry left out)."""
    started = time.time_ns()  # before any stamp is taken: the moment the files are checked
    if not store.plain(repo):
        return catalog.read_all(repo, overrides, extra_drafts, read_many)
    fingerprint = store.fingerprint(repo)
    listing, record = listings.recorded(repo, fingerprint, started), None
    if listing is None:
        listing, record = listings.list_again(repo, started)
    reading = _Reading(repo, listing, load(repo, fingerprint), overrides, keep)
    reading.run(started)
    if reading.stored or reading.keep.keys() != reading.rows.keys():
        save(repo, fingerprint, reading.keep)
    if record and not reading.odd:  # not with links: a link's target can vanish while no folder changes
        listings.save(repo, fingerprint, listing, record)
    drafts = sorted({*listing.drafts, *(repo.rel(p) for p in extra_drafts)})
    pinned = reading.pinned and listing.trusted and not extra_drafts and keep is None
    others = memo.others(repo, started, listing.drafts) if pinned else None
    inputs = listings.inputs(listing, reading.stamps, others) if pinned else ""
    return Catalog(reading.entries(), drafts, inputs)


class _Reading:
    """The seeds of a listing: trusted rows are taken as they are, every other seed becomes a Job."""

    def __init__(
        self,
        repo: Repo,
        listing: listings.Listing,
        rows: dict[str, Row],
        overrides: Mapping[Path, bytes],
        keep: catalog.Keep = None,
    ) -> None:
        self.root = repo.root
        self.wanted = keep
        self.reader = catalog.entry_reader(repo)
        self.rows = rows
        self.keep: dict[str, Row] = {}  # the rows to store: trusted ones and the ones read now
        self.stamps: list[store.Stamp | None] = []
        self.jobs: list[Job] = []
        self.odd = False  # a seed is a link, or could not be stamped
        self.stored = False  # a row was read now, to be stored
        self.pinned = not overrides  # every entry is pinned to its file's stamp
        self._entries: list[Entry | None] = []
        root = str(repo.root) + os.sep
        replaced = {str(p)[len(root) :].replace(os.sep, "/"): data for p, data in overrides.items()}
        paths = [root + rel for rel in listing.seeds]
        stamps = store.stamps(paths) if rows else [None] * len(paths)
        for rel, path, stamp in zip(listing.seeds, paths, stamps, strict=True):
            if rows or rel in replaced:
                self._add(rel, path, replaced.get(rel), None if rel in replaced else stamp)
            else:  # nothing cached: every seed is read, and stamped where it is read (in parallel)
                self.stamps.append(None)
                self.jobs.append(Job(len(self._entries), path, rel, None, None, None, True))
                self._entries.append(None)

    def _add(self, rel: str, path: str, replaced: bytes | None, stamp: store.Stamp | None) -> None:
        self.stamps.append(stamp)
        row = self.rows.get(rel)
        if stamp is not None and isinstance(row, list) and trusted(row, stamp, self.root) and valid(row):
            self.keep[rel] = row
            wanted = self.wanted is None or row[ERROR] or self.wanted(_Fields(row))
            self._entries.append(own_entry(row) if wanted else None)
            return
        slot = len(self._entries)
        if stamp is None:  # develop's new text, a link, an unreadable name: read now, never stored
            self.odd = self.odd or replaced is None
            self.jobs.append(Job(slot, path, None, replaced, None, None))
            if replaced is not None and isinstance(row, list):
                self.keep[rel] = row  # stale once the new text is written, but no reason to rewrite the file
        else:
            self.jobs.append(Job(slot, path, rel, None, stamp, row if isinstance(row, list) else None))
        self._entries.append(None)

    def run(self, checked: int) -> None:
        done = read_jobs(self.jobs, self.root, checked, self.reader)
        for job, (row, made) in zip(self.jobs, done, strict=True):
            self._entries[job.slot] = made or own_entry(row)
            stamp = job.stamp
            if job.stamp_here:  # the stamp the reader took, NO_STAMP for a link or an unreadable file
                taken = tuple(row[STAMP])
                stamp = self.stamps[job.slot] = None if taken == store.NO_STAMP else (*taken,)
                self.odd = self.odd or stamp is None
            if job.rel is not None and stamp is not None and tuple(row[STAMP]) == stamp:
                self.keep[job.rel] = row
                self.stored = True
                self.pinned = self.pinned and trusted(row, stamp, self.root)
            else:
                self.pinned = False

    def entries(self) -> list[Entry]:
        return [found for found in self._entries if found is not None]


def read_many(
    files: Sequence[tuple[Path, Path, bytes | None, None]], reader: catalog.EntryReader | None = None
) -> list[Entry]:
    """A catalog.Reader: `reader` (catalog.read_entry() as the repo reads seeds) of each (path, root,
    data, rel), in worker processes when there are many; nothing kept."""
    if not files:
        return []
    jobs = [Job(n, str(path), None, data, None, None) for n, (path, _root, data, _rel) in enumerate(files)]
    return [made or own_entry(row) for row, made in read_jobs(jobs, files[0][1], 0, reader)]


# --- reading seeds --------------------------------------------------------------------------------


class Job(NamedTuple):
    """One seed to read: its slot in the catalog, its path, and what is known of it already."""

    slot: int
    path: str
    rel: str | None  # seeds.relative(path, root) when known; the row is stored only then
    data: bytes | None  # its bytes when already known (develop's new text)
    stamp: store.Stamp | None  # its stamp, taken before reading; None: do not store the row
    old: Row | None  # its previous row, reused when the digest of the bytes is unchanged
    stamp_here: bool = False  # take the stamp just before reading (then None: a link, unreadable)


def read_jobs(
    jobs: Sequence[Job], root: Path, checked: int, reader: catalog.EntryReader | None = None
) -> list[Done]:
    read_entry = reader or catalog.read_entry  # looked up now: tests watch it

    def one(job: Job) -> Done:
        return read(job, root, checked, read_entry)

    workers = parallel.workers_for(len(jobs))
    return parallel.in_parallel(one, jobs, workers, shaped) if workers > 1 else [one(job) for job in jobs]


def read(job: Job, root: Path, checked: int, read_entry: Callable[..., Entry]) -> Done:
    """A job -> its row: the stamp, the time, a digest (of a file that may change within the stamp's
    tick, or had a row before: what lets an unchanged file keep its entry), and the entry."""
    taken, rel = job.stamp, job.rel
    if job.stamp_here:
        taken = store.stamp(job.path)
        rel = rel if taken is not None else None  # a link: its path is found by resolving it
    data = job.data if job.data is not None else _read_bytes(job.path)
    if data is None:
        made = read_entry(Path(job.path), root, None, rel)  # the entry that says why it cannot be read
        return row_of(store.NO_STAMP, checked, "", [], values(made)), made
    stamp, old = taken or store.NO_STAMP, job.old
    racy = taken is not None and not store.pinned(stamp, checked)
    digest = store.digest(data) if old is not None or racy else ""
    same = old is not None and shaped(old) and old[DIGEST] == digest and links_fresh(old, root)
    if old is not None and same and entry(old) is not None:
        return row_of(stamp, checked, digest, old[LINKS], old[AT:]), None  # the same bytes: the same entry
    made = read_entry(Path(job.path), root, data, rel)
    links = link_stamps(root, made.developed_to)  # after reading them: a change since is not pinned
    return row_of(stamp, checked, digest, links, values(made)), made


def _read_bytes(path: str) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        if os.fstat(fd).st_size > MAX_FILE_BYTES:  # the entry read_entry makes of it names it (CK111)
            return None
        chunks, size = [], 0
        while size <= MAX_FILE_BYTES and (chunk := os.read(fd, 1 << 20)):
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks) if size <= MAX_FILE_BYTES else None
    except OSError:
        return None
    finally:
        os.close(fd)
