"""One rule for line boundaries (CRLF, LF, lone CR) in seed line numbers, task ticking and validate."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contentkit.base import dates, lines

from .conftest import Run

SHIPPING = "seeds/2025-11-03__shipping-beats-polishing.md"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "now_utc", lambda: "2025-11-04T09:00:00Z")


@given(st.text(alphabet="ab\r\n\x0b\x0c\x85\u2028"))
def test_split_line_at_and_start_of_agree(text: str) -> None:
    found = lines.split(text)
    assert "".join(found) == text
    assert all(len(lines.BREAK.findall(line)) <= 1 for line in found)
    assert len(found) == len(re.findall(r"\r\n|\r|\n", text)) + (0 if not text or text[-1] in "\r\n" else 1)
    offset = 0
    for number, line in enumerate(found):
        assert lines.start_of(text, number) == offset
        assert lines.line_at(text, offset) == number
        offset += len(line)


def test_a_lone_cr_in_the_body_ticks_the_right_task(repo: Path, run: Run) -> None:
    path = repo / SHIPPING
    before = path.read_bytes().replace(b"Teams lose months", b"Teams\rlose\rmonths")
    path.write_bytes(before)
    assert run("develop", "shipping").exit_code == 0
    after = path.read_bytes()
    assert after.count(b"- [x]") == 1
    assert b"- [x] Develop into full LinkedIn post" in after
    assert after.replace(b"- [x]", b"- [ ]").replace(
        b"status: developed\ndeveloped_to: drafts/linkedin/2025-11-03__shipping-beats-polishing.md\n",
        b"status: seed\n",
    ) == before


def test_cr_only_seed_develops_and_keeps_its_line_endings(repo: Path, run: Run) -> None:
    path = repo / SHIPPING
    before = path.read_bytes().replace(b"\n", b"\r")
    path.write_bytes(before)
    dry = run("develop", "shipping", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert path.read_bytes() == before
    assert run("develop", "shipping").exit_code == 0
    expected = before.replace(
        b"status: seed\r",
        b"status: developed\rdeveloped_to: drafts/linkedin/2025-11-03__shipping-beats-polishing.md\r",
    ).replace(b"- [ ] Develop into", b"- [x] Develop into")
    assert path.read_bytes() == expected


@pytest.mark.parametrize("newline", [b"\n", b"\r\n", b"\r"])
def test_validate_line_numbers_are_the_same_for_every_line_ending(repo: Path, run: Run, newline: bytes) -> None:
    path = repo / SHIPPING
    text = path.read_bytes().replace(b"status: seed\n", b"status: seed\nstauts: x\n")
    text = re.sub(rb'(?m)^- ".*\n', b"", text)  # the hook ideas section is left empty
    heading = text[: text.index(b"## Hook Ideas")].count(b"\n") + 2 + 1  # two lone CRs; 1-based
    text = text.replace(b"\n", newline).replace(b"Teams lose months", b"Teams\r lose\r months")
    path.write_bytes(text)
    result = run("validate", SHIPPING)
    found = [line.split(" ")[0:2] for line in result.stdout.splitlines()[:-1]]
    assert found == [[f"{SHIPPING}:9:1:", "CK301"], [f"{SHIPPING}:{heading}:1:", "CK303"]]
