"""The cache in .contentkit/: what `index`, `list`, `develop` and `validate` would otherwise re-read.

A writer's repo holds thousands of seeds and pre-commit runs contentkit on every commit, so nothing
unchanged is read twice. Each file is a JSON line (the listing then has one file name a line) and
complete on its own:

- listing: the seed and draft files, as repo.seed_files() and repo.draft_files() list them, and
  the stamp of every folder below seeds/ and drafts/. Adding, removing or renaming a file changes its
  folder's mtime, so while no folder stamp changed the listing is reused without walking the folders.
- entries.json: per seed file (by repo-relative path) its stamp (size, mtime_ns, ctime_ns, inode),
  when it was read, a BLAKE2 digest of its bytes (when the stamp was too recent to trust), its Entry.
- index.json: the inputs (the listing, named by when it was taken, and every seed's stamp) and a
  digest of INDEX.md when `index` last found it current: an unchanged repo is answered from stamps.
- validate.json: the last report of `validate` over the whole repo, for the stamps of every seed
  and draft (see Snapshot).

Safety. Every file carries FORMAT and a fingerprint of what its contents depend on: contentkit's own
source files, markdown-it-py's and PyYAML's, the Python version, the repo root and its config. A file
that is missing, not a regular file (a FIFO is never opened, so never waited on), unreadable, not
JSON, or of another format or fingerprint is ignored and rewritten; a row of the wrong shape is a
miss. Writes go to a temp file beside the target and then os.replace(), so a reader never sees half
a file, and two processes at once just leave the last complete write. Nothing here can fail a
command: a cache that cannot be written (`.contentkit` is a file, say) is not written.

Timestamps are coarse (one tick of the kernel clock; 1 s or 2 s on some filesystems), so a file
edited twice within one tick keeps its stamp. A stamp is therefore trusted only when the file's mtime
and ctime were more than RACY_NS old when its content was last read. A newer file is read again on
the next run and compared by digest: unchanged bytes keep their entry without a parse (a fresh
checkout costs one read per file, not a second parse). Folder stamps are trusted the same way.
Symbolic links, and seeds or drafts folders that are not plainly inside the repo, are never cached.

Reading many seeds (a cold cache) is spread over the CPUs with fork(): see _in_parallel().
"""

from __future__ import annotations

import contextlib
import json
import marshal
import os
import posixpath
import stat
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeGuard, cast

from contentkit.files import read_regular, state_folder
from contentkit.repo import FileList, Repo, Walked, is_variants, scan_markdown

if TYPE_CHECKING:  # loaded when first needed: `validate` uses the listing, not the catalog
    from contentkit.catalog import Catalog, Entry

FORMAT = 2  # 2: developed_to is a list
RACY_NS = 2_000_000_000
LISTING, ENTRIES, INDEX = "listing", "entries.json", "index.json"
PARALLEL_MIN = 1000  # seeds to parse before it pays to fork worker processes
PER_WORKER = 500

Stamp = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode
NO_STAMP: Stamp = (-1, -1, -1, -1)
# A row of entries.json: size, mtime_ns, ctime_ns, inode, checked_ns, digest, then the Entry's fields
# in this order, developed_to and open_tasks as lists. checked_ns is the time just before the file was
# last read.
Row = list[Any]
ENTRY_FIELDS = (
    "path", "title", "status", "created", "platform", "source", "developed_to", "published_url",
    "open_tasks", "error",
)
_HEAD = 6
_WIDTH = _HEAD + len(ENTRY_FIELDS)


# --- the catalog --------------------------------------------------------------------------------


