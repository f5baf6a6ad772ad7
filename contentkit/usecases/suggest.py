"""`contentkit suggest`: hook and angle ideas for a seed from a model, in the writer's own voice.

The prompt carries the seed (title, core idea, key points, its hooks and angles) and, as examples,
the hooks of the writer's best posts by `stats` (highest engagement rate first); with no metrics it
says so and has none. The model is reached through simonw's `llm` (the `suggest` extra, imported
only in `ask`), which also logs the prompt and the answer to its logs.db as the `llm` command does.

The answer is untrusted: each suggestion becomes one clean line (no markup that opens a section, a
list, a fence or a comment; capped), and one the seed already has is dropped. They are written into
the seed by suggested.py, under a marked sub-list, never into a draft; the seed is read again under
the write lock, so a change made while the model was answering is kept.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from contentkit.base import dates, lines
from contentkit.base.errors import ContentkitError, ModelError, UsageError
from contentkit.base.extras import need
from contentkit.base.words import plural
from contentkit.markdown.frontmatter import BOM
from contentkit.model import language, suggested
from contentkit.model import seed as seeds
from contentkit.model.hooks import unquote
from contentkit.model.sections import parse_angle
from contentkit.store import catalog
from contentkit.store.repo import Repo
from contentkit.usecases import index
from contentkit.usecases.metrics import history, posts, record, stats

EXAMPLES = 5  # the best posts whose hooks the prompt shows
HOOK_CAP = 280  # characters of a suggested hook (a LinkedIn phone fold is about 140, X's post 280)
TITLE_CAP = 120
DESCRIPTION_CAP = 280

Answer = Callable[[str | None, str], tuple[str, str]]  # (model name, prompt) -> (model id, answer)


@dataclass(frozen=True)
class Options:
    hooks: int = 5
    angles: int = 3
    model: str | None = None  # llm's default model when None


@dataclass(frozen=True)
class Example:
    hook: str
    post: str
    rate: float | None


@dataclass(frozen=True)
class Suggestions:
    hooks: tuple[str, ...]
    angles: tuple[tuple[str, str], ...]  # (title, description)
    dropped: int  # answer lines refused as markup, duplicates or past the counts asked for


@dataclass(frozen=True)
class Plan:
    seed: seeds.Seed
    model: str
    date: str
    prompt: str
    examples: tuple[Example, ...]
    found: Suggestions
    hook_lines: tuple[str, ...] = ()  # as written into the seed
    angle_lines: tuple[str, ...] = ()
    writes: dict[Path, bytes] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "seed": self.seed.rel,
            "model": self.model,
            "date": self.date,
            "hooks": list(self.found.hooks),
            "angles": [{"title": t, "description": d} for t, d in self.found.angles],
            "examples": [{"post": e.post, "hook": e.hook, "engagement_rate": e.rate} for e in self.examples],
            "dropped": self.found.dropped,
            "notes": self.notes,
        }


# --- the examples and the prompt -----------------------------------------------------------------


def examples(repo: Repo, count: int = EXAMPLES) -> list[Example]:
    """The hooks of the writer's best posts, as `stats` ranks them (highest engagement rate first)."""
    latest = history.current(record.read(repo))
    measured = stats.measured(posts.published(repo, catalog.collect(repo)), latest)
    return [Example(m.post.hook, m.post.key, m.rate) for m in stats.top_posts(measured, count) if m.post.hook]


def prompt_text(seed: seeds.Seed, shown: list[Example], options: Options) -> str:
    parts = [
        "You help a writer find opening lines (hooks) and angles for a social media post about the idea "
        "below. Suggest; do not write the post. Write in the language of the idea, in the writer's voice.",
        f"Title: {seed.title}",
    ]
    if seed.core_idea:
        parts.append(f"Core idea: {seed.core_idea}")
    parts += _listed("Key points", seed.key_points)
    parts += _listed("Hooks the writer already has (do not repeat them)", seed.hooks)
    parts += _listed("Angles the writer already has (do not repeat them)",
                     [f"{a.title} - {a.description}" if a.description else a.title for a in seed.angles])
    if shown:
        parts += _listed("Hooks of the writer's best posts so far (match their voice, not their topic)",
                         [e.hook for e in shown])
    parts.append(
        f"Answer with exactly {options.hooks} lines that start with 'HOOK: ' (one opening line each) and "
        f"{options.angles} lines that start with 'ANGLE: ' (a short title, ' - ', then one sentence on what "
        "the post argues from that angle). No other text, no Markdown."
    )
    return "\n\n".join(parts) + "\n"


def _listed(title: str, values: list[str]) -> list[str]:
    shown = [" ".join(v.split()) for v in values if v.strip()]
    return [f"{title}:\n" + "\n".join(f"- {v}" for v in shown)] if shown else []


