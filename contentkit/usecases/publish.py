"""A draft goes live. `plan` reads and renders everything and writes nothing; `publish` writes the
draft, its seed and INDEX.md all or none, under the repo lock.

Each draft has its own lifecycle (`draft -> scheduled -> published`, contentkit/model/lifecycle.py): the
draft gets `status: published`, `published_url` and `published_at` (UTC ISO 8601). The seed follows
its drafts and never goes backwards: `status: published` once any draft is, and the first post's
`published_url` and `published_at` (INDEX.md's Published table and metrics read them there). Every
other byte of both files stays as it was (the same key splicing as develop).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from contentkit.base import dates
from contentkit.base.errors import ContentkitError, Hint, RefusedError, RepoError, UsageError
from contentkit.markdown import frontmatter
from contentkit.model import seed as seeds
from contentkit.model import seed_edits
from contentkit.model.lifecycle import State, advance, drafts_of
from contentkit.store import drafts, schema
from contentkit.store.config import DEFAULT_STATUSES
from contentkit.store.links import locate, read_file
from contentkit.store.repo import Repo
from contentkit.usecases import indexrows

URL = Hint("url")


@dataclass(frozen=True)
class Plan:
    seed: seeds.Seed
    draft_rel: str  # '' when there is no draft file to mark
    url: str
    published_at: str
    writes: dict[Path, bytes] = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def check_url(url: str, option: str | Hint = URL) -> str:
    return schema.check_url(url, option)


def check_status(seed: seeds.Seed) -> None:
    """A seed that has been developed (or published: another of its drafts may go live) can be published."""
    if seed.status in (State.DEVELOPED, State.PUBLISHED):
        return
    raise RefusedError(
        f"status is '{seed.status or '(none)'}': only a developed seed can be published "
        f"(run 'contentkit develop {seed.stem}' first)",
        seed.rel,
    )


def check_draft(rel: str, meta: dict[str, object]) -> None:
    """A published draft is history: it is not published again."""
    if seeds.text_of(meta.get("status")) == State.PUBLISHED:
        where = seeds.text_of(meta.get("published_url")) or "no URL recorded"
        raise RefusedError(f"already published ({where}); nothing changed", rel)


def check_date(date: str | None, timezone: str = "") -> str:
    """--date (default: now) with its offset, a time without one in `timezone` (the config's, else the
    system's); a time still to come is refused: publish records a live post."""
    now = dates.now_utc()
    if date is None:
        return now
    when = dates.parse_local(date, Hint("date"), timezone)
    if not dates.before_or_at(when, now):
        raise UsageError(
            [Hint("date"), f" '{date}' is in the future ({when}; now is {now}): publish records a post "
             "that is live; to plan one, use 'contentkit schedule DRAFT --at WHEN'"]
        )
    return when


def published_seed(
    seed: seeds.Seed, url: str, published_at: str, statuses: tuple[str, ...] = DEFAULT_STATUSES
) -> bytes | None:
    """The seed once one of its drafts is published: status published (never backwards), and the
    first post's published_url and published_at; None when it already says all that."""
    changes = {}
    status = advance(seed.status, State.PUBLISHED, statuses)
    if status != seed.status:
        changes["status"] = status
    if not seed.get("published_url"):
        changes["published_url"] = url
    if not changes:
        return None
    anchor = "developed_to" if "developed_to" in seed.meta else "status"
    # in the repo's own words
    text = seed_edits.set_keys(seed, seed.doc, changes, after={"published_url": anchor})
    if "published_url" in changes:
        doc = frontmatter.parse(text, Path(seed.rel))
        when = {"published_at": published_at}
        text = seed_edits.set_keys(seed, doc, when, after={"published_at": "published_url"})
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
    text = frontmatter.set_keys(doc, {"status": State.PUBLISHED}, after={"status": "type"})
    if url:
        doc = frontmatter.parse(text, Path(rel))
        anchor = "scheduled_at" if "scheduled_at" in doc.spans else "status"
        text = frontmatter.set_keys(doc, {"published_url": url}, after={"published_url": anchor})
        text = _published_at(text, rel, published_at)
    return ((frontmatter.BOM if bom else "") + text).encode("utf-8")


def plan(
    repo: Repo, ref: str, url: str, date: str | None = None, cwd: Path | None = None,
    platform: str | None = None,
) -> Plan:
    """Render the published draft, its seed and INDEX.md. Reads files; writes nothing. `platform`
    picks the seed's draft for that platform."""
    url = schema.without_tracking(check_url(url))
    published_at = check_date(date, repo.config.timezone)
    if platform is not None:
        ref = str(_for_platform(repo, ref, platform, cwd))
    seed_path, draft_path = locate(repo, ref, cwd, unpublished=True)
    seed_path = repo.writable(seed_path)
    seed = seeds.load_in(repo, seed_path)
    statuses = repo.config.statuses
    check_status(seed)
    writes: dict[Path, bytes] = {}
    changes: list[str] = []
    notes: list[str] = []
    draft_rel = ""
    if draft_path is None:
        if seed.status == State.PUBLISHED:
            where = seed.get("published_url") or "no URL recorded"
            raise RefusedError(f"already published ({where}); nothing changed", seed.rel)
        named = ", ".join(drafts_of(seed.meta.get("developed_to")))
        missing = f"no draft at {named}" if named else "the seed names no draft (developed_to)"
        notes.append(f"{seed.rel}: {missing}; only the seed is marked published")
    else:
        draft_rel = repo.rel(draft_path)
        writes[draft_path] = published_draft(read_file(draft_path, draft_rel), draft_rel, url, published_at)
        what = f"status published, published_url {url}, published_at {published_at}"
        changes.append(f"update {draft_rel}: {what}")
    seed_bytes = published_seed(seed, url, published_at, statuses)
    if seed_bytes is not None:
        writes[seed_path] = seed_bytes
        changes.append(f"update {seed.rel}: {_seed_change(seed, seed_bytes)}")
        if seed.doc.bare:
            notes.append(f"{seed.rel} had no front matter: added a block with these keys, the rest of the "
                         "file byte for byte")
    overrides = dict(writes)  # the seed and the draft as they will be (a scheduled draft leaves Upcoming)
    index_bytes, index_old = indexrows.plan_with(repo, overrides)
    if index_bytes != index_old:
        writes[repo.index_path] = index_bytes
        changes.append(f"refresh {repo.config.index_file}")
    return Plan(seed, draft_rel, url, published_at, writes, changes, notes)


def _seed_change(seed: seeds.Seed, data: bytes) -> str:
    """What changed in the seed, in the repo's own words (`status posted, post_url ...`)."""
    meta = seed.aliases.read(frontmatter.parse(data, Path(seed.rel)).meta)
    keys = ("status", "published_url", "published_at")
    changed = (k for k in keys if meta.get(k) != seed.meta.get(k))
    return ", ".join(seed_edits.said(seed, k, seeds.text_of(meta.get(k))) for k in changed)


def _for_platform(repo: Repo, ref: str, platform: str, cwd: Path | None) -> Path:
    """SEED|DRAFT -> the draft for `platform`: among the seed's drafts (developed_to), else among the
    drafts the name matches; one for another platform is refused."""
    links: tuple[str, ...] = ()
    with contextlib.suppress(ContentkitError):  # not a seed: a draft's name or path
        links = tuple(drafts_of(seeds.load_in(repo, repo.resolve_seed(ref, cwd)).meta.get("developed_to")))
    found = [p for p in (repo.root / link for link in links) if p.is_file()]
    found = [p for p in found if drafts.platform_of(repo, p) == platform]
    path = found[0] if len(found) == 1 else drafts.resolve(repo, ref, platform)
    if drafts.platform_of(repo, path) != platform:
        raise RepoError(f"'{ref}' has no draft for {platform}", repo.rel(path))
    return path


def publish(repo: Repo, ref: str, url: str, date: str | None = None, platform: str | None = None) -> Plan:
    """Plan and write under the repo lock: the seed, the draft and INDEX.md change together or not at all."""
    with repo.lock():
        result = plan(repo, ref, url, date, platform=platform)
        repo.write_all(result.writes)
    return result
