"""Model-suggested hooks and angles in a seed: the marked sub-list they are written in, and which
hooks came from one.

A suggestion run adds, inside the kind's own section and after the writer's last line in it:

    (a blank line)
    <!-- suggested by MODEL on YYYY-MM-DD -->
    - "a suggested hook"

in the section's own list style (its marker, its next number, its quotes) and the file's line
endings; every byte that was there stays, in order. A later run adds a sub-list of its own after
the last one. A seed without the section gets one, before the first section of a kind that comes
later in `sections.KINDS` (else at the end), headed in the seed's language when vocabulary.FORMS
has one.

The sub-list is the run of list items right under the marker line: a blank line or any other line
ends it. A writer who moves a suggested line above the marker (or rewrites it under a blank line)
makes it their own. Pure: text in, text out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from contentkit.base import lines
from contentkit.model import hooks as found_hooks
from contentkit.model import sections
from contentkit.model.vocabulary import FORMS

MARK = re.compile(r"^<!--\s*suggested by (?P<model>.+?) on (?P<date>\d{4}-\d{2}-\d{2})\s*-->\s*$")
_ITEM = re.compile(
    r"^(?P<indent> {0,3})(?P<marker>[-*+]|(?P<number>[0-9]{1,9})(?P<delim>[.)]))(?P<space>[ \t]+)"
)
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]|$)")
_QUOTED = (('"', '"'), ("“", "”"), ("«", "»"), ("„", "“"))


class Style(NamedTuple):
    """How a section writes its list items: `- `, `* `, `3. `, `3) `; quotes around a hook; bold titles."""

    indent: str = ""
    marker: str = "-"
    number: int | None = None  # the next number of an ordered list
    delim: str = "."
    space: str = " "
    quotes: tuple[str, str] | None = None
    bold: bool = False  # angles: `**Title** - description`
    bold_quoted: bool = False  # angles: `**"Title"** - description`

    def bullet(self, n: int) -> str:
        if self.number is None:
            return f"{self.indent}{self.marker}{self.space}"
        return f"{self.indent}{self.number + n}{self.delim}{self.space}"


def mark(model: str, date: str) -> str:
    return f"<!-- suggested by {model} on {date} -->"


def span(
    text: str, section: sections.Section | None, all_sections: Sequence[sections.Section]
) -> tuple[int, int]:
    """A section's file lines [heading + 1, the next section's heading) (0-based)."""
    if section is None:
        return (0, 0)
    later = [s.line for s in all_sections if s.line > section.line]
    return section.line + 1, min(later) if later else len(lines.split(text))


def style_of(rows: Sequence[str], kind: str) -> Style:
    """The list style of a section's top-level items (the last one's marker); `- ` when it has none."""
    items = [m for row in rows if (m := _ITEM.match(lines.strip_ending(row)))]
    if not items:
        return Style()
    last = items[-1]
    number = int(last.group("number")) + 1 if last.group("number") else None
    texts = [lines.strip_ending(row)[m.end() :].strip() for row, m in _matches(rows)]
    style = Style(last.group("indent"), last.group("marker"), number, last.group("delim") or ".",
                  last.group("space"))
    if kind == "hooks":
        quotes = next((q for q in _QUOTED if texts and all(t.startswith(q[0]) for t in texts)), None)
        return style._replace(quotes=quotes)
    return style._replace(bold=bool(texts) and all(t.startswith("**") for t in texts),
                          bold_quoted=bool(texts) and all(t.startswith('**"') for t in texts))


def _matches(rows: Sequence[str]) -> list[tuple[str, re.Match[str]]]:
    return [(row, m) for row in rows if (m := _ITEM.match(lines.strip_ending(row)))]


def hook_line(text: str, style: Style) -> str:
    quotes = style.quotes
    if quotes is not None and quotes[1] not in text:
        return f"{quotes[0]}{text}{quotes[1]}"
    return text


def angle_line(title: str, description: str, style: Style) -> str:
    if style.bold_quoted and '"' not in title:
        head = f'**"{title}"**'
    elif style.bold:
        head = f"**{title}**"
    else:
        head = title
    return f"{head} - {description}" if description else head


def insert(
    text: str, section: sections.Section | None, all_sections: Sequence[sections.Section], kind: str,
    entries: Sequence[str], marker: str, heading: str = "",
) -> str:
    """`text` with a marked sub-list of `entries` (each already one clean line, not yet styled as a
    list item) in the kind's section; a new section headed `heading` when the seed has none."""
    rows = lines.split(text)
    newline = lines.newline_of(text)
    if section is None:
        return _new_section(text, rows, all_sections, kind, entries, marker, heading, newline)
    start, end = span(text, section, all_sections)
    last = max((n for n in range(start, end) if rows[n].strip()), default=section.line)
    level = _own_list(rows, section, start, end)
    if level:  # hooks under sub-headings or as paragraphs: the list under a sub-heading of its own
        block = ["", f"{level} {heading}", "", marker, *_items(entries, Style(), kind)]
    else:
        block = ["", marker, *_items(entries, style_of(rows[start:end], kind), kind)]
    return _put(rows, last, block, newline)


