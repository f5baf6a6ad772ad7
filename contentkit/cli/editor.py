"""`lsp`: the language server for editors, over stdio (the `lsp` extra: pygls)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from contentkit.base.errors import ContentkitError

if TYPE_CHECKING:
    from contentkit.store.repo import Repo


@click.command()
def lsp() -> None:
    """Run the language server over stdin/stdout for an editor: diagnostics as you type (validate's
    rules and lint's checks on the unsaved text), hover on hooks, angles and drafts (each platform's
    own count, both folds), completion of front matter,
    quick fixes, "develop with this hook", go to definition. Needs the `lsp` extra (pygls)."""
    try:
        from contentkit.lsp import server
    except ImportError as exc:
        raise ContentkitError(
            f"the language server needs pygls: pip install 'contentkit[lsp]' ({exc})"
        ) from None
    from contentkit import __version__
    from contentkit.cli.common import repo

    def opener(root: Path) -> Repo:
        return repo(start=root)

    server.serve(opener, str(__version__))
