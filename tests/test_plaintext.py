from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentkit.markdown.plaintext import hashtags, to_plain_text

FIXTURES = Path(__file__).parent / "fixtures" / "export"
CASES = sorted(FIXTURES.glob("*.md"))


def _read(path: Path) -> str:
    # Bytes, not read_text(): universal newlines would hide the CRLF fixture's line endings.
    return path.read_bytes().decode("utf-8")


def _assert_well_formed(text: str) -> None:
    assert text == "" or (text.endswith("\n") and not text.endswith("\n\n"))
    assert "\n\n\n" not in text
    assert all(line == line.rstrip() for line in text.split("\n"))


# --------------------------------------------------------------------------- golden files


def test_fixtures_present() -> None:
    assert len(CASES) >= 10
    assert all(case.with_suffix(".txt").exists() for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda path: path.stem)
def test_golden(case: Path) -> None:
    assert to_plain_text(_read(case)) == _read(case.with_suffix(".txt"))


@pytest.mark.parametrize("case", CASES, ids=lambda path: path.stem)
def test_golden_with_bom_and_crlf(case: Path) -> None:
    unix = _read(case).removeprefix("\ufeff").replace("\r\n", "\n")
    windows = "\ufeff" + unix.replace("\n", "\r\n")
    assert to_plain_text(windows) == _read(case.with_suffix(".txt"))


def test_crlf_fixture_really_has_crlf() -> None:
    raw = (FIXTURES / "crlf.md").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw


# --------------------------------------------------------------------------- output shape


@pytest.mark.parametrize("source", ["", "\n\n", "   \n", "\ufeff", "<!-- only a note -->\n", "---"])
def test_nothing_left_gives_empty_string(source: str) -> None:
    assert to_plain_text(source) == ""


def test_ends_with_exactly_one_newline() -> None:
    assert to_plain_text("Hello") == "Hello\n"
    assert to_plain_text("Hello\n\n\n") == "Hello\n"


def test_blocks_separated_by_one_blank_line() -> None:
    source = "One\n\n\n\n# Two\n\n<!-- gone -->\n\n- three\n\n\nFour"
    assert to_plain_text(source) == "One\n\nTwo\n\n• three\n\nFour\n"


def test_breaks_become_newlines_without_trailing_whitespace() -> None:
    assert to_plain_text("soft\nbreak") == "soft\nbreak\n"
    assert to_plain_text("hard  \nbreak") == "hard\nbreak\n"
    assert to_plain_text("backslash\\\nbreak") == "backslash\nbreak\n"


# --------------------------------------------------------------------------- front matter


def test_front_matter_is_stripped() -> None:
    source = "---\ntitle: Hello\ntags: [a, b]\n---\nBody text.\n"
    assert to_plain_text(source) == "Body text.\n"


def test_front_matter_with_bom_and_crlf() -> None:
    source = "\ufeff---\r\ntitle: Hello\r\n---\r\nBody\r\ntext\r\n"
    assert to_plain_text(source) == "Body\ntext\n"


def test_empty_front_matter() -> None:
    assert to_plain_text("---\n---\nBody") == "Body\n"


def test_unclosed_front_matter_is_left_to_markdown() -> None:
    assert to_plain_text("---\nNot front matter\n") == "Not front matter\n"


def test_thematic_break_later_is_not_front_matter() -> None:
    assert to_plain_text("Intro\n\n---\n\nOutro\n") == "Intro\n\nOutro\n"


# --------------------------------------------------------------------------- inline markup


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("**bold** and __bold__", "bold and bold"),
        ("*it* and _it_", "it and it"),
        ("***both***", "both"),
        ("~~struck~~ out", "struck out"),
        ("`a * b` and ``code with ` tick``", "a * b and code with ` tick"),
        ("\\*literal\\* \\_too\\_", "*literal* _too_"),
        ("snake_case_name", "snake_case_name"),
        ("AT&amp;T &copy; 2025", "AT&T © 2025"),
    ],
)
def test_inline_markup(source: str, expected: str) -> None:
    assert to_plain_text(source) == expected + "\n"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("[my blog](https://example.com/a?b=1)", "my blog (https://example.com/a?b=1)"),
        ("[**bold** link](https://x.y)", "bold link (https://x.y)"),
        ("<https://example.com>", "https://example.com"),
        ("<hello@example.com>", "hello@example.com"),
        ("[https://x.y](https://x.y)", "https://x.y"),
        ("[](https://x.y)", "https://x.y"),
        ("bare https://x.y/path stays", "bare https://x.y/path stays"),
        ("![alt *text*](pic.png)", "alt text"),
        ("before ![](pic.png) after", "before after"),
        ("[ref][r]\n\n[r]: https://x.y", "ref (https://x.y)"),
    ],
)
def test_links_and_images(source: str, expected: str) -> None:
    assert to_plain_text(source) == expected + "\n"


