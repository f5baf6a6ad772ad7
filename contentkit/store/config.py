"""`contentkit.toml` or `[tool.contentkit]` in `pyproject.toml` -> a frozen Config."""

from __future__ import annotations

import posixpath
import re
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contentkit.base import dates
from contentkit.base.errors import ConfigError, UsageError
from contentkit.base.lines import MAX_NESTING, nesting_line
from contentkit.model.aliases import NONE, Aliases, Table
from contentkit.model.lifecycle import SEED_STATES
from contentkit.platforms import profiles
from contentkit.platforms.profiles import DEFAULT_PLATFORMS as DEFAULT_PLATFORMS
from contentkit.platforms.profiles import PLATFORM_RULE as PLATFORM_RULE
from contentkit.platforms.profiles import Platform as Platform
from contentkit.platforms.profiles import plain_platform as plain_platform
from contentkit.store import slots
from contentkit.store.author import Author, author_of
from contentkit.store.config_vocabulary import Vocabulary, forms_with
from contentkit.store.lint_settings import LintSettings, read
from contentkit.store.slots import Schedule

if TYPE_CHECKING:
    from contentkit.model.headings import SectionForms

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_FILE = "contentkit.toml"

# A platform name becomes a folder and a file name: a plain name, never a path.

DEFAULT_STATUSES: tuple[str, ...] = tuple(state.value for state in SEED_STATES)
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
    "lang",  # the seed's language (develop's closing line); else detected from the text
)


@dataclass(frozen=True)
class Config:
    seeds_dir: str = "seeds"
    drafts_dir: str = "drafts"
    templates_dir: str = "templates"
    index_file: str = "INDEX.md"
    metrics_file: str = "metrics.csv"  # post metrics snapshots (contentkit metrics, stats)
    stats_min_posts: int = 3  # a stats group with fewer posts is marked "too few"
    timezone: str = ""  # the writer's IANA zone (Europe/Berlin): times without an offset; "" the system's
    default_platform: str = "linkedin"
    draft_path: str = "{drafts_dir}/{platform}/{stem}.md"
    statuses: tuple[str, ...] = DEFAULT_STATUSES
    required: tuple[str, ...] = DEFAULT_REQUIRED
    known_keys: tuple[str, ...] = DEFAULT_KEYS
    platforms: dict[str, Platform] = field(default_factory=lambda: dict(DEFAULT_PLATFORMS))
    aliases: Aliases = NONE  # [aliases.keys] / [aliases.status]: the repo's own key and status names
    sections: Table = ()  # [sections]: extra heading forms per section kind (added to the defaults)
    lint: LintSettings = LintSettings()  # [lint]: which reader checks run, their thresholds
    front_matter: str = "required"  # or "optional": a seed without front matter is no CK103 error
    author: Author = Author()  # [author]: the name and headline the previews show
    schedule: Schedule = Schedule()  # [schedule]: posting slots, the gap threshold, the calendar's alarm

    @property
    def forms(self) -> SectionForms | None:
        """The heading forms of each section kind with the repo's [sections] added; None: the
        packaged ones (sections.default_forms())."""
        return forms_with(self.sections) if self.sections else None

    def platform(self, name: str) -> Platform:
        try:
            return self.platforms[name]
        except KeyError:
            known = ", ".join(sorted(self.platforms))
            raise ConfigError(f"unknown platform '{name}' (configured: {known})") from None




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
    "draft_path", "timezone", "front_matter",
}
_CHOICES = {"front_matter": ("required", "optional")}  # scalars with a fixed set of values
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
            values[key] = profiles.read(value, path)
        elif key == "author":
            values[key] = author_of(value, path)
    vocabulary = Vocabulary(path, text, prefix)
    statuses = values.get("statuses", DEFAULT_STATUSES)
    keys = {*DEFAULT_KEYS, *values.get("known_keys", ()), *values.get("required", ())}
    if "aliases" in table:
        values["aliases"] = vocabulary.aliases(table["aliases"], keys, statuses)
    if "sections" in table:
        values["sections"] = vocabulary.sections(table["sections"])
    if "lint" in table:
        values["lint"] = _lint(table["lint"], path)
    if "schedule" in table:
        names = set(values.get("platforms", DEFAULT_PLATFORMS))
        values["schedule"] = slots.read(table["schedule"], path, text, prefix, names)
    config = Config(**values)
    try:  # the timezone is a zone this machine knows (an IANA name)
        dates.zone(config.timezone)
    except UsageError as exc:
        raise ConfigError(f"'timezone': {exc.message}", path) from None
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


def _lint(table: Any, path: Path | None) -> LintSettings:
    settings, problem = read(table)
    if problem:
        raise ConfigError(problem, path)
    return settings


def _string(key: str, value: Any, path: Path | None) -> str:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"'{key}' must be a non-empty string", path)
    if value not in _CHOICES.get(key, (value,)):
        raise ConfigError(f"'{key}' = '{value}' must be one of: {', '.join(_CHOICES[key])}", path)
    return value


def _count(key: str, value: Any, path: Path | None) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ConfigError(f"'{key}' must be a whole number >= 1", path)
    return value


def _strings(key: str, value: Any, path: Path | None) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"'{key}' must be a list of strings", path)
    return tuple(value)
