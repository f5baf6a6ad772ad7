"""The line-scan reader gives exactly what the strict reader gives, or stands aside.

`linescan.scan` reads flat front matter line by line for an index row, `list` and a draft's few
keys (behind `linescan.read`, which asks `frontmatter.parse` for anything else). Here both are run on
generated files, the example and reference seeds, every file under `../shared/real-world/` and the
benchmark's generated seeds: the same mapping (same keys, order and types), body and body line, the
same error for a file that cannot be read, and the same catalog entry and draft facts.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentkit.base.errors import SeedError
from contentkit.markdown import frontmatter, linescan
from contentkit.model import seed as seeds
from contentkit.store import catalog

from .conftest import EXAMPLE_SEEDS, REFERENCE_SEED, SHARED

ROOT = Path("/repo")
REL = "seeds/2025-01-01__x.md"
DRAFT = "drafts/linkedin/2025-01-01__x.md"

# Front matter lines in the common shape, and many that are not (each must make the scan stand aside
# or agree with the strict reader).
LINES = [
    "type: moment", "status: seed", "status: developed", "status: drafted", "platform: linkedin",
    "created: '2025-12-19T05:10:00Z'", "created: 2025-12-19", "created: 2025-12-19T05:10:00Z",
    "created: 2025-02-30", "created: 2025-1-5", "created: 2025-12-19 05:10:00", "scheduled_at: 2026-01-02T09:00",
    'source_url: "https://x.org/a?b=1#c"', "source_url: https://x.org/a#b", "title: It's fine",
    "title: 'It''s'", 'title: "a \\" b"', 'title: "tab\\tin"', "title: a: b", "title: a:b", "title: a #c",
    "title: a# b", "title: 'a' # c", "title: 'a'b", 'title: "a"b', "title: 'unclosed", 'title: "open',
    "title: a :b", "title: a [b] {c}, d", "title: 'a: b'", 'title: "#x"', "title: été", "title: 1e5",
    "tags: [a, b]", "tags: [a, 'b, c', \"d\"]", "tags: []", "tags: [ ]", "tags: [a,]", "tags: [a,,b]",
    "tags: [a, [b]]", "tags: [a: b]", "tags: [null, 1, true, 2025-01-01]", "tags: [a", "tags: [a] x",
    "tags: [a] # c", "tags: {a: b}", "tags: [a b, c]", "tags: [a, 'b'c]", "tags: [ 'x' , y ]", "tags: [yes]",
    "tags:", "developed_to:", "  - a", "- b", "  - 'c'", "    - d", "  -", "  - - e", "  - a: b", "  -x",
    "  - [a]", '  - "q"', "  - # c", "  - ~", "  - 7",
    "draft: yes", "draft: on", "draft: true", "draft: True", "draft: FALSE", "draft: off", "draft: y",
    "n: 0o12", "n: 012", "n: 1_000", "n: 1:30", "n: 190:20:30", "n: 42", "n: 0", "n: -1", "n: +1",
    "n: 1.5", "n: .inf", "n: .NaN", "n: 0x1F", "n: 0b11", "n: 00", "n: " + "9" * 5000,
    "k: ~", "k: null", "k: Null", "k: NULL", "k:", "k:   ", "k: # c", "k: =", "<<: x", "on: x",
    "yes: 1", "null: x", "1: x", "2025-01-01: x", "key : v", "key:v", "_k: v", "k-k: v", "K: v",
    "k: &a x", "k: *a", "k: !!str 1", "k: !tag x", "k: |", "  literal", "k: >", "k: %x", "k: @x",
    "k: `x`", "k: -", "k: - a", "k: -x", "k: ?x", "k: :x", "k: ,x", "k: ]x", "k: {", "k: }",
    "  continued", "# comment", "  # indented comment", "", "   ", "\tk: tab", "k:\tv", "k: v\t",
    "k: v ", "k: a  b", "%YAML 1.1", "--- x", "...x", "k: ...", "k: ---", "k: 'a''b'", "k: ''",
    'k: ""', "k: \"'\"", "k: a\u00a0", "k: \u2028", "k: a\x85b", "k: \x7f", "k: a\ufeffb", "k: a\\b",
    "k: a\x01", "k: \U0001f600", "k: 10x-faster", "k: 12abc", "k: 1.2.3", "k: +x", "k: 0x", "k: 1e", "k: 'x'  ", "k: 'x' #", "k: x #", "? k", ": v", "k: 'a\"b'",
]
KEYS = st.sampled_from(["a", "b", "status", "title", "tags", "on", "y", "x_1", "k-k"])
VALUES = st.text(st.sampled_from(list("ab 10-:#'\",[]{}&*!|>%@`~.\\\té9xoeE_+")), max_size=8)
PAIRS = st.builds(lambda k, v: f"{k}: {v}", KEYS, VALUES)
FRONT = st.lists(st.sampled_from(LINES) | PAIRS, max_size=12)
BODIES = st.sampled_from(["", "\n# Title\n\n## Next Steps\n\n- [ ] one\n", "text\r\nmore", "\n## Themes\n\n- A\n"])
OPENINGS = st.sampled_from(["---\n", "---\n", "---\n", "---  \n", "\ufeff---\n", "---\r\n", "+++\n"])
CLOSINGS = st.sampled_from(["---\n", "---\n", "...\n", "---", "--- \n", "---\r\n", ""])


def document(opening: str, front: list[str], closing: str, body: str) -> str:
    return opening + "".join(line + "\n" for line in front) + closing + body


TEXTS = st.builds(document, OPENINGS, FRONT, CLOSINGS, BODIES)


@contextmanager
def strict_only() -> Iterator[None]:
    """The reference path: every file read by frontmatter.parse()."""
    with mock.patch.object(linescan, "scan", lambda data: None):
        yield


def strictly(data: bytes | str) -> tuple[str, str, int, bool] | str:
    """frontmatter.parse()'s reading, or its error."""
    try:
        doc = frontmatter.parse(data, Path(REL))
    except SeedError as exc:
        return exc.located()
    return repr(doc.meta), doc.body, doc.body_line, doc.bare


