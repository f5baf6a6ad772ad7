"""docs/CLI.md is generated from the commands' --help: it fails here when it drifts, or when a command or
option has no help text. `make docs` regenerates it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from contentkit.cli import COMMANDS, cli, reference
from tests.conftest import PROJECT


def test_docs_cli_md_is_what_the_commands_say() -> None:
    page = (PROJECT / "docs" / "CLI.md").read_text(encoding="utf-8")
    assert page == reference.page(cli), "docs/CLI.md is stale: run `make docs`"


def test_every_command_and_option_has_help_text() -> None:
    assert reference.missing_help(cli) == []


def test_every_command_of_the_table_is_on_the_page() -> None:
    page = reference.page(cli)
    for name in COMMANDS:
        assert f"\n## contentkit {name}\n" in page
    assert "\n## contentkit metrics record\n" in page


def test_a_command_or_option_without_help_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    from contentkit.cli import capture

    option = next(p for p in capture.show.params if p.name == "as_json")
    monkeypatch.setattr(option, "help", None)
    monkeypatch.setattr(capture.edit, "help", None)
    assert reference.missing_help(cli) == ["contentkit edit", "contentkit show --json"]


def test_the_check_mode_fails_on_a_stale_page(tmp_path: object) -> None:
    from pathlib import Path

    stale = Path(str(tmp_path)) / "CLI.md"
    stale.write_text("old\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "contentkit.cli.reference", "--check", str(stale)],
                         capture_output=True, text=True, cwd=PROJECT)
    assert run.returncode == 1 and "is stale; run 'make docs'" in run.stderr
    written = subprocess.run([sys.executable, "-m", "contentkit.cli.reference", str(stale)],
                             capture_output=True, text=True, cwd=PROJECT)
    assert written.returncode == 0 and stale.read_text(encoding="utf-8") == reference.page(cli)


def test_the_readme_names_every_command_by_stage_and_links_the_page() -> None:
    from contentkit.cli import STAGES

    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    assert "[docs/CLI.md](docs/CLI.md)" in readme
    items = [item.split("\n\n")[0] for item in readme.split("\n- ")[1:]]
    stages = {item.split("**")[1]: item for item in items if item.startswith("**")}
    for name, (stage, _) in COMMANDS.items():
        assert f"`{name}" in stages[STAGES[stage]], f"README's command list lacks {name} under {STAGES[stage]}"
