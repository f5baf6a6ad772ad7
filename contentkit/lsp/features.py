"""What the language server answers, as functions of a repo, a file's repo-relative path and the text
of its buffer: diagnostics (validate's rules on the unsaved text), hover on a hook, an angle or a draft,
completion of front-matter keys and values, code actions, and definitions. No editor I/O here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

from lsprotocol import types

from contentkit.base.errors import ContentkitError
from contentkit.markdown import frontmatter
from contentkit.model import sections
from contentkit.model import seed as seeds
from contentkit.model.lifecycle import drafts_of
from contentkit.platforms import fold
from contentkit.platforms import posttext as post
from contentkit.store import catalog
from contentkit.store.config import Platform
from contentkit.store.repo import Repo
from contentkit.usecases.lint.run import lint
from contentkit.usecases.validate import run
from contentkit.usecases.validate.diagnostics import Diagnostic
from contentkit.usecases.validate.diagnostics import diagnostic as located
from contentkit.usecases.validate.workspace import DRAFT, SEED, Workspace

SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
READABILITY = "CK607"  # lint's readability figure: said on open and save, not at each keystroke
SCREENS = ("phone", "desktop")  # the order a hover names the folds in
DEVELOP = "contentkit.usecases.develop"  # the command of "develop with this hook"
_KEY_LINE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")
_MEAN = re.compile(r"did you mean '([^']+)'\?")
_MISSING = re.compile(r"missing required key '([^']+)'")
DEFAULTS: dict[str, Callable[[Repo], str]] = {
    "type": lambda repo: "moment",
    "category": lambda repo: "content-seed",
    "created": lambda repo: dt.datetime.now(dt.timezone.utc).date().isoformat(),
    "source": lambda repo: "idea",
    "platform": lambda repo: repo.config.default_platform,
    "status": lambda repo: repo.config.aliases.status_value(repo.config.statuses[0]),
}


class Place(NamedTuple):
    """A buffer's file in its repo."""

    repo: Repo
    rel: str  # repo-relative, POSIX

    @property
    def kind(self) -> str | None:
        return run.kind_of(Workspace(self.repo), self.rel)


# --- diagnostics ----------------------------------------------------------------------------------


def diagnostics(place: Place, text: str, figure: bool = True) -> list[types.Diagnostic]:
    """validate's findings on the buffer, and on a draft `contentkit lint`'s (validate's own copy of
    the CK6xx checks is left out: lint's are the ones `[lint]` and the inline ignores shape). Without
    `figure`, no readability figure (CK607: its first use imports textstat, seconds)."""
    found = [d for d in run.check_text(place.repo, place.rel, text) or [] if not d.code.startswith("CK6")]
    if place.kind == DRAFT:
        found += _lint(place, text, figure)
    return [_lsp_diagnostic(d, text) for d in sorted(found)]


def _lint(place: Place, text: str, figure: bool) -> list[Diagnostic]:
    """`contentkit lint` on the unsaved draft: its codes, line:col and severity, with the repo's `[lint]`
    and the inline ignores. proselint and Vale (a process each) are left to `contentkit lint`."""
    drafted = _draft_profile(place, text)
    if drafted is None:
        return []
    profile, meta = drafted
    config = place.repo.config.lint
    off = config.off if figure else (*config.off, READABILITY)
    settings = replace(config, proselint=False, vale=False, off=off)
    lang = meta.get("lang") if isinstance(meta.get("lang"), str) and meta.get("lang") else "en"
    try:
        found = lint(text, profile, settings, str(lang))
    except ContentkitError:
        return []
    return [
        located(place.rel, f.line, f.col, f.code, f.message + (f" (fix: '{f.fix}')" if f.fix else ""))
        for f in found
    ]


def _lsp_diagnostic(found: Diagnostic, text: str) -> types.Diagnostic:
    lines = text.splitlines() or [""]
    line = min(max(found.line - 1, 0), len(lines) - 1)
    start = max(found.col - 1, 0)
    end = max(len(lines[line]), start + 1)
    return types.Diagnostic(
        range=types.Range(types.Position(line, start), types.Position(line, end)),
        message=found.message,
        severity=SEVERITY.get(found.severity, types.DiagnosticSeverity.Information),
        code=found.code,
        source="contentkit",
    )


# --- hover ----------------------------------------------------------------------------------------


def measure(text: str, profile: Platform) -> tuple[int, list[tuple[str, int | None]]]:
    """A text's length by the platform's own count and where it folds (label, characters before the
    fold, None when the whole text shows). The one place the profile's counting and folds are asked."""
    plain = post.post_text(text)
    screens = sorted(fold.screen_folds(plain, profile).items(), key=lambda item: SCREENS.index(item[0]))
    single = len(screens) == 1  # one fold for every screen: no screen named
    return profile.count(plain), [
        ("" if single else screen, None if cut.at is None else profile.count(cut.before))
        for screen, cut in screens
    ]


