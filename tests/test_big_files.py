"""A file in seeds/ or drafts/ past the size contentkit reads (statedir.MAX_FILE_BYTES) is reported in
one line (CK111) and skipped by every command, never read whole: a 3 GiB sparse file costs nothing."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from contentkit.base.statedir import MAX_FILE_BYTES, TooBig, read_bounded
from contentkit.cli import cli

HUGE = 3 * 2**30
LINE = f"seeds/huge.md: cannot read file: the file is {HUGE:,} bytes, over the {MAX_FILE_BYTES:,} contentkit reads; skipped"


@pytest.fixture
def huge(repo: Path) -> Path:
    with open(repo / "seeds" / "huge.md", "wb") as handle:
        handle.truncate(HUGE)  # sparse: no disk, no memory
    return repo


def _run(root: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["-C", str(root), *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("args", [["list"], ["list", "--no-cache"], ["index"], ["list", "--match", "x"]])
def test_listing_commands_warn_once_and_list_the_rest(huge: Path, args: list[str]) -> None:
    code, out, err = _run(huge, *args)
    assert code == 0
    assert err.count(LINE) == 1


def test_validate_reports_ck111(huge: Path) -> None:
    code, out, _err = _run(huge, "validate")
    assert code == 1
    assert f"seeds/huge.md:1:1: CK111 {LINE.partition(': ')[2]}" in out


def test_show_is_one_line(huge: Path) -> None:
    code, _out, err = _run(huge, "show", "huge")
    assert code == 1 and err == f"contentkit: error: {LINE}\n"


def test_adopt_names_it_and_goes_on(huge: Path) -> None:
    code, out, _err = _run(huge, "adopt", "--dry-run")
    assert code in (0, 1) and "(1 cannot be read)" in out
    code, out, _err = _run(huge, "adopt", "--dry-run", "--json")
    assert json.loads(out)["unreadable"] == [LINE]


def test_a_draft_past_the_size_is_reported(repo: Path) -> None:
    draft = repo / "drafts" / "linkedin" / "big.md"
    draft.parent.mkdir(parents=True)
    draft.write_bytes(b"---\nstatus: draft\n---\n" + b"a" * MAX_FILE_BYTES)
    code, out, _err = _run(repo, "validate", "drafts/linkedin/big.md")
    assert code == 1 and "drafts/linkedin/big.md:1:1: CK111" in out


def test_read_bounded_stops_at_the_bound(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * MAX_FILE_BYTES)
    assert len(read_bounded(path)) == MAX_FILE_BYTES
    with open(path, "ab") as handle:
        handle.write(b"x")
    with pytest.raises(TooBig):
        read_bounded(path)
    assert os.path.getsize(path) == MAX_FILE_BYTES + 1
