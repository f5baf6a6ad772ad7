"""contentkit as a library: open a content repo by its path and do what the commands do, from Python.

    import contentkit

    repo = contentkit.open("my-content")
    for row in repo.list(status="seed"):
        print(row.path, row.title)
    plan = repo.develop(row.path)     # rendered, nothing written
    plan.files                        # {"drafts/linkedin/...md": b"...", "seeds/...": b"...", ...}
    plan.apply()                      # written, all or nothing, under the repo's lock

Every command of the CLI is a few lines over this module: it parses the options, calls a method here
and prints what comes back. Nothing here prints, exits or reads the process's working directory:
paths are parameters, relative ones are read from the folder the repo was opened at. A problem is a
ContentkitError (errors.py); a refusal names the parameters that lead past it as Hints (`force`),
which the CLI words as flags (`--force`).

The use cases are imported when they are called, at this one seam: `contentkit validate` (each
commit, through pre-commit) runs through here too, and must not load jinja2 or markdown-it.
"""

from __future__ import annotations

import builtins
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from contentkit.base import dates
from contentkit.base.errors import Hint
from contentkit.model import seed as seeds
from contentkit.store import catalog, query
from contentkit.store import catalog as catalogs
from contentkit.store.drafts import load_draft
from contentkit.store.repo import Repo, Store
from contentkit.usecases import develop, index, publish, schedule, slot_plan
from contentkit.usecases.metrics import posts, record, report, stats
from contentkit.usecases.validate import run as validation

if TYPE_CHECKING:
    from contentkit.model.seed import Seed
    from contentkit.store.catalog import Catalog, Entry, Keep
    from contentkit.store.config import Config
    from contentkit.store.drafts import Draft
    from contentkit.store.query import Due, Query
    from contentkit.usecases.index import Refreshed
    from contentkit.usecases.metrics.record import Snapshot
    from contentkit.usecases.metrics.report import Report as Stats
    from contentkit.usecases.validate.diagnostics import Report

__all__ = ["Plan", "Repository", "open"]

T = TypeVar("T")


@dataclass(frozen=True)
class Plan(Generic[T]):
    """What a develop, publish or schedule would write, before anything is written.

    `files` maps each file it writes (repo-relative) to its new bytes, `changes` says each change in
    words, `detail` is the use case's own plan (the draft's path and text, the post's URL, the
    scheduled time). `apply()` writes it: the plan is made again under the repo's write lock (the same
    inputs, the same moment: the same bytes, unless another command changed the repo meanwhile) and
    written all or nothing. `written` says whether this plan is on disk.
    """

    detail: T
    writes: Mapping[Path, bytes]
    changes: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    written: bool = False
    root: Path = field(default=Path(), repr=False)
    again: Callable[[], Plan[T]] | None = field(default=None, repr=False, compare=False)

    @property
    def files(self) -> dict[str, bytes]:
        """The files it writes, repo-relative POSIX paths -> their new bytes."""
        return {_relative(path, self.root): data for path, data in self.writes.items()}

    def apply(self) -> Plan[T]:
        """Write the plan (made again under the lock); the plan written. Applying twice writes once."""
        if self.written or self.again is None:
            return self
        return self.again()


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def open(path: str | Path, *, store: Store | None = None) -> Repository:  # noqa: A001 - contentkit.open
    """The content repo at `path` (or the nearest folder above it with a contentkit config).

    Relative paths handed to the methods are read from `path`. Every file is read as it is on disk;
    `store` hands in another reader (the CLI's: the cache in .contentkit/, contentkit.store.cache.layer).
    """
    folder = Path(path).absolute()
    return Repository(Repo.discover(folder, cwd=folder).with_store(store))


