"""Run the rules: choose the files, read each once, apply the RULES table; check() is the entry point.

A check of the whole repo is remembered in .contentkit/ (the validate memo) while no file changed.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from contentkit.base.codes import TOO_BIG, UNREADABLE
from contentkit.base.errors import SeedError
from contentkit.base.statedir import TooBig, read_bounded
from contentkit.markdown import frontmatter
from contentkit.model import bare
from contentkit.store.repo import Repo
from contentkit.usecases.validate.diagnostics import Diagnostic, Report, diagnostic
from contentkit.usecases.validate.drafts import DRAFT_RULES
from contentkit.usecases.validate.seeds import SEED_RULES
from contentkit.usecases.validate.workspace import DRAFT, SEED, FileCheck, Rule, Workspace

RULES: dict[str, tuple[Rule, ...]] = {SEED: SEED_RULES, DRAFT: DRAFT_RULES}


def read_error(exc: SeedError, rel: str) -> Diagnostic:
    return diagnostic(rel, exc.line or 1, exc.col or 1, exc.code, exc.message)


def check_data(data: bytes | str, rel: str, kind: str, space: Workspace) -> list[Diagnostic]:
    """Every diagnostic for one file's content. Never raises for anything a file can hold."""
    try:
        doc = frontmatter.parse(data, Path(rel))
    except SeedError as exc:
        return [read_error(exc, rel)]
    if doc.bare and space.repo.config.front_matter == "required":
        return [read_error(bare.missing(doc), rel)]
    meta = bare.meta_of(doc, rel, space.repo.config.aliases) if kind == SEED else doc.meta
    check = FileCheck(rel, kind, doc, space, meta)
    return [found for rule in RULES[kind] for found in rule(check)]


def check_text(repo: Repo, rel: str, text: str) -> list[Diagnostic] | None:
    """Every diagnostic for the text a seed or draft would hold (an editor's unsaved buffer), as
    `validate` reports it for the file; None when `rel` (repo-relative) names neither a seed nor a draft."""
    space = Workspace(repo)
    kind = kind_of(space, rel)
    return None if kind is None else sorted(check_data(text, rel, kind, space))


def kind_of(space: Workspace, rel: str) -> str | None:
    """SEED or DRAFT for a listed file, or for a new Markdown file in the seeds or drafts folder."""
    if space.listing.is_seed(rel):
        return SEED
    if space.listing.is_draft(rel):
        return DRAFT
    config = space.repo.config
    folders = ((config.seeds_dir, SEED), (config.drafts_dir, DRAFT))
    if not rel.endswith(".md"):
        return None
    return next((kind for folder, kind in folders if rel.startswith(folder.rstrip("/") + "/")), None)


def check_file(path: Path, rel: str, kind: str, space: Workspace) -> list[Diagnostic]:
    try:
        data = read_bounded(path)
    except OSError as exc:
        code = TOO_BIG if isinstance(exc, TooBig) else UNREADABLE
        return [diagnostic(rel, 1, 1, code, f"cannot read file: {exc.strerror or exc}")]
    return check_data(data, rel, kind, space)


class Target(NamedTuple):
    path: Path
    rel: str
    kind: str


def check(
    repo: Repo, paths: Sequence[Path] = (), cwd: Path | None = None, consulted: set[str] | None = None
) -> Report:
    """Check the given files and folders (relative to `cwd`), or every seed and draft in the repo.

    A check of the whole repo is remembered in .contentkit/ and recalled while no file changed.
    `consulted` is given the other files the rules looked at (none for a remembered report: the memo
    keeps one only when those are seeds, drafts, or absent from the listed folders).
    """
    space = Workspace(repo)
    if consulted is not None:
        space.consulted = consulted
    if paths:
        targets, found = select(space, paths, cwd or repo.here())
        return checked(space, targets, found)
    snapshot = repo.store.memo(repo) if repo.store is not None else None  # every stamp, before any read
    if snapshot is None:
        return checked(space, all_targets(space), [])
    known = _report_of(snapshot.recall(MEMO))
    if known is not None:
        return known
    report = checked(space, all_targets(space), [])
    value = [[list(d) for d in report.diagnostics], report.files]
    snapshot.remember(MEMO, value, space.consulted)
    return report


MEMO = "validate.json"


def checked(space: Workspace, targets: list[Target], found: list[Diagnostic]) -> Report:
    files = len(targets) + len(found)  # each path that could not be checked counts as a file
    for target in targets:
        found += check_file(target.path, target.rel, target.kind, space)
    return Report(tuple(sorted(found)), files)


def _report_of(value: Any) -> Report | None:
    """A remembered report, if it has the shape of one."""
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], list)):
        return None
    rows, files = value
    if type(files) is not int or not all(map(_diagnostic_row, rows)):
        return None
    return Report(tuple(Diagnostic(*row) for row in rows), files)


def _diagnostic_row(row: Any) -> bool:
    types = (str, int, int, str, str, str)  # Diagnostic's fields
    return isinstance(row, list) and len(row) == 6 and all(map(isinstance, row, types))


def all_targets(space: Workspace) -> list[Target]:
    found = [Target(p, rel, SEED) for rel, p in space.seeds.items()]
    return found + [Target(p, rel, DRAFT) for rel, p in space.drafts.items()]


def select(space: Workspace, paths: Sequence[Path], cwd: Path) -> tuple[list[Target], list[Diagnostic]]:
    """The seeds and drafts named by `paths`: files, or folders holding them. Other files are skipped."""
    chosen: dict[str, Target] = {}
    problems: list[Diagnostic] = []
    for arg in paths:
        path = _real(Path(os.path.abspath(cwd / arg)))
        shown_path = _shown_path(space, path, arg)
        if not path.exists():
            problems.append(diagnostic(shown_path, 1, 1, "CK100", "no such file or folder"))
        elif not path.is_relative_to(space.root):
            problems.append(diagnostic(shown_path, 1, 1, "CK100", f"is outside the repo at {space.root}"))
        elif path.is_dir():
            chosen.update((t.rel, t) for t in all_targets(space) if t.path.is_relative_to(path))
        else:  # a file: found by name, without a Target for every file
            rel = path.relative_to(space.root).as_posix()
            kind = SEED if space.listing.is_seed(rel) else DRAFT if space.listing.is_draft(rel) else None
            if kind is not None:
                chosen[rel] = Target(space.root / rel, rel, kind)
    return [chosen[rel] for rel in sorted(chosen)], problems


def _real(path: Path) -> Path:
    """Symlinked folders resolved, the file name kept (a seed may itself be a symlink)."""
    try:
        return Path(os.path.realpath(path.parent)) / path.name if path.name else path
    except (OSError, ValueError):
        return path


def _shown_path(space: Workspace, path: Path, arg: Path) -> str:
    try:
        return path.relative_to(space.root).as_posix()
    except ValueError:
        return arg.as_posix()
