"""`contentkit doctor`: what stands between a writer and a commit that just works.

Each check is a small function of the repo and the environment that returns a Finding; none of them
writes anything. The git hooks run in whatever environment `git commit` has, so contentkit must be on
PATH without an activated virtualenv (pipx / uv tool install), or in the repo's own .venv.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from contentkit.base import extras
from contentkit.base.errors import ContentkitError
from contentkit.store.repo import Repo
from contentkit.usecases import index, precommit

INSTALL = "pipx install <contentkit's repo or folder> (or: uv tool install ...)"


@dataclass(frozen=True)
class Finding:
    check: str
    ok: bool
    message: str
    fix: str = ""

    def to_json(self) -> dict[str, object]:
        return {"check": self.check, "ok": self.ok, "message": self.message, "fix": self.fix}


def run(start: Path, environ: Mapping[str, str]) -> list[Finding]:
    """Every check, in the order a problem is best fixed; the config first (the rest need it)."""
    try:
        repo = Repo.discover(start)
    except ContentkitError as exc:
        return [Finding("config", False, exc.located(), "fix the config, or run 'contentkit init'")]
    findings = [Finding("config", True, f"{_config_name(repo)} reads cleanly")]
    checks: tuple[Callable[[Repo, Mapping[str, str]], Finding], ...] = (
        contentkit_on_path, pre_commit_hooks, hooks_see_folders, index_fresh, cache_usable, extras_installed,
    )
    return findings + [check(repo, environ) for check in checks]


def _config_name(repo: Repo) -> str:
    own = (repo.root / "contentkit.toml").exists()
    return "contentkit.toml" if own else "pyproject.toml [tool.contentkit]"


def _path_without_venv(environ: Mapping[str, str]) -> str:
    """PATH as a shell without the active virtualenv has it (git hooks often run from one)."""
    venv = environ.get("VIRTUAL_ENV")
    parts = environ.get("PATH", os.defpath).split(os.pathsep)
    if venv:
        parts = [p for p in parts if not _inside(Path(p), Path(venv))]
    return os.pathsep.join(parts)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return False
    return True


def contentkit_on_path(repo: Repo, environ: Mapping[str, str]) -> Finding:
    name = "git hooks"
    found = shutil.which("contentkit", path=_path_without_venv(environ))
    if found:
        return Finding(name, True, f"the hooks run {found}")
    local = repo.root / ".venv" / "bin" / "contentkit"
    if os.access(local, os.X_OK):
        return Finding(name, True, "the hooks run .venv/bin/contentkit (contentkit is not on PATH)")
    home = environ.get("HOME")
    tools = Path(home) / ".local" / "bin" / "contentkit" if home else None
    if tools is not None and os.access(tools, os.X_OK):
        message = f"the hooks run {tools} (its folder is not on PATH: add it for your shell)"
        return Finding(name, True, message)
    active = shutil.which("contentkit", path=environ.get("PATH", os.defpath))
    why = " (only the active virtualenv has it)" if active else ""
    return Finding(name, False, f"contentkit is not on PATH for git hooks{why}", INSTALL)


def pre_commit_hooks(repo: Repo, environ: Mapping[str, str]) -> Finding:
    name = "pre-commit"
    if not (repo.root / ".pre-commit-config.yaml").is_file():
        fix = "run 'contentkit init' here (it keeps your files)"
        return Finding(name, False, "no .pre-commit-config.yaml", fix)
    hook = _hook_file(repo.root)
    on_path = shutil.which("pre-commit", path=environ.get("PATH", os.defpath))
    if hook is None:
        return Finding(name, False, "not a git repository: nothing runs the hooks", "git init")
    if not hook.is_file():
        fix = "pre-commit install" if on_path else "pipx install pre-commit, then: pre-commit install"
        return Finding(name, False, "the hooks are not installed in .git/hooks", fix)
    text = hook.read_text(encoding="utf-8", errors="replace")
    if "pre-commit" not in text:
        return Finding(name, False, f"{hook.name} in .git/hooks is not pre-commit's", "pre-commit install")
    python = re.search(r"^INSTALL_PYTHON=['\"]?([^'\"\n]*)", text, re.M)
    if (python and os.access(python.group(1), os.X_OK)) or on_path:
        return Finding(name, True, "the hooks are installed in .git/hooks")
    return Finding(name, False, "pre-commit is not installed (the git hook cannot start it)",
                   "pipx install pre-commit, then: pre-commit install")


def hooks_see_folders(repo: Repo, environ: Mapping[str, str]) -> Finding:
    """contentkit's hooks' `files:` patterns cover the configured seeds and drafts folders, the index
    and the metrics file (a hook that never sees `ideas/` lets a broken seed through, "Skipped")."""
    name = "hook files"
    try:
        text = (repo.root / ".pre-commit-config.yaml").read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return Finding(name, True, "no .pre-commit-config.yaml to check")
    missed = precommit.misses(text, repo.config)
    if missed:
        return Finding(name, False, f"the hooks' files: miss {', '.join(missed)}",
                       "contentkit adopt (it points the hooks' files: at the configured folders)")
    return Finding(name, True, f"the hooks see {repo.config.seeds_dir}/ and {repo.config.drafts_dir}/")


def extras_installed(repo: Repo, environ: Mapping[str, str]) -> Finding:
    """The optional extras not installed, with the one command that adds them all. Listed, not a
    problem: a light install is a writer's choice (commits and the hooks need none of them)."""
    missing = extras.missing()
    if not missing:
        return Finding("extras", True, "every optional feature is installed")
    command = extras.detect().command("all")
    return Finding("extras", True, f"optional, not installed: {', '.join(missing)}; every feature: {command}",
                   command)