# --- the model ---------------------------------------------------------------------------------


def ask(model_name: str | None, prompt: str) -> tuple[str, str]:
    """The model's id and its answer; the prompt and the answer logged to llm's logs.db (unless the
    writer turned llm's logging off with `llm logs off`)."""
    llm = need("suggest", "suggest")
    try:
        model = llm.get_model(model_name)
    except llm.UnknownModelError as exc:
        raise UsageError(f"--model: {exc.args[0] if exc.args else exc} (see 'llm models')") from None
    try:
        response = model.prompt(prompt)
        text = response.text()
    except Exception as exc:  # a plugin's own errors: a missing key, the network, the service
        said = _one_line(str(exc)) or type(exc).__name__
        raise ModelError(f"model {model.model_id} failed: {said}") from None
    _log(llm, response)
    return str(model.model_id), str(text)


def _log(llm: Any, response: Any) -> None:
    """As the `llm` command logs a prompt: into user_dir()/logs.db, unless `logs-off` is there."""
    import sqlite_utils
    from llm.migrations import migrate

    folder = llm.user_dir()
    if (folder / "logs-off").exists():
        return
    db = sqlite_utils.Database(folder / "logs.db")
    try:
        migrate(db)  # type: ignore[no-untyped-call]
        response.log_to_db(db)
    finally:
        db.close()


def _one_line(text: str) -> str:
    return " ".join(text.split())[:300]


# --- the answer, untrusted ---------------------------------------------------------------------

_LABELLED = re.compile(
    r"^(?:[-*+]\s+|\d{1,3}[.)]\s+)?(?:\*\*|__)?(?P<kind>hook|angle)s?\s*\d{0,2}(?:\*\*|__)?\s*[:：]"
    r"(?:\*\*|__)?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_LEADING = re.compile(r"^(?:[-*+>]\s+|\d{1,9}[.)]\s+|\[[ xX]\]\s+)+")
_BIDI = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
_OPENS = ("#", "```", "~~~", "<", "|")


