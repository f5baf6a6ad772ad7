"""contentkit: turn content seeds into drafts and keep a writing repo honest.

The Python API (docs/API.md): `contentkit.open(path)` gives a Repository, whose methods do what the
commands do and return values (Plans, rows, diagnostics) instead of printing. Each name below is
imported from its home module when it is first used (PEP 562), so `import contentkit`, which every
pre-commit `validate` runs, stays as light as it was.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing itself is not imported: `import contentkit` runs on every commit
if TYPE_CHECKING:
    from typing import Any

    from contentkit.api import Plan, Repository, open
    from contentkit.base.errors import ContentkitError, Hint
    from contentkit.model.seed import Seed
    from contentkit.store.catalog import Entry
    from contentkit.store.drafts import Draft
    from contentkit.store.query import Due, Query
    from contentkit.usecases.metrics.record import Snapshot
    from contentkit.usecases.validate.diagnostics import Diagnostic, Report

# the public names -> the module each lives in
HOMES: dict[str, str] = {
    "open": "contentkit.api",
    "Repository": "contentkit.api",
    "Plan": "contentkit.api",
    "Seed": "contentkit.model.seed",
    "Draft": "contentkit.store.drafts",
    "Entry": "contentkit.store.catalog",
    "Query": "contentkit.store.query",
    "Due": "contentkit.store.query",
    "Diagnostic": "contentkit.usecases.validate.diagnostics",
    "Report": "contentkit.usecases.validate.diagnostics",
    "Snapshot": "contentkit.usecases.metrics.record",
    "ContentkitError": "contentkit.base.errors",
    "Hint": "contentkit.base.errors",
}

__all__ = [
    "ContentkitError",
    "Diagnostic",
    "Draft",
    "Due",
    "Entry",
    "Hint",
    "Plan",
    "Query",
    "Report",
    "Repository",
    "Seed",
    "Snapshot",
    "__version__",
    "open",
]


def __getattr__(name: str) -> Any:
    """A public name, imported from its home on first use; `__version__` read from the installed
    metadata only when asked for (importlib.metadata costs tens of milliseconds at start-up)."""
    if name in HOMES:
        from importlib import import_module

        value = getattr(import_module(HOMES[name]), name)
        globals()[name] = value
        return value
    if name != "__version__":
        raise AttributeError(f"module 'contentkit' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("contentkit")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
