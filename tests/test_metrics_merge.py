"""`metrics import` of overlapping exports: the newer export wins for its days whatever the order of
imports, a day still counting is marked, and a full TOP POSTS table warns of the posts it left out."""

from __future__ import annotations

import itertools
import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentkit.base import dates
from contentkit.store.repo import Repo
from contentkit.usecases.metrics import history, imports, record

from .conftest import Run
from .metrics_helpers import DRAFTS, POSTS, metrics_bytes, publish_all
from .test_metrics_import import linkedin_export

SHIPPING, CODE_REVIEW, MEASURE = (POSTS[name][1] for name in ("shipping", "code-review", "measure"))
NOW = "2026-03-01T09:00:00Z"
URLS = (SHIPPING, CODE_REVIEW, MEASURE)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "now_utc", lambda: NOW)


@pytest.fixture
def published(repo: Path, run: Run) -> Path:
    publish_all(run)
    return repo


def day(n: int) -> str:
    """A day after every post was published (the last one on 2025-11-19)."""
    import datetime as dt

    return (dt.date(2025, 11, 20) + dt.timedelta(days=n)).isoformat()


# an export: (first day, last day, days after the last day it was made, each post's figures or None)
figures = st.none() | st.tuples(st.integers(0, 5000), st.integers(0, 200))
exports = st.lists(
    st.tuples(st.integers(0, 30), st.integers(0, 30), st.integers(0, 4), st.tuples(figures, figures, figures)),
    min_size=1, max_size=4,
)


