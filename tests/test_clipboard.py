"""`export --copy`: the post on the clipboard through the platform's command, found on PATH; one line when
there is none. A fake clipboard command on PATH stands in for wl-copy, xclip, pbcopy..."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from contentkit.cli import cli

DRAFT = "drafts/linkedin/2025-11-03__shipping-beats-polishing.md"


def fake(folder: Path, name: str, exit_code: int = 0) -> Path:
    """A clipboard command that saves its arguments and the bytes of its standard input beside itself."""
    folder.mkdir(exist_ok=True)
    script = folder / name
    script.write_text(
        f"#!{sys.executable}\nimport sys\n"
        f"open({str(folder / (name + '.args'))!r}, 'w').write(' '.join(sys.argv[1:]))\n"
        f"open({str(folder / (name + '.in'))!r}, 'wb').write(sys.stdin.buffer.read())\n"
        f"sys.exit({exit_code})\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return folder


def export(repo: Path, path: Path, *args: str, **env: str) -> Result:
    environ = {"PATH": str(path), "WAYLAND_DISPLAY": "", "DISPLAY": "", **env}
    return CliRunner().invoke(cli, ["-C", str(repo), "export", DRAFT, *args], env=environ, catch_exceptions=False)


@pytest.fixture
def developed(repo: Path) -> Path:
    assert CliRunner().invoke(cli, ["-C", str(repo), "develop", "shipping"]).exit_code == 0
    return repo


@pytest.mark.parametrize(
    ("name", "env", "args"),
    [
        ("wl-copy", {"WAYLAND_DISPLAY": "wayland-0"}, ""),
        ("xclip", {"DISPLAY": ":0"}, "-selection clipboard"),
        ("xsel", {"DISPLAY": ":0"}, "--clipboard --input"),
        ("pbcopy", {}, ""),
    ],
)
def test_the_post_goes_to_the_clipboard(developed: Path, tmp_path: Path, name: str, env: dict[str, str],
                                        args: str) -> None:
    tools = fake(tmp_path / "bin", name)
    plain = export(developed, tools).stdout
    result = export(developed, tools, "--copy", **env)
    assert result.exit_code == 0, result.output
    assert (tools / f"{name}.in").read_bytes() == plain.rstrip("\n").encode("utf-8")
    assert (tools / f"{name}.args").read_text(encoding="utf-8") == args
    assert result.stdout == f"copied {DRAFT} to the clipboard with {name} ({len(plain) - 1:,} characters)\n"


def test_clip_exe_gets_utf16(developed: Path, tmp_path: Path) -> None:
    tools = fake(tmp_path / "bin", "clip.exe")
    plain = export(developed, tools).stdout.rstrip("\n")
    assert export(developed, tools, "--copy").exit_code == 0
    assert (tools / "clip.exe.in").read_bytes() == plain.encode("utf-16")


def test_a_display_command_without_its_display_is_passed_over(developed: Path, tmp_path: Path) -> None:
    tools = fake(fake(tmp_path / "bin", "xclip"), "pbcopy")
    result = export(developed, tools, "--copy")  # no DISPLAY: xclip could not reach a clipboard
    assert result.exit_code == 0 and "with pbcopy" in result.stdout
    assert not (tools / "xclip.in").exists()


def test_no_clipboard_is_one_line_and_exit_1(developed: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = export(developed, empty, "--copy", DISPLAY=":0")
    assert result.exit_code == 1
    assert result.output == (
        "contentkit: error: no clipboard here: none of wl-copy, xclip, xsel, pbcopy or clip.exe is on PATH "
        "with a display to copy to; print the text (or -o FILE) instead\n"
    )


def test_a_failing_clipboard_command_is_one_line(developed: Path, tmp_path: Path) -> None:
    tools = fake(tmp_path / "bin", "wl-copy", exit_code=3)
    result = export(developed, tools, "--copy", WAYLAND_DISPLAY="wayland-0")
    assert result.exit_code == 1
    assert result.output == "contentkit: error: wl-copy could not copy (exit 3); nothing was copied\n"


def test_the_first_comment_can_be_copied_and_copy_excludes_output(developed: Path, tmp_path: Path) -> None:
    path = developed / DRAFT
    path.write_text(path.read_text(encoding="utf-8") + "\n## First comment\n\nhttps://example.com/a\n",
                    encoding="utf-8")
    tools = fake(tmp_path / "bin", "pbcopy")
    result = export(developed, tools, "--first-comment", "--copy")
    assert result.exit_code == 0
    assert (tools / "pbcopy.in").read_bytes() == b"https://example.com/a"
    assert result.stdout == f"copied the first comment of {DRAFT} to the clipboard with pbcopy (21 characters)\n"
    both = export(developed, tools, "--copy", "-o", "post.txt")
    assert both.exit_code == 2 and "--copy and -o/--output go one at a time" in both.output
