"""`contentkit list` queries: every filter alone and combined, sorting, limits, --json, unknown values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from contentkit.base import dates
from contentkit.cli import cli
from contentkit.store import query
from contentkit.store.catalog import Entry


def seed(
    title: str,
    created: str,
    source: str = "conversation",
    status: str = "seed",
    platform: str = "linkedin",
    themes: tuple[str, ...] = (),
    core: str = "An idea.",
    hooks: tuple[str, ...] = ("A hook.",),
    angles: tuple[str, ...] = ("**An angle** - told plainly",),
) -> str:
    lines = [
        "---",
        "type: moment",
        "category: content-seed",
        f"created: '{created}'",
        f"source: {source}",
        f"platform: {platform}",
        f"status: {status}",
        "---",
        "",
        f"# {title}",
        "",
        "## Core Idea",
        "",
        core,
        "",
        "## Potential Angles",
        "",
        *(f"{n}. {a}" for n, a in enumerate(angles, 1)),
        "",
        "## Hook Ideas",
        "",
        *(f'- "{h}"' for h in hooks),
        "",
        "## Related Themes",
        "",
        *(f"- {t}" for t in themes),
        "",
    ]
    return "\n".join(lines)


SEEDS = {
    "2025-01-05__alpha.md": seed(
        "Alpha launch", "2025-01-05T09:00:00Z", "conversation", "seed", themes=("Product discovery", "Hiring")
    ),
    "2025-02-10__bravo.md": seed(
        "bravo notes",
        "2025-02-10",
        "Team-Retro",
        "developed",
        "x",
        themes=("Team culture",),
        core="Reviews teach more than docs.",
    ),
    "2025-03-15__charlie.md": seed(
        "Charlie",
        "2025-03-15T23:30:00-02:00",
        "linkedin-engagement",
        "published",
        hooks=("Stop polishing the ANIMATION.",),
        themes=("Product Discovery",),
    ),
    "2025-04-01__delta.md": seed(
        "Delta",
        "2025-04-01T00:00:00Z",
        "conversation",
        "archived",
        angles=("**Measure first** - the stopwatch wins",),
    ),
}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    (folder / "seeds").mkdir(parents=True)
    (folder / "contentkit.toml").write_text("", encoding="utf-8")
    for name, text in SEEDS.items():
        (folder / "seeds" / name).write_text(text, encoding="utf-8")
    return folder


def listed(root: Path, *args: str, cache: bool = True) -> list[str]:
    extra = () if cache else ("--no-cache",)
    result = CliRunner().invoke(
        cli, ["-C", str(root), "list", "--json", *args, *extra], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return [
        row["path"].removeprefix("seeds/").split("__")[1].removesuffix(".md")
        for row in json.loads(result.stdout)
    ]


def both(root: Path, *args: str) -> list[str]:
    """The answer from the cache (cold, then warm) is the answer from the files."""
    cold, warm, plain = listed(root, *args), listed(root, *args), listed(root, *args, cache=False)
    assert cold == warm == plain
    return cold


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), ["delta", "charlie", "bravo", "alpha"]),
        (("--status", "published"), ["charlie"]),
        (("--status", "Developed"), ["bravo"]),
        (("--platform", "x"), ["bravo"]),
        (("--theme", "product discovery"), ["charlie", "alpha"]),
        (("--theme", "#ProductDiscovery"), ["charlie", "alpha"]),
        (("--theme", "Product"), []),
        (("--source", "team-retro"), ["bravo"]),
        (("--since", "2025-02-10"), ["delta", "charlie", "bravo"]),
        (("--since", "2025-03-16T01:30:00Z"), ["delta", "charlie"]),  # charlie is 2025-03-16T01:30Z in UTC
        (("--since", "2025-03-16T01:30:01Z"), ["delta"]),
        (("--until", "2025-02-10"), ["bravo", "alpha"]),  # a date: that whole day
        (("--until", "2025-02-10T00:00:00Z"), ["alpha"]),  # a time: before it
        (("--match", "animation"), ["charlie"]),  # a hook
        (("--match", "REVIEWS TEACH"), ["bravo"]),  # the core idea
        (("--match", "stopwatch"), ["delta"]),  # an angle's description
        (("--match", "alpha LAUNCH"), ["alpha"]),  # the title
        (("--match", "no such words"), []),
        (("--sort", "title"), ["alpha", "bravo", "charlie", "delta"]),  # case aside
        (("--sort", "status"), ["alpha", "bravo", "charlie", "delta"]),  # the lifecycle's order
        (("--sort", "created", "--reverse"), ["alpha", "bravo", "charlie", "delta"]),
        (("--sort", "title", "--reverse"), ["delta", "charlie", "bravo", "alpha"]),
        (("--limit", "2"), ["delta", "charlie"]),
        (("--limit", "9"), ["delta", "charlie", "bravo", "alpha"]),
    ],
)
def test_each_filter_alone(root: Path, args: tuple[str, ...], expected: list[str]) -> None:
    assert both(root, *args) == expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("--source", "conversation", "--since", "2025-02-01"), ["delta"]),
        (("--theme", "product discovery", "--status", "seed"), ["alpha"]),
        (
            (
                "--since",
                "2025-01-01",
                "--until",
                "2025-03-31",
                "--sort",
                "title",
                "--reverse",
                "--limit",
                "2",
            ),
            ["charlie", "bravo"],
        ),
        (("--match", "a", "--platform", "linkedin", "--sort", "status", "--limit", "1"), ["alpha"]),
        (("--status", "archived", "--match", "stopwatch", "--source", "CONVERSATION"), ["delta"]),
        (("--status", "archived", "--platform", "x"), []),
    ],
)
def test_filters_combine(root: Path, args: tuple[str, ...], expected: list[str]) -> None:
    assert both(root, *args) == expected


def test_the_text_rows_are_the_json_rows(root: Path) -> None:
    result = CliRunner().invoke(cli, ["-C", str(root), "list", "--source", "conversation"])
    assert [line.split()[3] for line in result.stdout.splitlines()[1:]] == [  # under the header
        "seeds/2025-04-01__delta.md",
        "seeds/2025-01-05__alpha.md",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--status", "publised"),
            "--status 'publised' is not a status (known: seed, developed, published, archived, draft, scheduled); "
            "did you mean 'published'?",
        ),
        (("--status", "sheduled"), "did you mean 'scheduled'?"),
        (("--status", "nothing-like-it"), "--status 'nothing-like-it' is not a status (known: seed,"),
        (("--platform", "twitter"), "--platform 'twitter' is not a configured platform (known: bluesky, linkedin, mastodon, threads, x, x_premium)"),
        (("--platform", "linkdin"), "did you mean 'linkedin'?"),
        (("--since", "last week"), "--since 'last week' is not YYYY-MM-DD or an ISO 8601 datetime"),
        (("--until", "2025-02-30"), "--until '2025-02-30' is not YYYY-MM-DD or an ISO 8601 datetime"),
    ],
)
def test_unknown_values_are_usage_errors_with_a_hint(root: Path, args: tuple[str, ...], message: str) -> None:
    result = CliRunner().invoke(cli, ["-C", str(root), "list", *args])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("contentkit: error: ") and message in result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("args", [("--sort", "size"), ("--limit", "0"), ("--limit", "x")])
def test_bad_sort_and_limit_are_usage_errors(root: Path, args: tuple[str, ...]) -> None:
    assert CliRunner().invoke(cli, ["-C", str(root), "list", *args]).exit_code == 2


def test_a_configured_status_and_platform_are_known(root: Path) -> None:
    (root / "contentkit.toml").write_text(
        'statuses = ["seed", "developed", "review", "published"]\n[platforms.mastodon]\nlimit = 500\n',
        "utf-8",
    )
    assert both(root, "--status", "review") == []
    assert both(root, "--platform", "mastodon") == []
    result = CliRunner().invoke(cli, ["-C", str(root), "list", "--status", "archived"])
    assert (
        result.exit_code == 2
        and "(known: seed, developed, review, published, draft, scheduled)" in result.stderr
    )


# --- the pure module ----------------------------------------------------------------------------------


entries = st.lists(
    st.builds(
        Entry,
        path=st.text("abc", min_size=1, max_size=4).map(lambda t: f"seeds/{t}.md"),
        title=st.text("aAbB ", max_size=5),
        status=st.sampled_from(["seed", "developed", "published", "other"]),
        created=st.sampled_from(
            ["2025-01-01", "2025-01-01T05:00:00Z", "2024-12-31T23:00:00-08:00", "", "soon"]
        ),
    ),
    max_size=12,
    unique_by=lambda e: e.path,
)


@settings(max_examples=200)
@given(entries, st.sampled_from(query.SORTS), st.booleans(), st.none() | st.integers(1, 5))
def test_select_is_a_permutation_prefix_and_reverse_reverses(
    found: list[Entry], sort: str, reverse: bool, limit: int | None
) -> None:
    lifecycle = ("seed", "developed", "published")
    whole = query.select(found, query.Query(sort=sort), lifecycle)
    assert sorted(e.path for e in whole) == sorted(e.path for e in found)
    backwards = query.select(found, query.Query(sort=sort, reverse=True), lifecycle)
    assert backwards == whole[::-1]
    cut = query.select(found, query.Query(sort=sort, reverse=reverse, limit=limit), lifecycle)
    assert cut == (backwards if reverse else whole)[:limit]


@settings(max_examples=200)
@given(entries, st.sampled_from(["2024-12-31", "2025-01-01", "2025-01-01T05:00:00Z"]))
def test_since_and_until_split_the_dated_seeds(found: list[Entry], moment: str) -> None:
    at = dates.parse_date(moment)
    lifecycle = ("seed",)
    before = query.select(found, query.Query(until=at), lifecycle)
    after = query.select(found, query.Query(since=at), lifecycle)
    dated = [e for e in found if dates.instant(e.created)[0] == 1]
    assert sorted(e.path for e in before + after) == sorted(e.path for e in dated)
    assert not {e.path for e in before} & {e.path for e in after}


LIST_FILTERS = [
    ["--status", "seed"],
    ["--status", "developed", "--platform", "linkedin"],
    ["--platform", "x"],
    ["--theme", "AI systems", "--source", "reading"],
    ["--since", "2025-03-01", "--until", "2025-06-30"],
    ["--status", "seed", "--json"],
    ["--status", "seed", "--where", "source=reading"],
    ["--platform", "linkedin", "--due"],
]


@pytest.mark.parametrize("options", LIST_FILTERS)
def test_list_decodes_only_the_rows_its_filters_keep_and_prints_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, options: list[str]
) -> None:
    """With a warm cache, `list` decodes only the rows that pass its field filters; its output (and a
    broken seed's warning) is what it prints when every row is decoded."""
    from contentkit.store.cache import entries, store

    monkeypatch.setattr(store, "RACY_NS", -(10**12))  # stamps trusted at once, as in a settled repo
    root = tmp_path / "repo"
    (root / "seeds").mkdir(parents=True)
    (root / "contentkit.toml").write_text("", encoding="utf-8")
    for n in range(40):
        status, platform = ("seed", "developed")[n % 2], ("linkedin", "x")[n % 3 == 0]
        text = seed(f"Idea {n} é 写", f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}", ("reading", "talk")[n % 5 == 0],
                    status, platform, themes=(("AI systems",), ("Other",))[n % 4 == 0])
        (root / "seeds" / f"2025-01-{n:02d}__idea-{n}.md").write_text(text, encoding="utf-8")
    (root / "seeds" / "2025-02-01__broken.md").write_text("---\nk: [\n---\n", encoding="utf-8")
    invoke = CliRunner().invoke
    assert invoke(cli, ["-C", str(root), "index"]).exit_code == 0
    decoded: list[int] = []
    own = entries.own_entry

    def counted(row: list[object]) -> Entry:
        decoded.append(1)
        return own(row)

    monkeypatch.setattr(entries, "own_entry", counted)
    fast = invoke(cli, ["-C", str(root), "list", *options])
    fast_decoded = len(decoded)
    monkeypatch.setattr(query, "prefilter", lambda wanted, lifecycle: None)
    decoded.clear()
    every = invoke(cli, ["-C", str(root), "list", *options])
    assert (fast.exit_code, fast.stdout, fast.stderr) == (every.exit_code, every.stdout, every.stderr)
    assert len(decoded) == 41  # every row, the broken seed's included
    assert "broken" in fast.stderr
    if "--where" not in options:
        assert fast_decoded < 41  # the rows the filters refuse are never decoded
