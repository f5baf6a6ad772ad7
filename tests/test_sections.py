"""The table of section kinds drives the Seed, `show`, the template context and `new`'s skeleton."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from contentkit.model import sections
from contentkit.model import seed as seeds
from contentkit.usecases import develop

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


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Hook angles", None),  # names two kinds: neither, it stays an ordinary section
        ("Core idea: hooks", "core_idea"),  # the label before a colon
        ("Post 1: The Hook (Wednesday)", None),  # a whole post, not hooks
        ("Themes!", None),  # a line of the post, not a label
        ("Themes", "themes"),
        ("Hashtags", "themes"),
        ("Hooks (optional)", "hooks"),
        ("1. Hooks", "hooks"),
        ("Potential Hooks", "hooks"),
        ("Post Angle Options", "angles"),
        ("Key Points from Experience", "key_points"),
        ("To-Do", "next_steps"),
        ("Next steps:", "next_steps"),
        ("Content ideas", None),
        ("The Competition Context: OpenAI Agent Builder", None),
    ],
)
def test_a_heading_names_a_kind_only_as_a_whole(heading: str, kind: str | None) -> None:
    assert sections.kind_of(heading) == kind


def test_scores_order_the_matches() -> None:
    forms = sections.default_forms()
    assert forms.match("Hooks") == ("hooks", 3)
    assert forms.match("Potential Hook") == ("hooks", 2)
    assert forms.match("Hooks: old notes") == ("hooks", 1)
    assert forms.choose(["Hooks: old notes", "Core Idea", "Potential Hook", "Hooks"]) == {
        "hooks": 3, "core_idea": 1,
    }
    assert forms.choose(["Possible Hooks", "Potential Hooks"]) == {"hooks": 0}  # the first among equals


def test_extra_forms_are_added_to_the_defaults() -> None:
    forms = sections.default_forms().with_extras({"hooks": ["Engagement Hook", "Opening lines"]})
    assert forms.kind_of("Engagement Hooks") == "hooks"
    assert forms.kind_of("Opening line") == "hooks"
    assert forms.kind_of("Core Idea") == "core_idea"
    assert forms.kind_of("Hooks") == "hooks"
    assert forms == sections.default_forms().with_extras({"hooks": ["engagement hooks", "OPENING LINES"]})
    with pytest.raises(ValueError, match="'Idea' of hooks is already a form of core_idea"):
        sections.default_forms().with_extras({"hooks": ["Idea"]})
    with pytest.raises(ValueError, match="unknown section kind 'quotes'"):
        sections.default_forms().with_extras({"quotes": ["Quotes"]})
    with pytest.raises(ValueError, match="names both"):
        sections.default_forms().with_extras({"hooks": ["Firsts!"], "angles": ["firsts"]})


def test_show_keeps_a_core_idea_line_whole_where_only_python_breaks_it(repo: Path, run: Run) -> None:
    """A line ends at CRLF, LF or CR (contentkit.base.lines); a \\x1c inside a paragraph is text."""
    path = repo / "seeds" / "2025-12-01__sep.md"
    path.write_text("---\nstatus: seed\n---\n# Sep\n\n## Core Idea\n\none\x1ctwo\n", encoding="utf-8")
    out = run("show", "2025-12-01__sep").stdout
    assert "  one\x1ctwo\n" in out


def test_a_new_kind_is_one_row(repo: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """Adding a row is all it takes: new writes its heading, the seed reads it, show prints it (text
    and JSON) and templates get it as seed.<name>."""
    row = sections.Kind(
        "quotes", ("Quotes",), sections.items, "Quotes", lambda v: [f"> {q}" for q in v],
        lambda v: v, lambda v: v, ("Quotes Worth Keeping", "<!-- Lines worth quoting, one per item -->"),
    )
    kinds = (*sections.KINDS, row)
    monkeypatch.setattr(sections, "KINDS", kinds)
    monkeypatch.setattr(sections, "BY_NAME", {kind.name: kind for kind in kinds})
    sections.default_forms.cache_clear()
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
        sections.default_forms.cache_clear()
