"""`contentkit list`'s queries: which seeds, in which order, how many. Pure: catalog entries in, entries out.

Every filter reads the catalog's entries (the cache's rows), never the files, so a query over 10,000
seeds costs what reading the cache costs. Values a filter cannot take (a status outside the lifecycle,
a platform no profile names, a date that is no date) are a UsageError with a did-you-mean.
How the rows are printed is views.py's business; this module only chooses and orders them.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from contentkit.base import dates
from contentkit.base.errors import Hint, UsageError
from contentkit.model.aliases import Aliases
from contentkit.model.lifecycle import DRAFT_STATUSES, State
from contentkit.store import where
from contentkit.store.catalog import Entry, newest_first

SORTS = ("created", "title", "status")


@dataclass(frozen=True)
class Query:
    status: str | None = None  # a seed status, or a draft status (a seed with such a draft)
    platform: str | None = None  # the seed's platform, or a platform it has a draft for
    theme: str | None = None
    source: str | None = None
    since: str | None = None  # UTC YYYY-MM-DDTHH:MM:SSZ, inclusive
    until: str | None = None  # UTC, exclusive (a bare date: the end of that day)
    match: str | None = None
    sort: str = "created"
    reverse: bool = False
    limit: int | None = None
    due: str | None = None  # now, for seeds with a scheduled draft whose time has come
    where: tuple[where.Where, ...] = ()  # --where, ANDed (where.py): front-matter tests


@dataclass(frozen=True)
class Due:
    """A scheduled draft whose time has come."""

    entry: Entry
    draft: str
    platform: str
    scheduled_at: str


def statuses(lifecycle: Sequence[str]) -> tuple[str, ...]:
    """What --status takes: the configured lifecycle, then the draft states it does not name."""
    return (*lifecycle, *(s for s in DRAFT_STATUSES if s not in lifecycle))


def choice(value: str, option: str | Hint, known: Iterable[str], what: str) -> str:
    """`value` when it is one of `known`, else a UsageError naming them, with a did-you-mean."""
    names = list(known)
    if value in names:
        return value
    folded = {name.casefold(): name for name in names}
    if value.casefold() in folded:
        return folded[value.casefold()]
    close = difflib.get_close_matches(value.casefold(), list(folded), n=1, cutoff=0.6)
    hint = f"; did you mean '{folded[close[0]]}'?" if close else ""
    raise UsageError([option, f" '{_shown(value)}' is not {what} (known: {', '.join(names)}){hint}"])


def wheres(
    texts: Sequence[str], entries: Sequence[Entry], aliases: Aliases, known: Iterable[str]
) -> tuple[where.Where, ...]:
    """--where's expressions, parsed and checked against the keys the repo knows (its config's, its
    aliases, and every key a seed has) and the types of the values it holds: a UsageError otherwise."""
    found = tuple(where.parse(text, aliases) for text in texts)
    if found:
        names = {*known, *(name for _, names in aliases.keys for name in (_, *names))}
        where.check(found, [where.decoded(e.front) for e in entries], names)
    return found


def since(value: str, timezone: str = "") -> str:
    return dates.parse_local(value, Hint("since"), timezone)


def until(value: str, timezone: str = "") -> str:
    """--until: a bare date takes in that whole (local) day."""
    moment = dates.parse_local(value, Hint("until"), timezone)
    if len(value.strip()) == 10:
        day = dt.date.fromisoformat(moment[:10])
        if day == dt.date.max:
            return "9999-12-31T23:59:59Z"
        moment = dates.parse_local(str(day + dt.timedelta(days=1)), Hint("until"), timezone)
    return moment


def _shown(value: str) -> str:
    return value if len(value) <= 80 and value.isprintable() else repr(value[:77])[1:-1] + "..."


def _folded(text: str) -> str:
    """Text as --theme compares it: case and everything but letters and digits aside
    ('Product discovery' is '#ProductDiscovery')."""
    return "".join(c for c in text.casefold() if c.isalnum())


def prefilter(query: Query, lifecycle: Sequence[str]) -> Callable[[Any], bool] | None:
    """The query's tests of an entry's own fields (--status --platform --theme --source --since
    --until) as one, for catalog.collect()'s `keep`: rows it refuses are never decoded. None when the
    query has none of them; select() applies them again, with the others."""
    tests = _field_tests(query, lifecycle)
    return (lambda e: all(test(e) for test in tests)) if tests else None


def _tests(
    query: Query, lifecycle: Sequence[str], matches: Callable[[Entry], bool] | None
) -> list[Callable[[Entry], bool]]:
    tests = _field_tests(query, lifecycle)
    if query.due is not None:
        now = query.due
        tests.append(lambda e: bool(due_drafts(e, now)))
    if query.where:
        test = where.matcher(query.where)
        tests.append(lambda e: test(where.decoded(e.front)))
    if query.match is not None:  # last: it reads the file, so only for the rows every other test kept
        if matches is None:
            raise ValueError("a --match query needs the seeds' text (catalog.matcher)")
        tests.append(matches)
    return tests


def _field_tests(query: Query, lifecycle: Sequence[str]) -> list[Callable[[Any], bool]]:
    """The tests that read only an entry's fields by name (a cache row's too: lists for tuples)."""
    tests: list[Callable[[Any], bool]] = []
    if query.status is not None:
        wanted = query.status
        seed_state = wanted in lifecycle
        tests.append(lambda e: (seed_state and e.status == wanted) or wanted in e.draft_statuses)
    if query.platform is not None:
        name = query.platform
        tests.append(lambda e: e.platform == name or name in e.draft_platforms)
    if query.theme is not None:
        theme = _folded(query.theme)
        tests.append(lambda e: any(_folded(t) == theme for t in e.themes))
    if query.source is not None:
        source = query.source.casefold()
        tests.append(lambda e: e.source.casefold() == source)
    if query.since is not None:
        start = dates.instant(query.since)
        tests.append(lambda e: dates.instant(e.created)[0] == 1 and dates.instant(e.created) >= start)
    if query.until is not None:
        end = dates.instant(query.until)
        tests.append(lambda e: dates.instant(e.created)[0] == 1 and dates.instant(e.created) < end)
    return tests


def select(
    entries: Iterable[Entry],
    query: Query,
    lifecycle: Sequence[str],
    matches: Callable[[Entry], bool] | None = None,
) -> list[Entry]:
    """The entries the query's filters all keep, in its order, at most `limit` of them. `matches`
    answers --match (it reads the seed's text, which the entries do not carry)."""
    tests = _tests(query, lifecycle, matches)
    kept = [e for e in entries if all(test(e) for test in tests)]
    ordered = order(kept, query.sort, lifecycle)
    if query.reverse:
        ordered.reverse()
    return ordered if query.limit is None else ordered[: query.limit]


def order(entries: list[Entry], sort: str, lifecycle: Sequence[str]) -> list[Entry]:
    """created: newest first; title: A to Z (case aside); status: in lifecycle order, newest first
    within one. Ties fall back to the path, so the order is the same on every run."""
    newest = newest_first(entries)
    if sort == "title":
        return sorted(newest, key=lambda e: (e.title.casefold(), e.path))
    if sort == "status":
        rank = {status: n for n, status in enumerate(lifecycle)}
        return sorted(newest, key=lambda e: rank.get(e.status, len(rank)))  # stable: newest first within
    return newest


def due_drafts(entry: Entry, now: str) -> list[Due]:
    """The entry's scheduled drafts whose time (scheduled_at, UTC) is not after `now`."""
    found = []
    for draft, status, platform, at in entry.drafts():
        if status == State.SCHEDULED and at and at <= now:
            found.append(Due(entry, draft, platform, at))
    return found


def due(entries: Iterable[Entry], now: str) -> list[Due]:
    """Every scheduled draft whose time has come, oldest plan first."""
    return sorted((d for e in entries for d in due_drafts(e, now)), key=lambda d: (d.scheduled_at, d.draft))
