"""Where a seed and each of its drafts stand.

A seed names its drafts in `developed_to`: one path as a plain string, two or more as a YAML list.
Each draft goes `draft -> scheduled -> published` on its own; the seed's `status` follows its drafts
(`developed` once it has one, `published` once any is published) and never goes backwards.
"""

from __future__ import annotations

import enum
import posixpath
from collections.abc import Iterable
from typing import Any

from contentkit.base.dates import text_of


class State(str, enum.Enum):
    """A lifecycle state as contentkit names it: the one home of these words. A `str`, so a state is
    equal to the text a file holds (`status == State.PUBLISHED`), hashes as it and is written as it:
    front matter keeps exactly the bytes it had. A repo's own words for a state (`[aliases.status]`)
    are turned into these where a file is read (aliases.py) and back where one is written; a repo's
    own states besides these (`statuses` in its config) stay plain text."""

    SEED = "seed"
    DEVELOPED = "developed"
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    ARCHIVED = "archived"

    def __str__(self) -> str:
        return self.value

    def __hash__(self) -> int:
        return hash(self.value)


SEED_STATES = (State.SEED, State.DEVELOPED, State.PUBLISHED, State.ARCHIVED)  # a seed's, by default
DRAFT_STATUSES = (State.DRAFT, State.SCHEDULED, State.PUBLISHED)  # a draft's, in order


def drafts_of(value: Any) -> tuple[str, ...]:
    """`developed_to` as draft paths: () when absent, one path for a string, each item of a list."""
    if value is None or value == "":
        return ()
    items = value if isinstance(value, list) else [value]
    return tuple(text for text in (_text(item) for item in items) if text)


def _text(value: Any) -> str:
    if type(value) is str:
        return value

    return "" if isinstance(value, (list, dict)) else text_of(value)


def advance(current: str, wanted: str, statuses: tuple[str, ...]) -> str:
    """`wanted`, unless `current` already stands at or after it in the lifecycle (never backwards)."""
    if current in statuses and wanted in statuses and statuses.index(current) >= statuses.index(wanted):
        return current
    return wanted


def folder_platform(draft: str) -> str:
    """The platform a draft path is for, by its folder: develop writes drafts/<platform>/<seed>.md."""
    return posixpath.basename(posixpath.dirname(draft))


def for_platform(current: tuple[str, ...], platform: str, known: Iterable[str] = ()) -> tuple[str, ...]:
    """The drafts among `current` that stand for `platform`: in its folder, or in a folder that names
    no other configured platform (`known`), so a stale or hand-written link is replaced, not kept."""
    others = set(known) - {platform}
    return tuple(d for d in current if folder_platform(d) == platform or folder_platform(d) not in others)


def with_draft(current: tuple[str, ...], draft: str, known: Iterable[str] = ()) -> tuple[str, ...]:
    """The drafts once `draft` is added: it takes the place of the seed's draft for the same platform
    (one draft per platform), else it is added last, in the order they were developed."""
    same = for_platform(current, folder_platform(draft), known)
    if not same:
        return (*current, draft)
    at = current.index(same[0])
    rest = tuple(d for d in current if d not in same)
    return (*rest[:at], draft, *rest[at:])
