"""dates.py, the one home of date helpers: what --date takes, validate accepts and sorting orders agree."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from contentkit.base import dates

MOMENTS = st.datetimes(
    min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(9000, 1, 1), timezones=st.just(dt.timezone.utc)
)


@given(MOMENTS)
def test_a_parsed_date_is_iso_8601_and_sorts_at_its_instant(moment: dt.datetime) -> None:
    text = dates.parse_date(moment.isoformat())
    assert dates.is_iso_8601(text)
    assert dates.instant(text) == (1, (moment.replace(microsecond=0) - dates._EPOCH) // dt.timedelta(microseconds=1), "")


@given(MOMENTS, MOMENTS)
def test_instants_order_as_the_moments_do(a: dt.datetime, b: dt.datetime) -> None:
    assert (dates.instant(a.isoformat()) < dates.instant(b.isoformat())) == (a < b)


def test_now_is_a_utc_timestamp_validate_accepts() -> None:
    assert dates.is_iso_8601(dates.now_utc()) and dates.now_utc().endswith("Z")


@given(MOMENTS, st.integers(min_value=-12, max_value=14), st.sampled_from([" ", "  ", "\t"]), st.booleans())
def test_a_yaml_1_1_timestamp_is_a_date_at_its_instant(moment: dt.datetime, hours: int, gap: str, colon: bool) -> None:
    """Jekyll's `2024-03-01 10:00:00 +0100`: a space before the time and the zone, the zone with or
    without its colon; the same instant as the ISO 8601 form."""
    zone = dt.timezone(dt.timedelta(hours=hours))
    local = moment.replace(microsecond=0).astimezone(zone)
    offset = f"{'+' if hours >= 0 else '-'}{abs(hours):02d}{':' if colon else ''}00"
    text = f"{local:%Y-%m-%d}{gap}{local:%H:%M:%S}{gap}{offset}"
    assert dates.is_iso_8601(text)
    assert dates.instant(text) == dates.instant(local.isoformat())
    assert dates.parse_date(text, "--since") == dates.parse_date(local.isoformat(), "--since")
