"""A contentkit.toml nested hundreds of levels deep (tomllib recurses once per level) is one located
line and exit 1 from every command, never a RecursionError."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from contentkit.base.errors import ConfigError
from contentkit.cli import cli
from contentkit.store import config

COMMANDS = [["list"], ["validate"], ["index"], ["show", "x"], ["stats"], ["calendar"], ["adopt", "--dry-run"],
            ["new", "an idea"], ["doctor"], ["metrics", "record", "x", "--impressions", "1", "--reactions", "1", "--comments", "1", "--reposts", "1"]]


def _deep(depth: int, shape: str) -> str:
    opening, closing = {"array": ("[", "]"), "table": ("{a = ", "}")}[shape]
    return "seeds_dir = 'seeds'\n\nx = " + opening * depth + "1" + closing * depth + "\n"


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_every_command_says_one_line(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "contentkit.toml").write_text(_deep(600, "array"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["-C", str(tmp_path), *args])
    assert not isinstance(result.exception, RecursionError), result.exception
    assert result.exit_code == 1, result.output
    message = "contentkit.toml:3: invalid TOML: arrays or tables nested too deeply (over 100)"
    if args == ["doctor"]:  # doctor lists what it found, the config among the rest
        assert f"FAIL  config  {message}" in result.stdout
    else:
        assert result.stderr == f"contentkit: error: {message}\n"


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=1, max_value=2000), st.sampled_from(["array", "table"]))
def test_any_depth_loads_or_is_one_located_error(tmp_path_factory: pytest.TempPathFactory, depth: int,
                                                 shape: str) -> None:
    path = tmp_path_factory.mktemp("deep") / "contentkit.toml"
    path.write_text(_deep(depth, shape), encoding="utf-8")
    try:
        data, _text = config.read_toml(path)
    except ConfigError as exc:
        assert depth > config.MAX_NESTING and exc.line == 3
    else:
        assert "x" in data
