"""The files contentkit writes (INDEX.md, drafts, the metrics file) never land on a seed, a template,
git's or contentkit's own folders, whether the config names such a place or a symlink leads there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import Run, snapshot

SEED = "seeds/2025-11-03__shipping-beats-polishing.md"


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('index_file = ".git/config"', "'index_file' = '.git/config' is inside .git/"),
        ('index_file = "seeds/2025-11-03__shipping-beats-polishing.md"', "is inside seeds_dir (seeds/)"),
        ('index_file = "templates/post.md"', "is inside templates_dir (templates/)"),
        ('index_file = "drafts/INDEX.md"', "is inside drafts_dir (drafts/)"),
        ('index_file = ".contentkit/INDEX.md"', "is inside .contentkit/"),
        ('index_file = "contentkit.toml"', "must be a Markdown file (.md)"),
        ('metrics_file = "seeds/metrics.csv"', "'metrics_file' = 'seeds/metrics.csv' is inside seeds_dir"),
        ('draft_path = ".git/{stem}.md"', "must name a file in drafts_dir (drafts)"),
        ('draft_path = "seeds/{stem}.md"', "must name a file in drafts_dir (drafts)"),
        ('drafts_dir = ".git"', "would write drafts inside .git/"),
        ('drafts_dir = "seeds"', "would write drafts inside seeds_dir (seeds/)"),
        ('draft_path = "{drafts_dir}/{platform}/{stem}.txt"', "must end in .md"),
    ],
)
def test_a_config_that_names_a_forbidden_place_is_refused(repo: Path, run: Run, config: str, message: str) -> None:
    (repo / ".git").mkdir()
    (repo / ".git" / "config").write_text("[core]\n", encoding="utf-8")
    (repo / "contentkit.toml").write_text(config + "\n", encoding="utf-8")
    before = snapshot(repo)
    for command in (("index",), ("develop", "shipping")):
        result = run(*command)
        assert result.exit_code == 1, result.output
        assert message in result.stderr and len(result.stderr.splitlines()) == 1, result.stderr
    assert snapshot(repo) == before


def test_an_index_symlinked_onto_a_seed_is_refused(repo: Path, run: Run) -> None:
    os.symlink(SEED, repo / "INDEX.md")
    before = (repo / SEED).read_bytes()
    result = run("index")
    assert result.exit_code == 1
    assert "INDEX.md would be written inside seeds/ (it leads to " in result.stderr
    assert (repo / SEED).read_bytes() == before


def test_a_drafts_folder_symlinked_into_the_seeds_is_refused(repo: Path, run: Run) -> None:
    (repo / "drafts").mkdir()
    os.symlink("../seeds", repo / "drafts" / "linkedin")
    before = snapshot(repo)
    result = run("develop", "shipping")
    assert result.exit_code == 1
    assert "a draft would be written inside seeds/" in result.stderr
    assert snapshot(repo) == before


def test_drafts_inside_the_seeds_folder_are_refused(repo: Path, run: Run) -> None:
    """Every Markdown file under the seeds folder is a seed: drafts there would be read as seeds."""
    (repo / "contentkit.toml").write_text('drafts_dir = "seeds/drafts"\n', encoding="utf-8")
    result = run("develop", "shipping")
    assert result.exit_code == 1 and "would write drafts inside seeds_dir (seeds/)" in result.stderr
