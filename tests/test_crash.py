"""A develop or publish killed at any point leaves a repo the next command makes consistent.

The child process is a real `contentkit` that SIGKILLs itself just before its N-th os.replace (or
os.fsync): every point between writing the temp files and the last rename is hit by some N.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from contentkit.cli import cli

SEED = "seeds/2025-11-03__shipping-beats-polishing.md"
DRAFT = "drafts/linkedin/2025-11-03__shipping-beats-polishing.md"

pytestmark = pytest.mark.slow  # real processes killed at every write step

CHILD = """
import os, signal, sys
from contentkit import cli
name, n = sys.argv[1], int(sys.argv[2])
real, calls = getattr(os, name), [0]
only = os.environ.get("KILL_ONLY_TO", "")
def dying(*args, **kwargs):
    if only and not str(args[1] if len(args) > 1 else "").endswith(only):
        return real(*args, **kwargs)
    calls[0] += 1
    if calls[0] == n:
        os.kill(os.getpid(), signal.SIGKILL)
    return real(*args, **kwargs)
setattr(os, name, dying)
sys.argv = ["contentkit", *sys.argv[3:]]
cli.main()
"""


def killed(root: Path, name: str, n: int, *args: str, only_to: str = "") -> int:
    """Run contentkit in a child that kills itself before its n-th call of os.<name> (with `only_to`,
    its n-th call whose destination ends with that: a point that does not move with the cache's writes)."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1]), "KILL_ONLY_TO": only_to}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, name, str(n), "-C", str(root), *args],
        env=env, capture_output=True, check=False,
    )
    return done.returncode


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


def committed(repo: Path) -> Path:
    assert invoke(repo, "index")[0] == 0
    git(repo, "init", "-q")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "seeds")
    return repo


def invoke(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["-C", str(root), *args], catch_exceptions=False)
    return result.exit_code, result.output


def untracked(root: Path) -> list[str]:
    lines = git(root, "status", "--porcelain", "--untracked-files=all").splitlines()
    return [line[3:] for line in lines if line.startswith("??")]


def developed(root: Path) -> tuple[bool, bool]:
    text = (root / SEED).read_text(encoding="utf-8")
    return "status: developed" in text, (root / DRAFT).exists()


def calls_of(root: Path, name: str, *args: str) -> int:
    """How many times a whole (unkilled) run calls os.<name>: every kill point of the run."""
    count = 0
    while killed(root, name, count + 1, *args) == -9:
        count += 1
        reset(root)
    return count


@pytest.mark.parametrize("name", ["replace", "fsync"])
def test_develop_killed_anywhere_is_finished_or_undone(repo: Path, name: str) -> None:
    root = committed(repo)
    points = calls_of(root, name, "develop", "shipping")
    assert points >= 2  # at least the seed's and the draft's moves
    for n in range(1, points + 1):
        reset(root)
        # a run may make one move fewer than the count (the cache's writes depend on file ages)
        assert killed(root, name, n, "develop", "shipping") in (-9, 0)
        assert not [p for p in untracked(root) if p.endswith(".tmp")], n
        code, output = invoke(root, "develop", "shipping")
        assert developed(root) == (True, True), (n, output)
        assert code == 0 or "already developed" in output, (n, output)
        assert untracked(root) == [DRAFT], n
        assert invoke(root, "validate")[0] == 0
        assert not list((root / ".contentkit" / "tmp").iterdir()), n


def reset(root: Path) -> None:
    git(root, "checkout", "-q", ".")
    git(root, "clean", "-qfdx")


def half_done(root: Path) -> None:
    """Kill develop between its renames: just before the seed's move, after the draft's.

    The kill point is the move onto the seed itself, not a call count: how many other moves come
    first (the cache's files) depends on how old the files are."""
    reset(root)
    assert killed(root, "replace", 1, "develop", "shipping", only_to=SEED) == -9
    assert developed(root) == (False, True)


def test_a_half_done_develop_fails_validate_and_index_finishes_it(repo: Path) -> None:
    root = committed(repo)
    half_done(root)
    code, output = invoke(root, "validate")
    assert code == 1
    assert f"an interrupted write left {SEED}" in output
    code, output = invoke(root, "list")
    assert code == 0 and "interrupted write" in output
    assert developed(root) == (False, True)  # the read-only commands change nothing
    code, output = invoke(root, "index")
    assert code == 0, output
    assert developed(root) == (True, True)
    code, output = invoke(root, "validate")
    assert code == 0, output
    assert "interrupted" not in invoke(root, "list")[1]


def test_a_seed_edited_after_the_kill_is_never_overwritten(repo: Path) -> None:
    root = committed(repo)
    half_done(root)
    edited = (root / SEED).read_bytes() + b"\nA line the writer added.\n"
    (root / SEED).write_bytes(edited)
    code, output = invoke(root, "develop", "shipping")
    assert code == 1
    assert f"contentkit: error: {SEED}: an interrupted write cannot be finished" in output
    assert (root / SEED).read_bytes() == edited
