"""INDEX.md: the dashboard of every seed and draft, between two markers. Same files in, same bytes out."""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from contentkit.base import dates
from contentkit.base.errors import RefusedError, WriteError
from contentkit.base.files import atomic_write, read_regular
from contentkit.model.lifecycle import State
from contentkit.store.catalog import Catalog, Entry, collect, newest_first
from contentkit.store.repo import Repo
from contentkit.store.schema import is_http_url
from contentkit.usecases.gaps import Gap, planned
from contentkit.usecases.metrics import works as what_works
from contentkit.usecases.metrics.record import input_files, metrics_path
from contentkit.usecases.metrics.stats import Group, Measured
from contentkit.usecases.metrics.works import Works

START = "<!-- contentkit:index:start -->"
END = "<!-- contentkit:index:end -->"
HEADER = "# Content index\n\nSeeds and drafts of this repo. The part between the markers is written by\n`contentkit index`; edit around it.\n\n"  # noqa: E501


def render(
    catalog: Catalog, statuses: tuple[str, ...], index_rel: str = "INDEX.md", works: Works | None = None,
    timezone: str = "", gaps: list[Gap] | None = None,
) -> str:
    """The block between (and including) the markers. Times are shown in `timezone` (the config's),
    UTC when it is "": the same files give the same bytes on every writer's machine."""
    base = posixpath.dirname(index_rel)
    entries = newest_first(catalog.readable)  # sorted once: each table keeps this order
    order = _status_order(entries, statuses)
    parts = [START, _summary(entries, order, len(catalog.drafts)), _upcoming(entries, base, timezone)]
    parts.append(_gaps(gaps or [], timezone))
    if works is not None:
        parts.append(_works(works, base))
    for status in order:
        group = [e for e in entries if e.status == status]
        if group:
            parts.append(_table(status, group, base))
    parts.append(_tasks(entries, base))
    if catalog.broken:
        parts.append(_broken(catalog.broken, base))
    parts.append(END)
    return "\n\n".join(p for p in parts if p)


def merge(existing: str | None, block: str, name: str = "INDEX.md") -> str:
    """Put the block into INDEX.md's text, keeping every byte outside the markers.

    A marker counts only on a line of its own (whitespace aside). No markers: the block is appended.
    One START line followed by one END line: the lines from START to END are replaced. Anything else
    (a START without an END, an END first, two blocks) is an error naming the line; nothing is deleted.
    """
    if existing is None:
        return HEADER + block + "\n"
    newline = "\r\n" if "\r\n" in existing else "\n"
    block = block.replace("\n", newline)
    span = block_span(existing, name)
    if span is not None:
        return existing[: span[0]] + block + existing[span[1] :]
    if not existing.strip():
        return block + newline
    return existing.rstrip("\r\n") + newline * 2 + block + newline


_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def marker_lines(text: str) -> list[tuple[str, int, int, int]]:
    """(marker, 1-based line, start offset, end offset without the line break) of each marker line.

    Only the lines holding a marker's text are looked at (a 3.5 MB INDEX.md has 60,000 lines); text
    with a carriage return goes line by line (scanned_marker_lines: tests hold the two equal).
    """
    if "\r" in text:
        return scanned_marker_lines(text)
    found = []
    for marker in (START, END):
        at = text.find(marker)
        while at >= 0:
            start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
            end = len(text) if end < 0 else end
            if text[start:end].strip() == marker:
                found.append((marker, text.count("\n", 0, start) + 1, start, end))
            at = text.find(marker, end)
    return sorted(found, key=lambda item: item[2])


def scanned_marker_lines(text: str) -> list[tuple[str, int, int, int]]:
    """marker_lines(), line by line (a lone CR ends a line too)."""
    found = []
    for number, match in enumerate(_LINES.finditer(text), 1):
        content = match.group().rstrip("\r\n")
        if content.strip() in (START, END):
            found.append((content.strip(), number, match.start(), match.start() + len(content)))
        if match.end() == len(text):
            break
    return found


