"""`schedule --next-slot`, `schedule --plan` and the gaps INDEX.md and the dashboard show."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contentkit.base import dates

from .conftest import Run, snapshot
from .metrics_helpers import DRAFTS, publish_all, record

NOW = "2026-03-01T12:00:00Z"  # a Sunday; Berlin's clocks go forward on Sunday 29 March
CONFIG = 'timezone = "Europe/Berlin"\n\n[schedule]\nslots = ["Tue 08:30", "thursday 08:30"]\n'
X_SLOTS = '\n[schedule.x]\nslots = ["Mon 12:00"]\n'
SHIPPING = DRAFTS["shipping"]
REVIEW = DRAFTS["code-review"]
MEASURE = DRAFTS["measure"]
X = "drafts/x/2025-11-03__shipping-beats-polishing.md"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "now_utc", lambda: NOW)


@pytest.fixture
def slotted(repo: Path, run: Run) -> Path:
    """Every example seed developed for LinkedIn, Tue and Thu 08:30 in Berlin."""
    (repo / "contentkit.toml").write_text(CONFIG, encoding="utf-8")
    for name in ("shipping", "code-review", "measure"):
        assert run("develop", name).exit_code == 0
    return repo


def scheduled_at(root: Path, draft: str) -> str:
    lines = (root / draft).read_text(encoding="utf-8").splitlines()
    return next(line.split(": ", 1)[1].strip('"') for line in lines if line.startswith("scheduled_at: "))


def test_next_slot_takes_the_next_free_slot_of_the_drafts_platform(slotted: Path, run: Run) -> None:
    before = (slotted / SHIPPING).read_bytes()
    result = run("schedule", "shipping", "--next-slot")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"scheduled {SHIPPING} for Tue 3 Mar 2026, 08:30 (2026-03-03T08:30:00+01:00)\n"
    assert (slotted / SHIPPING).read_bytes() == before.replace(
        b"status: draft\n", b'status: scheduled\nscheduled_at: "2026-03-03T08:30:00+01:00"\n'
    )
    assert run("schedule", "code-review", "--next-slot").exit_code == 0
    assert scheduled_at(slotted, REVIEW) == "2026-03-05T08:30:00+01:00"  # Tuesday's is taken
    assert run("schedule", "shipping", "--next-slot").exit_code == 0  # moved: its own slot is free to it
    assert scheduled_at(slotted, SHIPPING) == "2026-03-03T08:30:00+01:00"


def test_a_post_at_any_time_inside_a_slot_takes_it(slotted: Path, run: Run) -> None:
    assert run("schedule", "shipping", "--at", "2026-03-04T18:00").exit_code == 0  # Wed, after Tue's slot
    assert run("schedule", "code-review", "--next-slot").exit_code == 0
    assert scheduled_at(slotted, REVIEW) == "2026-03-05T08:30:00+01:00"


def test_next_slot_without_slots_for_the_platform_is_a_usage_error(repo: Path, run: Run) -> None:
    assert run("develop", "shipping").exit_code == 0
    before = snapshot(repo)
    result = run("schedule", "shipping", "--next-slot")
    assert result.exit_code == 2
    assert result.stderr == (
        "contentkit: error: LinkedIn has no posting slots: add [schedule] slots = [\"Tue 08:30\"] "
        "(or [schedule.linkedin])\n"
    )
    assert snapshot(repo) == before


@pytest.mark.parametrize(
    ("args", "says"),
    [(["schedule", "shipping"], "give one of --at WHEN, --next-slot or --plan"),
     (["schedule", "shipping", "--at", "2026-04-01", "--next-slot"], "give one of"),
     (["schedule", "shipping", "--plan"], "give no DRAFT"),
     (["schedule", "--next-slot"], "missing argument DRAFT"),
     (["schedule", "shipping", "--next-slot", "--by", "hook"], "--by and --json go with --plan"),
     (["schedule", "--plan", "--by", "mood"], "--by 'mood' is not a ranking")],
)
def test_the_ways_of_choosing_a_time_go_one_at_a_time(slotted: Path, run: Run, args: list[str], says: str) -> None:
    before = snapshot(slotted)
    result = run(*args)
    assert result.exit_code == 2 and says in result.stderr, result.output
    assert "Traceback" not in result.output and snapshot(slotted) == before


def test_plan_dry_run_prints_the_plan_and_writes_nothing(slotted: Path, run: Run) -> None:
    before = snapshot(slotted)
    result = run("schedule", "--plan", "--dry-run")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Dry run, nothing written. Would schedule:\n"
        f"  Tue 3 Mar 2026, 08:30   LinkedIn   {SHIPPING}\n"
        f"  Thu 5 Mar 2026, 08:30   LinkedIn   {REVIEW}\n"
        f"  Tue 10 Mar 2026, 08:30  LinkedIn   {MEASURE}\n"
    )
    assert snapshot(slotted) == before


def test_plan_writes_every_draft_and_index_and_a_second_plan_has_nothing_left(slotted: Path, run: Run) -> None:
    dry = run("schedule", "--plan", "--dry-run", "--json")
    result = run("schedule", "--plan", "--json")
    assert result.exit_code == 0, result.output
    planned = json.loads(result.stdout)
    assert planned["written"] is True and json.loads(dry.stdout)["plan"] == planned["plan"]
    assert [(p["draft"], p["scheduled_at"]) for p in planned["plan"]] == [
        (SHIPPING, "2026-03-03T08:30:00+01:00"), (REVIEW, "2026-03-05T08:30:00+01:00"),
        (MEASURE, "2026-03-10T08:30:00+01:00"),
    ]
    for p in planned["plan"]:
        assert scheduled_at(slotted, p["draft"]) == p["scheduled_at"]
    index = (slotted / "INDEX.md").read_text(encoding="utf-8")
    assert "## Upcoming (3)" in index and "Tue 10 Mar 2026, 08:30" in index
    assert run("index", "--check").exit_code == 0  # INDEX.md was written with the drafts
    again = run("schedule", "--plan")
    assert again.exit_code == 0 and again.stdout == "No ready draft to schedule.\n"


def test_a_month_across_two_platforms_and_a_dst_change(slotted: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """Slots after Berlin's clocks go forward stay at 08:30 and 12:00 local time."""
    monkeypatch.setattr(dates, "now_utc", lambda: "2026-03-24T12:00:00Z")  # Tuesday, after its slot
    (slotted / "contentkit.toml").write_text(CONFIG + X_SLOTS, encoding="utf-8")
    for name in ("shipping", "code-review", "measure"):
        run("develop", name, "--platform", "x")
    assert run("schedule", SHIPPING, "--at", "2026-03-26T08:30").exit_code == 0  # Thursday's slot is taken
    result = run("schedule", "--plan", "--json", "--dry-run")
    plan = json.loads(result.stdout)["plan"]
    placed = [(p["platform"], p["scheduled_at"]) for p in plan if "scheduled_at" in p]
    linkedin = [at for platform, at in placed if platform == "linkedin"]
    assert linkedin == ["2026-03-31T08:30:00+02:00", "2026-04-02T08:30:00+02:00"]
    x = [at for platform, at in placed if platform == "x"]
    assert x and x == ["2026-03-30T12:00:00+02:00", "2026-04-06T12:00:00+02:00", "2026-04-13T12:00:00+02:00"][: len(x)]
    assert len(x) + sum("left_out" in p for p in plan if "drafts/x/" in p["draft"]) == 3
    assert all("too long" in p["left_out"] or "over" in p["left_out"] for p in plan if "left_out" in p)


