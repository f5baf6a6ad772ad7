"""`contentkit.toml` or `[tool.contentkit]` in `pyproject.toml` -> a frozen Config."""

from __future__ import annotations

import posixpath
import re
import sys
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contentkit.aliases import NONE, Aliases, Table
from contentkit.errors import ConfigError, ConfigValueError
from contentkit.lines import MAX_NESTING, nesting_line

if TYPE_CHECKING:
    from contentkit.headings import SectionForms

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_FILE = "contentkit.toml"

# A platform name becomes a folder and a file name: a plain name, never a path.
PLATFORM_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")
PLATFORM_RULE = "a plain name: 1 to 64 letters, digits, '-' or '_'"

DEFAULT_STATUSES = ("seed", "developed", "published", "archived")
DEFAULT_REQUIRED = ("type", "category", "created", "source", "platform", "status")
DEFAULT_KEYS = (
    "title",
    "type",
    "category",
    "created",
    "source",
    "source_url",
    "platform",
    "status",
    "developed_to",
    "published_url",
    "published_at",
    "tags",
)


@dataclass(frozen=True)
class Platform:
    """What a platform takes: its character limit, where it folds, how many hashtags suit it, and
    whether a `---` line in a draft splits it into a thread of posts."""

    name: str
    limit: int
    fold_chars: int
    fold_lines: int
    hashtags: int
    thread: bool = False
    comment_limit: int = 0  # characters a comment takes (the draft's "## First comment"); 0: no check
    display: str = ""  # how a writer names it ("LinkedIn"); "" -> the name, capitalized

    @property
    def display_name(self) -> str:
        return self.display or self.name.capitalize()


DEFAULT_PLATFORMS = {
    "linkedin": Platform(
        "linkedin", limit=3000, fold_chars=210, fold_lines=3, hashtags=5, display="LinkedIn",
        comment_limit=1250,
    ),
    "x": Platform(
        "x", limit=280, fold_chars=280, fold_lines=0, hashtags=2, thread=True, display="X", comment_limit=280
    ),
}
NUMBERS = ("limit", "fold_chars", "fold_lines", "hashtags", "comment_limit")
FLAGS = ("thread",)
TEXTS = ("display",)


@dataclass(frozen=True)
class Config:
    seeds_dir: str = "seeds"
    drafts_dir: str = "drafts"
    templates_dir: str = "templates"
    index_file: str = "INDEX.md"
    metrics_file: str = "metrics.csv"  # post metrics snapshots (contentkit metrics, stats)
    stats_min_posts: int = 3  # a stats group with fewer posts is marked "too few"
    default_platform: str = "linkedin"
    draft_path: str = "{drafts_dir}/{platform}/{stem}.md"
    statuses: tuple[str, ...] = DEFAULT_STATUSES
    required: tuple[str, ...] = DEFAULT_REQUIRED
    known_keys: tuple[str, ...] = DEFAULT_KEYS
    platforms: dict[str, Platform] = field(default_factory=lambda: dict(DEFAULT_PLATFORMS))
    aliases: Aliases = NONE  # [aliases.keys] / [aliases.status]: the repo's own key and status names
    sections: Table = ()  # [sections]: extra heading forms per section kind (added to the defaults)

    @property
    def forms(self) -> SectionForms | None:
        """The heading forms of each section kind with the repo's [sections] added; None: the
        packaged ones (sections.default_forms())."""
        return _forms(self.sections) if self.sections else None

    def platform(self, name: str) -> Platform:
        try:
            return self.platforms[name]
        except KeyError:
            known = ", ".join(sorted(self.platforms))
            raise ConfigError(f"unknown platform '{name}' (configured: {known})") from None


@lru_cache(maxsize=16)
def _forms(extras: Table) -> SectionForms:
    from contentkit.sections import default_forms

    return default_forms().with_extras(dict(extras))


