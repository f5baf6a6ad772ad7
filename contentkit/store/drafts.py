"""A draft as export, preview and publish read it: its text and the platform profile it is measured by."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contentkit.base.errors import ContentkitError, Hint, RefusedError, RepoError
from contentkit.base.files import read_regular
from contentkit.markdown import frontmatter
from contentkit.model import seed as seeds
from contentkit.model.seed import text_of
from contentkit.store.config import Platform
from contentkit.store.repo import Repo, is_variants, name_matches


@dataclass(frozen=True)
class Draft:
    rel: str
    text: str  # decoded file text, front matter and all
    profile: Platform


def load_draft(target: Repo, ref: str, platform: str | None) -> Draft:
    """DRAFT (path, file name or unique prefix) -> its text and platform profile.

    The platform is --platform, else the draft's `platform:` key, else its folder under drafts/ when
    that names a profile, else the config's default.
    """
    path = resolve(target, ref, platform)
    rel = target.rel(path)
    if is_variants(path):
        raise RefusedError(
            ("this file holds variants: develop one with ", Hint("hook"), " N ", Hint("angle"), " M first"),
            rel,
        )
    text, meta = read_draft(path, rel)
    folder = path.parent.name if path.parent.name in target.config.platforms else ""
    name = platform or text_of(meta.get("platform")) or folder or target.config.default_platform
    return Draft(rel, text, target.config.platform(name))


def resolve(target: Repo, ref: str, platform: str | None) -> Path:
    """DRAFT -> its path; a name that matches several drafts (a seed's LinkedIn and X drafts share its
    name) is narrowed to the one for `platform` (its `platform:` key, else its folder)."""
    try:
        return target.resolve_draft(ref)
    except RepoError:
        if platform is None:
            raise
        found = [p for p in name_matches(ref, target.draft_files()) if platform_of(target, p) == platform]
        if len(found) != 1:
            raise
        return found[0]


def platform_of(target: Repo, path: Path) -> str:
    """The platform a draft is for: its `platform:` key, else its folder when that names a profile."""
    folder = path.parent.name if path.parent.name in target.config.platforms else ""
    try:
        meta = read_draft(path, target.rel(path))[1]
    except ContentkitError:
        return folder
    return text_of(meta.get("platform")) or folder


def read_draft(path: Path, rel: str) -> tuple[str, dict[str, Any]]:
    """A draft's text and its front matter ({} when it has none); a file that cannot be read, or is
    not a regular file, is one refusal naming it."""
    try:
        data = read_regular(path)
    except OSError as exc:
        raise RefusedError(f"cannot read file: {exc.strerror}", rel) from None
    text, _ = frontmatter.decode(data, Path(rel))
    meta = frontmatter.parse(text, Path(rel)).meta if frontmatter.has_front_matter(text) else {}
    return text, meta


def seed_title(target: Repo, draft: Draft) -> str:
    """The title of the seed a draft was developed from (its `seed:` key); '' when it cannot be read."""
    try:
        fenced = frontmatter.has_front_matter(draft.text)
        meta = frontmatter.parse(draft.text, Path(draft.rel)).meta if fenced else {}
        rel = text_of(meta.get("seed"))
        path = target.root / rel
        if not rel or not target.inside(path) or not path.is_file():
            return ""
        return seeds.load_in(target, path).title
    except ContentkitError:
        return ""
