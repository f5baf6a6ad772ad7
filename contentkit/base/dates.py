"""Every date and time helper: now, an option's date, the ISO 8601 check, instants for sorting, and the
readable local time every display shows (`Tue 9 Dec, 08:30`).

A time written without an offset is the writer's local time: the config's `timezone` (an IANA name,
`Europe/Berlin`), else the system's zone (TZ honoured). It is stored with its offset
(`2026-12-09T08:30:00+01:00`; `Z` for UTC). A time in a file without an offset (written by hand
before) is read as UTC, as it always was.

Light: the pre-commit path (validate) uses it; only the standard library and errors.py.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from contentkit.base.errors import Hint, UsageError

DATE = Hint("date")  # the parameter a date comes from, when the caller names none

_DATE = "[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
_TIME = "([01][0-9]|2[0-3]):[0-5][0-9](:([0-5][0-9]|60)([.,][0-9]+)?)?"
_ZONE = "([Zz]|[+-]([01]?[0-9]|2[0-3])(:?[0-5][0-9])?)"

ISO_8601 = f"^{_DATE}(([Tt]|[ \\t]+){_TIME}([ \\t]*{_ZONE})?)?$"
"""A date (2025-12-19) or a date-time, with or without a zone (2025-12-19T05:10:00Z); also as YAML 1.1
and Jekyll write one, spaces before the time and the zone (2024-03-01 10:00:00 +0100)."""

_PARTS = re.compile(
    r"^\s*([0-9]{4}-[0-9]{2}-[0-9]{2})(?:(?:[Tt]|[ \t]+)([0-9]{2}:[0-9]{2}(?::[0-9]{2})?)([.,][0-9]+)?"
    r"(?:[ \t]*([Zz]|[+-][0-9]{1,2})(?::?([0-9]{2}))?)?)?\s*$"
)


def now_utc() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def zone(name: str = "") -> dt.tzinfo | None:
    """The IANA zone `name` (the config's `timezone`); None for "" (the system's zone, TZ honoured)."""
    if not name:
        return None
    if name == "UTC":
        return dt.timezone.utc
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError(f"unknown time zone '{_shown(name)}' (an IANA name, like Europe/Berlin)") from None


def local(naive: dt.datetime, tz: dt.tzinfo | None) -> dt.datetime:
    """A wall-clock time in `tz` (None: the system's zone, with its DST) as an aware datetime."""
    return naive.replace(tzinfo=tz) if tz is not None else naive.astimezone()


def stored(moment: dt.datetime) -> str:
    """An aware datetime as it is stored: seconds, its offset, `Z` for UTC."""
    text = moment.isoformat(timespec="seconds")
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def parse_date(value: str, option: str | Hint = DATE) -> str:
    """A stored date or time -> UTC `YYYY-MM-DDTHH:MM:SSZ` (a time without an offset, as a file may
    have it, read as UTC; a date is its UTC midnight): what sorting, comparing and the feeds use."""
    return to_utc(parse_local(value, option, "UTC"))


def to_utc(value: str) -> str:
    """A stored time with its offset -> UTC `YYYY-MM-DDTHH:MM:SSZ`."""
    moment = dt.datetime.fromisoformat(_canonical(value)).astimezone(dt.timezone.utc)
    return moment.replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


def parse_local(value: str, option: str | Hint = DATE, timezone: str = "") -> str:
    """What the writer typed (`YYYY-MM-DD` or a full ISO 8601 datetime) -> `YYYY-MM-DDTHH:MM:SS` with
    its offset, as it is stored. A date is midnight and a time without an offset is wall-clock time,
    both in `timezone` (the config's; "" the system's). `option` names the option the value came from
    in the message when it is neither."""
    bad = UsageError([option, f" '{_shown(value)}' is not YYYY-MM-DD or an ISO 8601 datetime"])
    try:
        if len(value) == 10:
            day = dt.date.fromisoformat(value)
            moment = dt.datetime(day.year, day.month, day.day)
        else:
            moment = dt.datetime.fromisoformat(_canonical(value))
        if moment.tzinfo is None:
            moment = local(moment, zone(timezone))
        moment.astimezone(dt.timezone.utc)
    except ValueError:
        raise bad from None
    except OverflowError:  # 9999-12-31T23:59:59-01:00 is in the year 10000
        raise UsageError([option, f" '{_shown(value)}' is outside the years 0001 to 9999 in UTC"]) from None
    return stored(moment)


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def readable(value: str, tz: dt.tzinfo | None = None, *, year: bool = True) -> str:
    """A stored time as a writer reads it, in `tz` (None: the system's zone): `Tue 9 Dec 2026, 08:30`
    (`year=False`: `Tue 9 Dec, 08:30`). A date alone is `Tue 9 Dec 2026`; other text as it is."""
    moment = moment_of(value)
    if moment is None:
        return value
    if len(value.strip()) == 10:
        day = f"{_DAYS[moment.weekday()]} {moment.day} {_MONTHS[moment.month - 1]}"
        return f"{day} {moment.year}" if year else day
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    try:
        moment = moment.astimezone(tz) if tz is not None else moment.astimezone()
    except (OverflowError, OSError):
        return value
    day = f"{_DAYS[moment.weekday()]} {moment.day} {_MONTHS[moment.month - 1]}"
    return f"{day}{f' {moment.year}' if year else ''}, {moment:%H:%M}"


def this_year(value: str, tz: dt.tzinfo | None = None) -> bool:
    """Whether the stored time falls in the current year (a display may then leave the year out)."""
    moment, now = moment_of(value), moment_of(now_utc())
    if moment is None or now is None:
        return False
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(tz).year == now.astimezone(tz).year


def before_or_at(a: str, b: str) -> bool:
    """Whether the instant of stored time `a` is not after `b`'s (offsets, `Z` and none as UTC)."""
    return instant(a) <= instant(b)


def _shown(value: str) -> str:
    return value if value.isprintable() else repr(value)[1:-1]


def is_iso_8601(value: Any) -> bool:
    """A YAML date or timestamp, or a string in ISO 8601 form that names a real day."""
    if isinstance(value, dt.date):
        return True
    if not isinstance(value, str) or not re.fullmatch(ISO_8601, value):
        return False
    try:
        dt.date(int(value[0:4]), int(value[5:7]), int(value[8:10]))
    except ValueError:
        return False
    return True


_YEAR_MONTH = re.compile(r"[0-9]{4}(-(0[1-9]|1[0-2]))?")
SEED_DATE = f"{ISO_8601}|^{_YEAR_MONTH.pattern}$"  # is_seed_date()'s text, as a JSON schema pattern


def is_seed_date(value: Any) -> bool:
    """A seed's `created` / `published_at`: ISO 8601, or only its year and month (`2019-12`) or year
    (`2019`, which YAML reads as a number), as Jekyll and Hugo writers keep the date of an old idea."""
    if isinstance(value, int) and not isinstance(value, bool):
        return 1000 <= value <= 9999
    return is_iso_8601(value) or isinstance(value, str) and _YEAR_MONTH.fullmatch(value) is not None


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def instant(created: str) -> tuple[int, int, str]:
    """A sort key for `created`: the real instant (a date, or a time without a zone, taken as UTC),
    in microseconds; text that is no date sorts before every date, by the text itself."""
    moment = moment_of(created)
    if moment is None:
        return (0, 0, created)
    if moment.tzinfo is None or moment.utcoffset() is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return (1, (moment - _EPOCH) // dt.timedelta(microseconds=1), "")


def moment_of(text: str) -> dt.datetime | None:
    """The datetime an ISO 8601 or YAML 1.1 date or timestamp names (naive without a zone); None for
    other text."""
    try:
        return dt.datetime.fromisoformat(_canonical(text))
    except (ValueError, OverflowError):
        return None


def _canonical(text: str) -> str:
    """An ISO 8601 or YAML 1.1 timestamp as every Python's fromisoformat reads it
    (`2024-03-01 10:00:00 +0100` -> `2024-03-01T10:00:00+01:00`); other text as it is."""
    parts = _PARTS.match(text)
    if parts is None:
        return text.strip()
    day, time, fraction, hours, minutes = parts.groups()
    if time is None:
        return day
    if len(time) == 5:
        time += ":00"
    if fraction:
        time += "." + (fraction[1:] + "000000")[:6]
    if hours is None:
        return f"{day}T{time}"
    if hours in "Zz":
        return f"{day}T{time}+00:00"
    return f"{day}T{time}{hours[0]}{int(hours[1:]):02d}:{minutes or '00'}"


def text_of(value: Any) -> str:
    """Front matter values as the text a writer means: timestamps back in ISO 8601."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None and value.utcoffset() == dt.timedelta(0):
            return value.replace(tzinfo=None).isoformat() + "Z"
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
