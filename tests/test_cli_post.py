"""variants, export, preview from the command line, and develop's over-limit warning."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from contentkit.base import dates

from .conftest import Run, snapshot

STEM = "2025-11-03__shipping-beats-polishing"
SEED = f"seeds/{STEM}.md"
DRAFT = f"drafts/linkedin/{STEM}.md"
VARIANTS = f"drafts/linkedin/{STEM}.variants.md"

DRAFT_TEXT = """\
---
type: draft
status: draft
seed: seeds/2025-11-03__shipping-beats-polishing.md
platform: linkedin
---

We spent **three weeks** on an animation *80%* of users skipped.

<!-- note to self: check the analytics export before posting -->
Polishing feels productive because it is visible, not because it is valuable. The fastest way to learn what matters is to put a rough version in front of real users.

## What we learned

1. Ship the rough version
   - watch what people do
2. Read the [support tickets](https://example.com/tickets)

#ProductDiscovery #StartupExecution
"""


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "now_utc", lambda: "2025-11-04T09:00:00Z")



def write_draft(repo: Path, text: str = DRAFT_TEXT, rel: str = DRAFT) -> Path:
    path = repo / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def small_limit(repo: Path, limit: int) -> None:
    (repo / "contentkit.toml").write_text(f"[platforms.linkedin]\nlimit = {limit}\n", encoding="utf-8")


def test_the_commands_are_registered_with_help(run: Run) -> None:
    listing = run("--help").stdout
    for name in ("variants", "export", "preview", "publish"):
        assert name in listing
        assert run(name, "--help").exit_code == 0


# --- variants --------------------------------------------------------------------------------


def test_variants_renders_every_hook_and_angle_and_leaves_the_seed_alone(repo: Path, run: Run) -> None:
    seed_before = (repo / SEED).read_bytes()
    result = run("variants", "shipping")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote {VARIANTS}: 9 variants (3 hooks × 3 angles)\n")
    assert "    9  --hook 3 --angle 3    " in result.stdout
    assert (repo / SEED).read_bytes() == seed_before
    assert not (repo / DRAFT).exists()
    text = (repo / VARIANTS).read_text(encoding="utf-8")
    assert text.startswith(
        f"---\ntype: variants\nseed: {SEED}\nplatform: linkedin\ncreated: \"2025-11-04T09:00:00Z\"\n---\n"
    )
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert len(headings) == 9
    assert headings[0].startswith("## Variant 1: `--hook 1 --angle 1` (")
    assert headings[5].startswith("## Variant 6: `--hook 2 --angle 3` (")
    assert headings[0].endswith(" / 3,000 characters, opening fits before the fold)")
    assert f"contentkit develop {STEM} --hook N --angle M" in text
    assert f"(../../{SEED})" in text  # the link back to the seed works from the file's folder
    assert "<!-- contentkit: the hooks and angles not used here" not in text


def test_variant_n_is_what_develop_writes_with_those_numbers(repo: Path, run: Run) -> None:
    run("variants", "shipping")
    text = (repo / VARIANTS).read_text(encoding="utf-8")
    section = text.split("## Variant 6: ", 1)[1].split("\n## ", 1)[0]
    body = section.split("\n\n", 1)[1].strip()
    assert run("develop", "shipping", "--hook", "2", "--angle", "3").exit_code == 0
    draft = (repo / DRAFT).read_text(encoding="utf-8")
    assert draft.split("---\n", 2)[2].strip().startswith(body)


def test_variants_counts_match_preview(repo: Path, run: Run) -> None:
    run("variants", "shipping")
    run("develop", "shipping", "--hook", "3", "--angle", "2")
    characters = json.loads(run("preview", "shipping", "--json").stdout)["characters"]
    assert f"## Variant 8: `--hook 3 --angle 2` ({characters:,} / 3,000 characters" in (
        repo / VARIANTS
    ).read_text(encoding="utf-8")


def test_variants_refuses_to_overwrite_without_force(repo: Path, run: Run) -> None:
    run("variants", "shipping")
    path = repo / VARIANTS
    path.write_text(path.read_text(encoding="utf-8") + "\nmy notes on variant 2\n", encoding="utf-8")
    before = snapshot(repo)
    result = run("variants", "shipping")
    assert result.exit_code == 1
    assert result.stderr == (
        f"contentkit: error: {VARIANTS}: already exists and may hold your notes; "
        "use --force to render it again\n"
    )
    assert snapshot(repo) == before
    forced = run("variants", "shipping", "--force")
    assert forced.exit_code == 0
    assert "my notes" not in path.read_text(encoding="utf-8")
    kept_line = forced.stdout.splitlines()[1]
    assert kept_line.startswith(f"kept the old text of {VARIANTS} in .contentkit/kept/")
    assert "my notes on variant 2" in (repo / kept_line.rsplit(" in ", 1)[1]).read_text(encoding="utf-8")


def test_variants_for_another_platform(repo: Path, run: Run) -> None:
    result = run("variants", "shipping", "--platform", "x")
    assert result.exit_code == 0, result.output
    text = (repo / f"drafts/x/{STEM}.variants.md").read_text(encoding="utf-8")
    assert "platform: x\n" in text and " / 280 characters" in text


def test_variants_needs_hooks_and_angles(repo: Path, run: Run) -> None:
    assert run("new", "Empty idea", "--date", "2025-12-01").exit_code == 0
    before = snapshot(repo)
    result = run("variants", "empty-idea")
    assert result.exit_code == 1
    assert "the seed has no hooks yet" in result.stderr
    assert snapshot(repo) == before


def test_variants_file_does_not_confuse_index_list_or_draft_lookup(repo: Path, run: Run) -> None:
    run("index")
    run("variants", "shipping")
    assert run("index", "--check").exit_code == 0  # not counted as a draft
    assert "Drafts: 0" in (repo / "INDEX.md").read_text(encoding="utf-8")
    listed = json.loads(run("list", "--json").stdout)
    assert len(listed) == 3 and all(not e["path"].startswith("drafts/") for e in listed)
    missing = run("export", "shipping")
    assert missing.exit_code == 1 and "no draft matches 'shipping'" in missing.stderr
    by_path = run("export", VARIANTS)
    assert by_path.exit_code == 1 and "holds variants" in by_path.stderr


def test_variants_warns_about_variants_over_the_limit(repo: Path, run: Run) -> None:
    small_limit(repo, 930)
    result = run("variants", "shipping")
    assert result.exit_code == 0
    assert (repo / VARIANTS).exists()
    assert "(over the limit)" in (repo / VARIANTS).read_text(encoding="utf-8")
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: variant ")]
    assert warnings and all("over the linkedin limit of 930" in w for w in warnings)
    assert "warning: variant 1 (--hook 1 --angle 1): the post is 938 characters" in result.stderr


# --- develop's warning -----------------------------------------------------------------------


def test_develop_writes_an_over_limit_draft_and_warns(repo: Path, run: Run) -> None:
    small_limit(repo, 500)
    result = run("develop", "shipping")
    assert result.exit_code == 0
    assert (repo / DRAFT).exists()
    assert result.stderr == (
        f"warning: {DRAFT}: the post is 938 characters, over the linkedin limit of 500 by 438; "
        "edit it down before posting\n"
    )


def test_develop_within_the_limit_says_nothing(run: Run) -> None:
    result = run("develop", "shipping")
    assert result.exit_code == 0 and result.stderr == ""


def test_develop_warns_at_the_default_limit(repo: Path, run: Run) -> None:
    seed = repo / SEED
    long_point = "- " + "a long point about shipping early " * 12 + "\n"
    text = seed.read_text(encoding="utf-8").replace(
        "**What changed when we shipped earlier:**\n", "**What changed:**\n" + long_point * 8
    )
    seed.write_text(text, encoding="utf-8")
    result = run("develop", "shipping")
    assert result.exit_code == 0
    assert "over the linkedin limit of 3,000" in result.stderr


# --- export ----------------------------------------------------------------------------------

EXPECTED_EXPORT = """\
We spent three weeks on an animation 80% of users skipped.

Polishing feels productive because it is visible, not because it is valuable. The fastest way to learn what matters is to put a rough version in front of real users.

What we learned

1. Ship the rough version
  • watch what people do
2. Read the support tickets (https://example.com/tickets)

#ProductDiscovery #StartupExecution
"""


def test_export_prints_plain_text(repo: Path, run: Run) -> None:
    write_draft(repo)
    result = run("export", STEM)
    assert result.exit_code == 0, result.output
    assert result.stdout == EXPECTED_EXPORT
    assert result.stderr == ""


@pytest.mark.parametrize("ref", [STEM, f"{STEM}.md", "shipping", "2025-11-03", DRAFT])
def test_export_resolves_drafts_like_seeds(repo: Path, run: Run, ref: str) -> None:
    write_draft(repo)
    assert run("export", ref).stdout == EXPECTED_EXPORT


def test_export_resolves_relative_to_the_current_folder(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from contentkit.cli import cli

    write_draft(repo)
    monkeypatch.chdir(repo / "drafts" / "linkedin")
    result = CliRunner().invoke(cli, ["export", f"{STEM}.md"])
    assert result.exit_code == 0 and result.stdout == EXPECTED_EXPORT


def test_export_ambiguous_and_unknown_drafts(repo: Path, run: Run) -> None:
    write_draft(repo)
    write_draft(repo, rel=f"drafts/x/{STEM}.md")
    ambiguous = run("export", "shipping")
    assert ambiguous.exit_code == 1
    assert "'shipping' is ambiguous" in ambiguous.stderr and "or the path" in ambiguous.stderr
    unknown = run("export", "nothing-like-it")
    assert unknown.exit_code == 1
    assert unknown.stderr == "contentkit: error: no draft matches 'nothing-like-it' in drafts/\n"


def test_export_to_a_file_atomically(repo: Path, run: Run) -> None:
    write_draft(repo)
    out = repo / "exports" / "post.txt"
    result = run("export", STEM, "-o", str(out))
    assert result.exit_code == 0
    assert out.read_bytes() == EXPECTED_EXPORT.encode("utf-8")
    assert f"exported {DRAFT} -> exports/post.txt (" in result.stdout
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".post.txt.")]  # no temp file left


def test_export_never_overwrites_the_draft_itself(repo: Path, run: Run) -> None:
    write_draft(repo)
    before = snapshot(repo)
    result = run("export", STEM, "-o", str(repo / DRAFT))
    assert result.exit_code == 2 and "give a .txt file" in result.stderr
    assert run("export", STEM, "-o", str(repo / SEED)).exit_code == 2  # a .md file is no .txt: a usage error
    assert snapshot(repo) == before


def test_export_warns_over_the_limit(repo: Path, run: Run) -> None:
    write_draft(repo)
    result = run("export", STEM, "--platform", "x")
    assert result.exit_code == 0
    assert result.stdout == EXPECTED_EXPORT
    assert "over the x limit of 280" in result.stderr


def test_export_keeps_crlf_and_bom_drafts_readable(repo: Path, run: Run) -> None:
    write_draft(repo, "\ufeff" + DRAFT_TEXT.replace("\n", "\r\n"))
    assert run("export", STEM).stdout == EXPECTED_EXPORT


def test_export_of_an_unknown_platform_is_a_one_line_error(repo: Path, run: Run) -> None:
    write_draft(repo)
    result = run("export", STEM, "--platform", "myspace")
    assert result.exit_code == 1
    assert result.stderr == "contentkit: error: unknown platform 'myspace' (configured: bluesky, linkedin, mastodon, threads, x, x_premium)\n"


def test_export_of_broken_front_matter_is_located(repo: Path, run: Run) -> None:
    write_draft(repo, "---\nplatform: [linkedin\n---\n\nHello\n")
    result = run("export", STEM)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"contentkit: error: {DRAFT}:3:1: invalid YAML")
    assert "Traceback" not in result.output


# --- preview ---------------------------------------------------------------------------------

EXPECTED_PREVIEW = """\
We spent three weeks on an animation 80% of users skipped.

Polishing feels productive because it is visible, not because it is valuable.
----- …see more (phone) -----
The fastest way to learn what matters is to put a rough version in front
----- …see more (desktop) -----
of real users.

What we learned

1. Ship the rough version
  • watch what people do
2. Read the support tickets (https://example.com/tickets)

#ProductDiscovery #StartupExecution

==== linkedin ====
characters  389 / 3,000
hashtags    2 (at most 5 recommended)
fold        desktop: after 210 characters (3 lines shown); the opening line fits
fold        phone: after 137 characters (3 lines shown); the opening line fits
"""


def test_preview_marks_the_fold(repo: Path, run: Run) -> None:
    write_draft(repo)
    result = run("preview", STEM)
    assert result.exit_code == 0, result.output
    assert result.stdout == EXPECTED_PREVIEW
    assert len(EXPECTED_EXPORT) - 1 == 389


def test_preview_json(repo: Path, run: Run) -> None:
    write_draft(repo)
    data = json.loads(run("preview", STEM, "--json").stdout)
    assert data["path"] == DRAFT
    assert data["platform"] == "linkedin"
    assert data["characters"] == 389 and data["limit"] == 3000
    assert data["fold"] == (
        "We spent three weeks on an animation 80% of users skipped.\n\n"
        "Polishing feels productive because it is visible, not because it is valuable. The fastest way to "
        "learn what matters is to put a rough version in front"
    )
    assert data["hashtags"] == 2
    assert data["warnings"] == []
    assert data["text"] == EXPECTED_EXPORT


def test_preview_warnings(repo: Path, run: Run) -> None:
    (repo / "contentkit.toml").write_text(
        "[platforms.linkedin]\nlimit = 300\nfold_chars = 40\nhashtags = 1\n", encoding="utf-8"
    )
    write_draft(repo)
    result = run("preview", STEM)
    assert result.exit_code == 0
    assert "characters  389 / 300 (over the limit)\n" in result.stdout
    assert "warning     CK501 line 8: the post is 389 characters, over the linkedin limit of 300 by 89\n" in (
        result.stdout
    )
    assert "warning     CK502 line 19: 2 hashtags;" in result.stdout
    assert "warning     CK503 line 8: the opening line (58 characters) runs past" in result.stdout
    data = json.loads(run("preview", STEM, "--json").stdout)
    assert [w["code"] for w in data["warnings"]] == ["CK501", "CK502", "CK503"]
    assert data["fold"] == "We spent three weeks on an animation 80%"


def test_preview_uses_the_drafts_platform(repo: Path, run: Run) -> None:
    write_draft(repo, DRAFT_TEXT.replace("platform: linkedin", "platform: x"))
    data = json.loads(run("preview", STEM, "--json").stdout)
    assert data["platform"] == "x" and data["limit"] == 280
    assert data["warnings"][0]["code"] == "CK501"
    write_draft(repo, DRAFT_TEXT.replace("platform: linkedin\n", ""), rel=f"drafts/x/{STEM}.md")
    (repo / DRAFT).unlink()
    assert json.loads(run("preview", STEM, "--json").stdout)["platform"] == "x"  # from its folder
