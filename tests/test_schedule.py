"""Each draft's own lifecycle: `schedule`, `unschedule` and `publish DRAFT`; the seed follows its drafts."""

from __future__ import annotations

from pathlib import Path

import pytest

from contentkit.base import dates

from .conftest import Run, snapshot

SEED = "seeds/2025-11-03__shipping-beats-polishing.md"
LINKEDIN = "drafts/linkedin/2025-11-03__shipping-beats-polishing.md"
X = "drafts/x/2025-11-03__shipping-beats-polishing.md"
NOW = "2026-03-01T12:00:00Z"
URL = "https://www.linkedin.com/posts/someone_shipping-activity-1"
X_URL = "https://x.com/someone/status/2"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "now_utc", lambda: NOW)


@pytest.fixture
def two(repo: Path, run: Run) -> Path:
    """The shipping seed developed for LinkedIn and X."""
    assert run("develop", "shipping").exit_code == 0
    assert run("develop", "shipping", "--platform", "x").exit_code == 0
    return repo


def fail(run: Run, root: Path, code: int, *args: str) -> str:
    """Run a command that must be refused: exit `code`, one line on stderr, nothing written."""
    before = snapshot(root)
    result = run(*args)
    assert result.exit_code == code, result.output
    assert snapshot(root) == before
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("contentkit: error: "), result.stderr
    return lines[0].removeprefix("contentkit: error: ")


def short_x(root: Path) -> None:
    """The X draft cut down to one post that fits."""
    path = root / X
    head, _, _ = path.read_text(encoding="utf-8").partition("\n---\n\n")
    path.write_text(head + "\n---\n\nShip it rough, then watch what people do. #Shipping\n", encoding="utf-8")


# --- schedule / unschedule -------------------------------------------------------------------------


def test_schedule_sets_status_and_scheduled_at_with_its_offset_and_nothing_else(two: Path, run: Run) -> None:
    before = (two / LINKEDIN).read_bytes()
    result = run("schedule", LINKEDIN, "--at", "2026-03-02T11:00:00+02:00")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"scheduled {LINKEDIN} for Mon 2 Mar 2026, 09:00 (2026-03-02T11:00:00+02:00)\n"
    assert (two / LINKEDIN).read_bytes() == before.replace(
        b"status: draft\n", b'status: scheduled\nscheduled_at: "2026-03-02T11:00:00+02:00"\n'
    )


def test_scheduling_again_moves_the_time_and_unschedule_restores_every_byte(two: Path, run: Run) -> None:
    crlf = (two / LINKEDIN).read_bytes().replace(b"\n", b"\r\n")
    (two / LINKEDIN).write_bytes(b"\xef\xbb\xbf" + crlf)
    seed = (two / SEED).read_bytes()
    assert run("schedule", LINKEDIN, "--at", "2026-03-02T09:00:00Z").exit_code == 0
    assert run("schedule", LINKEDIN, "--at", "2026-04-01").exit_code == 0
    assert (two / LINKEDIN).read_bytes() == b"\xef\xbb\xbf" + crlf.replace(
        b"status: draft\r\n", b'status: scheduled\r\nscheduled_at: "2026-04-01T00:00:00Z"\r\n'
    )
    result = run("unschedule", LINKEDIN)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"unscheduled {LINKEDIN} (status draft)\n"
    assert (two / LINKEDIN).read_bytes() == b"\xef\xbb\xbf" + crlf
    assert (two / SEED).read_bytes() == seed  # the seed stays developed throughout


def test_a_scheduled_draft_is_not_developed_again_even_with_force(two: Path, run: Run) -> None:
    assert run("schedule", LINKEDIN, "--at", "2026-03-02T09:00:00Z").exit_code == 0
    message = fail(run, two, 1, "develop", "shipping", "--force")
    assert message == f"{SEED}: {LINKEDIN} is scheduled: run 'contentkit unschedule {LINKEDIN}' first"
    assert run("unschedule", LINKEDIN).exit_code == 0
    assert run("develop", "shipping", "--force").exit_code == 0


@pytest.mark.parametrize(
    "at", ["2026-03-01T12:00:00Z", "2026-03-01T13:00:00+02:00", "2025-01-01", "1999-12-31T23:59"]
)
def test_a_time_not_in_the_future_is_a_usage_error(two: Path, run: Run, at: str) -> None:
    message = fail(run, two, 2, "schedule", LINKEDIN, "--at", at)
    assert message.startswith(f"--at '{at}' is not in the future (")
    assert message.endswith(f"now is {NOW}): give a time still to come")


