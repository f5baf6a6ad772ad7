"""Every date and time helper: now, an option's date in UTC, the ISO 8601 check, instants for sorting.

Light: the pre-commit path (validate) uses it; only the standard library and errors.py.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from contentkit.errors import UsageError

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


def parse_date(value: str, option: str = "--date") -> str:
    """`YYYY-MM-DD` or a full ISO 8601 datetime -> a UTC `YYYY-MM-DDTHH:MM:SSZ` string. `option` names
    the option the value came from in the message when it is neither."""
    bad = UsageError(f"{option} '{_shown(value)}' is not YYYY-MM-DD or an ISO 8601 datetime")
    try:
        if len(value) == 10:
            day = dt.date.fromisoformat(value)
            return f"{day.isoformat()}T00:00:00Z"
        moment = dt.datetime.fromisoformat(_canonical(value))
    except ValueError:
        raise bad from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    try:
        utc = moment.astimezone(dt.timezone.utc)
    except OverflowError:  # 9999-12-31T23:59:59-01:00 is in the year 10000
        raise UsageError(f"{option} '{_shown(value)}' is outside the years 0001 to 9999 in UTC") from None
    return utc.replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


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
