"""The served dashboard and the preview's page data, without a browser: the author table of the
config, post links that only ever point at http(s), plurals, the draft's own state, a week by day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from contentkit import html
from contentkit.store.repo import Repo

from .conftest import Run

pytest.importorskip("starlette")

from contentkit.serve import pages  # noqa: E402

STEM = "2025-11-03__shipping-beats-polishing"
DRAFT = f"drafts/linkedin/{STEM}.md"


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://www.linkedin.com/posts/x?a=1&b=2", "https://www.linkedin.com/posts/x?a=1&b=2"),
        ("http://example.com/p", "http://example.com/p"),
        ("javascript:alert(1)", ""), ("JavaScript:alert(1)", ""), ("data:text/html,<b>x</b>", ""),
        ("/draft/x.md", ""), ("https://", ""), ("http://[::1", ""), ("", ""),
    ],
)
def test_only_an_http_address_becomes_a_link(url: str, linked: str) -> None:
    assert html.link(url) == linked


def test_counts_take_the_singular_for_one() -> None:
    assert [html.plural(n, "seed") for n in (0, 1, 2)] == ["0 seeds", "1 seed", "2 seeds"]


def test_a_time_shows_as_a_day_and_a_clock_in_local_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    import time

    time.tzset()
    try:
        assert html.when("2026-12-09T07:30:00Z") == "Wed 9 Dec, 08:30"
        assert html.when("2026-12-09") == "Wed 9 Dec 2026"
        assert html.when("soon") == "soon"
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_a_published_url_that_is_not_http_is_shown_as_text_never_linked(repo: Path, run: Run) -> None:
    assert run("develop", STEM).exit_code == 0
    seed = repo / "seeds" / f"{STEM}.md"
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace("status: developed", "status: published\npublished_url: 'javascript:alert(1)'"),
                    encoding="utf-8")
    page = pages.dashboard(Repo.discover(repo))
    assert 'href="javascript:' not in page
    assert '<span class="post-link">javascript:alert(1)</span>' in page


def test_the_pipeline_counts_with_the_right_plurals(repo: Path, run: Run) -> None:
    page = pages.dashboard(Repo.discover(repo))
    assert '<span class="count">3 seeds</span><span class="what">ready to develop</span>' in page
    assert run("develop", STEM).exit_code == 0
    page = pages.dashboard(Repo.discover(repo))
    assert '<span class="count">2 seeds</span><span class="what">ready to develop</span>' in page
    assert '<span class="count">1 draft</span><span class="what">to schedule</span>' in page
    assert "1 seeds" not in page and "1 drafts" not in page


def test_another_week_is_named_by_its_monday_and_a_bad_one_is_this_week(repo: Path) -> None:
    target = Repo.discover(repo)
    assert "Week of Mon 30 Nov 2026" in pages.dashboard(target, "2026-12-03")
    monday = dt.date.today() - dt.timedelta(days=dt.date.today().weekday())
    for week in ("", "not-a-day", "2026-13-45"):
        page = pages.dashboard(target, week)
        assert "<h2>This week</h2>" in page and f'data-day="{monday.isoformat()}"' in page


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('author = "Ada"\n', "'author' must be a table: [author] with name and headline"),
        ('[author]\nname = ""\n', "'author.name' must be text on one line"),
        ("[author]\nname = 3\n", "'author.name' must be text on one line"),
        ('[author]\nnick = "a"\n', "unknown key 'author.nick' (known: headline, name)"),
    ],
)
def test_a_bad_author_table_is_one_line(repo: Path, run: Run, config: str, message: str) -> None:
    (repo / "contentkit.toml").write_text(config, encoding="utf-8")
    result = run("list")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == f"contentkit: error: contentkit.toml: {message}\n"


def test_the_preview_names_the_author_from_the_config_else_you(repo: Path, run: Run) -> None:
    assert run("develop", STEM).exit_code == 0
    page = run("preview", DRAFT, "--html").stdout
    assert '<strong class="name">You</strong>' in page and 'class="headline"' not in page
    (repo / "contentkit.toml").write_text('[author]\nname = "Ada <Writer>"\nheadline = "Lead & writer"\n',
                                          encoding="utf-8")
    page = run("preview", DRAFT, "--html").stdout
    assert '<strong class="name">Ada &lt;Writer&gt;</strong><span class="headline">Lead &amp; writer</span>' in page
    assert '<span class="state state-draft">draft</span>' in page
