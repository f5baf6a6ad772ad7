"""File stamps, with the standard library alone: what the cache (cache/store.py) and the console
entry point (warm.py) compare to know a file unchanged without reading it.

A stamp is (size, mtime_ns, ctime_ns, inode). Timestamps are coarse (one tick of the kernel clock;
1 s or 2 s on some filesystems), so a stamp pins a file's contents only when its mtime and ctime were
more than RACY_NS old when the file was read (pinned()). contentkit's own code is known by the stamps
of its files (code_stamps()): a new version, or an edited source file, changes them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

RACY_NS = 2_000_000_000
# contentkit/ (this file is in contentkit/base/): its source is part of every fingerprint
PACKAGE = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))

Stamp = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode
NO_STAMP: Stamp = (-1, -1, -1, -1)


def pinned(stamp: Sequence[int], checked: Any) -> bool:
    """A file with this stamp, read at `checked`, cannot have changed since without a new stamp:
    its mtime and ctime were more than RACY_NS (longer than any timestamp tick) before `checked`."""
    return type(checked) is int and max(stamp[1], stamp[2]) + RACY_NS < checked


def code_stamps() -> list[Any]:
    """contentkit's source files (its subpackages' too), and the packages that parse seeds (a new
    version changes them): names and stamps, as JSON keeps them."""
    from importlib.util import find_spec

    own, subfolders = _files_in(PACKAGE)
    found: list[Any] = [PACKAGE, *own]
    folders = list(subfolders)
    for name in ("markdown_it", "yaml"):
        spec = find_spec(name)
        if spec is not None and spec.origin:
            folders.append(os.path.dirname(spec.origin))
    for folder in folders:
        found += [folder, *_files_in(folder)[0]]
    return found


def _files_in(folder: str) -> tuple[list[Any], list[str]]:
    """[name, size, mtime_ns, ctime_ns, inode] of each file in `folder`, sorted, and its subfolders
    (not "_" or "." ones)."""
    files: list[Any] = []
    subfolders: list[str] = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_file():
                    files.append([entry.name, *_stamp_of(entry)])
                elif entry.is_dir() and entry.name[0] not in "._":
                    subfolders.append(entry.path)
    except OSError:
        pass
    return sorted(files), sorted(subfolders)


def _stamp_of(entry: os.DirEntry[str]) -> Stamp:
    try:
        st = entry.stat()
    except OSError:
        return NO_STAMP
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
