"""The table of section kinds drives the Seed, `show`, the template context and `new`'s skeleton."""

from __future__ import annotations

import json
from pathlib import Path

from contentkit import develop, sections
from contentkit import seed as seeds

from .conftest import Run


def test_every_kind_is_shown_templated_and_written_by_new(repo: Path, run: Run) -> None:
    made = run("new", "Table driven", "--date", "2025-12-01").stdout.strip()
    seed = seeds.load(repo / made, repo)
    headings = {section.kind: section.heading for section in seed.sections.values()}
    shown = json.loads(run("show", made, "--json").stdout)
    context = develop.seed_context(seed)
    for kind in sections.KINDS:
        assert headings[kind.name] == kind.skeleton[0]  # new's heading is found again as its kind
        assert shown[kind.name] == kind.json(seed.value(kind.name))
        assert context[kind.name] == kind.context(seed.value(kind.name))
    assert list(headings) == [kind.name for kind in sections.KINDS]
    assert shown["next_steps"] == [{"text": "Develop into full LinkedIn post", "done": False}]


def test_a_heading_naming_two_kinds_is_the_lower_rank() -> None:
    assert sections.kind_of("Hook angles") == "hooks"
    assert sections.kind_of("Angle themes") == "angles"
    assert sections.kind_of("Core idea: hooks") == "core_idea"


def test_show_keeps_a_core_idea_line_whole_where_only_python_breaks_it(repo: Path, run: Run) -> None:
    """A line ends at CRLF, LF or CR (contentkit.lines); a \\x1c inside a paragraph is text."""
    path = repo / "seeds" / "2025-12-01__sep.md"
    path.write_text("---\nstatus: seed\n---\n# Sep\n\n## Core Idea\n\none\x1ctwo\n", encoding="utf-8")
    out = run("show", "2025-12-01__sep").stdout
    assert "  one\x1ctwo\n" in out
