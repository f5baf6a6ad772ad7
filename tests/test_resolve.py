"""Seed references: exact name, then prefix, then any unique part of the name, then of the title."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import Run


def _archived(repo: Path) -> None:
    source = repo / "seeds" / "2025-11-10__code-review-as-teaching.md"
    shutil.copy(source, repo / "seeds" / "archived--market-pull-uncertainty.md")


def test_show_finds_a_seed_by_a_part_of_its_name(repo: Path, run: Run) -> None:
    _archived(repo)
    found = run("show", "market-pull", "--json")
    assert found.exit_code == 0, found.output
    assert '"archived--market-pull-uncertainty.md"' in found.output or "market-pull-uncertainty" in found.output


def test_a_prefix_wins_over_a_part_of_another_name(repo: Path, run: Run) -> None:
    source = repo / "seeds" / "2025-11-03__shipping-beats-polishing.md"
    shutil.copy(source, repo / "seeds" / "market-pull.md")
    shutil.copy(source, repo / "seeds" / "pull-request-tips.md")
    found = run("show", "pull", "--json")
    assert found.exit_code == 0, found.output
    assert "pull-request-tips.md" in found.output


def test_several_parts_list_the_candidates(repo: Path, run: Run) -> None:
    refused = run("show", "teach")  # only code-review-as-teaching holds it: unique
    assert refused.exit_code == 0
    ambiguous = run("show", "ing")  # neither a prefix nor unique
    assert ambiguous.exit_code == 1
    assert "is ambiguous" in ambiguous.stderr
    assert "seeds/2025-11-10__code-review-as-teaching.md" in ambiguous.stderr


def test_a_part_of_the_title_names_a_seed(repo: Path, run: Run) -> None:
    found = run("show", "Cheapest Teaching Tool", "--json")
    assert found.exit_code == 0, found.output
    assert "code-review-as-teaching" in found.output


def test_nothing_matching_names_nothing(repo: Path, run: Run) -> None:
    missing = run("show", "no-such-thing-anywhere")
    assert missing.exit_code == 1 and "no seed matches" in missing.stderr


def test_develop_and_publish_references_find_a_part_of_the_name(repo: Path, run: Run) -> None:
    _archived(repo)
    developed = run("develop", "market-pull", "--platform", "linkedin")
    assert developed.exit_code == 0, developed.output
    assert list((repo / "drafts").rglob("*market-pull*"))
