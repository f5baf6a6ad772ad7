"""[aliases.keys] and [aliases.status]: every command reads the repo's own key and status names, and
writes in them (the key the file has, else the first alias; a state as its first alias)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contentkit.base import dates
from contentkit.model.aliases import Aliases

from .conftest import Run

SHIPPING = "seeds/2025-11-03__shipping-beats-polishing.md"
DRAFT = "drafts/linkedin/2025-11-03__shipping-beats-polishing.md"
URL = "https://www.linkedin.com/posts/someone_shipping-123"

CONFIG = """\
# the writer's own names
required = ["title", "created", "status"]
known_keys = ["title", "created", "status", "developed_to", "published_url", "published_at", "priority"]

[aliases.keys]
created = ["created_date", "date"]
developed_to = ["draft_file"]
published_url = ["post_url"]

[aliases.status]
seed = ["new", "idea"]
developed = ["drafted", "drafting"]
published = ["posted"]
"""


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "now_utc", lambda: "2025-11-04T09:00:00Z")


@pytest.fixture
def dialect(repo: Path) -> Path:
    """The example repo in a writer's own vocabulary: created_date, status: new, priority."""
    (repo / "contentkit.toml").write_text(CONFIG, encoding="utf-8")
    for seed in (repo / "seeds").glob("*.md"):
        text = seed.read_text(encoding="utf-8")
        head, _, body = text.partition("\n---\n")
        created = next(line for line in head.splitlines() if line.startswith("created:"))
        title = next(line for line in body.splitlines() if line.startswith("# "))[2:]
        head = "---\n" + f"title: {json.dumps(title)}\n" + created.replace("created:", "created_date:")
        head += "\nstatus: new  # still an idea\npriority: high"
        seed.write_text(head + "\n---\n" + body, encoding="utf-8")
    return repo


def test_validate_reads_the_aliases(dialect: Path, run: Run) -> None:
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert "CK201" not in result.output and "CK202" not in result.output and "CK301" not in result.output


def test_a_status_outside_the_vocabulary_names_it(dialect: Path, run: Run) -> None:
    seed = dialect / SHIPPING
    seed.write_text(seed.read_text(encoding="utf-8").replace("status: new", "status: neww"), encoding="utf-8")
    result = run("validate", SHIPPING)
    assert result.exit_code == 1
    assert (
        f"{SHIPPING}:4:9: CK202 status 'neww' is not in the lifecycle: seed (new, idea), "
        "developed (drafted, drafting), published (posted), archived; did you mean 'new'?"
    ) in result.stdout


def test_a_missing_required_key_names_its_aliases(dialect: Path, run: Run) -> None:
    seed = dialect / SHIPPING
    text = seed.read_text(encoding="utf-8")
    seed.write_text("\n".join(ln for ln in text.split("\n") if not ln.startswith("created_date")), encoding="utf-8")
    result = run("validate", SHIPPING)
    assert f"{SHIPPING}:1:1: CK201 missing required key 'created' (or created_date, date)" in result.stdout


def test_a_bad_aliased_date_is_reported_under_its_own_name(dialect: Path, run: Run) -> None:
    seed = dialect / SHIPPING
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace("created_date: '2025-11-03T08:30:00Z'", "created_date: 3rd of May"), encoding="utf-8")
    result = run("validate", SHIPPING)
    assert f"{SHIPPING}:3:15: CK203 created_date '3rd of May' is not an ISO 8601" in result.stdout


def test_the_first_alias_present_wins(dialect: Path, run: Run) -> None:
    seed = dialect / SHIPPING
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace("priority: high", "date: 1999-01-01"), encoding="utf-8")
    shown = json.loads(run("show", "shipping", "--json").stdout)
    assert shown["created"] == "2025-11-03T08:30:00Z"
    assert shown["meta"]["created_date"] == "2025-11-03T08:30:00Z"  # meta as the file writes it


def test_show_list_and_index_read_states(dialect: Path, run: Run) -> None:
    shown = json.loads(run("show", "shipping", "--json").stdout)
    assert shown["status"] == "seed" and shown["created"] == "2025-11-03T08:30:00Z"
    assert shown["title"] == "Shipping Beats Polishing: Why the First Version Should Embarrass You a Little"
    by_state = json.loads(run("list", "--status", "seed", "--json").stdout)
    by_alias = json.loads(run("list", "--status", "new", "--json").stdout)
    assert len(by_state) == 3 and by_alias == by_state
    assert [row["created"][:10] for row in by_state] == ["2025-11-17", "2025-11-10", "2025-11-03"]
    assert run("index").exit_code == 0
    assert "## Seed (3)" in (dialect / "INDEX.md").read_text(encoding="utf-8")


def test_a_mistyped_status_is_matched_against_the_repos_own_values(dialect: Path, run: Run) -> None:
    result = run("list", "--status", "drafed")
    assert result.exit_code == 2
    known = "seed, new, idea, developed, drafted, drafting, published, posted, archived"
    assert f"(known: {known}, draft, scheduled)" in result.stderr
    assert result.stderr.rstrip().endswith("did you mean 'drafted'?")
    assert run("list", "--status", "Drafting", "--json").exit_code == 0


