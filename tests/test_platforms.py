"""A platform is data: one defined only in contentkit.toml is developed, previewed, exported, validated
and varied end to end, with the generic packaged template when it has no template of its own."""

from __future__ import annotations

import json
from pathlib import Path

from contentkit import render

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
    assert "CK502" in codes  # the example seed has more themes than mastodon's one hashtag

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
