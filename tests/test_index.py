"""INDEX.md: counts, tables newest first, open tasks; deterministic; only the marked block is ours."""

from __future__ import annotations

from pathlib import Path

from contentkit import index

from .conftest import Run


def test_index_lists_every_seed_newest_first(repo: Path, run: Run) -> None:
    result = run("index")
    assert result.exit_code == 0
    assert result.stdout == "wrote INDEX.md\n"
    text = (repo / "INDEX.md").read_text(encoding="utf-8")
    assert "| seed | 3 |" in text and "| **total** | 3 |" in text
    rows = [line for line in text.splitlines() if line.startswith("| 2025-")]
    assert [row[2:12] for row in rows] == ["2025-11-17", "2025-11-10", "2025-11-03"]
    assert "[Measure Before You Automate](seeds/2025-11-17__measure-before-you-automate.md)" in rows[0]
    assert "  - [ ] Pull the onboarding numbers for a chart" in text


def test_index_is_deterministic(repo: Path, run: Run) -> None:
    run("index")
    first = (repo / "INDEX.md").read_bytes()
    (repo / "INDEX.md").unlink()
    run("index")
    assert (repo / "INDEX.md").read_bytes() == first
    assert run("index").stdout == "INDEX.md is up to date\n"


def test_text_around_the_markers_is_kept(repo: Path, run: Run) -> None:
    (repo / "INDEX.md").write_text(
        f"# My pipeline\r\n\r\nNotes I keep.\r\n\r\n{index.START}\r\nold\r\n{index.END}\r\n\r\nFooter.\r\n",
        encoding="utf-8",
    )
    run("index")
    text = (repo / "INDEX.md").read_bytes()
    assert text.startswith(b"# My pipeline\r\n\r\nNotes I keep.\r\n\r\n<!-- contentkit:index:start -->\r\n")
    assert text.endswith(b"<!-- contentkit:index:end -->\r\n\r\nFooter.\r\n")
    assert b"old" not in text
    assert b"\n" not in text.replace(b"\r\n", b"")


def test_an_index_without_markers_gets_the_block_appended(repo: Path, run: Run) -> None:
    (repo / "INDEX.md").write_text("# Mine\n\nKeep me.\n", encoding="utf-8")
    run("index")
    text = (repo / "INDEX.md").read_text(encoding="utf-8")
    assert text.startswith("# Mine\n\nKeep me.\n\n<!-- contentkit:index:start -->")


def test_check_exits_1_when_stale_and_writes_nothing(repo: Path, run: Run) -> None:
    result = run("index", "--check")
    assert result.exit_code == 1
    assert "INDEX.md is stale" in result.stderr
    assert not (repo / "INDEX.md").exists()
    run("index")
    assert run("index", "--check").exit_code == 0
    (repo / "seeds" / "2025-11-17__measure-before-you-automate.md").unlink()
    assert run("index", "--check").exit_code == 1


def test_exit_code_flag_fails_only_when_it_changed_the_file(run: Run) -> None:
    assert run("index", "--exit-code").exit_code == 1
    assert run("index", "--exit-code").exit_code == 0


def test_unreadable_seed_is_listed_not_fatal(repo: Path, run: Run) -> None:
    (repo / "seeds" / "broken.md").write_text("---\nstatus: [oops\n---\n", encoding="utf-8")
    result = run("index")
    assert result.exit_code == 0
    assert "warning: seeds/broken.md:" in result.stderr
    text = (repo / "INDEX.md").read_text(encoding="utf-8")
    assert "## Unreadable seeds" in text and "[seeds/broken.md](seeds/broken.md)" in text


def test_pipes_in_titles_do_not_break_the_table(repo: Path, run: Run) -> None:
    seed = repo / "seeds" / "2025-11-17__measure-before-you-automate.md"
    seed.write_text(seed.read_text(encoding="utf-8").replace("# Measure Before", "# A | B Measure Before"))
    run("index")
    assert "[A \\| B Measure Before You Automate]" in (repo / "INDEX.md").read_text(encoding="utf-8")
