"""`[author]` in the config: the name and headline the feed previews show above a post."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contentkit.base.errors import ConfigError

KEYS = ("headline", "name")


@dataclass(frozen=True)
class Author:
    """Who the previews show as the post's author; "You" with no headline when the config names none."""

    name: str = "You"
    headline: str = ""

    @property
    def initial(self) -> str:
        return self.name.strip()[:1].upper() or "?"


def author_of(value: Any, path: Path | None) -> Author:
    """[author]: `name` and `headline`, each a line of text; any other key is an error."""
    if not isinstance(value, dict):
        raise ConfigError("'author' must be a table: [author] with name and headline", path)
    values: dict[str, str] = {}
    for key, text in value.items():
        if key not in KEYS:
            raise ConfigError(f"unknown key 'author.{key}' (known: {', '.join(KEYS)})", path)
        if not isinstance(text, str) or not text.strip() or not text.isprintable():
            raise ConfigError(f"'author.{key}' must be text on one line", path)
        values[key] = text.strip()
    return Author(**values)
