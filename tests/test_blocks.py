"""The fast paths give exactly what markdown-it gives, or stand aside.

`blocks.simple_tokens` stands in for markdown-it on bodies in a simple part of Markdown (behind
`blocks.tokens`), and `seed.parse` to `Depth.OUTLINE`
(which the index reads) skips the sections an index row does not show. Both are compared here with
the plain path: markdown-it-py's full CommonMark parser and Seed's own walk.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentkit.markdown import blocks
from contentkit.model import sections
from contentkit.model import seed as seeds
from contentkit.store import catalog

from .conftest import EXAMPLE_SEEDS, REFERENCE_SEED, SHARED

ROOT = Path("/repo")
PATH = ROOT / "seeds" / "2025-01-01__x.md"

# Lines that are, or nearly are, each construct the scanner knows, and many it must refuse.
LINES = [
    "", "   ", "# Title", "#", "# ", "## Next Steps", "## Hook Ideas", "## Potential Angles", "### Sub",
    "## Next-Steps", "## Next_Steps", "#tag here", "####### seven", "## H ##", "## H#", "## #", "# T #  ",
    "- item", "- [ ] task", "- [x] done", "- [X] Done too", "-  two spaces", "-", "- ", "* star", "+ plus",
    "*x*", "**Bold:**", "**", "* * *", "---", "- - -", "===", "=", "= x", "_x_", "___", "+x", "-x", "-- -x",
    "- +28 lines", "1. one", "2. two", "01. zero", "1) paren", "10. ten", "1.5 million", "1.", "1.  two",
    "1234567890. long", "> quote", "<!-- comment -->", "<!-- open", "still inside", "end -->", "<div>",
    "```", "~~~", "``x``", "`x`", "    code", "  - nested", "  1. nested", "   - three", "    - four",
    "  * other", "  2. nested", "   2. under", "     - five", "  continued", "   para", "[ref]: /url",
    "[x] y", "- # h", "- > q",
    "- 1. x", "- <!-- c -->", "- **x**", "- `y`", "- ~z", "***", "** x", "a\tb", "x\r", "|a|b|", "\u00a0",
    "\\# escaped", '- "hook"', '1. **"A"** - d', "- - x", "2025 was", "text", "more text", "  ===",
    "Title", "\u2028", "x\x1c",
]
BODIES = st.lists(st.sampled_from(LINES) | st.text(max_size=12), max_size=30).map("\n".join) | st.lists(
    st.sampled_from(LINES), max_size=30
).map(lambda lines: "\n".join(lines) + "\n")

# Bodies made of blocks a seed is written in: most of them take the fast paths.
BLOCKS = st.sampled_from(
    [
        ["# Title"], ["## Next Steps"], ["## Core Idea"], ["## Hook Ideas"], ["### Notes"], [""], [""],
        ["Some text.", "More of it."], ["**Why:**", "- a", "- b"], ["- [ ] one", "- [x] two", "  - [ ] sub"],
        ["1. **A** - d", "2. B - e"], ["- a", "  - b", "    - c", "- d"], ["1. a", "   - b"],
        ["<!-- note -->"], ["<!--", "## hidden", "-->"], ["- a", "", "- b"], ["* a", "- b"],
        ["text", "- item"], ["text", "2. item"], ["- item", "lazy"], ["```", "## in code", "```"],
        ["Setext", "---"], ["> ## quoted"], ["- ## in item"], ["- a", "  2. b"], ["1. a", "   2. b"],
        ["- a", "  1. b"],
    ]
)
SEEDLIKE = st.lists(BLOCKS, max_size=14).map(lambda blocks: "\n".join(line for b in blocks for line in b))


@contextmanager
def markdown_it_only() -> Iterator[None]:
    """Seed's plain path: no scanner, and markdown-it with its inline rules too."""
    from markdown_it import MarkdownIt

    full = MarkdownIt("commonmark")
    with (
        mock.patch.object(blocks, "simple_tokens", lambda body: None),
        mock.patch.object(seeds, "_quick_outline", lambda body, first_line: None),
        mock.patch.object(blocks, "_markdown", lambda: full),
    ):
        yield


def parsed(body: str) -> tuple[str, dict[str, sections.Section]]:
    return seeds.parse_body(body, 3)


READ = {"heading_open", "heading_close", "inline", "list_item_open", "list_item_close"} | {
    f"{kind}_list_{end}" for kind in ("bullet", "ordered") for end in ("open", "close")
}


