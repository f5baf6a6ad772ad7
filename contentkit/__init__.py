"""contentkit: turn content seeds into drafts and keep a writing repo honest."""

from __future__ import annotations

__all__ = ["__version__"]


def __getattr__(name: str) -> str:
    """`contentkit.__version__`, read from the installed metadata only when asked for.

    importlib.metadata costs tens of milliseconds at start-up, which every pre-commit run would pay.
    """
    if name != "__version__":
        raise AttributeError(f"module 'contentkit' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("contentkit")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0+unknown"
