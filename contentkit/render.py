"""The sandboxed Jinja environment, its filters, and template lookup (the repo's, then packaged).

Seed text only ever reaches a template as data in the context, never as template source: Jinja
syntax written in a seed appears literally in the draft.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from contentkit.errors import TemplateError

PACKAGED = Path(__file__).parent / "templates"
SUFFIX = ".md.j2"


def hashtag(text: str) -> str:
    """'AI-native systems' -> '#AINativeSystems': words joined, each starting upper-case."""
    words = re.findall(r"[^\W_]+", str(text))
    return "#" + "".join(w[:1].upper() + w[1:] for w in words) if words else ""


def hashtags(themes: Iterable[str]) -> list[str]:
    tags: list[str] = []
    for theme in themes:
        tag = hashtag(theme)
        if tag and tag.lower() not in (t.lower() for t in tags):
            tags.append(tag)
    return tags


def comment_safe(text: str) -> str:
    """Text that can sit inside an HTML comment without closing it."""
    return str(text).replace("--", "- -")


FILTERS = {"hashtag": hashtag, "hashtags": hashtags, "comment_safe": comment_safe}


def template_name(name: str) -> str:
    return name if name.endswith(".j2") else name + SUFFIX


def environment(repo_templates: Path) -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(repo_templates), str(PACKAGED)]),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(FILTERS)
    return env


def render(repo_templates: Path, name: str, context: dict[str, Any]) -> str:
    """Render a template by name; every Jinja failure becomes a one-line TemplateError."""
    name = template_name(name)
    env = environment(repo_templates)
    try:
        template = env.get_template(name)
        return template.render(context)
    except jinja2.TemplateNotFound:
        raise TemplateError(
            f"template '{name}' not found in {repo_templates.name}/ or the packaged defaults"
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        where = _where(exc.filename, repo_templates)
        raise TemplateError(f"template syntax error: {exc.message}", where, exc.lineno) from None
    except jinja2.TemplateError as exc:
        filename, line = _template_frame(exc)
        raise TemplateError(f"template error: {exc}", _where(filename, repo_templates), line) from None


def _where(filename: str | None, repo_templates: Path) -> str | None:
    """The template as the writer knows it: `templates/x.md.j2`, or `packaged x.md.j2`."""
    if not filename:
        return None
    path = Path(filename)
    if path.parent == PACKAGED:
        return f"packaged {path.name}"
    return f"{repo_templates.name}/{path.name}"


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """The innermost traceback frame that belongs to a template, for its line number."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2"):
            return frame.filename, frame.lineno
    return None, None


def available(repo_templates: Path) -> list[str]:
    names = {p.name for folder in (repo_templates, PACKAGED) for p in folder.glob(f"*{SUFFIX}")}
    return sorted(n.removesuffix(SUFFIX) for n in names)
