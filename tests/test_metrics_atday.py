"""Honest statistics: figures at day N, bootstrap intervals and platform baselines, checked against a
straightforward computation on generated snapshots; `stats --at-day`, `--next` and `--json` as a
writer reads them."""

from __future__ import annotations

import datetime as dt
import json
import random
import statistics
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentkit.base import dates
from contentkit.store.repo import Repo
from contentkit.usecases.metrics import atday, bootstrap, compare, ranking, stats
from contentkit.usecases.metrics.posts import Post
from contentkit.usecases.metrics.record import Snapshot

from .conftest import Run
from .test_metrics_stats import HEADER, write_post

START = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
NOW = "2025-03-01T00:00:00Z"


def stamp(hours: int) -> str:
    return (START + dt.timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M:%SZ")


def post(n: int, platform: str, published_hours: int | None) -> Post:
    published = stamp(published_hours) if published_hours is not None else ""
    return Post(f"drafts/{platform}/p{n}.md", f"seeds/p{n}.md", f"P{n}", f"https://example.com/{n}", published,
                platform, "idea", "", "A hook.", (), 100)


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[Post], list[Snapshot], int]:
    """Posts on two platforms published over two months (some undated), each with snapshots at any
    hour after, some on the same hour (recorded by hand: the later row counts), in any file order."""
    count = draw(st.integers(min_value=1, max_value=8))
    posts = [
        post(n, draw(st.sampled_from(("linkedin", "x"))),
             draw(st.none() | st.integers(min_value=0, max_value=24 * 59)))
        for n in range(count)
    ]
    snapshots = []
    for p in posts:
        base = 0 if not p.published_at else int((dt.datetime.fromisoformat(p.published_at[:-1] + "+00:00")
                                                 - START).total_seconds() // 3600)
        for _ in range(draw(st.integers(min_value=0, max_value=5))):
            hours = base + draw(st.sampled_from((0, 24, 47, 48, 49, 24 * 7, 24 * 7 + 1, 24 * 30)))
            impressions = draw(st.integers(min_value=0, max_value=5000))
            reactions = draw(st.integers(min_value=0, max_value=300))
            snapshots.append(Snapshot(p.key, stamp(hours), impressions, reactions, 0, 0))
    order = draw(st.permutations(range(len(snapshots))))
    return posts, [snapshots[n] for n in order], draw(st.sampled_from((0, 1, 2, 7, 30)))


def by_hand(posts: list[Post], snapshots: list[Snapshot], day: int) -> dict[str, object]:
    """The same selection, written out plainly."""
    now = dt.datetime.fromisoformat(NOW[:-1] + "+00:00")
    chosen, younger, unmeasured, undated = {}, [], [], []
    for p in posts:
        if not p.published_at:
            undated.append(p.key)
            continue
        moment = dt.datetime.fromisoformat(p.published_at[:-1] + "+00:00") + dt.timedelta(days=day)
        if moment > now:
            younger.append(p.key)
            continue
        best = None
        for snapshot in snapshots:  # file order: on the same date the later row counts
            when = dt.datetime.fromisoformat(snapshot.date[:-1] + "+00:00")
            if snapshot.draft == p.key and when <= moment and (best is None or snapshot.date >= best.date):
                best = snapshot
        if best is None:
            unmeasured.append(p.key)
        else:
            chosen[p.key] = best
    return {"chosen": chosen, "younger": younger, "unmeasured": unmeasured, "undated": undated}


@settings(max_examples=150, deadline=None)
@given(histories())
def test_figures_at_day_n_are_the_snapshot_at_or_just_before_it(case: tuple[list[Post], list[Snapshot], int]) -> None:
    posts, snapshots, day = case
    selection = atday.select(posts, snapshots, day, NOW)
    expected = by_hand(posts, snapshots, day)
    assert {m.post.key: m.snapshot for m in selection.measured} == expected["chosen"]
    assert [p.key for p in selection.younger] == expected["younger"]
    assert [p.key for p in selection.unmeasured] == expected["unmeasured"]
    assert [p.key for p in selection.undated] == expected["undated"]


def interval_by_hand(values: list[float], seed: str, level: float, draws: int) -> tuple[float, float]:
    """The percentile bootstrap of the median, written out: `draws` resamples drawn from
    random.Random(seed) over the sorted values, each value picked as pool[int(random() * n)]."""
    pool = sorted(values)
    rng = random.Random(seed)
    n = len(pool)
    medians = []
    for _ in range(draws):
        sample = sorted(pool[int(rng.random() * n)] for _ in range(n))
        middle = n // 2
        medians.append(sample[middle] if n % 2 else (sample[middle - 1] + sample[middle]) / 2)
    medians.sort()
    cut = round((1 - level) / 2 * draws)
    return medians[cut], medians[draws - 1 - cut]


values = st.lists(st.floats(min_value=0, max_value=1e6, allow_nan=False), min_size=1, max_size=30)


@settings(max_examples=100, deadline=None)
@given(values=values, seed=st.text(max_size=10), level=st.sampled_from((0.5, 0.8, 0.9, 0.95)),
       draws=st.sampled_from((10, 100, 1000)))
def test_bootstrap_interval_is_the_straightforward_one(values: list[float], seed: str, level: float, draws: int) -> None:
    found = bootstrap.interval(values, seed, level, draws)
    assert found is not None
    assert (found.low, found.high) == interval_by_hand(values, seed, level, draws)
    assert min(values) <= found.low <= found.high <= max(values)
    assert bootstrap.interval(list(reversed(values)), seed, level, draws) == found  # order does not matter


def test_no_values_no_interval() -> None:
    assert bootstrap.interval([], "x") is None


@settings(max_examples=100, deadline=None)
@given(histories())
def test_group_medians_intervals_and_baselines_by_hand(case: tuple[list[Post], list[Snapshot], int]) -> None:
    """Per platform group at day N: the median rate, its 90% interval, and each post's lift over its
    own platform's median rate, as computed by hand from the chosen snapshots."""
    posts, snapshots, day = case
    chosen = by_hand(posts, snapshots, day)["chosen"]
    assert isinstance(chosen, dict)
    measured = atday.select(posts, snapshots, day, NOW).measured
    groups = stats.groups(measured, "platform", 1)
    base = compare.baselines(measured)
    for c in compare.compare(groups, base, "seed"):
        keys = [p.key for p in posts if p.platform == c.group.name and p.key in chosen]
        rates = [s.engagements / s.impressions for k in keys if (s := chosen[k]).impressions]
        assert c.rate.value == (statistics.median(rates) if rates else None)
        platform_rate = base[c.group.name].rate
        assert platform_rate == c.rate.value  # grouped by platform: each group is its own baseline
        lifts = [r / platform_rate - 1 for r in rates] if platform_rate else []
        assert c.lift.value == (statistics.median(lifts) if lifts else None)
        if rates:
            assert c.rate.interval is not None
            expected = interval_by_hand(rates, f"seed/{c.group.name}/rate", 0.9, 1000)
            assert (c.rate.interval.low, c.rate.interval.high) == expected


# ---- the command, as a writer reads it ---------------------------------------------------------

# post: (published, platform); from test_metrics_stats.POSTS: a 2025-11-03, b 11-04, c 11-10 (x),
# d 11-05, e 11-17
ROWS = [
    # a: day 2, day 7, day 20: at day 7 it counts with 1,000 impressions, not the 3,000 of day 20
    "drafts/linkedin/2025-11-01__a.md,2025-11-05T08:00:00Z,400,8,0,0,,,,manual",
    "drafts/linkedin/2025-11-01__a.md,2025-11-10T08:00:00Z,1000,30,10,10,,,,manual",
    "drafts/linkedin/2025-11-01__a.md,2025-11-23T08:00:00Z,3000,90,10,10,,,,manual",
    # b: day 6 (just before day 7) and day 15
    "drafts/linkedin/2025-11-01__b.md,2025-11-10T08:00:00Z,2000,20,15,5,,,,manual",
    "drafts/linkedin/2025-11-01__b.md,2025-11-19T08:00:00Z,5000,40,15,5,,,,manual",
    # c (x): day 7, from an export made the next day: still counting
    "drafts/x/2025-11-01__c.md,2025-11-17T08:00:00Z,4000,100,50,10,,,,x.csv; exported 2025-11-18; still counting",
    # d: only day 9: nothing by day 7
    "drafts/linkedin/2025-11-01__d.md,2025-11-14T08:00:00Z,0,0,0,0,,,,manual",
    # e: published 11-17, younger than 7 days on 11-22
    "drafts/linkedin/2025-11-01__e.md,2025-11-20T08:00:00Z,500,5,0,0,,,,manual",
]


@pytest.fixture
def aged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    from click.testing import CliRunner

    from contentkit.cli import cli

    monkeypatch.setattr(dates, "now_utc", lambda: "2025-11-22T12:00:00Z")
    root = tmp_path / "content"
    (root / "seeds").mkdir(parents=True)
    (root / "contentkit.toml").write_text("", encoding="utf-8")
    for name in "abcde":
        write_post(root, name)
    (root / "metrics.csv").write_text(HEADER + "\n".join(ROWS) + "\n", encoding="utf-8")

    def invoke(*args: str) -> object:
        return CliRunner().invoke(cli, ["-C", str(root), *args], catch_exceptions=False)

    return invoke  # type: ignore[return-value]


def test_stats_at_day_reads_as_a_writer_needs(aged: Run) -> None:
    result = aged("stats", "--at-day", "7", "--by", "platform", "--min-posts", "2")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:6] == [
        "3 of 5 published posts have figures (metrics.csv, each post at or just before day 7 after publishing; "
        "snapshots from day 6 to 7; 1 snapshot still counting when exported), by platform:",
        "Left out: 1 post younger than 7 days, 1 post with no snapshot by day 7.",
        "",
        "platform  posts      median impressions    median engagement     vs own platform  best post",
        "x*            1                   4,000                 4.0%                 +0%  drafts/x/2025-11-01__c.md (4.0%)",
        # a: 50 / 1000 = 5%, b: 40 / 2000 = 2%: median 3.5%, the interval of two posts spans both
        "linkedin      2  1,500 (1,000 to 2,000)  3.5% (2.0% to 5.0%)  +0% (-43% to +43%)  "
        "drafts/linkedin/2025-11-01__a.md (5.0%)",
    ]
    assert "Platform baselines (median engagement): linkedin 3.5% (2 posts); x 4.0% (1 post)" in result.stdout
    assert "* fewer than 2 posts: too few to mean much yet (no interval)" in result.stdout


