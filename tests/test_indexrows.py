"""develop, publish, schedule and unschedule patch INDEX.md row by row when the cache proves the patch
(contentkit/usecases/indexrows.py, cache/patch.py): the bytes are always those of a full render, which
`index --no-cache --check` makes from every seed; the patch is taken when it can be, and refused when
INDEX.md was edited by hand, its markers moved, or the cache is stale."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contentkit.base import dates
from contentkit.cli import cli
from contentkit.store.cache import patch, store
from contentkit.usecases import index, indexrows

from .conftest import EXAMPLE_SEEDS, REFERENCE_SEED

NOW = "2026-03-01T12:00:00Z"
STATUSES = ["seed", "seed", "developed", "idea", ""]
CREATED = ["2025-01-01T09:00:00Z", "2025-01-01T09:00:00Z", "2025-02-03", "2025-01-01T08:00:00-02:00", ""]
TITLES = ["Plain", "A | pipe", "Ünïcode ✓", "<!-- not a marker -->", "Same"]


@pytest.fixture(autouse=True)
def trusted_stamps(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every stamp trusted at once (as in a repo whose files are not brand new), and a fixed clock."""
    monkeypatch.setattr(store, "RACY_NS", -(10**12))
    monkeypatch.setattr(dates, "now_utc", lambda: NOW)