def _hook_file(root: Path) -> Path | None:
    """.git/hooks/pre-commit of the git repo `root` is in (worktrees and core.hooksPath too); None
    when it is in none."""
    git = shutil.which("git")
    if git is None:
        return None
    try:
        result = subprocess.run(
            [git, "rev-parse", "--git-path", "hooks/pre-commit"],
            cwd=root, capture_output=True, text=True, timeout=30, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0 or not result.stdout.strip():
        return None
    return root / result.stdout.strip()


def index_fresh(repo: Repo, environ: Mapping[str, str]) -> Finding:
    name = repo.config.index_file
    try:
        result = index.refresh(repo, write=False)
    except ContentkitError as exc:
        return Finding(name, False, exc.located(), "fix the file it names")
    if result.missing:
        return Finding(name, False, "missing", "contentkit index")
    if result.changed:
        return Finding(name, False, "stale", "contentkit index")
    return Finding(name, True, "up to date")


def cache_usable(repo: Repo, environ: Mapping[str, str]) -> Finding:
    name = "cache"
    try:
        state = repo.state_dir
    except ContentkitError as exc:
        return Finding(name, False, exc.located(), "make .contentkit/ a folder inside the repo")
    why = repo.untrusted_journal()
    if why is not None:
        return Finding(name, False, f"the journal is not replayed: {why}",
                       "contentkit index (it sets it aside)")
    if repo.pending():
        return Finding(name, False, "a write was interrupted", "contentkit index (it finishes it)")
    if os.path.lexists(state) and not state.is_dir():
        return Finding(name, False, ".contentkit is not a folder: nothing is cached", "remove .contentkit")
    folder = state if state.is_dir() else repo.root
    if not os.access(folder, os.W_OK | os.X_OK):
        return Finding(name, False, f"{repo.rel(folder)} is not writable: nothing is cached",
                       "make it writable")
    return Finding(name, True, ".contentkit/ is usable")


def text(findings: list[Finding], paint: Callable[[str, bool], str] = lambda mark, ok: mark) -> str:
    """One line per check, `ok` or `FAIL` first (`paint` colours that mark), then the count."""
    width = max(len(f.check) for f in findings)
    lines = []
    for f in findings:
        mark = paint("ok  " if f.ok else "FAIL", f.ok)
        fix = f"; fix: {f.fix}" if f.fix and not f.ok else ""
        lines.append(f"{mark}  {f.check:{width}}  {f.message}{fix}")
    problems = sum(not f.ok for f in findings)
    lines.append("all good" if not problems else f"{problems} problem{'s' if problems > 1 else ''}")
    return "\n".join(lines) + "\n"
