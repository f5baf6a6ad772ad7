"""init, new, list, show, -C, --help, and the promise that users never see a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contentkit.cli import cli

from .conftest import Run, snapshot


def test_init_makes_a_repo_a_new_user_can_start_in(tmp_path: Path) -> None:
    target = tmp_path / "mine"
    result = CliRunner().invoke(cli, ["init", str(target)])
    assert result.exit_code == 0, result.output
    for name in ("contentkit.toml", "seeds", "drafts", "templates/linkedin.md.j2", "INDEX.md", "Makefile",
                 ".pre-commit-config.yaml"):
        assert (target / name).exists(), name
    assert ".contentkit/" in (target / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "index:" in (target / "Makefile").read_text(encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["-C", str(target), "new", "First idea", "--date", "2025-01-02"]).exit_code == 0
    assert runner.invoke(cli, ["-C", str(target), "index", "--check"]).exit_code == 0  # new refreshed INDEX.md


def test_init_keeps_existing_files(tmp_path: Path) -> None:
    (tmp_path / "Makefile").write_text("all:\n\techo mine\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["init", str(tmp_path)])
    assert "kept     Makefile" in result.stdout
    assert (tmp_path / "Makefile").read_text(encoding="utf-8") == "all:\n\techo mine\n"


def test_new_writes_the_skeleton_and_never_overwrites(repo: Path, run: Run) -> None:
    result = run("new", "Why  Small Teams Ship?", "--source", "podcast", "--source-url",
                 "https://example.com/ep/1", "--date", "2025-12-01")
    assert result.exit_code == 0
    assert result.stdout == "seeds/2025-12-01__why-small-teams-ship.md\n"
    text = (repo / "seeds" / "2025-12-01__why-small-teams-ship.md").read_text(encoding="utf-8")
    assert text.startswith(
        "---\ntype: moment\ncategory: content-seed\ncreated: '2025-12-01T00:00:00Z'\nsource: podcast\n"
        "source_url: https://example.com/ep/1\nplatform: linkedin\nstatus: seed\n---\n\n# Why Small Teams Ship?\n"
    )
    for heading in ("Core Idea", "Key Points", "Potential Angles", "Hook Ideas", "Related Themes", "Next Steps"):
        assert f"\n## {heading}\n" in text
    assert text.endswith("- [ ] Develop into full LinkedIn post\n")
    again = run("new", "Why small teams ship", "--date", "2025-12-01")
    assert again.exit_code == 0
    assert again.stdout == "seeds/2025-12-01__why-small-teams-ship-2.md\n"
    assert (repo / "seeds" / "2025-12-01__why-small-teams-ship.md").read_text(encoding="utf-8") == text


def test_new_rejects_a_bad_date(run: Run) -> None:
    result = run("new", "Idea", "--date", "yesterday")
    assert result.exit_code == 2  # a usage error: the option's value is not of its form
    assert "--date 'yesterday' is not YYYY-MM-DD" in result.stderr


def test_list_json_has_the_documented_fields(run: Run) -> None:
    rows = json.loads(run("list", "--json").stdout)
    assert [r["path"] for r in rows][0] == "seeds/2025-11-17__measure-before-you-automate.md"
    assert {"path", "title", "status", "created", "platform", "developed_to"} <= set(rows[0])
    run("develop", "shipping")
    developed = json.loads(run("list", "--status", "developed", "--json").stdout)
    assert [r["developed_to"] for r in developed] == [["drafts/linkedin/2025-11-03__shipping-beats-polishing.md"]]
    assert json.loads(run("list", "--platform", "x", "--json").stdout) == []


def test_list_text_has_one_row_per_seed(run: Run) -> None:
    lines = run("list").stdout.splitlines()
    assert len(lines) == 4  # a header, then one row per seed
    assert lines[0].split() == ["CREATED", "STATUS", "PLATFORM", "PATH", "TITLE"]
    assert lines[1].startswith("2025-11-17  seed")


def test_show_numbers_hooks_and_angles(run: Run) -> None:
    out = run("show", "code-review").stdout
    assert "Angles (--angle N)\n  1. Reviews are a curriculum - The sum of your review" in out
    assert "Hooks (--hook N)\n  1. Your code reviews are the only training program" in out


def test_show_json_carries_the_parsed_seed(run: Run) -> None:
    data = json.loads(run("show", "measure", "--json").stdout)
    assert data["path"] == "seeds/2025-11-17__measure-before-you-automate.md"
    assert data["title"] == "Measure Before You Automate"
    assert data["status"] == "seed" and data["platform"] == "linkedin"
    assert data["created"] == "2025-11-17T12:05:00Z"
    assert data["core_idea"].startswith("Automating a process you have never measured")
    assert data["key_points"][0] == "The step everyone complained about took four minutes a week"
    assert data["angles"][1] == {"title": "Two weeks of a stopwatch", "description": "A cheap habit that pays for itself"}
    assert data["hooks"][0] == "The task my team hated most took four minutes a week."
    assert data["themes"] == ["Operations", "Automation", "Data-driven decisions"]
    assert data["next_steps"] == [{"text": "Develop into full LinkedIn post", "done": False}]


def test_json_output_writes_dates_and_odd_numbers_as_text(repo: Path, run: Run) -> None:
    seed = repo / "seeds" / "2025-11-17__measure-before-you-automate.md"
    extra = (
        "published_at: 2025-01-01\n2025-01-02: a date as a key\n"
        "more: {when: 2025-01-03T10:00:00Z, 2025-01-04: x, odd: .nan}\n"
    )
    seed.write_text(seed.read_text(encoding="utf-8").replace("status: seed\n", "status: seed\n" + extra), encoding="utf-8")
    result = run("show", "measure", "--json")
    assert result.exit_code == 0, result.output
    meta = json.loads(result.stdout)["meta"]
    assert meta["published_at"] == "2025-01-01" and meta["2025-01-02"] == "a date as a key"
    assert meta["more"] == {"when": "2025-01-03T10:00:00Z", "2025-01-04": "x", "odd": "nan"}
    for args in (["list", "--json"], ["validate", "--format", "json"]):
        outcome = run(*args)
        assert outcome.exception is None or isinstance(outcome.exception, SystemExit), outcome.output
        json.loads(outcome.stdout)


def test_show_accepts_unquoted_and_date_only_created(repo: Path, run: Run) -> None:
    seed = repo / "seeds" / "2025-11-17__measure-before-you-automate.md"
    seed.write_text(seed.read_text(encoding="utf-8").replace("'2025-11-17T12:05:00Z'", "2025-11-17"))
    assert json.loads(run("show", "measure", "--json").stdout)["created"] == "2025-11-17"
    seed.write_text(seed.read_text(encoding="utf-8").replace("created: 2025-11-17", "created: 2025-11-17T12:05:00Z"))
    assert json.loads(run("show", "measure", "--json").stdout)["created"] == "2025-11-17T12:05:00Z"


def test_outside_a_repo_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["-C", str(tmp_path), "list"])
    assert result.exit_code == 1
    assert "not inside a contentkit repo" in result.stderr
    assert "run 'contentkit init'" in result.stderr


def test_root_is_found_from_a_subfolder(repo: Path) -> None:
    result = CliRunner().invoke(cli, ["-C", str(repo / "seeds"), "list", "--json"])
    assert len(json.loads(result.stdout)) == 3


def test_pyproject_tool_table_configures_the_repo(repo: Path) -> None:
    (repo / "contentkit.toml").unlink()
    (repo / "pyproject.toml").write_text('[tool.contentkit]\nseeds_dir = "ideas"\n', encoding="utf-8")
    (repo / "seeds").rename(repo / "ideas")
    result = CliRunner().invoke(cli, ["-C", str(repo), "list", "--json"])
    assert [r["path"][:6] for r in json.loads(result.stdout)] == ["ideas/"] * 3


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("seeds_dir = 3\n", "'seeds_dir' must be a non-empty string"),
        ("colour = 'blue'\n", "unknown config key 'colour'"),
        ("seeds_dir = \n", "invalid TOML"),
    ],
)
def test_bad_config_is_a_located_error(repo: Path, run: Run, config: str, message: str) -> None:
    (repo / "contentkit.toml").write_text(config, encoding="utf-8")
    result = run("list")
    assert result.exit_code == 1
    assert "contentkit.toml" in result.stderr and message in result.stderr


def test_malformed_seed_is_a_one_line_error_for_show(repo: Path, run: Run) -> None:
    (repo / "seeds" / "bad.md").write_bytes(b"---\nstatus: seed\nstatus: x\n---\n")
    result = run("show", "bad")
    assert result.exit_code == 1
    assert result.stderr == "contentkit: error: seeds/bad.md:3:1: duplicate key 'status'\n"


def test_every_command_has_help_text() -> None:
    ctx = click.Context(cli)
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        assert command is not None and command.help, name
        assert CliRunner().invoke(cli, [name, "--help"]).exit_code == 0


def test_help_lists_every_command_once_under_its_stage_in_a_writers_day_order() -> None:
    from contentkit.cli import COMMANDS

    shown = CliRunner().invoke(cli, ["--help"]).output
    headings = [line[:-1] for line in shown.splitlines() if line.endswith(":") and not line[0].isspace()]
    assert headings == ["Options", "Capture", "Develop", "Post", "Check", "Measure"]
    listed = {}
    for line in shown.split("Capture:")[1].splitlines():
        if line.startswith("  ") and line.split():
            listed.setdefault(line.split()[0], 0)
            listed[line.split()[0]] += 1
    assert listed == dict.fromkeys(COMMANDS, 1)
    sections = {h: shown.split(f"{h}:\n")[1].split("\n\n")[0] for h in headings[1:]}
    assert "  develop " in sections["Develop"] and "  validate " in sections["Check"]
    assert "  new " in sections["Capture"] and "  publish " in sections["Post"]


def test_validate_imports_only_its_own_command_module(tmp_path: Path) -> None:
    import subprocess
    import sys

    CliRunner().invoke(cli, ["init", "-q", str(tmp_path)])
    script = (
        "import sys\n"
        "from contentkit.cli import main\n"
        "sys.argv = ['contentkit', 'validate']\n"
        "try:\n    main()\n"
        "except SystemExit as exc:\n    assert exc.code == 0, exc.code\n"
        "print(sorted(m for m in sys.modules if m.startswith('contentkit.cli')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == str(["contentkit.cli", "contentkit.cli.check", "contentkit.cli.common"])


def test_usage_errors_exit_2(run: Run) -> None:
    assert run("develop").exit_code == 2
    assert run("develop", "shipping", "--hook", "0").exit_code == 2


def test_a_symlink_loop_among_seeds_is_reported_not_a_traceback(repo: Path, run: Run) -> None:
    (repo / "seeds" / "loop.md").symlink_to("loop.md")
    listed = run("list")
    assert listed.exit_code == 0
    assert "warning: seeds/loop.md" in listed.stderr
    assert run("index").exit_code == 0
    shown = run("show", "loop")
    assert shown.exit_code == 1
    assert shown.stderr.startswith("contentkit: error: seeds/loop.md: cannot read file")
    checked = run("validate")
    assert checked.exit_code == 1
    assert "seeds/loop.md:1:1: CK100" in checked.stdout


def test_init_appends_to_any_gitignore_without_touching_its_bytes(tmp_path: Path) -> None:
    old = b"build/\r\n\xff\xfe-not-utf8\r\n"
    (tmp_path / ".gitignore").write_bytes(old)
    assert CliRunner().invoke(cli, ["init", str(tmp_path)]).exit_code == 0
    assert (tmp_path / ".gitignore").read_bytes() == old + b".contentkit/\r\nout/\r\n"
    assert CliRunner().invoke(cli, ["init", str(tmp_path)]).exit_code == 0
    assert (tmp_path / ".gitignore").read_bytes() == old + b".contentkit/\r\nout/\r\n"


# --- new: what it writes, validate accepts --------------------------------------------------


def _errors(run: Run) -> list[str]:
    report = json.loads(run("validate", "--format", "json").stdout)
    return [f"{d['code']} {d['message']}" for d in report if d["severity"] == "error"]


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (("--source-url", "notaurl"), "--source-url 'notaurl' is not an http(s) URL", 2),
        (("--source-url", "https://exa mple.com"), "--source-url 'https://exa mple.com' is not an http(s) URL", 2),
        (("--platform", "linkdin"), "platform 'linkdin' is not configured (configured: bluesky, linkedin, mastodon, threads, x, x_premium); did you mean 'linkedin'?", 1),
        (("--date", "9999-12-31T23:59:59-01:00"), "--date '9999-12-31T23:59:59-01:00' is outside the years", 2),
        (("--source", "pod\udcffcast"), "--source 'pod\\udcffcast' is not valid UTF-8 text", 2),
        (("--date", "2025-12-01\udcff"), "--date '2025-12-01\\udcff' is not valid UTF-8 text", 2),
    ],
)
def test_new_refuses_what_validate_would_reject(
    repo: Path, run: Run, args: tuple[str, ...], message: str, code: int
) -> None:
    before = snapshot(repo)
    result = run("new", "An idea", *args)
    assert result.exit_code == code
    assert result.stderr.startswith(f"contentkit: error: {message}") and len(result.stderr.splitlines()) == 1
    assert snapshot(repo) == before


def test_new_refuses_an_undecodable_title(repo: Path, run: Run) -> None:
    result = run("new", "Caf\udce9")
    assert result.exit_code == 2
    assert result.stderr == "contentkit: error: TITLE 'Caf\\udce9' is not valid UTF-8 text\n"


def test_one_url_rule_for_new_publish_and_validate(repo: Path, run: Run) -> None:
    assert run("new", "Upper case", "--source-url", "HTTPS://Example.com/x", "--date", "2025-12-01").exit_code == 0
    run("develop", "shipping")
    assert run("publish", "shipping", "--url", "HTTPS://WWW.LINKEDIN.COM/posts/1").exit_code == 0
    assert not [e for e in _errors(run) if e.startswith("CK204")]
    assert run("publish", "code-review", "--url", "http://[::1").exit_code == 2


def test_new_slugs_keep_letters_of_any_script_and_never_collide(repo: Path, run: Run) -> None:
    made = [
        run("new", title, "--date", date).stdout.strip()
        for title, date in [
            ("Пишу публично", "2025-12-01"),
            ("🚀🚀", "2025-12-01"),
            ("🚀🚀🚀", "2025-12-01"),
            ("ﬁnal Ｃafé", "2025-12-01"),
            ("🚀🚀", "2025-12-02"),
            ("Пишу  ПУБЛИЧНО!", "2025-12-03"),
        ]
    ]
    assert made[0] == "seeds/2025-12-01__пишу-публично.md"
    assert made[1].startswith("seeds/2025-12-01__idea-") and made[2] != made[1]
    assert made[3] == "seeds/2025-12-01__final-café.md"
    assert made[4] == "seeds/2025-12-02__" + made[1].split("__")[1].removesuffix(".md") + "-2.md"
    assert made[5] == "seeds/2025-12-03__пишу-публично-2.md"
    assert len(set(made)) == len(made) and all((repo / m).is_file() for m in made)
    assert not [e for e in _errors(run) if e.startswith("CK208")]


def test_new_leaves_index_fresh(repo: Path, run: Run) -> None:
    run("index")
    assert run("new", "Fresh idea", "--date", "2025-12-01").exit_code == 0
    assert run("index", "--check", "--no-cache").exit_code == 0
    assert "Fresh idea" in (repo / "INDEX.md").read_text(encoding="utf-8")


def test_new_with_broken_index_markers_writes_nothing(repo: Path, run: Run) -> None:
    (repo / "INDEX.md").write_text("<!-- contentkit:index:start -->\n", encoding="utf-8")
    before = snapshot(repo)
    result = run("new", "Idea", "--date", "2025-12-01")
    assert result.exit_code == 1 and "INDEX.md:1:" in result.stderr
    assert snapshot(repo) == before


def test_init_keeps_an_index_with_broken_markers(tmp_path: Path) -> None:
    text = "# Mine\n<!-- contentkit:index:start -->\nrows I am fixing\n"
    (tmp_path / "INDEX.md").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["init", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "created  INDEX.md" not in result.stdout
    assert (tmp_path / "INDEX.md").read_text(encoding="utf-8") == text


_titles = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(titles=st.lists(_titles, min_size=1, max_size=3))
def test_new_always_writes_a_new_file_and_a_fresh_index(repo: Path, run: Run, titles: list[str]) -> None:
    run("index")
    before = {p.name: p.read_bytes() for p in (repo / "seeds").iterdir()}
    made = []
    for title in titles:
        result = run("new", "--date", "2030-01-01", "--", title)
        if not title.strip():
            assert result.exit_code == 2 and result.stderr == "contentkit: error: the title is empty\n"
            continue
        assert result.exit_code == 0, result.stderr
        made.append(result.stdout.strip())
        assert len(Path(made[-1]).name.encode("utf-8")) <= 255
    assert len(set(made)) == len(made)
    assert all((repo / m).read_text(encoding="utf-8").startswith("---\ntype: moment\n") for m in made)
    assert {p.name: p.read_bytes() for p in (repo / "seeds").iterdir() if p.name in before} == before
    assert run("index", "--check", "--no-cache").exit_code == 0
    for m in made:
        (repo / m).unlink()