# --------------------------------------------------------------------------- comments and HTML


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Keep <!-- secret --> this", "Keep this"),
        ("Keep this <!-- secret -->.", "Keep this."),
        ("Keep <!-- a\nsecret --> this", "Keep this"),
        ("<!--\nblock\nsecret\n-->\n\nVisible", "Visible"),
        ("<!-- note --> trailing text", "trailing text"),
        ("Text\n<!-- note --> **bold** after", "Text\n\nbold after"),
        ("- <!-- note --> *item*\n- next", "• item\n• next"),
        ("<!-- note --> <b>html</b> after", "html after"),
        ("Visible\n<!-- interrupts the paragraph -->", "Visible"),
        ("Visible <!-- never closed\n\nNext", "Visible\n\nNext"),
        ("<!-- never closed\n\nstill inside the comment", ""),
        ("# Title <!-- note -->", "Title"),
        ("[link <!-- x -->](https://x.y)", "link (https://x.y)"),
    ],
)
def test_html_comments_removed(source: str, expected: str) -> None:
    result = to_plain_text(source)
    assert result == (expected + "\n" if expected else "")
    assert "<!--" not in result
    assert "secret" not in result


def test_note_only_list_items_are_dropped_and_numbering_closes_up() -> None:
    source = "3. one\n4. <!-- hidden -->\n5. two\n"
    assert to_plain_text(source) == "3. one\n4. two\n"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<div>\n<b>Hello</b> world\n</div>", "Hello world"),
        ("One<br>two<br/>three", "One\ntwo\nthree"),
        ("Some <span class='x'>inline</span> tags", "Some inline tags"),
        ("<script>\nalert(1)\n</script>\n\nText", "Text"),
        ("<p>one</p><p>two</p>", "one\ntwo"),
    ],
)
def test_raw_html(source: str, expected: str) -> None:
    assert to_plain_text(source) == expected + "\n"


@pytest.mark.parametrize("source", ["<", "<!", "</", "<a href='", "<![CDATA[x", "<?php", "<div"])
def test_broken_html_does_not_crash(source: str) -> None:
    _assert_well_formed(to_plain_text(source))


# --------------------------------------------------------------------------- blocks


def test_headings_lose_their_markers() -> None:
    source = "# One\n\n## Two ##\n\nThree\n=====\n"
    assert to_plain_text(source) == "One\n\nTwo\n\nThree\n"


@pytest.mark.parametrize("source", ["#AIEngineering", "#AIEngineering #Python", "#1 priority"])
def test_hash_without_space_is_text_not_heading(source: str) -> None:
    assert to_plain_text(source) == source + "\n"


def test_escaped_heading_marker_is_literal() -> None:
    assert to_plain_text("\\# not a heading") == "# not a heading\n"


def test_bullet_list() -> None:
    assert to_plain_text("- a\n* b\n\n+ c") == "• a\n\n• b\n\n• c\n"
    assert to_plain_text("- a\n- b\n- c") == "• a\n• b\n• c\n"


def test_loose_list_is_still_one_block() -> None:
    assert to_plain_text("- a\n\n- b\n\n  more b\n") == "• a\n• b\n  more b\n"


def test_empty_list_item_is_dropped() -> None:
    assert to_plain_text("- a\n-\n- b") == "• a\n• b\n"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1. a\n2. b", "1. a\n2. b"),
        ("3. a\n4. b", "3. a\n4. b"),
        ("1. a\n1. b\n1. c", "1. a\n2. b\n3. c"),
        ("0. zero\n1. one", "0. zero\n1. one"),
        ("9) nine\n10) ten", "9. nine\n10. ten"),
    ],
)
def test_ordered_list_numbers(source: str, expected: str) -> None:
    assert to_plain_text(source) == expected + "\n"


def test_nested_lists_indent_two_spaces_per_level() -> None:
    source = "- a\n  - b\n    1. c\n    2. d\n  - e\n- f\n"
    assert to_plain_text(source) == "• a\n  • b\n    1. c\n    2. d\n  • e\n• f\n"


def test_blockquote_keeps_text() -> None:
    assert to_plain_text("> quoted *text*\n> continues") == "quoted text\ncontinues\n"
    assert to_plain_text("> one\n>\n> two") == "one\n\ntwo\n"


def test_fenced_code_keeps_lines_without_fences() -> None:
    source = "```js\nconst a = 1;\n\n  if (a) {}\n```\n"
    assert to_plain_text(source) == "const a = 1;\n\n  if (a) {}\n"


