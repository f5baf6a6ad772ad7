"""The shape of seed front matter: the value patterns `validate` checks, and the JSON Schema it implies.

Pure data: no file access, no heavy imports. The patterns are written so that Python's `re` and the
ECMA-262 dialect of JSON Schema read them the same way (`[0-9]`, not `\\d`, which Python widens to every
Unicode digit).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote, urlsplit

from contentkit.base.dates import SEED_DATE
from contentkit.base.errors import Hint, UsageError
from contentkit.model.lifecycle import State
from contentkit.store.config import Config

HTTP_URL = "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#]+([/?#][^\\s]*)?$"
"""An absolute http(s) URL without spaces (the scheme in any case, as RFC 3986 allows)."""

DATE_KEYS = ("created", "published_at")
URL_KEYS = ("source_url", "published_url")
TEXT_KEYS = ("type", "category", "source", "platform")
LIST_KEYS = ("tags",)

SCHEMA_ID = "https://json-schema.org/draft/2020-12/schema"

_TEXT: dict[str, Any] = {"type": "string", "minLength": 1}
_PATH: dict[str, Any] = {**_TEXT, "not": {"pattern": "^([/\\\\]|[A-Za-z]:)"}}
_DESCRIPTIONS = {
    "type": "What kind of seed this is, e.g. moment.",
    "category": "e.g. content-seed.",
    "created": "When the idea was noted: an ISO 8601 date or date-time.",
    "source": "Where the idea came from, e.g. linkedin-engagement, conversation, idea.",
    "source_url": "Link to the post or page that sparked the idea.",
    "platform": "The platform the post is for.",
    "status": "Where the seed stands in the lifecycle.",
    "developed_to": "The seed's drafts: a repo-relative path, or a list of them (one per platform).",
    "published_url": "Where the post was published.",
    "published_at": "When the post was published: an ISO 8601 date or date-time.",
    "tags": "Free-form tags.",
}


_DATES = ("2025-12-19T05:10:00Z", "2025-12-19", "2019-12")


def _property(key: str, config: Config) -> dict[str, Any]:
    """The schema of one front matter key; keys contentkit knows nothing about may hold anything."""
    shapes: dict[str, dict[str, Any]] = {
        "status": {"type": "string", "enum": list(config.aliases.accepted(config.statuses))},
        "platform": {**_TEXT, "examples": sorted(config.platforms)},
        "developed_to": {"anyOf": [_PATH, {"type": "array", "items": _PATH, "minItems": 1}]},
        **{k: {"type": "string", "pattern": SEED_DATE, "examples": [*_DATES]} for k in DATE_KEYS},
        **{k: {"type": "string", "format": "uri", "pattern": HTTP_URL} for k in URL_KEYS},
        **{k: dict(_TEXT) for k in TEXT_KEYS},
        **{k: {"anyOf": [{"type": "array", "items": {"type": "string"}}, _TEXT]} for k in LIST_KEYS},
    }
    shape = dict(shapes.get(key, {}))
    if key in _DESCRIPTIONS:
        shape["description"] = _DESCRIPTIONS[key]
    return shape


def seed_schema(config: Config) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of seed front matter, from the repo's config.

    Unknown keys are allowed here: `contentkit validate` only warns about them.
    """
    aliases = config.aliases
    keys = list(dict.fromkeys((*config.known_keys, *config.required)))
    properties = {key: _property(key, config) for key in keys}
    for key, names in aliases.keys:  # the repo's own names for a key take its shape ([aliases.keys])
        properties.update({name: _property(key, config) for name in names})
    plain = [key for key in config.required if not aliases.names(key)]
    schema: dict[str, Any] = {
        "$schema": SCHEMA_ID,
        "title": "contentkit seed front matter",
        "description": "YAML front matter of a seed file under the repo's seeds folder.",
        "type": "object",
        "required": plain,
        "properties": properties,
        "additionalProperties": True,
    }
    either = [
        {"anyOf": [{"required": [name]} for name in (key, *aliases.names(key))]}
        for key in config.required
        if aliases.names(key)
    ]
    if either:
        schema["allOf"] = either
    if State.DEVELOPED in config.statuses and not aliases:
        schema["if"] = {"properties": {"status": {"const": State.DEVELOPED.value}}, "required": ["status"]}
        schema["then"] = {"required": ["developed_to"]}
    elif State.DEVELOPED in config.statuses:
        developed = [aliases.source({}, "status")]
        states = {"enum": [State.DEVELOPED.value, *aliases.values(State.DEVELOPED)]}
        drafts = [{"required": [name]} for name in ("developed_to", *aliases.names("developed_to"))]
        schema["if"] = {"properties": {name: states for name in developed}, "required": developed}
        schema["then"] = {"anyOf": drafts}
    return schema


def is_http_url(value: object) -> bool:
    """The one URL rule of `new --source-url`, `publish --url` and validate's CK204."""
    if not isinstance(value, str) or not value.isprintable() or not re.fullmatch(HTTP_URL, value):
        return False
    try:
        return bool(urlsplit(value).hostname)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return False


TRACKING = frozenset({
    "trk", "trkinfo", "trackingid", "rcm", "lipi", "midtoken", "midsig", "trkemail", "eid",  # LinkedIn shares
    "s", "t", "ref_src", "ref_url",  # X shares
    "ref", "si", "feature", "fbclid", "gclid", "igshid", "mc_cid", "mc_eid",  # other share and click ids
})
"""Query parameters that say how a link was shared, not which post it is (with every `utm_*` one)."""


def is_tracking(parameter: str) -> bool:
    """`parameter` (`name=value`) is tracking noise: a `utm_*` or a TRACKING name, in any case."""
    name = unquote(parameter.partition("=")[0]).strip().lower()
    return name.startswith("utm_") or name in TRACKING


def without_tracking(url: str) -> str:
    """`url` without its tracking parameters; every other byte, and the order of what is kept, as it was.
    `?v=B` stays: a parameter that names the post is never dropped."""
    head, hash_mark, fragment = url.partition("#")
    base, question, query = head.partition("?")
    kept = [part for part in query.split("&") if not is_tracking(part)]
    if not question or len(kept) == len(query.split("&")):
        return url
    return base + ("?" + "&".join(kept) if any(kept) else "") + hash_mark + fragment


def check_url(url: str, option: str | Hint) -> str:
    """`url` when it is_http_url, else a one-line error naming the option it came from."""
    if not is_http_url(url):
        shown = url if url.isprintable() else repr(url)[1:-1]  # the error stays on one line
        raise UsageError([option, f" '{shown}' is not an http(s) URL (like https://www.linkedin.com/posts/...)"])
    return url


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if close and _another_word(word, close[0]):
        return ""
    return f"; did you mean '{close[0]}'?" if close else ""


def _another_word(word: str, known: str) -> bool:
    """`subtitle` beside `title`, `createdAt` beside `created`: a word that holds a known one whole,
    and two letters or more besides, is another word (or the same key spelled another way), not a
    typo of it (`neww`, `titles` are)."""
    plain, other = word.casefold().replace("_", ""), known.casefold().replace("_", "")
    return len(plain) >= len(other) + 2 and other in plain


def unknown_platform(value: str, platforms: Iterable[str]) -> str:
    """The message for a platform the config does not know (validate's CK305, `new --platform`)."""
    names = sorted(platforms)
    hint = did_you_mean(value, names)
    return f"platform '{value}' is not configured (configured: {', '.join(names)}){hint}"
