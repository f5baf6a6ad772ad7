"""The parts of a seed's body, and ONE table of section kinds.

A row says everything about a kind: the headings that name it (headings.py has the rule), how its
value is read from the section, how `show` prints it (text and JSON), what templates get
(`seed.<name>`) and the heading `new` writes in a seed's skeleton. A new kind is one row (and, when
no reader below fits, one reader); its value is then `Seed.value(name)`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any, NamedTuple

from contentkit.base.lines import split as split_lines
from contentkit.base.lines import strip_ending
from contentkit.model.headings import SectionForms
from contentkit.model.vocabulary import forms_of

# The parsed parts are NamedTuples (read-only, compared by value, like frozen dataclasses): defining
# one costs a tenth of a dataclass, and `validate` imports this module on every commit.


class Item(NamedTuple):
    """One list item: its inline Markdown, 0-based file line, nesting depth and list number."""

    text: str
    line: int
    depth: int
    number: int | None = None


class Section(NamedTuple):
    heading: str
    slug: str
    kind: str | None
    line: int  # 0-based file line of the heading
    markdown: str  # the section's source, exactly as written, without the heading
    paragraphs: tuple[str, ...] = ()
    items: tuple[Item, ...] = ()


class Angle(NamedTuple):
    title: str
    description: str


class Task(NamedTuple):
    text: str
    done: bool
    line: int  # 0-based file line


# --- readers: a section (or None when the seed has none) -> its value -----------------------------

_TASK = re.compile(r"^\[([ xX])\]\s+(.*)$", re.DOTALL)
_ANGLE_BOLD = re.compile(r"^\*\*(.+?)\*\*\s*(?:[-–—:]\s*)?(.*)$", re.DOTALL)
# `(.*?\S)`, not `(.+?)`: the title ends at a non-space, so each run of spaces is scanned once, not once
# per space before it (quadratic in a long run of spaces)
_ANGLE_PLAIN = re.compile(r"^(.*?\S)\s+[-–—]\s+(.*)$", re.DOTALL)
_QUOTES = (('"', '"'), ("“", "”"), ("'", "'"), ("‘", "’"))


def unquote(text: str) -> str:
    text = text.strip()
    for left, right in _QUOTES:
        if len(text) >= 2 and text.startswith(left) and text.endswith(right):
            return text[len(left) : -len(right)].strip()
    return text


def parse_angle(text: str) -> Angle:
    """`**"Title"** - description` (or `**Title**: description`, or `Title - description`)."""
    match = _ANGLE_BOLD.match(text) or _ANGLE_PLAIN.match(text)
    if not match:
        return Angle(unquote(text), "")
    title = unquote(match.group(1).strip().rstrip(":").strip())
    return Angle(title, match.group(2).strip())


def tasks_of(section: Section | None) -> list[Task]:
    """A Next Steps section as tasks, however it is written: every top-level item of a bullet,
    numbered or task list (and a `[ ]`/`[x]` item at any depth), or each paragraph when the section
    has no list. Only a ticked `[x]` item is done."""
    if section is None:
        return []
    tasks = []
    for item in section.items:
        match = _TASK.match(item.text)
        if match:
            tasks.append(Task(match.group(2).strip(), match.group(1) != " ", item.line))
        elif item.depth == 1 and item.text:
            tasks.append(Task(item.text, False, item.line))
    if section.items:
        return tasks
    return [Task(text, False, section.line) for text in section.paragraphs]  # prose: at its heading


def entries(section: Section | None) -> tuple[str, ...]:
    """Top-level list items of a section, or its paragraphs when it has no list."""
    if section is None:
        return ()
    items = tuple(item.text for item in section.items if item.depth == 1)
    return items or section.paragraphs


def prose(section: Section | None) -> str:
    return "\n\n".join(section.paragraphs) if section else ""


def items(section: Section | None) -> list[str]:
    """Every list item's text, at any depth."""
    return [item.text for item in section.items] if section else []


def angles(section: Section | None) -> list[Angle]:
    return [parse_angle(text) for text in entries(section)]


def hooks(section: Section | None) -> list[str]:
    return [unquote(text) for text in entries(section)]


_HASHTAG = re.compile(r"#[^\W_][\w-]*")


def themes(section: Section | None) -> list[str]:
    """One theme per top-level item (or paragraph); a line of hashtags (`#AI #Sales`) is one theme
    per tag, and a paragraph listing short themes by commas (`AI, sales, hiring`) one per part."""
    found: list[str] = []
    for text in entries(section):
        words = text.split()
        parts = [part.strip() for part in text.split(",")]
        if words and all(_HASHTAG.fullmatch(word) for word in words):
            found += words
        elif section and not section.items and len(parts) > 1 and all(0 < len(p.split()) <= 4 for p in parts):
            found += parts
        else:
            found.append(text)
    return found


# --- views ---------------------------------------------------------------------------------------


def _same(value: Any) -> Any:
    return value


def _text_lines(value: str) -> list[str]:
    return [strip_ending(line) for line in split_lines(value)]


