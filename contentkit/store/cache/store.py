"""The cache's files in .contentkit/ and the stamps that say when their contents still hold.

Every file is a JSON header line (FORMAT and a fingerprint of what its contents depend on), then
whatever its module keeps after it. A file that is missing, not a regular file (a FIFO is never
opened, so never waited on), unreadable, not JSON, or of another format or fingerprint loads as
nothing and is rewritten. Writes go to a temp file beside the target and then os.replace(), so a
reader never sees half a file; a cache that cannot be written is simply not written.

A stamp is (size, mtime_ns, ctime_ns, inode). Timestamps are coarse (one tick of the kernel clock;
1 s or 2 s on some filesystems), so a stamp pins a file's contents only when its mtime and ctime were
more than RACY_NS old when the file was read (pinned()).
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
import time
from collections.abc import Sequence
from typing import Any

from contentkit.base.files import read_regular, state_folder
from contentkit.base.stamps import NO_STAMP as NO_STAMP
from contentkit.base.stamps import RACY_NS as RACY_NS
from contentkit.base.stamps import Stamp as Stamp
from contentkit.base.stamps import code_stamps
from contentkit.store.repo import Repo

FORMAT = 4  # 2: developed_to is a list; 3: entries.json names its columns (the cache/ package); 4: front


def stamp(path: str) -> Stamp | None:
    """size, mtime_ns, ctime_ns, inode; None for a symbolic link, or a file that is not there."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    if stat.S_ISLNK(st.st_mode):
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def pinned(stamp: Sequence[int], checked: Any) -> bool:
    """A file with this stamp, read at `checked`, cannot have changed since without a new stamp:
    its mtime and ctime were more than RACY_NS (longer than any timestamp tick) before `checked`."""
    return type(checked) is int and max(stamp[1], stamp[2]) + RACY_NS < checked


def stamps(paths: list[str]) -> list[Stamp | None]:
    """stamp() of each path. (Two threads were tried: with the GIL, no faster here, and less steady.)"""
    return [stamp(path) for path in paths]


def digest(data: bytes) -> str:
    import hashlib

    return hashlib.blake2b(data, digest_size=16).hexdigest()


def plain(repo: Repo) -> bool:
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


def fingerprint(repo: Repo) -> str:
    """What the cached values depend on besides the files: code, Python, the repo root and its config.

    Kept whole (a few kB) rather than hashed: comparing it costs less than loading hashlib.
    """
    parts = [FORMAT, sys.version, str(repo.root), repr(repo.config), *code_stamps()]
    return json.dumps(parts, separators=(",", ":"))


def load(repo: Repo, name: str, fingerprint: str) -> tuple[dict[str, Any], str]:
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


def save(repo: Repo, name: str, fingerprint: str, data: dict[str, Any], tail: str = "") -> None:
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
