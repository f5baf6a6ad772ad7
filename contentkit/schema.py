"""The shape of seed front matter: the value patterns `validate` checks, and the JSON Schema it implies.

Pure data: no file access, no heavy imports. The patterns are written so that Python's `re` and the
ECMA-262 dialect of JSON Schema read them the same way (`[0-9]`, not `\\d`, which Python widens to every
Unicode digit).
"""

from __future__ import annotations

from typing import Any

from contentkit.config import Config

_DATE = "[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
_TIME = "([01][0-9]|2[0-3]):[0-5][0-9](:([0-5][0-9]|60)([.,][0-9]+)?)?"
_ZONE = "([Zz]|[+-]([01][0-9]|2[0-3])(:?[0-5][0-9])?)"

ISO_8601 = f"^{_DATE}([Tt ]{_TIME}{_ZONE}?)?$"
"""A date (2025-12-19) or a date-time, with or without a zone (2025-12-19T05:10:00Z)."""

HTTP_URL = "^https?://[^\\s/?#]+([/?#][^\\s]*)?$"
"""An absolute http(s) URL without spaces."""

DATE_KEYS = ("created", "published_at")
URL_KEYS = ("source_url", "published_url")
TEXT_KEYS = ("type", "category", "source", "platform")
LIST_KEYS = ("tags",)

SCHEMA_ID = "https://json-schema.org/draft/2020-12/schema"

_TEXT: dict[str, Any] = {"type": "string", "minLength": 1}
_DESCRIPTIONS = {
    "type": "What kind of seed this is, e.g. moment.",
    "category": "e.g. content-seed.",
    "created": "When the idea was noted: an ISO 8601 date or date-time.",
    "source": "Where the idea came from, e.g. linkedin-engagement, conversation, idea.",
    "source_url": "Link to the post or page that sparked the idea.",
    "platform": "The platform the post is for.",
    "status": "Where the seed stands in the lifecycle.",
    "developed_to": "The draft developed from this seed: a path relative to the repo root.",
    "published_url": "Where the post was published.",
    "published_at": "When the post was published: an ISO 8601 date or date-time.",
    "tags": "Free-form tags.",
}


def _property(key: str, config: Config) -> dict[str, Any]:
    """The schema of one front matter key; keys contentkit knows nothing about may hold anything."""
    shapes: dict[str, dict[str, Any]] = {
        "status": {"type": "string", "enum": list(config.statuses)},
        "platform": {**_TEXT, "examples": sorted(config.platforms)},
        "developed_to": {**_TEXT, "not": {"pattern": "^([/\\\\]|[A-Za-z]:)"}},
        **{k: {"type": "string", "pattern": ISO_8601, "examples": ["2025-12-19T05:10:00Z", "2025-12-19"]}
           for k in DATE_KEYS},
        **{k: {"type": "string", "format": "uri", "pattern": HTTP_URL} for k in URL_KEYS},
        **{k: dict(_TEXT) for k in TEXT_KEYS},
        **{k: {"type": "array", "items": {"type": "string"}} for k in LIST_KEYS},
    }
    shape = dict(shapes.get(key, {}))
    if key in _DESCRIPTIONS:
        shape["description"] = _DESCRIPTIONS[key]
    return shape


def seed_schema(config: Config) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of seed front matter, from the repo's config.

    Unknown keys are allowed here: `contentkit validate` only warns about them.
    """
    keys = list(dict.fromkeys((*config.known_keys, *config.required)))
    schema: dict[str, Any] = {
        "$schema": SCHEMA_ID,
        "title": "contentkit seed front matter",
        "description": "YAML front matter of a seed file under the repo's seeds folder.",
        "type": "object",
        "required": list(config.required),
        "properties": {key: _property(key, config) for key in keys},
        "additionalProperties": True,
    }
    if "developed" in config.statuses:
        schema["if"] = {"properties": {"status": {"const": "developed"}}, "required": ["status"]}
        schema["then"] = {"required": ["developed_to"]}
    return schema
