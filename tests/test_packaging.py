"""The package as a user installs it: a quiet build, the templates inside, the lock in step with pyproject."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from tests.conftest import PROJECT

pytestmark = pytest.mark.slow  # a real wheel build

LOCK = PROJECT / "requirements.lock"


def test_building_the_wheel_prints_no_warning(tmp_path: Path) -> None:
    # `pip install .` builds this wheel first: setuptools' deprecation warnings come from that build.
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), str(PROJECT)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 and "Could not find a version" in result.stderr:
        pytest.skip("no package index reachable to fetch setuptools for the build")
    assert result.returncode == 0, result.stderr
    noise = [line for line in (result.stdout + result.stderr).splitlines() if re.search(r"warn|deprecat", line, re.I)]
    assert noise == []
    (wheel,) = tmp_path.glob("contentkit-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "contentkit/templates/linkedin.md.j2" in names
    assert "contentkit/py.typed" in names


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_the_lock_pins_every_dependency_pyproject_names() -> None:
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_name(r) for r in project["dependencies"]}
    for extra in project["optional-dependencies"].values():
        wanted |= {_name(r) for r in extra}
    wanted.discard("contentkit")
    pinned = {
        _name(line) for line in LOCK.read_text(encoding="utf-8").splitlines() if re.match(r"^[A-Za-z0-9]", line)
    }
    assert all("==" in line for line in LOCK.read_text(encoding="utf-8").splitlines() if re.match(r"^[A-Za-z0-9]", line))
    assert wanted - pinned == set(), "run `make lock`"
