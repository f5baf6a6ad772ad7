"""The writer's content in a seed: what a draft carries, in order, without the notes.

Content is the text before the first heading, Core Idea, Key Points and every section contentkit
does not know (an outline's `## Part 1`, `## Closing + CTA`); notes are hooks and angles (wherever
hooks.py found them), themes and next steps: a draft keeps those in its comment, not in the post.
"""

from __future__ import annotations

from collections.abc import Sequence

from contentkit.base.lines import split as split_lines
from contentkit.model import hooks
from contentkit.model.headings import SectionForms
from contentkit.model.sections import Section


def content(lines: list[str], start: int, stop: int, notes: frozenset[int], first_line: int = 0) -> str:
    """Body lines [start, stop) without the lines that hold hooks or angles, blank runs folded."""
    kept: list[str] = []
    for n in range(start, stop):
        if n + first_line in notes:
            continue
        text = lines[n].rstrip("\r\n")
        if not text.strip() and (not kept or not kept[-1].strip()):
            continue
        kept.append(text)
    return "\n".join(kept).strip()


def content_sections(
    body: str, first_line: int, sections: Sequence[Section], notes: frozenset[int], forms: SectionForms
) -> list[Section]:
    """The sections that are the writer's content, in order (the text before the first heading,
    Core Idea, Key Points and every section of no kind), each's `markdown` without the lines that
    hold hooks or angles; hooks, angles, themes and next steps are notes, left out."""
    lines = split_lines(body)
    ordered = sorted(sections, key=lambda s: s.line)
    kept: list[Section] = []
    for n, section in enumerate(ordered):
        if section.kind not in CONTENT or hooks.named(forms, section):
            continue
        start = section.line - first_line + (1 if section.heading else 0)
        stop = ordered[n + 1].line - first_line if n + 1 < len(ordered) else len(lines)
        markdown = content(lines, max(start, 0), stop, notes, first_line)
        if markdown:
            kept.append(section._replace(markdown=markdown))
    return kept


CONTENT = (None, "core_idea", "key_points")  # the section kinds a draft carries
