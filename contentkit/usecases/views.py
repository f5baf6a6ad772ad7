"""A parsed seed as JSON data and as text for the terminal (`contentkit show`)."""

from __future__ import annotations

import math
from typing import Any

from contentkit.model import sections
from contentkit.model.lifecycle import drafts_of
from contentkit.model.seed import Seed, parse_body, text_of


def seed_json(seed: Seed) -> dict[str, Any]:
    return {
        "path": seed.rel,
        "title": seed.title,
        "headline": headline(seed),
        "status": seed.status,
        "created": seed.created,
        "platform": seed.get("platform"),
        "source": seed.get("source"),
        "source_url": seed.get("source_url"),
        "developed_to": list(drafts_of(seed.meta.get("developed_to"))),
        "meta": jsonable(seed.doc.meta),  # the front matter as the file writes it
        **{kind.name: kind.json(seed.value(kind.name)) for kind in sections.KINDS},
        # Each of those kinds' sections as written: the paragraph beside a list of hooks, a sub-heading,
        # a nested item are kept here, so nothing a seed says is lost from show --json.
        "kinds": {
            s.kind: {"heading": s.heading, "markdown": s.markdown}
            for s in seed.sections.values()
            if s.kind in sections.BY_NAME
        },
        "sections": {
            slug: {"heading": s.heading, "markdown": s.markdown}
            for slug, s in seed.sections.items()
            if s.kind not in sections.BY_NAME
        },
    }


def headline(seed: Seed) -> str:
    """The body's own `# H1` when the front matter's title is another text ('' otherwise): often the
    writer's real headline, and a line of the body that show must not lose."""
    heading = parse_body(seed.doc.body, seed.doc.body_line)[0]
    return heading if heading and heading != seed.title else ""


def jsonable(value: Any) -> Any:
    """Front matter data as JSON can hold it: dates, timestamps and other values (as keys too) as text."""
    if isinstance(value, dict):
        return {k if isinstance(k, str) else text_of(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return text_of(value)  # .nan, .inf: JSON has no such numbers
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return text_of(value)


def seed_text(seed: Seed) -> str:
    out = [seed.title, "=" * min(len(seed.title), 80)]
    out += [f"# {headline(seed)}"] if headline(seed) else []
    facts = [("path", seed.rel), ("status", seed.status), ("created", seed.created)]
    facts += [(k, seed.get(k)) for k in ("platform", "source", "source_url")]
    facts.append(("developed_to", ", ".join(drafts_of(seed.meta.get("developed_to")))))
    out += [f"{key + ':':14}{value}" for key, value in facts if value]
    for kind in sections.KINDS:
        shown = kind.text(seed.value(kind.name))
        if shown or kind.always:
            out += ["", kind.label, *(_indent(shown) or ["  (none yet)"])]
    return "\n".join(out) + "\n"


def _indent(lines: Any) -> list[str]:
    return [f"  {line}" for line in lines]