def _own_list(rows: list[str], section: sections.Section, start: int, end: int) -> str:
    """'' when a list appended to the section is read as more of its items; else the `#`s of the
    sub-heading the list needs: the section's items are under sub-headings (everything under one is
    ONE item, hooks.py) or are paragraphs (a list would make them not count)."""
    subs = [m.group(1) for n in range(start, end) if (m := _HEADING.match(rows[n]))]
    if subs:
        return subs[-1]
    if section.paragraphs and not any(item.depth == 1 for item in section.items):
        own = _HEADING.match(rows[section.line])
        return (own.group(1) if own else "##") + "#"
    return ""


def _items(entries: Sequence[str], style: Style, kind: str) -> list[str]:
    shown = [hook_line(e, style) if kind == "hooks" else e for e in entries]
    return [style.bullet(n) + line for n, line in enumerate(shown)]


def _put(rows: list[str], after: int, block: list[str], newline: str) -> str:
    """Insert `block` lines after row `after`; the row gets a line ending when it had none (the
    file's last line), and the block then ends without one, as the file did."""
    head, tail = rows[: after + 1], rows[after + 1 :]
    last = head[-1] if head else ""
    if last and lines.strip_ending(last) == last:  # the file's last line, without a line ending
        return "".join(head) + newline + newline.join(block)
    ending = last[len(lines.strip_ending(last)) :] or newline
    return "".join(head) + "".join(line + ending for line in block) + "".join(tail)


def _new_section(
    text: str, rows: list[str], all_sections: Sequence[sections.Section], kind: str, entries: Sequence[str],
    marker: str, heading: str, newline: str,
) -> str:
    order = [k.name for k in sections.KINDS]
    later = sorted(
        (s for s in all_sections if s.kind in order and order.index(s.kind) > order.index(kind)),
        key=lambda s: s.line,
    )
    items = _items(entries, Style(), kind)
    if later:
        level = _HEADING.match(rows[later[0].line])
        hashes = level.group(1) if level else "##"
        block = [f"{hashes} {heading}", "", marker, *items, ""]
        return "".join(rows[: later[0].line]) + "".join(line + newline for line in block) + "".join(
            rows[later[0].line :]
        )
    last = max((n for n in range(len(rows)) if rows[n].strip()), default=len(rows) - 1)
    levels = [m.group(1) for s in all_sections if s.heading and (m := _HEADING.match(rows[s.line]))]
    hashes = "##" if "##" in levels or not levels else max(levels, key=len)
    return _put(rows, last, ["", f"{hashes} {heading}", "", marker, *items], newline)


def heading_for(kind: str, lang: str) -> str:
    """The heading a new section of `kind` gets: the first form in the seed's language, else the one
    `new` writes."""
    forms = FORMS.get(kind, {}).get(lang, ())
    return forms[0] if forms and lang != "en" else sections.BY_NAME[kind].skeleton[0]


def marked_rows(text: str, start: int = 0, end: int | None = None) -> list[int]:
    """The 0-based file lines of items in marked sub-lists between `start` and `end`."""
    rows = lines.split(text)
    stop = len(rows) if end is None else end
    found: list[int] = []
    inside = False
    for n in range(start, stop):
        row = lines.strip_ending(rows[n])
        if MARK.match(row.strip()):
            inside = True
        elif not row.strip() or _HEADING.match(row):
            inside = False
        elif inside and _ITEM.match(row):
            found.append(n)
        elif inside and not row.startswith((" ", "\t")):
            inside = False
    return found


def suggested_hooks(
    text: str, section: sections.Section | None, all_sections: Sequence[sections.Section]
) -> frozenset[str]:
    """The hooks (as `Seed.hooks` has them) written in a marked sub-list of the hooks section."""
    if section is None:
        return frozenset()
    rows = lines.split(text)
    start, end = span(text, section, all_sections)
    texts = []
    for n in marked_rows(text, start, end):
        row = lines.strip_ending(rows[n])
        match = _ITEM.match(row)
        texts.append(found_hooks.clean(row[match.end() :] if match else row))
    return frozenset(" ".join(t.split()) for t in texts if t)


def origin(hook: str, suggested: frozenset[str]) -> str:
    """`suggested` when the hook came from a marked sub-list, else ''."""
    return "suggested" if " ".join(hook.split()) in suggested else ""
