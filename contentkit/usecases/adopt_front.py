"""`contentkit adopt --add-front-matter`: the smallest front matter block for each seed without any.

The block holds what contentkit reads such a file as (bare.py): its status (`seed`, or its folder's
under [aliases.folders]) and `created` when its file name has a date, in the repo's own key and status
names; the file's other bytes, its BOM and its line endings are kept. Plans only; the CLI writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from contentkit.markdown import frontmatter
from contentkit.model import bare
from contentkit.usecases.adopt_config import checked


def with_front_matter(root: Path, adoption: Any) -> dict[str, bytes]:
    """Each file without front matter that `adoption` (adopt_config.Adoption) found -> its new bytes,
    read through the config adopt would write (its aliases name the keys and statuses)."""
    aliases = checked(adoption.edit.text).aliases
    planned: dict[str, bytes] = {}
    for rel in adoption.found.bare:
        data = (root / rel).read_bytes()
        doc = frontmatter.parse(data, Path(rel))
        if not doc.bare:
            continue
        opened = bare.opened(doc)
        meta: dict[str, Any] = bare.meta(rel, aliases)
        changes = aliases.written({}, {key: str(value) for key, value in meta.items()})
        text = frontmatter.set_keys(opened, changes)
        planned[rel] = ((frontmatter.BOM if doc.bom else "") + text).encode("utf-8")
    return planned
