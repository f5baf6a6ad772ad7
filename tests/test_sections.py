"""The table of section kinds drives the Seed, `show`, the template context and `new`'s skeleton."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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


def test_a_new_kind_is_one_row(repo: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """Adding a row is all it takes: new writes its heading, the seed reads it, show prints it (text
    and JSON) and templates get it as seed.<name>."""
    row = sections.Kind(
        "quotes", "quote", 7, sections.items, "Quotes", lambda v: [f"> {q}" for q in v],
        lambda v: v, lambda v: v, ("Quotes Worth Keeping", "<!-- Lines worth quoting, one per item -->"),
    )
    kinds = (*sections.KINDS, row)
    monkeypatch.setattr(sections, "KINDS", kinds)
    monkeypatch.setattr(sections, "BY_NAME", {kind.name: kind for kind in kinds})
    monkeypatch.setattr(sections, "_KEYWORDS", (*sections._KEYWORDS, ("quote", "quotes")))
    sections.kind_of.cache_clear()
    try:
        made = run("new", "Quotable", "--date", "2025-12-01").stdout.strip()
        path = repo / made
        text = path.read_text(encoding="utf-8")
        assert "## Quotes Worth Keeping\n" in text
        path.write_text(text + "- Ship it.\n", encoding="utf-8")
        assert json.loads(run("show", made, "--json").stdout)["quotes"] == ["Ship it."]
        assert "\nQuotes\n  > Ship it.\n" in run("show", made).stdout
        assert develop.seed_context(seeds.load(path, repo))["quotes"] == ["Ship it."]
    finally:
        sections.kind_of.cache_clear()