def shape(tokens: Sequence[blocks.BlockToken]) -> list[tuple[str, str, str, str, list[int]]]:
    """The tokens a walk reads (not paragraph or HTML blocks) and what it reads of them: lines only
    where they are read (a heading's range, an item's first line)."""
    reads = {"heading_open": 2, "list_item_open": 1}
    return [
        (t.type, t.tag, t.content.strip(), t.info, (t.map or [])[: reads.get(t.type, 0)])
        for t in tokens
        if t.type in READ
    ]


def check_body(body: str) -> None:
    simple = blocks.simple_tokens(body)
    if simple is not None:
        assert shape(simple) == shape(blocks.markdown_tokens(body))
    fast = parsed(body)
    data = ("---\nstatus: seed\n---\n" + body).encode()
    entry = catalog.read_entry(PATH, ROOT, data, "seeds/2025-01-01__x.md")
    with markdown_it_only():
        assert fast == parsed(body)
        assert entry == catalog.read_entry(PATH, ROOT, data, "seeds/2025-01-01__x.md", depth=seeds.Depth.FULL)


@settings(max_examples=400, deadline=None)
@given(BODIES)
def test_scanner_and_outline_match_markdown_it(body: str) -> None:
    check_body(body)


@settings(max_examples=400, deadline=None)
@given(SEEDLIKE)
def test_seed_shaped_bodies_match_markdown_it(body: str) -> None:
    check_body(body)


@pytest.mark.parametrize(
    "body",
    [
        "## Next Steps\n- [ ] a\n  - [ ] b\n- [x] c\n",
        "## Next Steps\n<!-- note -->\n- [ ] a\n## Other\n- [ ] not a next step\n",
        "## Next Steps\n- [ ] a\n## Next steps\n- [ ] second section, same slug\n",
        "<!--\n## Next Steps\n-->\n- [ ] hidden\n",
        "```\n# Not a title\n```\n# Title\n",
        "Title\n=====\n\n## Next Steps\n- [ ] x\n",
        "- # Title in an item\n",
        "text\n2. lazy\n",
        "## Next Steps\n1. [ ] one\n2. [x] two\n",
    ],
)
def test_tricky_bodies(body: str) -> None:
    check_body(body)


def _bodies(paths: list[Path]) -> list[str]:
    from contentkit.base.errors import SeedError
    from contentkit.markdown import frontmatter

    bodies = []
    for path in paths:
        try:
            bodies.append(frontmatter.parse(path.read_bytes()).body)
        except SeedError:  # no front matter (a README): the whole text is a body too
            bodies.append(frontmatter.body_of(path.read_bytes().decode("utf-8", "replace")))
    return bodies


def test_real_and_example_seeds_match_and_take_the_fast_paths(tmp_path: Path) -> None:
    paths = [*EXAMPLE_SEEDS, *sorted(p for p in (SHARED / "real-world").rglob("*") if p.is_file())]
    if REFERENCE_SEED.exists():
        paths.append(REFERENCE_SEED)
    generator = SHARED / "bench" / "gen_seeds.py"
    if generator.exists():
        import subprocess

        command = [sys.executable, str(generator), str(tmp_path), "60", "--developed-fraction", "0.3"]
        subprocess.run(command, check=True)
        paths.extend(sorted((tmp_path / "seeds").glob("*.md")))
    bodies = _bodies(paths)
    for body in bodies:
        check_body(body)
    fast = [body for body in bodies if seeds._quick_outline(body, 0) is not None]
    assert len(fast) >= 0.8 * len(bodies)  # the index's fast path is the usual one
    assert all(blocks.simple_tokens(body) is not None for body in fast)


def test_trimming_matches_markdown_it() -> None:
    """str.strip() removes what markdown-it trims, plus characters the scanner refuses outright."""
    utils = pytest.importorskip("markdown_it.common.utils")
    if not hasattr(utils, "MD_TRIM_CHARS"):
        pytest.skip("this markdown-it-py trims with str.strip(): the same set")
    MD_TRIM_CHARS = utils.MD_TRIM_CHARS  # noqa: N806

    stripped = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    refused = {c for c in stripped - set(MD_TRIM_CHARS) if blocks._gives_up(c)}
    assert set(MD_TRIM_CHARS) <= stripped
    assert stripped - set(MD_TRIM_CHARS) == refused
