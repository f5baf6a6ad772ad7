"""`contentkit split`: an idea bank -> one seed per idea.

An idea bank is one file of many ideas, in one of three shapes (the first that fits):

- a heading per idea: the heading level that repeats (`## 2026-06-23 · "..."`, `### 12. Title`);
  everything under an idea's heading goes into its seed as written (hook options, `- Angle:` lines);
- a Markdown table with a title column (`Title`, `Idea`, `Topic`...) and, when it has them, status,
  date, hook and angle columns;
- a numbered or checkbox list of ideas (each top-level item one idea).

Each seed is `seeds/<date>__<slug>.md` with `source:` naming the bank; an existing seed is never
overwritten (the idea is reported as skipped). The bank is left as it is; with `mark`, each split
idea of a heading or a list gets one line inserted after it, a link to its seed.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from contentkit.base.errors import InputError, RefusedError
from contentkit.base.files import create_new
from contentkit.base.slug import file_slug
from contentkit.markdown import frontmatter
from contentkit.model import hooks
from contentkit.model.lifecycle import State
from contentkit.store.repo import Repo

_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")
_NUMBER = re.compile(r"^\s*(?:#\s*)?\d{1,4}[.)]?\s+")
_SEPARATOR = re.compile(r"^\s*[·•|:–—-]+\s*")
_TITLE_COLUMNS = ("title", "idea", "topic", "name", "headline", "post", "subject", "título", "titre",
                  "titel", "titolo", "название", "тема", "назва", "tiêu đề", "başlık", "tytuł")
_COLUMNS = {"status": ("status", "state", "estado", "statut", "stato", "статус", "durum", "stan"),
            "created": ("date", "created", "fecha", "data", "datum", "дата", "ngày", "tarih"),
            "hook": ("hook", "gancho", "accroche", "хук", "kanca", "haczyk"),
            "angle": ("angle", "ángulo", "ângulo", "угол", "açı", "kąt")}
_CHECKBOX = re.compile(r"^\[([ xX])\]\s+")


@dataclass(frozen=True)
class Idea:
    title: str
    line: int  # 0-based line of its heading, item or row in the bank
    body: str = ""  # the text under its heading, as written
    created: str = ""
    status: str = ""
    hooks: tuple[str, ...] = ()
    angles: tuple[str, ...] = ()
    markable: bool = True


@dataclass(frozen=True)
class Planned:
    idea: Idea
    rel: str
    text: str
    exists: bool


@dataclass(frozen=True)
class Plan:
    bank: str
    shape: str
    seeds: list[Planned] = field(default_factory=list)
    marked: bytes | None = None  # the bank's new bytes with --mark, else None


def ideas(text: str) -> tuple[str, list[Idea]]:
    """The shape of a bank and its ideas ('' and [] when it is not one)."""
    lines = text.splitlines()
    for shape, reader in (("headings", _by_headings), ("table", _by_table), ("list", _by_list)):
        found = reader(lines)
        if len(found) >= 2:
            return shape, found
    return "", []


def _heading(line: str) -> tuple[int, str] | None:
    match = re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", line)
    return (len(match.group(1)), match.group(2)) if match else None


def _by_headings(lines: list[str]) -> list[Idea]:
    heads = [(n, *h) for n, line in enumerate(lines) if (h := _heading(line)) is not None]
    counts: dict[int, int] = {}
    for _, level, _text in heads:
        if level >= 2:
            counts[level] = counts.get(level, 0) + 1
    levels = [level for level, count in sorted(counts.items()) if count >= 2]
    if not levels:
        return []
    level = max(levels, key=lambda lv: counts[lv]) if len(levels) > 1 else levels[0]
    mine = [(n, text) for n, lv, text in heads if lv == level]
    found = []
    for n, text in mine:
        stop = next((m for m, lv, _t in heads if m > n and lv <= level), len(lines))
        body = "\n".join(lines[n + 1 : stop]).strip()
        body = re.sub(r"\n-{3,}\s*$", "", body).strip()
        date = _DATE.search(text)
        title = _title(_DATE.sub("", text) if date else text)
        if title:
            status = re.search(r"(?im)^\s*[-*]?\s*\**status\**\s*:\**\s*(.+)$", body)
            found.append(Idea(title, n, body, date.group(1) if date else "",
                              status.group(1).strip().strip("*") if status else ""))
    return found


def _title(text: str) -> str:
    text = _SEPARATOR.sub("", _NUMBER.sub("", text.strip())).strip()
    return hooks.unquote(text.strip("*_ ")).strip()


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _by_table(lines: list[str]) -> list[Idea]:
    for n in range(len(lines) - 1):
        if "|" not in lines[n] or not re.match(r"^\s*\|?\s*:?-{3,}", lines[n + 1]):
            continue
        header = [cell.lower().strip("*_ ") for cell in _cells(lines[n])]
        title = next((i for i, cell in enumerate(header) if cell in _TITLE_COLUMNS), None)
        if title is None:
            continue
        columns = {key: next((i for i, c in enumerate(header) if c in names), None)
                   for key, names in _COLUMNS.items()}
        found = []
        for m in range(n + 2, len(lines)):
            if "|" not in lines[m]:
                break
            cells = _cells(lines[m])
            cell = {key: cells[i] if i is not None and i < len(cells) else "" for key, i in columns.items()}
            if title < len(cells) and _title(cells[title]):
                date = _DATE.search(cell["created"])
                found.append(Idea(_title(cells[title]), m, "", date.group(1) if date else "", cell["status"],
                                  tuple(filter(None, [hooks.unquote(cell["hook"])])),
                                  tuple(filter(None, [cell["angle"]])), markable=False))
        return found
    return []


def _by_list(lines: list[str]) -> list[Idea]:
    found = []
    for n, line in enumerate(lines):
        match = re.match(r"^(?:[-*+]|\d{1,4}[.)])\s+(.*)$", line)
        if not match:
            continue
        text = match.group(1)
        box = _CHECKBOX.match(text)
        if box is None and not re.match(r"^\d", line):
            continue
        status = State.PUBLISHED if box is not None and box.group(1) != " " else ""  # ticked: it went out
        text = _CHECKBOX.sub("", text)
        date = _DATE.search(text)
        title = _title(_DATE.sub("", text) if date else text)
        if title:
            found.append(Idea(title, n, "", date.group(1) if date else "", status))
    return found


def seed_text(repo: Repo, idea: Idea, bank: str, today: str) -> str:
    """The new seed: front matter in the repo's own key names, the title, the idea's text."""
    aliases = repo.config.aliases
    meta = {"title": idea.title, "type": "moment", "category": "content-seed",
            "created": idea.created or today, "source": bank, "platform": repo.config.default_platform,
            "status": idea.status or State.SEED}
    named = {aliases.source({}, key): aliases.status_value(v) if key == "status" and v == State.SEED else v
             for key, v in meta.items()}
    parts = [frontmatter.dump_mapping(named), f"# {idea.title}\n"]
    if idea.body:
        parts.append(idea.body + "\n")
    if idea.hooks:
        parts.append("## Hook Ideas\n\n" + "".join(f"- {h}\n" for h in idea.hooks))
    if idea.angles:
        parts.append("## Potential Angles\n\n" + "".join(f"1. {a}\n" for a in idea.angles))
    return "\n".join(parts)


def plan(repo: Repo, path: Path, mark: bool, today: str | None = None) -> Plan:
    """Every seed the bank splits into (none written) and, with `mark`, the bank's new bytes."""
    path = repo.writable(path)
    bank = repo.rel(path)
    try:
        data = path.read_bytes()
        text = data.decode("utf-8-sig")
    except OSError as exc:
        raise InputError(f"cannot read the idea bank: {exc.strerror}", bank) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"the idea bank is not UTF-8 text (byte {exc.start + 1})", bank) from None
    doc = frontmatter.parse(data, Path(bank)) if text.startswith(("---", "+++")) else None
    body = doc.body if doc is not None else text
    offset = doc.body_line if doc is not None else 0
    shape, found = ideas(body)
    if not found:
        raise RefusedError("not an idea bank: no repeated heading, table with a title column, "
                           "or numbered or checkbox list of ideas", bank)
    day = today or dt.date.today().isoformat()
    seeds: list[Planned] = []
    taken: set[str] = set()
    for idea in found:
        stem = f"{idea.created or day}__{file_slug(idea.title)[:60].strip('-') or 'idea'}"
        name, count = stem, 1
        while name in taken:
            count += 1
            name = f"{stem}-{count}"
        taken.add(name)
        target = repo.seeds_dir / f"{name}.md"
        rel = repo.rel(target)
        seeds.append(Planned(idea, rel, seed_text(repo, idea, bank, day), os.path.lexists(target)))
    marks = [(p.idea.line + offset, p.rel) for p in seeds if p.idea.markable]
    marked = _marked(data, marks, bank) if mark else None
    return Plan(bank, shape, seeds, marked)


