"""Lint one draft: export it as `export` does (the post, then its first comment separately), run the
checks on the plain text, map each hit back to the draft's line:col, drop what `[lint]` switches off
or an inline `<!-- contentkit: ignore CK6xx -->` silences. Pure but for the optional external tools.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from contentkit.base.codes import CODES
from contentkit.model import firstcomment
from contentkit.platforms.posttext import post_text
from contentkit.platforms.profiles import Platform
from contentkit.store.lint_settings import LintSettings
from contentkit.usecases.lint import external, rules
from contentkit.usecases.lint.sourcemap import SourceMap, normal

_IGNORE = re.compile(r"<!--\s*contentkit:\s*ignore\b([^>]*?)-->", re.IGNORECASE)
_CODE = re.compile(r"CK\d{3}")


class Finding(NamedTuple):
    line: int
    col: int
    code: str
    message: str
    fix: str | None = None

    @property
    def severity(self) -> str:
        return CODES[self.code][0]

    def to_json(self, path: str) -> dict[str, Any]:
        return {"path": path, "line": self.line, "col": self.col, "code": self.code,
                "severity": self.severity, "message": self.message, "fix": self.fix}


def lint(markdown: str, profile: Platform, settings: LintSettings, lang: str = "en") -> list[Finding]:
    """Every finding of a draft (its whole file text), in order of the file."""
    source = normal(markdown)
    post_md, section, _line = firstcomment.split(source)
    parts = [(post_text(post_md), 0, len(post_md), False)]
    if section is not None:
        comment = firstcomment.first_comment(source)
        parts.append((comment.text if comment else "", len(post_md), len(source), True))
    found: list[Finding] = []
    for text, start, end, is_comment in parts:
        found.extend(_part(text, source, start, end, rules.Post(text, profile, settings, is_comment), lang))
    ignored = _ignored(source)
    kept = [f for f in found if not _silenced(f, ignored)]
    return sorted(kept, key=lambda f: (f.line, f.col, f.code))


def _part(text: str, source: str, start: int, end: int, post: rules.Post, lang: str) -> Iterator[Finding]:
    if not text:
        return
    hits = rules.check(post)
    settings = post.settings
    if settings.on("CK607") and not post.first_comment:
        figure = external.readability(text, lang)
        hits += [figure] if figure else []
    for tool, code in (("proselint", "CK608"), ("vale", "CK609")):
        wanted = getattr(settings, tool)
        if wanted is False or not settings.on(code):
            continue
        if external.available(tool):
            hits += external.run_tool(tool, text)
        elif wanted is True:
            hits.append(rules.Hit(code, 0, 0, f"{tool} is not installed (asked for by [lint] {tool} = true)"))
    mapping = SourceMap(text, source, start, end)
    for hit in hits:
        line, col = mapping.position(hit.start)
        yield Finding(line, col, hit.code, hit.message, hit.fix)


def _ignored(source: str) -> dict[int, set[str] | None]:
    """Per 1-based line, the codes silenced there (None: every lint code). A comment alone on its line
    silences the next line too."""
    out: dict[int, set[str] | None] = {}
    lines = source.split("\n")
    for number, line in enumerate(lines, 1):
        for match in _IGNORE.finditer(line):
            codes = set(_CODE.findall(match.group(1))) or None
            targets = [number, number + 1] if not _IGNORE.sub("", line).strip() else [number]
            for target in targets:
                known = out.get(target, set())
                out[target] = None if codes is None or known is None else known | codes
    return out


def _silenced(finding: Finding, ignored: dict[int, set[str] | None]) -> bool:
    if finding.line not in ignored:
        return False
    codes = ignored[finding.line]
    return codes is None or finding.code in codes
