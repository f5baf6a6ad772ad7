"""`contentkit lint` over drafts: which drafts a SEED|DRAFT list names, their findings as a Report
(validate's, so the text and GitHub formats are validate's), the JSON with each finding's fix."""

from __future__ import annotations

import json
from pathlib import Path

from contentkit.base.errors import ContentkitError, SeedError, UsageError
from contentkit.model.seed import text_of
from contentkit.store.drafts import load_draft, read_draft
from contentkit.store.links import locate
from contentkit.store.repo import Repo
from contentkit.usecases.lint.run import Finding, lint
from contentkit.usecases.validate.diagnostics import Diagnostic, Report, diagnostic
from contentkit.usecases.validate.output import FORMATS


def drafts(target: Repo, refs: tuple[str, ...]) -> list[Path]:
    """The drafts to lint: each SEED|DRAFT's draft, once, in order; none named: every draft."""
    if not refs:
        return list(target.draft_files())
    found: dict[Path, None] = {}
    for ref in refs:
        try:
            draft: Path | None = target.resolve_draft(ref)
        except ContentkitError:
            _seed, draft = locate(target, ref)
        if draft is None:
            raise UsageError(f"'{ref}' has no draft yet: develop it first")
        found.setdefault(draft, None)
    return list(found)


def lint_repo(target: Repo, refs: tuple[str, ...], platform: str | None, fmt: str) -> tuple[Report, str]:
    rows: list[tuple[str, Finding]] = []
    named = drafts(target, refs)
    for path in named:
        try:
            loaded = load_draft(target, str(path), platform)
            _text, meta = read_draft(path, loaded.rel)
        except ContentkitError as exc:
            if refs:
                raise
            # one unreadable draft among many is one line; the others are still linted
            code = exc.code if isinstance(exc, SeedError) else "CK100"
            rows.append((target.rel(path), Finding(1, 1, code, exc.message)))
            continue
        lang = text_of(meta.get("lang")) or "en"
        rows += [(loaded.rel, f) for f in lint(loaded.text, loaded.profile, target.config.lint, lang)]
    report = Report(tuple(_diagnostic(rel, f) for rel, f in rows), len(named))
    if fmt == "json":
        return report, json.dumps([f.to_json(rel) for rel, f in rows], indent=2, ensure_ascii=False) + "\n"
    return report, FORMATS[fmt](report)


def _diagnostic(rel: str, finding: Finding) -> Diagnostic:
    fix = f" (fix: '{finding.fix}')" if finding.fix is not None else ""
    return diagnostic(rel, finding.line, finding.col, finding.code, finding.message + fix)