def _marked(data: bytes, marks: list[tuple[int, str]], bank: str) -> bytes:
    """The bank with one line after each idea's line: a link to its seed (every other byte kept)."""
    lines = data.splitlines(keepends=True)
    ending = b"\r\n" if b"\r\n" in data else b"\n"
    up = "../" * bank.count("/")
    for line, rel in sorted(marks, reverse=True):
        if line >= len(lines):
            continue
        if not lines[line].endswith((b"\n", b"\r")):
            lines[line] += ending
        indent = b"  " if re.match(rb"^\s*(?:[-*+]|\d{1,4}[.)])\s", lines[line]) else b""
        lines.insert(line + 1, indent + f"→ seed: [{rel}]({up}{rel})".encode() + ending)
    return b"".join(lines)


def apply(repo: Repo, result: Plan) -> list[str]:
    """Write each new seed (never over an existing one) and the marked bank; what was written."""
    written = []
    with repo.lock():
        if any(not one.exists for one in result.seeds):
            repo.writable(repo.seeds_dir).mkdir(parents=True, exist_ok=True)
        for one in result.seeds:
            if one.exists:
                continue
            try:
                create_new(repo.writable(repo.root / one.rel), one.text.encode("utf-8"), repo.state_dir)
            except FileExistsError:
                continue
            written.append(one.rel)
        if result.marked is not None:
            repo.write_all({repo.root / result.bank: result.marked})
    return written
