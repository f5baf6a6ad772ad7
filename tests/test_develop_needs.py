"""develop needs hooks, not angles; each refusal says what it would need, and where."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Run

FRONT = "---\ntype: moment\ncategory: x\ncreated: 2025-12-01\nsource: s\nplatform: linkedin\nstatus: seed\n---\n"
HOOKS_ONLY = FRONT + "# Hooks only\n\n## Core Idea\n\nThe point.\n\n## Potential Hook\n\n\"First line\"\n"


def write(repo: Path, name: str, text: str) -> Path:
    path = repo / "seeds" / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("platform", ["linkedin", "x"])
def test_a_seed_with_hooks_and_no_angles_is_developed(repo: Path, run: Run, platform: str) -> None:
    write(repo, "2025-12-01__hooks-only.md", HOOKS_ONLY)
    result = run("develop", "hooks-only", "--platform", platform)
    assert result.exit_code == 0, result.output
    assert "(hook 1, no angle)" in result.stdout
    draft = (repo / "drafts" / platform / "2025-12-01__hooks-only.md").read_text(encoding="utf-8")
    assert "First line" in draft
    assert 'angle: ""' in draft
    body = draft.split("---\n", 2)[2]
    assert not any(line.startswith((":", " ")) for line in body.splitlines())  # no dangling angle text
    assert "\n\n\n" not in body


def test_the_repo_template_copes_without_an_angle(repo: Path, run: Run) -> None:
    (repo / "templates").mkdir()
    source = Path(__file__).resolve().parents[1] / "templates" / "short.md.j2"
    (repo / "templates" / "short.md.j2").write_bytes(source.read_bytes())
    write(repo, "2025-12-01__hooks-only.md", HOOKS_ONLY)
    assert run("develop", "hooks-only", "--template", "short.md.j2").exit_code == 0
    draft = (repo / "drafts" / "linkedin" / "2025-12-01__hooks-only.md").read_text(encoding="utf-8")
    assert "\n?\n" not in draft


def test_variants_without_angles_are_one_per_hook(repo: Path, run: Run) -> None:
    write(repo, "2025-12-01__hooks-only.md", HOOKS_ONLY.replace('"First line"\n', '- "One"\n- "Two"\n'))
    result = run("variants", "hooks-only")
    assert result.exit_code == 0, result.output
    assert "2 variants (2 hooks × 0 angles)" in result.stdout
    text = (repo / "drafts" / "linkedin" / "2025-12-01__hooks-only.variants.md").read_text(encoding="utf-8")
    assert "## Variant 2: `--hook 2` (" in text


def test_an_angle_asked_of_a_seed_without_angles_is_a_usage_error(repo: Path, run: Run) -> None:
    write(repo, "2025-12-01__hooks-only.md", HOOKS_ONLY)
    result = run("develop", "hooks-only", "--angle", "2")
    assert result.exit_code == 2
    assert "--angle 2: the seed has no angles" in result.stderr


def test_no_hooks_develops_with_the_title_and_says_so(repo: Path, run: Run) -> None:
    write(repo, "2025-12-01__none.md", FRONT + "# None\n\nJust a thought.\n")
    result = run("develop", "none")
    assert result.exit_code == 0, result.output
    assert "seeds/2025-12-01__none.md: the seed has no hooks: the draft opens with its title" in result.stderr
    draft = (repo / "drafts/linkedin/2025-12-01__none.md").read_text(encoding="utf-8")
    assert "\nNone\n\nJust a thought.\n" in draft


def test_validate_warns_of_no_angles_without_saying_develop_fails(repo: Path, run: Run) -> None:
    write(repo, "2025-12-01__hooks-only.md", HOOKS_ONLY)
    result = run("validate", "seeds/2025-12-01__hooks-only.md")
    assert "CK304 no angles yet, the draft will follow none" in result.stdout
    assert "CK303" not in result.stdout


def test_a_published_seed_without_a_draft_says_so(repo: Path, run: Run) -> None:
    text = HOOKS_ONLY.replace("status: seed\n", "status: published\n")
    write(repo, "2025-12-01__posted.md", text)
    result = run("develop", "posted")
    assert result.exit_code == 1
    assert result.stderr == (
        "contentkit: error: seeds/2025-12-01__posted.md:7: already published (no published_url recorded) "
        "and it names no draft (no developed_to); for a new post start a new seed ('contentkit new')\n"
    )
    url = "https://example.com/p/1"
    write(repo, "2025-12-01__posted.md", text.replace("status: published\n", f"status: published\npublished_url: {url}\n"))
    result = run("develop", "posted")
    assert f":7: published at {url} and it names no draft (no developed_to); " in result.stderr
