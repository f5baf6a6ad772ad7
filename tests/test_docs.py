"""Every command the docs show runs as shown: the README's tour and each docs page that opts in.

A page opts in with the line `<!-- docs-test: run -->`: its shell blocks from there on run in order, in
one shell, in a scratch folder, with this checkout's contentkit on PATH. A ```sh block must succeed;
a ```console block's `$ ` lines are commands, and the lines after each, up to the next `$ `, are the
output it must print (stdout and stderr together). In that output `...` on a line of its own stands
for any lines, and inside a line for any text. `<!-- docs-test: skip (why) -->` right before a block
leaves it out. The README's install and quick start are tests/test_readme.py's (through uv).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import PROJECT
from tests.test_readme import SEED

RUN = "<!-- docs-test: run -->"
SKIP = "<!-- docs-test: skip"
FENCE = re.compile(r"^(?P<skip><!-- docs-test: skip[^\n]*-->\n+)?```(?P<kind>sh|console)\n(?P<body>.*?)^```$", re.M | re.S)
MARK = "@@@docs-test"


@dataclass(frozen=True)
class Step:
    command: str
    expected: list[str] | None  # None: a ```sh line, which must succeed; its output is not shown


def opted_in() -> list[Path]:
    pages = [PROJECT / "README.md", *sorted((PROJECT / "docs").glob("*.md"))]
    return [page for page in pages if re.search(f"^{RUN}$", page.read_text(encoding="utf-8"), re.M)]


def steps(text: str) -> list[Step]:
    """The page's commands from its run marker on, in order, each with the output it shows."""
    found: list[Step] = []
    marker = re.search(f"^{RUN}$", text, re.M)
    for block in FENCE.finditer(text[marker.end() if marker else len(text):]):
        if block["skip"]:
            continue
        if block["kind"] == "sh":
            lines = [re.sub(r"\s+#.*$", "", line).strip() for line in block["body"].splitlines()]
            found += [Step(line, None) for line in lines if line and not line.startswith("#")]
            continue
        for chunk in re.split(r"^\$ ", block["body"], flags=re.M)[1:]:
            command, *output = chunk.rstrip("\n").split("\n")
            found.append(Step(command, output))
    return found


def script(found: list[Step]) -> str:
    lines = []
    for n, step in enumerate(found):
        lines.append(f"echo '{MARK} {n}'")
        if step.expected is None:
            lines.append(f"{step.command} || {{ echo '{MARK} failed {n}'; exit 1; }}")
        else:
            lines.append(f"{step.command} 2>&1")
    return "\n".join(lines) + "\n"


def pattern(expected: list[str]) -> re.Pattern[str]:
    parts = ["(?:.*\n)*?" if line == "..." else ".*".join(map(re.escape, line.split("..."))) + "\n"
             for line in expected]
    return re.compile("".join(parts))


def tools(folder: Path) -> dict[str, str]:
    """A writer's machine: this checkout's contentkit on PATH, an editor that fills in a new seed."""
    folder.mkdir()
    shim = folder / "contentkit"
    shim.write_text(f'#!/bin/sh\nPYTHONPATH="{PROJECT}" exec "{sys.executable}" -m contentkit "$@"\n', encoding="utf-8")
    body = SEED[SEED.index("\n# ") + 1:]
    writer = folder / "writer"
    writer.write_text(
        f"#!{sys.executable}\nimport sys\npath = sys.argv[1]\ntext = open(path, encoding='utf-8').read()\n"
        f"front = text[: text.index('\\n---\\n', 4) + 5]\nopen(path, 'w', encoding='utf-8').write(front + '\\n' + {body!r})\n",
        encoding="utf-8",
    )
    for tool in (shim, writer):
        tool.chmod(0o755)
    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent))
    if pre_commit:
        (folder / "pre-commit").symlink_to(pre_commit)
    system = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep) if p and not (Path(p) / "contentkit").exists())
    return {"PATH": f"{folder}{os.pathsep}{system}", "EDITOR": "writer", "VISUAL": "writer"}


