"""The seed rules: each a function from a FileCheck to Diagnostics, listed in SEED_RULES.

Each code is a row of codes.CODES (with its severity) and a section of docs/RULES.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contentkit.base.dates import is_seed_date
from contentkit.base.slug import language_folder, stem_slug
from contentkit.markdown import blocks
from contentkit.model import lifecycle, sections, seed
from contentkit.model.lifecycle import State
from contentkit.store import schema
from contentkit.store.schema import did_you_mean
from contentkit.usecases.validate.diagnostics import Diagnostic, shown
from contentkit.usecases.validate.workspace import FileCheck, Rule

if TYPE_CHECKING:
    from contentkit.model.seed import Seed


def _called(check: FileCheck, key: str) -> str:
    """A key as the repo names it: `created` or, with aliases, `created (created_date, date)`."""
    names = check.config.aliases.names(key)
    return f"{key}' (or {', '.join(names)})" if names else f"{key}'"


def required_keys(check: FileCheck) -> Iterator[Diagnostic]:
    if check.doc.bare:  # no front matter, where the config allows that: no key is missing, all are
        return
    for key in check.config.required:
        if key not in check.meta:
            yield check.report("CK201", f"missing required key '{_called(check, key)}")
        elif check.meta[key] is None or check.meta[key] == "":
            yield check.report("CK201", f"required key '{check.name(key)}' has no value", check.key_at(key))


def unknown_keys(check: FileCheck) -> Iterator[Diagnostic]:
    """Keys as the file writes them: an alias of a known key is known."""
    known = (*check.config.known_keys, *check.config.required)
    aliased = check.config.aliases.key_names
    for key in check.doc.meta:
        if key not in known and key not in aliased:
            name = str(key)
            hint = did_you_mean(name, known)
            yield check.report("CK301", f"unknown key '{name}'{hint}", check.key_at(name))


_TYPE_NAMES: tuple[tuple[type, str], ...] = (
    (bool, "a boolean"),
    (int, "a number"),
    (float, "a number"),
    (dt.date, "a date"),
    (list, "a list"),
    (dict, "a mapping"),
)


def _type_name(value: Any) -> str:
    return next((name for kind, name in _TYPE_NAMES if isinstance(value, kind)), type(value).__name__)


def value_types(check: FileCheck) -> Iterator[Diagnostic]:
    for key in schema.TEXT_KEYS:
        value = check.meta.get(key)
        if value is not None and not isinstance(value, str):
            written = check.written(key)
            name = check.name(key)
            message = f"'{name}' must be text, but YAML reads {written} as {_type_name(value)}"
            if written and '"' not in written:
                message += f'; quote it: {name}: "{written}"'
            yield check.report("CK209", message, check.value_at(key))
    for key in schema.LIST_KEYS:
        value = check.meta.get(key)
        if isinstance(value, str):  # Jekyll's string tags: `tags: a, b` or `tags: a b`
            continue
        if value is not None and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            message = f"'{check.name(key)}' must be a list of text items"
            yield check.report("CK209", message, check.value_at(key))


def status_in_lifecycle(check: FileCheck) -> Iterator[Diagnostic]:
    value = check.meta.get("status")
    statuses = check.config.statuses
    if value is None or value == "" or value in statuses:
        return
    aliases = check.config.aliases
    hint = did_you_mean(value, aliases.accepted(statuses)) if isinstance(value, str) else ""
    lifecycle = aliases.vocabulary(statuses)
    message = f"status {shown(value)} is not in the lifecycle: {lifecycle}{hint}"
    yield check.report("CK202", message, check.value_at("status"))


def dates(check: FileCheck) -> Iterator[Diagnostic]:
    for key in schema.DATE_KEYS:
        value = check.meta.get(key)
        if value not in (None, "") and not is_seed_date(value):
            message = (
                f"{check.name(key)} {shown(value)} is not an ISO 8601 date or date-time "
                "(like 2025-12-19 or 2025-12-19T05:10:00Z)"
            )
            yield check.report("CK203", message, check.value_at(key))


def urls(check: FileCheck) -> Iterator[Diagnostic]:
    for key in schema.URL_KEYS:
        value = check.meta.get(key)
        if value not in (None, "") and not schema.is_http_url(value):
            message = f"{check.name(key)} {shown(value)} is not an http(s) URL"
            yield check.report("CK204", message, check.value_at(key))


def developed_has_draft(check: FileCheck) -> Iterator[Diagnostic]:
    status = check.meta.get("status")
    if status == State.DEVELOPED and not lifecycle.drafts_of(check.meta.get("developed_to")):
        said = check.doc.meta.get(check.name("status"))
        message = f"status is {said} but {check.name('developed_to')} does not say which draft"
        yield check.report("CK205", message, check.value_at("status"))


def _developed_to(check: FileCheck) -> list[Any]:
    """developed_to's values: one path, or each item of a list of paths."""
    value = check.meta.get("developed_to")
    if value in (None, ""):
        return []
    return list(value) if isinstance(value, list) else [value]


