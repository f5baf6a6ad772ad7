"""Output for people: `list` with a header and aligned columns cut to the terminal's width; colour on a
terminal only (off when piped, under NO_COLOR, with TERM=dumb). Real TTYs come from a pty."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentkit.cli import common, style

from .conftest import Run, in_pty

ESC = "\x1b["


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("stream", "env", "expected"),
    [
        (Tty(), {}, True),
        (Tty(), {"NO_COLOR": "1"}, False),
        (Tty(), {"NO_COLOR": ""}, True),  # no-color.org: set and not empty
        (Tty(), {"TERM": "dumb"}, False),
        (io.StringIO(), {}, False),
        (None, {}, False),
    ],
)
def test_the_one_colour_decision(stream: io.StringIO | None, env: dict[str, str], expected: bool) -> None:
    assert common.colour_on(stream, env) is expected


def in_tty(repo: Path, *args: str, **env: str) -> str:
    """Run contentkit with stdout and stderr on a pseudo-terminal; what the terminal got."""
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "TERM")}
    environ.update(TERM="xterm", **env)
    return in_pty(repo, *args, env=environ)[1].replace("\r\n", "\n")


def test_list_statuses_are_coloured_on_a_terminal_only(repo: Path, run: Run) -> None:
    run("develop", "shipping")
    coloured = in_tty(repo, "list")
    assert f"{ESC}33mdeveloped{ESC}0m" in coloured and f"{ESC}36mseed{ESC}0m" in coloured
    plain = in_tty(repo, "list", NO_COLOR="1")
    assert ESC not in plain and "developed" in plain
    piped = subprocess.run([sys.executable, "-m", "contentkit", "-C", str(repo), "list"],
                           capture_output=True, text=True, env={**os.environ, "TERM": "xterm"})
    assert ESC not in piped.stdout and piped.stdout.startswith("CREATED ")


def test_diagnostics_errors_and_the_fold_are_coloured_on_a_terminal(repo: Path, run: Run) -> None:
    (repo / "seeds" / "2025-11-20__bad.md").write_text(
        "---\ntype: moment\ncategory: c\ncreated: 19/11/2025\nsource: s\nplatform: linkedin\nstatus: seed\n---\n",
        encoding="utf-8")
    checked = in_tty(repo, "validate")
    assert f"seeds/2025-11-20__bad.md:4:10: {ESC}31m{ESC}1mCK203{ESC}0m " in checked
    assert f"{ESC}33mCK303{ESC}0m" in checked  # a warning's code in the warning colour
    assert ESC not in in_tty(repo, "validate", NO_COLOR="1")
    assert ESC not in run("validate").output
    error = in_tty(repo, "show", "nothing-like-it")
    assert error.startswith(f"{ESC}31m{ESC}1mcontentkit: error:{ESC}0m no seed matches")
    run("develop", "shipping")
    preview = in_tty(repo, "preview", "shipping")
    assert f"{ESC}35m----- …see more -----{ESC}0m" in preview
    assert "----- …see more -----" in run("preview", "shipping").output
    assert ESC not in run("preview", "shipping").output
    over = in_tty(repo, "export", "shipping", "--platform", "x")  # every warning: label, one colour
    assert f"{ESC}33mwarning:{ESC}0m drafts/linkedin/2025-11-03__shipping-beats-polishing.md: the post is " in over
    assert "warning: drafts/linkedin" in run("export", "shipping", "--platform", "x").stderr


def columns_of(line: str, headers: tuple[str, ...]) -> list[int]:
    return [line.index(h) for h in headers]


def test_list_has_a_header_and_aligned_columns(repo: Path, run: Run) -> None:
    (repo / "seeds" / "2025-12-01__写作很难.md").write_text(
        "---\ntype: moment\ncategory: c\ncreated: '2025-12-01'\nsource: s\nplatform: x\nstatus: seed\n---\n# 写作很难，但值得\n",
        encoding="utf-8")
    lines = run("list").stdout.splitlines()
    assert lines[0].split() == ["CREATED", "STATUS", "PLATFORM", "PATH", "TITLE"]
    assert len(lines) == 5
    title_at = style.width(lines[0][: lines[0].index("TITLE")])
    for line, title in zip(lines[1:], ["写作很难，但值得", "Measure Before", "Code Review", "Shipping Beats"], strict=True):
        assert style.width(line[: line.index(title)]) == title_at  # wide characters counted as two columns
    platform_at = lines[0].index("PLATFORM")
    assert all(line[platform_at:].startswith(("x ", "linkedin")) for line in lines[1:])


def test_long_titles_are_cut_to_the_terminal_width_not_when_piped(repo: Path, run: Run,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    full = run("list").stdout
    assert "Shipping Beats Polishing: Why the First Version Should Embarrass You a Little\n" in full
    monkeypatch.setenv("COLUMNS", "110")
    cut = run("list").stdout.splitlines()
    assert all(style.width(line) <= 110 for line in cut)
    assert any(line.endswith("…") for line in cut)
    assert "Measure Before You Automate" in "\n".join(cut)  # a title that fits is whole
    monkeypatch.setenv("COLUMNS", "20")  # narrower than the other columns: the title keeps some room
    assert all(line.endswith("…") or len(line.split("  ")[-1]) <= style.MIN_LAST
               for line in run("list").stdout.splitlines()[1:])


def test_truncate_counts_terminal_columns() -> None:
    assert style.truncate("写作很难", 5) == "写作…"
    assert style.truncate("abc", 3) == "abc"
    assert style.truncate("abcdef", 4) == "abc…"
    assert style.width("e\u0301") == 1


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_completion_the_docs_document_works(shell: str, tmp_path: Path) -> None:
    script = subprocess.run([sys.executable, "-m", "contentkit"], env={**os.environ, "_CONTENTKIT_COMPLETE": f"{shell}_source"},
                            capture_output=True, text=True, cwd=tmp_path)
    assert script.returncode == 0 and "_CONTENTKIT_COMPLETE" in script.stdout
    page = (Path(__file__).resolve().parents[1] / "docs" / "COMMANDS.md").read_text(encoding="utf-8")
    assert f"_CONTENTKIT_COMPLETE={shell}_source contentkit" in page


def test_completion_names_commands_and_options(tmp_path: Path) -> None:
    env = {**os.environ, "_CONTENTKIT_COMPLETE": "bash_complete", "COMP_WORDS": "contentkit export --fi", "COMP_CWORD": "2"}
    done = subprocess.run([sys.executable, "-m", "contentkit"], env=env, capture_output=True, text=True, cwd=tmp_path)
    assert "plain,--first-comment" in done.stdout.splitlines()


@settings(max_examples=300)
@given(st.text(max_size=20) | st.text(st.characters(max_codepoint=127), max_size=20))
def test_width_of_ascii_by_len_is_the_per_character_count(text: str) -> None:
    import unicodedata

    per_character = sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text
    )
    assert style.width(text) == per_character