def test_plan_by_a_stats_ranking_puts_the_drafts_of_the_best_group_first(repo: Path, run: Run) -> None:
    (repo / "contentkit.toml").write_text(CONFIG + '\n[schedule.x]\nslots = ["Mon 12:00", "Wed 12:00", "Fri 12:00"]\n',
                                          encoding="utf-8")
    publish_all(run)
    record(run, "shipping", 1000, 5, 0, 0, "2025-12-01")  # 0.5 %
    record(run, "code-review", 1000, 20, 0, 0, "2025-12-01")  # 2 %
    record(run, "measure", 1000, 50, 0, 0, "2025-12-01")  # 5 %
    for name in ("shipping", "code-review", "measure"):
        assert run("develop", name, "--platform", "x").exit_code == 0
        path = repo / f"drafts/x/{Path(DRAFTS[name]).name}"  # cut to one post that fits
        path.write_text(path.read_text(encoding="utf-8").partition("\n\n")[0] + "\n\nShip it.\n", encoding="utf-8")
    oldest = json.loads(run("schedule", "--plan", "--dry-run", "--json").stdout)["plan"]
    ranked = json.loads(run("schedule", "--plan", "--dry-run", "--json", "--by", "source").stdout)["plan"]
    names = [Path(p["draft"]).stem.split("__")[1] for p in oldest]
    assert names == ["shipping-beats-polishing", "code-review-as-teaching", "measure-before-you-automate"]
    assert [Path(p["draft"]).stem.split("__")[1] for p in ranked] == names[::-1]
    assert [p["scheduled_at"] for p in ranked] == [p["scheduled_at"] for p in oldest]  # the same slots


