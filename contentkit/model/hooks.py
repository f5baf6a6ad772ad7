"""A seed's hooks and angles, wherever the writer put them.

Writers do not keep to one list under `## Hook Ideas`. Besides the kind's own section (headings.py
names it, in any language of vocabulary.FORMS), a hook or an angle is found:

- under a sub-heading: `### HOOK A (Recommended)`, `### Hook 1`, `### Option B` (an `Option`
  takes its kind from the section it is in), anywhere in the body; everything under one
  sub-heading is ONE item, however many paragraphs it has;
- after a label paragraph that names the kind: `**Hook options:**` then a list (each item one),
  or `**Hook:**` then a paragraph (one);
- on a labelled line: `Hook: ...`, `- Angle: ...`, `(Hook: ...)`, `**Hook:** ...`;
- in a heading's own label: `## Angle: Defending the right to fail` (the angle is the rest).

Inside the kind's section, list items are one each; paragraphs are one each, unless a paragraph that
only says "or" (vocabulary.SEPARATORS) stands between them: then the paragraphs between two such
lines are one item. A label (`Option A:`, `**Hook 2**`, `**Option A: Direct and vulnerable**` on a
line of its own) and the quotes around a hook ("", “”, «», „“) are not part of the item.

`Found.lines` are the file lines that hold these items: what a draft carries as the writer's
content leaves them out (contentkit/model/content.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from contentkit.markdown import blocks
from contentkit.model.headings import SectionForms, normal
from contentkit.model.sections import Angle, Section, parse_angle
from contentkit.model.vocabulary import labels, separators

KINDS = ("hooks", "angles")


class Block(NamedTuple):
    """A heading, a paragraph or a list item: its text and its 0-based body lines [start, end)."""

    type: str  # "heading", "paragraph" or "item"
    level: int  # a heading's level, an item's depth (0 for a paragraph)
    text: str
    start: int
    end: int


class Found(NamedTuple):
    hooks: tuple[str, ...]
    angles: tuple[Angle, ...]
    lines: frozenset[int]  # 0-based body lines holding them: notes, not the post's content


# --- labels and quotes -------------------------------------------------------------------------

_WORDS = "|".join(re.escape(word) for word in sorted(labels(), key=len, reverse=True))
_LABEL = re.compile(
    rf"^(?P<open>\*\*|__)?\s*(?P<word>{_WORDS})(?P<index>\s*#?\s*(?:[0-9]{{1,2}}|[A-Za-zА-Яа-я])(?!\w))?"
    r"\s*(?:\([^()]*\))?\s*(?P<sep>[:.)–—-](?!\S))?\s*(?P<close>\*\*|__)?\s*(?:[:–—-]\s+)?",
    re.IGNORECASE,
)
_LABEL_WORDS = frozenset(labels())
_BOLD_LINE = re.compile(r"^(\*\*|__)[^*_\n]+\1\s*:?\s*$")
_QUOTES = (('"', '"'), ("“", "”"), ("„", "“"), ("„", "”"), ("«", "»"), ("‹", "›"), ("'", "'"),
           ("‘", "’"), ("‚", "‘"), ("「", "」"), ("『", "』"))
_INLINE_LABEL = re.compile(r"^\(\s*(?P<word>[^\W\d_][^():]{0,30}?)\s*:\s*(?P<rest>.+)\)$", re.DOTALL)


def label_of(text: str) -> tuple[str, str] | None:
    """(label word, the rest) when text starts with a label (`Option A:`, `**Hook 2**`, `Hook:`):
    a label word with an index or a colon. None otherwise."""
    match = _LABEL.match(text)
    if not match:
        return None
    if not (match.group("index") or match.group("sep") == ":"):  # `**Angle**` alone may be a title
        return None
    if match.group("open") and not match.group("close"):  # `**Option A: the title**`: a label line
        return None
    return match.group("word").lower(), text[match.end() :].strip()


def unquote(text: str) -> str:
    """The text without the quotes around it (straight, curly, «», „“ and others)."""
    text = text.strip()
    for left, right in _QUOTES:
        if len(text) > len(left) + len(right) and text.startswith(left) and text.endswith(right):
            inner = text[len(left) : -len(right)]
            if right not in inner or left == right and inner.count(right) == 0:
                return inner.strip()
    return text


def clean(text: str) -> str:
    """An item as the post takes it: a label line or a label before it gone, its quotes gone;
    `(Hook: ...)` is the hook in it (a note in brackets without a label word stays a note)."""
    text = text.strip()
    bracketed = _INLINE_LABEL.match(text)
    if bracketed is not None and bracketed.group("word").strip().lower() in _LABEL_WORDS:
        text = bracketed.group("rest").strip()
    first, _, rest = text.partition("\n")
    if rest.strip() and (_BOLD_LINE.match(first) or (label_of(first) or ("", "x"))[1] == ""):
        text = rest.strip()
    found = label_of(text)
    if found is not None and found[1]:
        text = found[1]
    text = text.removesuffix("**").removesuffix("__").strip() if text.count("**") % 2 else text
    whole = unquote(text)
    if whole != text or "\n\n" not in text:
        return whole
    return "\n\n".join(unquote(part) for part in text.split("\n\n"))  # each paragraph's own quotes


def is_note(text: str) -> bool:
    """A hook that is wholly a bracketed note to self (`(Start with a scene: ...)`)."""
    text = text.strip()
    for left, right in (("(", ")"), ("[", "]")):
        if text.startswith(left) and text.endswith(right):
            depth = 0
            for n, char in enumerate(text):
                depth += (char == left) - (char == right)
                if depth == 0 and n < len(text) - 1:
                    return False
            return True
    return False


# --- the blocks --------------------------------------------------------------------------------


def blocks_of(body: str) -> list[Block]:
    """The body's headings, paragraphs and list items, in order, with their lines (the fast
    scanner's paragraphs carry no line range: each is found from where the last block ended)."""
    lines = blocks.body_lines(body)
    found: list[Block] = []
    depth, cursor = 0, 0
    item: int | None = None
    heading: tuple[int, list[int]] | None = None
    for token in blocks.tokens(body):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif kind == "list_item_open":
            item = (token.map or [cursor])[0]
        elif kind == "heading_open":
            heading = (int(token.tag[1:]), token.map or [cursor, cursor + 1])
        elif kind == "inline":
            text = token.content.strip()
            if heading is not None:
                block = Block("heading", heading[0], text, heading[1][0], heading[1][1])
                heading = None
            elif item is not None:
                block = Block("item", depth, text, item, item + text.count("\n") + 1)
                item = None
            elif depth == 0:
                start = token.map[0] if token.map else _line_of(lines, cursor, text)
                block = Block("paragraph", 0, text, start, start + text.count("\n") + 1)
            else:
                continue
            found.append(block)
            cursor = max(cursor, block.end)
    return found


