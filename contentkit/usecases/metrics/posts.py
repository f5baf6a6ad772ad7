"""The published posts metrics belong to: what their seed and draft say about the choices behind them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from contentkit.base.errors import ContentkitError, RefusedError
from contentkit.base.files import real
from contentkit.model import seed as seeds
from contentkit.model.lifecycle import State, drafts_of
from contentkit.platforms.posttext import post_text
from contentkit.store.catalog import Catalog
from contentkit.store.drafts import read_draft
from contentkit.store.links import locate
from contentkit.store.repo import Repo


@dataclass(frozen=True)
class Post:
    """A published post. `key` names it in the metrics file: its draft, or its seed if it has none."""

    key: str
    seed: str
    title: str
    url: str
    published_at: str  # as the seed has it ('' when not recorded)
    platform: str
    source: str
    angle: str
    hook: str
    themes: tuple[str, ...]
    characters: int  # of the post text, as `export` gives it
    origin: str = "hand-written"  # of the hook: `suggested` when the draft says `hook_origin: suggested`


def published(repo: Repo, catalog: Catalog) -> list[Post]:
    """Every published post of the catalog's published seeds, by key: one per published draft (a seed
    cross-posted to LinkedIn and X has two). Files that cannot be read are skipped (`validate` and
    INDEX.md report them)."""
    posts = []
    for entry in catalog.readable:
        if entry.status != State.PUBLISHED:
            continue
        try:
            posts.extend(posts_of(repo, seeds.load_in(repo, repo.root / entry.path)))
        except ContentkitError:
            continue
    return sorted(posts, key=lambda p: p.key)


def posts_of(repo: Repo, seed: seeds.Seed) -> list[Post]:
    """The seed's published drafts as Posts, each with its own URL and date (else the seed's); a seed
    published before its drafts recorded their posts is one Post, through its first draft."""
    found = []
    for draft in _draft_paths(repo, seed):
        key = repo.rel(draft)
        text, meta = read_draft(draft, key)
        if seeds.text_of(meta.get("status")) == State.PUBLISHED:
            found.append(_post(seed, key, text, meta))
    return found or [post_of(repo, seed)]


def post_of(repo: Repo, seed: seeds.Seed) -> Post:
    """A seed and the draft its `developed_to` names (when that file is in the repo)."""
    draft_meta: dict[str, object] = {}
    text = ""
    key = seed.rel
    draft = _draft_path(repo, seed)
    if draft is not None:
        key = repo.rel(draft)
        text, meta = read_draft(draft, key)
        draft_meta = meta
    return _post(seed, key, text, draft_meta)


def _post(seed: seeds.Seed, key: str, text: str, meta: dict[str, object]) -> Post:
    body = post_text(text) if text else ""
    hook = seeds.text_of(meta.get("hook")) or body.split("\n", 1)[0] or (seed.hooks[:1] or [""])[0]
    return Post(
        key=key,
        seed=seed.rel,
        title=seed.title,
        url=seeds.text_of(meta.get("published_url")) or seed.get("published_url"),
        published_at=seeds.text_of(meta.get("published_at")) or seed.get("published_at"),
        platform=seeds.text_of(meta.get("platform")) or seed.get("platform"),
        source=seed.get("source"),
        angle=seeds.text_of(meta.get("angle")),
        hook=" ".join(hook.split()),
        themes=tuple(seed.themes),
        characters=len(body),
        origin=seeds.text_of(meta.get("hook_origin")) or "hand-written",
    )


def _draft_path(repo: Repo, seed: seeds.Seed) -> Path | None:
    """The first of the seed's drafts (`developed_to`: one path or a list) that is a file in the repo."""
    return next(iter(_draft_paths(repo, seed)), None)


def _draft_paths(repo: Repo, seed: seeds.Seed) -> list[Path]:
    """The seed's drafts (`developed_to`: one path or a list) that are files in the repo, in order."""
    found = []
    for link in drafts_of(seed.meta.get("developed_to")):
        path = repo.root / link
        if path.is_file() and repo.inside(path) and real(path) != real(seed.path) and real(path) not in found:
            found.append(real(path))
    return found


def find(repo: Repo, ref: str) -> Post:
    """SEED|DRAFT -> its Post; refused unless the seed or the draft is published. A draft that is not
    published is refused when another draft of its seed is (that one has the post)."""
    seed_path, draft_path = locate(repo, ref)
    seed = seeds.load_in(repo, seed_path)
    draft_status = ""
    if draft_path is not None:
        rel = repo.rel(draft_path)
        text, meta = read_draft(draft_path, rel)
        draft_status = seeds.text_of(meta.get("status"))
        if draft_status == State.PUBLISHED:  # that draft's own post, whichever of the seed's drafts it is
            return _post(seed, rel, text, meta)
        if any(_status(repo, other) == State.PUBLISHED for other in _draft_paths(repo, seed)):
            raise RefusedError(
                f"status is '{draft_status or '(none)'}': metrics are recorded for published posts only", rel
            )
    if State.PUBLISHED not in (seed.status, draft_status):
        raise RefusedError(
            f"status is '{seed.status or '(none)'}': metrics are recorded for published posts only",
            seed.rel,
        )
    return post_of(repo, seed)


def _status(repo: Repo, draft: Path) -> str:
    rel = repo.rel(draft)
    return seeds.text_of(read_draft(draft, rel)[1].get("status"))
