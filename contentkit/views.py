"""A parsed seed as JSON data and as text for the terminal (`contentkit show`)."""

from __future__ import annotations

import math
from typing import Any

from contentkit.seed import Seed, text_of


def seed_json(seed: Seed) -> dict[str, Any]:
    known = {"core_idea", "key_points", "angles", "hooks", "themes", "next_steps"}
    return {
        "path": seed.rel,
        "title": seed.title,
        "status": seed.status,
        "created": seed.created,
        "platform": seed.get("platform"),
        "source": seed.get("source"),
        "source_url": seed.get("source_url"),
        "developed_to": seed.get("developed_to"),
        "meta": jsonable(seed.meta),
        "core_idea": seed.core_idea,
        "key_points": seed.key_points,
        "angles": [{"title": a.title, "description": a.description} for a in seed.angles],
        "hooks": seed.hooks,
        "themes": seed.themes,
        "next_steps": [{"text": t.text, "done": t.done} for t in seed.next_steps],
        "sections": {
            slug: {"heading": s.heading, "markdown": s.markdown}
            for slug, s in seed.sections.items()
            if s.kind not in known
        },
    }


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
    facts = [("path", seed.rel), ("status", seed.status), ("created", seed.created)]
    facts += [(k, seed.get(k)) for k in ("platform", "source", "source_url", "developed_to")]
    out += [f"{key + ':':14}{value}" for key, value in facts if value]
    if seed.core_idea:
        out += ["", "Core idea", *_indent(seed.core_idea.splitlines())]
    if seed.key_points:
        out += ["", "Key points", *_indent(f"- {p}" for p in seed.key_points)]
    out += ["", "Angles (--angle N)"]
    out += _indent(
        f"{n}. {a.title}" + (f" - {a.description}" if a.description else "")
        for n, a in enumerate(seed.angles, 1)
    ) or ["  (none yet)"]
    out += ["", "Hooks (--hook N)"]
    out += _indent(f"{n}. {h}" for n, h in enumerate(seed.hooks, 1)) or ["  (none yet)"]
    if seed.themes:
        out += ["", "Themes", *_indent(f"- {t}" for t in seed.themes)]
    if seed.next_steps:
        steps = (f"[{'x' if t.done else ' '}] {t.text}" for t in seed.next_steps)
        out += ["", "Next steps", *_indent(steps)]
    return "\n".join(out) + "\n"


def _indent(lines: Any) -> list[str]:
    return [f"  {line}" for line in lines]
