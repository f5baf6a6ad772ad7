"""`contentkit metrics record`: the append-only metrics file, its refusals, and INDEX.md's "What works"."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contentkit.base import dates
from contentkit.store import catalog
from contentkit.store.cache import store
from contentkit.store.repo import Repo
from contentkit.usecases import index
from contentkit.usecases.metrics import record

from .conftest import Run, snapshot
from .metrics_helpers import DRAFTS, metrics_bytes, publish_all
from .metrics_helpers import record as record_snapshot

HEADER = b"draft,date,impressions,reactions,comments,reposts,members_reached,clicks,saves,source\n"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "now_utc", lambda: "2025-12-01T09:00:00Z")


def test_record_appends_a_row_and_keeps_the_earlier_ones(repo: Path, run: Run) -> None:
    publish_all(run, ("shipping",))
    result = run(
        "metrics", "record", "shipping", "--impressions", "1200", "--reactions", "40", "--comments", "8",
        "--reposts", "2", "--at", "2025-11-06",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"recorded {DRAFTS['shipping']} at 2025-11-06T00:00:00Z: 1,200 impressions, engagement 4.2% "
        "-> metrics.csv\n"
    )
    first = metrics_bytes(repo)
    assert first == HEADER + f"{DRAFTS['shipping']},2025-11-06T00:00:00Z,1200,40,8,2,,,,manual\n".encode()
    result = run(
        "metrics", "record", f"seeds/{Path(DRAFTS['shipping']).name}", "--impressions", "2000",
        "--reactions", "50", "--comments", "9", "--reposts", "3", "--members-reached", "1500", "--clicks", "7",
        "--saves", "1",
    )
    assert result.exit_code == 0, result.output
    second = metrics_bytes(repo)
    assert second is not None and first is not None and second.startswith(first)
    assert second[len(first) :] == f"{DRAFTS['shipping']},2025-12-01T09:00:00Z,2000,50,9,3,1500,7,1,manual\n".encode()


def test_rows_added_by_hand_are_kept_byte_for_byte(repo: Path, run: Run) -> None:
    publish_all(run, ("shipping",))
    hand = HEADER.replace(b"\n", b"\r\n") + f'"{DRAFTS["shipping"]}",2025-11-06,10,1,0,0,,,,"my notes"'.encode()
    (repo / "metrics.csv").write_bytes(hand)
    record_snapshot(run, "shipping", 20, 2, 0, 0, "2025-11-07")
    after = metrics_bytes(repo)
    assert after == hand + f"\r\n{DRAFTS['shipping']},2025-11-07T00:00:00Z,20,2,0,0,,,,manual\r\n".encode()


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["--impressions", "-1"], 2, "-1 is not in the range x>=0"),
        (["--impressions", "lots"], 2, "'lots' is not a valid integer"),
        (["--impressions", "5", "--at", "2026-01-01"], 1, "is in the future"),
        (["--impressions", "5", "--at", "2025-11-04T23:59:59Z"], 1, "is before the post was published"),
        (["--impressions", "5", "--at", "last week"], 2, "is not YYYY-MM-DD or an ISO 8601 date-time"),
    ],
)
def test_bad_figures_and_dates_are_refused(repo: Path, run: Run, args: list[str], code: int, message: str) -> None:
    publish_all(run, ("shipping",))
    before = snapshot(repo)
    rest = ["--reactions", "1", "--comments", "1", "--reposts", "1"]
    result = run("metrics", "record", "shipping", *args, *rest)
    assert result.exit_code == code
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(repo) == before


def test_only_published_posts_get_metrics(repo: Path, run: Run) -> None:
    assert run("develop", "shipping").exit_code == 0
    before = snapshot(repo)
    result = run("metrics", "record", "shipping", "--impressions", "1", "--reactions", "1", "--comments", "1",
                 "--reposts", "1")
    assert result.exit_code == 1
    assert result.stderr == (
        "contentkit: error: seeds/2025-11-03__shipping-beats-polishing.md: status is 'developed': "
        "metrics are recorded for published posts only\n"
    )
    assert snapshot(repo) == before


def test_a_cross_posted_seed_has_a_post_per_published_draft(repo: Path, run: Run) -> None:
    """LinkedIn published, then X: each draft records its own URL, and metrics go to the draft named."""
    x_draft = DRAFTS["shipping"].replace("/linkedin/", "/x/")
    publish_all(run, ("shipping",))
    assert run("develop", "shipping", "--platform", "x").exit_code == 0
    head = (repo / x_draft).read_text(encoding="utf-8").partition("\n---\n\n")[0]
    (repo / x_draft).write_text(head + "\n---\n\nShip it rough. #Shipping\n", encoding="utf-8")
    figures = ("--impressions", "10", "--reactions", "1", "--comments", "0", "--reposts", "0")
    refused = run("metrics", "record", x_draft, *figures)  # not published yet: the LinkedIn post is not it
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"contentkit: error: {x_draft}: status is 'draft': metrics are recorded for published posts only\n"
    )
    assert run("publish", x_draft, "--url", "https://x.com/me/status/1", "--date", "2025-11-20").exit_code == 0
    result = run("metrics", "record", x_draft, *figures, "--at", "2025-11-21")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"recorded {x_draft} at 2025-11-21T00:00:00Z")
    record_snapshot(run, DRAFTS["shipping"], 100, 5, 1, 0, "2025-11-21")
    rows = (repo / "metrics.csv").read_text(encoding="utf-8").splitlines()[1:]
    assert [row.split(",")[0] for row in rows] == [x_draft, DRAFTS["shipping"]]
    stats = run("stats", "--by", "platform", "--json")
    assert stats.exit_code == 0, stats.output
    assert sorted(g["group"] for g in __import__("json").loads(stats.stdout)["groups"]) == ["linkedin", "x"]


@pytest.mark.parametrize(
    "name, message",
    [
        ("../outside.csv", "'metrics_file' = '../outside.csv' leaves the repo"),
        ("/tmp/metrics.csv", "'metrics_file' must be a path relative to the repo root"),
        ("data/../../outside.csv", "'metrics_file' = 'data/../../outside.csv' leaves the repo"),
    ],
)
def test_a_metrics_file_outside_the_repo_is_refused(repo: Path, run: Run, name: str, message: str) -> None:
    publish_all(run, ("shipping",))
    (repo / "contentkit.toml").write_text(f'metrics_file = "{name}"\n', encoding="utf-8")
    result = run("metrics", "record", "shipping", "--impressions", "1", "--reactions", "1", "--comments", "1",
                 "--reposts", "1")
    assert result.exit_code == 1
    assert message in result.stderr
    assert not (repo.parent / "outside.csv").exists()


def test_a_metrics_file_symlinked_outward_is_refused(repo: Path, run: Run, tmp_path: Path) -> None:
    publish_all(run, ("shipping",))
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (repo / "data").symlink_to(outside)
    (repo / "contentkit.toml").write_text('metrics_file = "data/metrics.csv"\n', encoding="utf-8")
    result = run("metrics", "record", "shipping", "--impressions", "1", "--reactions", "1", "--comments", "1",
                 "--reposts", "1")
    assert result.exit_code == 1 and "would write outside the repo" in result.stderr
    assert list(outside.iterdir()) == []


def test_a_damaged_metrics_file_is_reported_not_appended_to(repo: Path, run: Run) -> None:
    publish_all(run, ("shipping",))
    damaged = HEADER + b"drafts/x.md,2025-11-06,ten,1,0,0,,,,manual\n"
    (repo / "metrics.csv").write_bytes(damaged)
    result = run("metrics", "record", "shipping", "--impressions", "1", "--reactions", "1", "--comments", "1",
                 "--reposts", "1")
    assert result.exit_code == 1
    assert result.stderr == "contentkit: error: metrics.csv:2: impressions 'ten' is not a whole number >= 0\n"
    assert metrics_bytes(repo) == damaged


def test_a_failed_write_leaves_the_metrics_file_as_it_was(
    repo: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    publish_all(run, ("shipping",))
    record_snapshot(run, "shipping", 10, 1, 0, 0, "2025-11-06")
    before = metrics_bytes(repo)

    def full_disk(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("contentkit.base.files.os.replace", full_disk)
    result = run("metrics", "record", "shipping", "--impressions", "1", "--reactions", "1", "--comments", "1",
                 "--reposts", "1")
    assert result.exit_code == 1 and "No space left on device" in result.stderr
    assert metrics_bytes(repo) == before
    assert [p.name for p in repo.iterdir() if p.name.endswith(".tmp")] == []


def test_without_metrics_index_md_has_no_what_works(repo: Path, run: Run) -> None:
    publish_all(run)
    text = (repo / "INDEX.md").read_text(encoding="utf-8")
    assert "What works" not in text
    assert run("index", "--check").exit_code == 0


def test_what_works_shows_the_figures(repo: Path, run: Run) -> None:
    publish_all(run)
    record_snapshot(run, "shipping", 1000, 30, 10, 10, "2025-11-06")  # 5.0%
    record_snapshot(run, "code-review", 2000, 20, 15, 5, "2025-11-13")  # 2.0%
    record_snapshot(run, "code-review", 4000, 100, 50, 10, "2025-11-20")  # latest: 4.0%
    record_snapshot(run, "measure", 0, 0, 0, 0, "2025-11-20")  # no rate
    assert run("index").exit_code == 0
    text = (repo / "INDEX.md").read_text(encoding="utf-8")
    section = text.split("## What works\n\n", 1)[1].split("\n\n## ", 1)[0]
    assert section.startswith("From 4 snapshots in metrics.csv: 3 of 3 published posts have figures")
    tables = section.split("\n\n")
    assert tables[1].splitlines()[2:] == [
        f"| [Shipping Beats Polishing: Why the First Version Should Embarrass You a Little]({DRAFTS['shipping']}) "
        "| 1,000 | 5.0% |",
        f"| [Code Review Is the Cheapest Teaching Tool You Already Pay For]({DRAFTS['code-review']}) | 4,000 | 4.0% |",
    ]
    assert tables[3].splitlines()[2:] == [
        "| statement | 3 | 1,000 | 4.5% |",  # impressions 0, 1000, 4000; rates 5.0% and 4.0%
    ]
    assert run("index", "--check").exit_code == 0


def test_a_new_snapshot_refreshes_index_md_and_a_hand_edit_makes_the_warm_index_stale(
    repo: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "RACY_NS", -(10**12))  # trust stamps at once, as in an old checkout
    publish_all(run, ("shipping",))
    record_snapshot(run, "shipping", 1000, 30, 10, 10, "2025-11-06")
    assert run("index", "--check").stdout == "INDEX.md is up to date\n"  # record refreshed it
    assert (repo / ".contentkit" / "index.json").exists()
    first = (repo / "metrics.csv").read_bytes()
    record_snapshot(run, "shipping", 3000, 30, 10, 10, "2025-11-08")
    assert run("index", "--check").exit_code == 0
    assert "| 3,000 | 1.7% |" in (repo / "INDEX.md").read_text(encoding="utf-8")
    (repo / "metrics.csv").write_bytes(first)  # the second snapshot taken out by hand
    result = run("index", "--check")
    assert result.exit_code == 1, result.output
    assert run("index").exit_code == 0
    assert "| 3,000 | 1.7% |" not in (repo / "INDEX.md").read_text(encoding="utf-8")


def test_a_draft_edit_makes_the_warm_index_stale(repo: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """The hook shape comes from the draft: the drafts the metrics file names are inputs too."""
    monkeypatch.setattr(store, "RACY_NS", -(10**12))
    publish_all(run, ("shipping",))
    record_snapshot(run, "shipping", 1000, 30, 10, 10, "2025-11-06")
    assert run("index").exit_code == 0
    draft = repo / DRAFTS["shipping"]
    draft.write_text(draft.read_text(encoding="utf-8").replace("hook: ", "hook: Why "), encoding="utf-8")
    draft.write_text(draft.read_text(encoding="utf-8").replace("skipped.", "skipped?", 1), encoding="utf-8")
    assert run("index", "--check").exit_code == 1


def test_the_metrics_file_appearing_makes_the_warm_index_stale(
    repo: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "RACY_NS", -(10**12))
    publish_all(run, ("shipping",))
    assert run("index").exit_code == 0
    assert run("index", "--check").exit_code == 0
    (repo / "metrics.csv").write_bytes(HEADER + f"{DRAFTS['shipping']},2025-11-06,10,1,0,0,,,,manual\n".encode())
    assert run("index", "--check").exit_code == 1


counts = st.integers(min_value=0, max_value=10**12)
line = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"))
snapshots = st.builds(
    record.Snapshot,
    draft=line.filter(lambda t: t != ""),
    date=st.sampled_from(["2025-11-06T00:00:00Z", "2026-01-31T23:59:59Z"]),
    impressions=counts,
    reactions=counts,
    comments=st.none() | counts,
    reposts=st.none() | counts,
    members_reached=st.none() | counts,
    clicks=st.none() | counts,
    saves=st.none() | counts,
    source=line,
)


@given(st.lists(snapshots, max_size=5), st.lists(snapshots, min_size=1, max_size=5))
def test_csv_round_trip_and_append_only(old: list[record.Snapshot], new: list[record.Snapshot]) -> None:
    first = record.appended(None, old) if old else None
    data = record.appended(first, new)
    assert first is None or data.startswith(first)
    assert record.parse(data, "metrics.csv") == [*old, *new]
    assert next(csv.reader(io.StringIO(data.decode()))) == list(record.COLUMNS)


@given(st.lists(snapshots, min_size=1, max_size=5))
def test_no_cell_written_is_a_spreadsheet_formula(new: list[record.Snapshot]) -> None:
    """OWASP's CSV injection: no cell starts with = + - @ (or a tab) unguarded; figures stay digits."""
    rows = list(csv.reader(io.StringIO(record.appended(None, new).decode(), newline="")))[1:]
    for row, written in zip(rows, new, strict=True):
        assert not [cell for cell in row if cell.startswith(record.FORMULA)], row
        assert row[2:9] == ["" if n is None else str(n) for n in written.figures]


