"""`contentkit search TEXT`: full text over seeds and drafts (title, body, front matter values), ranked
by bm25, each hit with its best line. The index is SQLite FTS5 (the standard library's sqlite3) with the
unicode61 tokenizer folding case and diacritics (Cyrillic, Vietnamese, French text alike).

An index is a database file the cache keeps in .contentkit/ (cache/layer.py names it), or one in memory
(--no-cache, or a repo without a usable state folder). It is brought up to date on every search by
file stamps: a file is read again when its stamp changed, or was too recent to pin its contents.
A database the repo carries is untrusted: one whose schema or fingerprint is not exactly ours, or that
is not a regular file, is rebuilt from nothing; its paths are never followed, only the listing's.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
import stat
import time
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from contentkit.base.errors import SeedError, UsageError
from contentkit.markdown import frontmatter
from contentkit.store.repo import MEMORY, Repo

VERSION = 1
RACY_NS = 2_000_000_000  # a stamp pins a file's contents only when older than this when read (cache/store)
WEIGHTS = (0.0, 10.0, 1.0, 2.0)  # bm25 per column: path (not indexed), title, body, front matter values
SCHEMA = (
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE files(id INTEGER PRIMARY KEY, path TEXT UNIQUE NOT NULL, stamp TEXT NOT NULL, "
    "checked INTEGER NOT NULL)",
    "CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, title, body, front, "
    "tokenize = 'unicode61 remove_diacritics 2')",
)
_TOKEN = re.compile(r"\w+\*?")
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


class Hit(NamedTuple):
    path: str  # repo-relative
    kind: str  # seed or draft
    title: str
    line: int  # 1-based, in the whole file (front matter included)
    text: str  # that line, stripped
    score: float  # bm25: lower is better

    def to_json(self) -> dict[str, Any]:
        return self._asdict()


def fts_query(text: str) -> str:
    """The words of `text` as an FTS5 query: each quoted (no operator of FTS5's own is ever read), a
    trailing `*` kept as a prefix search, all required. A UsageError when there is no word."""
    words = _TOKEN.findall(text)
    if not words:
        raise UsageError(f"search: '{text}' has no word to look for")
    return " ".join(
        '"' + w.rstrip("*").replace('"', '""') + '"' + ("*" if w.endswith("*") else "") for w in words
    )


def folded(text: str) -> str:
    """Text as the tokenizer compares it: case and diacritics aside."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# --- the database ---------------------------------------------------------------------------------


def connect(database: str, fingerprint: str) -> sqlite3.Connection:
    """An index with our schema and this fingerprint: the one at `database` when it is exactly that,
    else a new one in its place (or in memory when the file cannot be replaced)."""
    if database != MEMORY:
        conn = _existing(database, fingerprint)
        if conn is not None:
            return conn
        with contextlib.suppress(OSError):
            os.unlink(database)
        with contextlib.suppress(OSError):
            os.unlink(database + "-journal")
        try:
            return _created(sqlite3.connect(database, timeout=10), fingerprint)
        except sqlite3.Error:
            pass
    return _created(sqlite3.connect(MEMORY), fingerprint)


def _existing(database: str, fingerprint: str) -> sqlite3.Connection | None:
    try:
        if not stat.S_ISREG(os.lstat(database).st_mode):
            return None  # a link or anything else: never opened
    except OSError:
        return None
    conn = None
    try:
        conn = sqlite3.connect(f"{Path(database).as_uri()}?mode=rw", uri=True, timeout=10)
        _harden(conn)
        if _schema(conn) == _expected() and _meta(conn) == {
            "version": str(VERSION),
            "fingerprint": fingerprint,
        }:
            return conn
    except sqlite3.Error:
        pass
    if conn is not None:
        conn.close()
    return None


def _harden(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("PRAGMA cell_size_check = ON")


def _schema(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    rows = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()
    return [(str(t), str(n), str(s)) for t, n, s in rows]


_SCHEMA_ROWS: list[list[tuple[str, str, str]]] = []


def _expected() -> list[tuple[str, str, str]]:
    """sqlite_master of a fresh index (FTS5's shadow tables included), made once in memory."""
    if not _SCHEMA_ROWS:
        conn = sqlite3.connect(MEMORY)
        for statement in SCHEMA:
            conn.execute(statement)
        _SCHEMA_ROWS.append(_schema(conn))
        conn.close()
    return _SCHEMA_ROWS[0]


def _meta(conn: sqlite3.Connection) -> dict[str, str]:
    return {str(k): str(v) for k, v in conn.execute("SELECT key, value FROM meta")}


def _created(conn: sqlite3.Connection, fingerprint: str) -> sqlite3.Connection:
    _harden(conn)
    with conn:
        for statement in SCHEMA:
            conn.execute(statement)
        conn.executemany(
            "INSERT INTO meta VALUES (?, ?)", [("version", str(VERSION)), ("fingerprint", fingerprint)]
        )
    return conn


# --- bringing it up to date -----------------------------------------------------------------------


def update(conn: sqlite3.Connection, root: Path, files: Iterable[str]) -> None:
    """Index every listed file whose stamp changed (or was too recent to pin it); forget the rest."""
    checked = time.time_ns()
    listed = list(dict.fromkeys(files))
    known = {
        str(p): (int(i), str(s), int(c))
        for i, p, s, c in conn.execute("SELECT id, path, stamp, checked FROM files")
    }
    with conn:
        for path in known.keys() - set(listed):
            _forget(conn, known[path][0])
        for rel in listed:
            stamp = _stamp(root, rel)
            old = known.get(rel)
            if old is not None and stamp is not None and old[1] == stamp and _pinned(stamp, old[2]):
                continue
            if old is not None:
                _forget(conn, old[0])
            _index(conn, root, rel, stamp, checked)


def _stamp(root: Path, rel: str) -> str | None:
    try:
        st = os.lstat(root / rel)
    except (OSError, ValueError):
        return None
    if stat.S_ISLNK(st.st_mode):
        return None  # a link is read through every time
    return json.dumps([st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino])


def _pinned(stamp: str, checked: int) -> bool:
    _size, mtime, ctime, _inode = json.loads(stamp)
    return max(int(mtime), int(ctime)) + RACY_NS < checked


def _forget(conn: sqlite3.Connection, row: int) -> None:
    conn.execute("DELETE FROM files WHERE id = ?", (row,))
    conn.execute("DELETE FROM docs WHERE rowid = ?", (row,))


def _index(conn: sqlite3.Connection, root: Path, rel: str, stamp: str | None, checked: int) -> None:
    text = _text(root, rel)
    title, body, front = parts(text, rel)
    cursor = conn.execute(
        "INSERT INTO files(path, stamp, checked) VALUES (?, ?, ?)", (rel, stamp or "", checked)
    )
    conn.execute(
        "INSERT INTO docs(rowid, path, title, body, front) VALUES (?, ?, ?, ?, ?)",
        (cursor.lastrowid, rel, title, body, front),
    )


def _text(root: Path, rel: str) -> str:
    try:
        return (root / rel).read_bytes().decode("utf-8", "replace")
    except (OSError, ValueError):
        return ""


def parts(text: str, rel: str) -> tuple[str, str, str]:
    """A file's title (its front matter's, else its first `#` heading, else ''), body and front matter
    values (one per line), as the index keeps them."""
    try:
        doc = frontmatter.parse(text, Path(rel))
        meta, body = doc.meta, doc.body
    except SeedError:
        meta, body = {}, text
    heading = _HEADING.search(body)
    given = meta.get("title")
    title = given if isinstance(given, str) and given.strip() else heading.group(1) if heading else ""
    return title, body, "\n".join(_values(meta))


def _values(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in _values(item)]
    if isinstance(value, list | tuple):
        return [text for item in value for text in _values(item)]
    return [] if value is None else [str(value)]


# --- asking it ------------------------------------------------------------------------------------


def ranked(conn: sqlite3.Connection, text: str, limit: int | None) -> list[tuple[str, str, float]]:
    """(path, title, bm25) of the best `limit` files, best first (ties by path)."""
    sql = (
        "SELECT path, title, bm25(docs, ?, ?, ?, ?) AS score FROM docs WHERE docs MATCH ? "
        "ORDER BY score, path LIMIT ?"
    )
    rows = conn.execute(sql, (*WEIGHTS, fts_query(text), -1 if limit is None else limit)).fetchall()
    return [(str(p), str(t), float(s)) for p, t, s in rows]


def best_line(text: str, query: str) -> tuple[int, str]:
    """The first line holding the most of the query's words (case and diacritics aside)."""
    words = [folded(w.rstrip("*")) for w in _TOKEN.findall(query)]
    best, found = 0, (1, "")
    for number, line in enumerate(text.splitlines(), 1):
        line_words = folded(line)
        score = sum(1 for w in words if w in line_words)
        if score > best:
            best, found = score, (number, line.strip())
    return found


def search(repo: Repo, text: str, limit: int | None = None) -> list[Hit]:
    """The seeds and drafts that hold every word of `text`, best first, from the index the repo's store
    keeps (in memory without one), brought up to date first."""
    database, fingerprint = MEMORY, ""
    if repo.store is not None:
        database, fingerprint = repo.store.search_index(repo)
    fts_query(text)  # a UsageError before any file is read
    files = repo.files()
    kinds = {**dict.fromkeys(files.drafts, "draft"), **dict.fromkeys(files.seeds, "seed")}
    stamp = json.dumps([VERSION, str(repo.root), fingerprint])
    try:
        found = _answer(connect(database, stamp), repo.root, kinds, text, limit)
    except sqlite3.Error as exc:  # a damaged file that passed for ours, a lock held too long
        if database != MEMORY and isinstance(exc, sqlite3.DatabaseError) and not _locked(exc):
            with contextlib.suppress(OSError):
                os.unlink(database)  # rebuilt next time
        found = _answer(connect(MEMORY, stamp), repo.root, kinds, text, limit)
    return [_hit(repo, path, kinds, title, score, text) for path, title, score in found if path in kinds]


def _answer(
    conn: sqlite3.Connection, root: Path, files: Iterable[str], text: str, limit: int | None
) -> list[tuple[str, str, float]]:
    try:
        update(conn, root, files)
        return ranked(conn, text, limit)
    finally:
        conn.close()


def _locked(exc: sqlite3.Error) -> bool:
    return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)


def _hit(repo: Repo, rel: str, kinds: dict[str, str], title: str, score: float, query: str) -> Hit:
    line, shown = best_line(_text(repo.root, rel), query) if repo.inside(repo.root / rel) else (1, "")
    return Hit(rel, kinds[rel], title or Path(rel).stem, line, shown, score)


def hits_of(rows: Sequence[Hit]) -> list[dict[str, Any]]:
    return [hit.to_json() for hit in rows]