def block_span(text: str, name: str = "INDEX.md") -> tuple[int, int] | None:
    """Where the generated block sits (START's line through END's line), None when there is none."""
    markers = marker_lines(text)
    if not markers:
        return None
    first, *rest = markers
    if first[0] == END:
        raise RefusedError(_marker_problem("an end marker with no start marker above it"), name, first[1])
    if not rest:
        raise RefusedError(_marker_problem("a start marker with no end marker below it"), name, first[1])
    if rest[0][0] == START:
        raise RefusedError(_marker_problem("a second start marker before the end marker"), name, rest[0][1])
    if len(rest) > 1:
        raise RefusedError(_marker_problem("a marker after the end of the block"), name, rest[1][1])
    return first[2], rest[0][3]


def _marker_problem(what: str) -> str:
    return (
        f"{what}; contentkit writes only between one '{START}' line and one '{END}' line: "
        "fix the markers by hand (nothing was changed)"
    )


def _status_order(entries: list[Entry], statuses: tuple[str, ...]) -> list[str]:
    return status_order({e.status for e in entries}, statuses)


def status_order(present: set[str], statuses: tuple[str, ...]) -> list[str]:
    """The configured statuses, then the others the seeds have, sorted: the order of the tables."""
    return [*statuses, *sorted(present - set(statuses))]


def _summary(entries: list[Entry], order: list[str], drafts: int) -> str:
    return summary(Counter(e.status for e in entries), order, drafts)


def summary(counts: Counter[str], order: list[str], drafts: int) -> str:
    """The Summary section: seeds by status (`counts`), in `order`, and the number of drafts."""
    rows = [f"| {_cell(s or '(none)')} | {counts.get(s, 0)} |" for s in order]
    return "\n".join(
        [
            "## Summary",
            "",
            "| status | seeds |",
            "|---|---:|",
            *rows,
            f"| **total** | {sum(counts.values())} |",
            "",
            f"Drafts: {drafts}",
        ]
    )


def _upcoming(entries: list[Entry], base: str, timezone: str = "") -> str:
    """Every scheduled draft, soonest first (ties by draft path): what is planned, whatever today is."""
    planned = sorted(
        (
            (at, draft, platform, e)
            for e in entries
            for draft, status, platform, at in e.drafts()
            if status == State.SCHEDULED and at
        ),
        key=lambda row: (row[0], row[1], row[3].path),
    )
    if not planned:
        return ""
    head = [f"| title | platform | when ({timezone or 'UTC'}) | draft |", "|---|---|---|---|"]
    lines = [f"## Upcoming ({len(planned)})", "", *head]
    tz = dates.zone(timezone or "UTC")
    for at, draft, platform, e in planned:
        when = dates.readable(at, tz)
        title = f"[{_cell(e.title)}]({_link(e.path, base)})"
        lines.append(f"| {title} | {_cell(platform)} | {when} | {_draft_link((draft,), base)} |")
    return "\n".join(lines)


def _gaps(found: list[Gap], timezone: str = "") -> str:
    """The stretches with no post longer than each platform's gap_days, in the plan (gaps.planned)."""
    if not found:
        return ""
    tz = dates.zone(timezone or "UTC")
    lines = [f"## Gaps ({len(found)})", ""]
    lines.extend(f"- {_inline(gap.message(tz))}" for gap in found)
    return "\n".join(lines)


def _table(status: str, group: list[Entry], base: str) -> str:
    post = status == State.PUBLISHED  # the published table links each post
    lines = [
        table_heading(status, len(group)),
        "",
        "| created | title | platform | source | draft |" + (" post |" if post else ""),
        "|---|---|---|---|---|" + ("---|" if post else ""),
    ]
    lines.extend(row(e, base) for e in group)
    return "\n".join(lines)


TABLE_HEAD = 4  # a table's lines before its rows: heading, blank, columns, rule


def table_heading(status: str, count: int) -> str:
    return f"## {_cell(status.capitalize() or '(no status)')} ({count})"


def row(e: Entry, base: str) -> str:
    """A seed's line in its status's table (the published table links the post too)."""
    draft = _draft_link(e.developed_to, base)
    return (
        f"| {_cell(e.created[:10])} | [{_cell(e.title)}]({_link(e.path, base)}) "
        f"| {_cell(e.platform)} | {_cell(e.source)} | {draft} |"
        + (f" {_post_link(e.published_url)} |" if e.status == State.PUBLISHED else "")
    )