def _bullets(value: list[str]) -> list[str]:
    return [f"- {text}" for text in value]


def _numbered(value: list[str]) -> list[str]:
    """`1. text`, a hook of several lines with its further lines under its first."""
    shown = (f"{n}. {text}".replace("\n", "\n   ") for n, text in enumerate(value, 1))
    return [line for text in shown for line in text.split("\n")]


def _angle_lines(value: list[Angle]) -> list[str]:
    return [f"{n}. {a.title}" + (f" - {a.description}" if a.description else "") for n, a in _count(value)]


def _task_lines(value: list[Task]) -> list[str]:
    return [f"[{'x' if t.done else ' '}] {t.text}" for t in value]


def _count(value: list[Angle]) -> list[tuple[int, Angle]]:
    return list(enumerate(value, 1))


def _angle_json(value: list[Angle]) -> list[dict[str, str]]:
    return [{"title": a.title, "description": a.description} for a in value]


def _task_json(value: list[Task]) -> list[dict[str, Any]]:
    return [{"text": t.text, "done": t.done} for t in value]


def _numbered_hooks(value: list[str]) -> list[dict[str, Any]]:
    return [{"number": n, "text": text} for n, text in enumerate(value, 1)]


def _numbered_angles(value: list[Angle]) -> list[dict[str, Any]]:
    return [{"number": n, "title": a.title, "description": a.description} for n, a in enumerate(value, 1)]


# --- the table -----------------------------------------------------------------------------------


class Kind(NamedTuple):
    name: str  # Seed.value(name), the JSON key, the template's seed.<name>
    forms: tuple[str, ...]  # the headings that name the kind (compared as headings.normal() has them)
    read: Callable[[Section | None], Any]  # the section's value
    label: str  # show's heading for it
    text: Callable[[Any], list[str]]  # show's lines for the value
    json: Callable[[Any], Any]  # show --json's value
    context: Callable[[Any], Any]  # the template's value
    skeleton: tuple[str, str]  # the heading and first line `new` writes
    always: bool = False  # show prints the label with '(none yet)' when the value is empty
    markdown_key: str = ""  # a template key that also gets the section's source text


_ANGLES_HINT = '<!-- Numbered framings: 1. **"Title"** - what the post argues from this angle -->'

# In the order `show` prints them and `new` writes them.
KINDS: tuple[Kind, ...] = (
    Kind(
        "core_idea",
        ("Core Idea", "Main Idea", "Big Idea", "Key Idea", "Central Idea", "Idea"),
        prose, "Core idea", _text_lines, _same, _same,
        ("Core Idea", "<!-- One or two sentences: the point the post makes. -->"),
    ),
    Kind(
        "key_points",
        ("Key Points", "Main Points", "Talking Points", "Key Takeaways", "Takeaways"),
        items, "Key points", _bullets, _same, _same,
        ("Key Points", "<!-- What you saw or learned, as a list: - point -->"),
        markdown_key="key_points_markdown",
    ),
    Kind(
        "angles",
        ("Angles", "Post Angles", "Narrative Angles", "Framings"),
        angles, "Angles (--angle N)", _angle_lines, _angle_json, _numbered_angles,
        ("Potential Angles", _ANGLES_HINT),
        always=True,
    ),
    Kind(
        "hooks",
        ("Hooks", "Post Hooks", "Hook Lines", "Opening Lines", "Openers", "First Lines"),
        hooks, "Hooks (--hook N)", _numbered, _same, _numbered_hooks,
        ("Hook Ideas", '<!-- Opening lines, one per item: - "The first line a reader sees" -->'),
        always=True,
    ),
    Kind(
        "themes",
        ("Themes", "Hashtags", "Tags", "Theme Tags", "Themes and Hashtags"),
        themes, "Themes", _bullets, _same, _same,
        ("Related Themes", "<!-- One theme per item; they become the draft's hashtags -->"),
    ),
    Kind(
        "next_steps",
        ("Next Steps", "To Do", "Todo", "Action Items", "Tasks"),
        tasks_of, "Next steps", _task_lines, _task_json, _task_json,
        ("Next Steps", "- [ ] Develop into full {platform_name} post"),
    ),
)
BY_NAME = {kind.name: kind for kind in KINDS}



def kind_of(heading: str) -> str | None:
    """The kind a heading names with the default forms (headings.py has the rule)."""
    return default_forms().kind_of(heading)


@lru_cache(maxsize=1)
def default_forms() -> SectionForms:
    """Each kind's forms, in every language of vocabulary.FORMS, and the heading `new` writes for it."""
    return SectionForms({kind.name: (kind.skeleton[0], *kind.forms, *forms_of(kind.name)) for kind in KINDS})


def placeholder(name: str) -> str:
    """The first line `new` writes under a kind's heading."""
    return next(kind.skeleton[1] for kind in KINDS if kind.name == name)


def skeleton() -> str:
    """The sections of a new seed, in the table's order ({platform_name} left to fill in)."""
    return "".join(f"\n## {heading}\n\n{line}\n" for heading, line in (kind.skeleton for kind in KINDS))