@pytest.mark.parametrize("at", ["tomorrow", "2026-13-01", "", "2026-03-02T25:00"])
def test_a_time_not_of_its_form_is_a_usage_error(two: Path, run: Run, at: str) -> None:
    assert fail(run, two, 2, "schedule", LINKEDIN, "--at", at) == (
        f"--at '{at}' is not YYYY-MM-DD or an ISO 8601 datetime"
    )


def test_a_published_draft_is_neither_scheduled_nor_unscheduled(two: Path, run: Run) -> None:
    assert run("publish", LINKEDIN, "--url", URL).exit_code == 0
    message = fail(run, two, 1, "schedule", LINKEDIN, "--at", "2027-01-01")
    assert message == f"{LINKEDIN}: already published ({URL}): a published draft is not scheduled"
    message = fail(run, two, 1, "unschedule", LINKEDIN)
    assert message == f"{LINKEDIN}: already published ({URL}): a published draft is not unscheduled"


def test_unscheduling_a_draft_that_is_not_scheduled_is_refused(two: Path, run: Run) -> None:
    assert (
        fail(run, two, 1, "unschedule", LINKEDIN)
        == f"{LINKEDIN}: is not scheduled (status: draft); nothing changed"
    )


def test_a_draft_over_its_limit_is_not_scheduled_and_the_post_is_named(two: Path, run: Run) -> None:
    path = two / X
    head, _, _ = path.read_text(encoding="utf-8").partition("\n---\n\n")
    path.write_text(head + "\n---\n\nFirst post.\n\n---\n\n" + "word " * 60 + "\n", encoding="utf-8")
    message = fail(run, two, 1, "schedule", X, "--at", "2027-01-01")
    assert (
        message
        == f"{X}: post 2/2 is 303 characters, over the x limit of 280 by 23: edit it down before scheduling it"
    )
    path.write_text(head + "\n---\n\n" + "word " * 60 + "\n", encoding="utf-8")
    message = fail(run, two, 1, "schedule", X, "--at", "2027-01-01")
    assert message.startswith(f"{X}: the post is 299 characters, over the x limit of 280 by 19")


def test_a_draft_at_its_limit_is_scheduled(two: Path, run: Run) -> None:
    path = two / X
    head, _, _ = path.read_text(encoding="utf-8").partition("\n---\n\n")
    path.write_text(head + "\n---\n\n" + "x" * 280 + "\n", encoding="utf-8")
    assert run("schedule", X, "--at", "2027-01-01").exit_code == 0


def test_what_is_not_a_draft_is_not_scheduled(two: Path, run: Run) -> None:
    assert run("variants", "shipping").exit_code == 0
    variants = LINKEDIN.replace(".md", ".variants.md")
    assert "holds variants" in fail(run, two, 1, "schedule", variants, "--at", "2027-01-01")
    assert "no such draft file" in fail(
        run, two, 1, "schedule", "drafts/linkedin/nope.md", "--at", "2027-01-01"
    )


def test_dry_run_writes_nothing(two: Path, run: Run) -> None:
    before = snapshot(two)
    result = run("schedule", LINKEDIN, "--at", "2027-01-01", "--dry-run")
    assert result.exit_code == 0
    assert f"update {LINKEDIN}: status scheduled, scheduled_at 2027-01-01T00:00:00Z" in result.stdout
    assert snapshot(two) == before


def test_schedule_help_says_local_time_and_offsets(run: Run) -> None:
    text = " ".join(run("schedule", "--help").stdout.split())
    assert "A time without an offset is your local time (the config's timezone, else the system's: TZ)" in text
    assert "stored with its offset (2027-06-01T09:00:00+02:00)" in text


# --- publish, per draft ----------------------------------------------------------------------------


def test_publish_a_draft_records_the_post_on_it_and_the_seed_follows(two: Path, run: Run) -> None:
    seed, x_before = (two / SEED).read_bytes(), (two / X).read_bytes()
    result = run("publish", LINKEDIN, "--url", URL, "--date", "2026-02-28T10:00:00+01:00")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"published {LINKEDIN} -> {URL} (2026-02-28T10:00:00+01:00)\n"
    draft = (two / LINKEDIN).read_text(encoding="utf-8")
    assert f'status: published\npublished_url: {URL}\npublished_at: "2026-02-28T10:00:00+01:00"\n' in draft
    assert (two / SEED).read_bytes() == seed.replace(b"status: developed\n", b"status: published\n").replace(
        f"  - {X}\n".encode(),
        f'  - {X}\npublished_url: {URL}\npublished_at: "2026-02-28T10:00:00+01:00"\n'.encode(),
    )
    assert (two / X).read_bytes() == x_before


