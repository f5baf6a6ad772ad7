"""Scheduled drafts in INDEX.md's Upcoming table and in `list` (--status, --platform, --due), read from
the cache's rows, which follow the drafts: a hand edit of a draft is seen without touching its seed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from contentkit.base import dates
from contentkit.store.cache import store

from .conftest import Run

SEED = "seeds/2025-11-03__shipping-beats-polishing.md"
CODE = "seeds/2025-11-10__code-review-as-teaching.md"
TITLE = "Shipping Beats Polishing: Why the First Version Should Embarrass You a Little"
LINKEDIN = "drafts/linkedin/2025-11-03__shipping-beats-polishing.md"
X = "drafts/x/2025-11-03__shipping-beats-polishing.md"
CODE_DRAFT = "drafts/linkedin/2025-11-10__code-review-as-teaching.md"
NOW = "2026-03-01T12:00:00Z"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "now_utc", lambda: NOW)


@pytest.fixture(params=[False, True], ids=["recent-files", "old-files"])
def planned(request: pytest.FixtureRequest, repo: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Shipping for LinkedIn and X (cut to fit), code review for LinkedIn; two of them scheduled. With
    old-files, every stamp is trusted at once, as in a repo whose files are not brand new."""
    if request.param:
        monkeypatch.setattr(store, "RACY_NS", -(10**12))
    for args in (("shipping",), ("shipping", "--platform", "x"), ("code-review",)):
        assert run("develop", *args).exit_code == 0
    head = (repo / X).read_text(encoding="utf-8").partition("\n---\n\n")[0]
    (repo / X).write_text(head + "\n---\n\nShip it rough, then watch. #Shipping\n", encoding="utf-8")
    assert run("schedule", X, "--at", "2026-03-05T08:30:00Z").exit_code == 0
    assert run("schedule", CODE_DRAFT, "--at", "2026-03-02T07:00:00+01:00").exit_code == 0
    return repo


def upcoming(root: Path) -> str:
    text = (root / "INDEX.md").read_text(encoding="utf-8")
    if "## Upcoming" not in text:
        return ""
    return "## Upcoming" + text.split("## Upcoming", 1)[1].split("\n\n## ", 1)[0]


def paths(run: Run, *args: str) -> list[str]:
    result = run("list", "--json", *args)
    assert result.exit_code == 0, result.output
    return [row["path"] for row in json.loads(result.stdout)]


def test_upcoming_lists_scheduled_drafts_soonest_first(planned: Path, run: Run) -> None:
    assert upcoming(planned) == "\n".join(
        [
            "## Upcoming (2)",
            "",
            "| title | platform | when (UTC) | draft |",  # no timezone in the config: UTC, the same everywhere
            "|---|---|---|---|",
            f"| [Code Review Is the Cheapest Teaching Tool You Already Pay For]({CODE}) | linkedin | Mon 2 Mar 2026, 06:00 "
            f"| [2025-11-10__code-review-as-teaching.md]({CODE_DRAFT}) |",
            f"| [{TITLE}]({SEED}) | x | Thu 5 Mar 2026, 08:30 | [2025-11-03__shipping-beats-polishing.md]({X}) |",
        ]
    )
    assert run("index", "--check").exit_code == 0


def test_unschedule_and_publish_take_a_draft_out_of_upcoming(planned: Path, run: Run) -> None:
    assert run("unschedule", CODE_DRAFT).exit_code == 0
    assert upcoming(planned).startswith("## Upcoming (1)")
    assert run("publish", X, "--url", "https://x.com/someone/status/1").exit_code == 0
    assert upcoming(planned) == ""
    assert run("index", "--check").exit_code == 0


def test_the_index_is_a_pure_function_of_the_files(
    planned: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (planned / "INDEX.md").read_bytes()
    monkeypatch.setattr(dates, "now_utc", lambda: "2027-01-01T00:00:00Z")  # every plan in the past now
    assert run("index").stdout == "INDEX.md is up to date\n"
    assert run("index", "--no-cache").stdout == "INDEX.md is up to date\n"
    assert (planned / "INDEX.md").read_bytes() == before


def test_a_hand_edit_of_a_draft_is_seen_by_index_and_list(planned: Path, run: Run) -> None:
    draft = planned / X
    draft.write_text(
        draft.read_text(encoding="utf-8").replace("2026-03-05T08:30:00Z", "2026-02-01T10:00:00Z"), "utf-8"
    )
    assert run("index", "--check").exit_code == 1
    assert run("index").exit_code == 0
    assert "| x | Sun 1 Feb 2026, 10:00 |" in upcoming(planned)
    due = json.loads(run("list", "--due", "--json").stdout)
    assert due == [
        {"draft": X, "seed": SEED, "title": TITLE, "platform": "x", "scheduled_at": "2026-02-01T10:00:00Z"}
    ]
    draft.write_text(draft.read_text(encoding="utf-8").replace("status: scheduled", "status: draft"), "utf-8")
    assert paths(run, "--status", "scheduled") == [CODE]
    assert paths(run, "--status", "draft") == [SEED]
    run("index")
    assert upcoming(planned).startswith("## Upcoming (1)")
    assert run("index", "--check").exit_code == 0


def test_list_by_draft_status_and_platform(planned: Path, run: Run) -> None:
    assert paths(run, "--status", "scheduled") == [CODE, SEED]
    assert paths(run, "--status", "draft") == [SEED]  # its LinkedIn draft
    assert paths(run, "--status", "developed") == [CODE, SEED]
    assert paths(run, "--platform", "x") == [SEED]  # the seed says linkedin; it has an X draft
    assert paths(run, "--platform", "x", "--status", "scheduled") == [SEED]
    rows = json.loads(run("list", "--json", "--platform", "x").stdout)
    assert rows[0]["drafts"] == [
        {"path": LINKEDIN, "platform": "linkedin", "status": "draft", "scheduled_at": ""},
        {"path": X, "platform": "x", "status": "scheduled", "scheduled_at": "2026-03-05T08:30:00Z"},
    ]


def test_list_due_lists_the_drafts_whose_time_has_come(
    planned: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)  # piped: nothing is cut
    assert run("list", "--due").stdout == ""
    monkeypatch.setattr(dates, "now_utc", lambda: "2026-03-02T06:00:00Z")  # exactly the first plan
    assert run("list", "--due").stdout == (
        "SCHEDULED         PLATFORM  DRAFT                                                   TITLE\n"
        "Mon 2 Mar, 06:00  linkedin  drafts/linkedin/2025-11-10__code-review-as-teaching.md  "
        "Code Review Is the Cheapest Teaching Tool You Already Pay For\n"
    )
    monkeypatch.setattr(dates, "now_utc", lambda: "2026-04-01T00:00:00Z")
    assert [line.split()[5] for line in run("list", "--due").stdout.splitlines()[1:]] == [CODE_DRAFT, X]
    assert [
        line.split()[5] for line in run("list", "--due", "--reverse", "--limit", "1").stdout.splitlines()[1:]
    ] == [X]
    assert [row["draft"] for row in json.loads(run("list", "--due", "--json", "--platform", "x").stdout)] == [
        X
    ]
    assert run("list", "--due", "--match", "CHEAPEST teaching", "--json").stdout.count('"draft"') == 1
