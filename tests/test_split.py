"""`contentkit split`: an idea bank into one seed per idea."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from contentkit.model import seed as seeds

from .conftest import Run, snapshot

HEADINGS = (
    "# Ideas\n\n"
    '## 2026-06-23 · "Why juniors should ship on day one"\n\n'
    '**Hook options:**\n- "Day one, first deploy."\n- «We let the intern ship.»\n\nStatus: idea\n\n'
    '## 2026-06-24 · "The meeting that should have been a doc"\n\n'
    "- Angle: meetings as a tax\n- Angle: writing is thinking\n"
)
NUMBERED = "# Backlog\n\n### 12. Remote onboarding\n\n- Angle: the first week\n\n### 13. Pricing pages\n\nHook: Nobody reads them.\n"
TABLE = (
    "| # | Title | Status | Date | Hook |\n|---|---|---|---|---|\n"
    "| 1 | Hiring slow | seed | 2026-01-02 | \"Hire slowly.\" |\n| 2 | Firing fast | published | 2026-01-03 | |\n"
)
CHECKBOX = "# Backlog\n\n- [ ] Write about on-call\n- [x] Post about the offsite\n- [ ] Ship notes\n"


def bank(repo: Path, text: str, name: str = "ideas.md") -> Path:
    path = repo / name
    path.write_bytes(text.encode("utf-8"))
    return path


def seed_at(repo: Path, rel: str) -> seeds.Seed:
    return seeds.load(repo / rel, repo)


def test_a_heading_per_idea_carries_hooks_angles_status_date_and_source(repo: Path, run: Run) -> None:
    bank(repo, HEADINGS)
    result = run("split", "ideas.md")
    assert result.exit_code == 0, result.output
    first = seed_at(repo, "seeds/2026-06-23__why-juniors-should-ship-on-day-one.md")
    assert first.title == "Why juniors should ship on day one"
    assert first.hooks == ["Day one, first deploy.", "We let the intern ship."]
    assert (first.get("created"), first.get("source"), first.status) == ("2026-06-23", "ideas.md", "idea")
    second = seed_at(repo, "seeds/2026-06-24__the-meeting-that-should-have-been-a-doc.md")
    assert [a.title for a in second.angles] == ["meetings as a tax", "writing is thinking"]
    assert (repo / "ideas.md").read_text(encoding="utf-8") == HEADINGS  # the bank is left as it is


def test_numbered_headings_a_table_and_a_checkbox_list(repo: Path, run: Run) -> None:
    bank(repo, NUMBERED, "a.md"), bank(repo, TABLE, "b.md"), bank(repo, CHECKBOX, "c.md")
    for name in ("a.md", "b.md", "c.md"):
        assert run("split", name).exit_code == 0
    names = sorted(p.name for p in (repo / "seeds").glob("*.md"))
    assert "2026-01-02__hiring-slow.md" in names and any(n.endswith("__remote-onboarding.md") for n in names)
    onboarding = next(p for p in (repo / "seeds").glob("*__remote-onboarding.md"))
    assert [a.title for a in seeds.load(onboarding, repo).angles] == ["the first week"]
    pricing = next(p for p in (repo / "seeds").glob("*__pricing-pages.md"))
    assert seeds.load(pricing, repo).hooks == ["Nobody reads them."]
    hiring = seed_at(repo, "seeds/2026-01-02__hiring-slow.md")
    assert hiring.hooks == ["Hire slowly."] and hiring.get("source") == "b.md"
    offsite = next(p for p in (repo / "seeds").glob("*__post-about-the-offsite.md"))
    assert seeds.load(offsite, repo).status == "published"


def test_dry_run_writes_nothing_and_json_says_what_it_would(repo: Path, run: Run) -> None:
    bank(repo, HEADINGS)
    before = snapshot(repo)
    result = run("split", "ideas.md", "--dry-run", "--json")
    assert result.exit_code == 0
    assert snapshot(repo) == before
    data = json.loads(result.stdout)
    assert data["shape"] == "headings" and [i["written"] for i in data["ideas"]] == [False, False]
    assert data["ideas"][0]["seed"] == "seeds/2026-06-23__why-juniors-should-ship-on-day-one.md"


def test_an_existing_seed_is_never_overwritten(repo: Path, run: Run) -> None:
    bank(repo, HEADINGS)
    mine = repo / "seeds/2026-06-23__why-juniors-should-ship-on-day-one.md"
    mine.write_text("mine\n", encoding="utf-8")
    result = run("split", "ideas.md")
    assert result.exit_code == 0
    assert "exists, not overwritten seeds/2026-06-23__why-juniors" in result.stdout
    assert mine.read_text(encoding="utf-8") == "mine\n"


def test_mark_inserts_one_line_per_idea_and_keeps_every_other_byte(repo: Path, run: Run) -> None:
    text = HEADINGS.replace("\n", "\r\n")
    path = bank(repo, text)
    assert run("split", "ideas.md", "--mark").exit_code == 0
    after = path.read_bytes().decode("utf-8")
    added = [line for line in after.split("\r\n") if line not in text.split("\r\n")]
    assert added == [
        "→ seed: [seeds/2026-06-23__why-juniors-should-ship-on-day-one.md]"
        "(seeds/2026-06-23__why-juniors-should-ship-on-day-one.md)",
        "→ seed: [seeds/2026-06-24__the-meeting-that-should-have-been-a-doc.md]"
        "(seeds/2026-06-24__the-meeting-that-should-have-been-a-doc.md)",
    ]
    assert "\n" not in after.replace("\r\n", "")
    kept = "\r\n".join(line for line in after.split("\r\n") if line not in added)
    assert kept == text


def test_outside_the_repo_and_not_a_bank_are_refused(repo: Path, run: Run, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.md"
    outside.write_text(HEADINGS, encoding="utf-8")
    result = run("split", str(outside))
    assert result.exit_code == 1 and "outside the repo" in result.stderr
    bank(repo, "# One idea\n\nJust prose.\n", "one.md")
    result = run("split", "one.md")
    assert result.exit_code == 1 and "one.md: not an idea bank" in result.stderr


def test_a_missing_folder_or_binary_bank_is_one_located_line(repo: Path, run: Run) -> None:
    for name, make in (("missing.md", None), ("folder.md", "dir"), ("binary.md", b"\xff\xfe\x00ideas")):
        if make == "dir":
            (repo / name).mkdir()
        elif isinstance(make, bytes):
            (repo / name).write_bytes(make)
        result = run("split", name)
        assert result.exit_code == 1, name
        assert result.stderr.startswith(f"contentkit: error: {name}: "), result.stderr
        assert "Traceback" not in result.output


def test_the_seeds_folder_is_made_when_missing(repo: Path, run: Run) -> None:
    shutil.rmtree(repo / "seeds")
    bank(repo, HEADINGS)
    assert run("split", "ideas.md").exit_code == 0
    assert len(list((repo / "seeds").glob("*.md"))) == 2
