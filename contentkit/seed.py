"""A seed file -> Seed: front matter plus body sections, read from markdown-it-py's token stream."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contentkit import frontmatter

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


@dataclass(frozen=True)
class Item:
    """One list item: its inline Markdown, 0-based file line, nesting depth and list number."""

    text: str
    line: int
    depth: int
    number: int | None = None


@dataclass(frozen=True)
class Section:
    heading: str
    slug: str
    kind: str | None
    line: int  # 0-based file line of the heading
    markdown: str  # the section's source, exactly as written, without the heading
    paragraphs: tuple[str, ...] = ()
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Angle:
    title: str
    description: str


@dataclass(frozen=True)
class Task:
    text: str
    done: bool
    line: int  # 0-based file line


@dataclass(frozen=True)
class Seed:
    path: Path
    rel: str  # repo-relative POSIX path
    doc: frontmatter.Document
    title: str
    sections: dict[str, Section] = field(default_factory=dict)

    @property
    def meta(self) -> dict[str, Any]:
        return self.doc.meta

    @property
    def stem(self) -> str:
        return self.path.stem

    def get(self, key: str) -> str:
        """A front matter value as text ('' when absent)."""
        return text_of(self.meta.get(key))

    @property
    def status(self) -> str:
        return self.get("status")

    @property
    def created(self) -> str:
        return self.get("created")

    def section(self, kind: str) -> Section | None:
        return next((s for s in self.sections.values() if s.kind == kind), None)

    @property
    def core_idea(self) -> str:
        section = self.section("core_idea")
        return "\n\n".join(section.paragraphs) if section else ""

    @property
    def key_points(self) -> list[str]:
        section = self.section("key_points")
        return [item.text for item in section.items] if section else []

    @property
    def key_points_markdown(self) -> str:
        section = self.section("key_points")
        return section.markdown if section else ""

    @property
    def angles(self) -> list[Angle]:
        section = self.section("angles")
        return [parse_angle(text) for text in _entries(section)]

    @property
    def hooks(self) -> list[str]:
        section = self.section("hooks")
        return [unquote(text) for text in _entries(section)]

    @property
    def themes(self) -> list[str]:
        section = self.section("themes")
        return list(_entries(section))

    @property
    def next_steps(self) -> list[Task]:
        section = self.section("next_steps")
        tasks = []
        for item in section.items if section else ():
            match = _TASK.match(item.text)
            if match:
                tasks.append(Task(match.group(2).strip(), match.group(1) != " ", item.line))
        return tasks


def text_of(value: Any) -> str:
    """Front matter values as the text a writer means: timestamps back in ISO 8601."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None and value.utcoffset() == dt.timedelta(0):
            return value.replace(tzinfo=None).isoformat() + "Z"
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# --- section names ---------------------------------------------------------------------------

# Loose, case-insensitive heading matches: the first keyword found in a heading names its kind.
SECTION_KINDS: tuple[tuple[str, str], ...] = (
    ("core idea", "core_idea"),
    ("key point", "key_points"),
    ("hook", "hooks"),
    ("angle", "angles"),
    ("theme", "themes"),
    ("next step", "next_steps"),
)

_TASK = re.compile(r"^\[([ xX])\]\s+(.*)$", re.DOTALL)
_ANGLE_BOLD = re.compile(r"^\*\*(.+?)\*\*\s*(?:[-–—:]\s*)?(.*)$", re.DOTALL)
_ANGLE_PLAIN = re.compile(r"^(.+?)\s+[-–—]\s+(.*)$", re.DOTALL)
_QUOTES = (('"', '"'), ("“", "”"), ("'", "'"), ("‘", "’"))


def kind_of(heading: str) -> str | None:
    name = " ".join(re.sub(r"[^\w\s]", " ", heading.lower()).split())
    return next((kind for keyword, kind in SECTION_KINDS if keyword in name), None)


def slugify(text: str, sep: str = "_") -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return sep.join(words) or "section"


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


def _entries(section: Section | None) -> tuple[str, ...]:
    """Top-level list items of a section, or its paragraphs when it has no list."""
    if section is None:
        return ()
    items = tuple(item.text for item in section.items if item.depth == 1)
    return items or section.paragraphs


# --- parsing -----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def load(path: Path, root: Path) -> Seed:
    """Read and parse one seed file. Raises SeedError (located) when it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        from contentkit.errors import SeedError

        raise SeedError(f"cannot read file: {exc.strerror}", relative(path, root)) from None
    return parse(data, path, root)


def parse(data: bytes | str, path: Path, root: Path) -> Seed:
    rel = relative(path, root)
    doc = frontmatter.parse(data, Path(rel))
    title, sections = parse_body(doc.body, doc.body_line)
    title = title or text_of(doc.meta.get("title")) or path.stem
    return Seed(path, rel, doc, title, sections)


def relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def parse_body(body: str, first_line: int = 0) -> tuple[str, dict[str, Section]]:
    """The first H1 is the title; every H2 opens a section that runs to the next H2 or H1."""
    tokens = _markdown().parse(body)
    lines = body.splitlines(keepends=True)
    title = ""
    starts: list[tuple[int, str]] = []  # (token index of heading_open, heading text)
    for i, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        text = tokens[i + 1].content.strip()
        if token.tag == "h1" and not title and not starts:
            title = text
        if token.tag in ("h1", "h2"):
            starts.append((i, text))
    sections: dict[str, Section] = {}
    for n, (start, heading) in enumerate(starts):
        if tokens[start].tag == "h1":
            continue
        end = starts[n + 1][0] if n + 1 < len(starts) else len(tokens)
        section = _section(tokens, start, end, heading, lines, first_line)
        sections.setdefault(section.slug, section)
    return title, sections


def _section(
    tokens: list[Token], start: int, end: int, heading: str, lines: list[str], first_line: int
) -> Section:
    head_map = tokens[start].map or [0, 1]
    stop = next((t.map[0] for t in tokens[end:] if t.map), len(lines))
    markdown = "".join(lines[head_map[1] : stop]).strip()
    paragraphs: list[str] = []
    items: list[Item] = []
    depth = 0
    pending: tuple[int, int | None] | None = None  # a list item waiting for its first text
    for token in tokens[start + 3 : end]:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif token.type == "list_item_open":
            number = int(token.info) if token.info.isdigit() else None
            pending = ((token.map or [0])[0], number)
        elif token.type == "list_item_close":
            pending = None
        elif token.type == "inline" and pending is not None:
            items.append(Item(token.content.strip(), first_line + pending[0], depth, pending[1]))
            pending = None
        elif token.type == "inline" and depth == 0:
            paragraphs.append(token.content.strip())
    return Section(
        heading,
        slugify(heading),
        kind_of(heading),
        first_line + head_map[0],
        markdown,
        tuple(paragraphs),
        tuple(items),
    )
