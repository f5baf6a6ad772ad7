"""The sandboxed Jinja environment, its filters, and template lookup (the repo's, then packaged).

Seed text only ever reaches a template as data in the context, never as template source: Jinja
syntax written in a seed appears literally in the draft.
"""

from __future__ import annotations

import os
import re
import traceback
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contentkit.base.errors import TemplateError
from contentkit.platforms import threads

if TYPE_CHECKING:
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

PACKAGED = Path(__file__).resolve().parents[1] / "templates"  # contentkit/templates/
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


def thread(
    hook: str, points: list[str], closing: str, limit: int, counting: str = "chars", url_length: int = 0
) -> str:
    """The x template's posts: one, or a thread separated by `---` lines (see threads.pack), each
    counted by the platform's rule (`counting`, `url_length`: the profile's)."""
    texts = [str(p) for p in points]
    posts = threads.pack(str(hook), texts, str(closing), limit, str(counting), int(url_length))
    return threads.SEPARATOR.join(posts)


FILTERS = {"hashtag": hashtag, "hashtags": hashtags, "comment_safe": comment_safe, "thread": thread}


def template_name(name: str) -> str:
    return name if name.endswith(".j2") else name + SUFFIX


GENERIC = "post" + SUFFIX
"""The packaged template of a platform that has none of its own (one defined only in the config)."""


def platform_template(repo_templates: Path, platform: str) -> str:
    """The template a platform develops with: the repo's NAME.md.j2, else the packaged one, else the
    generic post.md.j2."""
    name = template_name(platform)
    if os.path.lexists(repo_templates / name) or (PACKAGED / name).is_file():
        return name
    return GENERIC


MAX_OUTPUT = 1_000_000
"""The most items or characters one `*`, `**` or `%` in a template may build (a draft is a few kB)."""


@cache
def _jinja() -> Any:
    """The one seam where Jinja2 is imported: only a command that renders a template pays for it."""
    import jinja2
    import jinja2.sandbox

    return jinja2


@cache
def _sandbox_class() -> type[SandboxedEnvironment]:
    """The sandbox with a size limit on the operators that can build huge values in one step."""
    j = _jinja()

    base: type[SandboxedEnvironment] = j.sandbox.SandboxedEnvironment

    class Sandbox(base):  # type: ignore[valid-type,misc]
        intercepted_binops = frozenset({"*", "**", "%"})

        def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and _numbers(left, right) and abs(left) > 1 and right > 64:
                raise j.exceptions.SecurityError(f"{left} ** {right} is too large for a template")
            if operator == "*" and (_too_long(left, right) or _too_long(right, left)):
                raise j.exceptions.SecurityError(f"a repeated value of more than {MAX_OUTPUT:,} items")
            if operator == "%" and isinstance(left, str) and _WIDE_FORMAT.search(left):
                raise j.exceptions.SecurityError("a % format wider than a template needs")
            return super().call_binop(context, operator, left, right)

    return Sandbox


_WIDE_FORMAT = re.compile(r"%[^a-zA-Z%]*[0-9]{7}")


def _numbers(left: Any, right: Any) -> bool:
    return all(isinstance(v, int | float) and not isinstance(v, bool) for v in (left, right))


def _too_long(sequence: Any, times: Any) -> bool:
    if not isinstance(sequence, str | list | tuple) or not isinstance(times, int):
        return False
    return len(sequence) * times > MAX_OUTPUT


def environment(repo_templates: Path) -> SandboxedEnvironment:
    """The drafts' environment: the repo's templates, then the packaged ones; plain text, no escaping."""
    return sandbox([repo_templates, PACKAGED])


def sandbox(folders: list[Path], *, autoescape: bool = False) -> SandboxedEnvironment:
    """The one Jinja setup: sandboxed, StrictUndefined, the filters. HTML pages pass autoescape=True."""
    j = _jinja()
    env = _sandbox_class()(
        loader=j.FileSystemLoader([str(folder) for folder in folders]),
        undefined=j.StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(FILTERS)
    return env


def render(repo_templates: Path, name: str, context: dict[str, Any]) -> str:
    """Render a template by name; every failure of the template becomes a one-line TemplateError.

    A repo template is code the writer wrote: besides Jinja's own errors it can divide by zero, add
    text to a number, recurse without end or emit text that is not UTF-8. Each of those names the
    template (and its line, when the traceback knows it); none is a traceback.
    """
    name = template_name(name)
    readable(repo_templates)
    env = environment(repo_templates)
    j = _jinja()
    try:
        template = env.get_template(name)
    except j.TemplateNotFound:
        raise TemplateError(
            f"template '{name}' not found in {repo_templates.name}/ or the packaged defaults"
        ) from None
    except j.TemplateSyntaxError as exc:
        where = _where(exc.filename, repo_templates)
        raise TemplateError(f"template syntax error: {exc.message}", where, exc.lineno) from None
    except UnicodeDecodeError as exc:
        where = _where(_found(env, name), repo_templates)
        raise TemplateError(f"the template is not valid UTF-8 (byte {exc.start + 1})", where) from None
    except OSError as exc:
        where = _where(_found(env, name), repo_templates)
        raise TemplateError(f"cannot read the template: {exc.strerror or exc}", where) from None
    return _checked(_run(template, context, repo_templates), template, repo_templates)


def _run(template: jinja2.Template, context: dict[str, Any], repo_templates: Path) -> str:
    try:
        return template.render(context)
    except TemplateError:
        raise
    except RecursionError:
        where = _where(template.filename, repo_templates)
        message = "template error: it calls itself without end (a recursive macro?)"
        raise TemplateError(message, where) from None
    except Exception as exc:  # noqa: BLE001 - the template is the writer's code: any error is theirs
        filename, line = _template_frame(exc)
        message = str(exc) if isinstance(exc, _jinja().TemplateError) else f"{type(exc).__name__}: {exc}"
        where = _where(filename or template.filename, repo_templates)
        raise TemplateError(f"template error: {message}", where, line) from None


def _checked(text: str, template: jinja2.Template, repo_templates: Path) -> str:
    """The output must be writable as UTF-8: a lone surrogate (`'\\ud800'`) cannot be."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        where = _where(template.filename, repo_templates)
        line = text.count("\n", 0, exc.start) + 1
        message = f"the template's output is not valid Unicode ({exc.reason} in output line {line})"
        raise TemplateError(message, where) from None
    return text


def _found(env: SandboxedEnvironment, name: str) -> str | None:
    """The file the loader would read for `name`."""
    for folder in getattr(env.loader, "searchpath", ()):
        path = Path(folder) / name
        if path.is_file():
            return str(path)
    return None


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


def readable(repo_templates: Path) -> None:
    """A repo templates folder that exists but cannot be listed is an error, never a silent fallback
    to the packaged templates."""
    try:
        with os.scandir(repo_templates):
            pass
    except FileNotFoundError:
        return
    except OSError as exc:
        raise TemplateError(f"cannot read folder: {exc.strerror or exc}", repo_templates.name) from None


def available(repo_templates: Path) -> list[str]:
    readable(repo_templates)
    names = {p.name for folder in (repo_templates, PACKAGED) for p in folder.glob(f"*{SUFFIX}")}
    return sorted(n.removesuffix(SUFFIX) for n in names)