def _draft_link(developed_to: tuple[str, ...], base: str) -> str:
    """`[name](path)` for each of a seed's drafts; '' when it has none (relpath of '' would raise)."""
    return ", ".join(f"[{_cell(posixpath.basename(d))}]({_link(d, base)})" for d in developed_to if d)


def _post_link(url: str) -> str:
    """`[www.example.com](url)`: the host as the link text; '' when no URL is recorded. Only an http(s)
    URL is a link (validate reports any other: CK204); it is shown as text."""
    if not url:
        return ""
    if not is_http_url(url):
        return _cell(url if url.isprintable() else repr(url)[1:-1])
    host = url.split("://", 1)[-1].split("/", 1)[0] or url
    return f"[{_cell(host)}]({_target(url)})"


def _tasks(entries: list[Entry], base: str) -> str:
    """The open next steps of `entries` (newest first already)."""
    open_ = [e for e in entries if e.open_tasks]
    if not open_:
        return ""
    lines = [TASKS, ""]
    for e in open_:
        lines.extend(task_lines(e, base))
    return "\n".join(lines)


TASKS = "## Open next steps"


def task_lines(e: Entry, base: str) -> list[str]:
    """A seed's lines under Open next steps (none when it has no open task)."""
    if not e.open_tasks:
        return []
    return [f"- [{_cell(e.title)}]({_link(e.path, base)})", *(f"  - [ ] {_inline(t)}" for t in e.open_tasks)]


def _broken(broken: list[Entry], base: str) -> str:
    lines = ["## Unreadable seeds", "", "Run `contentkit validate` for details.", ""]
    lines.extend(f"- [{_cell(e.path)}]({_link(e.path, base)}): {_inline(e.error)}" for e in broken)
    return "\n".join(lines)


def _link(path: str, base: str) -> str:
    rel = posixpath.relpath(path, base) if base else path
    return _target(rel)


_UNSAFE = re.compile(r"[\s()<>|]")  # \s is str.isspace's set


def _target(text: str) -> str:
    """A link target on one line: whitespace, control characters, `()<>|` percent-encoded.

    A path with nothing to encode (nearly all) is returned as it is: the walk over its characters
    cost about half of a `develop` at 10,000 seeds (BENCHMARKS.md). tests/test_index.py holds the two
    equal.
    """
    if text.isprintable() and _UNSAFE.search(text) is None:
        return text
    return "".join(_escape_char(c) for c in text)


def _escape_char(c: str) -> str:
    if c.isprintable() and not c.isspace() and c not in "()<>|":
        return c
    return "".join(f"%{b:02X}" for b in c.encode("utf-8", errors="surrogateescape"))


def _inline(text: str) -> str:
    """One line of Markdown that opens or closes no HTML comment (so it never hides or forms a marker)."""
    return " ".join(text.split()).replace("<!--", "&lt;!--").replace("-->", "--&gt;")


def _cell(text: str) -> str:
    return _inline(text).replace("|", "\\|")


class Rendered(NamedTuple):
    """INDEX.md's new bytes, its current bytes (None when absent), and the files the renderer read
    besides the catalog's seeds and drafts (repo-relative; one that is absent counts as read too)."""

    text: bytes
    old: bytes | None
    read: tuple[str, ...]


def plan(repo: Repo, catalog: Catalog) -> tuple[bytes, bytes | None]:
    """INDEX.md's new bytes for this catalog, and its current bytes (None when absent)."""
    text, old, _ = rendered(repo, catalog)
    return text, old


def rendered(repo: Repo, catalog: Catalog) -> Rendered:
    """INDEX.md rendered for this catalog, with what it was read from (see Rendered)."""
    path = repo.index_path
    try:
        old: bytes | None = read_regular(path)
    except FileNotFoundError:
        old = None
    except OSError as exc:
        raise WriteError(f"cannot read: {exc.strerror}", repo.config.index_file) from None
    existing = None if old is None else old.decode("utf-8", errors="surrogateescape")
    config = repo.config
    works, read = _what_works(repo, catalog)
    block = render(
        catalog, config.statuses, config.index_file, works, config.timezone, planned(catalog.readable, config)
    )
    text = merge(existing, block, repo.config.index_file).encode("utf-8", errors="surrogateescape")
    return Rendered(text, old, read)