def collect(repo: Repo, overrides: Mapping[Path, bytes], extra_drafts: tuple[Path, ...]) -> Catalog:
    """catalog.collect() with the cache: the same Catalog, reading only seeds that changed."""
    from contentkit import catalog

    started = time.time_ns()  # before any stamp is taken: the moment the files are checked
    if not _plain(repo):
        return catalog.read_all(repo, overrides, extra_drafts, _read_many)
    fingerprint = _fingerprint(repo)
    listing, record = _listing(repo, fingerprint, started), None
    if listing is None:
        listing, record = _list_again(repo, started)
    old = _load(repo, ENTRIES, fingerprint)[0].get("rows")
    reading = _Reading(repo, listing, old if isinstance(old, dict) else {}, overrides)
    reading.run(started)
    if reading.stored or reading.keep.keys() != reading.rows.keys():
        _save(repo, ENTRIES, fingerprint, {"rows": reading.keep})
    if record and not reading.odd:  # not with links: a link's target can vanish while no folder changes
        _record(repo, fingerprint, listing, record)
    drafts = sorted({*listing.drafts, *(repo.rel(p) for p in extra_drafts)})
    pinned = reading.pinned and listing.trusted and not extra_drafts
    inputs = _inputs(listing, reading.stamps, _others(repo, started)) if pinned else ""
    return catalog.Catalog(reading.entries(), drafts, inputs)


class _Reading:
    """The seeds of a listing: trusted rows are taken as they are, every other seed becomes a Job."""

    def __init__(
        self, repo: Repo, listing: Listing, rows: dict[str, Row], overrides: Mapping[Path, bytes]
    ) -> None:
        self.root = repo.root
        self.rows = rows
        self.keep: dict[str, Row] = {}  # the rows to store: trusted ones and the ones read now
        self.stamps: list[Stamp | None] = []
        self.jobs: list[Job] = []
        self.odd = False  # a seed is a link, or could not be stamped
        self.stored = False  # a row was read now, to be stored
        self.pinned = not overrides  # every entry is pinned to its file's stamp
        self._entries: list[Entry | None] = []
        root = str(repo.root) + os.sep
        replaced = {str(p)[len(root) :].replace(os.sep, "/"): data for p, data in overrides.items()}
        paths = [root + rel for rel in listing.seeds]
        stamps = _stamps(paths) if rows else [None] * len(paths)
        for rel, path, stamp in zip(listing.seeds, paths, stamps, strict=True):
            if rows or rel in replaced:
                self._add(rel, path, replaced.get(rel), None if rel in replaced else stamp)
            else:  # nothing cached: every seed is read, and stamped where it is read (in parallel)
                self.stamps.append(None)
                self.jobs.append(Job(len(self._entries), path, rel, None, None, None, True))
                self._entries.append(None)

    def _add(self, rel: str, path: str, replaced: bytes | None, stamp: Stamp | None) -> None:
        self.stamps.append(stamp)
        row = self.rows.get(rel)
        if stamp is not None and isinstance(row, list) and _trusted(row, stamp):
            entry = _entry(row)
            if entry is not None:
                self.keep[rel] = row
                self._entries.append(entry)
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
        for job, (row, entry) in zip(self.jobs, _run(self.jobs, self.root, checked), strict=True):
            self._entries[job.slot] = entry or _own_entry(row)
            stamp = job.stamp
            if job.stamp_here:  # the stamp the reader took, NO_STAMP for a link or an unreadable file
                stamp = self.stamps[job.slot] = None if row[0] == NO_STAMP[0] else (*row[:4],)
                self.odd = self.odd or stamp is None
            if job.rel is not None and stamp is not None and tuple(row[:4]) == stamp:
                self.keep[job.rel] = row
                self.stored = True
                self.pinned = self.pinned and _trusted(row, stamp)
            else:
                self.pinned = False

    def entries(self) -> list[Entry]:
        return [entry for entry in self._entries if entry is not None]


def read_entries(files: Sequence[tuple[Path, str | None, bytes | None]], root: Path) -> list[Entry]:
    """read_entry() for each (path, rel, data), in worker processes when there are many."""
    jobs = [Job(n, str(path), rel, data, None, None) for n, (path, rel, data) in enumerate(files)]
    return [entry or _own_entry(row) for row, entry in _run(jobs, root, 0)]


