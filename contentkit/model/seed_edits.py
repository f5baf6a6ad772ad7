"""Edits of a seed in the writer's own words: contentkit plans `status: developed` and `developed_to`,
the file gets `status: drafted` and `draft_file` when its repo says so ([aliases]); never a second key."""

from __future__ import annotations

from contentkit.markdown import frontmatter
from contentkit.model import bare
from contentkit.model.seed import Seed


def set_keys(seed: Seed, doc: frontmatter.Document, changes: dict[str, str], after: dict[str, str]) -> str:
    """frontmatter.set_keys() of a seed, planned in contentkit's names (`status: developed`,
    `developed_to`) and written in the file's own (`status: drafted`, `draft_file`): the key the file
    already has, else the first alias; a lifecycle state as its first alias. Never a second key."""
    doc = bare.opened(doc)  # a file without front matter gets the smallest block, at its top
    aliases, meta = seed.aliases, doc.meta
    placed = {aliases.source(meta, key): aliases.source(meta, sibling) for key, sibling in after.items()}
    return frontmatter.set_keys(doc, aliases.written(meta, changes), after=placed)


def set_list(seed: Seed, doc: frontmatter.Document, key: str, items: list[str], after: str) -> str:
    """frontmatter.set_list() of a seed, under the file's own name for `key` (see set_keys)."""
    doc = bare.opened(doc)
    aliases, meta = seed.aliases, doc.meta
    return frontmatter.set_list(doc, aliases.source(meta, key), items, aliases.source(meta, after))


def said(seed: Seed, key: str, value: str = "") -> str:
    """`key value` as the seed's repo writes it (`status drafted`, `draft_file drafts/...`)."""
    aliases = seed.aliases
    shown = aliases.status_value(value) if key == "status" else value
    return f"{aliases.source(seed.doc.meta, key)} {shown}".rstrip()