def test_plan_by_a_ranking_without_figures_says_so_and_keeps_the_oldest_first(slotted: Path, run: Run) -> None:
    result = run("schedule", "--plan", "--dry-run", "--by", "hook")
    assert result.exit_code == 0
    assert result.stderr == "note: no figures to rank by hook yet (contentkit metrics): oldest seed first\n"
    assert result.stdout.splitlines()[1].endswith(SHIPPING)


def test_a_draft_that_cannot_be_scheduled_is_left_out_and_takes_no_slot(slotted: Path, run: Run) -> None:
    path = slotted / SHIPPING
    path.write_text(path.read_text(encoding="utf-8") + "\n" + "word " * 700 + "\n", encoding="utf-8")
    result = run("schedule", "--plan")
    assert result.exit_code == 0, result.output
    assert f"  left out: {SHIPPING}: " in result.stdout and "edit it down before scheduling it" in result.stdout
    assert scheduled_at(slotted, REVIEW) == "2026-03-03T08:30:00+01:00"
    assert "status: draft\n" in path.read_text(encoding="utf-8")


def test_index_shows_the_gaps_in_the_plan(slotted: Path, run: Run) -> None:
    url = "https://www.linkedin.com/posts/me_1"
    assert run("publish", SHIPPING, "--url", url, "--date", "2026-02-20T09:00:00+01:00").exit_code == 0
    assert run("schedule", REVIEW, "--at", "2026-03-03T08:30").exit_code == 0
    assert run("schedule", MEASURE, "--at", "2026-03-12T08:30").exit_code == 0
    index = (slotted / "INDEX.md").read_text(encoding="utf-8")
    assert (
        "## Gaps (2)\n\n"
        "- no LinkedIn post in 11 days: Fri 20 Feb 2026, 09:00 to Tue 3 Mar 2026, 08:30\n"
        "- no LinkedIn post in 9 days: Tue 3 Mar 2026, 08:30 to Thu 12 Mar 2026, 08:30\n"
    ) in index
    assert run("unschedule", MEASURE).exit_code == 0
    index = (slotted / "INDEX.md").read_text(encoding="utf-8")
    assert "- no LinkedIn post in 9 days" not in index


def test_index_says_when_nothing_is_scheduled_after_the_last_post(slotted: Path, run: Run) -> None:
    url = "https://www.linkedin.com/posts/me_1"
    assert run("publish", SHIPPING, "--url", url, "--date", "2026-02-27T09:00:00Z").exit_code == 0
    index = (slotted / "INDEX.md").read_text(encoding="utf-8")
    assert "## Gaps (1)\n\n- no LinkedIn post scheduled after Fri 27 Feb 2026, 10:00\n" in index


def test_a_repo_without_slots_has_no_gaps_section(repo: Path, run: Run) -> None:
    assert run("develop", "shipping").exit_code == 0
    assert run("publish", "shipping", "--url", "https://example.com/p", "--date", "2025-01-01").exit_code == 0
    assert "## Gaps" not in (repo / "INDEX.md").read_text(encoding="utf-8")