def check(data: bytes | str) -> None:
    expected = strictly(data)
    scanned = linescan.scan(data)
    if scanned is not None:  # what it reads, it proves: the strict reader reads the same, types and all
        assert (repr(scanned.meta), scanned.body, scanned.body_line, scanned.bare) == expected
    try:
        found: Any = linescan.read(data, REL)
        found = repr(found.meta), found.body, found.body_line, found.bare
    except SeedError as exc:
        found = exc.located()
    assert found == expected
    fast_entry = catalog.read_entry(ROOT / REL, ROOT, _bytes(data), REL)
    fast_draft = catalog.draft_facts(ROOT, DRAFT, _bytes(data))
    with strict_only():
        assert catalog.read_entry(ROOT / REL, ROOT, _bytes(data), REL) == fast_entry
        assert catalog.draft_facts(ROOT, DRAFT, _bytes(data)) == fast_draft


def _bytes(data: bytes | str) -> bytes:
    return data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data


@settings(max_examples=600, deadline=None)
@given(TEXTS)
def test_generated_files_read_as_the_strict_reader_reads_them(text: str) -> None:
    check(text)
    check(text.encode("utf-8"))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(LINES), min_size=1, max_size=6))
def test_common_shapes_read_as_the_strict_reader_reads_them(front: list[str]) -> None:
    check(document("---\n", front, "---\n", "\n# T\n"))


