"""Check seeds and drafts: rules -> Diagnostic(path, line, col, code, severity, message); output formats.

A file that cannot be read (encoding, front matter, YAML) gets one CK1xx diagnostic and no more: there
is nothing left to check. Every other rule runs on every readable file and reports all it finds.

Rules are plain functions from a FileCheck to Diagnostics, kept in the RULES table per kind of file;
each code is listed in codes.CODES with its severity. Adding a rule is one function, one table entry, one
code (and a line in docs/RULES.md, which a test holds to CODES). An unreadable file's code comes with
the SeedError that says so, set where it is raised.

Nothing here imports markdown-it unless a seed's body names a hooks or angles heading, nor Jinja:
pre-commit runs this on every commit.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import posixpath
import re
from collections.abc import Callable, Iterator, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from contentkit import frontmatter, lines, schema
from contentkit.codes import CODES, ERROR, UNREADABLE, WARNING
from contentkit.config import Config
from contentkit.errors import SeedError
from contentkit.repo import Repo
from contentkit.schema import did_you_mean

if TYPE_CHECKING:
    from contentkit import cache
    from contentkit.seed import Seed

# NamedTuples rather than dataclasses, here and below: they cost a tenth as much to define, and
# this module's import time is part of every commit.

SEED, DRAFT = "seed", "draft"
_SLUG = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}__(.+)")


class Diagnostic(NamedTuple):
    path: str  # repo-relative, POSIX
    line: int  # 1-based
    col: int  # 1-based
    code: str
    severity: str  # ERROR or WARNING
    message: str

    def to_json(self) -> dict[str, Any]:
        return dict(self._asdict())


def diagnostic(path: str, line: int, col: int, code: str, message: str) -> Diagnostic:
    """A Diagnostic with its code's severity and a message that is one printable line."""
    return Diagnostic(path, line, col, code, CODES[code][0], one_line(message))


def one_line(text: str) -> str:
    """Whitespace runs to one space; other unprintable characters (terminal escapes) as \\u escapes."""
    flat = " ".join(text.split())
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in flat)


def shown(value: Any, limit: int = 60) -> str:
    """A front matter value quoted for a message, cut short."""
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return f"'{text}'"


# --- the repo as the rules see it -----------------------------------------------------------


