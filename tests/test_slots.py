"""Posting slots: `[schedule]` in the config, the moments slots fall on across DST and week ends, and
which of them are free (contentkit/store/slots.py)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contentkit.store import slots
from contentkit.store.slots import Slot

from .conftest import Run

BERLIN = ZoneInfo("Europe/Berlin")
UTC = dt.timezone.utc


def moments(texts: list[str], after: dt.datetime, count: int, tz: dt.tzinfo = BERLIN) -> list[str]:
    found = slots.occurrences(tuple(slots.parse_slot(t) for t in texts), tz, after)
    return [next(found).isoformat() for _ in range(count)]


@pytest.mark.parametrize(
    ("text", "slot"),
    [("Tue 08:30", Slot(1, 8, 30)), ("tuesday 8:30", Slot(1, 8, 30)), ("SUN 00:00", Slot(6, 0, 0)),
     ("  Friday   23:59 ", Slot(4, 23, 59)), ("mon 07:05", Slot(0, 7, 5))],
)
def test_a_slot_is_an_english_day_name_short_or_full_in_any_case_and_a_time(text: str, slot: Slot) -> None:
    assert slots.parse_slot(text) == slot


@pytest.mark.parametrize(
    ("text", "says"),
    [("Tue", "is not a day and a time"), ("Tues 08:30", "'tues' is not a day"), ("Di 08:30", "'di' is not a day"),
     ("Tue 24:00", "24:00 is not a time of day"), ("Tue 08:60", "08:60 is not a time of day"),
     ("Tue 8.30", "is not a day and a time"), ("08:30 Tue", "is not a day and a time")],
)
def test_a_bad_slot_says_what_is_wrong(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        slots.parse_slot(text)


def test_slots_keep_their_wall_clock_time_across_the_spring_dst_change_in_berlin() -> None:
    """2026-03-29 is the last Sunday of March: 08:30 is 07:30 UTC before it and 06:30 UTC after it."""
    after = dt.datetime(2026, 3, 23, 0, 0, tzinfo=UTC)
    assert moments(["Mon 08:30", "Sun 08:30"], after, 3) == [
        "2026-03-23T08:30:00+01:00", "2026-03-29T08:30:00+02:00", "2026-03-30T08:30:00+02:00",
    ]
    utc = [dt.datetime.fromisoformat(m).astimezone(UTC).hour for m in moments(["Mon 08:30"], after, 2)]
    assert utc == [7, 6]


def test_a_slot_the_clocks_skip_is_the_first_moment_after_the_gap_and_a_doubled_one_its_first() -> None:
    spring = moments(["Sun 02:30"], dt.datetime(2026, 3, 28, tzinfo=UTC), 1)
    assert spring == ["2026-03-29T03:30:00+02:00"]  # 02:30 does not exist that night
    autumn = moments(["Sun 02:30"], dt.datetime(2026, 10, 24, tzinfo=UTC), 2)
    assert autumn == ["2026-10-25T02:30:00+02:00", "2026-11-01T02:30:00+01:00"]  # 02:30 happens twice: the first


def test_the_autumn_dst_change_keeps_the_local_time_too() -> None:
    after = dt.datetime(2026, 10, 20, tzinfo=UTC)
    assert moments(["Tue 08:30", "Thu 08:30"], after, 4) == [
        "2026-10-20T08:30:00+02:00", "2026-10-22T08:30:00+02:00",
        "2026-10-27T08:30:00+01:00", "2026-10-29T08:30:00+01:00",
    ]


def test_slots_run_on_across_the_week_boundary_sunday_to_monday() -> None:
    sunday_night = dt.datetime(2026, 12, 13, 22, 30, tzinfo=BERLIN)  # a Sunday, after its 22:00 slot
    assert moments(["Mon 08:30", "Sun 22:00"], sunday_night, 3) == [
        "2026-12-14T08:30:00+01:00", "2026-12-20T22:00:00+01:00", "2026-12-21T08:30:00+01:00",
    ]
    year_end = dt.datetime(2026, 12, 31, 23, 0, tzinfo=UTC)  # already Friday 1 Jan in Berlin
    assert moments(["Fri 00:30", "Mon 09:00"], year_end, 2) == ["2027-01-01T00:30:00+01:00", "2027-01-04T09:00:00+01:00"]


def test_a_busy_time_takes_its_slot_up_to_the_next_one() -> None:
    own = (Slot(1, 8, 30), Slot(3, 8, 30))
    after = dt.datetime(2026, 12, 7, tzinfo=UTC)
    busy = ["2026-12-08T10:00:00Z", "2026-12-10T07:30:00Z"]  # Tue later that day; Thu exactly at 08:30
    found = slots.free(own, BERLIN, busy, after)
    assert [next(found).isoformat() for _ in range(2)] == ["2026-12-15T08:30:00+01:00", "2026-12-17T08:30:00+01:00"]


@pytest.mark.parametrize(("texts", "days"), [(["Tue 08:30", "Thu 08:30"], 5), (["Mon 09:00"], 7),
                                             (["Mon 09:00", "Mon 18:00"], 7), ([], 0)])
def test_the_gap_threshold_comes_from_the_longest_stretch_between_slots(texts: list[str], days: int) -> None:
    assert slots.cadence_days(tuple(slots.parse_slot(t) for t in texts)) == days


@pytest.mark.parametrize(("text", "minutes"), [("15m", 15), ("1h", 60), ("1h30m", 90), ("1d", 1440), (" 2H ", 120),
                                               ("0", None), ("none", None), ("None", None), ("0m", None)])
def test_an_alarm_is_a_duration_or_none(text: str, minutes: int | None) -> None:
    assert slots.parse_alarm(text) == minutes


@pytest.mark.parametrize("text", ["15", "soon", "-15m", "15 m", "", "m", "30d"])
def test_a_bad_alarm_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        slots.parse_alarm(text)


# --- the property: what is planned is free, to come, in order, at the local time configured ----------

slot_st = st.builds(Slot, st.integers(0, 6), st.integers(0, 23), st.sampled_from([0, 15, 30, 45, 59]))
instants = st.datetimes(dt.datetime(2025, 1, 1), dt.datetime(2028, 12, 31), timezones=st.just(UTC))


def _at_wall_clock(moment: dt.datetime, own: tuple[Slot, ...]) -> bool:
    local = moment.astimezone(BERLIN)
    if Slot(local.weekday(), local.hour, local.minute) in own:
        return True
    # a slot time the clocks skipped: the moment is the end of the gap, an hour after the slot's time
    earlier = local - dt.timedelta(hours=1)
    naive = earlier.replace(tzinfo=None)
    skipped = naive.replace(tzinfo=BERLIN).astimezone(UTC).astimezone(BERLIN).replace(tzinfo=None) != naive
    return skipped and Slot(earlier.weekday(), earlier.hour, earlier.minute) in own


@given(st.lists(slot_st, min_size=1, max_size=5), instants, st.lists(st.integers(0, 40), max_size=12))
def test_planned_slots_are_free_to_come_in_order_and_at_the_configured_local_time(
    chosen: list[Slot], now: dt.datetime, taken: list[int]
) -> None:
    own = tuple(sorted(set(chosen)))
    every = slots.occurrences(own, BERLIN, now)
    upcoming = [next(every) for _ in range(45)]
    busy = sorted({upcoming[n].astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") for n in taken})
    found = slots.free(own, BERLIN, busy, now)
    planned = [next(found) for _ in range(5)]
    assert all(m > now for m in planned)
    assert planned == sorted(planned) and len(set(planned)) == len(planned)
    assert all(_at_wall_clock(m, own) for m in planned)
    stamps = {m.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") for m in planned}
    assert not stamps & set(busy)
    # and none was passed over: every occurrence before the last planned one is planned or busy
    for m in upcoming:
        if m <= planned[-1]:
            assert m in planned or m.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") in busy


# --- the config ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("toml", "line", "says"),
    [
        ('[schedule]\nslots = ["Tue 08:30", "Xyz 09:00"]\n', 2, "'schedule.slots': slot 'Xyz 09:00': 'xyz' is not a day"),
        ('[schedule]\nalarm = "soon"\n', 2, "'schedule.alarm': 'soon' is not a duration"),
        ("[schedule]\nalarm = 15\n", 2, "'schedule.alarm' must be text"),
        ("[schedule]\ngap_days = 0\n", 2, "'schedule.gap_days' must be a whole number of days"),
        ('[schedule]\nslot = ["Tue 08:30"]\n', 2, "unknown key 'schedule.slot'"),
        ('[schedule]\nslots = "Tue 08:30"\n', 2, "'schedule.slots' must be a list of slots"),
        ('[schedule]\nalarm = "15m"\n\n[schedule.linkdin]\nslots = ["Tue 08:30"]\n', 4,
         "'linkdin' is not a configured platform"),
        ('[schedule.x]\nslots = ["Mon 25:00"]\n', 2, "'schedule.x.slots': slot 'Mon 25:00': 25:00 is not a time"),
        ('[schedule.x]\nevery = 2\n', 2, "unknown key 'schedule.x.every'"),
    ],
)
def test_a_bad_schedule_config_is_one_located_line(repo: Path, run: Run, toml: str, line: int, says: str) -> None:
    (repo / "contentkit.toml").write_text(toml, encoding="utf-8")
    result = run("list")
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"contentkit: error: contentkit.toml:{line}: ") and says in result.stderr
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.output


def test_the_schedule_table_is_read_in_pyproject_too(repo: Path, run: Run) -> None:
    (repo / "contentkit.toml").unlink()
    (repo / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.contentkit]\n\n[tool.contentkit.schedule]\nslots = ["Tue 8:3"]\n', encoding="utf-8"
    )
    result = run("list")
    assert result.exit_code == 1 and result.stderr.startswith("contentkit: error: pyproject.toml:7: "), result.stderr


def test_a_platform_of_its_own_replaces_the_slots_of_every_platform() -> None:
    from contentkit.store import config

    table = {"schedule": {"slots": ["Tue 08:30", "Thu 08:30"], "x": {"slots": ["mon 12:00"], "gap_days": 10},
                          "alarm": "1h"}}
    found = config.from_mapping(table).schedule
    assert found.slots_of("linkedin") == (Slot(1, 8, 30), Slot(3, 8, 30))
    assert found.slots_of("x") == (Slot(0, 12, 0),)
    assert (found.gap_of("linkedin"), found.gap_of("x"), found.alarm) == (5, 10, 60)
    assert config.Config().schedule.alarm == 15 and config.Config().schedule.gap_of("linkedin") == 0
