"""The console entry point answers a warm `index`, `index --check` and `validate` before importing click
(contentkit/warm.py): the same output and exit code as the full CLI, in real processes, and the full
CLI whenever anything it read may have changed or the answer cannot be believed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from contentkit.base.stamps import RACY_NS
from contentkit.store import answers as warm
from tests.conftest import EXAMPLE_SEEDS, PROJECT

pytestmark = pytest.mark.slow  # real processes, and files left to age past the stamps' trust window

FULL = "import sys; from contentkit.cli import main; sys.argv[0] = 'contentkit'; main()"
BAD_SEED = "---\nstatus: nonsense\ncreated: yesterday\n---\n\n# Bad\n"
BROKEN_SEED = "---\nstatus: [unclosed\n---\n\n# Broken\n"


def make_repo(root: Path) -> Path:
    (root / "seeds").mkdir(parents=True)
    (root / "contentkit.toml").write_text("", encoding="utf-8")
    for seed in EXAMPLE_SEEDS:
        shutil.copy(seed, root / "seeds" / seed.name)
    (root / "seeds" / "bad.md").write_text(BAD_SEED, encoding="utf-8")
    (root / "seeds" / "broken.md").write_text(BROKEN_SEED, encoding="utf-8")
    return root


def age() -> None:
    """Let every file just written age past the window in which a stamp cannot pin its contents."""
    time.sleep(RACY_NS / 1e9 + 0.3)


def run(root: Path, *args: str, full: bool = False, python_path: Path = PROJECT) -> tuple[int, str, str, bool]:
    """(exit code, stdout, stderr, whether click was imported) of one contentkit process in `root`."""
    entry = ["-c", FULL] if full else ["-m", "contentkit"]
    env = {**os.environ, "PYTHONPATH": str(python_path)}
    env.pop("NO_COLOR", None)
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *entry, *args], cwd=root, env=env, capture_output=True, text=True
    )
    imports = [line for line in done.stderr.splitlines() if line.startswith("import time:")]
    stderr = "".join(line + "\n" for line in done.stderr.splitlines() if not line.startswith("import time:"))
    clicked = any(line.rsplit("|", 1)[-1].strip() == "click" for line in imports)
    return done.returncode, done.stdout, stderr, clicked


def answered(root: Path, *args: str, **kw: Path) -> tuple[int, str, str]:
    """Run the command as the full CLI (which remembers it), then again: answered without click, and
    the same as the full CLI's answer."""
    code, out, err, clicked = run(root, *args, **kw)
    assert clicked
    again = run(root, *args, **kw)
    assert again == (code, out, err, False), again
    assert run(root, *args, full=True, **kw) == (code, out, err, True)  # the old entry point agrees
    return code, out, err


def test_warm_answers_match_the_full_cli_over_repo_states(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "content")
    seed = f"seeds/{EXAMPLE_SEEDS[0].name}"
    assert run(root, "index")[0] == 0  # writes INDEX.md (an answer only for the files as they are after)
    age()
    assert answered(root, "index")[:2] == (0, "INDEX.md is up to date\n")
    code, out, err = answered(root, "index", "--check")
    assert (code, out) == (0, "INDEX.md is up to date\n") and "broken.md" in err  # the broken seed's warning
    assert answered(root, "validate", "seeds/bad.md")[0] == 1
    assert answered(root, "validate", seed, "seeds/bad.md")[0] == 1
    assert answered(root, "validate")[0] == 1

    retitled = (root / seed).read_text(encoding="utf-8").replace("\n# ", "\n# Changed: ", 1)
    (root / seed).write_text(retitled, encoding="utf-8")
    code, _out, err, clicked = run(root, "index", "--check")  # a seed changed: the full CLI, which finds it
    assert (code, clicked) == (1, True) and "stale" in err
    age()
    assert answered(root, "index", "--check")[0] == 1  # stale stays stale while nothing changes
    assert answered(root, "validate", seed)[0] == 0


