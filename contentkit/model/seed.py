"""A seed file -> Seed: front matter plus body sections, read from markdown-it-py's token stream."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal, NamedTuple, Protocol, overload

from contentkit.base.dates import text_of as text_of
from contentkit.base.errors import SeedError
from contentkit.base.files import real
from contentkit.base.lines import split as split_lines
from contentkit.base.slug import slugify
from contentkit.base.statedir import read_bounded
from contentkit.markdown import blocks, frontmatter, linescan
from contentkit.markdown.blocks import BlockToken
from contentkit.model import bare, hooks, sections, titles
from contentkit.model.aliases import NONE, Aliases
from contentkit.model.headings import SectionForms
from contentkit.model.sections import Angle, Item, Section, Task, default_forms, tasks_of


class _Words(Protocol):
    """The part of a repo's config a seed is read with (store.config.Config is one)."""

    @property
    def forms(self) -> SectionForms | None: ...
    @property
    def aliases(self) -> Aliases: ...


class InRepo(Protocol):
    """What reading a seed needs of its repo: its root and its words (store.repo.Repo is one)."""

    @property
    def root(self) -> Path: ...
    @property
    def config(self) -> _Words: ...


@dataclass(frozen=True)
class Seed:
    path: Path
    rel: str  # repo-relative POSIX path
    doc: frontmatter.Document
    title: str
    sections: dict[str, Section] = field(default_factory=dict)
    aliases: Aliases = field(default=NONE, compare=False)  # the repo's own key and status names
    forms: SectionForms | None = field(default=None, compare=False)  # the repo's heading forms

    @cached_property
    def found(self) -> hooks.Found:
        """The hooks and angles wherever the body has them (hooks.py), and the lines they are on."""
        return hooks.find(self.doc.body, self.sections, self.forms or default_forms(), self.doc.body_line)

    @cached_property
    def meta(self) -> dict[str, Any]:
        """The front matter in contentkit's names (through the repo's aliases; bare.py for none)."""
        return bare.meta_of(self.doc, self.rel, self.aliases)

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

    def value(self, kind: str) -> Any:
        """A section kind's value (sections.KINDS), as `seed.<kind>` reads it (hooks, angles: found)."""
        found = getattr(self.found, kind) if kind in hooks.KINDS else None
        return list(found) if found is not None else sections.BY_NAME[kind].read(self.section(kind))

    # Typed views of the table's kinds, for the code that uses them by name.
    @property
    def core_idea(self) -> str:
        return sections.prose(self.section("core_idea"))

    @property
    def key_points(self) -> list[str]:
        return sections.items(self.section("key_points"))

    @property
    def key_points_markdown(self) -> str:
        section = self.section("key_points")
        return section.markdown if section else ""

    @property
    def angles(self) -> list[Angle]:
        return list(self.found.angles)

    @property
    def hooks(self) -> list[str]:
        return list(self.found.hooks)

    @property
    def themes(self) -> list[str]:
        return sections.themes(self.section("themes"))

    @property
    def next_steps(self) -> list[Task]:
        return sections.tasks_of(self.section("next_steps"))


def load(path: Path, root: Path, forms: SectionForms | None = None, aliases: Aliases = NONE) -> Seed:
    """Read and parse one seed file. Raises SeedError (located) when it cannot be read."""
    return parse(read(path, root), path, root, forms=forms, aliases=aliases)


def load_in(repo: InRepo, path: Path) -> Seed:
    """A seed as its repo reads it: with the repo's heading forms ([sections]) and its own key and
    status names ([aliases]). Every command reads a seed this way."""
    return load(path, repo.root, forms=repo.config.forms, aliases=repo.config.aliases)


def read(path: Path, root: Path) -> bytes:
    """A seed file's bytes. Raises SeedError (located) when it cannot be read."""
    try:
        return read_bounded(path)
    except OSError as exc:
        code = getattr(exc, "code", "CK100")  # statedir.TooBig's: CK111
        raise SeedError(f"cannot read file: {exc.strerror}", relative(path, root), code=code) from None


