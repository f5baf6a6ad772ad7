"""`contentkit adopt`: a writer's existing repo read in its own vocabulary, contentkit.toml written
(created, or added to without touching a byte of it), never a seed or draft edited, idempotent."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from contentkit.cli import cli
from contentkit.usecases.adopt import Proposal
from contentkit.usecases.adopt_config import merged

from .conftest import SHARED, snapshot

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FIXTURES = Path(__file__).parent / "fixtures" / "adopt"
LINKEDIN_IDEAS = SHARED / "real-world" / "linkedin-ideas"


def ck(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["-C", str(root), *args], catch_exceptions=False)


def errors(root: Path) -> list[dict[str, object]]:
    result = ck(root, "validate", "--format", "json")
    return [d for d in json.loads(result.stdout) if d["severity"] == "error"]


def copied(tmp_path: Path, name: str) -> Path:
    root = tmp_path / name
    shutil.copytree(FIXTURES / name, root)
    return root


@pytest.fixture
def ideas_repo(tmp_path: Path) -> Path:
    """The linkedin-ideas files as a new user would have them: a seeds/ folder, no config yet."""
    if not LINKEDIN_IDEAS.is_dir():
        pytest.skip("shared real-world files not available")
    root = tmp_path / "linkedin"
    (root / "seeds").mkdir(parents=True)
    for path in sorted(LINKEDIN_IDEAS.glob("*.md")):
        (root / "seeds" / path.name).write_bytes(path.read_bytes())
    return root


def test_real_world_ideas_after_adopt(ideas_repo: Path) -> None:
    (ideas_repo / "contentkit.toml").write_text("", encoding="utf-8")
    before = errors(ideas_repo)
    (ideas_repo / "contentkit.toml").unlink()
    seeds = {rel: data for rel, data in snapshot(ideas_repo).items()}
    result = ck(ideas_repo, "adopt")
    assert result.exit_code == 0, result.output
    assert "created <- created_date (22)" in result.stdout
    assert "developed_to <- draft_file (18)" in result.stdout
    assert "18 files named as drafts (developed_to, draft_file) are not in the repo, like 'ai-powered-gtm-engine.md'" in (
        result.stdout
    )
    assert "seed <- new (4)" in result.stdout and "developed <- drafted (18)" in result.stdout
    assert {rel: data for rel, data in snapshot(ideas_repo).items() if rel != "contentkit.toml"} == seeds
    after = errors(ideas_repo)
    for d in after:  # created is required (most files carry it): only a file with no date of any name lacks it
        if d["code"] == "CK201" and "'created'" in str(d["message"]):
            text = (ideas_repo / str(d["path"])).read_text(encoding="utf-8").split("\n---", 1)[0]
            assert "created" not in text, d
    assert len(after) <= 0.2 * len(before), (len(before), len(after))
    assert f"validate: {len(before)} errors before, {len(after)} after" in result.stdout
    for d in after:  # each file that still fails is reported with its reason
        assert f"  {d['path']}:{d['line']}:{d['col']}: {d['code']} {d['message']}" in result.stdout
    for path in sorted((ideas_repo / "seeds").glob("*.md")):
        shown = ck(ideas_repo, "show", path.name, "--json")
        if path.read_bytes().startswith(b"---"):
            meta = json.loads(shown.stdout)
            assert meta["title"] and meta["title"] == meta["meta"].get("title", meta["title"])


def test_a_real_world_seed_develops_in_its_own_vocabulary(ideas_repo: Path) -> None:
    assert ck(ideas_repo, "adopt").exit_code == 0
    seed = ideas_repo / "seeds" / "archived--market-pull-uncertainty.md"
    before = seed.read_text(encoding="utf-8")
    result = ck(ideas_repo, "develop", "archived--market-pull-uncertainty")
    assert result.exit_code == 0, result.output
    draft = "drafts/linkedin/archived--market-pull-uncertainty.md"
    expected = before.replace("status: new\n", f"status: drafted\ndraft_file: {draft}\n")
    assert seed.read_text(encoding="utf-8") == expected
    assert (ideas_repo / draft).is_file()
    assert ck(ideas_repo, "validate", "seeds/archived--market-pull-uncertainty.md").exit_code == 0


def test_adopt_again_changes_nothing(ideas_repo: Path) -> None:
    assert ck(ideas_repo, "adopt").exit_code == 0
    assert ck(ideas_repo, "develop", "archived--market-pull-uncertainty").exit_code == 0
    files = snapshot(ideas_repo)
    again = ck(ideas_repo, "adopt")
    assert again.exit_code == 0 and "contentkit.toml: unchanged (nothing to add)" in again.stdout
    assert snapshot(ideas_repo) == files
    assert json.loads(ck(ideas_repo, "adopt", "--json").stdout)["changed"] is False


def test_dry_run_writes_nothing_and_prints_the_config(ideas_repo: Path) -> None:
    files = snapshot(ideas_repo)
    result = ck(ideas_repo, "adopt", "--dry-run")
    assert result.exit_code == 0
    assert snapshot(ideas_repo) == files and not (ideas_repo / "contentkit.toml").exists()
    [line] = [line for line in result.stdout.splitlines() if line.startswith("contentkit.toml: would create with ")]
    assert "required" in line and "[aliases.keys] created" in line
    text = result.stdout.split("--- contentkit.toml as it would be ---\n", 1)[1]
    assert tomllib.loads(text)["aliases"]["keys"]["created"] == ["created_date"]
    assert ck(ideas_repo, "adopt").exit_code == 0
    assert (ideas_repo / "contentkit.toml").read_text(encoding="utf-8").rstrip("\n") == text.rstrip("\n")


def test_a_jekyll_drafts_folder(tmp_path: Path) -> None:
    root = copied(tmp_path, "jekyll")
    posts = snapshot(root)
    result = ck(root, "adopt", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["seeds_dir"] == "_drafts" and report["seeds"] == 2
    assert report["keys"] == {"created": [{"name": "date", "files": 2}]}
    assert report["required"] == ["title", "created", "tags"]
    assert any("'categories'" in note for note in report["open"])
    config = tomllib.loads((root / "contentkit.toml").read_text(encoding="utf-8"))
    assert config["seeds_dir"] == "_drafts" and "layout" in config["known_keys"]
    assert {rel: data for rel, data in snapshot(root).items() if rel != "contentkit.toml"} == posts
    rows = json.loads(ck(root, "list", "--json").stdout)
    assert [(r["created"], r["title"]) for r in rows] == [
        ("2025-02-03T08:30:00", "Our monorepo, one year later"),
        ("2025-01-10", "Why flaky tests lie to you"),
    ]
    assert errors(root) == []


def test_an_idea_and_draft_repo(tmp_path: Path) -> None:
    root = copied(tmp_path, "ideas")
    result = ck(root, "adopt")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "read 5 files: 4 seeds in ideas/, 1 draft in drafts/" in out
    assert "status:\n  seed <- idea (1)\n  developed <- drafting (1)\n  published <- posted (1)\n" in out
    assert "  developed_to <- draft (1)\n  published_url <- post_url (1)\n" in out
    assert "sections:\n  hooks <- Engagement hooks (2)\n" in out
    assert "status 'someday-maybe' (1 file) has no meaning contentkit knows: not mapped" in out
    assert "validate: 20 errors before, 1 after (95% fewer)" in out
    assert "  ideas/someday.md:4:9: CK202 status 'someday-maybe' is not in the lifecycle" in out
    shown = json.loads(ck(root, "show", "rate-limits", "--json").stdout)
    assert shown["hooks"] == ["Your rate limit is your pricing page, whether you like it or not."]
    rows = {r["path"]: r for r in json.loads(ck(root, "list", "--json").stdout)}
    assert rows["ideas/onboarding-emails.md"]["developed_to"] == ["drafts/linkedin/onboarding-emails.md"]
    assert rows["ideas/pricing-page.md"]["status"] == "published"
    seed = root / "ideas" / "rate-limits.md"
    assert ck(root, "develop", "rate-limits").exit_code == 0
    assert "status: drafting\ndraft: drafts/linkedin/rate-limits.md\n" in seed.read_text(encoding="utf-8")


def test_an_existing_config_keeps_every_byte(tmp_path: Path) -> None:
    root = copied(tmp_path, "ideas")
    mine = (
        "# my settings\r\n"
        'seeds_dir = "ideas"   # where ideas live\r\n'
        "\r\n"
        "[aliases.status]\r\n"
        'archived = ["someday-maybe"]  # not now\r\n'
        "\r\n"
        "[platforms.linkedin]\r\n"
        "fold_chars = 200\r\n"
    )
    (root / "contentkit.toml").write_bytes(mine.encode())
    result = ck(root, "adopt")
    assert result.exit_code == 0, result.output
    text = (root / "contentkit.toml").read_bytes().decode()
    assert text.startswith('# my settings\r\nseeds_dir = "ideas"   # where ideas live\r\n\r\nrequired = ')
    assert (
        '[aliases.status]\r\narchived = ["someday-maybe"]  # not now\r\nseed = ["idea"]\r\n'
        'developed = ["drafting"]\r\npublished = ["posted"]\r\n\r\n[platforms.linkedin]\r\nfold_chars = 200\r\n'
    ) in text
    assert "\n" not in text.replace("\r\n", "")  # the file's own line ends
    assert "[aliases.keys]\r\n" in text and "validate: 19 errors before, 0 after (100% fewer)" in result.stdout
    again = snapshot(root)
    assert "unchanged" in ck(root, "adopt").stdout and snapshot(root) == again


def test_what_cannot_be_decided_is_reported_not_guessed(tmp_path: Path) -> None:
    root = copied(tmp_path, "ideas")
    seed = root / "ideas" / "pricing-page.md"
    seed.write_text(seed.read_text(encoding="utf-8").replace("post_url: https", "post_url: not-a-url https"))
    report = json.loads(ck(root, "adopt", "--json").stdout)
    assert "published_url" not in report["keys"]
    assert report["open"][0] == "status 'someday-maybe' (1 file) has no meaning contentkit knows: not mapped " \
        "(add it under [aliases.status] to one of seed, developed, published, archived)"


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("[aliases]\nkeys = { created = ['date'] }\n", "contentkit.toml: cannot add seeds_dir, required, [aliases.keys] developed_to"),
        ("[aliases.status]\nsoon = ['x']\n", "contentkit.toml:2: aliases.status: 'soon' is not a lifecycle state"),
    ],
)
def test_a_config_it_cannot_add_to_is_one_line_and_untouched(tmp_path: Path, config: str, message: str) -> None:
    root = copied(tmp_path, "ideas")
    (root / "contentkit.toml").write_text(config, encoding="utf-8")
    result = ck(root, "adopt")
    assert result.exit_code in (1, 2) and message in result.stderr and len(result.stderr.splitlines()) == 1
    assert (root / "contentkit.toml").read_text(encoding="utf-8") == config


def test_no_seeds_folder_and_pyproject_config_are_refused(tmp_path: Path) -> None:
    result = ck(tmp_path, "adopt", str(tmp_path))
    assert result.exit_code == 2 and "no seeds folder here (looked for seeds/, ideas/" in result.stderr
    (tmp_path / "pyproject.toml").write_text("[tool.contentkit]\n", encoding="utf-8")
    refused = ck(tmp_path, "adopt")
    assert refused.exit_code == 1 and "adopt writes contentkit.toml only" in refused.stderr
    assert not (tmp_path / "contentkit.toml").exists()


def test_adopt_has_help() -> None:
    result = CliRunner().invoke(cli, ["adopt", "--help"])
    assert result.exit_code == 0 and "--dry-run" in result.stdout and "Never edits a seed" in result.stdout


# --- the config editor, as a property: the writer's text is kept, the new entries land, once -------


_names = st.sampled_from(["created", "developed_to", "tags", "seed", "developed", "published", "hooks", "angles"])
_values = st.lists(st.text("abcxyz_- é", min_size=1, max_size=8).filter(str.strip), min_size=1, max_size=3)
_rows = st.dictionaries(_names, st.lists(st.tuples(st.text("abc_-é", min_size=1, max_size=6), st.just(1)),
                                         min_size=1, max_size=2), max_size=3)
_chunks = st.lists(
    st.sampled_from([
        "# a comment\n", "seeds_dir = \"ideas\"  # mine\n", "\n", "[aliases.status]\nseed = [\"new\"]\n",
        "[platforms.linkedin]\nlimit = 2900\n", "[aliases.keys]\n# my keys\ncreated = [\"date\"]\n\n",
        "[sections]\nthemes = [\"Topics\"]\n",
    ]),
    max_size=5,
    unique=True,
)


def _kept(line: str, new: str) -> bool:
    """A line of the file as merged() leaves it: the same, or an array of it with values added
    before its closing `]`."""
    if new == line:
        return True
    close = line.rfind("]")
    return close >= 0 and new.startswith(line[:close]) and new.endswith(line[close:])


@settings(max_examples=150, deadline=None)
@given(_chunks, _rows, _rows, _rows, st.booleans(), st.booleans())
def test_merging_keeps_the_text_and_adds_each_entry_once(
    chunks: list[str], keys: dict, status: dict, sections: dict, crlf: bool, required: bool
) -> None:
    text = "".join(chunks)
    text = text.replace("\n", "\r\n") if crlf else text
    proposal = Proposal(keys=keys, status=status, sections=sections)
    top: dict[str, list[str] | str] = {"required": ["title"]} if required else {}
    edit = merged(text, proposal, top)
    old, new = tomllib.loads(text), tomllib.loads(edit.text)
    lines = iter(edit.text.splitlines())
    assert all(any(_kept(line, n) for n in lines) for line in text.splitlines())  # every line, in order

    def grown(have: dict, name: str, pairs: list) -> list:
        if name not in have:
            return [value for value, _ in pairs]
        there = {v.strip() for v in have[name]}
        return [*have[name], *dict.fromkeys(v for v, _ in pairs if v.strip() not in there)]

    for table, rows in (("keys", keys), ("status", status)):
        have = old.get("aliases", {}).get(table, {})
        for name, pairs in rows.items():
            assert new["aliases"][table][name] == grown(have, name, pairs)  # a new value at its end
    for name, pairs in sections.items():
        assert new["sections"][name] == grown(old.get("sections", {}), name, pairs)
    assert {k: v for k, v in new.items() if k not in ("aliases", "sections", "required")} == {
        k: v for k, v in old.items() if k not in ("aliases", "sections", "required")
    }
    if crlf and text:
        assert "\n" not in edit.text.replace("\r\n", "")
    assert merged(edit.text, proposal, top).text == edit.text  # once only


def test_seeds_option_names_a_folder_and_never_overrides_the_file(tmp_path: Path) -> None:
    root = copied(tmp_path, "ideas")
    bad = ck(root, "adopt", "--seeds", "nope")
    assert bad.exit_code == 2 and "--seeds 'nope' is not a folder" in bad.stderr
    assert not (root / "contentkit.toml").exists()
    assert ck(root, "adopt", "--seeds", "ideas").exit_code == 0
    config = (root / "contentkit.toml").read_bytes()
    (root / "more").mkdir()
    again = ck(root, "adopt", "--seeds", "more")
    assert again.exit_code == 0
    assert "contentkit.toml says seeds_dir = 'ideas': kept; read more/ this time" in again.stdout
    assert (root / "contentkit.toml").read_bytes() == config


def plain_repo(tmp_path: Path, seeds: dict[str, str]) -> Path:
    """A folder a writer keeps under git, no contentkit config yet."""
    root = tmp_path / "plain"
    (root / "seeds").mkdir(parents=True)
    for name, text in seeds.items():
        (root / "seeds" / name).write_text(text, encoding="utf-8")
    return root


POST_HEADINGS = (
    "---\ntitle: T{n}\nstatus: new\n---\n\n## Post 1: The Hook (Wednesday)\n\nPost body {n}.\n\n"
    "## Themes!\n\nshout {n}\n\n## Engagement hooks\n\n- hook {n}\n"
)


def test_a_heading_with_a_kind_word_inside_it_is_not_mapped(tmp_path: Path) -> None:
    root = plain_repo(tmp_path, {f"s{n}.md": POST_HEADINGS.format(n=n) for n in (1, 2)})
    result = ck(root, "adopt")
    assert result.exit_code == 0, result.output
    config = tomllib.loads((root / "contentkit.toml").read_text(encoding="utf-8"))
    assert config["sections"] == {"hooks": ["Engagement hooks"]}  # not the post, not the line of it
    shown = json.loads(ck(root, "show", "s1", "--json").stdout)
    assert shown["hooks"] == ["hook 1"] and shown["themes"] == []
    assert shown["sections"]["post_1_the_hook_wednesday"]["markdown"] == "Post body 1."


def test_a_heading_form_that_would_change_nothing_is_never_written(tmp_path: Path) -> None:
    seed = "---\ntitle: T{n}\n---\n\n## Themes?\n\n#a\n\n## Hook: {n}\n\nx\n"
    root = plain_repo(tmp_path, {f"s{n}.md": seed.format(n=n) for n in (1, 2)})
    assert ck(root, "adopt").exit_code == 0
    assert "sections" not in tomllib.loads((root / "contentkit.toml").read_text(encoding="utf-8"))


def test_a_status_with_spaces_around_it_is_left_open_not_written(tmp_path: Path) -> None:
    seed = '---\ntitle: T{n}\nstatus: "drafted "\n---\n\nbody\n'
    root = plain_repo(tmp_path, {f"s{n}.md": seed.format(n=n) for n in (1, 2)})
    result = ck(root, "adopt")
    assert result.exit_code == 0, result.output
    assert 'status "drafted " (2 files) has spaces around it' in result.stdout
    assert "aliases" not in tomllib.loads((root / "contentkit.toml").read_text(encoding="utf-8"))


def test_a_jekyll_timestamp_is_created_and_since_finds_it(tmp_path: Path) -> None:
    seed = "---\ntitle: T{n}\ndate: 2024-03-0{n} 10:00:00 +0100\n---\n\nbody\n"
    root = plain_repo(tmp_path, {f"s{n}.md": seed.format(n=n) for n in (1, 2)})
    result = ck(root, "adopt", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["keys"]["created"] == [{"name": "date", "files": 2}]
    rows = json.loads(ck(root, "list", "--since", "2024-03-02", "--json").stdout)
    assert [(r["title"], r["created"]) for r in rows] == [("T2", "2024-03-02 10:00:00 +0100")]
    assert errors(root) == []


def test_a_seeds_folder_linked_from_outside_the_repo_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.md").write_text("---\ntitle: X\n---\n\nbody\n", encoding="utf-8")
    root = plain_repo(tmp_path, {})
    try:
        (root / "linked").symlink_to(elsewhere, target_is_directory=True)
    except OSError:
        pytest.skip("no symbolic links here")
    result = ck(root, "adopt", "--seeds", "linked")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "contentkit: error: --seeds 'linked' resolves to a folder outside the repo (a link): contentkit reads "
        "and writes only inside the repo; nothing was written"
    ]
    assert not (root / "contentkit.toml").exists()
    for key in ("seeds_dir", "drafts_dir"):
        (root / "contentkit.toml").write_text(f'{key} = "linked"\n', encoding="utf-8")
        for command in (("list",), ("validate",), ("adopt",)):
            listed = ck(root, *command)
            assert listed.exit_code == 1, listed.output
            assert listed.stderr.splitlines() == [
                f"contentkit: error: contentkit.toml: '{key}' = 'linked' resolves to a folder outside the repo "
                "(a link); keep it inside the repo root"
            ]


def test_new_writes_every_key_the_adopted_repo_requires(tmp_path: Path) -> None:
    root = tmp_path / "blog"
    (root / "_drafts").mkdir(parents=True)
    for n in (1, 2, 3):
        (root / "_drafts" / f"p{n}.md").write_text(f"---\ntitle: Post {n}\ntags: [a]\nmood: calm\n---\n\nbody\n",
                                                   encoding="utf-8")
    assert ck(root, "adopt").exit_code == 0
    config = (root / "contentkit.toml").read_text(encoding="utf-8")
    (root / "contentkit.toml").write_text(config.replace('required = ["title", "tags"]',
                                                         'required = ["title", "tags", "mood"]'), encoding="utf-8")
    created = ck(root, "new", "Fresh: one")
    assert created.exit_code == 0, created.output
    text = next((root / "_drafts").glob("*fresh-one.md")).read_text(encoding="utf-8")
    assert 'status: seed\ntitle: "Fresh: one"\ntags: []\nmood: []\n---\n' in text
    assert errors(root) == []


def test_a_second_adopt_adds_new_values_to_the_entries_the_file_has(tmp_path: Path) -> None:
    seed = "---\ntitle: T{n}\nstatus: {status}\n{extra}---\n\nbody\n"
    root = plain_repo(tmp_path, {f"s{n}.md": seed.format(n=n, status="new", extra="") for n in (1, 2)})
    config = (
        '# mine\nrequired = ["title"]\nknown_keys = [\n  "title",  # the heading\n  "status",\n]\n\n'
        '[aliases.status]\nseed = ["new"]  # ideas\n'
    )
    (root / "contentkit.toml").write_text(config, encoding="utf-8")
    for n in (3, 4, 5):
        (root / "seeds" / f"c{n}.md").write_text(seed.format(n=n, status="todo", extra="energy: high\n"),
                                                 encoding="utf-8")
    result = ck(root, "adopt")
    assert result.exit_code == 0, result.output
    assert "contentkit.toml: added known_keys + energy, [aliases.status] seed + todo\n" in result.stdout
    assert "required: title, status (most seeds have them; contentkit.toml keeps its own required)" in (
        result.stdout
    )
    assert (root / "contentkit.toml").read_text(encoding="utf-8") == (
        '# mine\nrequired = ["title"]\nknown_keys = [\n  "title",  # the heading\n  "status",\n"energy"]\n\n'
        '[aliases.status]\nseed = ["new", "todo"]  # ideas\n'
    )
    assert errors(root) == []
    again = ck(root, "adopt")
    assert "contentkit.toml: unchanged (nothing to add)" in again.stdout


def test_an_entry_adopt_cannot_add_to_is_left_open_and_the_report_says_so(tmp_path: Path) -> None:
    seed = "---\ntitle: T{n}\nstatus: {status}\n---\n\nbody\n"
    root = plain_repo(tmp_path, {f"s{n}.md": seed.format(n=n, status=s) for n, s in ((1, "new"), (2, "todo"))})
    config = 'aliases = { status = { seed = ["new"] } }\n'
    (root / "contentkit.toml").write_text(config, encoding="utf-8")
    result = ck(root, "adopt")
    assert result.exit_code == 0, result.output
    assert ('contentkit.toml has [aliases.status] seed written in a way adopt cannot add to: add "todo" to it '
            "by hand") in result.stdout
    assert "CK202 status 'todo' is not in the lifecycle" in result.stdout
    assert (root / "contentkit.toml").read_text(encoding="utf-8").startswith(config)


def test_a_rerun_leaves_a_key_known_keys_lists_unmapped_and_says_how_to_map_it(tmp_path: Path) -> None:
    """An earlier adopt put `createdAt` in known_keys (it could not map it then); now it could map it
    to `created`. The rerun must not fail on its own proposal (a key both known and an alias), nor
    name a line the file does not have: it leaves the mapping open and says which edit makes it."""
    root = tmp_path / "repo"
    (root / "seeds").mkdir(parents=True)
    for n in (1, 2, 3):
        (root / "seeds" / f"s{n}.md").write_text(
            f"---\ntitle: T{n}\ncreatedAt: 2024-01-0{n}\nstatus: seed\n---\n# T{n}\n", encoding="utf-8")
    config = 'required = ["title", "status"]\nknown_keys = ["title", "status", "createdAt"]\n'
    (root / "contentkit.toml").write_text(config, encoding="utf-8")
    result = ck(root, "adopt")
    assert result.exit_code == 0, result.output
    assert "'createdAt' could stand for 'created', but known_keys lists it" in result.stdout
    assert (root / "contentkit.toml").read_text(encoding="utf-8") == config
    assert ck(root, "validate").exit_code == 0


def test_the_report_counts_in_words_a_writer_reads(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "ideas").mkdir(parents=True)
    (root / "ideas" / "2026-11-02-daily.md").write_text("# Write daily\n\nShort posts, every day.\n", encoding="utf-8")
    result = ck(root, "adopt")
    assert result.exit_code == 0, result.output
    assert "read 1 file: 1 seed in ideas/, 0 drafts in drafts/\n" in result.stdout
    assert "validate: 1 error before, 0 after (100% fewer)" in result.stdout
