"""One slug of a seed's file stem for every command: `new` keeps it unique, references match it,
validate compares it; and the file-name slug of a title."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from contentkit.base.slug import file_slug, stem_slug

from .conftest import Run


def test_new_show_and_validate_agree_on_a_stem_slug(repo: Path, run: Run) -> None:
    """An undated `notes__x.md` has the slug `notes__x` everywhere: `new` may take `x`, and `show x`
    names only the seed whose slug starts with `x`."""
    seeds = repo / "seeds"
    (seeds / "2025-11-03__shipping-beats-polishing.md").rename(seeds / "notes__shipping-beats-polishing.md")
    made = run("new", "Shipping beats polishing", "--date", "2025-12-01")
    assert made.stdout.strip() == "seeds/2025-12-01__shipping-beats-polishing.md"
    shown = run("show", "shipping-beats", "--json")
    assert shown.exit_code == 0, shown.stderr
    assert json.loads(shown.stdout)["path"] == "seeds/2025-12-01__shipping-beats-polishing.md"
    report = json.loads(run("validate", "--format", "json").stdout)
    assert not [d for d in report if d["code"] == "CK208"]


DATES = st.dates().map(lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}")


@given(DATES, st.text(min_size=1))
def test_stem_slug_is_what_follows_the_date(date: str, title: str) -> None:
    slug = file_slug(title)
    assert stem_slug(f"{date}__{slug}") == slug
    assert stem_slug(slug) == slug  # an undated stem is its own slug
    assert len(slug.encode("utf-8")) <= 120 and "__" not in slug
