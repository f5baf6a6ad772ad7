"""`new --edit`, `edit SEED|DRAFT` and `new --from FILE`: the writer's editor, then validate; text in verbatim."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contentkit.cli import cli
from contentkit.usecases import scaffold
from tests.conftest import Run, in_pty

FILLED = """\
---
type: moment
category: content-seed
created: '2025-11-19'
source: idea
platform: linkedin
status: seed
---

# A title the editor gave it

## Core Idea

Say one thing.

## Potential Angles

1. **"An angle"** - why

## Hook Ideas

- "A hook."
"""


def editor(tmp_path: Path, body: str, name: str = "editor") -> str:
    """An EDITOR standing in for the writer's: it writes `body` over the file it is given and logs its name."""
    script = tmp_path / name
    content = tmp_path / f"{name}.txt"
    content.write_text(body, encoding="utf-8")
    script.write_text(
        f"#!{sys.executable}\nimport shutil, sys\nshutil.copyfile({str(content)!r}, sys.argv[1])\n"
        f"open({str(tmp_path / (name + '.log'))!r}, 'a').write(sys.argv[1] + '\\n')\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return str(script)


def invoke(repo: Path, *args: str, input: bytes | str | None = None, **env: str) -> Result:
    environ = {"VISUAL": "", "EDITOR": "", **env}
    return CliRunner().invoke(cli, ["-C", str(repo), *args], input=input, env=environ, catch_exceptions=False)


def seed_of(result: Result) -> str:
    return result.output.splitlines()[0]


def test_new_edit_opens_the_editor_then_validates_and_refreshes_index(repo: Path, tmp_path: Path) -> None:
    result = invoke(repo, "new", "Draft title", "--edit", EDITOR=editor(tmp_path, FILLED))
    assert result.exit_code == 0, result.output
    path = seed_of(result)
    assert (tmp_path / "editor.log").read_text(encoding="utf-8") == f"{repo / path}\n"
    assert (repo / path).read_text(encoding="utf-8") == FILLED
    assert result.output.endswith("0 errors, 0 warnings in 1 file\n")
    assert "A title the editor gave it" in (repo / "INDEX.md").read_text(encoding="utf-8")
    assert invoke(repo, "index", "--check").exit_code == 0


def test_edit_reports_problems_and_keeps_the_file_as_saved(repo: Path, run: Run, tmp_path: Path) -> None:
    broken = FILLED.replace("'2025-11-19'", "19/11/2025")
    path = seed_of(run("new", "Some idea"))
    result = invoke(repo, "edit", "some-idea", EDITOR=editor(tmp_path, broken))
    assert result.exit_code == 1
    assert f"{path}:4:10: CK203 " in result.output
    assert (repo / path).read_text(encoding="utf-8") == broken  # reported, never reverted


def test_visual_wins_over_editor(repo: Path, run: Run, tmp_path: Path) -> None:
    path = seed_of(run("new", "Some idea"))
    result = invoke(repo, "edit", path, VISUAL=editor(tmp_path, FILLED, "visual"),
                    EDITOR=editor(tmp_path, "", "plain"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "visual.log").exists() and not (tmp_path / "plain.log").exists()


def test_an_editor_that_fails_is_one_line(repo: Path, run: Run) -> None:
    path = seed_of(run("new", "Some idea"))
    before = (repo / path).read_bytes()
    result = invoke(repo, "edit", path, EDITOR="false")
    assert result.exit_code == 1
    assert result.output == f"contentkit: error: {path}: false: Editing failed\n"
    assert (repo / path).read_bytes() == before
    missing = invoke(repo, "edit", path, EDITOR="no-such-editor-here")
    assert missing.exit_code == 1 and len(missing.output.splitlines()) == 1


def test_edit_opens_a_draft_by_path_and_nothing_else(repo: Path, run: Run, tmp_path: Path) -> None:
    run("develop", "shipping")
    draft = "drafts/linkedin/2025-11-03__shipping-beats-polishing.md"
    text = (repo / draft).read_text(encoding="utf-8") + "\n" + "Too long. " * 400 + "\n"
    result = invoke(repo, "edit", draft, EDITOR=editor(tmp_path, text))
    assert (tmp_path / "editor.log").read_text(encoding="utf-8") == f"{repo / draft}\n"
    assert result.exit_code == 1 and f"{draft}:" in result.output, result.output
    refused = invoke(repo, "edit", "contentkit.toml", EDITOR=editor(tmp_path, "x", "other"))
    assert refused.exit_code == 1
    assert refused.output == "contentkit: error: contentkit.toml: is neither a seed nor a draft; edit opens only those\n"
    assert not (tmp_path / "other.log").exists()
    unknown = invoke(repo, "edit", "nothing-like-it")
    assert unknown.exit_code == 1 and "no seed matches 'nothing-like-it'" in unknown.output


def test_new_from_a_file_puts_its_text_in_the_core_idea_exactly(repo: Path, run: Run, tmp_path: Path) -> None:
    idea = "Pasted {braces} and {{ jinja }}\r\nwith CRLF, ünïcode, and a `## heading`-ish line\n\n\nend"
    source = tmp_path / "idea.txt"
    source.write_bytes(idea.encode("utf-8"))
    path = seed_of(run("new", "From a file", "--from", str(source)))
    data = (repo / path).read_bytes()
    assert b"## Core Idea\n\n" + idea.encode("utf-8") + b"\n\n## Key Points" in data
    assert b"One or two sentences" not in data
    shown = run("show", path, "--json")
    assert "Pasted {braces}" in shown.output


def test_new_from_stdin_and_any_size(repo: Path, tmp_path: Path) -> None:
    idea = ("A long source article line. " * 40 + "\n") * 2000  # about 2 MB
    result = invoke(repo, "new", "Big one", "--from", "-", input=idea.encode("utf-8"))
    assert result.exit_code == 0, result.output
    assert idea.encode("utf-8") in (repo / seed_of(result)).read_bytes()
    bom = invoke(repo, "new", "With a BOM", "--from", "-", input=b"\xef\xbb\xbfIdea.\n")
    assert b"## Core Idea\n\nIdea.\n\n## Key Points" in (repo / seed_of(bom)).read_bytes()


def test_new_from_refuses_what_is_not_text_in_one_line(repo: Path, tmp_path: Path) -> None:
    before = sorted(p.name for p in (repo / "seeds").iterdir())
    bad = invoke(repo, "new", "Bad bytes", "--from", "-", input=b"caf\xe9 au lait\n")
    assert bad.exit_code == 1
    assert bad.output == "contentkit: error: <stdin>: not UTF-8 text (byte 4 is 0xe9)\n"
    missing = invoke(repo, "new", "Missing", "--from", str(tmp_path / "nope.txt"))
    assert missing.exit_code == 1
    assert missing.output == f"contentkit: error: {tmp_path / 'nope.txt'}: cannot read --from file: No such file or directory\n"
    folder = invoke(repo, "new", "Folder", "--from", str(tmp_path))
    assert folder.exit_code == 1 and len(folder.output.splitlines()) == 1
    assert sorted(p.name for p in (repo / "seeds").iterdir()) == before


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(idea=st.text(min_size=1, max_size=300))
def test_any_text_lands_verbatim_and_the_seed_still_reads(repo: Path, idea: str) -> None:
    result = invoke(repo, "new", "Property", "--from", "-", input=idea.encode("utf-8"))
    assert result.exit_code == 0, result.output
    path = repo / seed_of(result)
    data = path.read_bytes()
    text = scaffold.kept_in_section(idea.removeprefix("\ufeff"))
    assert b"## Core Idea\n\n" + text.encode("utf-8") in data
    shown = invoke(repo, "show", str(path), "--json")
    assert shown.exit_code == 0
    read = json.loads(shown.stdout)
    assert read["sections"] == {} and read["kinds"]["core_idea"]["heading"] == "Core Idea", read  # all of it
    assert invoke(repo, "validate", str(path)).exit_code in (0, 1)
    path.unlink()


def test_new_from_keeps_headings_of_the_text_inside_the_core_idea(repo: Path) -> None:
    idea = "Line one\n\n## Hooks\n\n- injected\n\nPara\n---\n# Big\n```\n## in code\n```\n"
    result = invoke(repo, "new", "Headings", "--from", "-", input=idea.encode("utf-8"))
    data = (repo / seed_of(result)).read_text(encoding="utf-8")
    kept = "Line one\n\n\\## Hooks\n\n- injected\n\nPara\n\\---\n\\# Big\n```\n## in code\n```\n"
    assert "## Core Idea\n\n" + kept + "\n## Key Points" in data
    read = json.loads(invoke(repo, "show", seed_of(result), "--json").stdout)
    assert read["hooks"] == [] and read["title"] == "Headings" and read["sections"] == {}


def test_new_from_stdin_typed_on_a_terminal_says_how_to_end_it(repo: Path) -> None:
    code, seen = in_pty(repo, "new", "Typed", "--from", "-", typed=b"A typed idea.\n\x04")
    assert code == 0
    assert "Type or paste the idea, then Ctrl-D on a line of its own:" in seen
    (seed,) = (repo / "seeds").glob("*__typed.md")
    assert "## Core Idea\n\nA typed idea.\n\n## Key Points" in seed.read_text(encoding="utf-8")


def test_no_editor_and_no_terminal_is_one_line_not_a_hang(repo: Path, run: Run) -> None:
    path = seed_of(run("new", "Some idea"))
    result = invoke(repo, "edit", path)  # VISUAL and EDITOR empty, standard input not a terminal
    assert result.exit_code == 1
    assert result.output == f"contentkit: error: {path}: no editor to open it in: set VISUAL or EDITOR (or git config core.editor)\n"
    before = sorted(p.name for p in (repo / "seeds").iterdir())
    made = invoke(repo, "new", "Another", "--edit")
    assert made.exit_code == 1 and made.output == "contentkit: error: no editor to open it in: set VISUAL or EDITOR (or git config core.editor)\n"
    assert sorted(p.name for p in (repo / "seeds").iterdir()) == before  # said before anything is written


def test_an_editor_that_is_not_a_command_line_is_one_line(repo: Path, run: Run) -> None:
    path = seed_of(run("new", "Some idea"))
    result = invoke(repo, "edit", path, EDITOR='"unclosed')
    assert result.exit_code == 1
    assert result.output == (
        f"contentkit: error: {path}: EDITOR '\"unclosed' is not a command line (No closing quotation): fix it\n"
    )
    before = sorted(p.name for p in (repo / "seeds").iterdir())
    made = invoke(repo, "new", "Another", "--edit", VISUAL="'x")
    assert made.exit_code == 1 and "VISUAL \"'x\" is not a command line" in made.output
    assert sorted(p.name for p in (repo / "seeds").iterdir()) == before


def shell_edit_files(self: object, filenames: list[str]) -> None:
    """click 8.1-8.3's Editor.edit_files: the editor and the quoted name through a shell."""
    import subprocess

    names = " ".join(f'"{name}"' for name in filenames)
    if subprocess.Popen(f"{os.environ['EDITOR']} {names}", shell=True).wait() != 0:
        raise click.ClickException("Editing failed")


def test_a_file_name_is_never_run_by_a_shell(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A seed named `x$(touch PWNED).md` is only a name, even with a click that starts editors through
    a shell (as 8.1-8.3 do; the installed one is made to behave like them)."""
    import click._termui_impl

    monkeypatch.setattr(click._termui_impl.Editor, "edit_files", shell_edit_files)
    monkeypatch.chdir(tmp_path)
    name = "x$(touch PWNED).md"
    (repo / "seeds" / name).write_text("---\ntitle: X\n---\n\n# X\n", encoding="utf-8")
    result = invoke(repo, "edit", f"seeds/{name}", EDITOR=editor(tmp_path, FILLED))
    assert not (tmp_path / "PWNED").exists() and not (repo / "PWNED").exists()
    [logged] = (tmp_path / "editor.log").read_text(encoding="utf-8").splitlines()
    assert logged == str(repo / "seeds" / name), result.output


def test_an_editor_with_arguments_gets_them_and_the_path(repo: Path, tmp_path: Path) -> None:
    script = tmp_path / "args-editor"
    script.write_text(f"#!{sys.executable}\nimport sys\nopen({str(tmp_path / 'args.log')!r}, 'w')"
                      ".write('\\n'.join(sys.argv[1:]))\n", encoding="utf-8")
    script.chmod(0o755)
    (repo / "seeds" / "it's here.md").write_text("---\ntitle: X\n---\n\n# X\n", encoding="utf-8")
    invoke(repo, "edit", "seeds/it's here.md", EDITOR=f"'{script}' --wait -n")
    args = (tmp_path / "args.log").read_text(encoding="utf-8").splitlines()
    assert args == ["--wait", "-n", str(repo / "seeds" / "it's here.md")]


def test_with_no_visual_or_editor_the_editor_is_gits_core_editor(
    repo: Path, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import subprocess

    path = seed_of(run("new", "Some idea"))
    settings = tmp_path / "gitconfig"
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(settings))
    subprocess.run(["git", "config", "--global", "core.editor", editor(tmp_path, FILLED)], check=True)
    result = invoke(repo, "edit", path)  # VISUAL and EDITOR empty, no terminal: git's editor, as git does
    assert result.exit_code == 0, result.output
    assert (repo / path).read_text(encoding="utf-8") == FILLED


def test_a_repos_own_git_config_never_chooses_the_editor(
    repo: Path, run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An archive or a synced folder can carry .git/config: its core.editor is a command contentkit
    would run. Only the writer's own (global) git settings count."""
    import subprocess

    path = seed_of(run("new", "Some idea"))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "empty-gitconfig"))
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    planted = tmp_path / "planted"
    subprocess.run(["git", "config", "core.editor", f"touch {planted};"], cwd=repo, check=True)
    result = invoke(repo, "edit", path)  # no terminal, no editor of the writer's: refused, nothing run
    assert result.exit_code != 0 and "no editor" in result.output
    assert not planted.exists()


def test_a_broken_edit_on_a_terminal_offers_to_reopen(repo: Path, run: Run, tmp_path: Path) -> None:
    import os

    path = seed_of(run("new", "Some idea"))
    broken = FILLED.replace("created: '2025-11-19'", "created: 19/11/2025")
    first, second = editor(tmp_path, broken, "first"), editor(tmp_path, FILLED, "second")
    script = tmp_path / "editor-twice"
    script.write_text(  # the writer's editor: the broken save first, the fixed one when reopened
        f"#!/bin/sh\nif [ -e {tmp_path / 'first.log'} ]; then exec {second} \"$@\"; fi\nexec {first} \"$@\"\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    code, shown = in_pty(repo, "edit", path, typed=b"\n", env={**os.environ, "VISUAL": str(script)})
    assert "CK203" in shown and "reopen? [Y/n]" in shown, shown
    assert code == 0, shown
    assert (repo / path).read_text(encoding="utf-8") == FILLED
