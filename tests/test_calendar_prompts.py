"""The calendar that prompts: a VALARM on each scheduled event, the post's exported text and its draft
in the DESCRIPTION; read back by icalendar and by a small RFC 5545 reader written here."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from contentkit.base import dates

from .conftest import Run

icalendar = pytest.importorskip("icalendar")

LINKEDIN = "drafts/linkedin/2025-11-03__shipping-beats-polishing.md"
X = "drafts/x/2025-11-03__shipping-beats-polishing.md"
URL = "https://www.linkedin.com/posts/someone_shipping-activity-1"
TRICKY = "Grüße, Freunde; ein Satz mit Kommas, Semikolons; und Zeilen\nnächste Zeile: 日本語の投稿です、よろしく 🚀🚀🚀 é"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "now_utc", lambda: "2026-03-01T12:00:00Z")


@pytest.fixture
def planned(repo: Path, run: Run) -> Path:
    """Shipping developed for LinkedIn (published) and X (scheduled, one post that fits)."""
    assert run("develop", "shipping").exit_code == 0
    assert run("develop", "shipping", "--platform", "x").exit_code == 0
    head = (repo / X).read_text(encoding="utf-8").partition("\n---\n\n")[0]
    (repo / X).write_text(head + "\n---\n\nShip it rough, then watch. #Shipping\n", encoding="utf-8")
    assert run("schedule", X, "--at", "2026-03-05T08:30:00+01:00").exit_code == 0
    assert run("publish", LINKEDIN, "--url", URL, "--date", "2026-02-27T09:00:00Z").exit_code == 0
    return repo


# --- a second reader: RFC 5545 content lines, by hand ---------------------------------------------------


def physical_lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")  # CRLF only (3.1)
    return data[:-2].split(b"\r\n")


def unfold(data: bytes) -> list[str]:
    """RFC 5545 3.1: a CRLF followed by one space or tab is removed; lines are UTF-8."""
    return data.replace(b"\r\n ", b"").replace(b"\r\n\t", b"").decode("utf-8").split("\r\n")[:-1]


def unescape(text: str) -> str:
    """TEXT values (3.3.11): \\n or \\N a line break, \\, \\; \\\\ the character itself."""
    return re.sub(r"\\([nN,;\\])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def components(data: bytes) -> list[dict[str, list[str]]]:
    """Each VEVENT and VALARM as {NAME: [raw values]} (parameters dropped), in order."""
    found: list[dict[str, list[str]]] = []
    stack: list[dict[str, list[str]]] = []
    for line in unfold(data):
        name, _, value = line.partition(":")
        name = name.split(";", 1)[0].upper()
        if name == "BEGIN":
            stack.append({"KIND": [value]})
        elif name == "END":
            done = stack.pop()
            assert done["KIND"] == [value]
            if value in ("VEVENT", "VALARM"):
                found.append(done)
        else:
            stack[-1].setdefault(name, []).append(value)
    assert stack == []
    return found


def feed(run: Run, *args: str) -> bytes:
    result = run("calendar", *args)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def exported(run: Run, draft: str) -> str:
    result = run("export", draft)
    assert result.exit_code == 0, result.output
    return result.stdout.removesuffix("\n")


# --- the alarm -----------------------------------------------------------------------------------------


def test_a_scheduled_event_prompts_15_minutes_before_by_default_and_a_published_one_not(planned: Path, run: Run) -> None:
    data = feed(run)
    published, scheduled = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert published.walk("VALARM") == []
    (alarm,) = scheduled.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm.decoded("TRIGGER") == dt.timedelta(minutes=-15)
    assert str(alarm["DESCRIPTION"]).startswith("Post on x: Shipping Beats Polishing")
    kinds = [c["KIND"][0] for c in components(data)]
    assert kinds == ["VEVENT", "VALARM", "VEVENT"]  # the alarm closes inside the scheduled event
    assert components(data)[1]["TRIGGER"] == ["-PT15M"]


@pytest.mark.parametrize(("alarm", "trigger"), [("1h", "-PT1H"), ("1d", "-P1D"), ("1h30m", "-PT1H30M"), ("5m", "-PT5M")])
def test_the_alarm_comes_from_the_config(planned: Path, run: Run, alarm: str, trigger: str) -> None:
    (planned / "contentkit.toml").write_text(f'[schedule]\nalarm = "{alarm}"\n', encoding="utf-8")
    data = feed(run)
    assert [c["TRIGGER"] for c in components(data) if c["KIND"] == ["VALARM"]] == [[trigger]]
    (alarm_event,) = icalendar.Calendar.from_ical(data).walk("VALARM")
    assert f"-{alarm_event['TRIGGER'].to_ical().decode()}".lstrip("-") == trigger.lstrip("-")


@pytest.mark.parametrize("off", ["none", "0", "NONE"])
def test_none_or_0_switches_the_alarm_off(planned: Path, run: Run, off: str) -> None:
    (planned / "contentkit.toml").write_text(f'[schedule]\nalarm = "{off}"\n', encoding="utf-8")
    data = feed(run)
    assert b"VALARM" not in data and len(icalendar.Calendar.from_ical(data).walk("VEVENT")) == 2


def test_a_bad_alarm_is_one_located_line_and_no_feed(planned: Path, run: Run) -> None:
    (planned / "contentkit.toml").write_text('[schedule]\nslots = ["Tue 08:30"]\nalarm = "15 minutes"\n', encoding="utf-8")
    result = run("calendar")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("contentkit: error: contentkit.toml:3: 'schedule.alarm': '15 minutes' is not a duration")


# --- the description -----------------------------------------------------------------------------------


def test_the_description_carries_the_exported_post_and_the_drafts_path_read_back_both_ways(
    planned: Path, run: Run
) -> None:
    data = feed(run)
    by_icalendar = [str(e["DESCRIPTION"]) for e in icalendar.Calendar.from_ical(data).walk("VEVENT")]
    by_hand = [unescape(c["DESCRIPTION"][0]) for c in components(data) if c["KIND"] == ["VEVENT"]]
    assert by_icalendar == by_hand
    published, scheduled = by_hand
    assert published == "\n".join([
        "Platform: linkedin", "Status: published", "Seed: seeds/2025-11-03__shipping-beats-polishing.md",
        f"Draft: {LINKEDIN}", f"Post: {URL}", "", exported(run, LINKEDIN),
    ])
    assert scheduled.split("\n\n", 1)[1] == exported(run, X)
    assert f"Draft: {X}" in scheduled.split("\n\n", 1)[0]


def test_commas_semicolons_line_breaks_and_multibyte_text_survive_folding(planned: Path, run: Run) -> None:
    path = planned / X
    head = path.read_text(encoding="utf-8").partition("\n---\n\n")[0].partition("\n---\n")[0]
    path.write_text(head + "\n---\n\n" + TRICKY + "\n", encoding="utf-8")
    assert run("schedule", X, "--at", "2026-03-05T08:30:00+01:00").exit_code == 0
    data = feed(run)
    lines = physical_lines(data)
    assert max(len(line) for line in lines) <= 75  # octets, not characters (3.1)
    assert any(len(line) > 60 and len(line.decode("utf-8")) < len(line) for line in lines)  # multibyte lines folded
    for line in lines:
        line.decode("utf-8")  # never a character split across two lines
    assert b"\\, " in data and b"\\;" in data and b"\\n" in data
    want = exported(run, X)
    assert "日本語" in want and "Grüße, Freunde; ein" in want
    (event,) = [c for c in components(data) if c["KIND"] == ["VEVENT"] and f"Draft: {X}" in unescape(c["DESCRIPTION"][0])]
    assert unescape(event["DESCRIPTION"][0]).split("\n\n", 1)[1] == want
    scheduled = [e for e in icalendar.Calendar.from_ical(data).walk("VEVENT") if "(x," in str(e["SUMMARY"])]
    assert str(scheduled[0]["DESCRIPTION"]).split("\n\n", 1)[1] == want


def test_the_same_files_give_the_same_bytes_and_uids_with_alarms(
    planned: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = feed(run)
    monkeypatch.setattr(dates, "now_utc", lambda: "2026-03-03T00:00:00Z")
    assert feed(run) == first
    uids = [c["UID"] for c in components(first) if c["KIND"] == ["VEVENT"]]
    (planned / X).write_text((planned / X).read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    changed = feed(run)
    assert changed != first and [c["UID"] for c in components(changed) if c["KIND"] == ["VEVENT"]] == uids


def test_the_served_feed_is_the_one_calendar_writes(planned: Path, run: Run) -> None:
    pytest.importorskip("starlette")
    from contentkit.serve import pages
    from contentkit.store.repo import Repo

    (planned / "contentkit.toml").write_text('[schedule]\nalarm = "2h"\n', encoding="utf-8")
    served = pages.calendar(Repo.discover(planned))
    assert served == feed(run) and b"TRIGGER:-PT2H" in served
