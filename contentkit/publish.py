"""A draft goes live. `plan` reads and renders everything and writes nothing; `publish` writes the
draft, its seed and INDEX.md all or none, under the repo lock.

Each draft has its own lifecycle (`draft -> scheduled -> published`, contentkit/lifecycle.py): the
draft gets `status: published`, `published_url` and `published_at` (UTC ISO 8601). The seed follows
its drafts and never goes backwards: `status: published` once any draft is, and the first post's
`published_url` and `published_at` (INDEX.md's Published table and metrics read them there). Every
other byte of both files stays as it was (the same key splicing as develop).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from contentkit import catalog, dates, index, schema
from contentkit import seed as seeds
from contentkit.config import DEFAULT_STATUSES
from contentkit.errors import RefusedError, RepoError, UsageError
from contentkit.files import real
from contentkit.lifecycle import advance, drafts_of, is_published
from contentkit.markdown import frontmatter
from contentkit.repo import Repo, current_dir, is_file, is_variants, name_matches, shown


@dataclass(frozen=True)
class Plan:
    seed: seeds.Seed
    draft_rel: str  # '' when there is no draft file to mark
    url: str
    published_at: str
    writes: dict[Path, bytes] = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def check_url(url: str, option: str = "--url") -> str:
    return schema.check_url(url, option)


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
    raise RepoError(
        f"no seed or draft matches '{ref}' in {repo.config.seeds_dir}/ or {repo.config.drafts_dir}/"
    )


def _is_file(repo: Repo, ref: str, cwd: Path | None) -> bool:
    return any(is_file(base / ref) for base in (cwd or current_dir(), repo.root))


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
    doc = frontmatter.parse(_read(path, rel), Path(rel))
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
    seed = seeds.load(seed_path, repo.root)
    links = drafts_of(seed.meta.get("developed_to"))
    found = [d for d in (_named_draft(repo, seed, seed_path, link) for link in links) if d]
    if unpublished and found:
        waiting = [d for d in found if not is_published(draft_status(repo, d))]
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
    return seeds.text_of(frontmatter.parse(_read(draft_path, rel), Path(rel)).meta.get("status"))


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
    doc = frontmatter.parse(_read(draft_path, rel), Path(rel))
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


def _read(path: Path, rel: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise RepoError(f"cannot read file: {exc.strerror}", rel) from None


def check_status(seed: seeds.Seed) -> None:
    """A seed that has been developed (or published: another of its drafts may go live) can be published."""
    if seed.status in ("developed", "published"):
        return
    raise RefusedError(
        f"status is '{seed.status or '(none)'}': only a developed seed can be published "
        f"(run 'contentkit develop {seed.stem}' first)",
        seed.rel,
    )


def check_draft(rel: str, meta: dict[str, object]) -> None:
    """A published draft is history: it is not published again."""
    if is_published(seeds.text_of(meta.get("status"))):
        where = seeds.text_of(meta.get("published_url")) or "no URL recorded"
        raise RefusedError(f"already published ({where}); nothing changed", rel)


def check_date(date: str | None) -> str:
    """--date in UTC (default: now); a time still to come is refused: publish records a live post."""
    now = dates.now_utc()
    if date is None:
        return now
    when = dates.parse_date(date)
    if when > now:  # both YYYY-MM-DDTHH:MM:SSZ: text order is time order
        raise UsageError(
            f"--date '{date}' is in the future ({when}; now is {now}): publish records a post that is "
            "live; to plan one, use 'contentkit schedule DRAFT --at WHEN'"
        )
    return when


def published_seed(
    seed: seeds.Seed, url: str, published_at: str, statuses: tuple[str, ...] = DEFAULT_STATUSES
) -> bytes | None:
    """The seed once one of its drafts is published: status published (never backwards), and the
    first post's published_url and published_at; None when it already says all that."""
    changes = {}
    status = advance(seed.status, "published", statuses)
    if status != seed.status:
        changes["status"] = status
    if not seed.get("published_url"):
        changes["published_url"] = url
    if not changes:
        return None
    anchor = "developed_to" if "developed_to" in seed.doc.spans else "status"
    text = frontmatter.set_keys(seed.doc, changes, after={"published_url": anchor})
    if "published_url" in changes:
        text = _published_at(text, seed.rel, published_at)
    return ((frontmatter.BOM if seed.doc.bom else "") + text).encode("utf-8")