@pytest.mark.parametrize(
    "front",
    [
        ["type: moment", "created: '2025-12-19T05:10:00Z'", 'source_url: "https://x.org/1"', "status: seed"],
        ["title: It's here", "tags: [ai, 'product, management', \"x\"]", "priority: 2", "draft: false"],
        ["tags:", "  - ai", "  - 'b c'", "created_date: 2025-10-01", "note: ~", "empty:"],
        ["developed_to:", "- drafts/linkedin/a.md", "- drafts/x/b.md", "# a comment", "", "status: developed"],
    ],
)
def test_the_common_shape_is_scanned(front: list[str]) -> None:
    text = document("---\n", front, "---\n", "\n# T\n")
    assert linescan.scan(text) is not None
    check(text)


@pytest.mark.parametrize(
    "line",
    ["draft: yes", "k: on", "n: 0o12", "n: 1_000", "n: 1:30", "k: &a x", "k: *a", "k: !!str 1", "k: |",
     "k: 1.5", "created: 2025-12-19T05:10:00Z", "created: 2025-02-30", "title: \"a \\\" b\""],
)
def test_what_it_cannot_prove_goes_to_the_strict_reader(line: str) -> None:
    assert linescan.scan(document("---\n", [line], "---\n", "")) is None


@pytest.mark.parametrize(
    "text",
    ["---\nk: 1\nk: 2\n---\n", "\ufeff---\nk: v\n---\n", "---\r\nk: v\r\n---\r\n", "+++\nk = 1\n+++\n",
     "---\nk: a\n  b\n---\n", "---\nk:\tv\n---\n", "# bare\n", "---\nk: v\n"],
)
def test_duplicates_boms_crlf_toml_multiline_tabs_bare_and_unclosed_fall_back(text: str) -> None:
    assert linescan.scan(text) is None
    check(text)


def _files(tmp_path: Path) -> list[Path]:
    paths = [*EXAMPLE_SEEDS, *sorted(p for p in (SHARED / "real-world").rglob("*.md") if p.is_file())]
    if REFERENCE_SEED.exists():
        paths.append(REFERENCE_SEED)
    generator = SHARED / "bench" / "gen_seeds.py"
    if generator.exists():
        import subprocess

        command = [sys.executable, str(generator), str(tmp_path), "200", "--developed-fraction", "0.3"]
        subprocess.run(command, check=True)
        paths.extend(sorted((tmp_path / "seeds").glob("*.md")))
        paths.extend(sorted((tmp_path / "drafts").rglob("*.md")))
    return paths


def test_real_example_and_benchmark_files_read_the_same_and_mostly_fast(tmp_path: Path) -> None:
    paths = _files(tmp_path)
    for path in paths:
        check(path.read_bytes())
    ours = [p for p in paths if p.is_relative_to(tmp_path) or p in EXAMPLE_SEEDS or p == REFERENCE_SEED]
    fenced = [p for p in ours if p.read_bytes().startswith(b"---\n")]
    assert fenced
    assert all(linescan.scan(p.read_bytes()) is not None for p in fenced)  # the common shape is scanned


def test_an_index_is_byte_identical_either_way(repo: Path, run: Any) -> None:
    """INDEX.md from the scan and from the strict reader, over the example seeds and the benchmark's
    seeds and drafts."""
    generator = SHARED / "bench" / "gen_seeds.py"
    if generator.exists():
        import subprocess

        command = [sys.executable, str(generator), str(repo), "120", "--developed-fraction", "0.3"]
        subprocess.run(command, check=True)
    assert run("index", "--no-cache").exit_code == 0
    fast = (repo / "INDEX.md").read_bytes()
    (repo / "INDEX.md").unlink()
    with strict_only():
        assert run("index", "--no-cache").exit_code == 0
    assert (repo / "INDEX.md").read_bytes() == fast


def test_outline_is_the_same_either_way() -> None:
    for seed in EXAMPLE_SEEDS:
        data = seed.read_bytes()
        fast = seeds.parse(data, seed, seed.parents[1], depth=seeds.Depth.OUTLINE)
        with strict_only():
            assert seeds.parse(data, seed, seed.parents[1], depth=seeds.Depth.OUTLINE) == fast
