"""Counting as each platform counts: X's weighted rule against twitter-text's own conformance cases,
graphemes for Bluesky, URLs at a fixed length, and every count (preview, --json, validate) using it.

tests/data/twitter_text/validate_v3.json holds the cases of twitter-text's conformance/validate.yml
(github.com/twitter/twitter-text, Apache-2.0, Copyright 2011 Twitter, Inc.; its LICENSE beside it) for
the v3 configuration: WeightedTweetsWithDiscountedEmojiCounterTest and UnicodeDirectionalMarkerCounterTest.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contentkit.platforms import xurls
from contentkit.platforms.counting import count, offset_within
from contentkit.store.config import DEFAULT_PLATFORMS

from .conftest import Run

DATA = json.loads((Path(__file__).parent / "data" / "twitter_text" / "validate_v3.json").read_text(encoding="utf-8"))
CASES = [case for cases in DATA["tests"].values() for case in cases]


def test_the_cases_name_their_source() -> None:
    assert "twitter/twitter-text" in DATA["source"] and "Apache-2.0" in DATA["licence"]
    assert len(CASES) == 24


@pytest.mark.parametrize("case", CASES, ids=[c["description"][:60] for c in CASES])
def test_x_counts_as_twitter_text(case: dict[str, Any]) -> None:
    assert count(case["text"], "x", 23) == case["expected"]["weightedLength"]
    assert (count(case["text"], "x", 23) <= 280) is (case["expected"]["weightedLength"] <= 280)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Read https://example.com/a/very/long/path/that/goes/on/and/on today", 5 + 23 + 6),
        ("see example.com/page.", 4 + 23 + 1),  # no scheme, a known TLD; the full stop is text
        ("file.notatld is text", 20),
        ("Привет, мир", 11),  # Cyrillic weighs 1
        ("Tiếng Việt có dấu", 20),  # ế ệ ấ (U+1E00-1EFF) are outside 0-4351: 2 each
        ("Tie\u0302\u0301ng", 6),  # decomposed: NFC first (ế, one code point of weight 2)
        ("日本語のテキスト", 16),  # CJK weighs 2
        ("👨‍👩‍👧 family", 2 + 7),  # one emoji sequence, whatever its joiners
        ("🇫🇷 flag", 2 + 5),
        ("👍🏽", 2),  # a skin tone is part of the emoji
        ("© 2026", 6),  # © without U+FE0F is text
    ],
)
def test_x_published_rules(text: str, expected: int) -> None:
    assert count(text, "x", 23) == expected


def test_graphemes_and_code_points() -> None:
    family = "👨‍👩‍👧"
    assert count(family, "chars") == 5
    assert count(family, "graphemes") == 1
    assert count("e\u0301", "chars") == 1  # NFC first


def test_mastodon_counts_urls_with_a_scheme_only() -> None:
    mastodon = DEFAULT_PLATFORMS["mastodon"]
    assert mastodon.count("https://example.com/" + "a" * 40) == 23
    assert mastodon.count("example.com") == 11


def test_packaged_profiles() -> None:
    expected = {"bluesky": (300, "graphemes"), "threads": (500, "chars"), "mastodon": (500, "graphemes"),
                "x_premium": (25000, "x"), "x": (280, "x"), "linkedin": (3000, "chars")}
    assert {name: (p.limit, p.counting) for name, p in DEFAULT_PLATFORMS.items()} == expected
    assert DEFAULT_PLATFORMS["x_premium"].fold_chars == 280
    assert DEFAULT_PLATFORMS["linkedin"].folds == {"desktop": (210, 3), "phone": (140, 3)}


@given(st.text(max_size=60), st.integers(min_value=0, max_value=80), st.sampled_from(["chars", "graphemes", "x"]))
def test_a_fold_never_cuts_a_url_or_an_emoji(text: str, budget: int, rule: str) -> None:
    end = offset_within(text, budget, rule, 23)
    assert count(text[:end], rule, 23) <= budget or end == 0
    for start, stop in xurls.spans(text, rule == "x"):
        assert not start < end < stop


def test_preview_and_validate_use_the_x_count(repo: Path, run: Run) -> None:
    draft = repo / "drafts" / "x" / "cjk.md"
    draft.parent.mkdir(parents=True)
    draft.write_text("---\nplatform: x\nstatus: draft\n---\n\n" + "漢" * 141 + "\n", encoding="utf-8")
    data = json.loads(run("preview", str(draft), "--json").stdout)
    assert data["characters"] == 282 and data["over_limit"] and data["counting"] == "x"
    result = run("validate", str(draft))
    assert "CK501" in result.output and "282 characters" in result.output
    draft.write_text("---\nplatform: x\nstatus: draft\n---\n\n" + "https://example.com/" + "a" * 300 + "\n", encoding="utf-8")
    assert json.loads(run("preview", str(draft), "--json").stdout)["characters"] == 23


def test_a_repo_sets_each_screens_fold_and_the_counting_rule(repo: Path, run: Run) -> None:
    (repo / "contentkit.toml").write_text(
        '[platforms.linkedin]\nfold_phone = { chars = 20 }\nfold_desktop = { chars = 60, lines = 0 }\n'
        '[platforms.pixelfed]\nlimit = 10\ncounting = "graphemes"\nurl_length = 23\n',
        encoding="utf-8",
    )
    draft = repo / "drafts" / "linkedin" / "folds.md"
    draft.parent.mkdir(parents=True)
    draft.write_text("---\nplatform: linkedin\n---\n\n" + " ".join(["word"] * 30) + "\n", encoding="utf-8")
    folds = json.loads(run("preview", str(draft), "--json").stdout)["folds"]
    assert (folds["phone"]["at"], folds["desktop"]["at"]) == (19, 59)
    draft.write_text("---\nplatform: pixelfed\n---\n\n👨‍👩‍👧 https://example.com/long/path\n", encoding="utf-8")
    assert json.loads(run("preview", str(draft), "--json").stdout)["characters"] == 1 + 1 + 23


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('[platforms.x]\ncounting = "words"\n', "'platforms.x.counting' must be one of: chars, graphemes, x"),
        ("[platforms.x]\nfold_phone = 140\n", "'platforms.x.fold_phone' must be a table"),
        ("[platforms.x]\nfold_phone = { chars = -1 }\n", "chars and lines must be whole numbers >= 0"),
    ],
)
def test_bad_profile_values_are_one_line_errors(repo: Path, run: Run, table: str, message: str) -> None:
    (repo / "contentkit.toml").write_text(table, encoding="utf-8")
    result = run("validate")
    assert result.exit_code == 2 or result.exit_code == 1
    assert message in result.stderr and "Traceback" not in result.stderr