def _published_at(text: str, rel: str, published_at: str) -> str:
    """`published_at` set, on the line after `published_url`."""
    doc = frontmatter.parse(text, Path(rel))
    return frontmatter.set_keys(doc, {"published_at": published_at}, after={"published_at": "published_url"})


def published_draft(data: bytes, rel: str, url: str = "", published_at: str = "") -> bytes:
    """The draft with status published, and its post's published_url and published_at."""
    doc = frontmatter.parse(data, Path(rel))
    bom = doc.bom
    check_draft(rel, doc.meta)
    text = frontmatter.set_keys(doc, {"status": "published"}, after={"status": "type"})
    if url:
        doc = frontmatter.parse(text, Path(rel))
        anchor = "scheduled_at" if "scheduled_at" in doc.spans else "status"
        text = frontmatter.set_keys(doc, {"published_url": url}, after={"published_url": anchor})
        text = _published_at(text, rel, published_at)
    return ((frontmatter.BOM if bom else "") + text).encode("utf-8")


def plan(repo: Repo, ref: str, url: str, date: str | None = None, cwd: Path | None = None) -> Plan:
    """Render the published draft, its seed and INDEX.md. Reads files; writes nothing."""
    url = check_url(url)
    published_at = check_date(date)
    seed_path, draft_path = locate(repo, ref, cwd, unpublished=True)
    seed_path = repo.writable(seed_path)
    seed = seeds.load(seed_path, repo.root)
    statuses = repo.config.statuses
    check_status(seed)
    writes: dict[Path, bytes] = {}
    changes: list[str] = []
    notes: list[str] = []
    draft_rel = ""
    if draft_path is None:
        if is_published(seed.status):
            where = seed.get("published_url") or "no URL recorded"
            raise RefusedError(f"already published ({where}); nothing changed", seed.rel)
        named = ", ".join(drafts_of(seed.meta.get("developed_to")))
        missing = f"no draft at {named}" if named else "the seed names no draft (developed_to)"
        notes.append(f"{seed.rel}: {missing}; only the seed is marked published")
    else:
        draft_rel = repo.rel(draft_path)
        writes[draft_path] = published_draft(_read(draft_path, draft_rel), draft_rel, url, published_at)
        what = f"status published, published_url {url}, published_at {published_at}"
        changes.append(f"update {draft_rel}: {what}")
    seed_bytes = published_seed(seed, url, published_at, statuses)
    if seed_bytes is not None:
        writes[seed_path] = seed_bytes
        changes.append(f"update {seed.rel}: {_seed_change(seed, seed_bytes)}")
    overrides = {seed_path: seed_bytes} if seed_bytes is not None else {}
    index_bytes, index_old = index.plan(repo, catalog.collect(repo, overrides))
    if index_bytes != index_old:
        writes[repo.index_path] = index_bytes
        changes.append(f"refresh {repo.config.index_file}")
    return Plan(seed, draft_rel, url, published_at, writes, changes, notes)


def _seed_change(seed: seeds.Seed, data: bytes) -> str:
    meta = frontmatter.parse(data, Path(seed.rel)).meta
    keys = ("status", "published_url", "published_at")
    return ", ".join(f"{k} {seeds.text_of(meta.get(k))}" for k in keys if meta.get(k) != seed.meta.get(k))


def publish(repo: Repo, ref: str, url: str, date: str | None = None) -> Plan:
    """Plan and write under the repo lock: the seed, the draft and INDEX.md change together or not at all."""
    with repo.lock():
        result = plan(repo, ref, url, date)
        repo.write_all(result.writes)
    return result
