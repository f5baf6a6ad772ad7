"""`contentkit lsp` end to end: a real LSP client (pytest-lsp) drives the server over stdio, as an
editor would: open, change, hover, completion, code actions, definition, hostile buffers."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402

from tests.conftest import EXAMPLE_SEEDS, PROJECT  # noqa: E402

STEM = "2025-11-03__shipping-beats-polishing"
SEED = f"seeds/{STEM}.md"
DRAFT = f"drafts/linkedin/{STEM}.md"
ENV = {**os.environ, "PYTHONPATH": str(PROJECT)}


def make_repo(root: Path) -> Path:
    (root / "seeds").mkdir(parents=True)
    (root / "drafts" / "linkedin").mkdir(parents=True)
    (root / "contentkit.toml").write_text("", encoding="utf-8")
    for seed in EXAMPLE_SEEDS:
        shutil.copy(seed, root / "seeds" / seed.name)
    text = (root / SEED).read_text(encoding="utf-8")
    (root / SEED).write_text(text.replace("status: seed\n", f"status: developed\ndeveloped_to: {DRAFT}\n"), encoding="utf-8")
    (root / DRAFT).write_text(
        f"---\ntype: draft\nstatus: draft\nseed: {SEED}\nplatform: linkedin\n---\n\n" + "Short words here. " * 20 + "\n",
        encoding="utf-8",
    )
    return root


@pytest.fixture
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repo(tmp_path_factory.mktemp("lsp") / "content")


@pytest_lsp.fixture(
    config=ClientServerConfig(server_command=[sys.executable, "-m", "contentkit", "lsp"], server_env=ENV),
)
async def client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    await lsp_client.initialize_session(types.InitializeParams(capabilities=pytest_lsp.client_capabilities("visual-studio-code")))
    yield
    await lsp_client.shutdown_session()


def uri(path: Path) -> str:
    return path.resolve().as_uri()


def open_doc(client: LanguageClient, path: Path, text: str | None = None) -> str:
    doc = uri(path)
    body = path.read_text(encoding="utf-8") if text is None else text
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(doc, "markdown", 1, body)))
    return doc


async def diagnostics(client: LanguageClient, doc: str) -> list[types.Diagnostic]:
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return list(client.diagnostics.get(doc, []))


def change(client: LanguageClient, doc: str, text: str, version: int = 2) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=doc, version=version),
            [types.TextDocumentContentChangeWholeDocument(text)],
        )
    )


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines()) if needle in line)


@pytest.mark.asyncio
async def test_diagnostics_follow_the_unsaved_buffer(client: LanguageClient, content: Path) -> None:
    path = content / SEED
    doc = open_doc(client, path)
    assert [d for d in await diagnostics(client, doc) if "'priority'" in d.message] == []
    text = path.read_text(encoding="utf-8").replace("status: developed", "status: developd  # moved on")
    change(client, doc, text)
    found = await diagnostics(client, doc)
    assert [d.code for d in found] == ["CK202"]
    assert found[0].range.start == types.Position(line_of(text, "status:"), len("status: "))
    assert path.read_text(encoding="utf-8").count("developd") == 0  # the file itself is untouched

    actions = await client.text_document_code_action_async(
        types.CodeActionParams(types.TextDocumentIdentifier(doc), found[0].range, types.CodeActionContext(found))
    )
    fixes = [a for a in actions or [] if isinstance(a, types.CodeAction) and a.edit]
    assert fixes and fixes[0].title == "Change status to 'developed'"
    assert fixes[0].edit is not None and fixes[0].edit.changes is not None
    edit = fixes[0].edit.changes[doc][0]
    assert edit.new_text == "developed" and edit.range.end.character == len("status: developd")  # the comment stays


@pytest.mark.asyncio
async def test_missing_required_key_has_a_fix_with_its_default(client: LanguageClient, content: Path) -> None:
    path = content / SEED
    text = path.read_text(encoding="utf-8").replace("source: conversation\n", "")
    doc = open_doc(client, path, text)
    found = await diagnostics(client, doc)
    missing = [d for d in found if d.code == "CK201"]
    assert missing and "source" in missing[0].message
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(types.TextDocumentIdentifier(doc), missing[0].range, types.CodeActionContext(missing))
    )
    fixes = [a for a in actions or [] if isinstance(a, types.CodeAction) and a.edit]
    assert fixes and fixes[0].edit is not None and fixes[0].edit.changes is not None
    edit = fixes[0].edit.changes[doc][0]
    assert edit.new_text == "source: idea\n" and edit.range.start.line == line_of(text, "developed_to") + 1


@pytest.mark.asyncio
async def test_hover_on_a_hook_and_a_draft(client: LanguageClient, content: Path) -> None:
    path = content / SEED
    text = path.read_text(encoding="utf-8")
    doc = open_doc(client, path)
    await diagnostics(client, doc)
    heading = line_of(text, "## Hook")
    first = next(n for n, line in enumerate(text.splitlines()) if n > heading and line.startswith(("-", "1.")))
    hover = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(doc), types.Position(first, 2)))
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert "--hook 1" in hover.contents.value and "LinkedIn:" in hover.contents.value and "/3000 characters" in hover.contents.value
    assert "X:" in hover.contents.value and "/280" in hover.contents.value
    nothing = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(doc), types.Position(heading, 0)))
    assert nothing is None

    draft = open_doc(client, content / DRAFT)
    await diagnostics(client, draft)
    hover = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(draft), types.Position(8, 0)))
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert "LinkedIn: 359/3000 characters, folds on phone after" in hover.contents.value
    assert "folds on desktop after" in hover.contents.value


@pytest.mark.asyncio
async def test_develop_with_this_hook(client: LanguageClient, content: Path) -> None:
    name = "2025-11-10__code-review-as-teaching"
    path = content / "seeds" / f"{name}.md"
    text = path.read_text(encoding="utf-8")
    doc = open_doc(client, path)
    await diagnostics(client, doc)
    heading = line_of(text, "## Hook")
    second = [n for n, line in enumerate(text.splitlines()) if n > heading and line.startswith(("-", "1.", "2."))][1]
    place = types.Range(types.Position(second, 0), types.Position(second, 0))
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(types.TextDocumentIdentifier(doc), place, types.CodeActionContext([]))
    )
    commands = [a for a in actions or [] if isinstance(a, types.Command)]
    assert commands and commands[0].title == "Develop with --hook 2"
    result = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(commands[0].command, arguments=commands[0].arguments)
    )
    assert result == f"drafts/linkedin/{name}.md"
    assert (content / "drafts" / "linkedin" / f"{name}.md").is_file()


@pytest.mark.asyncio
async def test_completion_of_keys_and_values(client: LanguageClient, content: Path) -> None:
    path = content / SEED
    text = path.read_text(encoding="utf-8").replace("platform: linkedin\n", "platform: linkedin\nsta\n")
    doc = open_doc(client, path, text)
    await diagnostics(client, doc)
    at = line_of(text, "sta") + 1
    keys = await client.text_document_completion_async(types.CompletionParams(types.TextDocumentIdentifier(doc), types.Position(at, 3)))
    labels = {item.label for item in (keys.items if isinstance(keys, types.CompletionList) else keys or [])}
    assert {"title", "tags"} <= labels and "platform" not in labels  # a key the file has is not offered
    text = text.replace("sta\n", "")
    for key, expected in (("status", {"seed", "developed", "published"}), ("platform", {"linkedin", "x"}), ("developed_to", {DRAFT})):
        line = line_of(text, f"{key}:")
        change(client, doc, text, version=3)
        found = await client.text_document_completion_async(
            types.CompletionParams(types.TextDocumentIdentifier(doc), types.Position(line, len(key) + 2))
        )
        values = {item.label for item in (found.items if isinstance(found, types.CompletionList) else found or [])}
        assert expected <= values, key


@pytest.mark.asyncio
async def test_definition_from_seed_to_draft_and_back(client: LanguageClient, content: Path) -> None:
    path = content / SEED
    text = path.read_text(encoding="utf-8")
    doc = open_doc(client, path)
    await diagnostics(client, doc)
    found = await client.text_document_definition_async(
        types.DefinitionParams(types.TextDocumentIdentifier(doc), types.Position(line_of(text, "developed_to"), 2))
    )
    assert isinstance(found, list) and [loc.uri for loc in found] == [uri(content / DRAFT)]  # type: ignore[union-attr]
    draft = open_doc(client, content / DRAFT)
    await diagnostics(client, draft)
    back = await client.text_document_definition_async(
        types.DefinitionParams(types.TextDocumentIdentifier(draft), types.Position(3, 1))
    )
    assert isinstance(back, list) and [loc.uri for loc in back] == [uri(path)]  # type: ignore[union-attr]


HOSTILE = {
    "binary junk": "\x00\x01\xff\ufffd" * 500,
    "deep yaml": "---\nkey: " + "[" * 100_000 + "\n---\n",
    "unterminated front matter": "---\ntype: moment\nstatus: seed\n# no closing fence\n",
    "alias bomb": "---\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n---\n",
    "tab indent": "---\n\ttype: moment\n---\n",
}


@pytest.mark.asyncio
async def test_hostile_buffers_get_diagnostics_and_the_server_lives(client: LanguageClient, content: Path) -> None:
    path = content / "seeds" / "hostile.md"
    doc = open_doc(client, path, "---\ntype: moment\n---\n")
    await diagnostics(client, doc)
    for version, (name, text) in enumerate(HOSTILE.items(), 2):
        change(client, doc, text, version)
        found = await asyncio.wait_for(diagnostics(client, doc), 30)
        assert found and all(d.code and str(d.code).startswith("CK") for d in found), name
        line = min(3, text.count("\n"))
        await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(doc), types.Position(line, 0)))
        await client.text_document_completion_async(types.CompletionParams(types.TextDocumentIdentifier(doc), types.Position(line, 0)))
        await client.text_document_definition_async(types.DefinitionParams(types.TextDocumentIdentifier(doc), types.Position(line, 0)))
    change(client, doc, (content / "seeds" / "2025-11-10__code-review-as-teaching.md").read_text(encoding="utf-8"), 99)
    assert [d.code for d in await diagnostics(client, doc)] == []  # still answering, and right


@pytest.mark.asyncio
async def test_outside_a_repo_no_diagnostics(client: LanguageClient, tmp_path: Path) -> None:
    loose = tmp_path / "elsewhere" / "notes.md"
    loose.parent.mkdir()
    doc = open_doc(client, loose, "---\nstatus: nonsense\n---\n")
    assert [d for d in await diagnostics(client, doc) if "'priority'" in d.message] == []


@pytest.mark.asyncio
async def test_the_config_is_followed(client: LanguageClient, content: Path) -> None:
    path = content / SEED
    text = path.read_text(encoding="utf-8").replace("source: conversation\n", "source: conversation\npriority: 2\n")
    doc = open_doc(client, path, text)
    assert [(d.code, "'priority'" in d.message) for d in await diagnostics(client, doc)] == [("CK301", True)]
    (content / "contentkit.toml").write_text('known_keys = ["priority", "source_url"]\n', encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams([types.FileEvent(uri(content / "contentkit.toml"), types.FileChangeType.Changed)])
    )
    assert [d for d in await diagnostics(client, doc) if "'priority'" in d.message] == []


# --- lint's findings and the platforms' own counts ------------------------------------------------

HEAD = f"---\ntype: draft\nstatus: draft\nseed: {SEED}\nplatform: linkedin\n---\n\n"
BOLD = "Big 🎉 news: 𝗯𝗼𝗹𝗱 moves win."  # an emoji before the word: 2 UTF-16 units, 1 code point


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@pytest.mark.asyncio
async def test_lint_findings_as_you_type_at_lints_own_place(client: LanguageClient, content: Path) -> None:
    path = content / DRAFT
    text = HEAD + "A plain opening line.\n\n" + BOLD + "\n"
    path.write_text(text, encoding="utf-8")
    doc = open_doc(client, path)
    found = [d for d in await diagnostics(client, doc) if d.code == "CK601"]
    cli = subprocess.run(
        [sys.executable, "-m", "contentkit", "lint", "--format", "json", DRAFT],
        cwd=content, env=ENV, capture_output=True, text=True, check=False,
    )
    [linted] = [f for f in json.loads(cli.stdout) if f["code"] == "CK601"]
    row = line_of(text, "𝗯𝗼𝗹𝗱")
    assert (linted["line"], linted["col"]) == (row + 1, BOLD.index("𝗯") + 1)
    assert len(found) == 1 and found[0].severity == types.DiagnosticSeverity.Warning
    assert found[0].range.start == types.Position(row, utf16(BOLD[: BOLD.index("𝗯")]))  # the editor's units
    assert "'bold'" in found[0].message

    ignored = text.replace(BOLD, "<!-- contentkit: ignore CK601 -->\n" + BOLD)
    change(client, doc, ignored)
    assert [d for d in await diagnostics(client, doc) if d.code.startswith("CK6") and d.code != "CK607"] == []
    change(client, doc, text, version=3)
    assert [d.code for d in await diagnostics(client, doc) if d.code.startswith("CK6") and d.code != "CK607"] == [
        "CK601"]

    (content / "contentkit.toml").write_text('[lint]\noff = ["CK601"]\n', encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams([types.FileEvent(uri(content / "contentkit.toml"), types.FileChangeType.Changed)])
    )
    assert [d for d in await diagnostics(client, doc) if d.code.startswith("CK6") and d.code != "CK607"] == []


@pytest.mark.asyncio
async def test_readability_figure_is_kept_while_typing(client: LanguageClient, content: Path) -> None:
    path = content / DRAFT
    text = HEAD.replace("platform: linkedin\n", "platform: linkedin\nlang: de\n") + "Wir liefern früh aus. Die Leute sagen uns, was zählt.\n"
    doc = open_doc(client, path, text)
    figure = [d for d in await diagnostics(client, doc) if d.code == "CK607"]
    assert len(figure) == 1 and figure[0].severity == types.DiagnosticSeverity.Information
    change(client, doc, text + "\nNoch ein Satz.\n")
    assert [d.message for d in await diagnostics(client, doc) if d.code == "CK607"] == [figure[0].message]


@pytest.mark.asyncio
async def test_hover_on_an_x_draft_counts_as_x_does(client: LanguageClient, content: Path) -> None:
    (content / "drafts" / "x").mkdir()
    path = content / "drafts" / "x" / f"{STEM}.md"
    body = "Read https://example.com/a/very/long/path/that/goes/on/and/on 👨\u200d👩\u200d👧 now"
    text = HEAD.replace("platform: linkedin", "platform: x") + body + "\n"
    doc = open_doc(client, path, text)
    await diagnostics(client, doc)
    hover = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(doc), types.Position(line_of(text, "Read"), 0)))
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    # "Read " 5 + the URL 23 (t.co) + " " 1 + the family emoji 2 + " now" 4; in code points it is 72
    assert "X: 35/280 characters, shows whole" in hover.contents.value


@pytest.mark.asyncio
async def test_hover_on_a_linkedin_hook_shows_both_folds(client: LanguageClient, content: Path) -> None:
    path = content / SEED
    hook = "Polish " + "feels safe, " * 14 + "and then the quarter is gone."  # 204 characters, unquoted
    text = path.read_text(encoding="utf-8").replace('"Polish is the most comfortable way to avoid finding out you\'re wrong."', f'"{hook}"')
    doc = open_doc(client, path, text)
    await diagnostics(client, doc)
    hover = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(doc), types.Position(line_of(text, hook), 2)))
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    [linkedin] = [row for row in hover.contents.value.splitlines() if row.startswith("- LinkedIn:")]
    # on a phone the cut falls at the last space before 140: "Polish" and eleven "feels safe," (138)
    assert linkedin == "- LinkedIn: 204/3000 characters, folds on phone after 138, shows whole on desktop"
    assert "--hook 3" in hover.contents.value
