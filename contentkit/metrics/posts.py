"""The published posts metrics belong to: what their seed and draft say about the choices behind them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from contentkit import seed as seeds
from contentkit.catalog import Catalog
from contentkit.drafts import read_draft
from contentkit.errors import ContentkitError, RefusedError
from contentkit.files import real
from contentkit.repo import Repo


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


def published(repo: Repo, catalog: Catalog) -> list[Post]:
    """Every published seed of the catalog as a Post, by key. Files that cannot be read are skipped
    (`validate` and INDEX.md report them)."""
    posts = []
    for entry in catalog.readable:
        if entry.status != "published":
            continue
        try:
            posts.append(post_of(repo, seeds.load_in(repo, repo.root / entry.path)))
        except ContentkitError:
            continue
    return sorted(posts, key=lambda p: p.key)


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
    from contentkit.post import post_text

    body = post_text(text) if text else ""
    hook = seeds.text_of(meta.get("hook")) or body.split("\n", 1)[0] or (seed.hooks[:1] or [""])[0]
    return Post(
        key=key,
        seed=seed.rel,
        title=seed.title,
        url=seed.get("published_url"),
        published_at=seed.get("published_at"),
        platform=seeds.text_of(meta.get("platform")) or seed.get("platform"),
        source=seed.get("source"),
        angle=seeds.text_of(meta.get("angle")),
        hook=" ".join(hook.split()),
        themes=tuple(seed.themes),
        characters=len(body),
    )


def _draft_path(repo: Repo, seed: seeds.Seed) -> Path | None:
    """The first of the seed's drafts (`developed_to`: one path or a list) that is a file in the repo."""
    from contentkit.lifecycle import drafts_of

    for link in drafts_of(seed.meta.get("developed_to")):
        path = repo.root / link
        if path.is_file() and repo.inside(path) and real(path) != real(seed.path):
            return real(path)
    return None


def find(repo: Repo, ref: str) -> Post:
    """SEED|DRAFT -> its Post; refused unless the seed or the draft is published."""
    from contentkit.links import locate

    seed_path, draft_path = locate(repo, ref)
    seed = seeds.load_in(repo, seed_path)
    draft_status = ""
    if draft_path is not None:
        rel = repo.rel(draft_path)
        draft_status = seeds.text_of(read_draft(draft_path, rel)[1].get("status"))
    if "published" not in (seed.status, draft_status):
        raise RefusedError(
            f"status is '{seed.status or '(none)'}': metrics are recorded for published posts only",
            seed.rel,
        )
    return post_of(repo, seed)
