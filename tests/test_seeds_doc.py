"""docs/SEEDS.md, run as written: each `<!-- file: PATH -->` block is written into a fresh repo and
each `$ contentkit ...` line of a console block is run there; its output must be the block's."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from contentkit.base import dates
from contentkit.cli import cli

from .conftest import PROJECT

DOC = PROJECT / "docs" / "SEEDS.md"
BLOCK = re.compile(r"(?:<!-- file: (?P<path>\S+) -->\n)?```(?P<lang>\w*)\n(?P<text>.*?)```", re.DOTALL)
CLOCK = "2026-01-06T09:00:00Z"


def steps(doc: str) -> list[tuple[str, str, str]]:
    """("file", path, text) and ("run", command, expected output), in the doc's order."""
    found: list[tuple[str, str, str]] = []
    for match in BLOCK.finditer(doc):
        if match.group("path"):
            found.append(("file", match.group("path"), match.group("text")))
        elif match.group("lang") == "console":
            for part in re.split(r"^\$ ", match.group("text"), flags=re.MULTILINE)[1:]:
                command, _, output = part.partition("\n")
                found.append(("run", command, output))
    return found


def run_doc(root: Path, doc: str) -> list[tuple[str, str, str]]:
    """Every step run in `root`: (command, expected, actual)."""
    results = []
    for kind, what, text in steps(doc):
        if kind == "file":
            (root / what).parent.mkdir(parents=True, exist_ok=True)
            (root / what).write_text(text, encoding="utf-8")
            continue
        args = shlex.split(what)
        assert args[0] == "contentkit"
        result = CliRunner().invoke(cli, ["-C", str(root), *args[1:]], catch_exceptions=False)
        results.append((what, text, result.output))
    return results


def test_every_command_in_seeds_md_prints_what_the_doc_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dates, "now_utc", lambda: CLOCK)
    root = tmp_path / "content"
    (root / "seeds").mkdir(parents=True)
    (root / "contentkit.toml").write_text("", encoding="utf-8")
    results = run_doc(root, DOC.read_text(encoding="utf-8"))
    assert len(results) >= 5
    for command, expected, actual in results:
        assert actual == expected, command