def _measured(text: str, profile: Platform) -> str:
    length, folds = measure(text, profile)
    shown = ", ".join(
        f"folds{' on ' + label if label else ''} after {at}"
        if at is not None
        else f"shows whole{label and ' on ' + label}"
        for label, at in folds
    )
    return f"- {profile.display_name}: {length}/{profile.limit} characters, {shown}"


def _numbered(seed: seeds.Seed, kind: str) -> Iterator[tuple[int, int, str]]:
    """(number, 0-based line, text) of each hook or angle, numbered as `--hook N` / `--angle N` take them."""
    section = seed.section(kind)
    if section is None:
        return
    top = [item for item in section.items if item.depth == 1]
    for number, item in enumerate(top, 1):
        yield number, item.line, item.text


def hover(place: Place, text: str, line: int) -> types.Hover | None:
    if place.kind == SEED:
        return _seed_hover(place, text, line)
    if place.kind == DRAFT:
        return _draft_hover(place, text)
    return None


def _seed_hover(place: Place, text: str, line: int) -> types.Hover | None:
    seed = _seed(place, text)
    if seed is None:
        return None
    for kind, option, read in (("hooks", "--hook", sections.unquote), ("angles", "--angle", _angle_text)):
        for number, at, item in _numbered(seed, kind):
            if at == line:
                body = read(item)
                rows = [_measured(body, p) for p in place.repo.config.platforms.values()]
                head = f"**{option} {number}** ({kind[:-1]}), {len(body)} characters"
                return types.Hover(
                    types.MarkupContent(types.MarkupKind.Markdown, "\n".join([head, "", *rows]))
                )
    return None


def _angle_text(item: str) -> str:
    angle = sections.parse_angle(item)
    return f"{angle.title} - {angle.description}" if angle.description else angle.title


def _draft_hover(place: Place, text: str) -> types.Hover | None:
    drafted = _draft_profile(place, text)
    if drafted is None:
        return None
    profile, _meta = drafted
    body = frontmatter.parse(text, Path(place.rel)).body
    content = "\n".join([f"**{profile.display_name} draft**", "", _measured(body, profile)])
    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, content))


def _draft_profile(place: Place, text: str) -> tuple[Platform, dict[str, Any]] | None:
    """A draft buffer's platform profile (as `export` finds it: its `platform:` key, else its folder
    when that names a profile, else the repo's default) and its front matter; None when unreadable."""
    try:
        meta = frontmatter.parse(text, Path(place.rel)).meta
    except ContentkitError:
        return None
    platforms = place.repo.config.platforms
    key = meta.get("platform")
    folder = Path(place.rel).parent.name
    name = key if isinstance(key, str) and key else folder if folder in platforms else None
    profile = platforms.get(name or place.repo.config.default_platform)
    return None if profile is None else (profile, meta)


def _seed(place: Place, text: str) -> seeds.Seed | None:
    config = place.repo.config
    try:
        return seeds.parse(
            text, place.repo.root / place.rel, place.repo.root, place.rel, config.forms, config.aliases
        )
    except ContentkitError:
        return None


# --- completion -----------------------------------------------------------------------------------


