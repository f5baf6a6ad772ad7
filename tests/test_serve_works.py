"""The served dashboard's "What works": the breakdowns of `contentkit stats` as bar charts."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

pytest.importorskip("starlette")

from contentkit.serve import pages  # noqa: E402
from contentkit.store.repo import Repo
from tests.test_metrics_stats import measured, run_in  # noqa: E402, F401  (fixtures)


def chart(page: str, by: str) -> str:
    match = re.search(rf"<figcaption>by {by}</figcaption>(.*?)</figure>", page, re.S)
    assert match, f"no chart by {by}"
    return match.group(1)


@pytest.mark.parametrize("by", ["theme", "platform", "weekday", "hook", "length"])
def test_each_breakdown_is_a_chart_with_the_stats_figures(measured: Path, run_in, by: str) -> None:  # noqa: F811
    page = pages.dashboard(Repo.discover(measured))
    assert "What works" in page
    figure = chart(page, "hook shape" if by == "hook" else by)
    result = run_in("stats", "--by", by, "--json")
    for group in json.loads(result.stdout)["groups"]:
        rate = group["median_engagement_rate"]
        shown = "n/a" if rate is None else f"{100 * rate:.1f}%"
        row = re.search(rf"<th scope=\"row\">{re.escape(html.escape(group['group']))}</th>(.*?)</tr>", figure, re.S)
        assert row, group["group"]
        assert shown in row.group(1)
        assert f"{group['posts']} post" in row.group(1)
        assert ("too few" in row.group(1)) == group["too_few"]


def test_the_best_group_has_the_full_bar(measured: Path) -> None:  # noqa: F811
    figure = chart(pages.dashboard(Repo.discover(measured)), "theme")
    widths = [float(w) for w in re.findall(r'style="width: ([0-9.]+)%"', figure)]
    assert max(widths) == 100.0 and min(widths) >= 0.0


def test_no_metrics_no_section(repo: Path) -> None:
    assert "What works" not in pages.dashboard(Repo.discover(repo))