def plain_platform(name: str) -> bool:
    """Whether `name` can be a platform: a folder name, never a path (see PLATFORM_RULE)."""
    return PLATFORM_NAME.fullmatch(name) is not None


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` with a contentkit config."""
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file() or _pyproject_has_section(folder / "pyproject.toml"):
            return folder
    return None


def _pyproject_has_section(path: Path) -> bool:
    if not path.is_file():
        return False
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return "[tool.contentkit" in text


def load(root: Path) -> Config:
    """Read the repo's config; a missing file means the defaults. Errors name the file repo-relative."""
    path = root / CONFIG_FILE
    if path.is_file():
        data, text = read_toml(path)
        return in_repo(from_mapping(data, Path(CONFIG_FILE), text), root, Path(CONFIG_FILE))
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        label = Path("pyproject.toml")
        data, text = read_toml(pyproject)
        tool = data.get("tool", {})
        table = tool.get("contentkit", {}) if isinstance(tool, dict) else {}
        if not isinstance(table, dict):
            raise ConfigError("[tool.contentkit] must be a table", label)
        return in_repo(from_mapping(table, label, text, "tool.contentkit."), root, label)
    return in_repo(Config(), root, None)


_FOLDERS = ("seeds_dir", "drafts_dir", "templates_dir")


def in_repo(config: Config, root: Path, path: Path | None) -> Config:
    """The config, once its folders are known to be in the repo as the disk has them: a folder that is
    a link to one outside (`seeds_dir = "linked"`) leaves the repo as `../x` does."""
    base = root.resolve()
    for key in _FOLDERS:
        folder = root / getattr(config, key)
        try:
            outside = folder.exists() and not folder.resolve().is_relative_to(base)
        except (OSError, RuntimeError):  # a loop of links
            outside = True
        if outside:
            raise ConfigError(f"'{key}' = '{getattr(config, key)}' resolves to a folder outside the repo "
                              "(a link); keep it inside the repo root", path)
    return config


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """A TOML file's tables and its text (what a located error is found in)."""
    try:
        text = path.read_bytes().decode("utf-8")
        data: dict[str, Any] = tomllib.loads(text)
        return data, text
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", path.name) from None
    except RecursionError:  # tomllib recurses once per level of [ or {: 600 of them exhaust the stack
        message = f"invalid TOML: arrays or tables nested too deeply (over {MAX_NESTING})"
        raise ConfigError(message, path.name, nesting_line(text, MAX_NESTING)) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not UTF-8 (byte {exc.start + 1}); save the file as UTF-8", path.name) from None
    except OSError as exc:
        raise ConfigError(f"cannot read config: {exc.strerror}", path.name) from None


_SCALARS = {
    "seeds_dir", "drafts_dir", "templates_dir", "index_file", "metrics_file", "default_platform",
    "draft_path",
}
_PATHS = ("seeds_dir", "drafts_dir", "templates_dir", "index_file", "metrics_file")  # checked at load
_LISTS = {"statuses", "required", "known_keys"}
_COUNTS = {"stats_min_posts"}


def from_mapping(table: dict[str, Any], path: Path | None = None, text: str = "", prefix: str = "") -> Config:
    """Validate a config table; unknown keys and wrong types are errors, not surprises. `text` is the
    file's text and `prefix` the table's place in it (`tool.contentkit.`), for located errors."""
    known = {f.name for f in fields(Config)}
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in known:
            raise ConfigError(f"unknown config key '{key}' (known: {', '.join(sorted(known))})", path)
        if key in _SCALARS:
            values[key] = _string(key, value, path)
        elif key in _LISTS:
            values[key] = _strings(key, value, path)
        elif key in _COUNTS:
            values[key] = _count(key, value, path)
        elif key == "platforms":
            values[key] = _platforms(value, path)
    vocabulary = Vocabulary(path, text, prefix)
    statuses = values.get("statuses", DEFAULT_STATUSES)
    keys = {*DEFAULT_KEYS, *values.get("known_keys", ()), *values.get("required", ())}
    if "aliases" in table:
        values["aliases"] = vocabulary.aliases(table["aliases"], keys, statuses)
    if "sections" in table:
        values["sections"] = vocabulary.sections(table["sections"])
    config = Config(**values)
    if config.default_platform not in config.platforms:
        raise ConfigError(f"default_platform '{config.default_platform}' is not configured", path)
    for key in _PATHS:
        _inside(key, getattr(config, key), path)
    _inside("draft_path", _sample_draft_path(config, path), path, config.draft_path)
    _in_its_place(config, path)
    return config


def _normal(value: str) -> str:
    return posixpath.normpath(value.replace("\\", "/"))


def _under(value: str, folder: str) -> bool:
    """Whether repo path `value` is `folder` or inside it (both as the config writes them)."""
    inner, outer = _normal(value), _normal(folder)
    return outer != "." and (inner == outer or inner.startswith(outer + "/"))


def _in_its_place(config: Config, path: Path | None) -> None:
    """The files contentkit writes stay out of the places it must never write over: git's folder, its
    own state, the seeds and the templates (INDEX.md and the metrics file out of the drafts too), and
    a draft is a Markdown file inside the drafts folder."""
    never = {
        ".git/": ".git",
        ".contentkit/": ".contentkit",
        f"seeds_dir ({config.seeds_dir}/)": config.seeds_dir,
        f"templates_dir ({config.templates_dir}/)": config.templates_dir,
    }
    for key in ("index_file", "metrics_file"):
        value = getattr(config, key)
        for label, folder in {**never, f"drafts_dir ({config.drafts_dir}/)": config.drafts_dir}.items():
            if _under(value, folder):
                message = f"'{key}' = '{value}' is inside {label}, which contentkit never writes over"
                raise ConfigError(message, path)
    if not _normal(config.index_file).lower().endswith(".md"):
        raise ConfigError(f"'index_file' = '{config.index_file}' must be a Markdown file (.md)", path)
    sample = _sample_draft_path(config, path)
    if _normal(config.drafts_dir) != "." and not _under(sample, config.drafts_dir):
        message = f"'draft_path' = '{config.draft_path}' must name a file in drafts_dir ({config.drafts_dir})"
        raise ConfigError(message, path)
    for label, folder in never.items():
        if _under(sample, folder):
            message = f"'draft_path' = '{config.draft_path}' would write drafts inside {label}"
            raise ConfigError(message, path)
    if not sample.lower().endswith(".md"):
        raise ConfigError(f"'draft_path' = '{config.draft_path}' must end in .md", path)


def _inside(key: str, value: str, path: Path | None, written: str | None = None) -> None:
    """A config path names a place in the repo: relative, and never above the root. `written` is the
    value as the file has it, when `value` is that filled in (draft_path)."""
    posix, shown = value.replace("\\", "/"), written or value
    if posixpath.isabs(posix) or re.match(r"[A-Za-z]:", posix):
        raise ConfigError(f"'{key}' must be a path relative to the repo root, not '{shown}'", path)
    normal = posixpath.normpath(posix)
    if normal == ".." or normal.startswith("../"):
        raise ConfigError(f"'{key}' = '{shown}' leaves the repo; keep it inside the repo root", path)


def _sample_draft_path(config: Config, path: Path | None) -> str:
    """draft_path filled in with sample values, so its shape can be checked at load time."""
    try:
        return config.draft_path.format(drafts_dir=config.drafts_dir, platform="p", stem="s")
    except (KeyError, IndexError, ValueError, AttributeError) as exc:
        raise ConfigError(f"bad draft_path pattern '{config.draft_path}': {exc!r}", path) from None


def _string(key: str, value: Any, path: Path | None) -> str:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"'{key}' must be a non-empty string", path)
    return value


def _count(key: str, value: Any, path: Path | None) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ConfigError(f"'{key}' must be a whole number >= 1", path)
    return value


def _strings(key: str, value: Any, path: Path | None) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"'{key}' must be a list of strings", path)
    return tuple(value)


def _platforms(value: Any, path: Path | None) -> dict[str, Platform]:
    if not isinstance(value, dict):
        raise ConfigError("'platforms' must be a table of platform tables", path)
    merged = dict(DEFAULT_PLATFORMS)
    for name, table in value.items():
        if not plain_platform(name):
            raise ConfigError(f"platform name 'platforms.{name}' must be {PLATFORM_RULE}", path)
        base = merged.get(name, Platform(name, limit=3000, fold_chars=210, fold_lines=3, hashtags=5))
        if not isinstance(table, dict):
            raise ConfigError(f"'platforms.{name}' must be a table", path)
        merged[name] = replace(base, **_profile_values(name, table, path))
    return merged


def _profile_values(name: str, table: dict[str, Any], path: Path | None) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key in FLAGS:
            if not isinstance(value, bool):
                raise ConfigError(f"'platforms.{name}.{key}' must be true or false", path)
        elif key in TEXTS:
            if not isinstance(value, str) or not value.strip() or not value.isprintable():
                raise ConfigError(f"'platforms.{name}.{key}' must be a name on one line", path)
        elif key not in NUMBERS:
            raise ConfigError(f"unknown key 'platforms.{name}.{key}'", path)
        elif not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ConfigError(f"'platforms.{name}.{key}' must be a whole number >= 0", path)
        values[key] = value
    return values


# --- [aliases.keys], [aliases.status], [sections]: the repo's own vocabulary ----------------------


class Vocabulary:
    """Reads the vocabulary tables; each error names the file and the line of the entry at fault."""

    def __init__(self, path: Path | None, text: str, prefix: str) -> None:
        self.path, self.lines, self.prefix = path, text.splitlines(), prefix

    def error(self, message: str, table: str, key: str | None = None) -> ConfigValueError:
        return ConfigValueError(message, self.path, self.line_of(table, key))

    def line_of(self, table: str, key: str | None) -> int | None:
        """1-based line of `key = ...` under `[table]` (or of the table's header); None if not found."""
        dotted = r"\s*\.\s*".join(map(re.escape, (self.prefix + table).split(".")))
        header = re.compile(r"\s*\[\s*" + dotted + r"\s*\]")
        entry = re.compile(r"\s*[\"']?" + re.escape(key or "") + r"[\"']?\s*=") if key else None
        found = None
        for n, line in enumerate(self.lines, 1):
            if found is None:
                found = n if header.match(line) else None
            elif line.lstrip().startswith("["):
                break
            elif entry is not None and entry.match(line):
                return n
        return found

    def table(self, value: Any, name: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.error(f"'{name}' must be a table", name.rpartition(".")[0] or name)
        return value

    def names(self, value: Any, table: str, key: str) -> tuple[str, ...]:
        good = isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value)
        if not good:
            raise self.error(f"'{table}.{key}' must be a list of names (strings)", table, key)
        return tuple(dict.fromkeys(v.strip() for v in value))

    def aliases(self, value: Any, keys: set[str], statuses: tuple[str, ...]) -> Aliases:
        tables = self.table(value, "aliases")
        for name in tables:
            if name not in ("keys", "status"):
                raise self.error(f"unknown table 'aliases.{name}' (known: keys, status)", f"aliases.{name}")
        listed = ", ".join(statuses)
        return Aliases(
            self._mapping(
                self.table(tables.get("keys", {}), "aliases.keys"), "aliases.keys", keys,
                lambda key: f"'{key}' is not a contentkit key{_close(key, keys)}",
                lambda name, also, key: f"'{name}' stands for both '{also}' and '{key}'",
            ),
            self._mapping(
                self.table(tables.get("status", {}), "aliases.status"), "aliases.status", statuses,
                lambda state: f"'{state}' is not a lifecycle state ({listed}){_close(state, statuses)}",
                lambda value, also, state: f"'{value}' is mapped to both '{also}' and '{state}'",
            ),
        )

    def _mapping(
        self, table: dict[str, Any], where: str, known: Collection[str],
        unknown: Callable[[str], str], clash: Callable[[str, str, str], str],
    ) -> Table:
        """An alias table (contentkit's name -> the writer's names): each name known, each writer's
        name standing for one of them only (and never for another of contentkit's own names)."""
        owner: dict[str, str] = {}
        rows = []
        for target, value in table.items():
            if target not in known:
                raise self.error(f"{where}: {unknown(target)}", where, target)
            names = self.names(value, where, target)
            for name in names:
                other = owner.setdefault(name, target)
                if other != target or (name in known and name != target):
                    also = other if other != target else name
                    raise self.error(f"{where}: {clash(name, also, target)}", where, target)
            rows.append((target, tuple(n for n in names if n != target)))
        return tuple(row for row in rows if row[1])

    def sections(self, value: Any) -> Table:
        from contentkit.sections import BY_NAME  # only when a repo has the table

        table = self.table(value, "sections")
        rows = []
        for kind, forms in table.items():
            if kind not in BY_NAME:
                hint = _close(kind, BY_NAME)
                known = ", ".join(BY_NAME)
                message = f"sections: '{kind}' is not a section kind ({known}){hint}"
                raise self.error(message, "sections", kind)
            rows.append((kind, self.names(forms, "sections", kind)))
        for n in range(len(rows)):  # the first kind whose forms cannot be: its line
            try:
                _forms(tuple(rows[: n + 1]))
            except ValueError as exc:  # a form with no letters, one of two kinds or another kind's
                raise self.error(f"sections: {exc}", "sections", rows[n][0]) from None
        return tuple(rows)


def _close(word: str, choices: Any) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""