def test_stats_at_day_json_names_each_snapshot_used(aged: Run) -> None:
    data = json.loads(aged("stats", "--at-day", "7", "--by", "platform", "--min-posts", "2", "--json").stdout)
    assert data["at_day"] == 7
    assert data["interval_level"] == 0.9
    assert data["left_out"] == {"younger": ["drafts/linkedin/2025-11-01__e.md"],
                                "no_snapshot_by_day": ["drafts/linkedin/2025-11-01__d.md"], "no_publish_date": []}
    used = {Path(p["post"]).stem[-1]: (p["snapshot_date"], p["snapshot_day"], p["still_counting"], p["vs_platform"])
            for p in data["posts"]}
    assert used == {
        "a": ("2025-11-10T08:00:00Z", 7.0, False, 5 / 3.5 - 1),
        "b": ("2025-11-10T08:00:00Z", 6.0, False, 2 / 3.5 - 1),
        "c": ("2025-11-17T08:00:00Z", 7.0, True, 0.0),
    }
    x, linkedin = data["groups"]
    assert (linkedin["group"], linkedin["median_engagement_rate"], linkedin["median_engagement_rate_interval"]) == (
        "linkedin", pytest.approx(0.035), [0.02, 0.05]
    )
    assert x["median_engagement_rate_interval"] is None  # x: 1 post, too few to say


