"""The pre-commit hooks follow the repo's folders (seeds in `ideas/`), a refused commit leaves INDEX.md as
it was, and a missing optional package is one line naming the install command for how contentkit was
installed. Real pre-commit and real commits, as a writer adopting an idea folder would make them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from contentkit.base import extras
from contentkit.cli import cli
from contentkit.store.config import Config
from contentkit.usecases import precommit
from contentkit.usecases.scaffold import PRE_COMMIT

from .test_precommit import BAD_SEED, GIT, PRE_COMMIT_BIN, commit, git, needs_tools

GOOD_SEED = BAD_SEED.replace("19/11/2025", "2025-11-19")


def ck(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["-C", str(root), *args], catch_exceptions=False)


def idea_folder(tmp_path: Path) -> Path:
    root = tmp_path / "writing"
    (root / "ideas").mkdir(parents=True)
    (root / "ideas" / "2025-11-19__a-seed.md").write_text(GOOD_SEED, encoding="utf-8")
    return root


def test_init_after_adopt_lays_out_the_configured_folders_and_hooks(tmp_path: Path) -> None:
    root = idea_folder(tmp_path)
    assert ck(root, "adopt").exit_code == 0
    assert CliRunner().invoke(cli, ["init", "-q", str(root)]).exit_code == 0
    assert not (root / "seeds").exists()  # no unused seeds/ beside ideas/
    text = (root / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "files: ^(ideas|drafts)/.*\\.md$\n" in text
    assert "files: ^(ideas|drafts)/.*\\.md$|^INDEX\\.md$|^metrics\\.csv$\n" in text
    assert precommit.misses(text, Config(seeds_dir="ideas")) == []


def test_adopt_changes_only_the_files_lines_of_contentkits_hooks(tmp_path: Path) -> None:
    root = idea_folder(tmp_path)
    theirs = PRE_COMMIT.replace("repos:\n", "repos:\n  - repo: https://example.com/other\n    rev: v1\n"
                                "    hooks:\n      - id: trailing-whitespace\n        files: ^seeds/\n")
    theirs = "# my own comment\r\n" + theirs.replace("\n", "\r\n")
    (root / ".pre-commit-config.yaml").write_bytes(theirs.encode("utf-8"))
    assert ck(root, "adopt").exit_code == 0
    after = (root / ".pre-commit-config.yaml").read_bytes().decode("utf-8")
    expected = theirs.replace("files: ^(seeds|drafts)/", "files: ^(ideas|drafts)/")
    assert after == expected  # their hook's ^seeds/ and every CRLF, comment and entry kept
    assert ck(root, "adopt").exit_code == 0
    assert (root / ".pre-commit-config.yaml").read_bytes().decode("utf-8") == expected  # idempotent


def test_a_hook_without_files_gets_one_line_under_its_id() -> None:
    text = "repos:\n  - repo: local\n    hooks:\n      - id: contentkit-validate\n        entry: x\n"
    new = precommit.updated(text, Config(seeds_dir="notes/ideas"))
    assert new == text.replace("validate\n", "validate\n        files: ^(notes/ideas|drafts)/.*\\.md$\n")


def test_doctor_names_the_folder_a_hook_misses(tmp_path: Path) -> None:
    root = idea_folder(tmp_path)
    (root / "contentkit.toml").write_text('seeds_dir = "ideas"\n', encoding="utf-8")
    (root / ".pre-commit-config.yaml").write_text(PRE_COMMIT, encoding="utf-8")  # the old ^(seeds|drafts)/
    found = {f["check"]: f for f in json.loads(ck(root, "doctor", "--json").output)}
    assert found["hook files"]["ok"] is False
    assert "contentkit-validate: ideas/a.md" in str(found["hook files"]["message"])
    assert ck(root, "adopt").exit_code == 0
    found = {f["check"]: f for f in json.loads(ck(root, "doctor", "--json").output)}
    assert found["hook files"]["ok"] is True


@needs_tools
def test_a_broken_seed_in_ideas_is_refused_and_index_md_is_left_as_it_was(tmp_path: Path) -> None:
    assert PRE_COMMIT_BIN is not None and GIT is not None
    root = idea_folder(tmp_path)
    assert ck(root, "adopt").exit_code == 0
    assert CliRunner().invoke(cli, ["init", "-q", str(root)]).exit_code == 0
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    git(root, "init", "-q")
    subprocess.run([PRE_COMMIT_BIN, "install"], cwd=root, env=env, check=True, capture_output=True)
    git(root, "add", "-A")
    first = commit(root, env)
    assert first.returncode == 0, first.stdout + first.stderr

    seed = root / "ideas" / "2025-11-19__a-seed.md"
    seed.write_text(GOOD_SEED.replace("status: seed", "status: seed\ntitle: Renamed").replace(
        "2025-11-19", "19/11/2025"), encoding="utf-8")
    index_before = (root / "INDEX.md").read_bytes()
    git(root, "add", "-A")
    refused = commit(root, env)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0
    assert "ideas/2025-11-19__a-seed.md:4:10: CK203 " in output, output  # seen in ideas/, not "Skipped"
    assert "contentkit index" not in output  # validate stopped the run
    assert (root / "INDEX.md").read_bytes() == index_before  # the index hook did not run for a broken state

    seed.write_text(GOOD_SEED.replace("status: seed", "status: seed\ntitle: Renamed"), encoding="utf-8")
    git(root, "add", "-A")
    once = commit(root, env)  # the fixed seed's new title: the index hook writes INDEX.md once
    assert once.returncode != 0 and "wrote INDEX.md" in once.stdout + once.stderr
    git(root, "add", "-A")
    done = commit(root, env)
    assert done.returncode == 0, done.stdout + done.stderr


# --- a missing optional package -------------------------------------------------------------


@pytest.mark.parametrize(
    ("mark", "command"),
    [
        ("uv-receipt.toml", "uv tool install 'contentkit[all]'"),
        ("pipx_metadata.json", "pipx install --force 'contentkit[all]'"),
    ],
)
def test_the_install_line_is_the_one_for_how_contentkit_was_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mark: str, command: str, repo: Path
) -> None:
    (tmp_path / "tool-env").mkdir()
    (tmp_path / "tool-env" / mark).write_text("", encoding="utf-8")
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "tool-env"))
    monkeypatch.setattr(extras, "_source", lambda: "contentkit")
    monkeypatch.setitem(sys.modules, "icalendar", None)
    result = CliRunner().invoke(cli, ["-C", str(repo), "calendar"])
    assert result.exit_code == 1
    assert result.stderr == f"contentkit: error: the calendar feed needs icalendar (the 'calendar' extra): {command}\n"


def test_in_a_plain_virtualenv_the_line_is_pip_for_that_python(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    monkeypatch.setattr(extras, "_dist_text", lambda name: "pip\n" if name == "INSTALLER" else "")
    assert extras.detect().command("plot") == f"{sys.executable} -m pip install 'contentkit[plot]'"
    local = json.dumps({"url": Path.cwd().as_uri(), "dir_info": {}})
    monkeypatch.setattr(extras, "_dist_text", lambda name: {"INSTALLER": "uv", "direct_url.json": local}.get(name, ""))
    assert extras.detect().command("plot") == f"uv pip install --python {sys.executable} '.[plot]'"


def test_doctor_lists_the_missing_extras(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "icalendar", None)
    found = {f["check"]: f for f in json.loads(ck(repo, "doctor", "--json").output)}
    assert found["extras"]["ok"] is True  # listed; a light install is the writer's choice
    assert found["extras"]["message"].startswith("optional, not installed: calendar, plot; every feature: ")
    assert found["extras"]["fix"] == extras.detect().command("all")


def test_the_setup_guide_shows_the_hooks_init_writes_for_ideas() -> None:
    from contentkit.usecases.scaffold import pre_commit_config

    guide = (Path(__file__).resolve().parents[1] / "docs" / "GUIDE-SETUP.md").read_text(encoding="utf-8")
    written = pre_commit_config(Config(seeds_dir="ideas"))
    for line in ("fail_fast: true", "files: ^(ideas|drafts)/.*\\.md$", "files: ^(ideas|drafts)/.*\\.md$|^INDEX\\.md$|^metrics\\.csv$"):
        assert f"        {line}\n" in guide and f"        {line}\n" in written
    assert "the calendar feed needs icalendar (the 'calendar' extra): uv tool install '.[all]'" in guide
    assert extras.Install("uv-tool", ".").command("calendar") == "uv tool install '.[all]'"
