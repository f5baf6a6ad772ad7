"""The Python API (contentkit/api.py, docs/API.md): the page's examples run as written on the README
tour's repo, its reference names exactly what `contentkit` exports, `import contentkit` stays light,
plans write nothing until applied, refusals carry hints the CLI words as flags, and -C DIR leaves the
process's folder alone."""

from __future__ import annotations

import doctest
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import contentkit
from contentkit.base.errors import Hint
from contentkit.cli import cli
from tests.conftest import PROJECT
from tests.test_readme import SEED

PAGE = PROJECT / "docs" / "API.md"
PYCON = re.compile(r"^```pycon\n(?P<body>.*?)^```$", re.M | re.S)
STEM = "2026-12-01__shipping-beats-polishing"
DRAFT = f"drafts/linkedin/{STEM}.md"


def invoke(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def tour(tmp_path: Path) -> Path:
    """The repo the README's tour makes: `init my-content`, then `new ... --date 2026-12-01 --edit`
    with the sections filled in (as the docs tests' editor fills them in). Returns its parent folder."""
    folder = tmp_path / "my-content"
    invoke("init", "--quiet", str(folder))
    invoke("-C", str(folder), "new", "Shipping beats polishing", "--source", "conversation", "--date", "2026-12-01")
    seed = folder / "seeds" / f"{STEM}.md"
    text = seed.read_text(encoding="utf-8")
    front = text[: text.index("\n---\n", 4) + 5]
    seed.write_text(front + "\n" + SEED[SEED.index("\n# ") + 1 :], encoding="utf-8")
    invoke("-C", str(folder), "index")
    return tmp_path


def examples() -> list[str]:
    return [m["body"] for m in PYCON.finditer(PAGE.read_text(encoding="utf-8"))]


def test_the_api_page_runs_as_written(tour: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every pycon block, in order, in one namespace, from the folder holding my-content: each
    output must be what the page shows (`...` stands for any text)."""
    monkeypatch.chdir(tour)
    monkeypatch.setenv("TZ", "UTC")
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    names: dict[str, object] = {}
    for n, body in enumerate(examples()):
        test = parser.get_doctest(body, names, f"docs/API.md block {n + 1}", str(PAGE), 0)
        runner.run(test, clear_globs=False)
        names = test.globs  # a DocTest runs in a copy: the next block goes on from this one
    assert runner.failures == 0 and runner.tries > 20


def test_the_first_example_opens_my_content_lists_its_seeds_and_plans_a_develop_without_applying() -> None:
    first = examples()[0]
    assert 'contentkit.open("my-content")' in first
    assert "repo.list()" in first and "repo.develop(" in first
    assert "apply" not in first and "write=True" not in first


def test_the_reference_names_exactly_what_contentkit_exports() -> None:
    page = PAGE.read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `contentkit\.(\w+)", page, re.M))
    assert documented == set(contentkit.__all__)
    for name in contentkit.__all__:
        assert getattr(contentkit, name) is not None
    with pytest.raises(AttributeError):
        contentkit.nothing_of_that_name  # noqa: B018


def test_importing_contentkit_loads_none_of_its_modules_until_a_name_is_used() -> None:
    script = (
        "import sys, contentkit\n"
        "print(sorted(m for m in sys.modules if m.startswith('contentkit')))\n"
        "contentkit.open\n"
        "heavy = ('jinja2', 'markdown_it')  # deferred at their seams until a template or a thread is read\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.splitlines() == ["['contentkit']", "[]"]


def test_a_plan_writes_nothing_and_apply_writes_the_bytes_it_showed(tour: Path) -> None:
    repo = contentkit.open(tour / "my-content")
    seed = repo.root / "seeds" / f"{STEM}.md"
    before = seed.read_bytes()
    plan = repo.develop("shipping", hook=2)
    assert seed.read_bytes() == before and not (repo.root / DRAFT).exists()
    assert set(plan.files) == {DRAFT, f"seeds/{STEM}.md", "INDEX.md"}
    applied = plan.apply()
    assert applied.written and applied.apply() is applied
    for rel, data in plan.files.items():
        assert (repo.root / rel).read_bytes() == data


def test_a_refusal_names_its_way_out_as_a_parameter_and_the_cli_words_it_as_a_flag(tour: Path) -> None:
    folder = tour / "my-content"
    repo = contentkit.open(folder)
    repo.develop("shipping", write=True)
    with pytest.raises(contentkit.ContentkitError) as refused:
        repo.develop("shipping")
    assert Hint("force", True) in refused.value.hints
    assert "use force=True to develop it again" in str(refused.value)
    result = CliRunner().invoke(cli, ["-C", str(folder), "develop", "shipping"])
    assert result.exit_code == 1 and "use --force to develop it again" in result.stderr
    assert "force=True" not in result.stderr


def test_a_value_the_api_refuses_is_named_by_its_parameter_and_by_its_flag_on_the_cli(tour: Path) -> None:
    folder = tour / "my-content"
    with pytest.raises(contentkit.ContentkitError) as bad:
        contentkit.open(folder).list(status="nope")
    assert bad.value.hints == (Hint("status"),) and str(bad.value).startswith("status 'nope' is not a status")
    result = CliRunner().invoke(cli, ["-C", str(folder), "list", "--status", "nope"])
    assert result.exit_code == 2 and "error: --status 'nope' is not a status" in result.stderr


def test_minus_c_reads_relative_paths_from_its_folder_without_changing_the_process_folder(
    tour: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tour / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    (tour / "my-content" / "figures.csv").write_text("Post URL,Impressions\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["-C", "../my-content", "validate", f"seeds/{STEM}.md"])
    assert result.exit_code == 0, result.output
    assert Path.cwd() == elsewhere  # the test's own process: -C changed nothing here
    result = CliRunner().invoke(cli, ["-C", "../my-content", "metrics", "import", "missing.csv"])
    assert result.exit_code == 2 and "'missing.csv' does not exist" in result.stderr
    assert Path.cwd() == elsewhere


def test_a_repository_opened_at_a_subfolder_reads_relative_paths_from_there(tour: Path) -> None:
    repo = contentkit.open(tour / "my-content" / "seeds")
    assert repo.root == (tour / "my-content").resolve()
    assert repo.validate(f"{STEM}.md").files == 1
    assert repo.seed(f"{STEM}.md").title == "Shipping beats polishing"


def test_minus_c_reads_new_from_and_split_banks_from_its_folder(tour: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tour / "my-content"
    (folder / "idea.txt").write_text("An idea typed elsewhere.\n", encoding="utf-8")
    (folder / "bank.md").write_text("# Ideas\n\n1. One idea\n2. Another idea\n", encoding="utf-8")
    monkeypatch.chdir(tour)
    made = invoke("-C", "my-content", "new", "From a file", "--from", "idea.txt").strip()
    assert "An idea typed elsewhere." in (folder / made).read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["-C", "my-content", "new", "Nothing", "--from", "gone.txt"])
    assert result.exit_code == 1 and "gone.txt" in result.stderr and str(tour) not in result.stderr
    assert "__one-idea.md  (One idea)" in invoke("-C", "my-content", "split", "bank.md", "--dry-run")


def test_nothing_below_the_cli_reads_or_changes_the_working_folder() -> None:
    """Paths are parameters: only contentkit/cli/ asks the process where it is (and nothing chdirs)."""
    calls = re.compile(r"Path\.cwd\(|os\.getcwd|os\.chdir|current_dir\(")
    found = [
        f"{path.relative_to(PROJECT).as_posix()}:{n}"
        for path in sorted((PROJECT / "contentkit").rglob("*.py"))
        if "cli" not in path.relative_to(PROJECT / "contentkit").parts and path.name != "warm.py"  # front doors
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if calls.search(line)
    ]
    assert found == []
    cli_calls = [path.name for path in sorted((PROJECT / "contentkit" / "cli").glob("*.py"))
                 if "os.chdir" in path.read_text(encoding="utf-8")]
    assert cli_calls == []