def test_the_same_figures_give_the_same_output(aged: Run) -> None:
    first = aged("stats", "--by", "angle", "--json").stdout
    assert first == aged("stats", "--by", "angle", "--json").stdout


def test_without_at_day_the_latest_snapshot_counts(aged: Run) -> None:
    data = json.loads(aged("stats", "--by", "platform", "--json").stdout)
    assert data["at_day"] is None and data["measured"] == 5
    a = next(p for p in data["posts"] if p["post"].endswith("__a.md"))
    assert (a["snapshot_date"], a["impressions"]) == ("2025-11-23T08:00:00Z", 3000)


def test_stats_next_is_one_line_with_its_numbers(aged: Run) -> None:
    result = aged("stats", "--next")
    assert result.exit_code == 0, result.output
    # latest snapshots: a 110 / 3000 = 3.7%, b 60 / 5000 = 1.2%, d none, e 1.0%: LinkedIn's median 1.2%,
    # so question (a) is +206%; number (b, d) +0%, quote (c, alone on X) +0%, statement (e) -17%.
    # Fewest posts among those at or above their platform: question (1 post, beats quote on lift)
    assert result.stdout == (
        "Next, try the hook shape 'question': 1 post so far, median engagement 3.7%, +206% against its "
        "platform, too few to say how sure (the least tried of the hook shapes and angles that did at least "
        "as well as their platform's median; number has the most, 2, at +0%).\n"
    )
    data = json.loads(aged("stats", "--next", "--json").stdout)["suggestion"]
    assert (data["by"], data["group"], data["posts"], data["beat_baseline"]) == ("hook", "question", 1, True)


def test_next_without_figures_says_so(run: Run) -> None:
    result = run("stats", "--next")
    assert result.exit_code == 0
    assert result.stdout == "Nothing to suggest yet: no hook shape or angle has an engagement rate.\n"


def test_rank_orders_groups_best_first(aged: Run, tmp_path: Path) -> None:
    repo = Repo.discover(tmp_path / "content")
    # all too few at 3 posts (the config's stats_min_posts): by lift, then median rate
    assert ranking.rank(repo, "hook") == ["question", "quote", "number", "statement"]
    assert ranking.rank(repo, "angle") == ["Teach", "Ship"]  # Teach: 3 posts, Ship too few


def test_each_post_is_measured_against_its_own_platform() -> None:
    """An X post at 1% where X's median is 0.5% did better than a LinkedIn post at 2% where
    LinkedIn's median is 4%: the baseline is the platform's, never both mixed."""
    snapshots = {"li1": (1000, 20), "li2": (1000, 40), "li3": (1000, 60), "x1": (1000, 10), "x2": (1000, 5),
                 "x3": (1000, 2)}
    found = [stats.Measured(post(n, "x" if key.startswith("x") else "linkedin", 0),
                            Snapshot(key, stamp(48), impressions, reactions, 0, 0))
             for n, (key, (impressions, reactions)) in enumerate(snapshots.items())]
    base = compare.baselines(found)
    assert (base["linkedin"].rate, base["x"].rate) == (0.04, 0.005)
    assert [round(compare.lift(m, base) or 0, 6) for m in found] == [-0.5, 0.0, 0.5, 1.0, 0.0, -0.6]
