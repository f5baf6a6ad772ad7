"""`contentkit calendar`: scheduled and published drafts as an iCalendar feed, read back by icalendar."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from contentkit.base import dates

from .conftest import Run, snapshot

icalendar = pytest.importorskip("icalendar")

SEED = "seeds/2025-11-03__shipping-beats-polishing.md"
TITLE = "Shipping Beats Polishing: Why the First Version Should Embarrass You a Little"
LINKEDIN = "drafts/linkedin/2025-11-03__shipping-beats-polishing.md"
X = "drafts/x/2025-11-03__shipping-beats-polishing.md"
URL = "https://www.linkedin.com/posts/someone_shipping-activity-1"
UTC = dt.timezone.utc


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "now_utc", lambda: "2026-03-01T12:00:00Z")


@pytest.fixture
def planned(repo: Path, run: Run) -> Path:
    """Shipping developed for LinkedIn (published) and X (scheduled, cut to a post that fits)."""
    assert run("develop", "shipping").exit_code == 0
    assert run("develop", "shipping", "--platform", "x").exit_code == 0
    head = (repo / X).read_text(encoding="utf-8").partition("\n---\n\n")[0]
    (repo / X).write_text(head + "\n---\n\nShip it rough, then watch. #Shipping\n", encoding="utf-8")
    assert run("schedule", X, "--at", "2026-03-05T08:30:00+01:00").exit_code == 0
    assert run("publish", LINKEDIN, "--url", URL, "--date", "2026-02-27T09:00:00Z").exit_code == 0
    return repo


def feed(run: Run, *args: str) -> tuple[bytes, list[icalendar.Event]]:
    result = run("calendar", *args)
    assert result.exit_code == 0, result.output
    data = result.stdout_bytes
    return data, list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def test_one_event_per_scheduled_or_published_draft_read_back_by_icalendar(planned: Path, run: Run) -> None:
    _, events = feed(run)
    assert [str(e["SUMMARY"]) for e in events] == [
        f"{TITLE} (linkedin, published)",
        f"{TITLE} (x, scheduled)",
    ]
    published, scheduled = events
    assert published.decoded("DTSTART") == dt.datetime(2026, 2, 27, 9, 0, tzinfo=UTC)
    assert scheduled.decoded("DTSTART") == dt.datetime(2026, 3, 5, 7, 30, tzinfo=UTC)
    assert str(published["URL"]) == URL and "URL" not in scheduled
    assert str(published["DESCRIPTION"]).splitlines()[:6] == [
        "Platform: linkedin",
        "Status: published",
        f"Seed: {SEED}",
        f"Draft: {LINKEDIN}",
        f"Post: {URL}",
        "",
    ]
    assert str(scheduled["DESCRIPTION"]).splitlines()[:5] == [
        "Platform: x",
        "Status: scheduled",
        f"Seed: {SEED}",
        f"Draft: {X}",
        "",
    ]
    assert all(e.get("DTSTAMP") is not None and str(e["UID"]).endswith("@contentkit") for e in events)
    assert len({str(e["UID"]) for e in events}) == 2


def test_same_files_same_bytes_and_uids_survive_a_reschedule(
    planned: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, events = feed(run)
    monkeypatch.setattr(dates, "now_utc", lambda: "2026-03-02T00:00:00Z")  # a later run
    assert feed(run)[0] == first
    uids = {str(e["UID"]): e.decoded("DTSTART") for e in events}
    assert run("schedule", X, "--at", "2026-04-01T10:00:00Z").exit_code == 0
    again = {str(e["UID"]): e.decoded("DTSTART") for e in feed(run)[1]}
    assert again.keys() == uids.keys()  # the same event, moved
    assert sorted(again.values())[-1] == dt.datetime(2026, 4, 1, 10, 0, tzinfo=UTC)
    assert run("unschedule", X).exit_code == 0
    assert len(feed(run)[1]) == 1


def test_a_repo_without_plans_is_an_empty_calendar(repo: Path, run: Run) -> None:
    assert run("develop", "shipping").exit_code == 0
    data, events = feed(run)
    assert events == [] and data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")


def test_output_file_goes_where_the_writer_points_never_into_the_repos_own_folders(
    planned: Path, run: Run, tmp_path: Path
) -> None:
    result = run("calendar", "-o", "plans.ics")
    assert result.exit_code == 0, result.output
    assert result.stdout == "wrote plans.ics (2 events)\n"
    assert (planned / "plans.ics").read_bytes() == feed(run)[0]
    outside = tmp_path / "cal" / "posts.ics"  # like ~/cal/posts.ics: the writer named it
    assert run("calendar", "-o", str(outside)).exit_code == 0
    assert outside.read_bytes() == feed(run)[0]
    before = snapshot(planned)
    for bad, message in [
        ("seeds/plans.ics", "is inside seeds/, which -o never writes to"),
        (".git/plans.ics", "is inside .git/, which -o never writes to"),
        ("plans.ics", "plans.ics: already exists; give --force to replace it"),
    ]:
        refused = run("calendar", "-o", bad)
        assert refused.exit_code == 1 and message in refused.stderr, refused.stderr
    assert snapshot(planned) == before
    assert run("calendar", "-o", "plans.ics", "--force").exit_code == 0


@pytest.mark.parametrize(
    "args",
    [["calendar", "-o", "out.txt"], ["preview", "--html", "-o", "out.txt", LINKEDIN], ["export", "-o", "out.html", LINKEDIN],
     ["new", ""], ["new", "--", "  "]],
)
def test_a_wrong_output_suffix_or_an_empty_title_is_a_usage_error(planned: Path, run: Run, args: list[str]) -> None:
    before = snapshot(planned)
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and len(result.stderr.strip().splitlines()) <= 4
    assert snapshot(planned) == before


def test_a_line_break_in_a_published_url_leaves_it_out_of_the_feed(planned: Path, run: Run) -> None:
    draft = planned / LINKEDIN
    draft.write_bytes(draft.read_bytes().replace(f"published_url: {URL}\n".encode(),
                                                 f'published_url: "{URL}\\nX-EVIL: 1"\n'.encode()))
    data, events = feed(run)
    assert b"X-EVIL" not in data
    assert [str(e.get("URL", "")) for e in events if "linkedin" in str(e["SUMMARY"])] == [""]


def test_without_icalendar_the_message_says_what_to_install(
    planned: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "icalendar", None)
    result = run("calendar")
    assert result.exit_code == 1
    from contentkit.base import extras

    command = extras.detect().command("calendar")
    assert result.stderr == f"contentkit: error: the calendar feed needs icalendar (the 'calendar' extra): {command}\n"


def test_a_draft_published_before_drafts_kept_the_post_takes_the_seeds_url_and_date(
    repo: Path, run: Run
) -> None:
    """A draft marked published by hand, or by an older contentkit: the seed says where and when."""
    assert run("develop", "shipping").exit_code == 0
    draft = repo / LINKEDIN
    draft.write_bytes(draft.read_bytes().replace(b"status: draft\n", b"status: published\n"))
    seed = repo / SEED
    seed.write_bytes(
        seed.read_bytes().replace(
            b"status: developed\n",
            f"status: published\npublished_url: {URL}\npublished_at: 2026-01-02T03:04:05Z\n".encode(),
        )
    )
    (event,) = feed(run)[1]
    assert event.decoded("DTSTART") == dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert str(event["URL"]) == URL


def test_the_calendar_has_the_drafts_the_seeds_link_to_once_each(planned: Path, run: Run) -> None:
    """As INDEX.md's Upcoming table: a draft no seed links to is not planned; one two seeds link to is one event."""
    orphan = planned / "drafts" / "linkedin" / "orphan.md"
    orphan.write_text(
        f"---\ntype: draft\nstatus: scheduled\nscheduled_at: 2026-05-01T10:00:00Z\nseed: {SEED}\n---\n\nHi.\n"
    )
    other = planned / "seeds" / "2025-11-10__code-review-as-teaching.md"
    other.write_bytes(
        other.read_bytes().replace(b"status: seed\n", f"status: developed\ndeveloped_to: {X}\n".encode())
    )
    _, events = feed(run)
    assert sorted(str(e["DESCRIPTION"]).splitlines()[3] for e in events) == [
        f"Draft: {LINKEDIN}",
        f"Draft: {X}",
    ]


@pytest.mark.parametrize("bad", ["javascript:alert(1)", f"{URL}\\nX-INJECTED: 1", f"{URL}\\u0000"])
def test_a_published_url_that_is_not_http_is_left_out_with_a_warning(planned: Path, run: Run, bad: str) -> None:
    """CK211's values: validate reports them; calendar must neither crash nor carry them."""
    draft = planned / LINKEDIN
    text = draft.read_text(encoding="utf-8")
    draft.write_text(text.replace(f"published_url: {URL}", f'published_url: "{bad}"'), encoding="utf-8")
    assert f'published_url: "{bad}"' in draft.read_text(encoding="utf-8")
    result = run("calendar")
    assert result.exit_code == 0, result.output
    assert f"warning: {LINKEDIN}: published_url" in result.stderr and "left out" in result.stderr
    assert "javascript" not in result.stdout and "X-INJECTED" not in result.stdout
    [line] = [line for line in run("validate").output.splitlines() if "CK211" in line]
    assert line.startswith(f"{LINKEDIN}:") and "is not an http(s) URL" in line