def _line_of(lines: list[str], cursor: int, text: str) -> int:
    """The first line at or after `cursor` that starts a paragraph of `text`."""
    first = text.split("\n", 1)[0].strip()
    return next((n for n in range(cursor, len(lines)) if lines[n].strip() == first), cursor)


# --- finding -----------------------------------------------------------------------------------


class _Finder:
    def __init__(self, forms: SectionForms, kinds: dict[int, str | None]) -> None:
        self.forms = forms
        self.kinds = kinds  # body line of each H1/H2 heading -> the kind its section is
        self.hooks: list[tuple[int, str]] = []
        self.angles: list[tuple[int, Angle]] = []
        self.lines: set[int] = set()

    def add(self, kind: str, first: Block, text: str, parts: Sequence[Block], description: str = "") -> None:
        for block in parts:
            self.lines.update(range(block.start, block.end))
        if kind == "hooks":
            text = clean(text)
            if text:
                self.hooks.append((first.start, text))
        else:
            angle = parse_angle(clean(text)) if not description else Angle(clean(text), description)
            if angle.title or angle.description:
                self.angles.append((first.start, angle._replace(title=unquote(angle.title))))

    def kind_named(self, text: str, parent: str | None) -> str | None:
        """The kind a label or a heading names: its own words, else (`Option B`) its section's."""
        match = self.forms.match(text)
        if match is not None and match[0] in KINDS:
            return match[0]
        found = label_of(text) or label_of(text + ":")
        if found is None:
            return None
        own = self.forms.match(found[0])
        if own is not None and own[0] in KINDS:
            return own[0]
        return parent if parent in KINDS else None


