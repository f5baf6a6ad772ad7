"""contentkit.toml for `contentkit adopt`: what the Proposal adds, written into the writer's file
without rewriting a byte of it (new top-level keys before the first table, new entries at the end of
their table, new tables at the end), checked by reading it back before anything is written."""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from contentkit.base.errors import ConfigError, RefusedError, UsageError
from contentkit.base.lines import newline_of
from contentkit.model.lifecycle import drafts_of
from contentkit.model.sections import default_forms
from contentkit.store import config as configuration
from contentkit.store.repo import Repo
from contentkit.usecases import adopt, precommit
from contentkit.usecases.adopt import Proposal, files
from contentkit.usecases.validate.run import check

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

TABLES = ("aliases.keys", "aliases.status", "sections")
_BARE = re.compile(r"[A-Za-z0-9_-]+")
_HEADER = re.compile(r"[ \t]*\[")


@dataclass
class Edit:
    """The config text once the proposal is in, and what was added or left as the file has it."""

    text: str
    added: list[str] = field(default_factory=list)  # `[aliases.keys] created`, `required`, ...
    kept: list[str] = field(default_factory=list)  # entries the file already has, kept as they are
    open: list[str] = field(default_factory=list)  # values it could not add to an entry the file has


def _key(name: str) -> str:
    return name if _BARE.fullmatch(name) else json.dumps(name, ensure_ascii=False)


def _array(values: list[str]) -> str:
    return "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in values) + "]"


def _lookup(data: dict[str, Any], dotted: str) -> Any:
    for part in dotted.split("."):
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def merged(text: str, proposal: Proposal, top: dict[str, list[str] | str]) -> Edit:
    """`text` (the current contentkit.toml, '' for none) with the proposal's entries it lacks."""
    data = tomllib.loads(text) if text.strip() else {}
    newline = newline_of(text) if text else "\n"
    edit = Edit(text)
    lines = [f"{name} = {_value(value)}" for name, value in top.items() if name not in data]
    edit.added += [name for name in top if name not in data]
    edit.kept += [name for name in top if name in data and name not in EXTENDED]
    if lines:
        edit.text = _insert_top(edit.text, lines, newline)
    for name in EXTENDED:
        if name in top and name in data and isinstance(top[name], list):
            _extend(edit, None, name, list(top[name]))
    tables = {"aliases.keys": proposal.keys, "aliases.status": proposal.status, "sections": proposal.sections}
    for table, rows in tables.items():
        have = _lookup(data, table)
        have = have if isinstance(have, dict) else {}
        new = [(name, [value for value, _ in pairs]) for name, pairs in rows.items() if name not in have]
        for name, pairs in rows.items():
            if name in have:
                _extend(edit, table, name, [value for value, _ in pairs])
        if new:
            entries = [f"{_key(n)} = {_array(v)}" for n, v in new]
            edit.text = _insert_entries(edit.text, table, entries, newline)
            edit.added += [f"[{table}] {name}" for name, _ in new]
    return edit


EXTENDED = ("known_keys",)  # top-level arrays the file has that adopt adds to (required is the writer's)


def _extend(edit: Edit, table: str | None, name: str, values: list[str]) -> None:
    """The values an entry the file already has lacks, added at the end of its array in place (the
    rest of the file byte for byte); when the array cannot be found or grown so, said under open."""
    data = tomllib.loads(edit.text) if edit.text.strip() else {}
    have = _lookup(data, f"{table}.{name}" if table else name)
    where = f"[{table}] {name}" if table else name
    if not isinstance(have, list):
        edit.kept.append(where)
        return
    present = {v.strip() for v in have if isinstance(v, str)}
    missing = list(dict.fromkeys(v for v in values if v.strip() not in present))
    if not missing:
        edit.kept.append(where)
        return
    grown = _grown(edit.text, data, table, name, [*have, *missing], missing)
    if grown is None:
        shown = ", ".join(json.dumps(v, ensure_ascii=False) for v in missing)
        edit.open.append(f"contentkit.toml has {where} written in a way adopt cannot add to: add {shown} "
                         "to it by hand")
        return
    edit.text = grown
    edit.added.append(f"{where} + {', '.join(missing)}")