class Depth(enum.Enum):
    """How far parse() reads a seed: its outline (an index row, `list`), or all of it (develop, show)."""

    OUTLINE = "outline"  # the title, the front matter and the OUTLINE_KINDS sections: an Outline
    FULL = "full"  # every section: a Seed


@overload
def parse(data: bytes | str, path: Path, root: Path, rel: str | None = ..., forms: SectionForms | None = ...,
          aliases: Aliases = ..., depth: Literal[Depth.FULL] = ...) -> Seed: ...


@overload
def parse(data: bytes | str, path: Path, root: Path, rel: str | None = ..., forms: SectionForms | None = ...,
          aliases: Aliases = ..., *, depth: Literal[Depth.OUTLINE]) -> Outline: ...


@overload
def parse(data: bytes | str, path: Path, root: Path, rel: str | None = ..., forms: SectionForms | None = ...,
          aliases: Aliases = ..., *, depth: Depth) -> Seed | Outline: ...


def parse(
    data: bytes | str, path: Path, root: Path, rel: str | None = None, forms: SectionForms | None = None,
    aliases: Aliases = NONE, depth: Depth = Depth.FULL,
) -> Seed | Outline:
    """The one seed reader: front matter (in contentkit's names), then the body to `depth`. `rel` may
    be given when the caller already knows `relative(path, root)` (it saves a resolve); `forms` are
    the heading forms of the repo's section kinds (the defaults when None), `aliases` its own key and
    status names."""
    rel = relative(path, root) if rel is None else rel
    if depth is Depth.OUTLINE:  # the line scan: frontmatter.parse()'s front matter and body, at less cost
        quick = linescan.read(data, rel)
        meta = bare.meta(rel, aliases) if quick.bare else aliases.read(quick.meta)  # bare.meta_of()
        return _outline(quick, meta, path, rel, forms)
    doc = frontmatter.parse(data, Path(rel))
    meta = bare.meta_of(doc, rel, aliases)
    tokens = blocks.tokens(doc.body)
    heading, sections = _read_body(tokens, doc.body, doc.body_line, forms)
    title = title_of(meta, heading, doc.body, path.stem, tokens)
    return Seed(path, rel, doc, title, sections, aliases, forms)


# --- the title (contentkit/model/titles.py) ------------------------------------------------------


def title_of(
    meta: dict[str, Any], heading: str, body: str, stem: str, tokens: Sequence[BlockToken] | None = None
) -> str:
    """A seed's title (titles.pick): the front matter `title`, else the first `#` heading, else the
    first line of text, else the file name. `tokens` are the body's, when already at hand."""
    value = meta.get("title")
    scalar = isinstance(value, str | int | float | dt.date) and not isinstance(value, bool)
    return titles.pick(text_of(value) if scalar else "", heading, body, stem, tokens)


def relative(path: Path, root: Path) -> str:
    try:
        return real(path).relative_to(real(root)).as_posix()
    except ValueError:
        return path.as_posix()


def parse_body(
    body: str, first_line: int = 0, forms: SectionForms | None = None
) -> tuple[str, dict[str, Section]]:
    """The first H1 is the title; every other H1 or H2 opens a section that runs to the next one.

    Each kind's section is chosen by the heading rule (headings.py); every other section is kept too,
    under its slug (a repeated slug gets `_2`, `_3`...), so nothing the seed wrote is lost."""
    return _read_body(blocks.tokens(body), body, first_line, forms)