def test_develop_writes_in_the_writers_vocabulary(dialect: Path, run: Run) -> None:
    seed = dialect / SHIPPING
    before = seed.read_bytes()
    result = run("develop", "shipping")
    assert result.exit_code == 0, result.output
    after = seed.read_bytes()
    expected = before.replace(
        b"status: new  # still an idea\n", f"status: drafted  # still an idea\ndraft_file: {DRAFT}\n".encode()
    ).replace(b"- [ ] Develop into", b"- [x] Develop into")
    assert after == expected
    assert b"developed_to" not in after and b"status: developed" not in after
    assert json.loads(run("show", "shipping", "--json").stdout)["developed_to"] == [DRAFT]
    assert run("validate").exit_code == 0
    assert json.loads(run("list", "--status", "drafted", "--json").stdout)[0]["path"] == SHIPPING
    refused = run("develop", "shipping")
    assert refused.exit_code == 1 and f"already developed (see {DRAFT})" in refused.stderr


def test_develop_keeps_the_key_the_file_already_has(dialect: Path, run: Run) -> None:
    seed = dialect / SHIPPING
    text = seed.read_text(encoding="utf-8").replace("priority: high", "developed_to: ''")
    seed.write_text(text, encoding="utf-8")
    assert run("develop", "shipping").exit_code == 0
    after = seed.read_text(encoding="utf-8")
    assert f"developed_to: '{DRAFT}'" in after and "draft_file" not in after


def test_a_second_platform_lists_drafts_under_the_writers_key(dialect: Path, run: Run) -> None:
    assert run("develop", "shipping").exit_code == 0
    result = run("develop", "shipping", "--platform", "x")
    assert result.exit_code == 0, result.output
    after = (dialect / SHIPPING).read_text(encoding="utf-8")
    x_draft = DRAFT.replace("/linkedin/", "/x/")
    assert f"draft_file:\n  - {DRAFT}\n  - {x_draft}\n" in after and "developed_to" not in after


def test_publish_writes_in_the_writers_vocabulary(dialect: Path, run: Run) -> None:
    assert run("develop", "shipping").exit_code == 0
    result = run("publish", "shipping", "--url", URL, "--date", "2025-11-04")
    assert result.exit_code == 0, result.output
    after = (dialect / SHIPPING).read_text(encoding="utf-8")
    assert "status: posted  # still an idea\n" in after
    assert f'draft_file: {DRAFT}\npost_url: {URL}\npublished_at: "2025-11-04T00:00:00Z"\n' in after
    assert "published_url" not in after
    row = next(r for r in json.loads(run("list", "--json").stdout) if r["path"] == SHIPPING)
    assert row["published_url"] == URL and row["status"] == "published"
    assert run("validate").exit_code == 0


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("[aliases.keys]\ncreatd = ['created_date']\n", ":2: aliases.keys: 'creatd' is not a contentkit key; "
         "did you mean 'created'?"),
        ("[aliases.status]\nlive = ['posted']\n", ":2: aliases.status: 'live' is not a lifecycle state"),
        ("[aliases.status]\nseed = ['new']\n\ndeveloped = ['drafted', 'new']\n",
         ":4: aliases.status: 'new' is mapped to both 'seed' and 'developed'"),
        ("[aliases.status]\nseed = ['developed']\n", ":2: aliases.status: 'developed' is mapped to both"),
        ("[aliases.keys]\ncreated = 'created_date'\n", ":2: 'aliases.keys.created' must be a list of names"),
        ("[aliases.keys]\ncreated = ['date']\nsource = ['date']\n", ":3: aliases.keys: 'date' stands for both"),
        ("[aliases]\nkeys = ['created']\n", ":1: 'aliases.keys' must be a table"),
        ("[aliases.colours]\nred = ['x']\n", ":1: unknown table 'aliases.colours'"),
        ("[sections]\nhook = ['Potential Hook']\n", ":2: sections: 'hook' is not a section kind"),
        ("[sections]\nhooks = [3]\n", ":2: 'sections.hooks' must be a list of names"),
        ("[sections]\nthemes = ['Topics']\nhooks = ['Core Idea']\n",
         ":3: sections: section form 'Core Idea' of hooks is already a form of core_idea"),
        ("[sections]\nthemes = ['Topics', 'Themes!']\n",
         ":2: sections: section form 'Themes!' of themes would never name a heading written so"),
        ("[sections]\nhooks = ['Firsts']\nangles = ['firsts']\n", ":3: sections: section form 'Firsts' names both angles and hooks"),
    ],
)
def test_a_bad_vocabulary_is_a_located_error(repo: Path, run: Run, config: str, message: str) -> None:
    (repo / "contentkit.toml").write_text(config, encoding="utf-8")
    for command in (("validate",), ("list",), ("show", "shipping")):
        result = run(*command)
        assert result.exit_code == 1, result.output  # a malformed file, like an unknown config key
        lines = result.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("contentkit: error: contentkit.toml") and message in lines[0]


