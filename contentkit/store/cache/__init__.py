"""The cache in .contentkit/: what `index`, `list`, `develop` and `validate` would otherwise re-read.

A writer's repo holds thousands of seeds and pre-commit runs contentkit on every commit, so nothing
unchanged is read twice. The CLI hands the domain a store (repo.Store): layer.Cached() by default,
or layer.Uncached() for --no-cache; the domain never imports this package. This file imports
nothing, so each module below runs only when a command needs it.

- layer.py: Cached and Uncached, the two stores.

- store.py: the files in .contentkit/ (a JSON header line with FORMAT and a fingerprint of the code,
  Python, the repo root and its config), written atomically, ignored when damaged or foreign; the
  stamps (size, mtime_ns, ctime_ns, inode) and when they can be trusted.
- listing.py: the seed and draft files, reused while no folder stamp changed (a repo.FileList), and
  the fingerprint of a result's input files.
- entries.py: entries.json, per seed its stamp and its catalog.Entry, columns by field name.
- memo.py: whether INDEX.md is current (index.json), and the validate memo (Snapshot).
- parallel.py: reading many seeds (a cold cache) in forked worker processes.

Nothing here can fail a command: a cache that cannot be read is rebuilt, one that cannot be written
is not written. Symbolic links, and seeds or drafts folders that are not plainly inside the repo, are
never cached.
"""