def write_exports(folder: Path, found: list[tuple[int, int, int, tuple[object, ...]]]) -> list[tuple[Path, str]]:
    """Each export as a CSV named by its period (as LinkedIn names its files), with the day it was made."""
    written = []
    for n, (first, length, delay, rows) in enumerate(found):
        start, end = day(first), day(first + length)
        path = folder / str(n) / f"Content_{start}_{end}.csv"
        path.parent.mkdir(parents=True)
        lines = ["Post URL,Impressions,Reactions"]
        lines += [f"{url},{f[0]},{f[1]}" for url, f in zip(URLS, rows, strict=True) if isinstance(f, tuple)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.append((path, day(first + length + delay)))
    return written


def merged(repo: Repo) -> dict[tuple[str, str], tuple[object, ...]]:
    return {key: (s.figures, history.provenance(s.source).counting)
            for key, s in history.winners(record.read(repo)).items()}


def by_hand(found: list[tuple[int, int, int, tuple[object, ...]]]) -> dict[tuple[str, str], tuple[object, ...]]:
    """Per post and day: the figures of the export made last (a day it had finished counting over one
    still counting, then the higher figures), written out plainly."""
    best: dict[tuple[str, str], tuple[object, ...]] = {}
    for first, length, delay, rows in found:
        end = day(first + length)
        counting = delay < imports.COUNTING_DAYS
        for key, f in zip(DRAFTS.values(), rows, strict=True):
            if not isinstance(f, tuple):
                continue
            impressions, reactions = f
            strength = (day(first + length + delay), not counting, (impressions, reactions, -1, -1, -1, -1, -1))
            known = best.get((key, f"{end}T00:00:00Z"))
            if known is None or strength > known[0]:
                best[(key, f"{end}T00:00:00Z")] = (strength, ((impressions, reactions, None, None, None, None, None),
                                                            counting))
    return {key: value for key, (_, value) in best.items()}  # type: ignore[misc]


def test_overlapping_exports_merge_the_same_in_any_order(published: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    repo = Repo.discover(published)
    metrics = published / "metrics.csv"

    @settings(max_examples=25, deadline=None)
    @given(found=exports, order=st.randoms(use_true_random=False))
    def check(found: list[tuple[int, int, int, tuple[object, ...]]], order: object) -> None:
        folder = tmp_path_factory.mktemp("exports")
        written = write_exports(folder, found)
        results = []
        shuffled = list(written)
        order.shuffle(shuffled)  # type: ignore[attr-defined]
        for sequence in (written, list(reversed(written)), shuffled):
            metrics.unlink(missing_ok=True)
            for path, exported in sequence:
                imports.run(repo, path, path.name, None, NOW, False, exported)
            results.append(merged(repo))
            for path, exported in sequence:  # importing them all again adds nothing
                again = imports.run(repo, path, path.name, None, NOW, True, exported)
                assert again.new == []
        assert results[0] == results[1] == results[2] == by_hand(found)
        shutil.rmtree(folder)

    check()


def test_the_newer_export_wins_its_day_and_clears_still_counting(published: Path, run: Run, tmp_path: Path) -> None:
    early = tmp_path / "early" / "Content_2025-11-01_2025-11-30.csv"
    late = tmp_path / "late" / "Content_2025-11-15_2025-11-30.csv"
    for path, impressions in ((early, 900), (late, 1000)):
        path.parent.mkdir()
        path.write_text(f"Post URL,Impressions,Reactions\n{SHIPPING},{impressions},30\n", encoding="utf-8")
    for first, second in ((early, late), (late, early)):
        (published / "metrics.csv").unlink(missing_ok=True)
        exported = {early: "2025-12-01", late: "2025-12-10"}
        outputs = [run("metrics", "import", str(p), "--exported", exported[p]) for p in (first, second)]
        assert all(o.exit_code == 0 for o in outputs), [o.output for o in outputs]
        data = json.loads(run("stats", "--by", "platform", "--json").stdout)
        [post] = data["posts"]
        assert (post["impressions"], post["snapshot_date"], post["still_counting"]) == (
            1000, "2025-11-30T00:00:00Z", False
        )
        assert post["snapshot_source"] == "Content_2025-11-15_2025-11-30.csv; exported 2025-12-10"
    # the early export, imported last, is superseded and says by what
    assert outputs[1].stdout.splitlines() == [
        "imported Content_2025-11-01_2025-11-30.csv (csv) at 2025-11-30T00:00:00Z: "
        "0 recorded, 0 unchanged, 1 superseded, 0 unmatched, 0 incomplete",
        "  figures period 2025-11-01 to 2025-11-30 (file name), exported 2025-12-01: still counting "
        "(within 2 days of the export)",
        f"  superseded {DRAFTS['shipping']}  900 impressions, engagement 3.3% (still counting): the snapshot "
        "of this day from Content_2025-11-15_2025-11-30.csv; exported 2025-12-10 is kept",
    ]


def test_the_export_date_defaults_to_the_files_modification_day(published: Path, run: Run, tmp_path: Path) -> None:
    path = tmp_path / "Content_2025-11-01_2025-11-30.csv"
    path.write_text(f"Post URL,Impressions,Reactions\n{SHIPPING},1000,30\n", encoding="utf-8")
    made = 1765324800  # 2025-12-10T00:00:00Z: ten days after the period, counting was over
    os.utime(path, (made, made))
    assert run("metrics", "import", str(path)).exit_code == 0
    row = (published / "metrics.csv").read_text(encoding="utf-8").splitlines()[1]
    assert row == f"{DRAFTS['shipping']},2025-11-30T00:00:00Z,1000,30,,,,,,{path.name}; exported 2025-12-10"
    path.write_text(f"Post URL,Impressions,Reactions\n{SHIPPING},950,30\n", encoding="utf-8")
    os.utime(path, (made - 9 * 86400, made - 9 * 86400))  # made the next day: still counting, and older
    result = run("metrics", "import", str(path), "--json")
    assert json.loads(result.stdout)["superseded"][0]["still_counting"] is True


def test_an_export_made_before_its_last_day_is_refused(published: Path, run: Run, tmp_path: Path) -> None:
    path = tmp_path / "Content_2025-11-01_2025-11-30.csv"
    path.write_text(f"Post URL,Impressions,Reactions\n{SHIPPING},1000,30\n", encoding="utf-8")
    before = metrics_bytes(published)
    result = run("metrics", "import", str(path), "--exported", "2025-11-20")
    assert result.exit_code == 2
    assert result.output.strip().endswith("--exported 2025-11-20 is before the export's last day (2025-11-30)")
    assert metrics_bytes(published) == before


@pytest.mark.parametrize(("exported", "message"), [
    ("soon", "--exported 'soon' is not YYYY-MM-DD or an ISO 8601 date-time"),
    ("2027-01-01", "--exported 2027-01-01 is in the future (now: 2026-03-01T09:00:00Z)"),
])
def test_a_bad_export_date_is_one_line(published: Path, run: Run, tmp_path: Path, exported: str, message: str) -> None:
    path = tmp_path / "Content_2025-11-01_2025-11-30.csv"
    path.write_text(f"Post URL,Impressions,Reactions\n{SHIPPING},1000,30\n", encoding="utf-8")
    result = run("metrics", "import", str(path), "--exported", exported)
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1].endswith(message)
    assert metrics_bytes(published) is None


def test_a_file_with_no_date_in_its_name_is_dated_now(published: Path, run: Run, tmp_path: Path) -> None:
    path = tmp_path / "figures.csv"
    path.write_text(f"Post URL,Impressions,Reactions\n{SHIPPING},1000,30\n", encoding="utf-8")
    result = run("metrics", "import", str(path), "--exported", "2026-03-01")
    assert result.stdout.splitlines()[:2] == [
        "imported figures.csv (csv) at 2026-03-01T09:00:00Z: 1 recorded, 0 unchanged, 0 unmatched, 0 incomplete",
        "  figures as of 2026-03-01 (now), exported 2026-03-01: still counting (within 2 days of the export)",
    ]


STRANGERS = [f"https://www.linkedin.com/feed/update/urn:li:activity:71{n:017d}/" for n in range(60)]


@pytest.mark.parametrize(("listed", "warned"), [(50, True), (49, False)])
def test_a_full_top_posts_sheet_names_the_published_posts_it_left_out(
    published: Path, run: Run, tmp_path: Path, listed: int, warned: bool
) -> None:
    """LinkedIn's TOP POSTS holds at most 50 posts: with 50 listed, the published posts of the period
    that are not among them have no figures in this file, and the import says which."""
    rows = [(SHIPPING, 60), *((url, 5) for url in STRANGERS[: listed - 1])]
    export = linkedin_export(tmp_path / "Content_2025-11-01_2025-11-30.xlsx", rows, [(u, 10 * n) for u, n in rows])
    result = run("metrics", "import", str(export), "--exported", "2025-12-05")
    assert result.exit_code == 0, result.output
    warning = (
        "warning: Content_2025-11-01_2025-11-30.xlsx: the TOP POSTS table lists 50 posts, the most it holds: "
        "2 posts published from 2025-11-01 to 2025-11-30 are not in it, so this file has no figures "
        f"for them (a shorter period lists them): {DRAFTS['code-review']}, {DRAFTS['measure']}"
    )
    assert (warning in result.stderr.splitlines()) is warned
    data = json.loads(run("metrics", "import", str(export), "--exported", "2025-12-05", "--json").stdout)
    assert data["missing"] == ([DRAFTS["code-review"], DRAFTS["measure"]] if warned else [])
    assert data["full_table"] == (50 if warned else None)


def test_a_csv_of_fifty_rows_is_not_a_full_sheet(published: Path, run: Run, tmp_path: Path) -> None:
    path = tmp_path / "Content_2025-11-01_2025-11-30.csv"
    lines = ["Post URL,Impressions,Reactions", f"{SHIPPING},600,6", *(f"{u},100,1" for u in STRANGERS[:49])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("metrics", "import", str(path), "--exported", "2025-12-05")
    assert result.exit_code == 0 and "warning" not in result.stderr


def test_every_order_of_three_real_exports(published: Path, run: Run, tmp_path: Path) -> None:
    """Three overlapping LinkedIn-shaped workbooks, all six orders: the same metrics in the end."""
    books = []
    for n, (start, end, shipping) in enumerate(
        (("2025-11-01", "2025-11-30", 1500), ("2025-11-15", "2025-12-14", 2100), ("2025-11-01", "2025-11-30", 1600))
    ):
        folder = tmp_path / str(n)
        folder.mkdir()
        books.append((linkedin_export(folder / f"Content_{start}_{end}.xlsx", [(SHIPPING, 60)], [(SHIPPING, shipping)]),
                      ("2025-12-01", "2025-12-20", "2025-12-08")[n]))
    found = set()
    for order in itertools.permutations(books):
        (published / "metrics.csv").unlink(missing_ok=True)
        for path, exported in order:
            assert run("metrics", "import", str(path), "--exported", exported).exit_code == 0
        found.add(repr(sorted(merged(Repo.discover(published)).items())))
    assert len(found) == 1
    data = json.loads(run("stats", "--by", "platform", "--json").stdout)
    assert [(p["impressions"], p["snapshot_date"]) for p in data["posts"]] == [(2100, "2025-12-14T00:00:00Z")]
    at_30 = json.loads(run("stats", "--at-day", "25", "--by", "platform", "--json").stdout)  # published 11-05
    assert [(p["impressions"], p["snapshot_date"], p["still_counting"]) for p in at_30["posts"]] == [
        (1600, "2025-11-30T00:00:00Z", False)  # the export made 2025-12-08, not the one still counting
    ]