def test_gap_days_in_the_config_sets_the_threshold(slotted: Path, run: Run) -> None:
    (slotted / "contentkit.toml").write_text(CONFIG + "gap_days = 10\n", encoding="utf-8")
    assert run("schedule", SHIPPING, "--at", "2026-03-03T08:30").exit_code == 0
    assert run("schedule", REVIEW, "--at", "2026-03-12T08:30").exit_code == 0  # 9 days: no gap
    assert run("schedule", MEASURE, "--at", "2026-03-24T08:30").exit_code == 0  # 12 days: a gap
    index = (slotted / "INDEX.md").read_text(encoding="utf-8")
    assert "## Gaps (1)\n\n- no LinkedIn post in 12 days: Thu 12 Mar 2026, 08:30 to Tue 24 Mar 2026, 08:30" in index


def test_the_dashboard_shows_how_long_since_the_last_post(slotted: Path, run: Run) -> None:
    pytest.importorskip("starlette")
    from contentkit.serve import pages
    from contentkit.store.repo import Repo

    url = "https://www.linkedin.com/posts/me_1"
    assert run("publish", SHIPPING, "--url", url, "--date", "2026-02-20T09:00:00+01:00").exit_code == 0
    page = pages.dashboard(Repo.discover(slotted))
    assert "no LinkedIn post in 9 days (the last: Fri 20 Feb" in page and "nothing scheduled" in page
    assert run("schedule", REVIEW, "--at", "2026-03-03T08:30").exit_code == 0
    page = pages.dashboard(Repo.discover(slotted))
    assert "no LinkedIn post in 11 days: Fri 20 Feb" in page and "(the last:" not in page


@pytest.mark.slow
def test_a_plan_killed_between_its_writes_is_finished_by_the_next_command(slotted: Path) -> None:
    """All or none: a `schedule --plan` killed just before it moves the last draft into place leaves a
    journal; the next writing command finishes the plan (every draft scheduled, INDEX.md with them)."""
    from .test_crash import committed, invoke, killed

    root = committed(slotted)
    assert killed(root, "replace", 1, "schedule", "--plan", only_to=MEASURE) == -9
    assert "status: draft\n" in (root / MEASURE).read_text(encoding="utf-8")
    code, output = invoke(root, "validate")
    assert code == 1 and "interrupted write" in output
    code, output = invoke(root, "index")
    assert code == 0, output
    for draft in (SHIPPING, REVIEW, MEASURE):
        assert "status: scheduled\n" in (root / draft).read_text(encoding="utf-8"), draft
    assert invoke(root, "index", "--check")[0] == 0


# --- the property, through the plan itself ---------------------------------------------------------------

ZONES = ("Europe/Berlin", "America/New_York", "UTC")


