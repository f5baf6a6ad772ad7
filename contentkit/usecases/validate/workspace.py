"""The repo as the rules see it (Workspace: config, file lists, other files read once) and one
readable file as a rule sees it (FileCheck). A Rule is a function from a FileCheck to Diagnostics.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Callable, Iterator
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

from contentkit.base import lines
from contentkit.base.errors import SeedError
from contentkit.base.folders import MARKDOWN, without_suffix
from contentkit.base.slug import stem_slug
from contentkit.base.statedir import read_bounded
from contentkit.markdown import frontmatter
from contentkit.store.config import Config
from contentkit.store.repo import FileList, Repo
from contentkit.usecases.validate.diagnostics import Diagnostic, diagnostic

SEED, DRAFT = "seed", "draft"


class Workspace:
    """The repo's config and files, read at most once, for rules that look beyond one file.

    The file lists come from repo.files(): the store the CLI handed in (the cache's listing: a check
    of one file in a large repo then walks no folders and makes no Path per file), else a walk.
    """

    def __init__(self, repo: Repo) -> None:
        self.repo = repo
        self.root = repo.root
        self._documents: dict[str, frontmatter.Document | None] = {}
        self.consulted: set[str] = set()  # other files the rules looked at (the cache must see them)
        self._slug_lookups = 0

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return self.repo.rel(path)

    @cached_property
    def listing(self) -> FileList:
        """Seed and draft files, repo-relative, in repo order."""
        return self.repo.files()

    @cached_property
    def seeds(self) -> dict[str, Path]:
        return {rel: self.root / rel for rel in self.listing.seeds}

    @cached_property
    def drafts(self) -> dict[str, Path]:
        return {rel: self.root / rel for rel in self.listing.drafts}

    @cached_property
    def seed_list(self) -> list[str]:
        return self.listing.seeds

    @cached_property
    def seed_names(self) -> frozenset[str]:
        return frozenset(self.seed_list)

    @cached_property
    def slugs(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for rel in self.seed_list:
            found.setdefault(stem_slug(without_suffix(posixpath.basename(rel))), []).append(rel)
        return found

    def with_slug(self, slug: str) -> list[str]:
        """The seeds whose file name has this slug. For a few lookups, only the names ending in it
        are looked at (a slug is the end of its file's stem); for many, every name once."""
        self._slug_lookups += 1
        if self._slug_lookups > 16:
            return self.slugs.get(slug, [])
        names = [rel for suffix in MARKDOWN for rel in self.listing.seeds_ending(f"{slug}{suffix}")]
        return [rel for rel in names if stem_slug(without_suffix(posixpath.basename(rel))) == slug]

    def target(self, value: Any) -> tuple[str, str]:
        """A path value from front matter -> (repo-relative path, problem); problem is '' when fine."""
        if not isinstance(value, str) or not value.strip():
            return "", "must be a path relative to the repo root"
        if value.startswith(("/", "\\", "~")) or re.match(r"[A-Za-z]:[/\\]", value):
            return "", "is absolute; use a path relative to the repo root"
        self.consulted.add(posixpath.normpath(value))  # whatever it resolves to, it depends on that path
        try:
            inside = Path(os.path.realpath(self.root / value)).is_relative_to(self.root)
        except (OSError, RuntimeError, ValueError):  # a symlink loop, a NUL byte
            return "", "is not a usable path"
        if not inside:
            return "", "escapes the repo"
        return posixpath.normpath(value), ""

    def is_file(self, rel: str) -> bool:
        self.consulted.add(rel)
        try:
            return (self.root / rel).is_file()
        except (OSError, ValueError):
            return False

    def document(self, rel: str) -> frontmatter.Document | None:
        """Another file's front matter, or None when it cannot be read (it reports that itself)."""
        self.consulted.add(rel)
        if rel not in self._documents:
            try:
                self._documents[rel] = frontmatter.parse(read_bounded(self.root / rel), Path(rel))
            except (OSError, SeedError):
                self._documents[rel] = None
        return self._documents[rel]


class FileCheck(NamedTuple):
    """One readable file, as every rule sees it."""

    rel: str
    kind: str  # SEED or DRAFT
    doc: frontmatter.Document
    space: Workspace
    meta: dict[str, Any]  # the front matter in contentkit's names (a seed's, through the aliases)

    @property
    def config(self) -> Config:
        return self.space.repo.config

    def name(self, key: str) -> str:
        """The file's own name for contentkit's `key` (a seed's alias of it, if it has one)."""
        return self.config.aliases.source(self.doc.meta, key) if self.kind == SEED else key

    def key_at(self, key: str | None = None) -> tuple[int, int]:
        """Where a key stands; the front matter's opening line when it is absent."""
        span = self.doc.spans.get(self.name(key)) if key is not None else None
        return (1, 1) if span is None else self.doc.at(span.key)

    def value_at(self, key: str) -> tuple[int, int]:
        span = self.doc.spans.get(self.name(key))
        return self.key_at(key) if span is None else self.doc.at(span.start)

    def written(self, key: str) -> str:
        """A value as written in the file (its first line), before YAML read it."""
        span = self.doc.spans.get(self.name(key))
        if span is None:
            return ""
        text = self.doc.yaml_text
        return text[span.start : min(span.end, lines.end_of_line(text, span.start)[0])].strip()

    def report(self, code: str, message: str, at: tuple[int, int] = (1, 1)) -> Diagnostic:
        return diagnostic(self.rel, at[0], at[1], code, message)


Rule = Callable[[FileCheck], Iterator[Diagnostic]]
