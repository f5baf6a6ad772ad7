"""Seed -> draft. `plan` renders every file first and writes nothing; `apply` writes them all or none."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from contentkit.base import dates, lines
from contentkit.base.errors import ContentkitError, Hint, RefusedError, SeedError, UsageError
from contentkit.base.statedir import read_bounded
from contentkit.markdown import frontmatter
from contentkit.model import content as contents
from contentkit.model import firstcomment, hooks, language, lifecycle, sections, seed_edits, suggested
from contentkit.model import seed as seeds
from contentkit.model.lifecycle import State
from contentkit.platforms import posttext as post
from contentkit.store import query
from contentkit.store.config import PLATFORM_RULE, Config, plain_platform
from contentkit.store.repo import Repo, shown
from contentkit.usecases import indexrows, render

DEFAULTS = Config()
DEVELOP_TASK = re.compile(r"\bdevelop", re.IGNORECASE)
FORCE = Hint("force", True)  # the way past a refusal to replace a draft
KEPT = "kept"  # under .contentkit/: the old text of drafts `develop --force` replaced


@dataclass(frozen=True)
class Options:
    hook: int | None = None  # 1-based, as `contentkit show` numbers them
    angle: int | None = None
    platform: str | None = None
    template: str | None = None
    force: bool = False


@dataclass(frozen=True)
class Plan:
    seed: seeds.Seed
    draft_path: Path
    draft_rel: str
    draft_text: str
    hook: int
    angle: int
    platform: str
    writes: dict[Path, bytes] = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. the draft is over the platform's limit
    kept: str = ""  # where --force kept the old draft's text ('' when nothing was replaced)


def choose(items: list[Any], number: int | None, what: str, seed: seeds.Seed, optional: bool = False) -> int:
    """A 1-based choice among a seed's hooks or angles, checked. An optional one (the angle) is 0
    when the seed has none and none was asked for."""
    if not items and optional and number is None:
        return 0
    if not items and number is None:
        heading, line = needed(seed, f"{what}s")
        message = f"the seed has no {what}s yet, so it cannot be developed: add a list under '## {heading}'"
        raise RefusedError(message, seed.rel, line)
    chosen = number if number is not None else 1
    if not 1 <= chosen <= len(items):
        raise UsageError(
            f"--{what} {chosen}: the seed has {len(items) or 'no'} {what}s "
            f"(see 'contentkit show {seed.stem}')"
        )
    return chosen


def needed(seed: seeds.Seed, kind: str) -> tuple[str, int]:
    """Where a seed lacks a kind's content: the heading to add a list under (its own empty section's,
    else the one `new` writes) and the 1-based line to point at (that heading, else `status`)."""
    section = seed.section(kind)
    if section is not None:
        return section.heading, section.line + 1
    return sections.BY_NAME[kind].skeleton[0], seed.doc.key_line("status") or 1


def choose_platform(repo: Repo, seed: seeds.Seed, option: str | None) -> str:
    """--platform, else the seed's `platform:`, else the config's default: a configured platform
    (its name as the config writes it). An unknown --platform is a usage error with a did-you-mean;
    an unknown `platform:` is refused at its line (its draft could be neither previewed nor exported)."""
    known = sorted(repo.config.platforms)
    if option:
        return query.choice(option, Hint("platform"), known, "a configured platform")
    value = seed.get("platform")
    if not value:
        return repo.config.default_platform
    line = seed.doc.key_line("platform")
    if not plain_platform(value):
        raise SeedError(f"platform '{shown(value)}' must be {PLATFORM_RULE}", seed.rel, line)
    folded = {name.casefold(): name for name in known}
    if value.casefold() in folded:
        return folded[value.casefold()]
    message = (
        f"platform '{value}' is not configured (known: {', '.join(known)}): use ",
        Hint("platform"),
        f", or add [platforms.{value}] to the config",
    )
    raise RefusedError(message, seed.rel, line)


def context(
    seed: seeds.Seed, hook: int, angle: int, platform: str, limit: int = 0, hashtag_limit: int = 0,
    counting: str = "chars", url_length: int = 0,
) -> dict[str, Any]:
    """Everything a template can use. Seed text is data here, never template source.

    `limit` is the platform's character limit (0: none), for the `thread` filter; `hashtag_limit` its
    recommended hashtag count (0: no advice): the hashtags past it go to the first comment.
    `counting` and `url_length` are how the platform counts (its profile's), for the `thread` filter.
    """
    data = seed_context(seed)
    hooks, angles = data["hooks"], data["angles"]
    tags = render.hashtags(seed.themes)
    kept = tags[:hashtag_limit] if hashtag_limit > 0 else tags
    lang = language.of(seed.meta, _text(seed))
    own = any(language.closes(part["heading"]) for part in data["content"])
    return {
        "seed": data,
        "lang": lang,
        "closing": "" if own else language.closer(lang),
        "hook": hooks[hook - 1]["text"] if hooks and hook else seed.title,
        "hook_number": hook,
        "angle": angles[angle - 1] if angles else {"number": 0, "title": "", "description": ""},
        "other_hooks": [h for h in hooks if h["number"] != hook],
        "other_angles": [a for a in angles if a["number"] != angle],
        "platform": platform,
        "limit": limit,
        "counting": counting,
        "url_length": url_length,
        "hashtags": tags,
        "post_hashtags": kept,
        "first_comment": {"links": data["links"], "hashtags": tags[len(kept) :]},
    }


def seed_context(seed: seeds.Seed) -> dict[str, Any]:
    """What a template reads as `seed`: the file's facts, each section kind of the table, every section."""
    data: dict[str, Any] = {
        "title": seed.title,
        "path": seed.rel,
        "stem": seed.stem,
        "meta": {key: seeds.text_of(value) for key, value in seed.meta.items()},
        "created": seed.created,
        "status": seed.status,
        "source": seed.get("source"),
        "source_url": seed.get("source_url"),
        "platform": seed.get("platform"),
        "links": firstcomment.links(seed.doc.body),
    }
    for kind in sections.KINDS:
        data[kind.name] = kind.context(seed.value(kind.name))
        if kind.markdown_key:
            section = seed.section(kind.name)
            data[kind.markdown_key] = section.markdown if section else ""
    data["content"] = [
        {"heading": s.heading, "kind": s.kind, "markdown": s.markdown, "lines": _lines(s.markdown)}
        for s in content(seed)
    ]
    data["sections"] = {
        slug: {
            "heading": s.heading,
            "markdown": s.markdown,
            "paragraphs": list(s.paragraphs),
            "items": [i.text for i in s.items],
        }
        for slug, s in seed.sections.items()
    }
    return data


_MARKER = re.compile(r"^\s*(?:[-*+]|[0-9]{1,3}[.)])\s+(?:\[[ xX]\]\s+)?")


def content(seed: seeds.Seed) -> list[sections.Section]:
    """The seed's sections that are the writer's content (content.py)."""
    forms, doc, parts = seed.forms or sections.default_forms(), seed.doc, list(seed.sections.values())
    return contents.content_sections(doc.body, doc.body_line, parts, seed.found.lines, forms)


def _lines(markdown: str) -> list[str]:
    """A section's lines as points (a thread's posts): list markers gone, blank lines dropped."""
    return [_MARKER.sub("", line).strip() for line in markdown.splitlines() if line.strip()]


def _text(seed: seeds.Seed) -> str:
    """The seed's own words, for telling its language: title, content, hooks, angles."""
    parts = [seed.title, *(s.markdown for s in content(seed)), *seed.hooks]
    parts += [f"{a.title} {a.description}" for a in seed.angles]
    return "\n".join(parts)


def opening(seed: seeds.Seed, number: int | None) -> tuple[int, list[str]]:
    """The hook the draft opens with (0: the title) and what to say about the choice. A hook that
    is wholly a bracketed note to self is never the opening line: the next hook is, else the title."""
    if not seed.hooks and number is None:
        return 0, [f"{seed.rel}: the seed has no hooks: the draft opens with its title"]
    chosen = choose(seed.hooks, number, "hook", seed)
    if not hooks.is_note(seed.hooks[chosen - 1]):
        return chosen, []
    later = [n for n in range(chosen + 1, len(seed.hooks) + 1) if not hooks.is_note(seed.hooks[n - 1])]
    instead = f"hook {later[0]}" if later else "its title"
    said = f"{seed.rel}: hook {chosen} is a note in brackets, not an opening line: the draft opens with "
    said += instead
    return (later[0] if later else 0), [said]


def draft_document(seed: seeds.Seed, ctx: dict[str, Any], body: str, created: str) -> str:
    meta = {
        "type": "draft",
        "status": State.DRAFT,
        "seed": seed.rel,
        "platform": ctx["platform"],
        "hook": ctx["hook"],
        **hook_origin(seed, ctx["hook"] if ctx["hook_number"] else ""),
        "angle": ctx["angle"]["title"],
        "created": created,
    }
    return frontmatter.dump_mapping(meta) + "\n" + body.lstrip("\n")


def hook_origin(seed: seeds.Seed, hook: str) -> dict[str, str]:
    """`{"hook_origin": "suggested"}` when the hook came from a marked sub-list of suggestions
    (suggested.py), so `stats --by origin` can tell; nothing for the writer's own."""
    marked = suggested.suggested_hooks(seed.doc.text, seed.section("hooks"), list(seed.sections.values()))
    origin = suggested.origin(hook, marked) if hook else ""
    return {"hook_origin": origin} if origin else {}


def developed_seed(seed: seeds.Seed, draft_rel: str, config: Config = DEFAULTS) -> bytes:
    """The seed with status, developed_to and the develop task changed, every other byte kept.

    `developed_to` stays one string for one draft and becomes a block list with a second; the status
    becomes `developed` unless it stands further already (a published seed stays published).
    """
    text = seed.doc.text
    task = next((t for t in seed.next_steps if not t.done and DEVELOP_TASK.search(t.text)), None)
    if task is not None:
        text = lines.replace_in_line(text, task.line, "[ ]", "[x]")
    doc = frontmatter.parse(text, Path(seed.rel))
    current = lifecycle.drafts_of(seed.meta.get("developed_to"))
    drafts = lifecycle.with_draft(current, draft_rel, config.platforms)
    changes = {"status": lifecycle.advance(seed.status, State.DEVELOPED, config.statuses)}
    if len(drafts) == 1 and drafts != current:
        changes["developed_to"] = draft_rel
    new = seed_edits.set_keys(seed, doc, changes, after={"developed_to": "status"})
    if len(drafts) > 1 and drafts != current:
        listed = frontmatter.parse(new, Path(seed.rel))
        new = seed_edits.set_list(seed, listed, "developed_to", list(drafts), "status")
    return ((frontmatter.BOM if seed.doc.bom else "") + new).encode("utf-8")


def plan(repo: Repo, seed_path: Path, options: Options, created: str | None = None) -> Plan:
    """Render the draft, the edited seed and INDEX.md. Reads files; writes nothing."""
    seed_path = repo.writable(seed_path)  # a linked seed is edited where it really is
    seed = seeds.load_in(repo, seed_path)
    hook, said = opening(seed, options.hook)
    angle = choose(seed.angles, options.angle, "angle", seed, optional=True)
    platform = choose_platform(repo, seed, options.platform)
    draft_path = repo.draft_path(seed.stem, platform, seed.rel)
    draft_rel = repo.rel(draft_path)
    if draft_path == seed_path:
        message = f"its draft would be written over the seed itself ({draft_rel}): check draft_path"
        raise RefusedError(message, seed.rel)
    refuse_published(repo, seed, draft_rel)
    refuse_developed(repo, seed, draft_rel, options.force)
    old_draft = existing_draft(repo, draft_path, seed, options.force)
    profile = repo.config.platforms.get(platform)
    counts = (profile.limit, profile.hashtags, profile.counting, profile.url_length) if profile else ()
    ctx = context(seed, hook, angle, platform, *counts)
    name = options.template or render.platform_template(repo.templates_dir, platform)
    body = render.render(repo.templates_dir, name, ctx)
    draft_text = draft_document(seed, ctx, body, created or dates.now_utc())
    seed_bytes = developed_seed(seed, draft_rel, repo.config)
    overrides = {seed_path: seed_bytes, draft_path: draft_text.encode("utf-8")}  # the new draft's status too
    index_bytes, index_old = indexrows.plan_with(repo, overrides, extra_drafts=(draft_path,))
    writes = {draft_path: draft_text.encode("utf-8"), seed_path: seed_bytes}
    changes = [f"{'overwrite' if old_draft is not None else 'write'} {draft_rel}"]
    kept = ""
    if old_draft is not None and old_draft != writes[draft_path]:
        kept_path = kept_copy(repo, draft_rel, created or dates.now_utc())
        writes[kept_path] = old_draft
        kept = repo.rel(kept_path)
        changes.insert(0, f"keep the old text of {draft_rel} in {kept}")
    change = seed_change(seed, draft_rel, repo.config)
    change = f"add front matter ({change}); it had none" if seed.doc.bare else change
    changes.append(f"update {seed.rel}: {change}")
    if index_bytes != index_old:
        writes[repo.index_path] = index_bytes
        changes.append(f"refresh {repo.config.index_file}")
    warnings = said + over_limit_warnings(repo, draft_rel, body, platform)
    return Plan(
        seed, draft_path, draft_rel, draft_text, hook, angle, platform, writes, changes, warnings, kept
    )


def refuse_published(repo: Repo, seed: seeds.Seed, draft_rel: str) -> None:
    """A published post's draft is never rewritten. A seed past `developed` gets drafts for other
    platforms (it stays published), but not again the one it was published from: the draft its
    `developed_to` names for this platform, or any draft when it names none."""
    statuses = repo.config.statuses
    developed = State.DEVELOPED
    later = statuses[statuses.index(developed) + 1 :] if developed in statuses else (State.PUBLISHED,)
    url = seed.get("published_url")
    drafts = lifecycle.drafts_of(seed.meta.get("developed_to"))
    mine = lifecycle.for_platform(drafts, folder_of(draft_rel), repo.config.platforms)
    if (seed.status in later or url) and (not drafts or (mine and len(drafts) == 1)):
        where = f"published at {url}" if url else f"already {seed.status} (no published_url recorded)"
        if drafts:
            where += f" from {drafts[0]}: a published post's draft is not rewritten"
            advice: tuple[str | Hint, ...] = ("for another platform use ", Hint("platform"),
                      ", for a new post start a new seed ('contentkit new')")
        else:
            where += " and it names no draft (no developed_to)"
            advice = ("for a new post start a new seed ('contentkit new')",)
        raise RefusedError((f"{where}; ", *advice), seed.rel, seed.doc.key_line("status"))


def drafts_of(seed: seeds.Seed) -> tuple[str, ...]:
    return lifecycle.drafts_of(seed.meta.get("developed_to"))


def refuse_developed(repo: Repo, seed: seeds.Seed, draft_rel: str, force: bool) -> None:
    """A seed that has a draft for this platform is developed again only with --force.

    A `developed_to` that names no file (a seed copied from another repo, a draft deleted by hand)
    holds no text to lose: the draft is written and the link repointed to it, without --force.
    """
    same = lifecycle.for_platform(drafts_of(seed), folder_of(draft_rel), repo.config.platforms)
    if same and not force and any(_exists(repo, rel) for rel in same):
        raise RefusedError(
            (f"already developed (see {same[0]}); use ", FORCE, " to develop it again, or ", Hint("platform"),
             " for another platform"),
            seed.rel,
        )


def _exists(repo: Repo, rel: str) -> bool:
    """Whether a linked draft is there (a link that cannot be a path inside the repo counts as there)."""
    try:
        return os.path.lexists(repo.root / rel)
    except (OSError, ValueError):
        return True


def folder_of(draft_rel: str) -> str:
    return lifecycle.folder_platform(draft_rel)


def seed_change(seed: seeds.Seed, draft_rel: str, config: Config) -> str:
    status = lifecycle.advance(seed.status, State.DEVELOPED, config.statuses)
    drafts = lifecycle.with_draft(drafts_of(seed), draft_rel, config.platforms)
    said = seed_edits.said
    return f"{said(seed, 'status', status)}, {said(seed, 'developed_to', ', '.join(drafts))}"


def existing_draft(repo: Repo, draft_path: Path, seed: seeds.Seed, force: bool) -> bytes | None:
    """The draft's current bytes (None when there is none); refused unless --force, or when published."""
    try:
        data = read_bounded(draft_path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:
        raise RefusedError(f"cannot read {repo.rel(draft_path)}: {exc.strerror}", seed.rel) from None
    rel = repo.rel(draft_path)
    status = _draft_status(data, rel)
    if status == State.PUBLISHED:
        raise RefusedError(f"{rel} is a published post: it is not rewritten; start a new seed", seed.rel)
    if status == State.SCHEDULED:  # a fresh draft would drop the plan without a word
        raise RefusedError(f"{rel} is scheduled: run 'contentkit unschedule {rel}' first", seed.rel)
    if not force:
        raise RefusedError(
            (f"{rel} already exists and may hold your edits; use ", FORCE, " to develop again "
             "(its old text is kept)"),
            seed.rel,
        )
    return data


def _draft_status(data: bytes, rel: str) -> str:
    try:
        return seeds.text_of(frontmatter.parse(data, Path(rel)).meta.get("status"))
    except ContentkitError:
        return ""


def kept_copy(repo: Repo, draft_rel: str, moment: str) -> Path:
    """Where `--force` keeps a file's old text: `.contentkit/kept/<its path>.<UTC time>.md`.

    Under .contentkit/, so no listing, index or validate run ever sees it as a draft.
    """
    stamp = re.sub(r"[^0-9TZ]", "", moment)  # 2026-12-01T21:23:00Z -> 20261201T212300Z
    base = repo.state_dir / KEPT / draft_rel.removesuffix(".md")
    path = base.with_name(f"{base.name}.{stamp}.md")
    number = 2
    while path.exists():
        path = base.with_name(f"{base.name}.{stamp}-{number}.md")
        number += 1
    return path


def over_limit_warnings(repo: Repo, rel: str, body: str, platform: str) -> list[str]:
    """A draft over its platform's limit is still written (the writer edits it down), with a warning."""
    profile = repo.config.platforms.get(platform)
    if profile is None:
        return []
    return [
        f"{rel}: {post.limit_message(one.characters, profile, one.label)}; edit it down before posting"
        for one in post.thread_stats(body, profile)
        if one.over_limit
    ]


def develop(repo: Repo, seed_path: Path, options: Options) -> Plan:
    """Plan and write under the repo lock, so concurrent runs each see the other's INDEX.md rows."""
    with repo.lock():
        result = plan(repo, seed_path, options)
        repo.write_all(result.writes)
    return result
