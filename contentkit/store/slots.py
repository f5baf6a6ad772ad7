"""Posting slots: the writer's cadence (`Tue 08:30`, `Thu 08:30`) as the config's `[schedule]` table
says it, and the moments those slots fall on.

`[schedule] slots = [...]` holds for every platform, `[schedule.<platform>] slots = [...]` for that one
instead. A slot is a weekday and a wall-clock time in the repo's `timezone`: across a DST change it
stays at the same local time (its UTC moment moves by an hour). A slot time that a DST change skips
(02:30 on the night clocks go forward) is the first moment after the gap (03:30); one that happens
twice is its first.

`gap_days` is how many days without a post make a gap (INDEX.md and the dashboard show it), by
default the longest stretch between two slots of the platform's week. `alarm` is how long before a
scheduled post its calendar event prompts (`15m`, `1h`, `1d`, `1h30m`; `0` or `none`: no alarm).

Pure: the standard library, errors.py and dates.py.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from contentkit.base import dates
from contentkit.base.errors import ConfigError
from contentkit.store.config_vocabulary import Vocabulary

DAY_NAMES = {
    name: number
    for number, names in enumerate(
        (("mon", "monday"), ("tue", "tuesday"), ("wed", "wednesday"), ("thu", "thursday"),
         ("fri", "friday"), ("sat", "saturday"), ("sun", "sunday"))
    )
    for name in names
}
SHORT_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DEFAULT_ALARM = 15  # minutes before a scheduled post
_SLOT = re.compile(r"\s*([A-Za-z]+)\s+([0-9]{1,2}):([0-9]{2})\s*")
_ALARM = re.compile(r"(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?")
_ALARM_UNITS = (24 * 60, 60, 1)
KEYS = ("slots", "gap_days", "alarm")  # of [schedule]; [schedule.<platform>] takes slots and gap_days


@dataclass(frozen=True, order=True)
class Slot:
    """A weekday (0 Monday) and a wall-clock time."""

    weekday: int
    hour: int
    minute: int

    def __str__(self) -> str:
        return f"{SHORT_DAYS[self.weekday]} {self.hour:02d}:{self.minute:02d}"


@dataclass(frozen=True)
class Schedule:
    """The `[schedule]` table: the slots of every platform, each platform's own, the gap threshold
    (0: from the cadence) and the alarm in minutes (None: no alarm)."""

    slots: tuple[Slot, ...] = ()
    platforms: dict[str, tuple[Slot, ...]] = field(default_factory=dict)
    gap_days: int = 0
    platform_gap_days: dict[str, int] = field(default_factory=dict)
    alarm: int | None = DEFAULT_ALARM

    def slots_of(self, platform: str) -> tuple[Slot, ...]:
        """The platform's slots: its own table's, else the ones for every platform."""
        return self.platforms.get(platform, self.slots)

    def gap_of(self, platform: str) -> int:
        """Days without a post that make a gap for the platform; 0 when it has no cadence at all."""
        return self.platform_gap_days.get(platform) or self.gap_days or cadence_days(self.slots_of(platform))


def parse_slot(text: str) -> Slot:
    """`Tue 08:30` (a day's English name, three letters or full, any case; HH:MM) -> a Slot; a
    ValueError saying what is wrong otherwise."""
    match = _SLOT.fullmatch(text)
    if match is None:
        raise ValueError(f"slot '{_shown(text)}' is not a day and a time, like 'Tue 08:30'")
    day, hour, minute = match.group(1).lower(), int(match.group(2)), int(match.group(3))
    if day not in DAY_NAMES:
        raise ValueError(f"slot '{_shown(text)}': '{day}' is not a day (Mon..Sun or Monday..Sunday)")
    if hour > 23 or minute > 59:
        clock = f"{hour:02d}:{minute:02d}"
        raise ValueError(f"slot '{_shown(text)}': {clock} is not a time of day (00:00 to 23:59)")
    return Slot(DAY_NAMES[day], hour, minute)


def parse_alarm(text: str) -> int | None:
    """`15m`, `1h`, `1d`, `1h30m` -> minutes; `0` or `none` -> None (no alarm); a ValueError otherwise."""
    value = text.strip().lower()
    if value in ("0", "none", "off"):
        return None
    match = _ALARM.fullmatch(value)
    if not value or match is None:
        like = "a duration like '15m', '1h' or '1d' (or '0'/'none': no alarm)"
        raise ValueError(f"'{_shown(text)}' is not {like}")
    minutes = sum(int(n or 0) * unit for n, unit in zip(match.groups(), _ALARM_UNITS, strict=True))
    if minutes > 28 * 24 * 60:
        raise ValueError(f"'{_shown(text)}' is more than 28 days before the post")
    return minutes or None


def cadence_days(slots: tuple[Slot, ...]) -> int:
    """The longest stretch between two consecutive slots of a week, in whole days (rounded up); 0
    without slots. Tue and Thu 08:30: 5 (Thu to Tue)."""
    if not slots:
        return 0
    week = 7 * 24 * 60
    starts = sorted({(s.weekday * 24 + s.hour) * 60 + s.minute for s in slots})
    stretches = [(b - a) for a, b in zip(starts, [*starts[1:], starts[0] + week], strict=True)]
    return math.ceil(max(stretches) / (24 * 60))


def occurrences(slots: tuple[Slot, ...], tz: dt.tzinfo | None, after: dt.datetime) -> Iterator[dt.datetime]:
    """The moments the slots fall on after `after` (aware), soonest first, each in `tz` (None: the
    system's zone) at its wall-clock time; endless when there are slots."""
    if not slots:
        return
    ordered = sorted(set(slots), key=lambda s: (s.hour, s.minute))
    day = (after.astimezone(tz) if tz is not None else after.astimezone()).date() - dt.timedelta(days=1)
    last = dt.date.max - dt.timedelta(days=1)
    while day < last:
        for slot in (s for s in ordered if s.weekday == day.weekday()):
            moment = wall_clock(day, slot, tz)
            if moment > after:
                yield moment
        day += dt.timedelta(days=1)


def free(
    slots: tuple[Slot, ...], tz: dt.tzinfo | None, busy: list[str], after: dt.datetime
) -> Iterator[dt.datetime]:
    """The slots' moments after `after` that no busy time (UTC `YYYY-MM-DDTHH:MM:SSZ`) falls in, a
    slot reaching up to the next one, soonest first."""
    moments = occurrences(slots, tz, after)
    current = next(moments, None)
    for following in moments:
        assert current is not None
        start, end = _utc(current), _utc(following)
        if not any(start <= t < end for t in busy):
            yield current
        current = following


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def wall_clock(day: dt.date, slot: Slot, tz: dt.tzinfo | None) -> dt.datetime:
    """The slot's time on `day` in `tz` as a real moment (a skipped time: the moment after the gap)."""
    naive = dt.datetime(day.year, day.month, day.day, slot.hour, slot.minute)
    moment = dates.local(naive, tz)
    return moment.astimezone(dt.timezone.utc).astimezone(tz) if tz is not None else moment


# --- [schedule] in the config ------------------------------------------------------------------------


def read(table: Any, path: Path | None, text: str, prefix: str, platforms: set[str]) -> Schedule:
    """The `[schedule]` table; each error names the file and the line of the entry at fault."""
    where = Vocabulary(path, text, prefix)

    def fail(message: str, name: str, key: str | None = None) -> ConfigError:
        return ConfigError(message, path, where.line_of(name, key))

    if not isinstance(table, dict):
        raise fail("'schedule' must be a table: [schedule] with slots, gap_days, alarm", "schedule")
    values: dict[str, Any] = {"platforms": {}, "platform_gap_days": {}}
    for key, value in table.items():
        if isinstance(value, dict):
            _platform(key, value, platforms, values, fail)
        elif key == "slots":
            values["slots"] = _slots(value, "schedule", fail)
        elif key == "gap_days":
            values["gap_days"] = _days(value, "schedule", fail)
        elif key == "alarm":
            values["alarm"] = _alarm(value, fail)
        else:
            raise fail(f"unknown key 'schedule.{key}' (known: {', '.join(KEYS)}, [schedule.<platform>])",
                       "schedule", key)
    return Schedule(**values)


def _platform(
    name: str, table: dict[str, Any], platforms: set[str], values: dict[str, Any], fail: Any
) -> None:
    where = f"schedule.{name}"
    if name not in platforms:
        known = ", ".join(sorted(platforms))
        raise fail(f"[{where}]: '{_shown(name)}' is not a configured platform ({known})", where)
    for key, value in table.items():
        if key == "slots":
            values["platforms"][name] = _slots(value, where, fail)
        elif key == "gap_days":
            values["platform_gap_days"][name] = _days(value, where, fail)
        else:
            raise fail(f"unknown key '{where}.{_shown(str(key))}' (known: slots, gap_days)", where, key)


def _slots(value: Any, where: str, fail: Any) -> tuple[Slot, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        like = '["Tue 08:30", "Thu 08:30"]'
        raise fail(f"'{where}.slots' must be a list of slots, like {like}", where, "slots")
    try:
        return tuple(sorted({parse_slot(v) for v in value}))
    except ValueError as exc:
        raise fail(f"'{where}.slots': {exc}", where, "slots") from None


def _days(value: Any, where: str, fail: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 366:
        raise fail(f"'{where}.gap_days' must be a whole number of days from 1 to 366", where, "gap_days")
    return value


def _alarm(value: Any, fail: Any) -> int | None:
    if not isinstance(value, str):
        raise fail("'schedule.alarm' must be text: a duration like \"15m\", \"1h\" (or \"none\")",
                   "schedule", "alarm")
    try:
        return parse_alarm(value)
    except ValueError as exc:
        raise fail(f"'schedule.alarm': {exc}", "schedule", "alarm") from None


def _shown(value: str) -> str:
    return value if value.isprintable() else repr(value)[1:-1]