def find(body: str, sections: dict[str, Section], forms: SectionForms, first_line: int = 0) -> Found:
    """The hooks and angles of a seed's body (see the module's doc), in the order written."""
    kinds = {s.line - first_line: _kind_of(forms, s) for s in sections.values() if s.heading}
    finder = _Finder(forms, kinds)
    found = blocks_of(body)
    runs = _runs(found)
    for heading, run in runs:
        kind = kinds.get(heading.start) if heading is not None else None
        _section(finder, heading, kind if kind in KINDS else None, run)
    hooks = tuple(text for _, text in sorted(finder.hooks, key=lambda pair: pair[0]))
    angles = tuple(angle for _, angle in sorted(finder.angles, key=lambda pair: pair[0]))
    return Found(hooks, angles, frozenset(line + first_line for line in finder.lines))


def _kind_of(forms: SectionForms, section: Section) -> str | None:
    """The kind of a section, for hooks and angles: a second `## Hooks` is hooks too."""
    del forms  # the kind's own section only: a second `## Hooks` stays an ordinary section
    return section.kind


def named(forms: SectionForms, section: Section) -> bool:
    """Whether a section of no kind is a hooks or angles one all the same (a second `## Hooks`,
    `## Angle: ...`)."""
    if section.kind is not None or not section.heading:
        return False
    parts = _HEADING_LABEL.split(section.heading, maxsplit=1)
    match = forms.match(parts[0]) if len(parts) == 2 else None
    return match is not None and match[0] in KINDS


def _runs(found: list[Block]) -> list[tuple[Block | None, list[Block]]]:
    """The blocks by H1/H2 section: (its heading, or None before the first, its blocks)."""
    runs: list[tuple[Block | None, list[Block]]] = [(None, [])]
    for block in found:
        if block.type == "heading" and block.level <= 2:
            runs.append((block, []))
        else:
            runs[-1][1].append(block)
    return runs


def _section(finder: _Finder, heading: Block | None, kind: str | None, run: list[Block]) -> None:
    head: list[Block] = []
    subs: list[tuple[Block, list[Block]]] = []
    for block in run:
        if block.type == "heading":
            subs.append((block, []))
        elif subs:
            subs[-1][1].append(block)
        else:
            head.append(block)
    if kind is not None:
        _own(finder, heading, kind, head)
    else:
        _scattered(finder, head)
    if heading is not None and kind is None:
        _labelled_heading(finder, heading, head, subs)
    for sub, blocks_under in subs:
        sub_kind = finder.kind_named(sub.text, kind)
        if sub_kind is None:
            _scattered(finder, blocks_under)
        else:
            _one(finder, sub_kind, sub, blocks_under)


def _own(finder: _Finder, heading: Block | None, kind: str, head: list[Block]) -> None:
    """The kind's own section: its list items, its paragraphs (grouped by "or" lines), or the
    item in its heading's label (`## Angle: Defending the right to fail`)."""
    rest = _heading_rest(finder, heading)
    items = [b for b in head if b.type == "item" and b.level == 1]
    if heading is not None and rest and not items:
        prose = " ".join(b.text for b in head if b.type == "paragraph")
        finder.add(kind, heading, rest, [heading, *head], prose if kind == "angles" else "")
        return
    if items:
        for item in items:
            finder.add(kind, item, item.text, [b for b in head if item.start <= b.start < item.end] or [item])
        return
    for group in _groups([b for b in head if b.type == "paragraph"]):
        if kind == "angles" and len(group) > 1:
            finder.add(kind, group[0], group[0].text, group, " ".join(b.text for b in group[1:]))
        else:
            finder.add(kind, group[0], "\n\n".join(b.text for b in group), group)


_OR = separators()


def _groups(paragraphs: list[Block]) -> list[list[Block]]:
    """Paragraphs one each; when a paragraph that only says "or" stands between them, the
    paragraphs between two such lines are one item (the "or" line goes with none)."""
    if not any(normal(b.text) in _OR for b in paragraphs):
        return [[b] for b in paragraphs]
    groups: list[list[Block]] = [[]]
    for block in paragraphs:
        if normal(block.text) in _OR:
            groups.append([])
        else:
            groups[-1].append(block)
    return [group for group in groups if group]


def _heading_rest(finder: _Finder, heading: Block | None) -> str:
    """What follows a heading's kind label (`Angle: Defending...` -> `Defending...`)."""
    if heading is None:
        return ""
    parts = _HEADING_LABEL.split(heading.text, maxsplit=1)
    if len(parts) < 2:
        return ""
    match = finder.forms.match(parts[0])
    return parts[1].strip() if match is not None and match[0] in KINDS else ""


_HEADING_LABEL = re.compile(r":|\s[-–—]\s")