@pytest.mark.parametrize(
    "change",
    ["new seed", "deleted seed", "edited seed", "config", "journal", "damaged answers", "INDEX.md", "option"],
)
def test_any_change_or_doubt_runs_the_full_cli(tmp_path: Path, change: str) -> None:
    root = make_repo(tmp_path / "content")
    run(root, "index")
    age()
    before = answered(root, "index", "--check")
    args = ["index", "--check"]
    seed = root / "seeds" / EXAMPLE_SEEDS[0].name
    changes = {
        "new seed": lambda: (root / "seeds" / "new.md").write_text("---\nstatus: seed\n---\n\n# New\n"),
        "deleted seed": lambda: seed.unlink(),
        "edited seed": lambda: seed.write_bytes(seed.read_bytes().replace(b"status: seed", b"status: developed")),
        "config": lambda: (root / "contentkit.toml").write_text('index_file = "INDEX.md"\n'),
        "journal": lambda: (root / ".contentkit" / "journal").write_text("{}"),
        "damaged answers": lambda: (root / ".contentkit" / warm.ANSWERS).write_text('{"format": 1, "answers": ['),
        "INDEX.md": lambda: (root / "INDEX.md").write_text("by hand\n"),
        "option": lambda: args.append("--no-cache"),
    }
    changes[change]()
    code, out, err, clicked = run(root, *args)
    assert clicked, f"{change}: answered without the full CLI"
    assert (code, out, err) == run(root, *args, full=True)[:3]
    unchanged = ("config", "journal", "damaged answers", "option")
    assert ((code, out, err) == before) is (change in unchanged) or change == "journal", (change, before)


def test_a_carried_cache_is_never_believed(tmp_path: Path) -> None:
    """A copy of the repo carries .contentkit/answers.json with it: its stamps are not the copy's."""
    root = make_repo(tmp_path / "content")
    run(root, "index")
    age()
    answered(root, "index")
    copy = tmp_path / "clone"
    shutil.copytree(root, copy)  # same bytes, same mtimes; other inodes and ctimes
    (copy / "INDEX.md").write_text("stale\n", encoding="utf-8")  # a carried answer would say "up to date"
    os.utime(copy / "INDEX.md", ns=(os.stat(root / "INDEX.md").st_mtime_ns,) * 2)
    age()
    code, out, _err, clicked = run(copy, "index", "--check")
    assert (code, clicked) == (1, True) and out == ""


def test_a_forged_answer_with_this_machines_stamps_but_the_code_changed_is_not_used(tmp_path: Path) -> None:
    """contentkit's own code is part of every answer: an edited source file sends it to the full CLI."""
    package = tmp_path / "pkg"
    shutil.copytree(PROJECT / "contentkit", package / "contentkit", ignore=shutil.ignore_patterns("__pycache__"))
    root = make_repo(tmp_path / "content")
    run(root, "index", python_path=package)
    age()
    answered(root, "index", python_path=package)
    words = package / "contentkit" / "base" / "words.py"
    words.write_text(words.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert run(root, "index", python_path=package)[3]


def test_answers_file_shapes_are_refused(tmp_path: Path) -> None:
    """Whatever a clone carries in the answers file, answer() returns None rather than raising."""
    state = tmp_path / ".contentkit"
    state.mkdir()
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        key = warm.key(["index"], str(tmp_path))
        shapes: list[object] = [
            [], {"format": 2, "answers": {}}, {"format": 1, "answers": []},
            {"format": 1, "answers": {key: "x"}},
            {"format": 1, "answers": {key: {"names": "", "stamps": "", "absent": [], "checked": 0}}},
            {"format": 1, "answers": {key: {"names": 1, "stamps": "", "absent": [], "checked": 0}}},
            {"format": 1, "answers": {key: {"names": "", "stamps": "", "absent": [""], "checked": 0,
                                            "code_stamps": warm.code_stamps(), "stdout": "x", "stderr": "",
                                            "code": 0}}},
            {"format": 1, "answers": {key: {"names": "", "stamps": "", "absent": [], "checked": 10**30,
                                            "code_stamps": warm.code_stamps(), "stdout": "x", "stderr": "",
                                            "code": 0}}},
        ]
        for shape in shapes:
            (state / warm.ANSWERS).write_text(json.dumps(shape), encoding="utf-8")
            assert warm.answer(["index"], os.getcwd()) is None, shape
        good = {"names": "", "stamps": "", "absent": [], "checked": 1, "code_stamps": warm.code_stamps(),
                "stdout": "x\n", "stderr": "", "code": 0}
        (state / warm.ANSWERS).write_text(json.dumps({"format": 1, "answers": {key: good}}), encoding="utf-8")
        assert warm.answer(["index"], os.getcwd()) == ("x\n", "", 0)  # the shape answer() takes (held to it above)
        os.mkfifo(state / "fifo")
        os.replace(state / "fifo", state / warm.ANSWERS)
        assert warm.answer(["index"], os.getcwd()) is None  # never waits on a FIFO
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["index"], True), (["index", "--check"], True), (["validate"], True), (["validate", "seeds/a.md"], True),
        ([], False), (["index", "--exit-code"], False), (["index", "--no-cache"], False),
        (["validate", "--strict"], False), (["validate", "--", "x"], False), (["-C", "x", "index"], False),
        (["list"], False), (["validate", ""], False),
    ],
)
def test_only_these_commands_are_answered(args: list[str], expected: bool) -> None:
    assert warm.answerable(args) is expected
