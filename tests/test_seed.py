"""Seed bodies parsed from markdown-it-py's token stream: sections, angles, hooks, tasks."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentkit.base import lines
from contentkit.base.errors import SeedError
from contentkit.model import sections
from contentkit.model import seed as seeds

from .conftest import SHARED


def parse(text: str) -> seeds.Seed:
    return seeds.parse(text.encode(), Path("/r/seeds/x.md"), Path("/r"))


def test_reference_seed_sections(reference_seed: bytes) -> None:
    seed = seeds.parse(reference_seed, Path("/r/seeds/moment-example.md"), Path("/r"))
    assert seed.title == "AI Engineer vs ML Engineer: Which Role Do You Actually Need?"
    assert seed.status == "developed"
    assert seed.created == "2025-12-19T05:10:00Z"
    assert seed.core_idea.startswith("The debate around")
    assert seed.key_points[:2] == ["Product vision unclear", "GTM strategy missing"]
    assert "**Why projects fail" in seed.key_points_markdown
    assert seed.angles[0] == sections.Angle(
        "Stop hiring for the wrong problem", "Most AI projects fail upstream, not at the model layer"
    )
    assert len(seed.angles) == 4
    assert seed.hooks[1] == "90% of AI projects fail. Not because of weak ML skills."
    assert seed.themes == [
        "AI-native systems",
        "Hiring for startups",
        "Product-first engineering",
        "The gap between research and production",
    ]
    assert [(t.text, t.done) for t in seed.next_steps] == [
        ("Develop into full LinkedIn post", False),
        ("Consider as part of AI/engineering leadership series", False),
    ]
    assert seed.next_steps[0].line == 61  # 0-based line in the file


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Key Points from Experience", "key_points"),
        ("KEY POINTS", "key_points"),
        ("Hooks", "hooks"),
        ("Hook Ideas", "hooks"),
        ("Potential Hook", "hooks"),
        ("Angles", "angles"),
        ("Potential Angles", "angles"),
        ("Themes", "themes"),
        ("Related Themes", "themes"),
        ("Next steps", "next_steps"),
        ("Core idea", "core_idea"),
        ("Connection to Previous Content", None),
    ],
)
def test_section_names_match_loosely(heading: str, kind: str | None) -> None:
    assert sections.kind_of(heading) == kind


def test_unknown_sections_are_kept_by_slug() -> None:
    seed = parse("---\nstatus: seed\n---\n# T\n\n## Tone Considerations\n\nKeep it *light*.\n")
    section = seed.sections["tone_considerations"]
    assert section.heading == "Tone Considerations"
    assert section.markdown == "Keep it *light*."


@pytest.mark.parametrize(
    ("text", "title", "description"),
    [
        ('**"Systems first"** - The principle', "Systems first", "The principle"),
        ("**Primary angle**: The journey", "Primary angle", "The journey"),
        ("**Practical:** How I solved it", "Practical", "How I solved it"),
        ("Plain title - plain description", "Plain title", "plain description"),
        ("Just a title", "Just a title", ""),
    ],
)
def test_angle_title_and_description(text: str, title: str, description: str) -> None:
    assert sections.parse_angle(text) == sections.Angle(title, description)


def test_hooks_in_a_paragraph_and_curly_quotes() -> None:
    seed = parse("---\na: 1\n---\n## Potential Hook\n“Curly quoted hook”\n")
    assert seed.hooks == ["Curly quoted hook"]


def test_crlf_body_parses_like_lf() -> None:
    text = "---\nstatus: seed\n---\n# T\n\n## Hook Ideas\n\n- \"one\"\n- \"two\"\n"
    assert parse(text.replace("\n", "\r\n")).hooks == ["one", "two"]


def test_title_is_front_matter_then_heading_then_first_line_then_file_name() -> None:
    assert parse('---\ntitle: "From meta"\n---\n# [Title]\n\nbody\n').title == "From meta"
    assert parse('---\ntitle: "  "\n---\n# Heading\n\nbody\n').title == "Heading"
    assert parse("---\ntitle: [a, b]\n---\n## Core Idea\n\n**Bold** [start](http://x) here\nmore\n").title == (
        "Bold start here"
    )
    assert parse("---\na: 1\n---\n<!-- a note -->\n\n## Notes\n").title == "x"
    long = "word " * 30
    title = parse(f"---\na: 1\n---\n{long}\n").title
    assert title.endswith("…") and len(title) <= 81 and title[:-1].strip() == title[:-1]
    assert set(title[:-1].split()) == {"word"}


def test_real_world_idea_files_parse_where_shapes_agree() -> None:
    folder = SHARED / "real-world" / "linkedin-ideas"
    files = sorted(folder.glob("*.md"))
    if not files:
        pytest.skip("real-world files not available")
    parsed, unreadable = [], []
    for path in files:
        try:
            parsed.append(seeds.parse(path.read_bytes(), path, folder))
        except SeedError as exc:
            unreadable.append(exc.located())
    assert unreadable == []  # the one file without front matter is read too (a bare seed)
    # One file is a finished post with no sections, one (without front matter) a bank of hooks and
    # angles under headings of its own; every other one has the shared sections.
    shaped = {s.path.name for s in parsed if s.core_idea and s.key_points and s.hooks}
    assert {s.path.name for s in parsed} - shaped == {
        "archived--2025-10-18-market-pull-or-illusion.md", "agentforge-announcement-angles.md"}
    assert next(s for s in parsed if s.path.name.startswith("agentforge")).hooks  # its hooks are found


MARKDOWNISH = st.lists(
    st.sampled_from(
        ["# T", "## Hook Ideas", "## Potential Angles", "## Next Steps", "- \"hook\"", "1. **\"A\"** - d",
         "- [ ] task", "- [x] done", "  - nested", "", "text", "```", "> quote", "<!-- c -->", "***"]
    )
    | st.text(max_size=20),
    max_size=25,
).map("\n".join)


@settings(deadline=None)  # the first body that needs markdown-it imports it
@given(MARKDOWNISH)
def test_any_body_parses_without_raising(body: str) -> None:
    seed = parse("---\nstatus: seed\n---\n" + body)
    assert isinstance(seed.title, str)
    for task in seed.next_steps:
        assert 0 <= task.line < 4 + len(lines.split(body)) + 1  # \r\n, \r and \n all end a line
    assert all(isinstance(a.title, str) for a in seed.angles)