def _read_many(files: Sequence[tuple[Path, Path, bytes | None, None]]) -> list[Entry]:
    if not files:
        return []
    return read_entries([(path, None, data) for path, _root, data, _rel in files], files[0][1])


class Cached:
    """The store the CLI hands in by default (repo.Store): listing, entries and memos in .contentkit/."""

    def files(self, repo: Repo) -> FileList:
        listing = files(repo)
        return Walked(repo) if listing is None else listing

    def collect(self, repo: Repo, overrides: Mapping[Path, bytes], extra_drafts: tuple[Path, ...]) -> Catalog:
        return collect(repo, overrides, extra_drafts)

    def memo(self, repo: Repo) -> Snapshot:
        return Snapshot(repo)


class Uncached:
    """--no-cache: every seed read (in worker processes when there are many), nothing kept."""

    def files(self, repo: Repo) -> FileList:
        return Walked(repo)

    def collect(self, repo: Repo, overrides: Mapping[Path, bytes], extra_drafts: tuple[Path, ...]) -> Catalog:
        from contentkit import catalog

        return catalog.read_all(repo, overrides, extra_drafts, _read_many)

    def memo(self, repo: Repo) -> None:
        return None


# --- whether INDEX.md is current ----------------------------------------------------------------


def fresh_index(repo: Repo) -> list[str] | None:
    """The warnings of the last `index` run when the inputs and INDEX.md are exactly as it left them.

    None when that is not known: the caller then reads the catalog and renders INDEX.md.
    """
    if not _plain(repo):
        return None
    fingerprint = _fingerprint(repo)
    memo = _load(repo, INDEX, fingerprint)[0]
    warnings, inputs, digest = memo.get("warnings"), memo.get("inputs"), memo.get("index")
    if not (isinstance(inputs, str) and inputs and isinstance(digest, str) and _strings(warnings)):
        return None
    listing = _listing(repo, fingerprint, time.time_ns())
    if listing is None:
        return None
    root = str(repo.root) + os.sep
    stamps = _stamps([root + rel for rel in listing.seeds])
    if None in stamps or _inputs(listing, stamps, _others(repo, time.time_ns())) != inputs:
        return None
    return warnings if _index_unchanged(repo, memo, fingerprint) else None


def _index_unchanged(repo: Repo, memo: dict[str, Any], fingerprint: str) -> bool:
    """INDEX.md holds the bytes the memo's digest is of: by its stamp when that is trusted, else read.

    A stamp is noted only after the bytes were read and found right (and the file was old enough).
    """
    now = time.time_ns()
    stamp, noted, checked = _stamp(str(repo.index_path)), memo.get("stamp"), memo.get("checked")
    if stamp is not None and noted == list(stamp) and _pinned(stamp, checked):
        return True
    try:
        current = read_regular(repo.index_path)
    except OSError:
        return False
    if _digest(current) != memo.get("index"):
        return False
    if stamp is not None and _pinned(stamp, now):
        _save(repo, INDEX, fingerprint, {**memo, "stamp": list(stamp), "checked": now})
    return True


def remember_index(repo: Repo, catalog: Catalog, index_bytes: bytes) -> None:
    """Note that INDEX.md holds `index_bytes`, current for the inputs `catalog` was read from."""
    if not catalog.inputs:
        return
    warnings = [entry.error for entry in catalog.broken]
    data = {"inputs": catalog.inputs, "index": _digest(index_bytes), "warnings": warnings}  # no stamp yet
    _save(repo, INDEX, _fingerprint(repo), data)


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
        self.listing: Listing | None = None
        if not _plain(repo):
            return
        started = time.time_ns()
        self.fingerprint = _fingerprint(repo)
        listing = self.listing = files(repo)
        if listing is None or not listing.trusted:
            return
        root = str(repo.root) + os.sep
        stamps = _stamps([root + rel for rel in (*listing.seeds, *listing.drafts)])
        if all(stamp is not None and _pinned(stamp, started) for stamp in stamps):
            self.digest = _inputs(listing, stamps)

    def recall(self, name: str) -> Any:
        """The value remembered under `name` for exactly these files; None when there is none."""
        if not self.digest:
            return None
        data = _load(self.repo, name, self.fingerprint)[0]
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
        _save(self.repo, name, self.fingerprint, {"inputs": self.digest, "value": value})