def _grown(text: str, data: dict[str, Any], table: str | None, name: str, want: list[str],
           missing: list[str]) -> str | None:
    """`text` with `missing` before the closing `]` of `name`'s array (under `[table]`, or at the top),
    checked by reading it back: the array is `want` and nothing else changed; None when no place does."""
    lines = text.splitlines(keepends=True)
    start, end = _block(lines, table)
    entry = re.compile(r"[ \t]*(" + re.escape(name) + "|" + re.escape(json.dumps(name)) + r")[ \t]*=")
    first = next((n for n in range(start, end) if entry.match(lines[n])), None)
    if first is None:
        return None
    offset = sum(len(line) for line in lines[:first])
    stop = sum(len(line) for line in lines[:end])
    added = ", ".join(json.dumps(v, ensure_ascii=False) for v in missing)
    for at in (i for i in range(offset, stop) if text[i] == "]"):
        before = text[offset:at].rstrip()
        candidate = text[:at] + ("" if before.endswith(("[", ",")) else ", ") + added + text[at:]
        try:
            new = tomllib.loads(candidate)
        except tomllib.TOMLDecodeError:
            continue
        same = _without(new, table, name) == _without(data, table, name)
        if same and _lookup(new, f"{table}.{name}" if table else name) == want:
            return candidate
    return None


def _block(lines: list[str], table: str | None) -> tuple[int, int]:
    """The line range of `[table]`'s entries (the top-level ones for None); (0, 0) when it has none."""
    if table is None:
        return 0, next((n for n, line in enumerate(lines) if _HEADER.match(line)), len(lines))
    dotted = r"[ \t]*\.[ \t]*".join(map(re.escape, table.split(".")))
    header = re.compile(r"[ \t]*\[[ \t]*" + dotted + r"[ \t]*\][ \t]*(#.*)?$")
    start = next((n for n, line in enumerate(lines) if header.match(line.rstrip("\r\n"))), None)
    if start is None:
        return 0, 0
    return start + 1, next((n for n in range(start + 1, len(lines)) if _HEADER.match(lines[n])), len(lines))


def _without(data: dict[str, Any], table: str | None, name: str) -> dict[str, Any]:
    """`data` with the one entry set aside (a deep copy of the path to it)."""
    copy = json.loads(json.dumps(data, default=str))
    holder = _lookup(copy, table) if table else copy
    if isinstance(holder, dict):
        holder.pop(name, None)
    return dict(copy)


def _value(value: list[str] | str) -> str:
    return _array(value) if isinstance(value, list) else json.dumps(value, ensure_ascii=False)


def _insert_top(text: str, lines: list[str], newline: str) -> str:
    """Top-level keys go before the first table header (TOML puts them there), else at the end."""
    block = newline.join(lines) + newline
    offset = 0
    for line in text.splitlines(keepends=True):
        if _HEADER.match(line):
            gap = newline if offset and not text[:offset].endswith(newline * 2) else ""
            return text[:offset] + block + gap + text[offset:]
        offset += len(line)
    return _ended(text, newline) + block


def _insert_entries(text: str, table: str, entries: list[str], newline: str) -> str:
    """Entries at the end of `[table]`'s block when the file has that header, else a new table at the end."""
    dotted = r"[ \t]*\.[ \t]*".join(map(re.escape, table.split(".")))
    header = re.compile(r"[ \t]*\[[ \t]*" + dotted + r"[ \t]*\][ \t]*(#.*)?$")
    lines = text.splitlines(keepends=True)
    start = next((n for n, line in enumerate(lines) if header.match(line.rstrip("\r\n"))), None)
    block = newline.join(entries) + newline
    if start is None:
        body = _ended(text, newline)
        gap = newline if body.strip() else ""
        return body + gap + f"[{table}]" + newline + block
    end = next((n for n in range(start + 1, len(lines)) if _HEADER.match(lines[n])), len(lines))
    last = max((n for n in range(start, end) if lines[n].strip()), default=start)
    at = sum(len(line) for line in lines[: last + 1])
    head = _ended(text[:at], newline)
    return head + block + text[at:]


def _ended(text: str, newline: str) -> str:
    return text if not text or text.endswith(("\n", "\r")) else text + newline


def checked(text: str) -> configuration.Config:
    """The new text read back as contentkit reads it: any error is the proposal's, and nothing is written."""
    data = tomllib.loads(text) if text.strip() else {}
    return configuration.from_mapping(data, Path(configuration.CONFIG_FILE), text)


# --- the whole run: survey, infer, merge, validate before and after ---------------------------

SEED_FOLDERS = ("seeds", "ideas", "_drafts", "content/ideas", "content/seeds", "notes/ideas", "posts/ideas")


