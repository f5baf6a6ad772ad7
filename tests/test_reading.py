"""How a writer's own seed shapes are read: headings as they mean, Next Steps in any form, titles."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from contentkit.model import seed as seeds

from .conftest import SHARED, Run

FRONT = "---\ntype: moment\ncategory: x\ncreated: 2025-12-01\nsource: s\nplatform: linkedin\nstatus: seed\n---\n"


def write(repo: Path, name: str, text: str) -> str:
    (repo / "seeds" / name).write_text(text, encoding="utf-8")
    return name.removesuffix(".md")


def shown(run: Run, seed: str) -> dict:  # type: ignore[type-arg]
    result = run("show", seed, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_a_post_whose_heading_mentions_a_hook_is_not_hooks(repo: Path, run: Run) -> None:
    body = (
        "# Week plan\n\n## Post 1: The Hook (Wednesday)\n\nA whole post.\n\nIts second paragraph.\n\n"
        "## Themes!\n\nA blog section about themes.\n\n## Hook Ideas\n\n- \"First\"\n- \"Second\"\n\n"
        "## Hooks\n\n- a second hooks section\n\n## Notes\n\nkept\n\n## Notes\n\nkept too\n"
    )
    data = shown(run, write(repo, "2025-12-01__week.md", FRONT + body))
    assert data["hooks"] == ["First", "Second"]
    assert data["themes"] == []
    kept = {slug: s["heading"] for slug, s in data["sections"].items()}
    assert kept == {
        "post_1_the_hook_wednesday": "Post 1: The Hook (Wednesday)",
        "themes": "Themes!",
        "hooks": "Hooks",  # a second section of a kind is an ordinary one
        "notes": "Notes",
        "notes_2": "Notes",
    }
    assert data["sections"]["post_1_the_hook_wednesday"]["markdown"] == "A whole post.\n\nIts second paragraph."
    assert data["sections"]["notes_2"]["markdown"] == "kept too"


def test_text_before_the_first_section_is_kept_as_the_intro(repo: Path, run: Run) -> None:
    body = "# T\n\nA whole post\nwithout headings.\n\n- a list\n\n## Intro\n\nthe writer's own\n"
    data = shown(run, write(repo, "2025-12-01__intro.md", FRONT + body))
    assert list(data["sections"]) == ["intro_2", "intro"]  # the writer's heading keeps its slug
    assert data["sections"]["intro_2"] == {"heading": "", "markdown": "A whole post\nwithout headings.\n\n- a list"}
    assert data["sections"]["intro"]["markdown"] == "the writer's own"
    bare = shown(run, write(repo, "2025-12-02__bare.md", FRONT + "Just text.\n"))
    assert bare["sections"] == {"intro": {"heading": "", "markdown": "Just text."}}
    assert bare["title"] == "Just text."
    assert shown(run, write(repo, "2025-12-03__none.md", FRONT + "# T\n\n## Notes\n\nx\n"))["sections"] == {
        "notes": {"heading": "Notes", "markdown": "x"}
    }


def test_a_better_named_heading_wins_over_a_label_before_a_colon(repo: Path, run: Run) -> None:
    body = "# T\n\n## Hooks: old notes\n\n- old\n\n## Potential Hook\n\n\"New one\"\n"
    data = shown(run, write(repo, "2025-12-01__label.md", FRONT + body))
    assert data["hooks"] == ["New one"]
    assert data["sections"]["hooks_old_notes"]["markdown"] == "- old"


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        ("1. Draft it\n2. Post it\n", [("Draft it", False), ("Post it", False)]),
        ("- Draft it\n  - details\n- [x] Post it\n", [("Draft it", False), ("Post it", True)]),
        ("- [ ] Draft it\n- [X] Post it\n", [("Draft it", False), ("Post it", True)]),
        ("Draft it this week.\n\nThen post it.\n", [("Draft it this week.", False), ("Then post it.", False)]),
    ],
)
def test_next_steps_in_any_form_are_tasks(
    repo: Path, run: Run, steps: str, expected: list[tuple[str, bool]]
) -> None:
    seed = write(repo, "2025-12-01__steps.md", FRONT + "# Steps\n\n## Next Steps\n\n" + steps)
    data = shown(run, seed)
    assert [(t["text"], t["done"]) for t in data["next_steps"]] == expected
    assert run("index").exit_code == 0
    index = (repo / "INDEX.md").read_text(encoding="utf-8")
    for text, done in expected:
        assert (f"  - [ ] {text}" in index) is not done
    listed = json.loads(run("list", "--json").stdout)
    row = next(r for r in listed if r["path"] == f"seeds/{seed}.md")
    assert row["open_tasks"] == [text for text, done in expected if not done]


def test_real_idea_files_keep_every_heading(repo: Path, run: Run) -> None:
    """Every H2 of a writer's idea file is a section (of a kind or ordinary): nothing is lost."""
    source = SHARED / "real-world" / "linkedin-ideas"
    if not source.is_dir():
        pytest.skip("shared real-world files not available")
    for path in sorted(source.glob("*.md")):
        shutil.copy(path, repo / "seeds" / path.name)
    for path in sorted(source.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if not text.startswith("---"):
            continue  # no front matter: reported with its reason (tests/test_frontmatter.py)
        seed = seeds.load(repo / "seeds" / path.name, repo)
        headings = [line[3:].strip() for line in text.splitlines() if line.startswith("## ")]
        assert [s.heading for s in seed.sections.values() if s.slug != "intro"] == headings, path.name
        data = shown(run, path.stem)
        kinds = {s.kind for s in seed.sections.values()}
        assert len(data["sections"]) == len(seed.sections) - len(kinds - {None}), path.name
        if not headings:  # a whole post without headings is kept as the intro
            assert data["sections"]["intro"]["markdown"].startswith(text.split("---\n", 2)[2].strip()[:40])
        if "## Potential Hook\n" in text:
            assert data["hooks"], path.name
        if "## Key Points\n" in text:
            assert data["key_points"], path.name


def test_titles_everywhere_front_matter_then_heading_then_first_line(repo: Path, run: Run) -> None:
    meta = FRONT.replace("status: seed\n", 'status: seed\ntitle: "Article Title Here"\n')
    write(repo, "2025-12-01__meta.md", meta + "# [Title]\n\n## Core Idea\n\nx\n")
    write(repo, "2025-12-02__heading.md", FRONT + "# The heading\n\ntext\n")
    first = "We shipped the beta to ten customers last week and learned more in a day than in the month before it"
    write(repo, "2025-12-03__line.md", FRONT + f"**Context:** {first}\n\n## Notes\n\nn\n")
    write(repo, "2025-12-04__bare.md", FRONT + "<!-- nothing yet -->\n")
    expected = {
        "2025-12-01__meta": "Article Title Here",
        "2025-12-02__heading": "The heading",
        "2025-12-03__line": "Context: We shipped the beta to ten customers last week and learned more in a…",
        "2025-12-04__bare": "2025-12-04__bare",
    }
    listed = {Path(r["path"]).stem: r["title"] for r in json.loads(run("list", "--json").stdout)}
    assert run("index").exit_code == 0
    index = (repo / "INDEX.md").read_text(encoding="utf-8")
    for stem, title in expected.items():
        assert shown(run, stem)["title"] == title
        assert run("show", stem).stdout.startswith(title + "\n")
        assert listed[stem] == title
        assert title in index


@pytest.mark.parametrize(
    ("written", "themes"),
    [
        ("#StartupJourney #BuildingInPublic #Sales\n", ["#StartupJourney", "#BuildingInPublic", "#Sales"]),
        ("AI, customer development, sales\n", ["AI", "customer development", "sales"]),
        ("- Product discovery\n- Shipping, fast\n", ["Product discovery", "Shipping, fast"]),  # a list stays
        ("A sentence, with a comma that runs on for many more words than a theme has.\n",
         ["A sentence, with a comma that runs on for many more words than a theme has."]),
    ],
)
def test_a_hashtag_line_or_a_comma_list_is_one_theme_each(
    repo: Path, run: Run, written: str, themes: list[str]
) -> None:
    seed = write(repo, "2025-12-01__tags.md", FRONT + "# Tags\n\n## Hashtags\n\n" + written)
    assert shown(run, seed)["themes"] == themes


def test_preview_shows_the_front_matter_title(repo: Path, run: Run) -> None:
    meta = FRONT.replace("status: seed\n", 'status: seed\ntitle: "Article Title Here"\n')
    write(repo, "2025-12-01__titled.md", meta + "# [Title]\n\n## Hook Ideas\n\n- \"Open\"\n")
    assert run("develop", "titled").exit_code == 0
    page = run("preview", "drafts/linkedin/2025-12-01__titled.md", "--html").stdout
    assert "<title>Article Title Here · preview</title>" in page
    assert "[Title]" not in page
