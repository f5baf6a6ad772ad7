"""The optional extras: which package each feature needs, whether it is there, and the one install line
for how contentkit itself was installed (uv tool, pipx, uv pip or pip in a virtualenv).

Every feature that imports an extra's package does it through `need()`, so a missing package is the
same one line everywhere: `calendar needs icalendar (the 'calendar' extra): uv tool install ...`.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from types import ModuleType
from urllib.parse import unquote, urlparse

from contentkit.base.errors import ContentkitError, Hint

# extra -> the modules it brings (the first names the package in the message), as pyproject.toml has it
EXTRAS: dict[str, tuple[str, ...]] = {
    "calendar": ("icalendar",),
    "serve": ("starlette", "uvicorn", "watchfiles"),
    "plot": ("matplotlib",),
    "xlsx": ("openpyxl",),
    "lang": ("py3langid",),
    "lint": ("textstat",),
    "lsp": ("pygls", "lsprotocol"),
    "suggest": ("llm",),
}


class MissingExtra(ContentkitError):
    """An optional package a command needs is not installed."""


@dataclass(frozen=True)
class Install:
    """How this contentkit was installed: `kind` (uv-tool, pipx, uv, pip) and the requirement it came
    from (`contentkit`, or the folder or URL of a direct install)."""

    kind: str
    source: str

    def command(self, extra: str) -> str:
        """The one command that adds `extra` (a tool is reinstalled with every extra: installing a tool
        again replaces its extras)."""
        wanted = "all" if self.kind in ("uv-tool", "pipx") else extra
        spec = f"'{self.source}[{wanted}]'"
        return COMMANDS[self.kind].format(spec=spec, python=sys.executable)


COMMANDS = {
    "uv-tool": "uv tool install {spec}",
    "pipx": "pipx install --force {spec}",
    "uv": "uv pip install --python {python} {spec}",
    "pip": "{python} -m pip install {spec}",
}


def detect(prefix: str | None = None, environ: Mapping[str, str] | None = None) -> Install:
    """The install kind, from the environment's own marks: uv writes uv-receipt.toml into a tool's
    environment, pipx writes pipx_metadata.json into its venv; otherwise the dist-info's INSTALLER
    (uv or pip). The source is the folder or URL of direct_url.json when there is one."""
    folder = Path(prefix or sys.prefix)
    if (folder / "uv-receipt.toml").is_file():
        kind = "uv-tool"
    elif (folder / "pipx_metadata.json").is_file():
        kind = "pipx"
    else:
        kind = "uv" if _dist_text("INSTALLER").strip() == "uv" else "pip"
    return Install(kind, _source())


def _dist_text(name: str) -> str:
    try:
        return metadata.distribution("contentkit").read_text(name) or ""
    except (metadata.PackageNotFoundError, OSError):
        return ""


def _source() -> str:
    """`contentkit`, or the local folder (or URL) contentkit was installed from."""
    try:
        direct = json.loads(_dist_text("direct_url.json") or "{}")
    except ValueError:
        return "contentkit"
    url = direct.get("url", "") if isinstance(direct, dict) else ""
    if not isinstance(url, str) or not url:
        return "contentkit"
    parsed = urlparse(url)
    if parsed.scheme == "file":
        return _nearby(unquote(parsed.path))
    return f"contentkit @ {url}"


def _nearby(path: str) -> str:
    """A local folder, relative to here when it is below the current folder (`.`)."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path
    return path if rel.startswith("..") else ("." if rel == "." else f"./{rel}")


def present(extra: str) -> bool:
    """Whether every module of `extra` can be imported (found, not imported)."""
    try:
        return all(importlib.util.find_spec(name) is not None for name in EXTRAS[extra])
    except (ImportError, ValueError):
        return False


def missing() -> list[str]:
    return [extra for extra in EXTRAS if not present(extra)]


def message(extra: str, feature: str, module: str | None = None) -> str:
    """`calendar needs icalendar (the 'calendar' extra): <install command>`."""
    package = module or EXTRAS[extra][0]
    return f"{feature} needs {package} (the '{extra}' extra): {detect().command(extra)}"


def need(extra: str, feature: str | Hint, module: str | None = None) -> ModuleType:
    """Import `module` (default: the extra's first) or raise MissingExtra with the one install line;
    `feature` is what needs it (a Hint: the parameter that asked for it)."""
    name = module or EXTRAS[extra][0]
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise MissingExtra([feature, message(extra, "", exc.name or name)]) from None
