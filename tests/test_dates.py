"""dates.py, the one home of date helpers: what --date takes, validate accepts and sorting orders agree."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from contentkit import dates

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