def test_the_vocabulary_in_pyproject_is_located_too(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from contentkit.cli import cli

    (tmp_path / "pyproject.toml").write_text(
        "[project]\nname = 'x'\n\n[tool.contentkit.aliases.status]\nposted = ['live']\n", encoding="utf-8"
    )
    result = CliRunner().invoke(cli, ["-C", str(tmp_path), "list"])
    assert result.exit_code == 1 and "pyproject.toml:5: aliases.status: 'posted'" in result.stderr


names = st.text("abcdefgh_", min_size=1, max_size=6)


@st.composite
def vocabularies(draw: st.DrawFn) -> tuple[Aliases, dict[str, object]]:
    keys = draw(st.lists(st.sampled_from(["created", "developed_to", "tags", "title"]), unique=True))
    pool = draw(st.lists(names, unique=True, min_size=len(keys) * 2 + 3, max_size=len(keys) * 2 + 3))
    table = tuple((key, (pool[2 * n], pool[2 * n + 1])) for n, key in enumerate(keys))
    written = pool[-3:]
    status = (("seed", (written[0],)), ("developed", (written[1], written[2])))
    present = draw(st.lists(st.sampled_from([*pool, *keys, "status", "other"]), unique=True))
    meta: dict[str, object] = {name: draw(st.sampled_from(["v", 1, None, *written, "seed"])) for name in present}
    return Aliases(table, status), meta


@given(vocabularies())
def test_reading_takes_the_first_present_name_and_writing_goes_back_to_it(found: tuple[Aliases, dict[str, object]]) -> None:
    aliases, meta = found
    read = aliases.read(meta)
    for key, names in aliases.keys:
        source = aliases.source(meta, key)
        present = [name for name in (*names, key) if name in meta]
        assert source == (present[0] if present else names[0])
        assert read.get(key, "absent") == (meta[source] if present else "absent")
        assert not set(names) & set(read)  # an alias never survives beside its key
    for state in ("seed", "developed", "published"):
        assert aliases.state(aliases.status_value(state)) == state
        assert aliases.written(meta, {"status": state}) == {aliases.source(meta, "status"): aliases.status_value(state)}
    if "status" in meta:
        assert read["status"] == aliases.state(meta["status"])


def test_sections_add_heading_forms_that_every_command_reads(repo: Path, run: Run) -> None:
    (repo / "contentkit.toml").write_text(
        '[sections]\nhooks = ["Opening lines"]\nnext_steps = ["Todo"]\n', encoding="utf-8"
    )
    seed = repo / SHIPPING
    text = seed.read_text(encoding="utf-8").replace("## Hook Ideas", "## Opening lines")
    seed.write_text(text.replace("## Next Steps", "## Todo"), encoding="utf-8")
    shown = json.loads(run("show", "shipping", "--json").stdout)
    assert shown["hooks"][0] == "We spent three weeks on an animation 80% of users skipped."
    assert "CK303" not in run("validate", SHIPPING).stdout
    row = next(r for r in json.loads(run("list", "--json").stdout) if r["path"] == SHIPPING)
    assert row["open_tasks"][0] == "Develop into full LinkedIn post"
    assert run("develop", "shipping", "--hook", "2").exit_code == 0
    assert "Ours embarrassed us a lot" in (repo / DRAFT).read_text(encoding="utf-8")


def test_schema_speaks_the_repos_vocabulary(dialect: Path, run: Run) -> None:
    schema = json.loads(run("schema").stdout)
    assert schema["properties"]["status"]["enum"] == [
        "seed", "new", "idea", "developed", "drafted", "drafting", "published", "posted", "archived"
    ]
    assert schema["properties"]["created_date"] == schema["properties"]["created"]
    assert schema["properties"]["draft_file"] == schema["properties"]["developed_to"]
    assert schema["required"] == ["title", "status"]
    assert {"anyOf": [{"required": ["created"]}, {"required": ["created_date"]}, {"required": ["date"]}]} in (
        schema["allOf"]
    )
    assert schema["if"]["properties"]["status"]["enum"] == ["developed", "drafted", "drafting"]
    assert schema["then"] == {"anyOf": [{"required": ["developed_to"]}, {"required": ["draft_file"]}]}


def test_new_writes_a_seed_in_the_repos_words(dialect: Path, run: Run) -> None:
    made = run("new", "Hello there", "--date", "2025-12-01").stdout.strip()
    text = (dialect / made).read_text(encoding="utf-8")
    assert "\ncreated_date: '2025-12-01T00:00:00Z'\n" in text and "\nstatus: new\n" in text
    assert "\ncreated:" not in text and "status: seed" not in text
    shown = json.loads(run("show", made, "--json").stdout)
    assert shown["status"] == "seed" and shown["created"] == "2025-12-01T00:00:00Z"