def test_code_keeps_markdown_and_comment_lookalikes_literally() -> None:
    source = "```\n**not bold** <!-- shown -->\n```"
    assert to_plain_text(source) == "**not bold** <!-- shown -->\n"


def test_indented_code_block() -> None:
    assert to_plain_text("Text\n\n    code\n      more\n") == "Text\n\ncode\n  more\n"


def test_table_rows_joined_with_pipes() -> None:
    source = "| a | b |\n|---|:-:|\n| *1* | `2` |\n| 3 | |\n"
    assert to_plain_text(source) == "a | b\n1 | 2\n3 |\n"


def test_unicode_and_emoji_kept() -> None:
    source = "🚀 Ça **marche** — 日本語 👇🏽"
    assert to_plain_text(source) == "🚀 Ça marche — 日本語 👇🏽\n"


# --------------------------------------------------------------------------- hashtags


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#AIEngineering #Python", ["#AIEngineering", "#Python"]),
        ("Loving #rust, #Go_lang and #web3!", ["#rust", "#Go_lang", "#web3"]),
        ("(#inParens) and\n#NextLine", ["#inParens", "#NextLine"]),
        ("#Künstliche_Intelligenz #日本", ["#Künstliche_Intelligenz", "#日本"]),
        ("#dup then #other then #dup", ["#dup", "#other", "#dup"]),
        ("C# and F# are languages", []),
        ("We're #1 and ## is not a tag", []),
        ("email me@x.y#frag &#123; a#b", []),
        ("https://example.com/#Section and www.x.y/#Anchor", []),
        ("See https://x.y/page?q=1#Frag #RealTag", ["#RealTag"]),
        ("[#InLinkText](https://x.y/#frag)", ["#InLinkText"]),
        ("# Heading with #tag", ["#tag"]),
        ("", []),
    ],
)
def test_hashtags(text: str, expected: list[str]) -> None:
    assert hashtags(text) == expected


def test_hashtags_survive_export() -> None:
    source = "**Big** news!\n\n#AIEngineering #BuildInPublic\n"
    assert hashtags(to_plain_text(source)) == ["#AIEngineering", "#BuildInPublic"]


# --------------------------------------------------------------------------- properties

_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCXYZ0123456789éß🚀", min_size=1, max_size=8)
_FRAGMENTS = st.one_of(
    _WORDS,
    _WORDS.map(lambda w: f"**{w}**"),
    _WORDS.map(lambda w: f"*{w}*"),
    _WORDS.map(lambda w: f"_{w}_"),
    _WORDS.map(lambda w: f"[{w}](http://x.y)"),
    _WORDS.map(lambda w: f"- {w}"),
    _WORDS.map(lambda w: f"  - {w}"),
    _WORDS.map(lambda w: f"3. {w}"),
    _WORDS.map(lambda w: f"# {w}"),
    _WORDS.map(lambda w: f"> {w}"),
    _WORDS.map(lambda w: f"#{w}"),
    _WORDS.map(lambda w: f"<!-- {w} -->"),
    _WORDS.map(lambda w: f"\n<!--\n{w}\n-->\n"),
    st.just("---"),
)
_SEPARATORS = st.sampled_from([" ", "\n", "\n\n", "\r\n"])


@st.composite
def _markdownish(draw: st.DrawFn) -> str:
    fragments = draw(st.lists(_FRAGMENTS, max_size=12))
    text = ""
    for fragment in fragments:
        text += draw(_SEPARATORS) + fragment
    return text


@settings(max_examples=200, deadline=None)
@given(_markdownish())
def test_markdownish_input_leaves_no_markup(source: str) -> None:
    result = to_plain_text(source)
    for leftover in ("**", "](", "<!--", "-->"):
        assert leftover not in result
    _assert_well_formed(result)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_arbitrary_text_never_raises(source: str) -> None:
    result = to_plain_text(source)
    _assert_well_formed(result)
    assert isinstance(hashtags(source), list)


@settings(max_examples=100, deadline=None)
@given(st.lists(_WORDS, min_size=1, max_size=12))
def test_plain_prose_passes_through_unchanged(words: list[str]) -> None:
    prose = " ".join(words)
    assert to_plain_text(prose) == prose + "\n"


def test_front_matter_ends_where_validate_says() -> None:
    """A `---` line followed by a no-break space opens no front matter (validate: CK no front matter),
    so the export keeps those lines as text instead of dropping them."""
    text = "---\u00a0\nnote: keep me\n---\nHello\n"
    assert "note: keep me" in to_plain_text(text)
    assert to_plain_text("---\nnote: x\n---\nHello\n") == "Hello\n"