def clean_line(text: str, cap: int) -> str | None:
    """One suggestion as one safe line, or None: control and direction characters gone, whitespace
    collapsed, list and quote markers before it gone; refused when it would open a heading, a fence,
    HTML or a comment, or is only punctuation; cut at a word before `cap` characters."""
    text = "".join(c for c in text.translate(_BIDI) if unicodedata.category(c) != "Cc" or c == "\t")
    text = _LEADING.sub("", " ".join(text.split())).strip().rstrip("\\").strip()
    if not text or text.startswith(_OPENS) or "<!--" in text or "-->" in text:
        return None
    if not any(c.isalnum() for c in text):
        return None
    if len(text) > cap:
        cut = text[: cap - 1]
        text = (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:-") + "…"
    return text


def key(text: str) -> str:
    """What two suggestions are compared by: their words, case and punctuation aside."""
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


def _hook(rest: str) -> tuple[str, str] | None:
    text = clean_line(unquote(clean_line(rest, HOOK_CAP) or ""), HOOK_CAP)
    return (text, "") if text else None


def _angle(rest: str) -> tuple[str, str] | None:
    angle = parse_angle(clean_line(rest, TITLE_CAP + DESCRIPTION_CAP) or "")
    title = clean_line(angle.title, TITLE_CAP)
    return (title, clean_line(angle.description, DESCRIPTION_CAP) or "") if title else None


READERS = {"hook": _hook, "angle": _angle}


def parse(answer: str, seed: seeds.Seed, options: Options) -> Suggestions:
    """The `HOOK:` and `ANGLE:` lines of an answer, cleaned, each new to the seed, up to the counts."""
    seen = {key(h) for h in seed.hooks} | {key(a.title) for a in seed.angles}
    wanted = {"hook": options.hooks, "angle": options.angles}
    taken: dict[str, list[tuple[str, str]]] = {"hook": [], "angle": []}
    dropped = 0
    for raw in answer.splitlines():
        match = _LABELLED.match(raw.strip())
        if match is None:
            dropped += bool(raw.strip())
            continue
        kind = match.group("kind").lower()
        item = READERS[kind](match.group("rest"))
        if item is None or key(item[0]) in seen or len(taken[kind]) >= wanted[kind]:
            dropped += 1
            continue
        seen.add(key(item[0]))
        taken[kind].append(item)
    return Suggestions(tuple(t for t, _ in taken["hook"]), tuple(taken["angle"]), dropped)


# --- the seed edit -----------------------------------------------------------------------------


def today_in(timezone: str) -> str:
    """Today's date in the repo's time zone (the config's `timezone`; the system's when it names none)."""
    zone = dates.zone(timezone)
    return (dt.datetime.now(zone) if zone is not None else dt.datetime.now().astimezone()).date().isoformat()


def safe_model(name: str) -> str:
    """A model id as the marker comment can hold it (never `--`, which would end the comment)."""
    text = re.sub(r"[^\w.:/@+-]+", "-", name)
    while "--" in text:
        text = text.replace("--", "-")
    return text.strip("-") or "model"


DETECTED_FROM = 12  # words: below that a language guess is noise (a new section's heading in English)


def language_of(seed: seeds.Seed) -> str:
    """The seed's `lang:`, else the language its words are in when there are enough of them to tell."""
    words = "\n".join([seed.title, seed.core_idea, *seed.key_points, *seed.hooks])
    enough = len(words.split()) >= DETECTED_FROM
    return language.declared(seed.meta) or (language.detected(words) if enough else "")


def edited(
    seed: seeds.Seed, found: Suggestions, model: str, date: str
) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """The seed's text with the suggestions in marked sub-lists (hooks, then angles), and the lines
    as written. A suggestion the seed has meanwhile is left out."""
    text, parts = seed.doc.text, list(seed.sections.values())
    lang = language_of(seed)
    marker = suggested.mark(safe_model(model), date)
    have = {key(h) for h in seed.hooks} | {key(a.title) for a in seed.angles}
    hooks = [h for h in found.hooks if key(h) not in have]
    angles = [a for a in found.angles if key(a[0]) not in have]
    hook_lines: tuple[str, ...] = ()
    if hooks:
        text = suggested.insert(text, seed.section("hooks"), parts, "hooks", hooks, marker,
                                suggested.heading_for("hooks", lang))
        again = seeds.parse(text, seed.path, Path("."), rel=seed.rel, forms=seed.forms, aliases=seed.aliases)
        parts = list(again.sections.values())
        hook_lines = tuple(hooks)
    angle_lines: tuple[str, ...] = ()
    if angles:
        section = next((s for s in parts if s.kind == "angles"), None)
        rows = lines.split(text)
        start, end = suggested.span(text, section, parts)
        style = suggested.style_of(rows[start:end], "angles")
        shown = [suggested.angle_line(t, d, style) for t, d in angles]
        heading = suggested.heading_for("angles", lang)
        text = suggested.insert(text, section, parts, "angles", shown, marker, heading)
        angle_lines = tuple(shown)
    return text, hook_lines, angle_lines


def plan(
    repo: Repo, seed_path: Path, options: Options, answer: Answer = ask, date: str | None = None
) -> Plan:
    """Ask the model (nothing written) and plan the seed's edit and INDEX.md."""
    seed_path = repo.writable(seed_path)
    seed = seeds.load_in(repo, seed_path)
    notes: list[str] = []
    where = repo.config.metrics_file
    try:
        shown = examples(repo)
    except ContentkitError as exc:  # a damaged metrics file: said, and no examples
        shown = []
        notes.append(f"{exc.located()}: the prompt has no examples of your best hooks")
    else:
        if not shown:
            notes.append(f"no figures in {where} yet: the prompt has no examples of your best hooks")
    prompt = prompt_text(seed, shown, options)
    model, text = answer(options.model, prompt)
    found = parse(text, seed, options)
    if found.dropped:
        lines_left = plural(found.dropped, "line")
        notes.append(f"left out {lines_left} of the answer (not a new hook or angle, or markup)")
    day = date or today_in(repo.config.timezone)
    return Plan(seed, model, day, prompt, tuple(shown), found, notes=notes)


def written(repo: Repo, result: Plan) -> Plan:
    """The plan with the seed read again now (under the lock) and its writes: the seed and INDEX.md."""
    seed = seeds.load_in(repo, result.seed.path)
    text, hook_lines, angle_lines = edited(seed, result.found, result.model, result.date)
    if not (hook_lines or angle_lines):
        return result
    data = ((frontmatter_bom(seed)) + text).encode("utf-8")
    writes = {seed.path: data}
    index_bytes, index_old = index.plan(repo, catalog.collect(repo, {seed.path: data}))
    if index_bytes != index_old:
        writes[repo.index_path] = index_bytes
    return Plan(seed, result.model, result.date, result.prompt, result.examples, result.found, hook_lines,
                angle_lines, writes, result.notes)


def frontmatter_bom(seed: seeds.Seed) -> str:
    return BOM if seed.doc.bom else ""


def suggest(
    repo: Repo, seed_path: Path, options: Options, answer: Answer = ask, date: str | None = None
) -> Plan:
    """Ask, then write the suggestions into the seed under the repo lock (the model is asked outside it)."""
    result = plan(repo, seed_path, options, answer, date)
    with repo.lock():
        result = written(repo, result)
        if result.writes:
            repo.write_all(result.writes)
    return result