# --- reading seeds --------------------------------------------------------------------------------


class Job(NamedTuple):
    """One seed to read: its slot in the catalog, its path, and what is known of it already."""

    slot: int
    path: str
    rel: str | None  # seeds.relative(path, root) when known; the row is stored only then
    data: bytes | None  # its bytes when already known (develop's new text)
    stamp: Stamp | None  # its stamp, taken before reading; None: do not store the row
    old: Row | None  # its previous row, reused when the digest of the bytes is unchanged
    stamp_here: bool = False  # take the stamp just before reading (then None: a link, unreadable)


if TYPE_CHECKING:
    Done = tuple[Row, Entry | None]  # a job's row, and its Entry when it was made in this process


def _run(jobs: Sequence[Job], root: Path, checked: int) -> list[Done]:
    from contentkit.catalog import read_entry

    def read(job: Job) -> Done:
        return _read(job, root, checked, read_entry)

    workers = min(_cpus(), len(jobs) // PER_WORKER) if len(jobs) >= PARALLEL_MIN else 1
    return _in_parallel(read, jobs, workers) if workers > 1 else [read(job) for job in jobs]


def _read(job: Job, root: Path, checked: int, read_entry: Callable[..., Entry]) -> Done:
    """A job -> its row: the stamp, the time, a digest (of a file that may change within the stamp's
    tick, or had a row before: what lets an unchanged file keep its entry), and the entry."""
    taken, rel = job.stamp, job.rel
    if job.stamp_here:
        taken = _stamp(job.path)
        rel = rel if taken is not None else None  # a link: its path is found by resolving it
    data = job.data if job.data is not None else _read_bytes(job.path)
    if data is None:
        entry = read_entry(Path(job.path), root, None, rel)  # the entry that says why it cannot be read
        return [*NO_STAMP, checked, "", *_fields(entry)], entry
    stamp, old = taken or NO_STAMP, job.old
    racy = taken is not None and not _pinned(stamp, checked)
    digest = _digest(data) if old is not None or racy else ""
    if old is not None and len(old) == _WIDTH and old[5] == digest and _entry(old) is not None:
        return [*stamp, checked, digest, *old[_HEAD:]], None  # the same bytes: the same entry
    entry = read_entry(Path(job.path), root, data, rel)
    return [*stamp, checked, digest, *_fields(entry)], entry


def _read_bytes(path: str) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _in_parallel(func: Callable[[Job], Done], jobs: Sequence[Job], workers: int) -> list[Done]:
    """func over jobs, in `workers` processes: forked children send their rows back (marshal: plain
    lists of str and int between two copies of this process; the cache files themselves are JSON).

    The parent does the first share itself (and any share it could not fork for). A child that fails
    in any way has its share redone in the parent, so the result is always the serial result.
    """
    if not hasattr(os, "fork"):
        return [func(job) for job in jobs]
    size = -(-len(jobs) // workers)
    shares = [jobs[n : n + size] for n in range(0, len(jobs), size)]
    children: dict[int, tuple[int, int]] = {}  # share number -> the child's pid and pipe
    try:
        for n, share in enumerate(shares[1:], 1):
            with contextlib.suppress(OSError):  # no process to spare: that share is done here
                children[n] = _fork(func, share)
        done = [func(job) for job in shares[0]]
        for n, share in enumerate(shares[1:], 1):
            if n in children:
                done.extend(_collect_child(*children[n], share, func))
                del children[n]
            else:
                done.extend(func(job) for job in share)
    finally:
        for pid, _fd in children.values():  # interrupted: stop the children that are left
            import signal

            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)
    return done


def _fork(func: Callable[[Job], Done], share: Sequence[Job]) -> tuple[int, int]:
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        raise
    if pid == 0:  # pragma: no cover - the child; coverage does not follow it
        code = 1
        try:
            os.close(read_end)
            payload = marshal.dumps([func(job)[0] for job in share])
            with os.fdopen(write_end, "wb") as out:
                out.write(payload)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    return pid, read_end


def _collect_child(pid: int, fd: int, share: Sequence[Job], func: Callable[[Job], Done]) -> list[Done]:
    with os.fdopen(fd, "rb") as handle:
        payload = handle.read()
    _pid, status = os.waitpid(pid, 0)
    try:
        rows = marshal.loads(payload) if status == 0 else None
    except (ValueError, EOFError, TypeError):
        rows = None
    if not isinstance(rows, list) or len(rows) != len(share) or not all(map(_shaped, rows)):
        return [func(job) for job in share]  # the worker failed: do its share here
    return [(row, None) for row in rows]


# --- rows -------------------------------------------------------------------------------------------


def _fields(e: Entry) -> list[Any]:
    return [e.path, e.title, e.status, e.created, e.platform, e.source, list(e.developed_to), e.published_url,
            list(e.open_tasks), e.error]


def _entry(row: Any) -> Entry | None:
    """The Entry a row read from a file holds; None when the row is not of the expected shape."""
    if type(row) is not list or len(row) != _WIDTH:
        return None
    path, title, status, created, platform, source, developed_to, published_url, tasks, error = row[_HEAD:]
    texts = (path, title, status, created, platform, source, published_url, error)
    if not (all(type(text) is str for text in texts) and _strings(tasks) and _strings(developed_to)):
        return None
    return _own_entry(row)


@lru_cache(maxsize=1)
def _entry_type() -> type[Entry]:
    from contentkit.catalog import Entry

    return Entry


def _own_entry(row: Row) -> Entry:
    """The Entry of a row made in this run (or checked by _entry() on its way from a worker)."""
    path, title, status, created, platform, source, developed_to, published_url, tasks, error = row[_HEAD:]
    return _entry_type()(
        path, title, status, created, platform, source, tuple(developed_to), published_url, tuple(tasks),
        error,
    )


def _shaped(row: Any) -> bool:
    return isinstance(row, list) and len(row) == _WIDTH


def _strings(value: Any) -> TypeGuard[list[str]]:
    return isinstance(value, list) and all(type(item) is str for item in value)


def _trusted(row: Row, stamp: Stamp) -> bool:
    """The row's stamp is the file's, and the file was old enough when read for the stamp to pin it."""
    return tuple(row[:4]) == stamp and _pinned(stamp, row[4])


def _stamp(path: str) -> Stamp | None:
    """size, mtime_ns, ctime_ns, inode; None for a symbolic link, or a file that is not there."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    if stat.S_ISLNK(st.st_mode):
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def _pinned(stamp: Sequence[int], checked: Any) -> bool:
    """A file with this stamp, read at `checked`, cannot have changed since without a new stamp:
    its mtime and ctime were more than RACY_NS (longer than any timestamp tick) before `checked`."""
    return type(checked) is int and max(stamp[1], stamp[2]) + RACY_NS < checked


def _stamps(paths: list[str]) -> list[Stamp | None]:
    """_stamp() of each path. (Two threads were tried: with the GIL, no faster here, and less steady.)"""
    return [_stamp(path) for path in paths]


def _digest(data: bytes) -> str:
    import hashlib

    return hashlib.blake2b(data, digest_size=16).hexdigest()


# --- the listing --------------------------------------------------------------------------------


class Listing:
    """The seed files (repo-relative, in repo.seed_files() order) and the drafts (repo.rel() of
    repo.draft_files()). Read from the cache they stay one string, one name a line, until a list is
    asked for: looking up one name in 10,000 needs no list."""

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
    if not _plain(repo):
        return None
    now = time.time_ns()
    fingerprint = _fingerprint(repo)
    listing = _listing(repo, fingerprint, now)
    if listing is None:
        listing, record = _list_again(repo, now)
        if record:
            _record(repo, fingerprint, listing, record)
    return listing


def _listing(repo: Repo, fingerprint: str, now: int) -> Listing | None:
    """The seed and draft files from the listing file, when no folder changed since; else None.

    The file is a JSON header line, then one file name a line (no JSON to decode for 10,000 names).
    """
    data, tail = _load(repo, LISTING, fingerprint)
    keys = ("folders", "checked", "seeds", "drafts", "split")
    folders, checked, seeds, drafts, split = (data.get(key) for key in keys)
    if not (isinstance(folders, list) and type(checked) is int):
        return None
    if not (isinstance(seeds, int) and isinstance(drafts, int) and isinstance(split, int)):
        return None
    seed_text, newline, draft_text = tail[:split], tail[split : split + 1], tail[split + 1 :]
    if newline != "\n" or _count(seed_text) != seeds or _count(draft_text) != drafts:
        return None  # a truncated or foreign file
    root = str(repo.root) + os.sep
    for item in folders:
        if not (isinstance(item, list) and len(item) == 5 and isinstance(item[0], str)):
            return None
        stamp = _stamp(root + item[0]) or NO_STAMP
        if list(stamp) != item[1:] or not _pinned(stamp, checked):
            return None
    return Listing(seed_text, draft_text, True, [item[0] for item in folders], checked)


def _count(text: str) -> int:
    return text.count("\n") + 1 if text else 0


def _list_again(repo: Repo, now: int) -> tuple[Listing, dict[str, Any] | None]:
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
    stamps: list[list[Any]] = [[rel, *(_stamp(root + rel) or NO_STAMP)] for rel in folders]
    keep = not (seed_links or draft_links or any("\n" in rel for rel in (*seeds, *drafts)))
    trusted = keep and all(_pinned(f[1:], now) for f in stamps)
    record = {"folders": stamps, "checked": now} if keep else None
    return Listing(seeds, drafts, trusted, folders, now if keep else 0), record


def _record(repo: Repo, fingerprint: str, listing: Listing, record: dict[str, Any]) -> None:
    seeds, drafts = "\n".join(listing.seeds), "\n".join(listing.drafts)
    counts = {"seeds": len(listing.seeds), "drafts": len(listing.drafts), "split": len(seeds)}
    _save(repo, LISTING, fingerprint, {**record, **counts}, seeds + "\n" + drafts)


def _inputs(listing: Listing, stamps: Sequence[Stamp | None], others: str | None = "") -> str:
    """The files a result is read from: the recorded listing (named by when it was taken, so it is
    the same list of names) and every file's stamp, as text, then `others` (see _others()).
    No hashing: comparing is cheaper."""
    from array import array
    from itertools import chain

    if not listing.taken or None in stamps or others is None:
        return ""
    numbers = array("q", chain.from_iterable(cast("Sequence[Stamp]", stamps)))  # no None, as checked
    return f"{listing.taken}:{numbers.tobytes().hex()}{others}"


def _others(repo: Repo, checked: int) -> str | None:
    """The stamps of INDEX.md's inputs besides the seeds: the metrics file (its absence counts too)
    and the drafts it names. None when one of them is too recent to be pinned by its stamp."""
    root = str(repo.root) + os.sep
    if not os.path.lexists(root + repo.config.metrics_file):
        return ""  # no metrics: INDEX.md has no "What works", the inputs are the seeds alone
    from contentkit.metrics.record import input_files

    parts = []
    for rel in input_files(repo):
        stamp = _stamp(root + rel)
        if stamp is None and os.path.lexists(root + rel):
            return None  # a link: its target can change while its own stamp does not
        if stamp is not None and not _pinned(stamp, checked):
            return None
        parts.append(f"|{rel}:{','.join(map(str, stamp or NO_STAMP))}")
    return "".join(parts)


# --- files ----------------------------------------------------------------------------------------


def _plain(repo: Repo) -> bool:
    """The repo root, seeds/ and drafts/ are what they say: absolute, inside the root, no links.

    Then a seed's repo-relative path is its path with the root cut off, and folder stamps see every
    change of the listing. Otherwise the cache stands aside.
    """
    if os.name != "posix":  # Windows sorts paths case-blind; keep the cache to the simple case
        return False
    try:
        root = repo.root
        if not root.is_absolute() or root.resolve() != root:
            return False
        return all(
            folder.resolve() == folder and folder.is_relative_to(root)
            for folder in (repo.seeds_dir, repo.drafts_dir)
        )
    except (OSError, RuntimeError):
        return False


def _fingerprint(repo: Repo) -> str:
    """What the cached values depend on besides the files: code, Python, the repo root and its config.

    Kept whole (a few kB) rather than hashed: comparing it costs less than loading hashlib.
    """
    parts = [FORMAT, sys.version, str(repo.root), repr(repo.config), *_code_stamps()]
    return json.dumps(parts, separators=(",", ":"))


def _code_stamps() -> list[Any]:
    """contentkit's source files, and the packages that parse seeds (a new version changes them)."""
    from importlib.util import find_spec

    found: list[Any] = []
    folders = [Path(__file__).parent]
    for name in ("markdown_it", "yaml"):
        spec = find_spec(name)
        if spec is not None and spec.origin:
            folders.append(Path(spec.origin).parent)
    for folder in folders:
        found.append(str(folder))
        with contextlib.suppress(OSError), os.scandir(folder) as entries:
            found.extend(sorted([e.name, *_stamp_of(e)] for e in entries if e.is_file()))
    return found


def _stamp_of(entry: os.DirEntry[str]) -> Stamp:
    try:
        st = entry.stat()
    except OSError:
        return NO_STAMP
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def _load(repo: Repo, name: str, fingerprint: str) -> tuple[dict[str, Any], str]:
    """A cache file's header and the text after it; ({}, "") when the file is missing, unreadable,
    corrupt, or of another format or fingerprint."""
    try:
        text = read_regular(repo.state_dir / name).decode("utf-8", "surrogateescape")
        head, _newline, tail = text.partition("\n")
        data = json.loads(head)
    except (OSError, ValueError, RecursionError):
        return {}, ""
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("fingerprint") != fingerprint:
        return {}, ""
    return data, tail


def _save(repo: Repo, name: str, fingerprint: str, data: dict[str, Any], tail: str = "") -> None:
    """Replace a cache file atomically: one JSON line, then `tail`. A cache that cannot be written is
    simply not written."""
    folder = repo.state_dir
    temp = ""
    if not state_folder(folder):  # `.contentkit` is a file, or cannot be made: no cache
        return
    try:
        head = json.dumps({"format": FORMAT, "fingerprint": fingerprint, **data}, separators=(",", ":"))
        text = head + "\n" + tail if tail else head  # dumps(): json.dump() would encode in Python
        unique = str(folder / f".{name}.{os.getpid()}.{time.time_ns()}.tmp")  # (tempfile: 5 ms to import)
        fd = os.open(unique, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        temp = unique
        with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape") as handle:
            handle.write(text)
        os.replace(temp, folder / name)
    except (OSError, ValueError):
        if temp:
            with contextlib.suppress(OSError):
                os.unlink(temp)
