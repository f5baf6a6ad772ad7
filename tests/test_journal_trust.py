"""A journal in `.contentkit/` comes with the repo (a clone, an archive, a synced folder): it is replayed
only when every move is one contentkit makes; anything else is set aside, named, and never run.

Real processes: the journal is read by the next command that takes the write lock, as in a crash."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TEMP = ".contentkit/tmp/.{name}.4242.ab_c9.tmp"
DIGEST = "0" * 32


def contentkit(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "contentkit", "-C", str(root), *args], env=env,
                          capture_output=True, text=True, check=False, timeout=120)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else b"<dir>"
            for p in sorted(folder.rglob("*"))}


def journal(root: Path, text: str | bytes) -> None:
    (root / ".contentkit" / "tmp").mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8") if isinstance(text, str) else text
    (root / ".contentkit" / "journal").write_bytes(data)


def moves(*items: list[object]) -> str:
    return json.dumps({"format": 1, "moves": list(items)})


def planted(root: Path, name: str) -> str:
    """A temp file named as contentkit names its own, holding the attacker's bytes."""
    rel = TEMP.format(name=name)
    (root / ".contentkit" / "tmp").mkdir(parents=True, exist_ok=True)
    (root / rel).write_text("#!/bin/sh\ntouch PWNED\n", encoding="utf-8")
    return rel


def hostile(root: Path, outside: Path) -> dict[str, str]:
    """Journals whose moves leave the repo, write into .git/ or take a file that is not contentkit's."""
    (root / ".git" / "hooks").mkdir(parents=True)
    (root / "away").symlink_to(outside, target_is_directory=True)
    (outside / "secret.txt").write_text("the neighbour's file\n", encoding="utf-8")
    return {
        "dotdot": moves(["../planted.md", planted(root, "planted.md"), None, DIGEST]),
        "absolute": moves([str(outside / "abs.md"), planted(root, "abs.md"), None, DIGEST]),
        "symlink": moves(["away/linked.md", planted(root, "linked.md"), None, DIGEST]),
        "git hook": moves([".git/hooks/pre-commit", planted(root, "pre-commit"), None, DIGEST]),
        "source outside": moves(["seeds/stolen.md", "../outside/secret.txt", None, DIGEST]),
        "source not a temp": moves(["seeds/copy.md", "contentkit.toml", None, DIGEST]),
        "temp for another name": moves(["seeds/x.md", planted(root, "other.md"), None, DIGEST]),
    }


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("kind", ["dotdot", "absolute", "symlink", "git hook", "source outside",
                                  "source not a temp", "temp for another name"])
def test_a_hostile_journal_is_set_aside_and_never_replayed(repo: Path, outside: Path, kind: str) -> None:
    text = hostile(repo, outside)[kind]
    journal(repo, text)
    before, seeds = snapshot(outside), snapshot(repo / "seeds")
    listed = contentkit(repo, "list")
    assert listed.returncode == 0, listed.stderr
    assert "is not replayed" in listed.stderr and "to finish it" not in listed.stderr
    done = contentkit(repo, "index")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    [line] = done.stderr.strip().splitlines()
    assert line.startswith("contentkit: error: .contentkit/journal: not replayed: ") and "set aside as" in line
    aside = [p for p in (repo / ".contentkit").iterdir() if p.name.startswith("journal.untrusted-")]
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == text
    assert line.endswith(f".contentkit/{aside[0].name}")
    assert not (repo / ".contentkit" / "journal").exists()
    assert snapshot(outside) == before and snapshot(repo / "seeds") == seeds
    assert not (repo / ".git" / "hooks" / "pre-commit").exists()
    assert not (repo.parent / "planted.md").exists()
    again = contentkit(repo, "index")
    assert again.returncode == 0, again.stderr


DAMAGED = {
    "NUL bytes": b'{"format": 1, "moves": [["seeds/a\x00.md", "x", null, null]]}\x00',
    "deep JSON": b"[" * 200_000 + b"]" * 200_000,
    "wrong types": moves([1, 2, 3, 4]).encode(),
    "bad digest": moves(["seeds/a.md", TEMP.format(name="a.md"), "zz", None]).encode(),
    "not JSON": b"\xff\xfe garbage",
    "not an object": b"[1, 2]",
}


@pytest.mark.parametrize("kind", sorted(DAMAGED))
def test_a_damaged_journal_is_one_line_from_every_command(repo: Path, kind: str) -> None:
    journal(repo, DAMAGED[kind])
    for args in (["list"], ["validate"], ["doctor"], ["index", "--check"]):
        done = contentkit(repo, *args)
        assert "Traceback" not in done.stderr, (args, done.stderr)
        assert "to finish it" not in done.stderr + done.stdout
    done = contentkit(repo, "index")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "not replayed" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert contentkit(repo, "index").returncode == 0


def test_a_folder_as_a_target_is_refused(repo: Path) -> None:
    (repo / "seeds" / "folder.md").mkdir()
    journal(repo, moves(["seeds/folder.md", planted(repo, "folder.md"), None, DIGEST]))
    done = contentkit(repo, "index")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "is a folder" in done.stderr
    assert (repo / "seeds" / "folder.md").is_dir()


def test_a_journal_contentkit_wrote_is_still_replayed(repo: Path) -> None:
    """The trusted path: the same shape, a move inside the repo from contentkit's own temp."""
    seed = next((repo / "seeds").glob("*.md"))
    import hashlib

    old, new = seed.read_bytes(), seed.read_bytes() + b"\nfinished\n"
    temp = TEMP.format(name=seed.name)
    journal(repo, moves([f"seeds/{seed.name}", temp, hashlib.blake2b(old, digest_size=16).hexdigest(),
                         hashlib.blake2b(new, digest_size=16).hexdigest()]))
    (repo / temp).write_bytes(new)
    listed = contentkit(repo, "list")
    assert "to finish it" in listed.stderr
    done = contentkit(repo, "index")
    assert done.returncode == 0, done.stderr
    assert seed.read_bytes() == new