class Workspace:
    """The repo's config and files, read at most once, for rules that look beyond one file.

    The file lists come from the cache's listing (cache.files) when it can give them: a check of
    one file in a large repo then walks no folders and makes no Path per file.
    """

    def __init__(self, repo: Repo) -> None:
        self.repo = repo
        self.root = repo.root
        self._documents: dict[str, frontmatter.Document | None] = {}
        self.consulted: set[str] = set()  # other files the rules looked at (the cache must see them)
        self._slug_lookups = 0

    def rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return self.repo.rel(path)

    @cached_property
    def listing(self) -> cache.Listing | None:
        """Seed and draft files, repo-relative, in repo order; None when the cache cannot list them."""
        from contentkit import cache

        return cache.files(self.repo)

    @cached_property
    def seeds(self) -> dict[str, Path]:
        if self.listing is not None:
            return {rel: self.root / rel for rel in self.listing.seeds}
        return {self.rel(p): p for p in self.repo.seed_files()}

    @cached_property
    def drafts(self) -> dict[str, Path]:
        if self.listing is not None:
            return {rel: self.root / rel for rel in self.listing.drafts}
        return {self.rel(p): p for p in self.repo.draft_files()}

    @cached_property
    def seed_list(self) -> list[str]:
        return self.listing.seeds if self.listing is not None else list(self.seeds)

    @cached_property
    def seed_names(self) -> frozenset[str]:
        return frozenset(self.seed_list)

    @cached_property
    def slugs(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for rel in self.seed_list:
            found.setdefault(slug_of(posixpath.basename(rel).removesuffix(".md")), []).append(rel)
        return found

    def with_slug(self, slug: str) -> list[str]:
        """The seeds whose file name has this slug. For a few lookups, only the names ending in it
        are looked at (a slug is the end of its file's stem); for many, every name once."""
        self._slug_lookups += 1
        if self._slug_lookups > 16:
            return self.slugs.get(slug, [])
        end = f"{slug}.md"
        if self.listing is not None:
            names = self.listing.seeds_ending(end)
        else:
            names = [rel for rel in self.seed_list if rel.endswith(end)]
        return [rel for rel in names if slug_of(posixpath.basename(rel).removesuffix(".md")) == slug]

    def target(self, value: Any) -> tuple[str, str]:
        """A path value from front matter -> (repo-relative path, problem); problem is '' when fine."""
        if not isinstance(value, str) or not value.strip():
            return "", "must be a path relative to the repo root"
        if value.startswith(("/", "\\", "~")) or re.match(r"[A-Za-z]:[/\\]", value):
            return "", "is absolute; use a path relative to the repo root"
        self.consulted.add(posixpath.normpath(value))  # whatever it resolves to, it depends on that path
        try:
            inside = Path(os.path.realpath(self.root / value)).is_relative_to(self.root)
        except (OSError, RuntimeError, ValueError):  # a symlink loop, a NUL byte
            return "", "is not a usable path"
        if not inside:
            return "", "escapes the repo"
        return posixpath.normpath(value), ""

    def is_file(self, rel: str) -> bool:
        self.consulted.add(rel)
        try:
            return (self.root / rel).is_file()
        except (OSError, ValueError):
            return False

    def document(self, rel: str) -> frontmatter.Document | None:
        """Another file's front matter, or None when it cannot be read (it reports that itself)."""
        self.consulted.add(rel)
        if rel not in self._documents:
            try:
                self._documents[rel] = frontmatter.parse((self.root / rel).read_bytes(), Path(rel))
            except (OSError, SeedError):
                self._documents[rel] = None
        return self._documents[rel]


def slug_of(stem: str) -> str:
    """The part of a `YYYY-MM-DD__slug` file stem after the date; the whole stem otherwise."""
    match = _SLUG.fullmatch(stem)
    return match.group(1) if match else stem


class FileCheck(NamedTuple):
    """One readable file, as every rule sees it."""

    rel: str
    kind: str  # SEED or DRAFT
    doc: frontmatter.Document
    space: Workspace

    @property
    def meta(self) -> dict[str, Any]:
        return self.doc.meta

    @property
    def config(self) -> Config:
        return self.space.repo.config

    def key_at(self, key: str | None = None) -> tuple[int, int]:
        """Where a key stands; the front matter's opening line when it is absent."""
        span = self.doc.spans.get(key) if key is not None else None
        return (1, 1) if span is None else self.doc.at(span.key)

    def value_at(self, key: str) -> tuple[int, int]:
        span = self.doc.spans.get(key)
        return self.key_at(key) if span is None else self.doc.at(span.start)

    def written(self, key: str) -> str:
        """A value as written in the file (its first line), before YAML read it."""
        span = self.doc.spans.get(key)
        if span is None:
            return ""
        text = self.doc.yaml_text
        return text[span.start : min(span.end, lines.end_of_line(text, span.start)[0])].strip()

    def report(self, code: str, message: str, at: tuple[int, int] = (1, 1)) -> Diagnostic:
        return diagnostic(self.rel, at[0], at[1], code, message)


Rule = Callable[[FileCheck], Iterator[Diagnostic]]


# --- seed rules -----------------------------------------------------------------------------


def required_keys(check: FileCheck) -> Iterator[Diagnostic]:
    for key in check.config.required:
        if key not in check.meta:
            yield check.report("CK201", f"missing required key '{key}'")
        elif check.meta[key] is None or check.meta[key] == "":
            yield check.report("CK201", f"required key '{key}' has no value", check.key_at(key))


def unknown_keys(check: FileCheck) -> Iterator[Diagnostic]:
    known = (*check.config.known_keys, *check.config.required)
    for key in check.meta:
        if key not in known:
            name = str(key)
            hint = did_you_mean(name, known)
            yield check.report("CK301", f"unknown key '{name}'{hint}", check.key_at(name))


_TYPE_NAMES: tuple[tuple[type, str], ...] = (
    (bool, "a boolean"),
    (int, "a number"),
    (float, "a number"),
    (dt.date, "a date"),
    (list, "a list"),
    (dict, "a mapping"),
)


def _type_name(value: Any) -> str:
    return next((name for kind, name in _TYPE_NAMES if isinstance(value, kind)), type(value).__name__)


def value_types(check: FileCheck) -> Iterator[Diagnostic]:
    for key in schema.TEXT_KEYS:
        value = check.meta.get(key)
        if value is not None and not isinstance(value, str):
            written = check.written(key)
            message = f"'{key}' must be text, but YAML reads {written} as {_type_name(value)}"
            if written and '"' not in written:
                message += f'; quote it: {key}: "{written}"'
            yield check.report("CK209", message, check.value_at(key))
    for key in schema.LIST_KEYS:
        value = check.meta.get(key)
        if value is not None and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            yield check.report("CK209", f"'{key}' must be a list of text items", check.value_at(key))


def status_in_lifecycle(check: FileCheck) -> Iterator[Diagnostic]:
    value = check.meta.get("status")
    statuses = check.config.statuses
    if value is None or value == "" or value in statuses:
        return
    hint = did_you_mean(value, statuses) if isinstance(value, str) else ""
    lifecycle = ", ".join(statuses)
    message = f"status {shown(value)} is not in the lifecycle: {lifecycle}{hint}"
    yield check.report("CK202", message, check.value_at("status"))


def is_iso_8601(value: Any) -> bool:
    """A YAML date or timestamp, or a string in ISO 8601 form that names a real day."""
    if isinstance(value, dt.date):
        return True
    if not isinstance(value, str) or not re.fullmatch(schema.ISO_8601, value):
        return False
    try:
        dt.date(int(value[0:4]), int(value[5:7]), int(value[8:10]))
    except ValueError:
        return False
    return True


def dates(check: FileCheck) -> Iterator[Diagnostic]:
    for key in schema.DATE_KEYS:
        value = check.meta.get(key)
        if value not in (None, "") and not is_iso_8601(value):
            message = (
                f"{key} {shown(value)} is not an ISO 8601 date or date-time "
                "(like 2025-12-19 or 2025-12-19T05:10:00Z)"
            )
            yield check.report("CK203", message, check.value_at(key))


def urls(check: FileCheck) -> Iterator[Diagnostic]:
    for key in schema.URL_KEYS:
        value = check.meta.get(key)
        if value not in (None, "") and not schema.is_http_url(value):
            message = f"{key} {shown(value)} is not an http(s) URL"
            yield check.report("CK204", message, check.value_at(key))


def developed_has_draft(check: FileCheck) -> Iterator[Diagnostic]:
    if check.meta.get("status") == "developed" and check.meta.get("developed_to") in (None, ""):
        message = "status is developed but developed_to does not say which draft"
        yield check.report("CK205", message, check.value_at("status"))


def developed_to_exists(check: FileCheck) -> Iterator[Diagnostic]:
    value = check.meta.get("developed_to")
    if value in (None, ""):
        return
    rel, problem = check.space.target(value)
    if problem:
        yield check.report("CK206", f"developed_to {shown(value)} {problem}", check.value_at("developed_to"))
    elif not check.space.is_file(rel):
        yield check.report("CK207", f"developed_to '{rel}' points at no file", check.value_at("developed_to"))


def draft_points_back(check: FileCheck) -> Iterator[Diagnostic]:
    rel, problem = check.space.target(check.meta.get("developed_to"))
    if problem or not check.space.is_file(rel):
        return
    draft = check.space.document(rel)
    if draft is None:
        return
    back = draft.meta.get("seed")
    back_rel = check.space.target(back)[0]
    if back_rel != check.rel:
        says = f"seed: {shown(back)}" if back not in (None, "") else "no seed key"
        message = f"developed_to '{rel}' does not point back at this seed (it has {says})"
        yield check.report("CK302", message, check.value_at("developed_to"))


def unique_slug(check: FileCheck) -> Iterator[Diagnostic]:
    slug = slug_of(Path(check.rel).stem)
    others = [rel for rel in check.space.with_slug(slug) if rel != check.rel]
    if others:
        yield check.report("CK208", f"slug '{slug}' is also used by {', '.join(sorted(others))}")


def platform_known(check: FileCheck) -> Iterator[Diagnostic]:
    value = check.meta.get("platform")
    platforms = check.config.platforms
    if isinstance(value, str) and value and value not in platforms:
        message = schema.unknown_platform(value, platforms)
        yield check.report("CK305", message, check.value_at("platform"))


# (code, Seed attribute and section kind, what the writer adds, the heading the skeleton uses)
DEVELOP_NEEDS: tuple[tuple[str, str, str, str], ...] = (
    ("CK303", "hooks", "hook ideas", "Hook Ideas"),
    ("CK304", "angles", "angles", "Potential Angles"),
)


def developable(check: FileCheck) -> Iterator[Diagnostic]:
    """A seed at the start of the lifecycle needs hooks and angles before `develop` can use it."""
    if check.meta.get("status") not in check.config.statuses[:1]:
        return
    seed = _body_of(check)
    for code, kind, what, heading in DEVELOP_NEEDS:
        if seed is not None and getattr(seed, kind):
            continue
        section = seed.section(kind) if seed is not None else None
        at = (section.line + 1, 1) if section is not None else check.value_at("status")
        message = f"no {what} yet, so it cannot be developed: add a list under '## {heading}'"
        yield check.report(code, message, at)


def _body_of(check: FileCheck) -> Seed | None:
    """The parsed body; None when no heading can name hooks or angles (then markdown-it is not loaded).

    A heading's kind comes from keywords in its lowercased text (seed.kind_of), so a body whose
    lowercased text contains neither keyword has no such section.
    """
    lowered = check.doc.body.lower()
    if not any(kind.rstrip("s") in lowered for _, kind, _, _ in DEVELOP_NEEDS):
        return None
    from contentkit import seed

    title, sections = seed.parse_body(check.doc.body, check.doc.body_line)
    return seed.Seed(Path(check.rel), check.rel, check.doc, title, sections)


# --- draft rules ----------------------------------------------------------------------------


def draft_seed(check: FileCheck) -> Iterator[Diagnostic]:
    value = check.meta.get("seed")
    if value in (None, ""):
        yield check.report("CK401", "draft has no 'seed' key naming the seed it was developed from")
        return
    rel, problem = check.space.target(value)
    at = check.value_at("seed")
    if problem:
        yield check.report("CK402", f"seed {shown(value)} {problem}", at)
    elif rel not in check.space.seed_names:
        where = "is not a seed file" if check.space.is_file(rel) else "points at no file"
        seeds_dir = check.config.seeds_dir
        yield check.report("CK403", f"seed '{rel}' {where} under {seeds_dir}/", at)


def platform_limits(check: FileCheck) -> Iterator[Diagnostic]:
    """CK501-CK503: the exported post against its platform's profile.

    Only drafts of a configured platform are measured; the export (and markdown-it) loads only here.
    """
    value = check.meta.get("platform")
    name = value if isinstance(value, str) and value else check.config.default_platform
    profile = check.config.platforms.get(name)
    if profile is None:
        return
    from contentkit import post

    for finding in post.check_draft(check.doc.text, profile):
        yield check.report(finding.code, finding.message, (finding.line, 1))


def published_url_only_when_published(check: FileCheck) -> Iterator[Diagnostic]:
    """A lifecycle that contradicts itself: a post's URL on a seed still before `published`."""
    statuses = check.config.statuses
    status = check.meta.get("status")
    if "published" not in statuses or status not in statuses[: statuses.index("published")]:
        return
    if check.meta.get("published_url") not in (None, ""):
        message = f"published_url is set but status is {status}: mark it published, or remove the URL"
        yield check.report("CK210", message, check.value_at("published_url"))


SEED_RULES: tuple[Rule, ...] = (
    required_keys,
    unknown_keys,
    value_types,
    status_in_lifecycle,
    dates,
    urls,
    developed_has_draft,
    published_url_only_when_published,
    developed_to_exists,
    draft_points_back,
    unique_slug,
    platform_known,
    developable,
)
DRAFT_RULES: tuple[Rule, ...] = (draft_seed, platform_limits)
RULES: dict[str, tuple[Rule, ...]] = {SEED: SEED_RULES, DRAFT: DRAFT_RULES}


# --- checking files ---------------------------------------------------------------------------


def read_error(exc: SeedError, rel: str) -> Diagnostic:
    return diagnostic(rel, exc.line or 1, exc.col or 1, exc.code, exc.message)


def check_data(data: bytes | str, rel: str, kind: str, space: Workspace) -> list[Diagnostic]:
    """Every diagnostic for one file's content. Never raises for anything a file can hold."""
    try:
        doc = frontmatter.parse(data, Path(rel))
    except SeedError as exc:
        return [read_error(exc, rel)]
    check = FileCheck(rel, kind, doc, space)
    return [found for rule in RULES[kind] for found in rule(check)]


def check_file(path: Path, rel: str, kind: str, space: Workspace) -> list[Diagnostic]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [diagnostic(rel, 1, 1, UNREADABLE, f"cannot read file: {exc.strerror or exc}")]
    return check_data(data, rel, kind, space)


class Report(NamedTuple):
    diagnostics: tuple[Diagnostic, ...]
    files: int

    @property
    def errors(self) -> int:
        return sum(d.severity == ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.severity == WARNING for d in self.diagnostics)

    def strict(self) -> Report:
        """Warnings become errors."""
        return self._replace(diagnostics=tuple(d._replace(severity=ERROR) for d in self.diagnostics))


class Target(NamedTuple):
    path: Path
    rel: str
    kind: str


def check(repo: Repo, paths: Sequence[Path] = (), cwd: Path | None = None) -> Report:
    """Check the given files and folders (relative to `cwd`), or every seed and draft in the repo.

    A check of the whole repo is remembered in .contentkit/ and recalled while no file changed.
    """
    space = Workspace(repo)
    if paths:
        targets, found = select(space, paths, cwd or Path.cwd())
        return checked(space, targets, found)
    from contentkit import cache

    snapshot = cache.Snapshot(repo)  # every stamp, before any file is read
    known = _report_of(snapshot.recall(MEMO))
    if known is not None:
        return known
    report = checked(space, all_targets(space), [])
    value = [[list(d) for d in report.diagnostics], report.files]
    snapshot.remember(MEMO, value, space.consulted)
    return report


MEMO = "validate.json"


def checked(space: Workspace, targets: list[Target], found: list[Diagnostic]) -> Report:
    files = len(targets) + len(found)  # each path that could not be checked counts as a file
    for target in targets:
        found += check_file(target.path, target.rel, target.kind, space)
    return Report(tuple(sorted(found)), files)


def _report_of(value: Any) -> Report | None:
    """A remembered report, if it has the shape of one."""
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], list)):
        return None
    rows, files = value
    if type(files) is not int or not all(map(_diagnostic_row, rows)):
        return None
    return Report(tuple(Diagnostic(*row) for row in rows), files)


