"""Plan when a draft goes out: `schedule` sets `status: scheduled` and `scheduled_at` (ISO 8601 with
the writer's offset), `unschedule` takes them back to `status: draft`. `plan_*` reads everything and
writes nothing; `schedule` and `unschedule` write the draft and INDEX.md together, under the repo lock.

A draft is scheduled only for a time still to come, only while it is not published (a published
draft is history), and only when it fits its platform (each post of a thread). The seed does not
change: it is `developed` once it has a draft, whatever that draft's plans. Every other byte of the
draft stays as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from contentkit.base import dates
from contentkit.base.errors import Hint, RefusedError, UsageError
from contentkit.base.files import read_regular
from contentkit.markdown import frontmatter
from contentkit.model.lifecycle import State
from contentkit.model.seed import text_of
from contentkit.platforms import posttext as post
from contentkit.store.config import Platform
from contentkit.store.drafts import resolve
from contentkit.store.links import as_draft
from contentkit.store.repo import Repo
from contentkit.usecases import indexrows


@dataclass(frozen=True)
class Plan:
    draft_rel: str
    scheduled_at: str  # '' once unscheduled
    writes: dict[Path, bytes] = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)


def check_at(at: str, now: str, timezone: str = "") -> str:
    """--at with its offset (a time without one is in `timezone`, the config's, else the system's); a
    time that is not still to come is refused."""
    when = dates.parse_local(at, Hint("at"), timezone)
    if dates.before_or_at(when, now):
        raise UsageError(
            [Hint("at"), f" '{at}' is not in the future ({when}; now is {now}): give a time still to come"]
        )
    return when


def _draft(repo: Repo, ref: str, platform: str | None = None) -> tuple[Path, str, frontmatter.Document]:
    """DRAFT (a path, a file name or a unique prefix) -> its path, name and front matter; anything
    that is not a draft (a variants file, a file without `type: draft`) is refused."""
    path = as_draft(repo, resolve(repo, ref, platform))
    rel = repo.rel(path)
    try:
        data = read_regular(path)
    except OSError as exc:
        raise RefusedError(f"cannot read file: {exc.strerror}", rel) from None
    return path, rel, frontmatter.parse(data, Path(rel))


def _refuse_published(rel: str, doc: frontmatter.Document, what: str) -> None:
    if text_of(doc.meta.get("status")) == State.PUBLISHED:
        url = text_of(doc.meta.get("published_url")) or "no URL recorded"
        raise RefusedError(f"already published ({url}): a published draft is not {what}", rel)


def _refuse_over_limit(rel: str, doc: frontmatter.Document, profile: Platform) -> None:
    for one in post.thread_stats(doc.text, profile):
        if one.over_limit:
            message = post.limit_message(one.characters, profile, one.label)
            raise RefusedError(f"{message}: edit it down before scheduling it", rel)


def _profile(repo: Repo, path: Path, doc: frontmatter.Document) -> Platform:
    folder = path.parent.name if path.parent.name in repo.config.platforms else ""
    name = text_of(doc.meta.get("platform")) or folder or repo.config.default_platform
    return repo.config.platform(name)


def plan_schedule(repo: Repo, ref: str, at: str, platform: str | None = None) -> Plan:
    """The draft with `status: scheduled` and `scheduled_at`, and INDEX.md. Writes nothing. `platform`
    picks the draft for it when the name matches several."""
    when = check_at(at, dates.now_utc(), repo.config.timezone)
    path, rel, doc = _draft(repo, ref, platform)
    _refuse_published(rel, doc, "scheduled")
    _refuse_over_limit(rel, doc, _profile(repo, path, doc))
    text = frontmatter.set_keys(
        doc,
        {"status": State.SCHEDULED, "scheduled_at": when},
        after={"status": "type", "scheduled_at": "status"},
    )
    return _plan(repo, path, rel, doc, text, when, f"update {rel}: status scheduled, scheduled_at {when}")


def plan_unschedule(repo: Repo, ref: str) -> Plan:
    """The scheduled draft back to `status: draft`, without `scheduled_at`. Writes nothing."""
    path, rel, doc = _draft(repo, ref)
    _refuse_published(rel, doc, "unscheduled")
    status = text_of(doc.meta.get("status"))
    if status != State.SCHEDULED:
        raise RefusedError(f"is not scheduled (status: {status or '(none)'}); nothing changed", rel)
    text = frontmatter.set_keys(doc, {"status": State.DRAFT})
    text = frontmatter.remove_key(frontmatter.parse(text, Path(rel)), "scheduled_at")
    return _plan(repo, path, rel, doc, text, "", f"update {rel}: status draft, scheduled_at removed")


def _plan(
    repo: Repo, path: Path, rel: str, doc: frontmatter.Document, text: str, when: str, change: str
) -> Plan:
    data = ((frontmatter.BOM if doc.bom else "") + text).encode("utf-8")
    writes = {path: data}
    changes = [change]
    index_bytes, index_old = indexrows.plan_with(repo, {path: data})
    if index_bytes != index_old:
        writes[repo.index_path] = index_bytes
        changes.append(f"refresh {repo.config.index_file}")
    return Plan(rel, when, writes, changes)


def schedule(repo: Repo, ref: str, at: str, platform: str | None = None) -> Plan:
    with repo.lock():
        result = plan_schedule(repo, ref, at, platform)
        repo.write_all(result.writes)
    return result


def unschedule(repo: Repo, ref: str) -> Plan:
    with repo.lock():
        result = plan_unschedule(repo, ref)
        repo.write_all(result.writes)
    return result
