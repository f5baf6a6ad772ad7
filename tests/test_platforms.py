"""A platform is data: one defined only in contentkit.toml is developed, previewed, exported, validated
and varied end to end, with the generic packaged template when it has no template of its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from contentkit.cli import cli
from contentkit.usecases import render

from .conftest import Run

MASTODON = "[platforms.mastodon]\nlimit = 500\nfold_chars = 120\nfold_lines = 2\nhashtags = 1\n"
DRAFT = "drafts/mastodon/2025-11-03__shipping-beats-polishing.md"


def test_a_platform_defined_only_in_the_config_works_end_to_end(repo: Path, run: Run) -> None:
    (repo / "contentkit.toml").write_text(MASTODON, encoding="utf-8")
    developed = run("develop", "shipping", "--platform", "mastodon")
    assert developed.exit_code == 0, developed.output
    draft = (repo / DRAFT).read_text(encoding="utf-8")
    assert "platform: mastodon" in draft and "I'd like to hear where you disagree" not in draft

    preview = run("preview", DRAFT, "--json")
    assert preview.exit_code == 0, preview.output
    stats = json.loads(preview.stdout)
    assert stats["limit"] == 500 and stats["platform"] == "mastodon"

    exported = run("export", DRAFT)
    assert exported.exit_code == 0 and "platform:" not in exported.stdout
    assert len(exported.stdout.rstrip("\n")) == stats["characters"]

    checked = run("validate", "--format", "json")
    codes = {d["code"] for d in json.loads(checked.stdout)}
    assert "CK305" not in codes  # the platform is configured
    assert ("CK501" in codes) == (stats["characters"] > 500)
    # the example seed has more themes than mastodon's one hashtag: the rest go to the first comment
    assert "CK502" not in codes
    assert "\n## First comment\n\n#StartupExecution #LeanProductDevelopment\n" in draft
    assert run("export", DRAFT, "--first-comment").stdout == "#StartupExecution #LeanProductDevelopment\n"

    varied = run("variants", "measure", "--platform", "mastodon")
    assert varied.exit_code == 0, varied.output
    assert (repo / "drafts" / "mastodon" / "2025-11-17__measure-before-you-automate.variants.md").is_file()


def test_a_repo_template_for_the_platform_wins_over_the_generic_one(repo: Path, run: Run) -> None:
    (repo / "contentkit.toml").write_text(MASTODON, encoding="utf-8")
    (repo / "templates").mkdir()
    (repo / "templates" / "mastodon.md.j2").write_text("Toot: {{ hook }}\n", encoding="utf-8")
    assert run("develop", "shipping", "--platform", "mastodon").exit_code == 0
    assert "\nToot: " in (repo / DRAFT).read_text(encoding="utf-8")


def test_the_template_lookup_order(tmp_path: Path) -> None:
    assert render.platform_template(tmp_path, "linkedin") == "linkedin.md.j2"  # packaged
    assert render.platform_template(tmp_path, "mastodon") == render.GENERIC
    (tmp_path / "mastodon.md.j2").write_text("x\n", encoding="utf-8")
    assert render.platform_template(tmp_path, "mastodon") == "mastodon.md.j2"


def test_a_config_only_platform_in_init_new_and_its_display_name(tmp_path: Path) -> None:
    """init keeps a config that defines the platform; new writes a seed for it, naming it in Next
    Steps by its `display` (else its name, capitalized); the seed then develops and validates."""
    root = tmp_path / "posts"
    root.mkdir()
    (root / "contentkit.toml").write_text(MASTODON + 'display = "Mastodon (fosstodon.org)"\n', "utf-8")

    def run(*args: str) -> Result:
        return CliRunner().invoke(cli, ["-C", str(root), *args], catch_exceptions=False)

    assert run("init", ".", "--quiet").exit_code == 0
    assert "[platforms.mastodon]" in (root / "contentkit.toml").read_text(encoding="utf-8")
    made = run("new", "Small posts travel far", "--platform", "mastodon", "--date", "2025-11-20")
    assert made.exit_code == 0, made.output
    seed = (root / "seeds" / "2025-11-20__small-posts-travel-far.md").read_text(encoding="utf-8")
    assert "platform: mastodon" in seed
    assert "- [ ] Develop into full Mastodon (fosstodon.org) post" in seed
    assert run("validate").exit_code == 0
    path = root / "seeds" / "2025-11-20__small-posts-travel-far.md"
    hooks = '<!-- Opening lines, one per item: - "The first line a reader sees" -->'
    angles = '<!-- Numbered framings: 1. **"Title"** - what the post argues from this angle -->'
    filled = seed.replace(hooks, '- "Short posts get read to the end."')
    path.write_text(filled.replace(angles, '1. **"Less is read"** - brevity earns attention'), encoding="utf-8")
    developed = run("develop", "small-posts")  # the seed's own platform
    assert developed.exit_code == 0, developed.output
    assert (root / "drafts" / "mastodon" / "2025-11-20__small-posts-travel-far.md").is_file()

    (root / "contentkit.toml").write_text(MASTODON, encoding="utf-8")  # no display: the name
    assert run("new", "Second", "--platform", "mastodon", "--date", "2025-11-21").exit_code == 0
    assert "Develop into full Mastodon post" in (root / "seeds" / "2025-11-21__second.md").read_text("utf-8")
    assert run("new", "Third", "--date", "2025-11-22").exit_code == 0  # the packaged default keeps its name
    assert "Develop into full LinkedIn post" in (root / "seeds" / "2025-11-22__third.md").read_text("utf-8")


@pytest.mark.parametrize("value", ['""', "42", '"two\\nlines"', "true"])
def test_a_display_name_that_is_not_one_line_of_text_is_a_config_error(tmp_path: Path, value: str) -> None:
    (tmp_path / "contentkit.toml").write_text(MASTODON + f"display = {value}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["-C", str(tmp_path), "list"])
    assert result.exit_code != 0
    assert result.output.endswith("'platforms.mastodon.display' must be a name on one line\n")
    assert "Traceback" not in result.output
