"""adopt on the shapes real writers' repos have: Jekyll `_drafts` (string tags, `published:`), Hugo
and Zola (`draft: true`), an Obsidian-style vault with no front matter, language folders, idea
banks, and a repo where `init` ran first."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from contentkit.cli import cli
from contentkit.model import banks


def make(tmp_path: Path, files: dict[str, str], config: str | None = None) -> Path:
    root = tmp_path / "repo"
    root.mkdir(parents=True)
    if config is not None:
        (root / "contentkit.toml").write_text(config, encoding="utf-8")
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def adopt(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["adopt", str(root), *args])


def report(root: Path, *args: str) -> dict:
    result = adopt(root, "--json", *args)
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.stdout))


def validate(root: Path) -> Result:
    return CliRunner().invoke(cli, ["-C", str(root), "validate"])


JEKYLL = (
    "---\ntitle: {n}\nsubtitle: more\ntags: writing, craft\ndate: \"2019-12\"\npublished: false\n---\n"
    "# {n}\n\n## Hooks\n\n- a hook\n"
)


def test_jekyll_drafts_string_tags_year_month_dates_and_subtitle(tmp_path: Path) -> None:
    root = make(tmp_path, {f"_drafts/p{n}.markdown": JEKYLL.format(n=n) for n in range(3)})
    found = report(root)
    assert found["seeds_dir"] == "_drafts" and found["seeds"] == 3  # .markdown files are read
    assert found["keys"]["status"] == [{"name": "published", "files": 3}]
    assert found["status"] == {"seed": [{"name": "false", "files": 3}]}
    assert not any("typo" in note for note in found["open"])  # subtitle is no typo of title
    assert found["errors_after"] == 0, found["failing"]
    assert validate(root).exit_code == 0


def test_hugo_draft_true_is_a_seed_not_developed(tmp_path: Path) -> None:
    page = "---\ntitle: T{n}\ncreatedAt: 2024-01-0{n}\ndraft: {flag}\n---\nBody {n}\n"
    files = {f"content/ideas/t{n}.md": page.format(n=n, flag="true" if n < 3 else "false") for n in range(1, 5)}
    root = make(tmp_path, files)
    found = report(root)
    assert found["keys"]["created"] == [{"name": "createdAt", "files": 4}]  # camelCase: an alias
    assert found["status"] == {"seed": [{"name": "true", "files": 2}], "published": [{"name": "false", "files": 2}]}
    assert found["errors_after"] == 0, found["failing"]
    listed = CliRunner().invoke(cli, ["-C", str(root), "list", "--json"])
    assert sorted(row["status"] for row in json.loads(listed.stdout)) == ["published"] * 2 + ["seed"] * 2


def test_status_draft_on_files_that_are_the_draft_is_never_developed(tmp_path: Path) -> None:
    seed = "---\ntitle: S{n}\nstatus: draft\n---\n# S{n}\n"
    root = make(tmp_path, {f"seeds/s{n}.md": seed.format(n=n) for n in range(4)})
    found = report(root)
    assert found["status"] == {"seed": [{"name": "draft", "files": 4}]}
    assert any("each is the draft itself, mapped to seed" in note for note in found["open"])
    assert not any(d["code"] == "CK205" for d in found["failing"])


def test_a_vault_without_front_matter_is_read_and_left_open_with_the_commands(tmp_path: Path) -> None:
    files = {
        "ideas/2024-03-01 first idea.md": "# First idea\n\nText.\n",
        "ideas/second.md": "Second idea, no heading\n",
        "ideas/backlog.md": "# Backlog\n\n" + "".join(f"- [ ] idea {n}\n" for n in range(10)),
    }
    root = make(tmp_path, files)
    found = report(root, "--dry-run")
    assert found["errors_before"] == 3 and found["errors_after"] == 0
    assert "front_matter = \"optional\"" in found["config"] and "required = []" in found["config"]
    assert found["idea_banks"] == [{"path": "ideas/backlog.md", "ideas": 10,
                                    "form": "a numbered or checkbox list of ideas"}]
    assert any("contentkit split ideas/backlog.md" in note for note in found["open"])
    assert any("contentkit adopt --add-front-matter" in note for note in found["open"])
    assert not (root / "contentkit.toml").exists()


def test_add_front_matter_dry_run_writes_nothing_then_writes_the_smallest_block(tmp_path: Path) -> None:
    text = "\ufeff# First idea\r\n\r\nText.\r\n"
    root = make(tmp_path, {"ideas/2024-03-01-first.md": text, "ideas/plain.md": "Plain\n"})
    before = (root / "ideas" / "2024-03-01-first.md").read_bytes()
    dry = adopt(root, "--add-front-matter", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "would add front matter to ideas/2024-03-01-first.md: status: seed, created: \"2024-03-01\"" in dry.output
    assert (root / "ideas" / "2024-03-01-first.md").read_bytes() == before
    done = adopt(root, "--add-front-matter")
    assert done.exit_code == 0, done.output
    assert "added front matter to ideas/plain.md: status: seed" in done.output
    block = "\ufeff---\r\nstatus: seed\r\ncreated: \"2024-03-01\"\r\n---\r\n".encode()
    assert (root / "ideas" / "2024-03-01-first.md").read_bytes() == block + before[3:]
    assert 'front_matter' not in (root / "contentkit.toml").read_text(encoding="utf-8")
    assert validate(root).exit_code == 0


def test_required_is_what_most_files_carry_never_one_file(tmp_path: Path) -> None:
    files = {f"seeds/s{n}.md": f"---\ntitle: S{n}\nstatus: seed\n---\nx\n" for n in range(3)}
    files["seeds/odd.md"] = "---\ntitle: Odd\ncategory: rare\n---\nx\n"
    found = report(make(tmp_path, files))
    assert found["required"] == ["title", "status"]
    single = report(make(tmp_path / "one", {"seeds/a.md": "---\ntitle: A\ntype: x\n---\nx\n"}))
    assert single["required"] == [] and "required = []" in single["config"]


def test_adopt_replaces_the_required_list_init_wrote(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    assert CliRunner().invoke(cli, ["-C", str(root), "init"]).exit_code == 0
    for n in range(3):
        (root / "seeds" / f"s{n}.md").write_text(f"---\ntitle: S{n}\ntags: [a]\n---\nx\n", encoding="utf-8")
    result = adopt(root)
    assert result.exit_code == 0, result.output
    config = (root / "contentkit.toml").read_text(encoding="utf-8")
    assert 'required = ["title", "tags"]\n' in config and '"category"' not in config
    assert "replaced the packaged" in result.output
    assert validate(root).exit_code == 0
    again = (root / "contentkit.toml").read_text(encoding="utf-8").replace('["title", "tags"]', '["title"]')
    (root / "contentkit.toml").write_text(again, encoding="utf-8")  # the writer's own list stays theirs
    assert adopt(root).exit_code == 0
    assert 'required = ["title"]\n' in (root / "contentkit.toml").read_text(encoding="utf-8")


def test_language_folders_may_share_file_names(tmp_path: Path) -> None:
    files = {f"seeds/{lang}/idea-001.md": f"---\ntitle: {lang}\nstatus: seed\n---\nx\n" for lang in ("en", "ru", "vi")}
    found = report(make(tmp_path, files))
    assert not any(d["code"] == "CK208" for d in found["failing"])


def test_idea_bank_forms() -> None:
    headings = "".join(f"## 2026-06-2{n} · \"Idea {n}\"\n\n**Hook options:**\n- h\n\n" for n in range(3))
    table = "| # | Title | Status |\n|---|---|---|\n" + "".join(f"| {n} | t | new |\n" for n in range(4))
    angled = "".join(f"### {n}. Title\n- Angle: a\n" for n in range(5))
    one_idea = "# One\n\n## Hooks\n\n- a\n\n## Potential Angles\n\n- Angle: b\n\n## Key Points\n\n1. x\n"
    assert banks.idea_bank(headings) == (3, "headings with hooks or angles")
    assert banks.idea_bank(table) == (4, "a table with a title column")
    assert banks.idea_bank(angled) == (5, "headings with hooks or angles")
    assert banks.idea_bank(one_idea) is None


def test_drafts_written_before_contentkit_pair_by_name_or_stand_alone(tmp_path: Path) -> None:
    files = {
        "seeds/idea.md": "---\ntitle: Idea\nstatus: draft\n---\n# Idea\n",
        "drafts/idea.md": "---\ntitle: Idea, the post\n---\nThe post.\n",  # paired with seeds/idea.md
        "drafts/old-post.md": "---\ntitle: Old\n---\nAn older post.\n",  # no seed: a draft of its own
    }
    root = make(tmp_path, files)
    assert report(root)["errors_after"] == 0
    result = validate(root)
    assert result.exit_code == 0, result.output
    assert "drafts/old-post.md:1:1: CK220" in result.output and "drafts/idea.md" not in result.output
    assert "CK401" not in result.output
