"""`contentkit lsp`: the language server over stdio (pygls). Each handler turns the editor's request
into a call of lsp/features.py; a handler that fails is logged and answers nothing, and the server
goes on. A buffer outside a contentkit repo gets no diagnostics.

The repo of a buffer is found from its path (the nearest folder with a contentkit config above it) and
kept while its config file's stamp is unchanged: an edited contentkit.toml is read again on the next
request (and at once when the editor reports it through workspace/didChangeWatchedFiles).
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import ServerTextPosition, ServerTextRange, TextDocument

from contentkit.base.errors import ContentkitError, flag
from contentkit.lsp import features
from contentkit.lsp.features import Place
from contentkit.store import config as configuration
from contentkit.store.repo import Repo
from contentkit.usecases import develop

LOG = logging.getLogger("contentkit.lsp")
F = TypeVar("F", bound=Callable[..., Any])
Opener = Callable[[Path], Repo]  # a repo root -> the Repo (with the store the CLI chose)


class Repos:
    """The repos of the open buffers, by root, each with the stamp of its config when it was read."""

    def __init__(self, opener: Opener) -> None:
        self.opener = opener
        self.known: dict[Path, tuple[tuple[Any, ...], Repo | None]] = {}

    def place(self, uri: str) -> Place | None:
        fs_path = to_fs_path(uri)
        if not fs_path:
            return None
        path = Path(os.path.realpath(fs_path))
        root = configuration.find_root(path.parent)
        if root is None:
            return None
        repo = self.repo(root)
        if repo is None:
            return None
        try:
            return Place(repo, path.relative_to(repo.root).as_posix())
        except ValueError:
            return None

    def repo(self, root: Path) -> Repo | None:
        stamp = _config_stamp(root)
        kept = self.known.get(root)
        if kept is None or kept[0] != stamp:
            try:
                kept = (stamp, self.opener(root))
            except ContentkitError as exc:
                LOG.warning("%s", exc.located(flag))
                kept = (stamp, None)
            self.known[root] = kept
        return kept[1]

    def forget(self) -> None:
        self.known.clear()


def _config_stamp(root: Path) -> tuple[Any, ...]:
    found: list[Any] = []
    for name in (configuration.CONFIG_FILE, "pyproject.toml"):
        try:
            st = os.stat(root / name)
            found.append((name, st.st_size, st.st_mtime_ns, st.st_ino))
        except OSError:
            found.append((name, None))
    return tuple(found)


def guarded(default: Any) -> Callable[[F], F]:
    """A handler that logs its failure and answers `default` instead of taking the server down."""

    def wrap(handler: F) -> F:
        @functools.wraps(handler)
        def safe(*args: Any) -> Any:
            try:
                return handler(*args)
            except Exception:  # noqa: BLE001 - any bug in one handler must leave the server running
                LOG.exception("contentkit lsp: %s failed", handler.__name__)
                return default

        return cast(F, safe)

    return wrap


def make_server(opener: Opener, version: str = "") -> LanguageServer:
    server = LanguageServer("contentkit", version or "0")
    repos = Repos(opener)

    def text_of(uri: str) -> str:
        return str(server.workspace.get_text_document(uri).source)

    figures: dict[str, list[types.Diagnostic]] = {}  # by uri: the readability figure of the last open or save

    def publish(uri: str, figure: bool = True) -> None:
        """The buffer's diagnostics; while typing (`figure` False) the readability figure is the one
        measured at the last open or save, so no keystroke waits for textstat."""
        place = repos.place(uri)
        document = server.workspace.get_text_document(uri)
        found = [] if place is None else features.diagnostics(place, document.source, figure)
        for one in found:
            one.range = _client_range(document, one.range)
        if figure:
            figures[uri] = [d for d in found if d.code == features.READABILITY]
        else:
            found += figures.get(uri, [])
        server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=found))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    @guarded(None)
    def did_open(ls: LanguageServer, params: types.DidOpenTextDocumentParams) -> None:
        publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    @guarded(None)
    def did_change(ls: LanguageServer, params: types.DidChangeTextDocumentParams) -> None:
        publish(params.text_document.uri, figure=False)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    @guarded(None)
    def did_save(ls: LanguageServer, params: types.DidSaveTextDocumentParams) -> None:
        repos.forget()  # a saved config (or a seed other files point at) is read again
        publish(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    @guarded(None)
    def did_close(ls: LanguageServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        figures.pop(uri, None)
        server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    @guarded(None)
    def watched(ls: LanguageServer, params: types.DidChangeWatchedFilesParams) -> None:
        repos.forget()
        for uri in list(server.workspace.text_documents):
            publish(uri)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @guarded(None)
    def hover(ls: LanguageServer, params: types.HoverParams) -> types.Hover | None:
        place = repos.place(params.text_document.uri)
        text = text_of(params.text_document.uri)
        return None if place is None else features.hover(place, text, params.position.line)

    @server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[":", " "]))
    @guarded([])
    def completion(ls: LanguageServer, params: types.CompletionParams) -> list[types.CompletionItem]:
        place = repos.place(params.text_document.uri)
        text = text_of(params.text_document.uri)
        at = params.position
        return [] if place is None else features.completion(place, text, at.line, at.character)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION)
    @guarded([])
    def code_action(
        ls: LanguageServer, params: types.CodeActionParams
    ) -> list[types.CodeAction | types.Command]:
        uri = params.text_document.uri
        place = repos.place(uri)
        if place is None:
            return []
        found = params.context.diagnostics
        return features.code_actions(place, text_of(uri), uri, params.range.start.line, list(found))

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    @guarded([])
    def definition(ls: LanguageServer, params: types.DefinitionParams) -> list[types.Location]:
        place = repos.place(params.text_document.uri)
        text = text_of(params.text_document.uri)
        return [] if place is None else features.definition(place, text, params.position.line)

    @server.command(features.DEVELOP)
    @guarded(None)
    def develop(ls: LanguageServer, *arguments: Any) -> str | None:
        return _develop(server, repos, arguments)

    return server


def _client_range(document: TextDocument, found: types.Range) -> types.Range:
    """A range in code points (what contentkit counts) in the editor's own units (UTF-16 unless it
    said otherwise): a column after an emoji or a pseudo-bold letter differs."""
    start, end = found.start, found.end
    server_range = ServerTextRange(
        ServerTextPosition(start.line, start.character), ServerTextPosition(end.line, end.character)
    )
    return document.range_to_client_units(server_range)


def _develop(server: LanguageServer, repos: Repos, arguments: tuple[Any, ...]) -> str | None:
    """Run `develop SEED --hook N` for the command of the code action; its draft's path, or None with
    the refusal shown to the writer."""
    rel, number, root = [*arguments, None, None, None][:3]
    repo = repos.repo(Path(str(root))) if isinstance(root, str) and root else None
    if repo is None or not isinstance(rel, str) or type(number) is not int:
        return None
    try:
        seed = repo.resolve_seed(str(repo.root / rel))  # by its full path: never the server's own folder
        result = develop.develop(repo, seed, develop.Options(number, None, None, None, False))
    except ContentkitError as exc:
        server.window_show_message(types.ShowMessageParams(types.MessageType.Error, exc.located(flag)))
        return None
    message = f"developed {rel} with --hook {number}: {result.draft_rel}"
    server.window_show_message(types.ShowMessageParams(types.MessageType.Info, message))
    return result.draft_rel


def serve(opener: Opener, version: str = "") -> None:
    logging.basicConfig(level=logging.WARNING, format="%(message)s")  # stderr: stdout is the protocol
    make_server(opener, version).start_io()
