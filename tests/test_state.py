"""The state folder .contentkit/: odd files in it (FIFOs, folders, a file in its place) are skipped
or named in one line; they never hang a command, never fail one that needs no lock."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import PROJECT, Run

STATE = ".contentkit"
HANG = 60  # seconds: a command still running by then is hanging on a FIFO (a guard, not a measure)


def contentkit(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """contentkit in its own process: a command that blocks on a FIFO is stopped instead of hanging the suite."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    try:
        return subprocess.run(
            [sys.executable, "-m", "contentkit", "-C", str(root), *args],
            env=env, capture_output=True, text=True, timeout=HANG, check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"contentkit {' '.join(args)} hangs")


@pytest.mark.parametrize("name", ["entries.json", "listing", "validate.json", "index.json"])
@pytest.mark.parametrize("command", [("list",), ("validate",), ("index",), ("index", "--check")])
def test_a_fifo_for_a_cache_file_is_skipped(repo: Path, run: Run, name: str, command: tuple[str, ...]) -> None:
    assert run("index").exit_code == 0  # a warm cache, then one of its files becomes a FIFO
    (repo / STATE / name).unlink(missing_ok=True)
    os.mkfifo(repo / STATE / name)
    done = contentkit(repo, *command)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def test_a_fifo_cache_file_is_replaced_by_the_next_write(repo: Path, run: Run) -> None:
    (repo / STATE).mkdir()
    os.mkfifo(repo / STATE / "entries.json")
    assert contentkit(repo, "list").returncode == 0
    assert (repo / STATE / "entries.json").is_file()  # rewritten as a regular file
    assert run("list").exit_code == 0


def test_a_fifo_index_file_is_one_line_not_a_hang(repo: Path) -> None:
    os.mkfifo(repo / "INDEX.md")
    done = contentkit(repo, "index")
    assert done.returncode == 1
    assert done.stderr == "contentkit: error: INDEX.md: cannot read: not a regular file\n"


def test_a_fifo_lock_file_is_named_in_one_line(repo: Path) -> None:
    (repo / STATE).mkdir()
    os.mkfifo(repo / STATE / "lock")
    done = contentkit(repo, "develop", "shipping")
    assert done.returncode == 1
    assert done.stderr == (
        "contentkit: error: .contentkit/lock: the lock file is not a regular file; remove it and run again\n"
    )
    assert "status: seed" in (repo / "seeds" / "2025-11-03__shipping-beats-polishing.md").read_text("utf-8")


def test_a_file_named_contentkit_leaves_the_cache_out(repo: Path, run: Run) -> None:
    (repo / STATE).write_text("notes\n", encoding="utf-8")
    for command in (("list",), ("validate",), ("index", "--check"), ("list", "--json")):
        result = run(*command)
        assert "Traceback" not in result.output
    result = run("list")
    assert result.exit_code == 0
    assert "shipping-beats-polishing" in result.stdout
    assert (repo / STATE).read_text(encoding="utf-8") == "notes\n"


def test_a_file_named_contentkit_stops_a_write_with_one_clear_line(repo: Path, run: Run) -> None:
    (repo / STATE).write_text("notes\n", encoding="utf-8")
    result = run("develop", "shipping")
    assert result.exit_code == 1
    assert result.output == (
        "contentkit: error: .contentkit: is not a folder contentkit can use for its lock and cache; "
        "move it away and run again\n"
    )
    assert not (repo / "drafts").exists()


@pytest.mark.parametrize("name", ["entries.json", "listing", "validate.json", "index.json"])
def test_a_folder_in_place_of_a_cache_file_is_skipped(repo: Path, run: Run, name: str) -> None:
    (repo / STATE / name).mkdir(parents=True)
    for command in (("list",), ("validate",), ("index",), ("develop", "shipping")):
        result = run(*command)
        assert result.exit_code == 0, result.output