def test_a_row_is_one_line() -> None:
    row = record.Snapshot("drafts/a.md", "2025-11-06T00:00:00Z", 1, 1, 1, 1, source="two\nlines\r")
    assert record.row_text(row) == "drafts/a.md,2025-11-06T00:00:00Z,1,1,1,1,,,,two lines\n"


@pytest.mark.slow  # real processes racing
def test_concurrent_records_all_land(repo: Path, run: Run) -> None:
    """Real processes at once: each appends under the repo lock, none loses another's row."""
    import subprocess
    import sys

    publish_all(run, ("shipping",))
    code = "from contentkit.cli import main; main()"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code, "metrics", "record", "shipping", "--impressions", str(100 + n),
             "--reactions", "1", "--comments", "0", "--reposts", "0", "--at", "2025-11-20"],
            cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        for n in range(4)
    ]
    assert all(p.wait(timeout=60) == 0 for p in procs)
    rows = record.parse(metrics_bytes(repo) or b"", "metrics.csv")
    assert sorted(r.impressions for r in rows) == [100, 101, 102, 103]


def test_a_damaged_metrics_file_does_not_stop_develop_or_index(repo: Path, run: Run) -> None:
    publish_all(run, ("shipping",))
    (repo / "metrics.csv").write_bytes(HEADER + b"drafts/x.md,2025-11-06,ten,1,0,0,,,,manual\n")
    assert run("develop", "code-review").exit_code == 0
    text = (repo / "INDEX.md").read_text(encoding="utf-8")
    assert "## What works\n\nThe metrics file cannot be read: metrics.csv:2: impressions 'ten' is not" in text
    assert run("index", "--check").exit_code == 0


