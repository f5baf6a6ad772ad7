"""contentkit.platforms.posttext: characters, the "…see more" fold, hashtags, check_draft, the preview text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentkit.platforms import posttext as post
from contentkit.store.config import DEFAULT_PLATFORMS, Platform

LINKEDIN = DEFAULT_PLATFORMS["linkedin"]
X = DEFAULT_PLATFORMS["x"]


def profile(limit: int = 3000, fold_chars: int = 210, fold_lines: int = 3, hashtags: int = 5) -> Platform:
    return Platform("linkedin", limit, fold_chars, fold_lines, hashtags)


DRAFT = """\
---
type: draft
status: draft
platform: linkedin
---

We spent **three weeks** on an animation 80% of users skipped.

<!-- private: check the number with Dana -->
Polishing feels productive because it is visible.

- one
- two

#Product #Startups #product
"""


# --- characters and hashtags ---------------------------------------------------------------


def test_post_text_is_the_export_without_front_matter_comments_or_final_newline() -> None:
    text = post.post_text(DRAFT)
    assert text.startswith("We spent three weeks on an animation")
    assert "private" not in text and "**" not in text and "type: draft" not in text
    assert text.endswith("#Product #Startups #product")


def test_characters_are_code_points_of_the_exported_text() -> None:
    result = post.stats("Ship it 🚀 **now**\n", LINKEDIN)
    assert result.text == "Ship it 🚀 now"
    assert result.characters == 13  # the rocket is one code point, the ** are gone, no final newline
    family = "👨\u200d👩\u200d👧"  # one glyph, five code points
    assert post.stats(family + "\n", LINKEDIN).characters == 5


def test_hashtags_are_counted_once_case_insensitively() -> None:
    assert post.distinct_hashtags("#AI and #ai, #Hiring C# https://x.com/#frag") == ("#AI", "#Hiring")
    assert len(post.stats(DRAFT, LINKEDIN).tags) == 2


# --- the fold --------------------------------------------------------------------------------


def test_short_post_has_no_fold() -> None:
    cut = post.fold("One line.\n\nTwo lines.", LINKEDIN)
    assert not cut.folded
    assert cut.before == "One line.\n\nTwo lines." and cut.after == "" and cut.by == ""


def test_fold_after_three_lines_counts_blank_lines() -> None:
    cut = post.fold("Hook.\n\nSecond paragraph.\n\nThird.", LINKEDIN)
    assert cut.folded and cut.by == "lines"
    assert cut.before == "Hook.\n\nSecond paragraph."
    assert cut.after == "\nThird."
    assert cut.at == len("Hook.\n\nSecond paragraph.")


def test_fold_by_characters_cuts_at_a_word_boundary() -> None:
    text = "alpha beta gamma delta"
    cut = post.fold(text, profile(fold_chars=13))  # position 13 is inside "gamma"
    assert cut.by == "characters"
    assert cut.before == "alpha beta" and cut.after == "gamma delta"
    exact = post.fold(text, profile(fold_chars=10))  # position 10 is the space after "beta"
    assert exact.before == "alpha beta" and exact.after == "gamma delta"


def test_whichever_comes_first() -> None:
    text = "a\nb\nc\n" + "word " * 100
    assert post.fold(text, profile(fold_chars=210, fold_lines=3)).by == "lines"
    assert post.fold(text, profile(fold_chars=3, fold_lines=3)).before == "a\nb"


def test_a_word_longer_than_the_allowance_is_cut_inside() -> None:
    cut = post.fold("x" * 30, profile(fold_chars=10))
    assert cut.before == "x" * 10 and cut.after == "x" * 20


def test_zero_switches_a_fold_rule_off() -> None:
    assert not post.fold("a\nb\nc\nd\ne", profile(fold_lines=0)).folded
    assert post.fold("a\nb\nc\nd\ne", profile(fold_chars=0)).by == "lines"
    assert not post.fold("word " * 50, X).folded  # x: 280 characters, no line rule


words = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters=" \n\t\r"), min_size=1)
texts = st.lists(st.tuples(words, st.sampled_from([" ", "\n", "\n\n"])), max_size=60).map(
    lambda parts: "".join(w + sep for w, sep in parts).strip()
)


@settings(max_examples=300)
@given(texts, st.integers(min_value=0, max_value=120), st.integers(min_value=0, max_value=6))
def test_fold_properties(text: str, fold_chars: int, fold_lines: int) -> None:
    cut = post.fold(text, profile(fold_chars=fold_chars, fold_lines=fold_lines))
    if not cut.folded:
        assert cut.before == text and cut.after == ""
        return
    assert cut.at is not None
    assert text.startswith(cut.before)
    assert re.sub(r"\s", "", cut.before + cut.after) == re.sub(r"\s", "", text)  # nothing lost
    if fold_chars:
        assert len(cut.before) <= fold_chars
    if fold_lines:
        assert cut.before.count("\n") < fold_lines
    first_word = re.split(r"\s", text, maxsplit=1)[0]
    if cut.by == "characters" and len(first_word) <= fold_chars:
        # no word is split: the cut stands at whitespace
        assert text[cut.at].isspace()
    assert cut.after.strip()


# --- check_draft -----------------------------------------------------------------------------


def test_clean_draft_has_no_findings() -> None:
    assert post.check_draft(DRAFT, LINKEDIN) == []


def test_over_the_limit_is_an_error_that_gives_the_limit() -> None:
    body = "word " * 700  # 3,499 characters once exported
    findings = post.check_draft(DRAFT.replace("- two\n", f"- two\n\n{body}\n"), LINKEDIN)
    assert [(f.code, f.severity) for f in findings] == [("CK501", "error")]
    assert "3,000" in findings[0].message
    assert findings[0].line == 7  # the first line of the body, in the file's numbering
    at_limit = "Hook.\n\n" + "x" * 2993
    assert post.check_draft(at_limit, LINKEDIN) == []  # at the limit is fine
    assert [f.code for f in post.check_draft(at_limit + "x", LINKEDIN)] == ["CK501"]


def test_too_many_hashtags_is_a_warning_on_the_line_of_the_first_extra_tag() -> None:
    text = "Opening.\n\n#One #Two\n#Three\n"
    findings = post.check_draft(text, profile(hashtags=2))
    assert [(f.code, f.severity, f.line) for f in findings] == [("CK502", "warning", 4)]
    assert "3 hashtags" in findings[0].message and "at most 2" in findings[0].message
    assert post.check_draft(text, profile(hashtags=0)) == []


def test_opening_past_the_fold_is_a_warning() -> None:
    opening = "This hook goes on and on " * 10
    findings = post.check_draft(DRAFT.replace("We spent **three weeks**", opening), LINKEDIN)
    assert [(f.code, f.severity, f.line) for f in findings] == [("CK503", "warning", 7)]
    assert "210 characters or 3 lines" in findings[0].message


def test_check_draft_takes_a_body_without_front_matter_too() -> None:
    body = DRAFT.split("---\n", 2)[2]
    findings = post.check_draft(body + "#A #B #C #D\n", profile(hashtags=3))
    assert [f.code for f in findings] == ["CK502"]
    assert findings[0].line == body.count("\n") + 1


def test_lines_skip_html_comments_and_keep_crlf_numbering() -> None:
    text = "---\r\ntype: draft\r\n---\r\n<!-- #Hidden #Tags -->\r\n\r\nHook #A #B #C\r\n"
    findings = post.check_draft(text, profile(hashtags=2))
    assert [(f.code, f.line) for f in findings] == [("CK502", 6)]


# --- showing ---------------------------------------------------------------------------------


def test_preview_text_marks_the_fold_and_sums_up() -> None:
    text = "Hook line.\n\nSecond paragraph.\n\nThird paragraph.\n\n#One #Two\n"
    assert post.preview_text(post.stats(text, LINKEDIN)) == (
        "Hook line.\n"
        "\n"
        "Second paragraph.\n"
        "----- …see more -----\n"
        "\n"
        "Third paragraph.\n"
        "\n"
        "#One #Two\n"
        "\n"
        "==== linkedin ====\n"
        "characters  58 / 3,000\n"
        "hashtags    2 (at most 5 recommended)\n"
        "fold        desktop: after line 3 (29 characters shown); the opening line fits\n"
        "fold        phone: after line 3 (29 characters shown); the opening line fits\n"
    )


def test_preview_text_lists_warnings() -> None:
    text = "A very long opening line that keeps going well past the fold\n\n#a #b #c\n"
    shown = post.preview_text(post.stats(text, profile(limit=50, fold_chars=20, hashtags=2)))
    assert "alpha" not in shown
    assert "A very long opening\n----- …see more -----\nline that keeps going" in shown
    assert "characters  70 / 50 (over the limit)\n" in shown
    assert "fold        after 19 characters (1 line shown); the opening line runs past it\n" in shown
    assert re.search(r"^warning     CK501 line 1: .*limit of 50 by 20$", shown, re.MULTILINE)
    assert "warning     CK502 line 3:" in shown
    assert "warning     CK503 line 1:" in shown


def test_json_carries_the_numbers() -> None:
    data = post.stats(DRAFT, profile(fold_lines=1)).to_json()
    assert data["platform"] == "linkedin"
    assert data["characters"] == len(post.post_text(DRAFT))
    assert data["limit"] == 3000
    assert data["fold"] == "We spent three weeks on an animation 80% of users skipped."
    assert data["hashtags"] == 2 and data["hashtag_list"] == ["#Product", "#Startups"]
    assert data["warnings"] == []
    assert data["text"].endswith("#product\n")


@pytest.mark.parametrize(
    ("limit", "expected"),
    [(3000, "58 / 3,000 characters, opening fits before the fold"),
     (40, "58 / 40 characters (over the limit), opening fits before the fold"),
     (0, "58 characters, opening fits before the fold")],
)
def test_variant_note(limit: int, expected: str) -> None:
    text = "Hook line.\n\nSecond paragraph.\n\nThird paragraph.\n\n#One #Two\n"
    assert post.variant_note([post.stats(text, profile(limit=limit))]) == expected
