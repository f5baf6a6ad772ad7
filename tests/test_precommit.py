"""The published pre-commit hooks, run for real with `pre-commit try-repo` against a temporary git repo.

try-repo clones this project (with its uncommitted changes to tracked files) and pip-installs it into a
fresh hook environment, so the first run takes a while. PRE_COMMIT_HOME lives in tmp_path.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from contentkit.cli import cli
from contentkit.usecases.scaffold import PRE_COMMIT

pytestmark = pytest.mark.slow  # the real pre-commit with real commits

PROJECT = Path(__file__).resolve().parents[1]
MANIFEST = PROJECT / ".pre-commit-hooks.yaml"
PRE_COMMIT_BIN = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
GIT = shutil.which("git")

needs_tools = pytest.mark.skipif(
    PRE_COMMIT_BIN is None or GIT is None, reason="needs git and pre-commit on PATH"
)

BAD_SEED = """\
---
type: moment
category: content-seed
created: 19/11/2025
source: idea
platform: linkedin
status: seed
---

# A seed

## Potential Angles

1. **"An angle"** - why

## Hook Ideas

- "A hook."
"""


def hooks(text: str) -> dict[str, dict[str, object]]:
    data = yaml.safe_load(text)
    items = data if isinstance(data, list) else [h for repo in data["repos"] for h in repo["hooks"]]
    return {hook["id"]: hook for hook in items}


def test_manifest_publishes_both_hooks() -> None:
    published = hooks(MANIFEST.read_text(encoding="utf-8"))
    assert published["contentkit-validate"]["entry"] == "contentkit validate"
    assert published["contentkit-index"]["entry"] == "contentkit index --exit-code"
    assert published["contentkit-index"]["pass_filenames"] is False
    assert {hook["language"] for hook in published.values()} == {"python"}


def test_init_config_uses_the_same_hooks() -> None:
    published, local = hooks(MANIFEST.read_text(encoding="utf-8")), hooks(PRE_COMMIT)
    assert set(local) == set(published)
    for hook_id, hook in local.items():
        command = str(published[hook_id]["entry"]).removeprefix("contentkit ")
        assert f'exec "$c" {command} "$@"' in str(hook["entry"])
        assert hook["files"] == published[hook_id]["files"]


@needs_tools
def test_manifest_and_init_config_are_valid_for_pre_commit(tmp_path: Path) -> None:
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(PRE_COMMIT, encoding="utf-8")
    assert PRE_COMMIT_BIN is not None
    for command, path in (("validate-manifest", MANIFEST), ("validate-config", config)):
        result = subprocess.run([PRE_COMMIT_BIN, command, str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def git(repo: Path, *args: str) -> None:
    assert GIT is not None
    subprocess.run(
        [GIT, "-c", "user.name=contentkit tests", "-c", "user.email=tests@example.com",
         "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=repo, check=True, capture_output=True,
    )


def try_repo(repo: Path, env: dict[str, str], *files: str) -> subprocess.CompletedProcess[str]:
    assert PRE_COMMIT_BIN is not None
    command = [PRE_COMMIT_BIN, "try-repo", str(PROJECT), "contentkit-validate", "--files", *files]
    return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=900)


@needs_tools
def test_try_repo_fails_on_a_bad_seed_then_passes(tmp_path: Path) -> None:
    repo = tmp_path / "content"
    assert CliRunner().invoke(cli, ["init", "--quiet", str(repo)], catch_exceptions=False).exit_code == 0
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "content repo")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "contentkit tests",
        "GIT_AUTHOR_EMAIL": "tests@example.com",
        "GIT_COMMITTER_NAME": "contentkit tests",
        "GIT_COMMITTER_EMAIL": "tests@example.com",
    }
    seed = "seeds/2025-11-19__a-seed.md"
    (repo / seed).write_text(BAD_SEED, encoding="utf-8")
    git(repo, "add", seed)

    failed = try_repo(repo, env, seed)
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert f"{seed}:4:10: CK203 " in output

    (repo / seed).write_text(BAD_SEED.replace("19/11/2025", "2025-11-19"), encoding="utf-8")
    git(repo, "add", seed)
    passed = try_repo(repo, env, seed)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout


def commit(repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    assert GIT is not None
    return subprocess.run([GIT, "commit", "-q", "-m", "a seed"], cwd=repo, env=env, capture_output=True,
                          text=True, timeout=300)


@needs_tools
def test_git_commit_runs_the_hooks_without_an_activated_virtualenv(tmp_path: Path) -> None:
    """The README's pre-commit section as a writer follows it: contentkit installed for good (pipx and
    uv tool install leave a link to their venv's script in a folder on PATH), `pre-commit install`,
    then plain `git commit` from a shell with no virtualenv active."""
    assert PRE_COMMIT_BIN is not None and GIT is not None
    tools = tmp_path / "bin"  # like ~/.local/bin
    tools.mkdir()
    script = Path(sys.executable).parent / "contentkit"
    (tools / "contentkit").symlink_to(script)
    system = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep)
                             if p and not (Path(p) / "contentkit").exists())
    env = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"}
    env.update(HOME=str(tmp_path), PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
               GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
    installed = {**env, "PATH": f"{tools}{os.pathsep}{system}"}
    missing = {**env, "PATH": system}

    repo = tmp_path / "content"
    subprocess.run([str(tools / "contentkit"), "init", "--quiet", str(repo)], env=installed, check=True)
    git(repo, "init", "-q")
    subprocess.run([PRE_COMMIT_BIN, "install"], cwd=repo, env=installed, check=True, capture_output=True)
    git(repo, "add", "-A")
    assert commit(repo, installed).returncode == 0

    seed = "seeds/2025-11-19__a-seed.md"
    (repo / seed).write_text(BAD_SEED, encoding="utf-8")
    git(repo, "add", seed)
    nowhere = commit(repo, missing)
    assert nowhere.returncode != 0
    assert "contentkit is not on PATH for git hooks" in nowhere.stdout + nowhere.stderr
    home = tmp_path / "home"  # a git client started without ~/.local/bin on PATH still finds it there
    (home / ".local" / "bin").mkdir(parents=True)
    (home / ".local" / "bin" / "contentkit").symlink_to(script)
    off_path = commit(repo, {**missing, "HOME": str(home)})
    assert off_path.returncode != 0 and f"{seed}:4:10: CK203 " in off_path.stdout + off_path.stderr

    failed = commit(repo, installed)
    assert failed.returncode != 0
    assert f"{seed}:4:10: CK203 " in failed.stdout + failed.stderr

    (repo / seed).write_text(BAD_SEED.replace("19/11/2025", "2025-11-19"), encoding="utf-8")
    git(repo, "add", "-A")  # the seed, and the INDEX.md the failed commit's index hook wrote
    stale = commit(repo, installed)  # the index hook rewrote INDEX.md again: stage it and commit again
    assert stale.returncode != 0 and "wrote INDEX.md" in stale.stdout + stale.stderr, stale.stderr
    git(repo, "add", "-A")
    done = commit(repo, installed)
    assert done.returncode == 0, done.stdout + done.stderr

    doctor = subprocess.run([str(tools / "contentkit"), "doctor"], cwd=repo, env=installed,
                            capture_output=True, text=True)
    assert doctor.returncode == 0, doctor.stdout
    assert "all good" in doctor.stdout