def test_the_index_hook_runs_when_only_metrics_csv_changed() -> None:
    """A commit of a new snapshot alone must refresh INDEX.md's What works."""
    import re

    import yaml

    from .test_precommit import MANIFEST

    index_hook = next(h for h in yaml.safe_load(MANIFEST.read_text(encoding="utf-8")) if h["id"] == "contentkit-index")
    assert re.search(index_hook["files"], "metrics.csv")
    assert not re.search(index_hook["files"], "data/metrics.csv.bak")


def test_index_md_says_which_files_it_read_and_the_cache_keeps_exactly_those(
    repo: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The renderer names the files "What works" read (the metrics file, even absent, and the drafts it
    names); the cache fingerprints those, knowing nothing of metrics itself."""
    monkeypatch.setattr(store, "RACY_NS", -(10**12))
    publish_all(run, ("shipping",))
    opened = Repo.discover(repo)
    assert index.rendered(opened, catalog.collect(opened)).read == ("metrics.csv",)
    record_snapshot(run, "shipping", 1000, 30, 10, 10, "2025-11-06")
    assert index.rendered(opened, catalog.collect(opened)).read == ("metrics.csv", DRAFTS["shipping"])
    assert run("index").exit_code == 0
    memo = json.loads((repo / ".contentkit" / "index.json").read_text(encoding="utf-8"))
    assert "metrics.csv" in json.dumps(memo) and DRAFTS["shipping"] in json.dumps(memo)
    assert run("index", "--check").exit_code == 0