@dataclass
class Adoption:
    """What `adopt` found and would write; `write` is the new contentkit.toml text, or None when the
    file would not change."""

    root: Path
    config_text: str
    write: str | None
    found: Any  # adopt.Survey
    proposal: Proposal
    edit: Edit
    seeds_dir: str
    drafts_dir: str
    before: list[Any]  # validate's diagnostics with the old config
    after: list[Any]  # and with the new one
    notes: list[str] = field(default_factory=list)
    hooks: str | None = None  # the .pre-commit-config.yaml text with the hooks' files: updated; None: as is


def plan(
    root: Path, seeds: str | None = None, drafts: str | None = None, add_front_matter: bool = False
) -> Adoption:
    """Everything `adopt` does short of writing contentkit.toml. Reads files; writes nothing.
    `add_front_matter`: the files without front matter are to get a block (front_matter stays)."""
    path = root / configuration.CONFIG_FILE
    if not path.is_file() and configuration.find_root(root) == root:  # [tool.contentkit] in pyproject.toml
        raise RefusedError("this repo's config is [tool.contentkit] in pyproject.toml; adopt writes "
                           "contentkit.toml only: move the table there first", "pyproject.toml")
    text = configuration.read_toml(path)[1] if path.is_file() else ""
    old = checked(text)
    notes: list[str] = []
    _given(root, old, text, {"seeds_dir": seeds, "drafts_dir": drafts}, notes)
    seeds_dir = seeds or _seed_folder(root, old, text, notes)
    drafts_dir = drafts or old.drafts_dir
    top: dict[str, list[str] | str] = {}
    if seeds_dir != old.seeds_dir:
        top["seeds_dir"] = seeds_dir
    if drafts_dir != old.drafts_dir:
        top["drafts_dir"] = drafts_dir
    reading = configuration.from_mapping({**_table(text), **top}, Path(configuration.CONFIG_FILE), text)
    configuration.in_repo(reading, root, Path(configuration.CONFIG_FILE))
    found = adopt.survey(root, reading, reading.forms or default_forms())
    proposal = adopt.infer(found, reading)
    _listed_as_known(proposal, old, notes)
    _missing_drafts(root, found, proposal, notes)
    _left_open(found, notes, add_front_matter)
    if found.bare and not add_front_matter:
        top["front_matter"] = "optional"
    base = text
    if found.readable:  # what most files carry, [] when they share nothing: never the packaged list
        top["required"] = proposal.required
        base = _packaged_replaced(text, "required", proposal.required, notes)
    if proposal.known_keys:
        top["known_keys"] = [*old.known_keys, *(key for key, _ in proposal.known_keys)]
    edit = merged(base, proposal, top)
    if base != text:
        edit.kept.remove("required")
        edit.added.append("required (in place of init's default)")
    notes += edit.open

    try:
        new = checked(edit.text)
    except tomllib.TOMLDecodeError:  # the file has a table adopt adds to in another form
        raise ConfigError(
            f"cannot add {', '.join(edit.added)} without rewriting this file (it writes one of those "
            "tables another way); nothing was written: add them by hand", configuration.CONFIG_FILE
        ) from None
    except ConfigError as exc:  # its line is the proposal's, not the file's: say so, name no line
        raise ConfigError(
            f"adding {', '.join(edit.added)} would make a config contentkit cannot read ({exc}); "
            "nothing was written", configuration.CONFIG_FILE
        ) from None
    before, after = _diagnostics(root, reading), _diagnostics(root, new)  # the same files, before and after
    write = edit.text if edit.text != text or not path.is_file() else None
    return Adoption(
        root, text, write, found, proposal, edit, seeds_dir, drafts_dir, before, after, notes,
        _hooks(root, new),
    )


def _listed_as_known(proposal: Proposal, old: configuration.Config, notes: list[str]) -> None:
    """A key the config already lists in known_keys (a key of its own, maybe from an earlier adopt)
    is not made an alias as well (the config would say both): left open with the edit that maps it."""
    known = set(old.known_keys)
    for key, names in list(proposal.keys.items()):
        for name, _ in [n for n in names if n[0] in known]:
            notes.append(f"'{name}' could stand for '{key}', but known_keys lists it as a key of its own: "
                         f"remove it from known_keys in contentkit.toml and run adopt again to map it")
        kept = [n for n in names if n[0] not in known]
        if kept:
            proposal.keys[key] = kept
        else:
            del proposal.keys[key]


PRE_COMMIT_FILE = ".pre-commit-config.yaml"


def _hooks(root: Path, config: configuration.Config) -> str | None:
    """The repo's .pre-commit-config.yaml with contentkit's hooks' `files:` following `config` (only
    those lines change); None when there is none, it is not UTF-8, or it already follows."""
    try:
        text = (root / PRE_COMMIT_FILE).read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    new = precommit.updated(text, config)
    return new if new != text else None


