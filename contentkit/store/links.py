"""A seed and its drafts: which files a SEED|DRAFT reference names, and the links between them.

A seed names its drafts in `developed_to` (one path or a list); a draft names its seed in `seed:`
(else the one seed whose `developed_to` names it). publish, schedule and metrics ask here; the names
themselves are resolved by Repo.resolve_seed / resolve_draft.
"""

from __future__ import annotations

import os
from pathlib import Path

from contentkit.base.errors import RefusedError, RepoError
from contentkit.base.files import real
from contentkit.base.statedir import read_bounded
from contentkit.markdown import frontmatter
from contentkit.model import seed as seeds
from contentkit.model.lifecycle import State, drafts_of
from contentkit.store import catalog
from contentkit.store.repo import Repo, is_file, is_variants, name_matches, shown


def locate(
    repo: Repo, ref: str, cwd: Path | None = None, unpublished: bool = False
) -> tuple[Path, Path | None]:
    """SEED|DRAFT -> (the seed, its draft if there is one). A draft leads to its seed and back.
    With `unpublished`, a seed leads to the one draft of it not yet published (see draft_of_seed)."""
    if _is_file(repo, ref, cwd):
        path = repo.resolve_seed(ref, cwd)  # any file inside the repo, by path
        if _under(path, repo.drafts_dir):
            return seed_of_draft(repo, as_draft(repo, path)), path
        return path, draft_of_seed(repo, path, unpublished)
    if "/" in ref or os.sep in ref or name_matches(ref, repo.seed_files()):
        path = repo.resolve_seed(ref, cwd)
        return path, draft_of_seed(repo, path, unpublished)
    if name_matches(ref, repo.draft_files()):
        path = as_draft(repo, repo.resolve_draft(ref, cwd))
        return seed_of_draft(repo, path), path
    try:  # a part of a seed's name or title
        path = repo.resolve_seed(ref, cwd)
    except RepoError as exc:
        if "ambiguous" in exc.message:
            raise
        raise RepoError(
            f"no seed or draft matches '{ref}' in {repo.config.seeds_dir}/ or {repo.config.drafts_dir}/"
        ) from None
    return path, draft_of_seed(repo, path, unpublished)


def _is_file(repo: Repo, ref: str, cwd: Path | None) -> bool:
    return any(is_file(base / ref) for base in (cwd or repo.here(), repo.root))


def _under(path: Path, folder: Path) -> bool:
    return real(path).is_relative_to(real(folder))


def as_draft(repo: Repo, path: Path) -> Path:
    """`path` if it is a draft publish may edit: under the drafts folder, not a variants file, and
    `type: draft` in its front matter. Anything else is refused."""
    rel = repo.rel(path)
    if is_variants(path):
        raise RefusedError("this file holds variants, not a draft: publish the draft", rel)
    if not _under(path, repo.drafts_dir):
        raise RefusedError(f"is not under {repo.config.drafts_dir}/, so it is not a draft", rel)
    doc = frontmatter.parse(read_file(path, rel), Path(rel))
    kind = seeds.text_of(doc.meta.get("type"))
    if kind != "draft":
        raise RefusedError(f"has 'type: {kind or '(none)'}', not 'type: draft'; it is not a draft", rel)
    return repo.writable(path)


def draft_of_seed(repo: Repo, seed_path: Path, unpublished: bool = False) -> Path | None:
    """The draft the seed's `developed_to` names, when that file exists; a file that is not a draft
    (another seed, INDEX.md, a variants file, a link out of the repo) is refused. A seed with several
    existing drafts is refused too, naming them: the writer names one of them by its path.

    With `unpublished` (publish SEED), only the drafts not yet published count: the one such draft is
    the answer, several are refused by name; when every draft is published, the first one is returned
    (and publishing it again is refused)."""
    seed = seeds.load_in(repo, seed_path)
    links = drafts_of(seed.meta.get("developed_to"))
    found = [d for d in (_named_draft(repo, seed, seed_path, link) for link in links) if d]
    if unpublished and found:
        waiting = [d for d in found if draft_status(repo, d) != State.PUBLISHED]
        if not waiting:
            return found[0]
        found = waiting
    if len(found) > 1:
        names = ", ".join(repo.rel(d) for d in found)
        what = " unpublished" if unpublished else ""
        raise RefusedError(
            f"the seed has {len(found)}{what} drafts ({names}): publish one by its path", seed.rel
        )
    return found[0] if found else None


def draft_status(repo: Repo, draft_path: Path) -> str:
    """A draft's `status` ('' when it has none)."""
    rel = repo.rel(draft_path)
    return seeds.text_of(frontmatter.parse(read_file(draft_path, rel), Path(rel)).meta.get("status"))


def _named_draft(repo: Repo, seed: seeds.Seed, seed_path: Path, link: str) -> Path | None:
    path = repo.root / link
    if not is_file(path):
        return None
    if not repo.inside(path) or real(path) == real(seed_path):
        message = f"developed_to '{shown(link)}' is not a draft in this repo; nothing changed"
        raise RefusedError(message, seed.rel)
    try:
        return as_draft(repo, path)
    except RefusedError as exc:
        raise RefusedError(f"developed_to names {exc.located()}; nothing changed", seed.rel) from None


def seed_of_draft(repo: Repo, draft_path: Path) -> Path:
    """The seed a draft's `seed:` key names, else the one whose `developed_to` names the draft.
    Only a file under the seeds folder is edited as a seed."""
    rel = repo.rel(draft_path)
    doc = frontmatter.parse(read_file(draft_path, rel), Path(rel))
    link = seeds.text_of(doc.meta.get("seed"))
    if link:
        path = repo.root / link
        if not is_file(path):
            raise RefusedError(f"its seed {shown(link)} does not exist", rel)
        if not repo.inside(path) or not _under(path, repo.seeds_dir) or _under(path, repo.drafts_dir):
            raise RefusedError(f"its seed: '{shown(link)}' is not a seed under {repo.config.seeds_dir}/", rel)
        return repo.writable(path)
    linked = [e.path for e in catalog.collect(repo).readable if rel in e.developed_to]
    if len(linked) != 1:
        raise RefusedError("no seed links to this draft (no 'seed:' key, no seed's developed_to)", rel)
    return repo.writable(repo.root / linked[0])


def read_file(path: Path, rel: str) -> bytes:
    try:
        return read_bounded(path)
    except OSError as exc:
        raise RepoError(f"cannot read file: {exc.strerror}", rel) from None