def front_matter_lines(text: str) -> range | None:
    """The 0-based lines between the `---` fences (the fences aside), or None without front matter."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return None
    end = next((n for n in range(1, len(lines)) if lines[n].strip() in ("---", "...")), len(lines))
    return range(1, end)


def completion(place: Place, text: str, line: int, character: int) -> list[types.CompletionItem]:
    inside = front_matter_lines(text)
    if inside is None or line not in inside:
        return []
    current = (text.splitlines() or [""])[line][:character]
    found = _KEY_LINE.match(current)
    if found is None:
        return _keys(place, text)
    return [
        types.CompletionItem(value, kind=types.CompletionItemKind.Value)
        for value in _values(place, found.group(1))
    ]


def _keys(place: Place, text: str) -> list[types.CompletionItem]:
    config = place.repo.config
    inside = front_matter_lines(text) or range(0)
    lines = text.splitlines()
    present = {m.group(1) for m in (_KEY_LINE.match(lines[n]) for n in inside) if m}
    names = dict.fromkeys([*config.required, *config.known_keys, *config.aliases.key_names])
    return [
        types.CompletionItem(name, kind=types.CompletionItemKind.Property, insert_text=f"{name}: ")
        for name in names
        if name not in present
    ]


def _values(place: Place, key: str) -> list[str]:
    config = place.repo.config
    name = next((k for k, names in config.aliases.keys if key in names), key)
    table: dict[str, Callable[[], list[str]]] = {
        "status": lambda: list(config.aliases.accepted(config.statuses)),
        "platform": lambda: sorted(config.platforms),
        "developed_to": lambda: list(place.repo.files().drafts),
        "seed": lambda: list(place.repo.files().seeds),
        "type": lambda: ["moment", "draft"],
        "themes": lambda: _themes(place.repo),
        "tags": lambda: _themes(place.repo),
    }
    return table.get(name, list)()


def _themes(repo: Repo) -> list[str]:
    return sorted({theme for entry in catalog.collect(repo).readable for theme in entry.themes})


# --- code actions ---------------------------------------------------------------------------------


def code_actions(
    place: Place, text: str, uri: str, line: int, found: list[types.Diagnostic]
) -> list[types.CodeAction | types.Command]:
    """The sure fixes of the diagnostics in the range, then "develop with this hook" on a hook's line
    (a bare Command: a CodeAction holding one reads back as a Command in lsprotocol's own clients)."""
    kept: list[types.CodeAction | types.Command] = []
    for diagnostic in found:
        fix = _fix(place, text, uri, diagnostic)
        if fix is not None:
            kept.append(fix)
    seed = _seed(place, text) if place.kind == SEED else None
    for number, at, _ in _numbered(seed, "hooks") if seed else ():
        if at == line:
            arguments = [place.rel, number, str(place.repo.root)]
            kept.append(types.Command(f"Develop with --hook {number}", DEVELOP, arguments=arguments))
    return kept


def _fix(place: Place, text: str, uri: str, found: types.Diagnostic) -> types.CodeAction | None:
    message = found.message
    lines = text.splitlines()
    suggested = _MEAN.search(message) if found.code == "CK202" else None
    if suggested is not None and found.range.start.line < len(lines):
        value = suggested.group(1)
        start = found.range.start
        end = types.Position(start.line, _value_end(lines[start.line], start.character))
        edit = types.TextEdit(types.Range(start, end), value)
        return _action(f"Change status to '{value}'", uri, edit, found)
    missing = _MISSING.search(message) if found.code == "CK201" else None
    fences = front_matter_lines(text)
    if missing is not None and fences is not None:
        key = missing.group(1)
        value = DEFAULTS[key](place.repo) if key in DEFAULTS else "''"
        name = place.repo.config.aliases.source({}, key)
        at = types.Position(fences.stop, 0)
        edit = types.TextEdit(types.Range(at, at), f"{name}: {value}\n")
        return _action(f"Add '{name}: {value}'", uri, edit, found)
    return None


def _value_end(line: str, start: int) -> int:
    """Where a one-line scalar starting at `start` ends: before a ` #` comment and trailing blanks."""
    comment = line.find(" #", start)
    return start + len(line[start : comment if comment >= 0 else len(line)].rstrip())


def _action(title: str, uri: str, edit: types.TextEdit, found: types.Diagnostic) -> types.CodeAction:
    return types.CodeAction(
        title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[found],
        edit=types.WorkspaceEdit(changes={uri: [edit]}),
        is_preferred=True,
    )


# --- definition -----------------------------------------------------------------------------------


def definition(place: Place, text: str, line: int) -> list[types.Location]:
    """From a seed's `developed_to` (the line of the key, or of one list item) to its drafts; from a
    draft's `seed:` to its seed. Only files inside the repo."""
    inside = front_matter_lines(text)
    if inside is None or line not in inside:
        return []
    try:
        meta = frontmatter.parse(text, Path(place.rel)).meta
    except ContentkitError:
        return []
    config = place.repo.config
    lines = text.splitlines()
    key = _key_of(lines, line)
    if key is None:
        return []
    name = next((k for k, names in config.aliases.keys if key in names), key)
    if name == "developed_to":
        targets = list(drafts_of(meta.get(key)))
        item = lines[line].strip()
        if item.startswith("- "):
            targets = [t for t in targets if t == item[2:].strip().strip("'\"")] or targets
    elif name == "seed" and place.kind == DRAFT:
        targets = [str(meta.get(key))] if isinstance(meta.get(key), str) else []
    else:
        return []
    return [_location(place.repo, target) for target in targets if _exists(place.repo, target)]


def _key_of(lines: list[str], line: int) -> str | None:
    """The top-level key whose value runs over `line`."""
    for n in range(line, -1, -1):
        found = _KEY_LINE.match(lines[n])
        if found is not None:
            return found.group(1)
        if lines[n][:1] not in (" ", "-", "\t"):
            return None
    return None


def _exists(repo: Repo, rel: str) -> bool:
    try:
        return repo.inside(repo.root / rel) and (repo.root / rel).is_file()
    except (OSError, ValueError):
        return False


def _location(repo: Repo, rel: str) -> types.Location:
    start = types.Position(0, 0)
    return types.Location((repo.root / rel).resolve().as_uri(), types.Range(start, start))