PACKAGED = {"required": list(configuration.DEFAULT_REQUIRED)}  # as `init` writes them


def _packaged_replaced(text: str, name: str, value: list[str], notes: list[str]) -> str:
    """`text` with a top-level `name = [...]` that still holds the packaged value `init` wrote (the
    writer never changed it) replaced by `value`, in place; any other text as it is."""
    data = _table(text)
    if data.get(name) != PACKAGED[name] or value == PACKAGED[name]:
        return text
    line = re.compile(rf"(?m)^{re.escape(name)}[ \t]*=[ \t]*\[[^\]\n]*\][ \t]*(?=#|\r?$)")
    found = line.search(text)
    if found is None:
        return text
    new = text[: found.start()] + f"{name} = {_value(value)}" + text[found.end() :]
    if _table(new) != {**data, name: value}:
        return text
    notes.append(f"{name}: replaced the packaged {_value(PACKAGED[name])} that init wrote (never changed) "
                 f"with {_value(value)}")
    return new


def _left_open(found: Any, notes: list[str], add_front_matter: bool) -> None:
    """The idea banks and the files without front matter, each with what to do about it."""
    for rel, count, form in found.banks:
        notes.append(f"{rel} holds {count} ideas ({form}): an idea bank, read as one seed; to make a "
                     f"seed of each idea run: contentkit split {rel}")
    if found.bare and not add_front_matter:
        more = len(found.bare) - 3
        shown = ", ".join(found.bare[:3]) + (f" and {more} more" if more > 0 else "")
        notes.append(f"{files(len(found.bare))} without front matter ({shown}): read as seeds "
                     "(front_matter = \"optional\"); to give each the smallest block run: "
                     "contentkit adopt --add-front-matter")


def _given(
    root: Path, config: configuration.Config, text: str, given: dict[str, str | None], notes: list[str]
) -> None:
    """--seeds / --drafts: a folder of the repo; one the config names otherwise is noted (the file
    keeps its own value: adopt never changes what the writer wrote)."""
    option = {"seeds_dir": "--seeds", "drafts_dir": "--drafts"}
    for key, folder in given.items():
        if folder is None:
            continue
        if not (root / folder).is_dir():
            raise UsageError(f"{option[key]} '{folder}' is not a folder of {root}")
        if not (root / folder).resolve().is_relative_to(root.resolve()):  # a link to a folder elsewhere
            raise RefusedError(f"{option[key]} '{folder}' resolves to a folder outside the repo (a link): "
                               "contentkit reads and writes only inside the repo; nothing was written")
        if key in _table(text) and folder != getattr(config, key):
            notes.append(f"contentkit.toml says {key} = '{getattr(config, key)}': kept; read {folder}/ "
                         "this time (edit the file to change it)")


def _missing_drafts(root: Path, found: Any, proposal: Proposal, notes: list[str]) -> None:
    """developed_to values (under the writer's names) that name no file in the repo, said once."""
    names = ["developed_to", *(name for name, _ in proposal.keys.get("developed_to", []))]
    links = [link for name in names for value in found.values.get(name, []) for link in drafts_of(value)]
    missing = [link for link in links if not _exists(root, link)]
    if missing:
        notes.append(
            f"{files(len(missing))} named as drafts ({', '.join(names)}) are not in the repo, like "
            f"'{missing[0]}': validate reports each (CK207) until the draft is there or the link is fixed"
        )


def _exists(root: Path, link: str) -> bool:
    try:
        return (root / link).is_file()
    except (OSError, ValueError):
        return False


def _table(text: str) -> dict[str, Any]:
    return tomllib.loads(text) if text.strip() else {}


def _seed_folder(root: Path, config: configuration.Config, text: str, notes: list[str]) -> str:
    """The configured seeds folder; without one in the file, the first usual folder that exists."""
    if "seeds_dir" in _table(text) or (root / config.seeds_dir).is_dir():
        return config.seeds_dir
    there = [name for name in SEED_FOLDERS if (root / name).is_dir()]
    if len(there) > 1:
        notes.append(f"several folders could hold the seeds ({', '.join(f'{n}/' for n in there)}): "
                     f"read {there[0]}/; give --seeds FOLDER for another")
    if not there:
        looked = ", ".join(f"{name}/" for name in SEED_FOLDERS)
        raise UsageError(f"no seeds folder here (looked for {looked}): give --seeds FOLDER")
    return there[0]


def _diagnostics(root: Path, config: configuration.Config) -> list[Any]:
    return [d for d in check(Repo(root, config)).diagnostics if d.severity == "error"]
