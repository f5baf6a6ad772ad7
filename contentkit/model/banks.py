"""Idea banks: files that hold many ideas, not one (a heading per idea with its hooks or angles, a
long numbered or checkbox list of ideas, a Markdown table with a title column). adopt reports them
as left open, with the command that splits one into seeds. Pure: text in, a finding out.
"""

from __future__ import annotations

import re

MIN_ENTRIES = 3  # headings, each with hooks or angles under it
MIN_ITEMS = 8  # top-level numbered or checkbox items (a seed's own Next Steps hold a few)
MIN_ROWS = 3  # table rows

_HEADING = re.compile(r"(#{1,6})[ \t]+\S")
# a line that opens with a hook or an angle (`- Angle: ...`, `**Hook options:**`, `### Hook A`, `(Hook: ...)`)
_IDEA_PART = re.compile(r"[\s>*_#(+-]*(hooks?|angles?|хук\w*|угол|gancho|ángulo|angulo|góc)\b", re.IGNORECASE)
_ITEM = re.compile(r"(?:[0-9]{1,3}[.)]|[-*+][ \t]+\[[ xX]\])[ \t]+\S")
_TABLE_HEAD = re.compile(r"\|.*\b(title|idea|topic|headline|post|hook)s?\b.*\|", re.IGNORECASE)
_TABLE_RULE = re.compile(r"\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)+\|?")


def idea_bank(body: str) -> tuple[int, str] | None:
    """(how many ideas, how they are written) when a body holds many ideas; None for one idea."""
    lines = [line.rstrip() for line in body.splitlines()]
    for found in (_entries(lines), _items(lines), _table(lines)):
        if found is not None:
            return found
    return None


def _entries(lines: list[str]) -> tuple[int, str] | None:
    """Headings (`##`, else `###`) each with a hook or an angle under it, sub-headings included."""
    levels = [(n, len(m.group(1))) for n, line in enumerate(lines) if (m := _HEADING.match(line))]
    level = 2 if sum(1 for _, size in levels if size == 2) >= MIN_ENTRIES else 3
    with_parts = 0
    for at, (start, size) in enumerate(levels):
        if size != level or _IDEA_PART.match(lines[start].lstrip("#")):  # a Hooks section of one idea
            continue
        end = next((n for n, other in levels[at + 1 :] if other <= level), len(lines))
        with_parts += any(_IDEA_PART.match(line) for line in lines[start + 1 : end])
    return (with_parts, "headings with hooks or angles") if with_parts >= MIN_ENTRIES else None


def _items(lines: list[str]) -> tuple[int, str] | None:
    """One list of many items (blank and indented lines inside it), which is most of the file."""
    best = run = 0
    for line in lines:
        if _ITEM.match(line):
            run += 1
        elif line.strip() and not line[:1].isspace():
            run = 0
        best = max(best, run)
    top = sum(1 for line in lines if line.strip() and not line[:1].isspace())
    return (best, "a numbered or checkbox list of ideas") if best >= MIN_ITEMS and 2 * best >= top else None


def _table(lines: list[str]) -> tuple[int, str] | None:
    for n in range(len(lines) - 1):
        if _TABLE_HEAD.fullmatch(lines[n].strip()) and _TABLE_RULE.fullmatch(lines[n + 1].strip()):
            rows = 0
            for line in lines[n + 2 :]:
                if not line.strip().startswith("|"):
                    break
                rows += 1
            if rows >= MIN_ROWS:
                return rows, "a table with a title column"
    return None