@pytest.fixture(scope="module")
def ready_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three LinkedIn drafts and one X draft, ready; the config is rewritten by each example."""
    import shutil

    from click.testing import CliRunner

    from contentkit.cli import cli

    from .conftest import EXAMPLE_SEEDS

    root = tmp_path_factory.mktemp("plan") / "content"
    (root / "seeds").mkdir(parents=True)
    (root / "contentkit.toml").write_text("", encoding="utf-8")
    for seed in EXAMPLE_SEEDS:
        shutil.copy(seed, root / "seeds" / seed.name)
    for args in (["develop", "shipping"], ["develop", "code-review"], ["develop", "measure"],
                 ["develop", "shipping", "--platform", "x"]):
        assert CliRunner().invoke(cli, ["-C", str(root), *args]).exit_code == 0
    head = (root / X).read_text(encoding="utf-8").partition("\n---\n\n")[0]
    (root / X).write_text(head + "\n---\n\nShip it rough, then watch. #Shipping\n", encoding="utf-8")
    return root


def _next_wall_clock(after: dt.datetime, own: list[tuple[int, int, int]], tz: dt.tzinfo) -> dt.datetime:
    """The first slot moment after `after`, by a plain walk over local days (the oracle)."""
    from contentkit.store.slots import Slot, wall_clock

    day = after.astimezone(tz).date() - dt.timedelta(days=1)
    while True:
        found = sorted(m for m in (wall_clock(day, Slot(*s), tz) for s in own if s[0] == day.weekday()) if m > after)
        if found:
            return found[0]
        day += dt.timedelta(days=1)


SLOT = st.tuples(st.integers(0, 6), st.integers(0, 23), st.sampled_from([0, 30, 59]))


@settings(max_examples=20, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    zone=st.sampled_from(ZONES),
    every=st.lists(SLOT, min_size=1, max_size=4, unique=True),
    x_own=st.lists(SLOT, min_size=1, max_size=3, unique=True),
    now=st.datetimes(dt.datetime(2026, 1, 1), dt.datetime(2027, 12, 31), timezones=st.just(dt.timezone.utc)),
    busy_days=st.integers(0, 20),
)
def test_the_plan_is_free_to_come_in_order_and_at_the_local_slot_times(
    ready_repo: Path, monkeypatch: pytest.MonkeyPatch, zone: str, every: list[tuple[int, int, int]],
    x_own: list[tuple[int, int, int]], now: dt.datetime, busy_days: int,
) -> None:
    from contentkit.store.repo import Repo
    from contentkit.usecases import slot_plan

    tz = ZoneInfo(zone) if zone != "UTC" else dt.timezone.utc
    text = lambda own: ", ".join(f'"{("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[d]} {h:02d}:{m:02d}"' for d, h, m in own)  # noqa: E731
    (ready_repo / "contentkit.toml").write_text(
        f'timezone = "{zone}"\n\n[schedule]\nslots = [{text(every)}]\n\n[schedule.x]\nslots = [{text(x_own)}]\n',
        encoding="utf-8",
    )
    stamp = now.strftime("%Y-%m-%dT%H:%M:%SZ")
    monkeypatch.setattr(dates, "now_utc", lambda: stamp)
    busy = now + dt.timedelta(days=busy_days, hours=3)  # a LinkedIn post placed by hand
    measure = ready_repo / MEASURE
    original = measure.read_text(encoding="utf-8")
    measure.write_text(original.replace("status: draft\n", f"status: scheduled\nscheduled_at: {busy.isoformat()}\n"),
                       encoding="utf-8")
    try:
        layout = slot_plan.plan_layout(Repo.discover(ready_repo))
    finally:
        measure.write_text(original, encoding="utf-8")
    assert not layout.left_out and len(layout.placed) == 3
    for platform, own in (("linkedin", every), ("x", x_own)):
        moments = [dt.datetime.fromisoformat(p.when) for p in layout.placed if p.platform == platform]
        expected, previous = [], now
        while len(expected) < len(moments):  # each slot to come in turn, the busy one passed over
            moment = _next_wall_clock(previous, own, tz)
            following = _next_wall_clock(moment, own, tz)
            if not (platform == "linkedin" and moment <= busy < following):
                expected.append(moment)
            previous = moment
        assert moments == expected
        for moment in moments:
            local, skipped = moment.astimezone(tz), (moment - dt.timedelta(hours=1)).astimezone(tz)
            at_slot = (local.weekday(), local.hour, local.minute) in own
            after_a_gap = local.utcoffset() != skipped.utcoffset() and (  # a slot time the clocks skipped
                (local.weekday(), local.hour - 1, local.minute) in own)
            assert moment > now and (at_slot or after_a_gap)


def test_a_draft_two_seeds_link_to_is_planned_once(slotted: Path, run: Run) -> None:
    other = slotted / "seeds" / "2025-11-17__measure-before-you-automate.md"
    text = other.read_text(encoding="utf-8")
    other.write_text(text.replace(f"developed_to: {MEASURE}", f"developed_to:\n  - {MEASURE}\n  - {SHIPPING}"),
                     encoding="utf-8")
    assert SHIPPING in other.read_text(encoding="utf-8")
    plan = json.loads(run("schedule", "--plan", "--dry-run", "--json").stdout)["plan"]
    assert [p["draft"] for p in plan] == [SHIPPING, REVIEW, MEASURE]