def _diagnostic_row(row: Any) -> bool:
    types = (str, int, int, str, str, str)  # Diagnostic's fields
    return isinstance(row, list) and len(row) == 6 and all(map(isinstance, row, types))


def all_targets(space: Workspace) -> list[Target]:
    found = [Target(p, rel, SEED) for rel, p in space.seeds.items()]
    return found + [Target(p, rel, DRAFT) for rel, p in space.drafts.items()]


def select(space: Workspace, paths: Sequence[Path], cwd: Path) -> tuple[list[Target], list[Diagnostic]]:
    """The seeds and drafts named by `paths`: files, or folders holding them. Other files are skipped."""
    chosen: dict[str, Target] = {}
    problems: list[Diagnostic] = []
    for arg in paths:
        path = _real(Path(os.path.abspath(cwd / arg)))
        shown_path = _shown_path(space, path, arg)
        if not path.exists():
            problems.append(diagnostic(shown_path, 1, 1, "CK100", "no such file or folder"))
        elif not path.is_relative_to(space.root):
            problems.append(diagnostic(shown_path, 1, 1, "CK100", f"is outside the repo at {space.root}"))
        elif path.is_dir():
            chosen.update((t.rel, t) for t in all_targets(space) if t.path.is_relative_to(path))
        elif space.listing is not None:  # a file: found by name, without a Target for every file
            rel = path.relative_to(space.root).as_posix()
            kind = SEED if space.listing.is_seed(rel) else DRAFT if space.listing.is_draft(rel) else None
            if kind is not None:
                chosen[rel] = Target(space.root / rel, rel, kind)
        else:
            chosen.update((t.rel, t) for t in all_targets(space) if t.path == path)
    return [chosen[rel] for rel in sorted(chosen)], problems