@pytest.fixture
def taken(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """Whether each develop, publish or schedule patched INDEX.md (True) or rendered it whole."""
    found: list[bool] = []
    real_changes, real_patched = patch.index_changes, indexrows._patched

    def changes_spy(*args: object) -> object:
        result = real_changes(*args)  # type: ignore[arg-type]
        if result is None:  # the store could not name the changed seeds: rendered whole
            found.append(False)
        return result

    def patched_spy(*args: object) -> object:
        result = real_patched(*args)  # type: ignore[arg-type]
        found.append(result is not None)
        return result

    monkeypatch.setattr(patch, "index_changes", changes_spy)
    monkeypatch.setattr(indexrows, "_patched", patched_spy)
    yield found


def cli_in(root: Path, *args: str) -> int:
    return CliRunner().invoke(cli, ["-C", str(root), *args], catch_exceptions=False).exit_code


def full_render_agrees(root: Path) -> bool:
    return cli_in(root, "index", "--no-cache", "--check") == 0


def seed_text(status: str, created: str, title: str, tasks: int, hooks: bool) -> str:
    front = "".join(f"{k}: '{v}'\n" for k, v in (("status", status), ("created", created)) if v)
    body = f"# {title}\n\n## Core Idea\n\nA point.\n"
    if hooks:
        body += "\n## Hook Ideas\n\n- A hook\n"
    if tasks:
        body += "\n## Next Steps\n\n" + "".join(f"- [ ] Develop step {n}\n" for n in range(tasks))
    return f"---\n{front}---\n\n{body}"


seeds = st.lists(
    st.tuples(st.sampled_from(STATUSES), st.sampled_from(CREATED), st.sampled_from(TITLES),
              st.integers(0, 2), st.booleans()),
    min_size=2, max_size=6,
)
operations = st.lists(
    st.tuples(st.sampled_from(["develop", "publish", "schedule", "unschedule", "index", "edit", "hand"]),
              st.integers(0, 5)),
    min_size=1, max_size=8,
)


def make(root: Path, shapes: list[tuple[str, str, str, int, bool]]) -> list[str]:
    (root / "seeds").mkdir(parents=True)
    (root / "contentkit.toml").write_text("", encoding="utf-8")
    stems = []
    for n, shape in enumerate(shapes):
        stems.append(f"2025-01-0{n + 1}__seed-{n}")
        (root / "seeds" / f"{stems[-1]}.md").write_text(seed_text(*shape), encoding="utf-8")
    assert cli_in(root, "index") == 0
    return stems


def operate(root: Path, stems: list[str], op: str, n: int) -> bool:
    """Do `op` to seed `n`; True when it was a write of contentkit's that went through."""
    stem = stems[n % len(stems)]
    seed = root / "seeds" / f"{stem}.md"
    if op == "index":
        return cli_in(root, "index") == 0
    if op == "edit":
        seed.write_text(seed.read_text(encoding="utf-8").replace("# ", "# Edited ", 1), encoding="utf-8")
    elif op == "hand":
        index = root / "INDEX.md"
        index.write_text(index.read_text(encoding="utf-8") + "\nA line of my own.\n", encoding="utf-8")
    else:
        return False
    if op == "develop":
        return cli_in(root, "develop", stem) == 0
    if op == "publish":
        return cli_in(root, "publish", stem, "--url", f"https://example.com/{n}") == 0
    if op == "schedule":
        return cli_in(root, "schedule", stem, "--at", "2026-03-05T08:30") == 0
    return cli_in(root, "unschedule", stem) == 0


@settings(max_examples=20, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(shapes=seeds, ops=operations)
def test_every_write_leaves_the_index_a_full_render_would(
    shapes: list[tuple[str, str, str, int, bool]], ops: list[tuple[str, int]], taken: list[bool]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "content"
        stems = make(root, shapes)
        for op, n in ops:
            if operate(root, stems, op, n):  # (a hand edit or a refusal leaves INDEX.md as it was)
                assert full_render_agrees(root), (op, n, (root / "INDEX.md").read_text(encoding="utf-8"))


@pytest.mark.parametrize("example", [REFERENCE_SEED, EXAMPLE_SEEDS[0]], ids=["reference", "example"])
def test_develop_publish_patch_the_rows_of_the_reference_seed(
    tmp_path: Path, taken: list[bool], example: Path
) -> None:
    if not example.exists():
        pytest.skip("shared reference seed not available")
    root = tmp_path / "content"
    shapes = [("seed", "2025-01-01", "Older", 2, True), ("developed", "2025-03-01", "Newer", 1, True),
              ("published", "2025-02-01", "Live", 0, True), ("seed", "2025-01-02", "Other", 0, False)]
    # (each table and the next steps there before and after: the patch never adds or drops a section)
    stems = make(root, shapes)
    shutil.copy(example, root / "seeds" / example.name)
    assert cli_in(root, "index") == 0
    for args in (["develop", example.stem], ["develop", stems[0]], ["publish", stems[0], "--url",
                 "https://example.com/p"]):
        assert cli_in(root, *args) == 0
        assert full_render_agrees(root)
        assert cli_in(root, "index") == 0  # (nothing to write: the memo is made again for the next one)
    assert taken == [True, True, True]


@pytest.mark.parametrize("doubt", ["edited by hand", "markers moved", "stale cache", "no cache", "crlf"])
def test_anything_the_patch_cannot_prove_renders_the_whole_block(
    tmp_path: Path, taken: list[bool], doubt: str
) -> None:
    root = tmp_path / "content"
    stems = make(root, [("seed", "2025-01-01", "One", 1, True), ("seed", "2025-01-02", "Two", 0, True),
                        ("developed", "2025-01-03", "Three", 0, True)])
    index = root / "INDEX.md"
    text = index.read_text(encoding="utf-8")
    if doubt == "edited by hand":
        index.write_text(text.replace("| One", "| Un", 1), encoding="utf-8")
    elif doubt == "markers moved":
        index.write_text("Notes of mine.\n\n" + text, encoding="utf-8")
    elif doubt == "stale cache":
        for n in range(patch.MAX_CHANGED + 2):
            (root / "seeds" / f"2024-01-01__more-{n}.md").write_text(seed_text("seed", "", f"M{n}", 0, False))
    elif doubt == "no cache":
        shutil.rmtree(root / ".contentkit")
    else:
        index.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    assert cli_in(root, "develop", stems[0]) == 0
    assert taken == [False]
    assert full_render_agrees(root)
    if doubt == "markers moved":
        assert index.read_text(encoding="utf-8").startswith("Notes of mine.\n\n")


@given(st.lists(st.sampled_from([index.START, index.END, "\n", " ", "x", "\r", "\t", "\u2028"]), max_size=12))
def test_marker_lines_equal_the_line_by_line_scan(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert index.marker_lines(text) == index.scanned_marker_lines(text)