def developed_to_exists(check: FileCheck) -> Iterator[Diagnostic]:
    for value in _developed_to(check):
        rel, problem = check.space.target(value)
        where, name = check.value_at("developed_to"), check.name("developed_to")
        if problem:
            yield check.report("CK206", f"{name} {shown(value)} {problem}", where)
        elif not check.space.is_file(rel):
            yield check.report("CK207", f"{name} '{rel}' points at no file", where)


def draft_points_back(check: FileCheck) -> Iterator[Diagnostic]:
    for value in _developed_to(check):
        rel, problem = check.space.target(value)
        if problem or not check.space.is_file(rel):
            continue
        draft = check.space.document(rel)
        if draft is None:
            continue
        back = draft.meta.get("seed")
        back_rel = check.space.target(back)[0]
        if back_rel != check.rel:
            says = f"seed: {shown(back)}" if back not in (None, "") else "no seed key"
            message = f"{check.name('developed_to')} '{rel}' does not point back at this seed (it has {says})"
            yield check.report("CK302", message, check.value_at("developed_to"))


def unique_slug(check: FileCheck) -> Iterator[Diagnostic]:
    slug = stem_slug(Path(check.rel).stem)
    language = language_folder(check.rel)  # `en/idea.md` and `ru/idea.md`: one idea, two languages
    others = [rel for rel in check.space.with_slug(slug)
              if rel != check.rel and not (language and language_folder(rel) not in ("", language))]
    if others:
        yield check.report("CK208", f"slug '{slug}' is also used by {', '.join(sorted(others))}")


def platform_known(check: FileCheck) -> Iterator[Diagnostic]:
    value = check.meta.get("platform")
    platforms = check.config.platforms
    if isinstance(value, str) and value and value not in platforms:
        message = schema.unknown_platform(value, platforms)
        yield check.report("CK305", message, check.value_at("platform"))


# (code, Seed attribute and section kind, what the writer lacks, what follows, the skeleton's heading)
DEVELOP_NEEDS: tuple[tuple[str, str, str, str, str], ...] = (
    ("CK303", "hooks", "hook ideas", "the draft will open with its title", "Hook Ideas"),
    ("CK304", "angles", "angles", "the draft will follow none", "Potential Angles"),
)


def developable(check: FileCheck) -> Iterator[Diagnostic]:
    """A seed at the start of the lifecycle needs hooks before `develop` can use it; an angle is
    optional (a warning says the draft will follow none)."""
    if check.meta.get("status") not in check.config.statuses[:1]:
        return
    seed = _body_of(check)
    for code, kind, what, outcome, heading in DEVELOP_NEEDS:
        if seed is not None and getattr(seed, kind):
            continue
        section = seed.section(kind) if seed is not None else None
        at = (section.line + 1, 1) if section is not None else check.value_at("status")
        heading = section.heading if section is not None else heading
        message = f"no {what} yet, {outcome}: add a list under '## {heading}'"
        yield check.report(code, message, at)


def _body_of(check: FileCheck) -> Seed | None:
    """The parsed body; None when no heading names hooks or angles (then markdown-it is not loaded).

    When the headings can be found by their lines (blocks.top_headings), a body none of whose
    headings names either kind (headings.py's rule) has no such section and is not parsed.
    """
    forms = check.config.forms  # the repo's [sections] forms too
    found = blocks.top_headings(check.doc.body)
    if found is not None:
        needed = {need[1] for need in DEVELOP_NEEDS}
        kind_of = sections.kind_of if forms is None else forms.kind_of
        if not any(kind_of(top.text) in needed for top in found[1]):
            return None

    title, parts = seed.parse_body(check.doc.body, check.doc.body_line, forms)
    return seed.Seed(Path(check.rel), check.rel, check.doc, title, parts, check.config.aliases)


def published_url_only_when_published(check: FileCheck) -> Iterator[Diagnostic]:
    """A lifecycle that contradicts itself: a post's URL on a seed still before `published`."""
    statuses = check.config.statuses
    status = check.meta.get("status")
    if State.PUBLISHED not in statuses or status not in statuses[: statuses.index(State.PUBLISHED)]:
        return
    if check.meta.get("published_url") not in (None, ""):
        message = f"published_url is set but status is {status}: mark it published, or remove the URL"
        yield check.report("CK210", message, check.value_at("published_url"))


SEED_RULES: tuple[Rule, ...] = (
    required_keys,
    unknown_keys,
    value_types,
    status_in_lifecycle,
    dates,
    urls,
    developed_has_draft,
    published_url_only_when_published,
    developed_to_exists,
    draft_points_back,
    unique_slug,
    platform_known,
    developable,
)
