"""validate measures drafts against their platform profile: CK501 over the limit, CK502, CK503."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import Run

DRAFT = "drafts/linkedin/2025-11-03__shipping-beats-polishing.md"


def write_draft(repo: Path, body: str, platform: str = "linkedin") -> None:
    path = repo / DRAFT
    path.parent.mkdir(parents=True, exist_ok=True)
    front = f"---\ntype: draft\nstatus: draft\nseed: seeds/2025-11-03__shipping-beats-polishing.md\nplatform: {platform}\n---\n\n"
    path.write_text(front + body, encoding="utf-8")


def codes(run: Run) -> list[tuple[str, int, str]]:
    result = run("validate", DRAFT, "--format", "json")
    return [(d["code"], d["line"], d["severity"]) for d in json.loads(result.stdout)]


def test_a_short_draft_is_clean(repo: Path, run: Run) -> None:
    write_draft(repo, "A short opening.\n\nA body.\n\n#One #Two\n")
    assert codes(run) == []
    assert run("validate", DRAFT).exit_code == 0


def test_over_the_limit_is_an_error_that_names_the_limit(repo: Path, run: Run) -> None:
    write_draft(repo, "Opening.\n\n" + "word " * 700 + "\n")
    assert codes(run) == [("CK501", 8, "error")]
    result = run("validate", DRAFT)
    assert result.exit_code == 1
    assert "over the linkedin limit of 3,000" in result.stdout


def test_markdown_syntax_does_not_count_against_the_limit(repo: Path, run: Run) -> None:
    """2,990 letters of text wrapped in bold: the markup disappears in the export."""
    write_draft(repo, "Opening.\n\n**" + "a" * 2970 + "**\n\n<!-- a private note " + "x" * 500 + " -->\n")
    assert [c for c, _, _ in codes(run)] == []


def test_hashtags_and_fold_are_warnings(repo: Path, run: Run) -> None:
    write_draft(repo, "An opening " + "that goes on " * 20 + "\n\nBody.\n\n#A1 #B2 #C3 #D4 #E5 #F6\n")
    assert sorted(c for c, _, _ in codes(run)) == ["CK502", "CK503"]
    assert run("validate", DRAFT).exit_code == 0
    assert run("validate", "--strict", DRAFT).exit_code == 1


def test_platform_limits_come_from_the_config(repo: Path, run: Run) -> None:
    (repo / "contentkit.toml").write_text("[platforms.linkedin]\nlimit = 20\n", encoding="utf-8")
    write_draft(repo, "A short opening.\n\nA body that is longer than twenty.\n")
    assert [c for c, _, _ in codes(run)] == ["CK501"]


def test_x_drafts_use_the_x_limit(repo: Path, run: Run) -> None:
    write_draft(repo, "Opening.\n\n" + "word " * 60 + "\n", platform="x")
    assert [c for c, _, _ in codes(run)] == ["CK501"]