def test_the_second_post_is_recorded_on_its_draft_and_the_seed_keeps_the_first(two: Path, run: Run) -> None:
    short_x(two)
    assert run("publish", LINKEDIN, "--url", URL, "--date", "2026-02-27").exit_code == 0
    seed = (two / SEED).read_bytes()
    result = run("publish", "shipping", "--url", X_URL)  # the one draft of it still waiting
    assert result.exit_code == 0, result.output
    assert result.stdout == f"published {X} -> {X_URL} ({NOW})\n"
    assert f'published_url: {X_URL}\npublished_at: "{NOW}"\n' in (two / X).read_text(encoding="utf-8")
    assert (two / SEED).read_bytes() == seed
    message = fail(run, two, 1, "publish", "shipping", "--url", "https://example.com/3")
    assert message == f"{LINKEDIN}: already published ({URL}); nothing changed"
    assert fail(run, two, 1, "publish", X, "--url", "https://example.com/3") == (
        f"{X}: already published ({X_URL}); nothing changed"
    )


def test_a_draft_with_a_bom_and_crlf_keeps_them_when_published(two: Path, run: Run) -> None:
    data = b"\xef\xbb\xbf" + (two / LINKEDIN).read_bytes().replace(b"\n", b"\r\n")
    (two / LINKEDIN).write_bytes(data)
    assert run("publish", LINKEDIN, "--url", URL).exit_code == 0
    assert (two / LINKEDIN).read_bytes() == data.replace(
        b"status: draft\r\n",
        f'status: published\r\npublished_url: {URL}\r\npublished_at: "{NOW}"\r\n'.encode(),
    )


def test_a_scheduled_draft_is_published_and_keeps_its_plan(two: Path, run: Run) -> None:
    assert run("schedule", LINKEDIN, "--at", "2026-03-02T09:00:00Z").exit_code == 0
    assert run("publish", LINKEDIN, "--url", URL).exit_code == 0
    draft = (two / LINKEDIN).read_text(encoding="utf-8")
    assert f'status: published\nscheduled_at: "2026-03-02T09:00:00Z"\npublished_url: {URL}\n' in draft


@pytest.mark.parametrize("date", ["2026-03-02", "2026-03-01T12:00:01Z", "2026-03-01T13:30:00+01:00"])
def test_publish_date_in_the_future_is_a_usage_error(two: Path, run: Run, date: str) -> None:
    message = fail(run, two, 2, "publish", LINKEDIN, "--url", URL, "--date", date)
    assert message.startswith(f"--date '{date}' is in the future (")
    assert "contentkit schedule DRAFT --at WHEN" in message


def test_publish_now_is_not_the_future(two: Path, run: Run) -> None:
    assert run("publish", LINKEDIN, "--url", URL, "--date", NOW).exit_code == 0


# --- validate: the draft's own lifecycle ------------------------------------------------------------


def codes(run: Run, path: str) -> list[str]:
    result = run("validate", path, "--format", "json")
    return [
        f"{d['line']}:{d['col']}: {d['code']} {d['message']}" for d in __import__("json").loads(result.stdout)
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            b"status: draft\n",
            b"status: sheduled\n",
            "3:9: CK404 status 'sheduled' is not a draft state: draft, scheduled, published",
        ),
        (
            b"status: draft\n",
            b"status: draft\nscheduled_at: next tuesday\n",
            "4:15: CK405 scheduled_at 'next tuesday' is not an ISO 8601 date or date-time (like 2027-06-01T09:00:00Z)",
        ),
        (
            b"status: draft\n",
            b"status: published\npublished_at: '05/11/2026'\n",
            "4:15: CK405 published_at '05/11/2026' is not an ISO 8601 date or date-time (like 2027-06-01T09:00:00Z)",
        ),
        (
            b"status: draft\n",
            b"status: scheduled\n",
            "3:9: CK405 status is scheduled but no scheduled_at says when: run 'contentkit schedule DRAFT --at WHEN'",
        ),
    ],
)
def test_validate_checks_the_drafts_lifecycle(
    two: Path, run: Run, old: bytes, new: bytes, expected: str
) -> None:
    path = two / LINKEDIN
    path.write_bytes(path.read_bytes().replace(old, new))
    assert expected in codes(run, LINKEDIN)
    assert run("validate", LINKEDIN).exit_code == 1


def test_what_schedule_and_publish_write_validates(two: Path, run: Run) -> None:
    assert run("schedule", LINKEDIN, "--at", "2026-03-02T09:00:00Z").exit_code == 0
    assert codes(run, LINKEDIN) == []
    assert run("publish", LINKEDIN, "--url", URL).exit_code == 0
    assert codes(run, LINKEDIN) == []
    assert run("validate").exit_code == 0