def _real(path: Path) -> Path:
    """Symlinked folders resolved, the file name kept (a seed may itself be a symlink)."""
    try:
        return Path(os.path.realpath(path.parent)) / path.name if path.name else path
    except (OSError, ValueError):
        return path


def _shown_path(space: Workspace, path: Path, arg: Path) -> str:
    try:
        return path.relative_to(space.root).as_posix()
    except ValueError:
        return arg.as_posix()


# --- output -----------------------------------------------------------------------------------


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary(report: Report) -> str:
    counts = f"{_plural(report.errors, 'error')}, {_plural(report.warnings, 'warning')}"
    return f"{counts} in {_plural(report.files, 'file')}"


def format_text(report: Report) -> str:
    lines = [f"{d.path}:{d.line}:{d.col}: {d.code} {d.message}" for d in report.diagnostics]
    return "\n".join([*lines, summary(report)]) + "\n"


def format_json(report: Report) -> str:
    return json.dumps([d.to_json() for d in report.diagnostics], indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(report: Report) -> str:
    """GitHub Actions workflow commands: one annotation per diagnostic, then the summary."""
    lines = [
        f"::{d.severity} file={_escape_property(d.path)},line={d.line},col={d.col},"
        f"title={_escape_property(d.code)}::{_escape_data(d.message)}"
        for d in report.diagnostics
    ]
    return "\n".join([*lines, summary(report)]) + "\n"


FORMATS: dict[str, Callable[[Report], str]] = {
    "text": format_text,
    "json": format_json,
    "github": format_github,
}