class Repository:
    """A content repo: its seeds and drafts, the `list` query, and the use cases as Plans."""

    def __init__(self, repo: Repo) -> None:
        self.repo = repo

    def __repr__(self) -> str:
        return f"contentkit.Repository({str(self.repo.root)!r})"

    @property
    def root(self) -> Path:
        return self.repo.root

    @property
    def config(self) -> Config:
        return self.repo.config

    # --- seeds and drafts -------------------------------------------------------------------

    def seed(self, ref: str | Path) -> Seed:
        """One seed, parsed: a path, a file name, a unique prefix or a part of its title."""
        return seeds.load_in(self.repo, self.repo.resolve_seed(str(ref)))

    def seeds(self) -> builtins.list[Seed]:
        """Every seed, parsed, in file order; a SeedError names the first that cannot be read (list()
        gives a row for every seed, an unreadable one with its error)."""
        return [seeds.load_in(self.repo, self.root / rel) for rel in self.repo.files().seeds]

    def draft(self, ref: str | Path, platform: str | None = None) -> Draft:
        """One draft: its text and its platform's profile (`platform` picks among drafts of one name)."""
        return load_draft(self.repo, str(ref), platform)

    def drafts(self) -> builtins.list[Draft]:
        """Every draft, in file order."""
        return [self.draft(self.root / rel) for rel in self.repo.files().drafts]

    # --- list -------------------------------------------------------------------------------

    def query(
        self,
        *,
        status: str | None = None,
        platform: str | None = None,
        theme: str | None = None,
        source: str | None = None,
        since: str | None = None,
        until: str | None = None,
        match: str | None = None,
        sort: str = "created",
        reverse: bool = False,
        limit: int | None = None,
        due: bool = False,
        now: str | None = None,
    ) -> Query:
        """The query `list` runs, its values checked (a UsageError names the parameter and what it
        takes): a status or the repo's own name for one, a configured platform, local dates.
        `due`: the scheduled drafts whose time has come by `now` (default: now). Reads no seed."""
        config = self.config
        if status is not None:  # a state, or the repo's own value for one (each named when it is neither)
            values = config.aliases.accepted(query.statuses(config.statuses))
            status = config.aliases.state(query.choice(status, Hint("status"), values, "a status"))
        if platform is not None:
            known = sorted(config.platforms)
            platform = query.choice(platform, Hint("platform"), known, "a configured platform")
        if sort not in query.SORTS:
            query.choice(sort, Hint("sort"), query.SORTS, "a sort")
        return query.Query(
            status=status,
            platform=platform,
            theme=theme,
            source=source,
            since=None if since is None else query.since(since, config.timezone),
            until=None if until is None else query.until(until, config.timezone),
            match=match,
            sort=sort,
            reverse=reverse,
            limit=None if due else limit,
            due=(now or dates.now_utc()) if due else None,
        )

    def catalog(self, *, keep: Keep = None) -> Catalog:
        """A row for every seed (Entry), from the store's rows or the files; `broken` holds the rows
        of seeds that cannot be read, each with its located error. `keep` (query.prefilter): the rows
        worth decoding, when only some will be shown."""
        return catalog.collect(self.repo, keep=keep)

    def list(
        self,
        wanted: Query | None = None,
        *,
        where: Sequence[str] = (),
        catalog: Catalog | None = None,
        **filters: Any,
    ) -> builtins.list[Entry]:
        """The seeds `contentkit list` shows, as rows (Entry): `wanted` (a query()), else the filters
        as query() takes them; `where`: front matter tests (`KEY=VALUE`, `KEY exists`, ...), ANDed.
        An unreadable seed is no row here (catalog().broken has it)."""
        wanted = self.query(**filters) if wanted is None else wanted
        found = self.catalog() if catalog is None else catalog
        config = self.config
        keys = (*config.known_keys, *config.required)
        tests = query.wheres(where, found.readable, config.aliases, keys)
        wanted = replace(wanted, where=tests)
        matches = None if wanted.match is None else catalogs.matcher(self.repo, wanted.match)
        return query.select(found.readable, wanted, config.statuses, matches)

    def due(self, *, where: Sequence[str] = (), now: str | None = None, **filters: Any) -> builtins.list[Due]:
        """The scheduled drafts whose time has come by `now` (default: now), oldest plan first; the
        other filters as list() takes them (`limit` and `reverse` apply to the drafts)."""
        limit, reverse = filters.pop("limit", None), filters.pop("reverse", False)
        wanted = self.query(due=True, now=now, **filters)
        found = query.due(self.list(wanted, where=where), wanted.due or "")
        found = found[::-1] if reverse else found
        return found if limit is None else found[:limit]

    # --- develop, publish, schedule: Plans ----------------------------------------------------

    def develop(
        self,
        seed: str | Path,
        *,
        hook: int | None = None,
        angle: int | None = None,
        platform: str | None = None,
        template: str | None = None,
        force: bool = False,
        write: bool = False,
    ) -> Plan[Any]:
        """The seed's draft (a develop.Plan as `detail`): the hook and angle chosen (1-based, default
        1), the platform's template rendered, the seed marked developed, INDEX.md refreshed. `write`:
        planned and written in one step, under the lock (as `plan.apply()`)."""
        path = self.repo.resolve_seed(str(seed))
        options = develop.Options(hook, angle, platform, template, force)
        created = dates.now_utc()

        def make(locked: bool) -> Plan[Any]:
            result = develop.plan(self.repo, path, options, created)
            if locked:
                self.repo.write_all(result.writes)
            warnings = tuple(result.warnings)
            return self._plan(result, tuple(result.changes), warnings, locked, lambda: run(True))

        def run(locked: bool) -> Plan[Any]:
            if not locked:
                return make(False)
            with self.repo.lock():  # concurrent runs each see the other's INDEX.md rows
                return make(True)

        return run(write)

    def publish(
        self,
        ref: str | Path,
        url: str,
        *,
        date: str | None = None,
        platform: str | None = None,
        write: bool = False,
    ) -> Plan[Any]:
        """A draft (or a seed, through its draft) gone live at `url` on `date` (default: now): the
        draft and the seed published, INDEX.md refreshed (a publish.Plan as `detail`)."""
        def make(when: str | None, locked: bool) -> Plan[Any]:
            if locked:
                result = publish.publish(self.repo, str(ref), url, when, platform)
            else:
                result = publish.plan(self.repo, str(ref), url, when, platform=platform)
            return self._plan(result, tuple(result.changes), tuple(result.notes), locked,
                              lambda: make(result.published_at, True))

        return make(date, write)

    def schedule(
        self, draft: str | Path, at: str | None = None, *, next_slot: bool = False,
        platform: str | None = None, write: bool = False,
    ) -> Plan[Any]:
        """A draft planned to go out `at` (ISO 8601; without an offset, the config's timezone), or with
        `next_slot=True` at its platform's next free posting slot (`[schedule] slots`): status
        scheduled, scheduled_at, INDEX.md's Upcoming (a schedule.Plan as `detail`)."""
        def make(locked: bool) -> Plan[Any]:
            if next_slot:
                pick = slot_plan.schedule_next_slot if locked else slot_plan.plan_next_slot
                result = pick(self.repo, str(draft), platform)
            else:
                action = schedule.schedule if locked else schedule.plan_schedule
                result = action(self.repo, str(draft), at or "", platform)
            return self._plan(result, tuple(result.changes), (), locked, lambda: make(True))

        return make(write)

    def unschedule(self, draft: str | Path, *, write: bool = False) -> Plan[Any]:
        """A scheduled draft back to status draft, scheduled_at removed (a schedule.Plan as `detail`)."""
        def make(locked: bool) -> Plan[Any]:
            result = (schedule.unschedule if locked else schedule.plan_unschedule)(self.repo, str(draft))
            return self._plan(result, tuple(result.changes), (), locked, lambda: make(True))

        return make(write)

    def _plan(
        self, detail: T, changes: tuple[str, ...], warnings: tuple[str, ...], written: bool,
        again: Callable[[], Plan[T]],
    ) -> Plan[T]:
        writes: Mapping[Path, bytes] = getattr(detail, "writes", {})
        return Plan(detail, writes, changes, warnings, written, self.root, again)

    # --- check --------------------------------------------------------------------------------

    def validate(self, *paths: str | Path, strict: bool = False) -> Report:
        """Every seed and draft checked (or the files and folders given): a Report whose
        `diagnostics` are Diagnostic(path, line, col, code, severity, message); `strict`: warnings
        count as errors."""
        report = validation.check(self.repo, [Path(p) for p in paths])
        return report.strict() if strict else report

    def pending(self) -> builtins.list[str]:
        """The files a killed write left unfinished (the next write finishes them)."""
        return self.repo.pending()

    def index_text(self) -> str:
        """INDEX.md as the files make it now (the whole file, text around the markers kept); nothing
        is written."""
        return index.plan(self.repo, catalog.collect(self.repo))[0].decode("utf-8", "surrogateescape")

    def index(self, *, check: bool = False) -> Refreshed:
        """INDEX.md brought up to date (`changed`: it was rewritten), or with `check` only compared
        (`changed`: it is stale); `warnings` name the seeds that could not be read."""
        if not check:
            self.repo.finish()
        return index.refresh(self.repo, write=not check)

    # --- measure ------------------------------------------------------------------------------

    def record_metrics(
        self,
        ref: str | Path,
        *,
        impressions: int,
        reactions: int,
        comments: int,
        reposts: int,
        members_reached: int | None = None,
        clicks: int | None = None,
        saves: int | None = None,
        at: str | None = None,
    ) -> Snapshot:
        """A published post's figures appended to the metrics file (read `at`, default now), and
        INDEX.md's What works brought up to date; the Snapshot recorded."""
        post = posts.find(self.repo, str(ref))
        date = record.when(at, dates.now_utc(), post.published_at, self.config.timezone)
        figures = (impressions, reactions, comments, reposts, members_reached, clicks, saves)
        snapshot = record.Snapshot(post.key, date, *figures, "manual")
        record.append(self.repo, [snapshot])
        index.refresh(self.repo)
        return snapshot

    def stats(
        self, by: str = "hook", *, min_posts: int | None = None, at_day: int | None = None, now: str = ""
    ) -> Stats:
        """The published posts grouped `by` hook, angle, theme, source, platform, weekday or length,
        each group's median impressions and engagement rate with its bootstrap interval (the
        config's stats_min_posts marks a group too small, unless `min_posts`); `at_day`: each post
        at its snapshot at or just before day N after publishing (younger posts left out, counted)."""
        query.choice(by, Hint("by"), stats.KEYS, "a grouping")
        return report.build(self.repo, by, min_posts or self.config.stats_min_posts, at_day, now)
