"""Nothing is written outside the repo: platform names, config paths, symlinks, -o, init, publish links.

Each attack is run the way a user would run it; the repo lives in tmp_path/content, so a path that
escapes lands in tmp_path, where the test can see it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import assume, given
from hypothesis import strategies as st

from contentkit.base.errors import ConfigError
from contentkit.cli import cli
from contentkit.store import config

from .conftest import Run, snapshot

STEM = "2025-11-03__shipping-beats-polishing"
SEED = f"seeds/{STEM}.md"
DRAFT = f"drafts/linkedin/{STEM}.md"


def outside_files(tmp_path: Path) -> set[str]:
    """Every file under tmp_path but outside the repo."""
    return {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if "content" not in p.parts}


def one_line_error(result: object, code: int = 1) -> str:
    stderr: str = result.stderr  # type: ignore[attr-defined]
    assert result.exit_code == code, stderr  # type: ignore[attr-defined]
    assert "Traceback" not in stderr
    if code == 1:
        assert stderr.startswith("contentkit: error: ") and stderr.count("\n") == 1, stderr
    return stderr


def set_key(path: Path, key: str, value: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(f"{key}: {value}\n" if ln.startswith(f"{key}:") else ln for ln in lines))


# --- platform names ------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["develop", "variants"])
@pytest.mark.parametrize("platform", ["../../escape", "a/b", "." * 2, "a" * 300, "x\ny"])
def test_platform_option_is_a_plain_name(
    repo: Path, run: Run, tmp_path: Path, command: str, platform: str
) -> None:
    before = snapshot(repo)
    result = run(command, "shipping", "--platform", platform, "--template", "linkedin")
    assert result.exit_code == 2 and "is not a platform name" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(repo) == before
    assert outside_files(tmp_path) == set()


def test_a_seeds_platform_that_is_a_path_is_a_located_error(repo: Path, run: Run, tmp_path: Path) -> None:
    set_key(repo / SEED, "platform", "../../escape")
    before = snapshot(repo)
    for command in ("develop", "variants"):
        stderr = one_line_error(run(command, "shipping", "--template", "linkedin"))
        assert stderr.startswith(f"contentkit: error: {SEED}:7: platform '../../escape' must be a plain name")
    assert snapshot(repo) == before and outside_files(tmp_path) == set()


def test_a_config_platform_table_must_have_a_plain_name(repo: Path, run: Run) -> None:
    (repo / "contentkit.toml").write_text('[platforms."../x"]\nlimit = 10\n', encoding="utf-8")
    stderr = one_line_error(run("list"))
    assert "contentkit.toml: platform name 'platforms.../x' must be a plain name" in stderr


# --- config paths --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("draft_path", "../x/{stem}.md"),
        ("draft_path", "/tmp/x/{stem}.md"),
        ("draft_path", "{drafts_dir}/../../{stem}.md"),
        ("index_file", "../x.md"),
        ("index_file", "/tmp/INDEX.md"),
        ("seeds_dir", "/tmp"),
        ("drafts_dir", "/tmp/drafts"),
        ("drafts_dir", "drafts/../.."),
        ("templates_dir", "../templates"),
        ("seeds_dir", "C:/seeds"),
    ],
)
def test_config_paths_stay_inside_the_repo(repo: Path, run: Run, key: str, value: str) -> None:
    (repo / "contentkit.toml").write_text(f'{key} = "{value}"\n', encoding="utf-8")
    before = snapshot(repo)
    for args in (("list",), ("develop", "shipping"), ("index",)):
        stderr = one_line_error(run(*args))
        assert stderr.startswith("contentkit: error: contentkit.toml: ")  # repo-relative
        assert f"'{key}'" in stderr and f"'{value}'" in stderr
    assert snapshot(repo) == before


def test_a_bad_draft_path_pattern_is_named_at_load_time(repo: Path, run: Run) -> None:
    (repo / "contentkit.toml").write_text('draft_path = "{nope}/{stem}.md"\n', encoding="utf-8")
    assert "bad draft_path pattern" in one_line_error(run("list"))


def test_a_config_that_is_not_utf8_is_one_line(repo: Path, run: Run) -> None:
    (repo / "contentkit.toml").write_bytes(b'seeds_dir = "caf\xe9"\n')
    stderr = one_line_error(run("list"))
    assert stderr.startswith("contentkit: error: contentkit.toml: not UTF-8")


def test_a_pyproject_tool_table_of_the_wrong_shape_is_one_line(repo: Path, run: Run) -> None:
    (repo / "contentkit.toml").unlink()
    (repo / "pyproject.toml").write_text("tool = 1\n[x]\n'[tool.contentkit'=1\n", encoding="utf-8")
    assert run("list").exit_code == 0  # no [tool.contentkit] table: the defaults
    (repo / "pyproject.toml").write_text("[tool.contentkit_x]\n[tool]\ncontentkit = 3\n", encoding="utf-8")
    assert "[tool.contentkit] must be a table" in one_line_error(run("list"))


# --- symlinked folders and files: inside is written through, outside is refused -----------------


def test_a_drafts_folder_linked_outward_is_refused_even_with_force(
    repo: Path, run: Run, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / f"{STEM}.md").write_text("not yours\n", encoding="utf-8")
    (repo / "drafts").mkdir()
    (repo / "drafts" / "linkedin").symlink_to(elsewhere)
    before = snapshot(repo)
    for args in (("develop", "shipping"), ("develop", "shipping", "--force"), ("variants", "shipping")):
        assert "would write outside the repo" in one_line_error(run(*args))
    assert (elsewhere / f"{STEM}.md").read_text(encoding="utf-8") == "not yours\n"
    assert sorted(p.name for p in elsewhere.iterdir()) == [f"{STEM}.md"]
    assert snapshot(repo) == before


def test_a_variants_file_linked_outward_is_refused_and_one_linked_inside_survives(
    repo: Path, run: Run, tmp_path: Path
) -> None:
    (repo / "drafts" / "linkedin").mkdir(parents=True)
    link = repo / "drafts" / "linkedin" / f"{STEM}.variants.md"
    (tmp_path / "theirs.md").write_text("keep\n", encoding="utf-8")
    link.symlink_to(tmp_path / "theirs.md")
    assert "would write outside the repo" in one_line_error(run("variants", "shipping", "--force"))
    assert (tmp_path / "theirs.md").read_text(encoding="utf-8") == "keep\n"
    link.unlink()
    (repo / "notes").mkdir()
    (repo / "notes" / "v.md").write_text("old\n", encoding="utf-8")
    link.symlink_to(Path("..") / ".." / "notes" / "v.md")
    assert run("variants", "shipping", "--force").exit_code == 0
    assert link.is_symlink() and "## Variant 1" in (repo / "notes" / "v.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("target", ["INDEX.md", ".contentkit"])
def test_index_or_state_linked_outward_is_refused(repo: Path, run: Run, tmp_path: Path, target: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (repo / target).symlink_to(outside / target)
    before = snapshot(repo)
    assert "would write outside the repo" in one_line_error(run("develop", "shipping"))
    assert snapshot(repo) == before and list(outside.iterdir()) == []


def test_an_index_linked_inside_the_repo_is_written_through(repo: Path, run: Run) -> None:
    (repo / "docs").mkdir()
    (repo / "INDEX.md").symlink_to(Path("docs") / "INDEX.md")
    assert run("index").exit_code == 0
    assert (repo / "INDEX.md").is_symlink()
    assert "contentkit:index:start" in (repo / "docs" / "INDEX.md").read_text(encoding="utf-8")


def test_a_seed_linked_from_outside_is_refused_by_path_and_by_name(
    repo: Path, run: Run, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.md"
    outside.write_bytes((repo / SEED).read_bytes())
    (repo / SEED).unlink()
    (repo / SEED).symlink_to(outside)
    before = outside.read_bytes()
    for ref in ("shipping", SEED, f"{STEM}.md"):
        for args in (("develop", ref), ("variants", ref), ("show", ref), ("publish", ref, "--url", "https://a.b/c")):
            assert "outside the repo" in one_line_error(run(*args))
    assert outside.read_bytes() == before
    assert not (repo / "drafts").exists()


def test_a_seed_linked_inside_the_repo_is_edited_through_the_link(repo: Path, run: Run) -> None:
    (repo / "archive").mkdir()
    real_seed = repo / "archive" / f"{STEM}.md"
    real_seed.write_bytes((repo / SEED).read_bytes())
    (repo / SEED).unlink()
    (repo / SEED).symlink_to(Path("..") / "archive" / f"{STEM}.md")
    assert run("develop", "shipping").exit_code == 0
    assert (repo / SEED).is_symlink()
    assert "status: developed" in real_seed.read_text(encoding="utf-8")


def test_init_writes_a_gitignore_link_through_and_refuses_one_that_leaves(tmp_path: Path) -> None:
    inside = tmp_path / "a"
    inside.mkdir()
    (inside / "ignore.txt").write_text("build/\n", encoding="utf-8")
    (inside / ".gitignore").symlink_to("ignore.txt")
    assert CliRunner().invoke(cli, ["init", "-q", str(inside)]).exit_code == 0
    assert (inside / ".gitignore").is_symlink()
    assert (inside / "ignore.txt").read_text(encoding="utf-8") == "build/\n.contentkit/\nout/\n"

    leaving = tmp_path / "b"
    leaving.mkdir()
    (tmp_path / "theirs").write_text("keep\n", encoding="utf-8")
    (leaving / ".gitignore").symlink_to(tmp_path / "theirs")
    assert "would write outside the repo" in one_line_error(CliRunner().invoke(cli, ["init", str(leaving)]))
    assert (tmp_path / "theirs").read_text(encoding="utf-8") == "keep\n"


def test_init_under_a_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    stderr = one_line_error(CliRunner().invoke(cli, ["init", str(tmp_path / "file" / "sub")]))
    assert "cannot create folder: Not a directory" in stderr


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a user that permissions stop")
def test_init_in_a_read_only_folder_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        one_line_error(CliRunner().invoke(cli, ["init", str(folder / "repo")]))
        one_line_error(CliRunner().invoke(cli, ["init", str(folder)]))
    finally:
        folder.chmod(0o755)


# --- export -o ----------------------------------------------------------------------------------


@pytest.fixture
def drafted(repo: Path, run: Run) -> Path:
    (repo / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    (repo / "README.md").write_text("# mine\n", encoding="utf-8")
    (repo / ".git").mkdir()
    (repo / ".git" / "config").write_text("[core]\n", encoding="utf-8")
    assert run("develop", "shipping").exit_code == 0
    return repo


@pytest.mark.parametrize(
    "output",
    [
        "INDEX.md",
        "contentkit.toml",
        "pyproject.toml",
        "README.md",
        ".git/config",
        ".git/notes.txt",
        ".contentkit/post.txt",
        SEED,
        DRAFT,
        "drafts/linkedin/post.txt",
        "seeds/post.txt",
        "Makefile",
        "linked.txt",
    ],
)
def test_export_o_never_clobbers_the_repos_own_files(
    drafted: Path, run: Run, tmp_path: Path, output: str
) -> None:
    (drafted / "linked.txt").symlink_to("INDEX.md")
    before, around = snapshot(drafted), outside_files(tmp_path)
    one_line_error(run("export", "shipping", "-o", output), 1 if output.endswith(".txt") else 2)  # not .txt: usage
    assert snapshot(drafted) == before and outside_files(tmp_path) == around


def test_export_o_writes_a_text_file_in_the_repo(drafted: Path, run: Run) -> None:
    result = run("export", "shipping", "-o", "posts/shipping.txt")
    assert result.exit_code == 0 and "-> posts/shipping.txt (" in result.stdout
    assert (drafted / "posts" / "shipping.txt").read_text(encoding="utf-8").startswith("We spent")
    outside = run("export", "shipping", "-o", "../post.txt")  # outside the repo: where the writer points
    assert outside.exit_code == 0, outside.output
    assert (drafted.parent / "post.txt").read_text(encoding="utf-8").startswith("We spent")


# --- publish edits only a draft as a draft, only a seed as a seed -------------------------------


@pytest.fixture
def developed(repo: Path, run: Run) -> Path:
    assert run("develop", "shipping").exit_code == 0
    return repo


@pytest.mark.parametrize(
    "target",
    [
        "seeds/2025-11-10__code-review-as-teaching.md",
        "INDEX.md",
        "contentkit.toml",
        f"drafts/linkedin/{STEM}.variants.md",
        "drafts/linkedin/notes.md",
    ],
)
def test_publish_never_edits_a_non_draft_named_by_developed_to(
    developed: Path, run: Run, target: str
) -> None:
    (developed / "drafts" / "linkedin" / f"{STEM}.variants.md").write_text(
        "---\ntype: variants\nstatus: x\n---\n", encoding="utf-8"
    )
    (developed / "drafts" / "linkedin" / "notes.md").write_text(
        "---\ntype: note\nstatus: developed\n---\n", encoding="utf-8"
    )
    set_key(developed / SEED, "developed_to", target)
    before = snapshot(developed)
    stderr = one_line_error(run("publish", "shipping", "--url", "https://example.com/p"))
    assert f"contentkit: error: {SEED}: developed_to " in stderr
    assert snapshot(developed) == before


def test_publish_never_edits_a_non_seed_named_by_a_drafts_seed_key(developed: Path, run: Run) -> None:
    other = developed / "drafts" / "linkedin" / "other.md"
    other.write_text("---\ntype: draft\nstatus: developed\n---\n", encoding="utf-8")
    set_key(developed / DRAFT, "seed", "drafts/linkedin/other.md")
    before = snapshot(developed)
    stderr = one_line_error(run("publish", DRAFT, "--url", "https://example.com/p"))
    assert "is not a seed under seeds/" in stderr
    assert snapshot(developed) == before


def test_publish_of_a_file_under_drafts_that_is_not_a_draft_is_refused(developed: Path, run: Run) -> None:
    set_key(developed / DRAFT, "type", "moment")
    before = snapshot(developed)
    stderr = one_line_error(run("publish", DRAFT, "--url", "https://example.com/p"))
    assert "not 'type: draft'" in stderr
    assert snapshot(developed) == before


# --- tracebacks of the same family --------------------------------------------------------------


def test_a_seed_name_that_is_not_utf8_is_one_line(repo: Path, run: Run) -> None:
    name = os.fsdecode(b"caf\xe9.md")
    (repo / "seeds" / name).write_bytes((repo / SEED).read_bytes())
    before = snapshot(repo)
    for command in ("develop", "variants"):
        stderr = one_line_error(run(command, "caf"))
        assert stderr.startswith("contentkit: error: drafts/linkedin/caf\\xe9.md: ") and "UTF-8" in stderr
    assert snapshot(repo) == before
    for args in (("index",), ("list",), ("list", "--json"), ("validate",)):
        assert "Traceback" not in run(*args).stderr


def test_a_seed_reference_too_long_for_the_system_is_one_line(run: Run) -> None:
    for command in ("develop", "show", "variants", "export"):
        one_line_error(run(command, "a" * 300))
    one_line_error(run("publish", "a" * 300, "--url", "https://example.com/p"))


def test_a_deleted_current_folder_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    for args in (["list"], ["init"], ["develop", "x"]):
        stderr = one_line_error(CliRunner().invoke(cli, args))
        assert "current folder" in stderr


def test_an_index_in_a_subfolder_with_undeveloped_seeds(repo: Path, run: Run) -> None:
    (repo / "contentkit.toml").write_text('index_file = "docs/INDEX.md"\n', encoding="utf-8")
    (repo / "docs").mkdir()
    assert run("index").exit_code == 0
    text = (repo / "docs" / "INDEX.md").read_text(encoding="utf-8")
    assert f"(../{SEED})" in text
    assert run("develop", "shipping").exit_code == 0
    assert f"(../{DRAFT})" in (repo / "docs" / "INDEX.md").read_text(encoding="utf-8")


def test_publish_never_edits_a_seed_behind_a_draft_shaped_link(developed: Path, run: Run) -> None:
    other = "seeds/2025-11-10__code-review-as-teaching.md"
    (developed / "drafts" / "linkedin" / "evil.md").symlink_to(Path("..") / ".." / other)
    set_key(developed / SEED, "developed_to", "drafts/linkedin/evil.md")
    before = snapshot(developed)
    stderr = one_line_error(run("publish", "shipping", "--url", "https://example.com/p"))
    assert "is not under drafts/" in stderr
    assert snapshot(developed) == before


# --- the config path rule, against an independent oracle ----------------------------------------


def _escapes(parts: list[str]) -> bool:
    """Walk the parts as a folder depth: going above 0 leaves the root."""
    depth = 0
    for part in parts:
        depth = depth - 1 if part == ".." else depth if part in ("", ".") else depth + 1
        if depth < 0:
            return True
    return False


@given(
    st.lists(st.sampled_from(["a", "b.md", "..", ".", "", "x y"]), min_size=1, max_size=8),
    st.sampled_from(["seeds_dir", "drafts_dir", "templates_dir", "index_file"]),
    st.booleans(),
)
def test_config_paths_are_refused_exactly_when_they_leave_the_root(
    parts: list[str], key: str, absolute: bool
) -> None:
    if key == "index_file":  # INDEX.md is a Markdown file, or it is refused for that
        parts = [*parts[:-1], parts[-1] + ".md"]
    value = ("/" if absolute else "") + "/".join(parts)
    assume(value)
    rooted = value.startswith("/")  # also when the first part is empty
    try:
        config.from_mapping({key: value})
    except ConfigError as exc:
        assert f"'{key}'" in exc.message
        assert rooted or _escapes(parts)
    else:
        assert not rooted and not _escapes(parts)
