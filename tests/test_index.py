"""INDEX.md: counts, tables newest first, open tasks; deterministic; only the marked block is ours."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from contentkit.usecases import index

from .conftest import PROJECT, Run


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


# --- markers count only on lines of their own ------------------------------------------------

QUOTED = f"Between `{index.START}` and `{index.END}` is generated.\n"


def test_prose_quoting_both_markers_is_not_a_block(repo: Path, run: Run) -> None:
    (repo / "INDEX.md").write_text(f"# Mine\n\n{QUOTED}\n{index.START}\nold\n{index.END}\n\nFooter.\n")
    assert run("index").exit_code == 0
    text = (repo / "INDEX.md").read_text(encoding="utf-8")
    assert text.startswith(f"# Mine\n\n{QUOTED}\n{index.START}\n") and text.endswith(f"{index.END}\n\nFooter.\n")
    assert "old" not in text and text.count(index.START) == 2
    assert run("index", "--check").exit_code == 0


def test_an_end_marker_in_a_title_and_a_task_is_escaped(repo: Path, run: Run) -> None:
    seed = repo / "seeds" / "2025-11-17__measure-before-you-automate.md"
    text = seed.read_text(encoding="utf-8")
    text = text.replace("# Measure Before", f"# {index.END} Measure Before")
    seed.write_text(text.replace("- [ ] Pull", f"- [ ] {index.END}\n  {index.START} Pull"), encoding="utf-8")
    (repo / "seeds" / f"{index.END}.md").write_text("---\nstatus: [oops\n---\n", encoding="utf-8")
    (repo / "INDEX.md").write_text(f"Notes {index.END}\n", encoding="utf-8")
    run("index")
    first = (repo / "INDEX.md").read_bytes()
    assert run("index", "--no-cache").stdout == "INDEX.md is up to date\n"
    assert run("index", "--check").exit_code == 0
    assert first.count(index.END.encode()) == 2  # the prose line, and the block's own end
    assert b"&lt;!-- contentkit:index:end --&gt; Measure Before" in first


def test_a_newline_in_a_file_name_cannot_form_a_marker(repo: Path, run: Run) -> None:
    (repo / "seeds" / f"x\n{index.END}\n.md").write_text("---\nstatus: [oops\n---\n", encoding="utf-8")
    run("index")
    text = (repo / "INDEX.md").read_text(encoding="utf-8")
    assert [line for line in text.splitlines() if line.strip() == index.END] == [index.END]
    assert run("index", "--no-cache").stdout == "INDEX.md is up to date\n"


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        (f"# Mine\n\n{index.START}\nrows\n\n## Footer I wrote\n", 3, "a start marker with no end marker"),
        (f"# Mine\n{index.END}\n{index.START}\n{index.END}\n", 2, "an end marker with no start marker"),
        (f"{index.START}\n{index.START}\n{index.END}\n", 2, "a second start marker"),
        (f"{index.START}\n{index.END}\n\n{index.START}\n{index.END}\n", 4, "a marker after the end"),
    ],
)
def test_broken_markers_are_an_error_naming_the_line(
    repo: Path, run: Run, text: str, line: int, problem: str
) -> None:
    (repo / "INDEX.md").write_text(text, encoding="utf-8")
    for args in (("index",), ("index", "--check"), ("develop", "2025-11-17")):
        result = run(*args)
        assert result.exit_code == 1
        assert result.stderr.startswith(f"contentkit: error: INDEX.md:{line}: {problem}")
        assert len(result.stderr.splitlines()) == 1
        assert (repo / "INDEX.md").read_text(encoding="utf-8") == text


_PIECES = [index.START, index.END, "<!--", "-->", "`", " ", "\t", "\n", "\r\n", "\r", "text", "é", "|", "#"]
_pieces = st.lists(st.sampled_from(_PIECES), max_size=12).map("".join)
_line = st.lists(st.sampled_from([p for p in _PIECES if p not in "\r\n"]), min_size=1, max_size=6).map("".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=_pieces, after=_pieces, title=_line, task=_line)
def test_index_is_a_fixed_point_keeping_text_outside_the_block(
    repo: Path, run: Run, before: str, after: str, title: str, task: str
) -> None:
    before = before + "\n" if before else ""
    after = "\n" + after if after else ""
    assume(not index.marker_lines(before) and not index.marker_lines(after))
    seed = repo / "seeds" / "2025-11-17__measure-before-you-automate.md"
    text = seed.read_text(encoding="utf-8").replace("# Measure Before You Automate", f"# T {title}")
    seed.write_text(text.replace("- [ ] Pull", f"- [ ] {task} Pull"), encoding="utf-8")
    (repo / "INDEX.md").write_bytes(f"{before}{index.START}\nold\n{index.END}{after}".encode())
    assert run("index").exit_code == 0
    first = (repo / "INDEX.md").read_bytes()
    assert first.startswith(before.encode()) and first.endswith(after.encode())
    assert run("index", "--check").exit_code == 0
    assert run("index", "--no-cache").exit_code == 0
    assert (repo / "INDEX.md").read_bytes() == first


@pytest.mark.slow  # real processes racing
def test_concurrent_develops_and_indexes_leave_a_fresh_index(repo: Path, run: Run) -> None:
    """Real processes: an index run never writes a plan made before a develop landed."""
    source = (repo / "seeds" / "2025-11-03__shipping-beats-polishing.md").read_text(encoding="utf-8")
    names = [f"2025-12-{day:02d}__race-{day}" for day in range(1, 7)]
    for name in names:
        (repo / "seeds" / f"{name}.md").write_text(source, encoding="utf-8")
    run("index")
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    base = [sys.executable, "-m", "contentkit", "-C", str(repo)]
    commands = [command for name in names for command in ([*base, "develop", name], [*base, "index"])]
    procs = [subprocess.Popen(c, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for c in commands]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    assert run("index", "--check", "--no-cache").exit_code == 0
    assert run("index", "--check").exit_code == 0
    assert "## Developed (6)" in (repo / "INDEX.md").read_text(encoding="utf-8")


def _has_open(pid: int, path: Path) -> bool:
    fds = Path(f"/proc/{pid}/fd")
    try:
        return any(os.path.realpath(fd) == str(path.resolve()) for fd in fds.iterdir())
    except (FileNotFoundError, ProcessLookupError):
        return False


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to see the lock wait")
def test_index_reads_the_seeds_only_once_it_holds_the_lock(repo: Path, run: Run) -> None:
    """A seed changed while `index` waits for the lock is in the INDEX.md it writes."""
    from contentkit.base import files

    run("index")
    lock = repo / ".contentkit" / "lock"
    seed = repo / "seeds" / "2025-11-17__measure-before-you-automate.md"
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    command = [sys.executable, "-m", "contentkit", "-C", str(repo), "index", "--no-cache"]
    with files.locked(lock):
        proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        while proc.poll() is None and not _has_open(proc.pid, lock):
            time.sleep(0.01)  # it is waiting for the lock once it holds the lock file open
        text = seed.read_text(encoding="utf-8")
        seed.write_text(text.replace("# Measure Before", "# Landed Meanwhile: Measure Before"), encoding="utf-8")
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "Landed Meanwhile" in (repo / "INDEX.md").read_text(encoding="utf-8")
    assert run("index", "--check", "--no-cache").exit_code == 0


def _target_by_char(text: str) -> str:
    """The reference: every character through index._escape_char."""
    return "".join(index._escape_char(c) for c in text)


@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(" \t\u00a0\u2028\u3000()<>|%\x00\x85\ud800")))
def test_a_link_target_skips_the_walk_only_when_the_walk_would_change_nothing(text: str) -> None:
    assert index._target(text) == _target_by_char(text)


def test_link_targets_of_real_file_names_agree_with_the_walk() -> None:
    names = [p.relative_to(PROJECT).as_posix() for p in PROJECT.rglob("*.md") if ".venv" not in p.parts]
    names += ["seeds/a b.md", "seeds/(x).md", "seeds/\u200bz.md", "seeds/é|<>.md"]
    assert [index._target(n) for n in names] == [_target_by_char(n) for n in names]


def test_a_published_url_that_is_not_http_is_never_a_link(repo: Path, run: Run) -> None:
    """INDEX.md links a post only by an http(s) URL; validate says why the rest is wrong, on one line."""
    assert run("develop", "shipping").exit_code == 0
    draft = "drafts/linkedin/2025-11-03__shipping-beats-polishing.md"
    assert run("publish", draft, "--url", "https://example.com/p", "--date", "2025-11-05").exit_code == 0
    seed = repo / "seeds" / "2025-11-03__shipping-beats-polishing.md"
    text = seed.read_text(encoding="utf-8").replace("published_url: https://example.com/p",
                                                    'published_url: "javascript:alert(1)//\\nx"')
    seed.write_text(text, encoding="utf-8")
    assert run("index").exit_code == 0
    index = (repo / "INDEX.md").read_text(encoding="utf-8")
    assert "](javascript:" not in index and "javascript:alert(1)//\\nx" in index
    lines = [line for line in run("validate").output.splitlines() if "CK204" in line]
    assert len(lines) == 1 and lines[0].startswith("seeds/") and lines[0].endswith("is not an http(s) URL")