def _read_body(
    tokens: Sequence[BlockToken], body: str, first_line: int, forms: SectionForms | None
) -> tuple[str, dict[str, Section]]:
    lines = split_lines(body)  # as markdown-it numbers them: CRLF, LF or a lone CR
    title, starts = _headings(tokens)
    titled = _titled([tokens[i].tag == "h1" for i, _ in starts])
    kinds = _kinds([text for _, text in starts], titled, forms)
    sections: dict[str, Section] = {}
    for n, (start, heading) in enumerate(starts):
        if n == 0 and titled:
            continue
        end = starts[n + 1][0] if n + 1 < len(starts) else len(tokens)
        section = _section(tokens, start, end, heading, lines, first_line, kinds.get(n))
        slug = _free(sections, section.slug)
        sections[slug] = section._replace(slug=slug)
    intro = _intro(tokens, starts, titled, lines, first_line)
    if intro is None:
        return title, sections
    slug = _free(sections, INTRO)
    return title, {slug: intro._replace(slug=slug), **sections}


INTRO = "intro"  # the slug of the text before the first section (after the title)


def _free(taken: dict[str, Section], slug: str) -> str:
    """A slug not taken yet: the slug itself, else with `_2`, `_3`..."""
    found, count = slug, 1
    while found in taken:
        count += 1
        found = f"{slug}_{count}"
    return found


def _intro(
    tokens: Sequence[BlockToken], starts: list[tuple[int, str]], titled: bool, lines: list[str], first: int
) -> Section | None:
    """The text between the title (or the start of the body) and the first section, as a section
    without a heading; None when there is none."""
    begin = starts[0][0] + 3 if titled else 0
    end = starts[1 if titled else 0][0] if len(starts) > (1 if titled else 0) else len(tokens)
    after = (tokens[starts[0][0]].map or [0, 1])[1] if titled else 0
    part = _part(tokens, begin, end, "", lines, first, None, after, after)
    cut = starts[0][0] if titled else 0  # text above the title is kept too, first
    top = (tokens[cut].map or [0])[0] if titled else 0
    above = _part(tokens[:cut], 0, cut, "", lines[:top], first, None, 0, 0)
    if top and above.markdown:
        joined, items = f"{above.markdown}\n\n{part.markdown}".strip(), above.items + part.items
        part = above._replace(markdown=joined, paragraphs=above.paragraphs + part.paragraphs, items=items)
    return part if part.markdown else None


def _titled(h1s: list[bool]) -> bool:
    """Whether the first of the H1s and H2s (is each an H1) is the title: an H1 before any H2."""
    return bool(h1s) and h1s[0]


def _kinds(headings: list[str], titled: bool, forms: SectionForms | None) -> dict[int, str]:
    """Which of the H1s and H2s opens each kind's section (by their index): the title opens none."""
    chosen = (forms or default_forms()).choose(
        [None if n == 0 and titled else text for n, text in enumerate(headings)]
    )
    return {n: kind for kind, n in chosen.items()}


def _headings(tokens: Sequence[BlockToken]) -> tuple[str, list[tuple[int, str]]]:
    """The title (an H1 before any H2), and every H1 and H2: (token index of heading_open, text)."""
    title = ""
    starts: list[tuple[int, str]] = []
    for i, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        text = tokens[i + 1].content.strip()
        if token.tag == "h1" and not starts:
            title = text
        if token.tag in ("h1", "h2"):
            starts.append((i, text))
    return title, starts


# The sections a catalog entry (an index row, `list` and its queries) reads: Depth.OUTLINE builds these only.
OUTLINE_KINDS = ("next_steps", "themes")  # what an index row and `list` show or filter on


class Outline(NamedTuple):  # not a dataclass: a tenth of the cost to build, once per seed listed
    """A seed read to Depth.OUTLINE: what an index row and `list` show, without building every section:
    the title, the front matter and the OUTLINE_KINDS sections (`markdown` left empty)."""

    rel: str
    meta: dict[str, Any]
    title: str
    next_steps: list[Task]
    found: dict[str, Section]  # by kind

    def section(self, kind: str) -> Section | None:
        return self.found.get(kind)


