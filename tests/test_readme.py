"""The README's install and quick start, run as written: from a fresh copy of this repo's tracked
files, with no virtualenv active (nothing of this project's .venv on PATH), through
`uv tool install '.[all]'`, `contentkit init`, `pre-commit install`, `new --edit`, `develop`, `export --copy`
and a `git commit` whose hooks validate the seed and check INDEX.md.

uv fetches contentkit's dependencies and pre-commit from the package index: without one it is a skip.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PROJECT

pytestmark = pytest.mark.slow  # the README's walk-through with a real uv tool install

UV = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")
GIT = shutil.which("git")

SEED = """\
---
type: moment
category: content-seed
created: '2025-11-03T08:30:00Z'
source: conversation
platform: linkedin
status: seed
---

# Shipping beats polishing

## Core Idea

Put a rough version in front of real users and let their behaviour set the priorities.

## Potential Angles

1. **"The polish trap"** - Polishing feels productive because it is visible

## Hook Ideas

- "We spent three weeks on an animation 80% of users skipped."
- "Your first version should embarrass you a little."

## Related Themes

- Product discovery

## Next Steps

- [ ] Develop into full LinkedIn post
"""


def section(readme: str) -> str:
    """The shell lines of the install and quick start sections' ```sh blocks, comments dropped, in order."""
    part = readme[readme.index("## Install") : readme.index("## A tour in ten commands")]
    blocks = re.findall(r"```sh\n(.*?)```", part, re.S)
    lines = [re.sub(r"\s+#.*$", "", line).strip() for block in blocks for line in block.splitlines()]
    return "\n".join(line for line in lines if line and not line.startswith("#")) + "\n"


def tracked_copy(target: Path) -> Path:
    """The repo as a fresh clone has it: the files git tracks (with their changes), nothing else."""
    assert GIT is not None
    listed = subprocess.run([GIT, "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=PROJECT, capture_output=True, check=True).stdout.decode().split("\0")
    for rel in filter(None, listed):
        source = PROJECT / rel
        if source.is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / rel)
    return target


def tool(folder: Path, name: str, body: str) -> None:
    script = folder / name
    script.write_text(f"#!{sys.executable}\n{body}", encoding="utf-8")
    script.chmod(0o755)


@pytest.mark.skipif(UV is None or GIT is None, reason="needs uv and git")
def test_the_readme_section_works_as_written_without_a_virtualenv(tmp_path: Path) -> None:
    assert UV is not None and GIT is not None
    clone = tracked_copy(tmp_path / "contentkit")
    system = tmp_path / "system"  # what a writer's machine has besides: git, sh, uv, an editor, a clipboard
    system.mkdir()
    for name in ("git", "sh", "bash", "env", "dirname", "cat"):
        found = shutil.which(name)
        if found:
            (system / name).symlink_to(found)
    (system / "uv").symlink_to(UV)
    seed_text = tmp_path / "seed.md"
    seed_text.write_text(SEED, encoding="utf-8")
    tool(system, "editor", f"import shutil, sys\nshutil.copyfile({str(seed_text)!r}, sys.argv[1])\n")
    tool(system, "wl-copy", f"import sys\nopen({str(tmp_path / 'clipboard')!r}, 'wb').write(sys.stdin.buffer.read())\n")
    tools = tmp_path / "home" / ".local" / "bin"
    env = {
        "HOME": str(tmp_path / "home"),
        "PATH": f"{tools}{os.pathsep}{system}",
        "UV_TOOL_DIR": str(tmp_path / "home" / "tools"),
        "UV_TOOL_BIN_DIR": str(tools),
        "UV_CACHE_DIR": os.environ.get("UV_CACHE_DIR", str(Path.home() / ".cache" / "uv")),
        "UV_PYTHON": sys.executable,
        "EDITOR": "editor",
        "WAYLAND_DISPLAY": "wayland-0",
        "GIT_AUTHOR_NAME": "A writer", "GIT_AUTHOR_EMAIL": "writer@example.com",
        "GIT_COMMITTER_NAME": "A writer", "GIT_COMMITTER_EMAIL": "writer@example.com",
        "LANG": "C.UTF-8",
    }
    for key in ("UV_INDEX_URL", "UV_DEFAULT_INDEX", "UV_EXTRA_INDEX_URL", "SSL_CERT_FILE", "UV_NATIVE_TLS"):
        if key in os.environ:
            env[key] = os.environ[key]
    script = "set -e\n" + section((clone / "README.md").read_text(encoding="utf-8"))
    done = subprocess.run(["sh", "-c", script], cwd=clone, env=env, capture_output=True, text=True, timeout=600)
    output = done.stdout + done.stderr
    if done.returncode != 0 and re.search(r"Failed to fetch|error sending request|dns error|Could not connect", output):
        pytest.skip("no package index reachable for uv tool install")
    assert done.returncode == 0, output

    content = clone / "my-content"
    assert "all good" in done.stdout  # contentkit doctor, before any seed
    log = subprocess.run([GIT, "log", "--format=%s"], cwd=content, capture_output=True, text=True, check=True)
    assert log.stdout == "Shipping beats polishing\n"
    assert (content / "drafts" / "linkedin").glob("*__shipping-beats-polishing.md")
    assert (tmp_path / "clipboard").read_bytes().startswith(b"Your first version should embarrass you a little.")
    assert "contentkit validate" in output and "Passed" in output  # the hooks ran on the commit
