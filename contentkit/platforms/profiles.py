"""Platform profiles: what each platform takes, as data. `DEFAULT_PLATFORMS` are the packaged ones; a
repo's `[platforms.<name>]` tables change them or add more (`read`).

Every number here is the platform's published rule where it publishes one, and an approximation where it
cannot (the "…see more" folds are a layout effect: they move with the screen, the font and the app):

- LinkedIn: 3,000 characters a post, 1,250 a comment (its help pages). The fold, about 210 characters
  or 3 lines on a desktop and about 140 characters on a phone, is measured by eye; the open post
  previewers hard-code the same 210/140.
- X: 280, counted by twitter-text's weighted rule (config v3; URLs 23). X Premium: long posts up to
  25,000, shown folded ("Show more") after about 280.
- Bluesky: 300 graphemes (its lexicon's `maxGraphemes`). Threads: 500 characters. Mastodon: 500 by
  default (an instance may change it), every URL 23, counted in graphemes as its server does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from contentkit.base.errors import ConfigError
from contentkit.platforms.counting import RULES, count


@dataclass(frozen=True)
class Platform:
    """What a platform takes: its character limit and how it counts, where it folds on a desktop
    (`fold_chars`, `fold_lines`) and on a phone (`phone_chars`, `phone_lines`), how many hashtags suit
    it, and whether a `---` line in a draft splits it into a thread of posts."""

    name: str
    limit: int
    fold_chars: int
    fold_lines: int
    hashtags: int
    thread: bool = False
    comment_limit: int = 0  # characters a comment takes (the draft's "## First comment"); 0: no check
    display: str = ""  # how a writer names it ("LinkedIn"); "" -> the name, capitalized
    counting: str = "chars"  # a rule of counting.RULES
    url_length: int = 0  # every URL counts this many; 0: as written
    phone_chars: int = 0  # the fold on a phone; 0 and 0: the same as the desktop's
    phone_lines: int = 0

    @property
    def display_name(self) -> str:
        return self.display or self.name.capitalize()

    def count(self, text: str) -> int:
        """`text`'s length as this platform counts it."""
        return count(text, self.counting, self.url_length)

    @property
    def folds(self) -> dict[str, tuple[int, int]]:
        """(characters, lines) of each screen's fold: 'desktop', and 'phone' when the profile gives one."""
        desktop = (self.fold_chars, self.fold_lines)
        phone = (self.phone_chars, self.phone_lines)
        return {"desktop": desktop, "phone": phone} if any(phone) else {"desktop": desktop}


DEFAULT_PLATFORMS = {
    "linkedin": Platform(
        "linkedin", limit=3000, fold_chars=210, fold_lines=3, hashtags=5, display="LinkedIn",
        comment_limit=1250, phone_chars=140, phone_lines=3,
    ),
    "x": Platform(
        "x", limit=280, fold_chars=280, fold_lines=0, hashtags=2, thread=True, display="X", comment_limit=280,
        counting="x", url_length=23,
    ),
    "x_premium": Platform(
        "x_premium", limit=25000, fold_chars=280, fold_lines=0, hashtags=2, display="X Premium",
        comment_limit=280, counting="x", url_length=23,
    ),
    "bluesky": Platform(
        "bluesky", limit=300, fold_chars=0, fold_lines=0, hashtags=2, thread=True, display="Bluesky",
        comment_limit=300, counting="graphemes",
    ),
    "threads": Platform(
        "threads", limit=500, fold_chars=0, fold_lines=0, hashtags=1, thread=True, display="Threads",
        comment_limit=500,
    ),
    "mastodon": Platform(
        "mastodon", limit=500, fold_chars=0, fold_lines=0, hashtags=3, thread=True, display="Mastodon",
        comment_limit=500, counting="graphemes", url_length=23,
    ),
}
PLATFORM_NAME = re.compile(r"[A-Za-z0-9_-]{1,64}")
PLATFORM_RULE = "a plain name: 1 to 64 letters, digits, '-' or '_'"
NUMBERS = ("limit", "fold_chars", "fold_lines", "hashtags", "comment_limit", "url_length")
FLAGS = ("thread",)
TEXTS = ("display",)
FOLDS = {"fold_desktop": ("fold_chars", "fold_lines"), "fold_phone": ("phone_chars", "phone_lines")}
NEW = Platform("", limit=3000, fold_chars=210, fold_lines=3, hashtags=5)


def plain_platform(name: str) -> bool:
    """Whether `name` can be a platform: a folder name, never a path (see PLATFORM_RULE)."""
    return PLATFORM_NAME.fullmatch(name) is not None


def read(value: Any, path: Path | None) -> dict[str, Platform]:
    """The packaged profiles with a config's `[platforms]` tables applied (checked, located)."""
    if not isinstance(value, dict):
        raise ConfigError("'platforms' must be a table of platform tables", path)
    merged = dict(DEFAULT_PLATFORMS)
    for name, table in value.items():
        if not plain_platform(name):
            raise ConfigError(f"platform name 'platforms.{name}' must be {PLATFORM_RULE}", path)
        base = merged.get(name, replace(NEW, name=name))
        if not isinstance(table, dict):
            raise ConfigError(f"'platforms.{name}' must be a table", path)
        merged[name] = replace(base, **_values(name, table, path))
    return merged


def _values(name: str, table: dict[str, Any], path: Path | None) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, value in table.items():
        where = f"'platforms.{name}.{key}'"
        if key in FOLDS:
            values.update(_fold(where, FOLDS[key], value, path))
            continue
        if key in FLAGS:
            if not isinstance(value, bool):
                raise ConfigError(f"{where} must be true or false", path)
        elif key in TEXTS:
            if not isinstance(value, str) or not value.strip() or not value.isprintable():
                raise ConfigError(f"{where} must be a name on one line", path)
        elif key == "counting":
            if value not in RULES:
                raise ConfigError(f"{where} must be one of: {', '.join(RULES)}", path)
        elif key not in NUMBERS:
            raise ConfigError(f"unknown key 'platforms.{name}.{key}'", path)
        elif not _whole(value):
            raise ConfigError(f"{where} must be a whole number >= 0", path)
        values[key] = value
    return values


def _fold(where: str, names: tuple[str, str], value: Any, path: Path | None) -> dict[str, int]:
    """`fold_phone = { chars = 140, lines = 3 }`: either key may be left out (0: no cut by it)."""
    if not isinstance(value, dict) or set(value) - {"chars", "lines"}:
        raise ConfigError(f"{where} must be a table: {{ chars = 140, lines = 3 }}", path)
    if not all(_whole(number) for number in value.values()):
        raise ConfigError(f"{where}: chars and lines must be whole numbers >= 0", path)
    return {names[0]: value.get("chars", 0), names[1]: value.get("lines", 0)}


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0
