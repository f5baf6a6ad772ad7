"""The draft rules: each a function from a FileCheck to Diagnostics, listed in DRAFT_RULES.

Each code is a row of codes.CODES (with its severity) and a section of docs/RULES.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from contentkit.base.codes import AFTER_COMMENT, COMMENT_OVER_LIMIT
from contentkit.base.dates import is_iso_8601
from contentkit.base.slug import stem_slug
from contentkit.model import firstcomment
from contentkit.model.lifecycle import DRAFT_STATUSES, State
from contentkit.platforms import posttext as post
from contentkit.store.schema import is_http_url
from contentkit.usecases.lint.run import lint
from contentkit.usecases.validate.diagnostics import Diagnostic, shown
from contentkit.usecases.validate.workspace import FileCheck, Rule

if TYPE_CHECKING:
    from contentkit.store.config import Platform


def draft_seed(check: FileCheck) -> Iterator[Diagnostic]:
    value = check.meta.get("seed")
    if value in (None, "") and check.meta.get("type") == "draft":  # one develop wrote, its link lost
        yield check.report("CK401", "draft has no 'seed' key naming the seed it was developed from")
        return
    if value in (None, ""):  # a draft written before contentkit: paired by its name, or on its own
        if not check.space.with_slug(stem_slug(Path(check.rel).stem)):
            yield check.report("CK220", "draft names no seed and no seed shares its name: it stays a draft "
                               "of its own (add 'seed: PATH' to pair it with its seed)")
        return
    rel, problem = check.space.target(value)
    at = check.value_at("seed")
    if problem:
        yield check.report("CK402", f"seed {shown(value)} {problem}", at)
    elif rel not in check.space.seed_names:
        where = "is not a seed file" if check.space.is_file(rel) else "points at no file"
        seeds_dir = check.config.seeds_dir
        yield check.report("CK403", f"seed '{rel}' {where} under {seeds_dir}/", at)


def draft_plan(check: FileCheck) -> Iterator[Diagnostic]:
    """CK404-CK405: the draft's own lifecycle (draft -> scheduled -> published) and its times."""
    status = check.meta.get("status")
    if status not in (None, "") and status not in DRAFT_STATUSES:
        states = ", ".join(DRAFT_STATUSES)
        message = f"status {shown(status)} is not a draft state: {states}"
        yield check.report("CK404", message, check.value_at("status"))
    for key in ("scheduled_at", "published_at"):
        value = check.meta.get(key)
        if value not in (None, "") and not is_iso_8601(value):
            message = f"{key} {shown(value)} is not an ISO 8601 date or date-time (like 2027-06-01T09:00:00Z)"
            yield check.report("CK405", message, check.value_at(key))
    if status == State.SCHEDULED and check.meta.get("scheduled_at") in (None, ""):
        run_it = "run 'contentkit schedule DRAFT --at WHEN'"
        message = f"status is scheduled but no scheduled_at says when: {run_it}"
        yield check.report("CK405", message, check.value_at("status"))


def draft_url(check: FileCheck) -> Iterator[Diagnostic]:
    """CK211: the post's address, as CK204 checks a seed's (http or https, a host, printable)."""
    value = check.meta.get("published_url")
    if value not in (None, "") and not is_http_url(value):
        message = f"published_url {shown(value)} is not an http(s) URL"
        yield check.report("CK211", message, check.value_at("published_url"))


def platform_limits(check: FileCheck) -> Iterator[Diagnostic]:
    """CK501-CK504: the exported post and its first comment against its platform's profile.

    Only drafts of a configured platform are measured; the export (and markdown-it) loads only here.
    """
    value = check.meta.get("platform")
    name = value if isinstance(value, str) and value else check.config.default_platform
    profile = check.config.platforms.get(name)
    if profile is None:
        return

    for finding in post.check_draft(check.doc.text, profile):
        yield check.report(finding.code, finding.message, (finding.line, 1))
    yield from _first_comment(check, profile)
    if check.config.lint.validate:
        yield from _reader_checks(check, profile)


def _reader_checks(check: FileCheck, profile: Platform) -> Iterator[Diagnostic]:
    """CK601-CK606: contentkit lint's own checks, as warnings (no readability figure, no external tools)."""
    from dataclasses import replace


    settings = replace(check.config.lint, proselint=False, vale=False, off=(*check.config.lint.off, "CK607"))
    for finding in lint(check.doc.text, profile, settings):
        yield check.report(finding.code, finding.message, (finding.line, finding.col))


def _first_comment(check: FileCheck, profile: Platform) -> Iterator[Diagnostic]:
    """CK504: the `## First comment` section against the platform's comment_limit; CK505: a heading
    below it (the section runs to the end of the draft)."""
    comment = firstcomment.first_comment(check.doc.text)
    if comment is not None and firstcomment.over(comment, profile.comment_limit):
        message = firstcomment.limit_message(comment, profile.name, profile.comment_limit)
        yield check.report(COMMENT_OVER_LIMIT, message, (comment.line, 1))
    later = firstcomment.later_heading(check.doc.text) if comment is not None else None
    if later is not None and comment is not None:
        message = (
            f"'{later[1]}' is below '## First comment' (line {comment.line}): it and the text under it go "
            "in the first comment, not the post; move the first comment to the end of the draft"
        )
        yield check.report(AFTER_COMMENT, message, (later[0], 1))


DRAFT_RULES: tuple[Rule, ...] = (draft_seed, draft_plan, draft_url, platform_limits)
