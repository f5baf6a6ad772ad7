"""Local time: `schedule --at 2026-12-09T08:30` in Berlin means 08:30 in Berlin, stored with its offset,
shown as `Wed 9 Dec, 08:30` everywhere a writer reads it; JSON keeps ISO 8601. Real subprocesses with
TZ set (the system's zone) and with `timezone` in the config, on both sides of a DST change."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from contentkit.base import dates

from .conftest import EXAMPLE_SEEDS

SEED = "2025-11-03__shipping-beats-polishing"
DRAFT = f"drafts/linkedin/{SEED}.md"


def ck(root: Path, *args: str, tz: str = "UTC") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TZ": tz, "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "contentkit", "-C", str(root), *args], env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def developed(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "seeds").mkdir(parents=True)
    (root / "contentkit.toml").write_text("", encoding="utf-8")
    for seed in EXAMPLE_SEEDS:
        (root / "seeds" / seed.name).write_bytes(seed.read_bytes())
    assert ck(root, "develop", SEED).returncode == 0
    return root


def scheduled_at(root: Path) -> str:
    line = next(x for x in (root / DRAFT).read_text(encoding="utf-8").splitlines() if x.startswith("scheduled_at"))
    return line.split(": ", 1)[1].strip('"')


@pytest.mark.parametrize(
    ("at", "stored", "shown"),
    [
        ("2026-12-09T08:30", "2026-12-09T08:30:00+01:00", "Wed 9 Dec 2026, 08:30"),  # winter: CET
        ("2027-07-09T08:30", "2027-07-09T08:30:00+02:00", "Fri 9 Jul 2027, 08:30"),  # summer: CEST
    ],
)
def test_tz_makes_a_time_without_an_offset_berlin_time(developed: Path, at: str, stored: str, shown: str) -> None:
    result = ck(developed, "schedule", DRAFT, "--at", at, tz="Europe/Berlin")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"scheduled {DRAFT} for {shown} ({stored})\n"
    assert scheduled_at(developed) == stored
    listed = ck(developed, "list", "--status", "scheduled", tz="Europe/Berlin").stdout
    assert listed.splitlines()[0].split()[0] == "SCHEDULED"
    assert shown.replace(f" {at[:4]},", ",") in listed or shown in listed  # the year only when not this one
    row = json.loads(ck(developed, "list", "--json", tz="Europe/Berlin").stdout)
    drafts = [d for entry in row for d in entry["drafts"] if d["path"] == DRAFT]
    assert drafts[0]["scheduled_at"] == dates.parse_date(stored)  # ISO 8601 with its offset (UTC) in JSON
    # the same file read in New York shows New York's wall clock for the same instant
    elsewhere = ck(developed, "show", SEED, tz="America/New_York").stdout
    assert f"linkedin   scheduled {dates.readable(stored, dates.zone('America/New_York'), year=False)}" in (
        elsewhere.replace(f" {at[:4]},", ",")
    )


def test_a_config_timezone_wins_over_tz_and_names_index_md_times(developed: Path) -> None:
    (developed / "contentkit.toml").write_text('timezone = "Europe/Berlin"\n', encoding="utf-8")
    # the night the clocks go back: 2027-10-31 03:00 CEST becomes 02:00 CET
    before = ck(developed, "schedule", DRAFT, "--at", "2027-10-30T09:00", tz="Asia/Tokyo")
    assert before.returncode == 0, before.stderr
    assert scheduled_at(developed) == "2027-10-30T09:00:00+02:00"
    index_before = (developed / "INDEX.md").read_text(encoding="utf-8")
    assert "| when (Europe/Berlin) |" in index_before and "| Sat 30 Oct 2027, 09:00 |" in index_before
    after = ck(developed, "schedule", DRAFT, "--at", "2027-11-01T09:00", tz="Asia/Tokyo")
    assert after.returncode == 0, after.stderr
    assert scheduled_at(developed) == "2027-11-01T09:00:00+01:00"
    assert "| Mon 1 Nov 2027, 09:00 |" in (developed / "INDEX.md").read_text(encoding="utf-8")


def test_index_md_is_the_same_bytes_on_two_writers_machines(developed: Path) -> None:
    """No timezone in the config: INDEX.md shows UTC, whatever TZ each writer's machine has."""
    assert ck(developed, "schedule", DRAFT, "--at", "2027-12-09T08:30+01:00").returncode == 0
    berlin = ck(developed, "index", tz="Europe/Berlin")
    first = (developed / "INDEX.md").read_bytes()
    tokyo = ck(developed, "index", "--check", tz="Asia/Tokyo")
    assert berlin.returncode == 0 and tokyo.returncode == 0, tokyo.stderr
    assert "| when (UTC) |" in first.decode() and "| Thu 9 Dec 2027, 07:30 |" in first.decode()


def test_an_unknown_timezone_is_one_located_line(developed: Path) -> None:
    (developed / "contentkit.toml").write_text('timezone = "Europe/Berlim"\n', encoding="utf-8")
    result = ck(developed, "list")
    assert result.returncode == 1
    assert result.stderr.strip().endswith(
        "contentkit.toml: 'timezone': unknown time zone 'Europe/Berlim' (an IANA name, like Europe/Berlin)"
    )


def test_list_with_no_match_says_so(developed: Path) -> None:
    result = ck(developed, "list", "--match", "no such words anywhere")
    assert result.returncode == 0 and result.stdout == ""
    assert result.stderr == "no seeds match\n"