def _labelled_heading(
    finder: _Finder, heading: Block, head: list[Block], subs: list[tuple[Block, list[Block]]]
) -> None:
    """A second `## Angle: ...` or `## Hook: ...` heading (the kind's section is another one)."""
    if subs or any(b.type == "item" for b in head):
        return
    parts = _HEADING_LABEL.split(heading.text, maxsplit=1)
    named = finder.forms.match(parts[0]) if len(parts) == 2 and parts[1].strip() else None
    if named is None or named[0] not in KINDS:
        return
    prose = " ".join(b.text for b in head if b.type == "paragraph")
    finder.add(named[0], heading, parts[1].strip(), [heading, *head], prose if named[0] == "angles" else "")


def _one(finder: _Finder, kind: str, sub: Block, under: list[Block]) -> None:
    """Everything under one sub-heading is one item: its paragraphs, or its list for an angle's
    description. A hook labelled inside it (`**Hook:**` then a line) is a hook of its own."""
    _scattered(finder, under)
    left = [b for b in under if b.start not in finder.lines]
    label = label_of(sub.text) or label_of(sub.text + ":")
    title = label[1] if label is not None else ""
    named = finder.forms.match(sub.text)
    if named is not None and named[0] == kind and not title:  # `### Hook Ideas`: a list of them
        _own(finder, None, kind, under)
        return
    texts = [b.text for b in left if b.type == "paragraph" or b.level == 1]
    if kind == "hooks":
        finder.add(kind, sub, "\n\n".join(texts) or title, [sub, *under])
    else:
        body = "; ".join(clean(t) for t in texts)
        finder.add(kind, sub, title or (texts[0] if texts else ""), [sub, *under], body if title else "")


def _scattered(finder: _Finder, run: list[Block]) -> None:
    """Label paragraphs and labelled lines in a section of another kind."""
    n = 0
    while n < len(run):
        block = run[n]
        n += 1
        if block.start in finder.lines:
            continue
        label = _label_only(finder, block)
        if label is not None:
            following = _following(run, n, block)
            for item in following:
                finder.add(label, item, item.text, [item])
            if following:
                finder.lines.update(range(block.start, block.end))
            continue
        first, _, rest = block.text.partition("\n")
        labelled = _label_only(finder, block._replace(text=first)) if rest.strip() else None
        if labelled is not None:  # `**Hook:**` and the hook on the next line, one paragraph
            finder.add(labelled, block, rest, [block])
            continue
        for at, line in enumerate(block.text.split("\n") if block.type == "paragraph" else [block.text]):
            inline = _inline(finder, line)
            if inline is not None:
                one = block._replace(text=line, start=block.start + at, end=block.start + at + 1)
                finder.add(inline[0], one, inline[1], [one if block.type == "paragraph" else block])


def _label_only(finder: _Finder, block: Block) -> str | None:
    """The kind a paragraph names when it is only a label (`**Hook options:**`, `Hook:`)."""
    if block.type != "paragraph" or "\n" in block.text:
        return None
    text = block.text.strip().strip("*_").strip().rstrip(":").strip().strip("*_")
    labelled = block.text.rstrip("*_ ").endswith(":") or _BOLD_LINE.match(block.text)
    if not text or len(text) > 40 or not labelled:
        return None
    match = finder.forms.match(text)
    return match[0] if match is not None and match[0] in KINDS else None


def _following(run: list[Block], n: int, label: Block) -> list[Block]:
    """The items a label paragraph introduces: the list right after it, else the next paragraph."""
    found = []
    for block in run[n:]:
        if block.type == "item" and block.level == 1:
            found.append(block)
        elif block.type == "item":
            continue
        else:
            break
    if found:
        return found
    nxt = run[n] if n < len(run) else None
    return [nxt] if nxt is not None and nxt.type == "paragraph" and not _BOLD_LINE.match(nxt.text) else []


_INLINE = re.compile(
    r"^(?:\*\*|__)?(?P<word>[^\W\d_][^\W_]*(?:[ '’-][^\W_]+){0,2}?)\s*(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:?|:)"
    r"\s+(?P<rest>\S.*)$",
    re.DOTALL,
)


def _inline(finder: _Finder, text: str) -> tuple[str, str] | None:
    """`Hook: ...`, `**Angle:** ...`, `(Hook: ...)`: the kind and the item."""
    match = _INLINE_LABEL.match(text.strip()) or _INLINE.match(text.strip())
    if match is None:
        return None
    named = finder.forms.match(match.group("word"))
    if named is None or named[0] not in KINDS:
        return None
    return named[0], match.group("rest").strip()
