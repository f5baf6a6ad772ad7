"""Which files in a folder are Markdown to contentkit: the suffixes (`.md`, `.markdown`, `.mdx`), a name
without its suffix, and the walk of the seeds and drafts folders that lists them."""

from __future__ import annotations

import os
from pathlib import Path

from contentkit.base.errors import RepoError

MARKDOWN = (".md", ".markdown", ".mdx")  # the file names every command reads as Markdown


def is_markdown(name: str) -> bool:
    """Whether a file name is one contentkit reads (MARKDOWN), case aside."""
    return name.lower().endswith(MARKDOWN)


def without_suffix(name: str) -> str:
    """A file name without its Markdown suffix (`idea.markdown` -> `idea`); any other name as it is."""
    suffix = next((s for s in MARKDOWN if name.lower().endswith(s)), "")
    return name[: len(name) - len(suffix)] if suffix else name


def scan_markdown(root: Path, base: str, folders: list[str]) -> tuple[list[str], set[str]]:
    """Every Markdown file (`*.md`, `*.markdown`, `*.mdx`) below root/base (skipping hidden files and
    folders), as root-relative POSIX paths sorted part by part, as Paths sort.

    Also notes every folder walked in `folders`, and returns the files that are symbolic links. A
    folder that cannot be read is a RepoError naming it.
    """
    files: list[str] = []
    links: set[str] = set()
    pending, known = [base], len(folders)
    while pending:
        rel = pending.pop()
        folders.append(rel)
        try:
            entries = list(os.scandir(root / rel))
        except FileNotFoundError:  # no such folder (yet): nothing in it
            continue
        except OSError as exc:  # unreadable: never mistaken for an empty folder
            raise RepoError(f"cannot read folder: {exc.strerror or exc}", rel.removeprefix("./")) from None
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                pending.append(f"{rel}/{entry.name}")
            elif is_markdown(entry.name) and _is_file(entry):
                files.append(f"{rel}/{entry.name}")
                if entry.is_symlink():
                    links.add(files[-1])
    if base == ".":
        files = [rel[2:] for rel in files]
    if len(folders) == known + 1:  # one folder walked: every name has the same prefix
        files.sort()
    else:
        files.sort(key=lambda rel: rel.split("/"))  # Path order: part by part
    return files, links


def _is_file(entry: os.DirEntry[str]) -> bool:
    """A file, or something that claims to be one but cannot be read (a symlink loop): the
    commands report those as unreadable instead of skipping them silently."""
    try:
        return entry.is_file()
    except OSError:
        return True
