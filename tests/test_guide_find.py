"""docs/GUIDE-FIND.md, run as written: every `$ contentkit ...` line of the guide on the example seeds."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from tests.conftest import PROJECT, Run

GUIDE = PROJECT / "docs" / "GUIDE-FIND.md"
COMMANDS = [line[len("$ contentkit ") :] for line in GUIDE.read_text(encoding="utf-8").splitlines() if line.startswith("$ contentkit ")]


def test_the_guide_shows_commands() -> None:
    assert len(COMMANDS) >= 8


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_of_the_guide_runs(repo: Path, run: Run, command: str) -> None:
    result = run(*shlex.split(command))
    assert result.exit_code == 0, (command, result.output)
    assert result.stdout.strip(), command  # each finds something in the example seeds
