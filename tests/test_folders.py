"""Folders that cannot be read are named in one line: never taken for empty ones, never skipped."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from .conftest import Run

real_scandir = os.scandir


def unreadable(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """os.scandir(folder) fails as it does for a folder without read permission (root can read anyway)."""

    def scandir(path: Any = ".") -> Any:
        if os.path.realpath(path) == os.path.realpath(folder):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)


@pytest.mark.parametrize("command", ["list", "index", "validate", "develop shipping"])
@pytest.mark.parametrize("folder", ["seeds", "seeds/2025", "drafts", "drafts/linkedin"])
def test_an_unreadable_folder_is_an_error(
    repo: Path, run: Run, monkeypatch: pytest.MonkeyPatch, command: str, folder: str
) -> None:
    (repo / "seeds" / "2025").mkdir()
    (repo / "drafts" / "linkedin").mkdir(parents=True)
    unreadable(monkeypatch, repo / folder)
    result = run(*command.split(), "--no-cache") if command == "list" else run(*command.split())
    assert result.exit_code == 1
    assert result.output == f"contentkit: error: {folder}: cannot read folder: Permission denied\n"


def test_an_unreadable_folder_is_an_error_with_a_warm_cache(
    repo: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("list").exit_code == 0
    os.utime(repo / "seeds", ns=(0, 0))  # what chmod does to the folder's stamp (its ctime), made certain
    unreadable(monkeypatch, repo / "seeds")
    result = run("list")
    assert result.output == "contentkit: error: seeds: cannot read folder: Permission denied\n"


def test_a_missing_folder_is_still_an_empty_one(repo: Path, run: Run) -> None:
    result = run("validate")
    assert result.exit_code == 0, result.output  # no drafts/ yet: nothing to check there


@pytest.mark.parametrize("command", ["develop shipping", "init ."])
def test_an_unreadable_templates_folder_is_an_error(
    repo: Path, run: Run, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    (repo / "templates").mkdir()
    unreadable(monkeypatch, repo / "templates")
    result = run(*command.split())
    assert result.exit_code == 1
    assert result.output == "contentkit: error: templates: cannot read folder: Permission denied\n"
    assert command == "init ." or not (repo / "drafts").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder; the monkeypatched tests cover it")
def test_a_folder_without_read_permission_is_an_error(repo: Path, run: Run) -> None:
    (repo / "seeds").chmod(0o000)
    try:
        result = run("validate")
    finally:
        (repo / "seeds").chmod(0o755)
    assert result.output == "contentkit: error: seeds: cannot read folder: Permission denied\n"
