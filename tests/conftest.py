"""Shared fixtures: throwaway content repos on tmp_path, and a CLI runner that never touches the work tree."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings

from contentkit.cli import cli

PROJECT = Path(__file__).resolve().parents[1]
EXAMPLE_SEEDS = sorted((PROJECT / "seeds").glob("*.md"))
SHARED = PROJECT.parent / "shared"
REFERENCE_SEED = SHARED / "seeds" / "moment-example.md"

Run = Callable[..., Result]

# Property tests check what is true, never how long it took: under pytest-xdist on a loaded 2-core
# machine a generated case can take longer than hypothesis' 200 ms default, which is not a failure.
settings.register_profile("contentkit", deadline=None)
settings.load_profile("contentkit")


@pytest.fixture(autouse=True)
def _piped_output(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts as output piped to a file: no terminal width from the runner's environment
    (pytest-xdist's workers inherit a COLUMNS that would cut list's titles)."""
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("LINES", raising=False)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A content repo holding the project's example seeds."""
    root = tmp_path / "content"
    (root / "seeds").mkdir(parents=True)
    (root / "contentkit.toml").write_text("", encoding="utf-8")
    for seed in EXAMPLE_SEEDS:
        shutil.copy(seed, root / "seeds" / seed.name)
    return root


@pytest.fixture
def run(repo: Path) -> Run:
    """Invoke the CLI inside `repo` (via -C), like a user would."""

    def invoke(*args: str, input: str | None = None) -> Result:
        return CliRunner().invoke(cli, ["-C", str(repo), *args], input=input, catch_exceptions=False)

    return invoke


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file a writer owns (the tool's own .contentkit/ state aside), for "nothing changed" checks."""
    files = (p for p in sorted(root.rglob("*")) if p.is_file() and ".contentkit" not in p.parts)
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in files}


@pytest.fixture
def reference_seed() -> bytes:
    if not REFERENCE_SEED.exists():
        pytest.skip("shared reference seed not available")
    return REFERENCE_SEED.read_bytes()


def in_pty(repo: Path, *args: str, typed: bytes = b"", env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run contentkit with standard input, output and error on a pseudo-terminal, as a writer at a
    terminal does; `typed` is written to it first (end it with b"\\x04" for Ctrl-D). Gives the exit
    code and what the terminal showed."""
    import os
    import pty
    import subprocess
    import sys

    master, slave = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "contentkit", "-C", str(repo), *args],
                               stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    if typed:
        os.write(master, typed)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    code = process.wait(timeout=60)
    os.close(master)
    return code, b"".join(chunks).decode("utf-8")


@pytest.fixture(autouse=True)
def utc_machine() -> Iterator[None]:
    """Every test runs as on a machine whose zone is UTC (a time without an offset is local time), so
    the suite gives the same results in Berlin; a test of another zone sets TZ for its subprocess."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if old is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = old
    time.tzset()