def _outline(
    doc: frontmatter.Document | linescan.Read, meta: dict[str, Any], path: Path, rel: str,
    forms: SectionForms | None,
) -> Outline:
    """parse()'s outline depth: the same title, front matter and next steps as a Seed, at less cost."""
    found = _quick_outline(doc.body, doc.body_line, forms)
    tokens = None
    if found is None:
        tokens = blocks.tokens(doc.body)
        title, starts = _headings(tokens)
        chosen = _chosen([(tokens[i].tag == "h1", text) for i, text in starts], forms)
        kinds = {}
        for kind in OUTLINE_KINDS:
            section = _first_section(tokens, starts, chosen.get(kind), kind, doc.body_line)
            if section is not None:
                kinds[kind] = section
        found = title, kinds
    heading, kinds = found
    tasks = tasks_of(kinds.get("next_steps"))
    return Outline(rel, meta, title_of(meta, heading, doc.body, path.stem, tokens), tasks, kinds)


def _first_section(
    tokens: Sequence[BlockToken], starts: list[tuple[int, str]], n: int | None, kind: str, first_line: int
) -> Section | None:
    """A kind's section, the `n`th of the H1s and H2s as _chosen() picks it: its items and
    paragraphs, not its source text (`markdown` is left empty)."""
    if n is None:
        return None
    start, heading = starts[n]
    end = starts[n + 1][0] if n + 1 < len(starts) else len(tokens)
    return _section(tokens, start, end, heading, [], first_line, kind)


def _chosen(starts: list[tuple[bool, str]], forms: SectionForms | None) -> dict[str, int]:
    """Which of the H1s and H2s (is it an H1, its text) opens each kind's section, as parse_body()
    chooses them: kind -> its index."""
    kinds = _kinds([text for _, text in starts], _titled([h1 for h1, _ in starts]), forms)
    return {kind: n for n, kind in kinds.items()}


def _section(
    tokens: Sequence[BlockToken],
    start: int,
    end: int,
    heading: str,
    lines: list[str],
    first_line: int,
    kind: str | None,
) -> Section:
    head_map = tokens[start].map or [0, 1]
    return _part(tokens, start + 3, end, heading, lines, first_line, kind, head_map[0], head_map[1])


def _part(
    tokens: Sequence[BlockToken],
    begin: int,
    end: int,
    heading: str,
    lines: list[str],
    first_line: int,
    kind: str | None,
    line: int,
    after: int,
) -> Section:
    """A section from its tokens[begin:end] (after its heading on body line `line`; its text starts
    on body line `after`)."""
    # the next block's first line; never tokens[end:], which would copy the rest once per section
    stop = next((m[0] for m in (tokens[i].map for i in range(end, len(tokens))) if m), len(lines))
    markdown = "".join(lines[after:stop]).strip()
    paragraphs: list[str] = []
    items: list[Item] = []
    depth = 0
    pending: tuple[int, int | None] | None = None  # a list item waiting for its first text
    for token in tokens[begin:end]:
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
        kind,
        first_line + line,
        markdown,
        tuple(paragraphs),
        tuple(items),
    )


# --- the outline, from the headings ----------------------------------------------------------
#
# An index row needs the title and the next steps, not the other sections: when blocks can find the
# headings by their lines, only the next-steps section is scanned.


def _quick_outline(
    body: str, first_line: int, forms: SectionForms | None = None
) -> tuple[str, dict[str, Section]] | None:
    """The title and the OUTLINE_KINDS sections, as the token walk finds them; None when that
    cannot be sure."""
    found = blocks.top_headings(body)
    if found is None:
        return None
    lines, tops = found
    title = tops[0].text if tops and tops[0].level == 1 else ""  # an H1 before any H2
    chosen = _chosen([(top.level == 1, top.text) for top in tops], forms)
    kinds: dict[str, Section] = {}
    for kind in OUTLINE_KINDS:
        n = chosen.get(kind)
        if n is None:
            continue
        stop = tops[n + 1].line if n + 1 < len(tops) else len(lines)
        tokens = blocks.section_tokens(lines, tops[n].line, stop)
        if tokens is None:
            return None
        kinds[kind] = _section(tokens, 0, len(tokens), tops[n].text, [], first_line, kind)  # not its text
    return title, kinds
