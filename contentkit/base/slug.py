"""Slugs, one home. Two things are called a slug, and each has one function here:

- `slugify(text)`: a text's letters and digits joined by a separator: a section's key (`core_idea`)
  and, through `file_slug`, the name a new seed's file gets from its title;
- `stem_slug(stem)`: the slug part of a seed's file stem `YYYY-MM-DD__slug`, which `develop
  slug-prefix` matches, `new` keeps unique and validate's unique-slug rule compares.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

MAX_FILE_SLUG_BYTES = 120  # room for the date, a -N suffix and .md within a 255-byte file name
_DATED_STEM = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}__(.+)")


@lru_cache(maxsize=1024)  # headings repeat from seed to seed
def slugify(text: str, sep: str = "_", fallback: str = "section") -> str:
    """Letters and digits of any script, NFKC-normalised and lower-cased, joined by `sep`."""
    words = re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", text).lower())
    return sep.join(words) or fallback


def file_slug(title: str) -> str:
    """The file name part of a title; a title with no letters or digits gets one from its characters."""
    slug = slugify(title, "-", fallback="")
    while len(slug.encode("utf-8")) > MAX_FILE_SLUG_BYTES:  # file names are at most 255 bytes
        slug = slug[:-1].rstrip("-")
    if slug:
        return slug
    import hashlib  # rare: validate, which imports this module, never needs it

    return "idea-" + hashlib.sha256(title.encode("utf-8")).hexdigest()[:8]


def stem_slug(stem: str) -> str:
    """The part of a `YYYY-MM-DD__slug` file stem after the date; the whole stem otherwise."""
    match = _DATED_STEM.fullmatch(stem)
    return match.group(1) if match else stem


# ISO 639-1 codes of the languages writers keep folders for (`en/`, `ru/`, `pt-BR/`): two seeds of the
# same name in two of them are one idea in two languages, not two ideas with one slug.
LANGUAGES = frozenset((
    "ar", "bg", "bn", "ca", "cs", "da", "de", "el", "en", "es", "et", "fa", "fi", "fr", "he", "hi", "hr",
    "hu", "id", "it", "ja", "ko", "lt", "lv", "ms", "nl", "no", "pl", "pt", "ro", "ru", "sk", "sl", "sr",
    "sv", "ta", "th", "tr", "uk", "ur", "vi", "zh",
))
_LANGUAGE_FOLDER = re.compile(r"([a-z]{2})(?:[-_][A-Za-z]{2,4})?")


def language_folder(rel: str) -> str:
    """The language folder a repo path is in (`en`, `pt-BR`: the last such folder), else ''."""
    found = ""
    for part in rel.split("/")[:-1]:
        match = _LANGUAGE_FOLDER.fullmatch(part)
        if match and match.group(1) in LANGUAGES:
            found = part
    return found
