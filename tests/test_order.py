"""Seeds are ordered by when they were created, the instant, not the text: in `list` and INDEX.md."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from contentkit.store.catalog import Entry, instant, newest_first

from .conftest import Run

SEED = """\
---
type: moment
category: content-seed
created: {created}
source: idea
platform: linkedin
status: seed
---
# {title}

## Core Idea

An idea.

## Next Steps

- [ ] Task of {title}
"""

# newest first: 06:00Z, then 10:00+05:00 (05:00Z), then 04:30 with no zone (UTC), then the bare date
CREATED = {
    "a-offset": "'2025-01-01T10:00:00+05:00'",
    "b-utc": "2025-01-01T06:00:00Z",
    "c-naive": "'2025-01-01T04:30:00'",
    "d-date": "2025-01-01",
}
NEWEST_FIRST = ["b-utc", "a-offset", "c-naive", "d-date"]


def write_seeds(repo: Path) -> None:
    for old in (repo / "seeds").glob("*.md"):
        old.unlink()
    for name, created in CREATED.items():
        text = SEED.format(created=created, title=f"Seed {name}")
        (repo / "seeds" / f"{name}.md").write_text(text, encoding="utf-8")


def positions(text: str) -> list[str]:
    return sorted(CREATED, key=lambda name: text.index(f"Seed {name}"))


def test_list_sorts_by_the_instant(repo: Path, run: Run) -> None:
    write_seeds(repo)
    result = run("list")
    assert result.exit_code == 0, result.output
    assert positions(result.stdout) == NEWEST_FIRST


def test_index_tables_and_tasks_sort_by_the_instant(repo: Path, run: Run) -> None:
    write_seeds(repo)
    assert run("index").exit_code == 0
    text = (repo / "INDEX.md").read_text(encoding="utf-8")
    table, tasks = text.split("Task of", 1)[0], text[text.index("Task of") - 200 :]
    assert positions(table) == NEWEST_FIRST
    assert sorted(CREATED, key=lambda name: tasks.index(f"Task of Seed {name}")) == NEWEST_FIRST


zones = st.integers(-23 * 60 - 59, 23 * 60 + 59).map(lambda m: dt.timezone(dt.timedelta(minutes=m)))
moments = st.datetimes(timezones=st.none() | zones)


@given(st.lists(moments, max_size=12))
def test_newest_first_is_the_order_of_instants(values: list[dt.datetime]) -> None:
    entries = [Entry(path=f"seeds/{n:02d}.md", created=v.isoformat()) for n, v in enumerate(values)]
    ordered = newest_first(entries)

    def utc(e: Entry) -> dt.datetime:
        moment = dt.datetime.fromisoformat(e.created)
        return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)

    assert [utc(e) for e in ordered] == sorted((utc(e) for e in entries), reverse=True)
    ties = [(utc(a), a.path) for a in ordered]
    assert ties == sorted(ties, reverse=True)  # equal instants: by path, the same every run


@given(st.text(max_size=30))
def test_any_created_text_has_a_key_and_dates_sort_before_text(text: str) -> None:
    key = instant(text)
    assert instant("2025-01-01") > key or key[0] == 1
