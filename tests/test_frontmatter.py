"""Reading front matter strictly, and editing single keys without touching any other byte."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contentkit.base import codes, lines
from contentkit.base.errors import SeedError
from contentkit.markdown import frontmatter

SEED = b"""---
type: moment  # what kind of file
created: '2025-12-19T05:10:00Z'
source_url: "https://example.com/a"
status: seed
tags: [a, b]
---

# Title
"""


def edited(data: bytes, changes: dict[str, str], after: dict[str, str] | None = None) -> bytes:
    doc = frontmatter.parse(data)
    return frontmatter.set_keys(doc, changes, after).encode("utf-8")


def changed_lines(old: bytes, new: bytes) -> list[tuple[bytes, bytes]]:
    return [(a, b) for a, b in zip(old.splitlines(True), new.splitlines(True), strict=False) if a != b]


def test_parse_reads_meta_and_body() -> None:
    doc = frontmatter.parse(SEED)
    assert doc.meta["status"] == "seed"
    assert doc.meta["tags"] == ["a", "b"]
    assert doc.body == "\n# Title\n"
    assert doc.key_line("status") == 5


def test_unquoted_timestamp_and_date_are_accepted() -> None:
    doc = frontmatter.parse(b"---\ncreated: 2025-12-19T05:10:00Z\nday: 2025-12-19\n---\n")
    assert doc.meta["created"] == dt.datetime(2025, 12, 19, 5, 10, tzinfo=dt.timezone.utc)
    assert doc.meta["day"] == dt.date(2025, 12, 19)


@pytest.mark.parametrize(
    ("data", "message", "line"),
    [
        (b"", "file is empty", 1),
        (b"---\nstatus: seed\n# body\n", "unterminated front matter", 1),
        (b"---\n- a\n- b\n---\n", "not a mapping", 2),
        (b"---\nstatus: seed\nstatus: developed\n---\n", "duplicate key 'status'", 3),
        (b"---\na: &x 1\nb: *x\n---\n", "anchors and aliases", 2),
        (b"---\ntype: moment\nsource: [unclosed\n---\n", "invalid YAML", 4),
        (b"---\nstatus: \xff\n---\n", "not valid UTF-8", 2),
    ],
)
def test_malformed_front_matter_is_a_located_error(data: bytes, message: str, line: int) -> None:
    with pytest.raises(SeedError) as caught:
        frontmatter.parse(data)
    assert message in caught.value.message
    assert caught.value.line == line


def test_alias_bomb_is_refused_quickly() -> None:
    bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\n"
    bomb += "".join(f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}] \n" for i in range(20)) + "---\n"
    with pytest.raises(SeedError, match="anchors and aliases"):
        frontmatter.parse(bomb.encode())


def test_set_keys_changes_only_the_value_and_keeps_quoting_and_comments() -> None:
    new = edited(SEED, {"status": "developed", "source_url": "https://example.com/b"})
    assert changed_lines(SEED, new) == [
        (b'source_url: "https://example.com/a"\n', b'source_url: "https://example.com/b"\n'),
        (b"status: seed\n", b"status: developed\n"),
    ]
    assert b"type: moment  # what kind of file\n" in new


def test_set_keys_inserts_a_new_key_after_its_sibling() -> None:
    new = edited(SEED, {"developed_to": "drafts/x.md"}, after={"developed_to": "status"})
    assert new == SEED.replace(b"status: seed\n", b"status: seed\ndeveloped_to: drafts/x.md\n")


def test_set_keys_keeps_crlf_and_bom() -> None:
    data = b"\xef\xbb\xbf" + SEED.replace(b"\n", b"\r\n")
    doc = frontmatter.parse(data)
    text = frontmatter.set_keys(doc, {"status": "developed", "developed_to": "d.md"}, {"developed_to": "status"})
    new = ((frontmatter.BOM if doc.bom else "") + text).encode()
    expected = data.replace(b"status: seed\r\n", b"status: developed\r\ndeveloped_to: d.md\r\n")
    assert new == expected


def test_set_keys_fills_an_empty_value_and_replaces_a_block_value() -> None:
    data = b"---\ndeveloped_to:\nnote: |\n  line one\n  line two\nstatus: seed\n---\n"
    new = edited(data, {"developed_to": "d.md", "note": "short"})
    assert new == b"---\ndeveloped_to: d.md\nnote: short\nstatus: seed\n---\n"


def test_single_quoted_values_stay_single_quoted() -> None:
    new = edited(b"---\nstatus: 'seed'\n---\n", {"status": "it's developed"})
    assert new == b"---\nstatus: 'it''s developed'\n---\n"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_string_value_round_trips_through_set_keys(value: str) -> None:
    new = edited(SEED, {"status": value, "developed_to": value}, {"developed_to": "status"})
    doc = frontmatter.parse(new)
    assert doc.meta["status"] == value
    assert doc.meta["developed_to"] == value
    assert doc.meta["source_url"] == "https://example.com/a"
    assert new.endswith(b"---\n\n# Title\n")


def test_replace_in_line_touches_one_line_only() -> None:
    text = "- [ ] a\r\n- [ ] b\r\n"
    assert lines.replace_in_line(text, 1, "[ ]", "[x]") == "- [ ] a\r\n- [x] b\r\n"


# --------------------------------------------------------------------------- block scalars, line endings

DEVELOP = {"status": "developed", "developed_to": "drafts/x.md"}
AFTER = {"developed_to": "status"}


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (  # a folded block scalar keeps the blank line after it; the new key goes right after status
            "---\nstatus: >-\n  seed\n\nplatform: linkedin\n---\n",
            "---\nstatus: developed\ndeveloped_to: drafts/x.md\n\nplatform: linkedin\n---\n",
        ),
        (  # a literal block scalar, then an empty last developed_to
            "---\nplatform: x\nstatus: |\n  seed\ndeveloped_to:\n---\n",
            "---\nplatform: x\nstatus: developed\ndeveloped_to: drafts/x.md\n---\n",
        ),
        (  # a keep-chomping block scalar's trailing blank lines and the comment after it stay
            "---\nstatus: |+\n  seed\n\n# comment\nx: 1\n---\n",
            "---\nstatus: developed\ndeveloped_to: drafts/x.md\n\n# comment\nx: 1\n---\n",
        ),
        (  # comments after values, an empty value with a comment
            "---\nstatus: seed   # c\ndeveloped_to:   # where\n---\n",
            "---\nstatus: developed   # c\ndeveloped_to: drafts/x.md   # where\n---\n",
        ),
        (  # a flow mapping over two lines after the sibling, CRLF after an LF opening line
            "---\nstatus: 'seed'\r\nk: {a: 1,\r\n  b: 2}\r\n---\r\n",
            "---\nstatus: 'developed'\r\ndeveloped_to: drafts/x.md\r\nk: {a: 1,\r\n  b: 2}\r\n---\r\n",
        ),
        (  # CR-only line endings
            '---\rstatus: "seed"\rdeveloped_to: ~\r---\r\r# T\r',
            '---\rstatus: "developed"\rdeveloped_to: drafts/x.md\r---\r\r# T\r',
        ),
        (  # a block scalar as the last key, no line after it but the closing one
            "---\nstatus: |\n  seed\n\n\n---\n",
            "---\nstatus: developed\ndeveloped_to: drafts/x.md\n\n\n---\n",
        ),
    ],
    ids=["folded", "literal-empty-last", "keep", "comments", "flow-crlf", "cr-only", "block-last"],
)
def test_set_keys_replaces_exactly_the_value_whatever_its_style(before: str, after: str) -> None:
    assert frontmatter.set_keys(frontmatter.parse(before), DEVELOP, AFTER) == after


def test_cr_only_file_has_front_matter_and_line_numbers() -> None:
    doc = frontmatter.parse(b"---\rtype: moment\rstatus: seed\r---\r\r# Title\r")
    assert doc.meta == {"type": "moment", "status": "seed"}
    assert doc.key_line("status") == 3
    assert doc.body_line == 4


def test_yaml_error_lines_count_a_lone_cr_as_a_line_end() -> None:
    with pytest.raises(SeedError) as caught:
        frontmatter.parse(b"---\rtype: moment\rtype: x\r---\r")
    assert (caught.value.line, caught.value.col, caught.value.code) == (3, 1, "CK107")


def test_replace_in_line_counts_lines_as_the_body_parser_does() -> None:
    text = "a\rb\r\nc\n- [ ] x\n"
    assert lines.replace_in_line(text, 3, "[ ]", "[x]") == "a\rb\r\nc\n- [x] x\n"


# --- the one splitter: fences(), body_of() and body_line() agree with parse() -------------------

FENCE_LINES = ["---", "--- ", "---\t", "...", "---\u00a0", " ---", "----", "a: 1", "b: [1, 2]", "", "# Title"]
ENDINGS = ["\n", "\r\n", "\r", ""]
TEXTS = st.lists(st.tuples(st.sampled_from(FENCE_LINES), st.sampled_from(ENDINGS)), max_size=8).map(
    lambda pairs: "".join(line + end for line, end in pairs)
)


@given(TEXTS)
def test_the_lenient_split_is_the_strict_one(text: str) -> None:

    body = frontmatter.body_of(text)
    assert "".join(lines.split(text)[frontmatter.body_line(text) :]) == body
    try:
        doc = frontmatter.parse(text)
    except SeedError as exc:
        if exc.code in (codes.NO_FRONT_MATTER, codes.UNTERMINATED, codes.EMPTY):
            assert body == text and frontmatter.fences(text) is None or not text.strip()
        return
    assert body == doc.body
    if doc.bare:  # no front matter at all: the whole text is the body
        assert frontmatter.fences(text) is None and doc.body == text.removeprefix(frontmatter.BOM)
        return
    assert frontmatter.fences(text) == (doc.yaml_start, doc.yaml_end, doc.body_start)
