"""What a seed without front matter says of itself (a "bare" file: `# Title` or text from line 1).

Its title is read as any seed's (the first `#` heading, else the first line); its status is `seed`,
or the state [aliases.folders] gives its folder; its `created` is a date in its file name
(`2025-12-19-my-idea.md`, `idea_2025-12-19.md`), else none. Pure: no file access.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from contentkit.base import codes
from contentkit.base.errors import SeedError
from contentkit.markdown import frontmatter
from contentkit.model.aliases import Aliases
from contentkit.model.lifecycle import State

_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def meta_of(doc: frontmatter.Document, rel: str, aliases: Aliases) -> dict[str, Any]:
    """A file's front matter in contentkit's names: a bare file's as meta() says, any other's read
    through the repo's aliases."""
    return meta(rel, aliases) if doc.bare else aliases.read(doc.meta)


def meta(rel: str, aliases: Aliases) -> dict[str, Any]:
    """The front matter a bare file at repo path `rel` stands for, in contentkit's names."""
    found: dict[str, Any] = {"status": aliases.folder_state(rel) or State.SEED}
    created = created_of(rel.rsplit("/", 1)[-1])
    if created:
        found["created"] = created
    return found


def created_of(name: str) -> str:
    """The first real date (YYYY-MM-DD) in a file name, else ''."""
    for match in _DATE.finditer(name):
        try:
            return dt.date(*map(int, match.groups())).isoformat()
        except ValueError:
            continue
    return ""


def missing(doc: frontmatter.Document) -> SeedError:
    """CK103 for a bare file, where the repo's config requires front matter (`front_matter`)."""
    message = "no front matter: the file must start with a '---' line (or set front_matter = \"optional\")"
    return SeedError(message, doc.path, 1, 1, code=codes.NO_FRONT_MATTER)


def opened(doc: frontmatter.Document) -> frontmatter.Document:
    """A bare file as one with an empty front matter block at its top (`---` and `---` in its own
    line endings), so that frontmatter.set_keys() writes the smallest block there; any other file as
    it is."""
    if not doc.bare:
        return doc
    fence = f"---{doc.newline}"
    text = fence + fence + doc.text
    meta, node = frontmatter.compose("", doc.path, 2)
    start = len(fence)
    return frontmatter.Document(doc.path, text, doc.bom, start, start, 2 * start, meta, node)