@pytest.mark.slow  # a shell per page, running contentkit as a writer would
@pytest.mark.parametrize("page", opted_in(), ids=lambda p: p.relative_to(PROJECT).as_posix())
def test_the_page_runs_as_written(page: Path, tmp_path: Path) -> None:
    found = steps(page.read_text(encoding="utf-8"))
    assert found, f"{page.name} opts in but shows no command"
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **{k: v for k, v in os.environ.items()
           if k not in ("VIRTUAL_ENV", "PYTHONPATH", "NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES")},
        **tools(tmp_path / "bin"), "HOME": str(home), "TZ": "UTC", "LANG": "C.UTF-8", "NO_COLOR": "1",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit"),
        "GIT_AUTHOR_NAME": "A writer", "GIT_AUTHOR_EMAIL": "writer@example.com",
        "GIT_COMMITTER_NAME": "A writer", "GIT_COMMITTER_EMAIL": "writer@example.com",
    }
    work = tmp_path / "work"
    work.mkdir()
    done = subprocess.run(["bash", "-c", script(found)], cwd=work, env=env, capture_output=True, text=True, timeout=600)
    outputs = re.split(rf"^{MARK} (\S+)\n", done.stdout, flags=re.M)[1:]
    shown = dict(zip(outputs[::2], outputs[1::2], strict=True))
    for n, step in enumerate(found):
        assert str(n) in shown, f"{page.name}: never reached `{step.command}`\n{done.stdout}{done.stderr}"
        assert f"{MARK} failed {n}" not in done.stdout, f"{page.name}: `{step.command}` failed:\n{shown[str(n)]}{done.stderr}"
        if step.expected is not None:
            got = shown[str(n)]
            assert pattern(step.expected).fullmatch(got), f"{page.name}: `{step.command}` printed\n{got}\nthe page shows\n" + "\n".join(step.expected)


def test_a_page_without_the_marker_is_not_run_and_a_skipped_block_is_left_out() -> None:
    assert steps(f"# p\n\nsay `{RUN}` in a sentence\n\n```sh\nnot run\n```\n") == []
    text = f"# p\n\n```sh\nnot run\n```\n\n{RUN}\n\n```sh\nfirst\n```\n\n<!-- docs-test: skip (why) -->\n```sh\nskipped\n```\n\n```console\n$ second\nout\n...\n$ third\n```\n"
    assert [(s.command, s.expected) for s in steps(text)] == [("first", None), ("second", ["out", "..."]), ("third", [])]
    assert pattern(["a ... z", "..."]).fullmatch("a b c z\nmore\nlines\n")
    assert not pattern(["a ... z"]).fullmatch("a b c\n")


DOCS = ["README.md", "CONTRIBUTING.md", "CHANGELOG.md", *[f"docs/{p.name}" for p in sorted((PROJECT / "docs").glob("*.md"))]]


def prose(text: str) -> str:
    """The page's lines outside its code fences."""
    kept, fence = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            fence = not fence
        elif not fence:
            kept.append(line)
    return "\n".join(kept)


def anchors(text: str) -> set[str]:
    """The ids GitHub gives a page's headings (outside code fences)."""
    headings = re.findall(r"^#{1,6} (.*)$", prose(text), re.M)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}


@pytest.mark.parametrize("name", DOCS)
def test_every_link_between_the_pages_finds_its_file_and_heading(name: str) -> None:
    page = PROJECT / name
    text = prose(page.read_text(encoding="utf-8"))
    text = re.sub(r"`[^`\n]*`", "", text)  # code spans: `[text](url)` is an example, not a link
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        assert linked.exists(), f"{name}: {target} names no file"
        if anchor and linked.suffix == ".md":
            assert anchor in anchors(linked.read_text(encoding="utf-8")), f"{name}: {target} names no heading"