@dataclass(frozen=True)
class Refreshed:
    """What refresh() found: INDEX.md changed (written, or when only checking: stale), it was not
    there, and the located errors of the seeds that could not be read (shown as warnings)."""

    changed: bool
    missing: bool = False
    warnings: tuple[str, ...] = ()


def refresh(repo: Repo, write: bool = True, locked: bool = False) -> Refreshed:
    """INDEX.md brought up to date with the files (write), or only compared with them.

    The store handed in with the repo may know that INDEX.md is current for exactly these files: then
    no seed is read. Otherwise every seed is read, INDEX.md rendered and written when its bytes
    change, under the repo lock (taken here unless the caller holds it: `locked`), and the store is
    told what INDEX.md now holds. The one way a command brings INDEX.md up to date on its own;
    develop and publish plan its bytes with their other writes (plan()).
    """
    store = repo.store
    known = store.fresh_index(repo) if store is not None else None
    if known is not None:
        return Refreshed(False, warnings=tuple(known))
    if write and not locked:
        with repo.lock():  # read, render and write as one step: a develop cannot land in between
            return _refreshed(repo, write)
    return _refreshed(repo, write)


def _refreshed(repo: Repo, write: bool) -> Refreshed:
    catalog = collect(repo)
    text, old, read = rendered(repo, catalog)
    if write and text != old:
        atomic_write(repo.index_path, text, repo.state_dir)
    if repo.store is not None and (write or text == old):
        repo.store.remember_index(repo, catalog, text, read)
    return Refreshed(text != old, old is None, tuple(entry.error for entry in catalog.broken))


def _what_works(repo: Repo, catalog: Catalog) -> tuple[Works | None, tuple[str, ...]]:
    """The "What works" figures, when the repo has a metrics file, and the files they were read from
    (the metrics file, also when absent, and the drafts it names)."""
    if not metrics_path(repo).exists():
        return None, (repo.config.metrics_file,)
    return what_works.summary(repo, catalog), tuple(input_files(repo))


def _works(works: Works, base: str) -> str:
    """Top posts by engagement rate, the best themes and hook shapes (see contentkit/usecases/metrics/)."""
    if works.error:
        return f"## What works\n\nThe metrics file cannot be read: {_inline(works.error)}"
    lines = [
        "## What works",
        "",
        f"From {works.snapshots} snapshot{'s' if works.snapshots != 1 else ''} "
        f"in {_cell(works.metrics_file)}: "
        f"{works.measured} of {works.published} published posts have figures; each counts with its latest. "
        "Engagement = (reactions + comments + reposts) / impressions.",
    ]
    if not works.top:
        return "\n".join(lines)
    lines += [
        "",
        "| top posts | impressions | engagement |",
        "|---|---:|---:|",
    ]
    lines.extend(_top_row(m, base) for m in works.top)
    for title, groups in (("theme", works.themes), ("hook shape", works.hooks)):
        head = f"| {title} | posts | median impressions | median engagement |"
        lines.extend(["", head, "|---|---:|---:|---:|"])
        lines.extend(_group_row(g) for g in groups)
    if any(g.too_few for g in (*works.themes, *works.hooks)):
        lines.extend(["", f"\\* fewer than {works.min_posts} posts: too few to mean much yet."])
    return "\n".join(lines)


def _top_row(m: Measured, base: str) -> str:
    rate = m.rate if m.rate is not None else 0.0
    title = f"[{_cell(m.post.title)}]({_link(m.post.key, base)})"
    return f"| {title} | {m.snapshot.impressions:,} | {rate:.1%} |"


def _group_row(group: Group) -> str:
    rate = group.median_rate
    shown = f"{rate:.1%}" if rate is not None else "n/a"
    mark = "\\*" if group.too_few else ""
    impressions = f"{group.median_impressions:,.0f}"
    return f"| {_cell(group.name)}{mark} | {len(group.posts)} | {impressions} | {shown} |"
