"""`contentkit stats`: every --by on known figures (medians worked out by hand), --json, --plot."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contentkit.usecases.metrics import stats

from .conftest import Run, snapshot

HEADER = "draft,date,impressions,reactions,comments,reposts,members_reached,clicks,saves,source\n"

# name: hook, angle, themes, source, platform, published_at, characters, (impressions, reactions, comments, reposts)
POSTS = {
    "a": ("Why do reviews fail?", "Teach", ["Mentoring", "Culture"], "conversation", "linkedin",
          "2025-11-03T08:00:00Z", 300, (1000, 30, 10, 10)),  # 5%
    "b": ("90% of AI projects fail.", "Teach", ["Mentoring"], "linkedin-engagement", "linkedin",
          "2025-11-04T08:00:00Z", 700, (2000, 20, 15, 5)),  # 2%
    "c": ('"Ship it," she said.', "Ship", ["Culture"], "conversation", "x",
          "2025-11-10T08:00:00Z", 1200, (4000, 100, 50, 10)),  # 4%
    "d": ("Three things I learned.", "Teach", ["Mentoring"], "conversation", "linkedin",
          "2025-11-05T08:00:00Z", 2500, (0, 0, 0, 0)),  # no rate
    "e": ("Polish is comfortable.", "Ship", [], "idea", "linkedin",
          "2025-11-17T08:00:00Z", 1600, (500, 5, 0, 0)),  # 1%
}


def write_post(root: Path, name: str) -> None:
    hook, angle, themes, source, platform, published_at, characters, _ = POSTS[name]
    draft = f"drafts/{platform}/2025-11-01__{name}.md"
    seed = (
        "---\ntype: moment\ncategory: content-seed\ncreated: '2025-11-01T08:00:00Z'\n"
        f"source: {source}\nplatform: {platform}\nstatus: published\ndeveloped_to: {draft}\n"
        f"published_url: https://example.com/posts/{name}\npublished_at: '{published_at}'\n---\n\n"
        f"# Post {name.upper()}\n\n## Hook Ideas\n\n- {json.dumps(hook)}\n\n## Related Themes\n\n"
        + "".join(f"- {theme}\n" for theme in themes)
    )
    (root / "seeds" / f"2025-11-01__{name}.md").write_text(seed, encoding="utf-8")
    (root / draft).parent.mkdir(parents=True, exist_ok=True)
    meta = (
        f"---\ntype: draft\nstatus: published\nseed: seeds/2025-11-01__{name}.md\nplatform: {platform}\n"
        f"hook: {json.dumps(hook)}\nangle: {angle}\ncreated: '2025-11-02T08:00:00Z'\n---\n\n"
    )
    (root / draft).write_text(meta + "a" * characters + "\n", encoding="utf-8")


@pytest.fixture
def measured(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "seeds").mkdir(parents=True)
    (root / "contentkit.toml").write_text("", encoding="utf-8")
    rows = []
    for name, post in POSTS.items():
        write_post(root, name)
        figures = ",".join(map(str, post[7]))
        rows.append(f"drafts/{post[4]}/2025-11-01__{name}.md,2025-11-20T00:00:00Z,{figures},,,,manual\n")
    (root / "metrics.csv").write_text(HEADER + "".join(rows), encoding="utf-8")
    return root


@pytest.fixture
def run_in(measured: Path) -> Run:
    from click.testing import CliRunner

    from contentkit.cli import cli

    def invoke(*args: str) -> object:
        return CliRunner().invoke(cli, ["-C", str(measured), *args], catch_exceptions=False)

    return invoke  # type: ignore[return-value]


def groups(run_in: Run, by: str) -> list[tuple[str, int, float, float | None, str, bool]]:
    result = run_in("stats", "--by", by, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    return [
        (g["group"], g["posts"], g["median_impressions"], _pct(g["median_engagement_rate"]),
         Path(g["best"]["post"]).stem.split("__")[1], g["too_few"])
        for g in data["groups"]
    ]


def _pct(rate: float | None) -> float | None:
    return None if rate is None else round(rate * 100, 6)


EXPECTED = {
    "hook": [  # shapes in their natural order
        ("question", 1, 1000, 5.0, "a", True),
        ("number", 2, 1000, 2.0, "b", True),  # b and d: impressions (2000 + 0) / 2; d has no rate
        ("quote", 1, 4000, 4.0, "c", True),
        ("statement", 1, 500, 1.0, "e", True),
    ],
    "angle": [
        ("Teach", 3, 1000, 3.5, "a", False),  # impressions 0, 1000, 2000; rates 5% and 2%
        ("Ship", 2, 2250, 2.5, "c", True),  # (4000 + 500) / 2; (4% + 1%) / 2
    ],
    "theme": [  # a post with two themes is in both
        ("Culture", 2, 2500, 4.5, "a", True),
        ("Mentoring", 3, 1000, 3.5, "a", False),
        ("(none)", 1, 500, 1.0, "e", True),
    ],
    "source": [
        ("conversation", 3, 1000, 4.5, "a", False),
        ("linkedin-engagement", 1, 2000, 2.0, "b", True),
        ("idea", 1, 500, 1.0, "e", True),
    ],
    "platform": [
        ("x", 1, 4000, 4.0, "c", True),
        ("linkedin", 4, 750, 2.0, "a", False),  # impressions 0, 500, 1000, 2000; rates 1%, 2%, 5%
    ],
    "weekday": [
        ("Monday", 3, 1000, 4.0, "a", False),  # a, c, e
        ("Tuesday", 1, 2000, 2.0, "b", True),
        ("Wednesday", 1, 0, None, "d", True),
    ],
    "length": [
        ("under 500", 1, 1000, 5.0, "a", True),
        ("500-999", 1, 2000, 2.0, "b", True),
        ("1000-1499", 1, 4000, 4.0, "c", True),
        ("1500-1999", 1, 500, 1.0, "e", True),
        ("2000 and more", 1, 0, None, "d", True),
    ],
}


@pytest.mark.parametrize("by", sorted(EXPECTED))
def test_every_breakdown_on_known_figures(run_in: Run, by: str) -> None:
    assert groups(run_in, by) == EXPECTED[by]


def test_min_posts_comes_from_the_config_or_the_option(measured: Path, run_in: Run) -> None:
    assert [g[5] for g in groups(run_in, "angle")] == [False, True]
    (measured / "contentkit.toml").write_text("stats_min_posts = 2\n", encoding="utf-8")
    assert [g[5] for g in groups(run_in, "angle")] == [False, False]
    result = run_in("stats", "--by", "angle", "--min-posts", "4", "--json")
    assert [g["too_few"] for g in json.loads(result.stdout)["groups"]] == [True, True]


def test_the_latest_snapshot_counts(measured: Path, run_in: Run) -> None:
    with (measured / "metrics.csv").open("a", encoding="utf-8") as handle:
        handle.write("drafts/x/2025-11-01__c.md,2025-11-25T00:00:00Z,8000,80,0,0,,,,manual\n")  # 1%
        handle.write("drafts/x/2025-11-01__c.md,2025-11-21T00:00:00Z,9000,900,0,0,,,,manual\n")  # older
    assert groups(run_in, "platform")[1] == ("x", 1, 8000, 1.0, "c", True)


def test_stats_text_lists_each_hook(run_in: Run) -> None:
    result = run_in("stats", "--by", "hook")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "5 of 5 published posts have figures (metrics.csv, each post's latest snapshot), by hook shape:"
    assert lines[2].split() == [
        "hook", "shape", "posts", "median", "impressions", "median", "engagement", "vs", "own", "platform", "best", "post"
    ]
    # a: 5.0% against LinkedIn's median of 2.0% (a, b, e; d has no rate): +150%; one post, no interval
    assert lines[3].split() == ["question*", "1", "1,000", "5.0%", "+150%", "drafts/linkedin/2025-11-01__a.md", "(5.0%)"]
    assert "Platform baselines (median engagement): linkedin 2.0% (3 posts); x 4.0% (1 post)" in lines
    assert "* fewer than 3 posts: too few to mean much yet (no interval)" in lines
    hooks = lines[lines.index("Hooks:") + 1 :]
    assert [line.split()[0] for line in hooks] == ["question", "number", "number", "quote", "statement"]
    assert hooks[3].endswith('drafts/x/2025-11-01__c.md  "Ship it," she said.')
    assert hooks[2].split()[1] == "n/a"  # d: 0 impressions, no rate


def test_no_metrics_yet(run: Run) -> None:
    result = run("stats")
    assert result.exit_code == 0
    assert result.stdout.startswith("No figures yet for any of 0 published posts in metrics.csv")


@pytest.mark.parametrize("suffix, signature", [(".png", b"\x89PNG\r\n\x1a\n"), (".svg", b"<?xml")])
def test_plot_writes_a_chart(measured: Path, run_in: Run, suffix: str, signature: bytes) -> None:
    pytest.importorskip("matplotlib")
    chart = measured / f"charts/themes{suffix}"
    chart.parent.mkdir()
    result = run_in("stats", "--by", "theme", "--plot", str(chart))
    assert result.exit_code == 0, result.output
    data = chart.read_bytes()
    assert data.startswith(signature) and len(data) > 2000
    if suffix == ".svg":
        assert b"<svg" in data and b"</svg>" in data
    again = run_in("stats", "--by", "theme", "--plot", str(chart))
    assert again.exit_code == 1 and "already exists; give --force to replace it" in again.stderr
    assert run_in("stats", "--by", "theme", "--plot", str(chart), "--force").exit_code == 0
    assert chart.read_bytes() == data  # same figures, same file


def test_plot_needs_svg_or_png(measured: Path, run_in: Run) -> None:
    before = snapshot(measured)
    result = run_in("stats", "--plot", "chart.pdf")
    assert result.exit_code == 2 and "FILE must end in .svg or .png" in result.output
    assert snapshot(measured) == before


def test_plot_outside_the_repo_is_written_where_it_points(measured: Path, run_in: Run, tmp_path: Path) -> None:
    outside = tmp_path / "Desktop" / "chart.png"  # like ~/Desktop/x.png: the writer named it
    outside.parent.mkdir()
    result = run_in("stats", "--plot", str(outside))
    assert result.exit_code == 0, result.output
    assert outside.read_bytes().startswith(b"\x89PNG")


def test_plot_without_matplotlib_is_one_line(measured: Path, run_in: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib raises ImportError
    result = run_in("stats", "--plot", "chart.png")
    assert result.exit_code == 1
    from contentkit.base import extras

    assert result.stderr == f"contentkit: error: --plot needs matplotlib (the 'plot' extra): {extras.detect().command('plot')}\n"
    assert not (measured / "chart.png").exists()


@given(st.text())
def test_hook_shapes(text: str) -> None:
    shape = stats.hook_shape(text)
    assert shape in stats.SHAPES
    if text.strip().endswith("?"):
        assert shape == "question"
    if shape == "quote":
        assert text.strip() and text.strip()[0] in stats.QUOTE_MARKS


@pytest.mark.parametrize(
    "hook, shape",
    [
        ("Why does this fail?", "question"),
        ('"Is it done?"', "question"),
        ("90% of AI projects fail.", "number"),
        ("3 things I learned", "number"),
        ("Three things I learned", "number"),
        ("$5 a month", "number"),
        ("“Ship it,” she said.", "quote"),
        ("'Done' is a feeling.", "quote"),
        ("We spent three weeks on it.", "statement"),
        ("", "statement"),
    ],
)
def test_hook_shape_examples(hook: str, shape: str) -> None:
    assert stats.hook_shape(hook) == shape


def test_a_jekyll_published_at_has_its_weekday_in_utc() -> None:
    assert stats.weekday("2025-11-03 23:30:00 -0500") == "Tuesday"  # 04:30 UTC
    assert stats.weekday("2025-11-03 10:00:00 +0100") == "Monday"
    assert stats.weekday("someday") == "(unknown)"


@pytest.mark.parametrize("stamp, day", [("0001-01-01T00:00:00+14:00", "Sunday"), ("9999-12-31T23:59:59-12:00", "Saturday"),
                                        ("2025-11-03T01:00:00+02:00", "Sunday"), ("2025-11-02T23:00:00-02:00", "Monday")])
def test_weekday_of_the_edge_dates_in_utc(stamp: str, day: str) -> None:
    assert stats.weekday(stamp) == day


@given(st.datetimes(timezones=st.timezones()))
def test_weekday_is_the_utc_day(moment: object) -> None:
    import datetime as dt

    assert isinstance(moment, dt.datetime)
    try:
        expected = stats.WEEKDAYS[moment.astimezone(dt.timezone.utc).weekday()]
    except OverflowError:
        return
    assert stats.weekday(moment.isoformat()) == expected


def test_stats_by_weekday_on_the_edge_dates(measured: Path, run_in: Run) -> None:
    for name, stamp in (("a", "0001-01-01T00:00:00+14:00"), ("b", "9999-12-31T23:59:59-12:00")):
        seed = measured / "seeds" / f"2025-11-01__{name}.md"
        text = seed.read_text(encoding="utf-8")
        seed.write_text(text.replace(POSTS[name][5], stamp), encoding="utf-8")
    result = run_in("stats", "--by", "weekday")
    assert result.exit_code == 0, result.output


def test_plot_labels_are_drawn_as_written(measured: Path, run_in: Run) -> None:
    matplotlib = pytest.importorskip("matplotlib")
    from contentkit.usecases.metrics import plot

    group = stats.Group("Pricing from $5 to $10", (), True)
    odd = stats.Group("$\\nosuchcommand$", (), True)
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        data = plot.chart([group, odd], "theme", ".svg", 3)
    assert b"Pricing from $5 to $10" in data and b"$\\nosuchcommand$" in data


def test_published_posts_are_counted_before_the_first_figure(measured: Path, run_in: Run) -> None:
    (measured / "metrics.csv").unlink()
    result = run_in("stats")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"No figures yet for any of {len(POSTS)} published posts in metrics.csv")


@pytest.mark.parametrize("folder", [".git", ".contentkit", "seeds", "drafts", "templates"])
def test_plot_never_writes_into_the_folders_contentkit_and_git_own(measured: Path, run_in: Run, folder: str) -> None:
    (measured / folder).mkdir(exist_ok=True)
    result = run_in("stats", "--plot", f"{folder}/chart.png")
    assert result.exit_code == 1 and f"is inside {folder}/" in result.stderr, result.output
    assert not (measured / folder / "chart.png").exists()
