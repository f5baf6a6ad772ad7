""".contentkit/: whatever happens to the seeds or to the cache, the index is the one `--no-cache` writes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_type_hints

import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from contentkit.cli import cli
from contentkit.store import catalog
from contentkit.store.cache import entries, memo, parallel, store
from contentkit.store.cache import listing as listings
from contentkit.store.cache.layer import Cached
from contentkit.store.repo import Repo

from .conftest import EXAMPLE_SEEDS, SHARED

GENERATOR = SHARED / "bench" / "gen_seeds.py"
STATE = ".contentkit"

SEED = """\
---
type: moment
category: content-seed
created: '{day}T09:00:00Z'
source: idea
platform: linkedin
status: {status}
---

# {title}

## Core Idea

{idea}

## Hook Ideas

- "A hook"

## Potential Angles

1. **"An angle"** - why

## Next Steps

- [ ] Develop into full LinkedIn post
- [ ] {task}
"""


def seed_text(n: int, title: str = "", status: str = "seed", idea: str = "An idea.") -> str:
    day = f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}"
    return SEED.format(day=day, title=title or f"Seed number {n}", status=status, idea=idea, task=f"Task {n}")


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A content repo of a few seeds (and the project's examples) with two drafts."""
    root = tmp_path / "content"
    (root / "seeds" / "2024").mkdir(parents=True)
    (root / "drafts" / "linkedin").mkdir(parents=True)
    (root / "contentkit.toml").write_text("", encoding="utf-8")
    for n in range(6):
        (root / "seeds" / f"2025-01-{n + 1:02d}__seed-{n}.md").write_text(seed_text(n), encoding="utf-8")
    (root / "seeds" / "2024" / "2024-12-31__older.md").write_text(seed_text(99), encoding="utf-8")
    for path in EXAMPLE_SEEDS:
        shutil.copy(path, root / "seeds" / path.name)
    (root / "drafts" / "linkedin" / "2025-01-01__seed-0.md").write_text("---\ntype: draft\n---\n", "utf-8")
    (root / "drafts" / "linkedin" / "2025-01-01__seed-0.variants.md").write_text("variants\n", "utf-8")
    return root


def header(path: Path) -> dict[str, Any]:
    """A cache file's first line: its JSON header."""
    data: dict[str, Any] = json.loads(path.read_bytes().partition(b"\n")[0])
    return data


def invoke(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["-C", str(root), *args], catch_exceptions=False)


def index(root: Path, *args: str) -> bytes:
    """Run `index`; INDEX.md's bytes."""
    result = invoke(root, "index", *args)
    assert result.exit_code == 0, result.output
    return (root / "INDEX.md").read_bytes()


def uncached(root: Path) -> bytes:
    """What `index --no-cache` writes, from a copy (so the repo itself is left as it is)."""
    copy = root.parent / f"uncached-{time.time_ns()}"
    shutil.copytree(root, copy, symlinks=True, ignore=shutil.ignore_patterns(STATE, "INDEX.md"))
    try:
        return index(copy, "--no-cache")
    finally:
        shutil.rmtree(copy)


def assert_follows(root: Path) -> None:
    assert index(root) == uncached(root)
    assert invoke(root, "index").stdout == "INDEX.md is up to date\n"
    assert index(root) == uncached(root)


@pytest.fixture
def old_files(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Trust stamps at once (in a real repo, files are older than RACY_NS when they are read)."""
    monkeypatch.setattr(store, "RACY_NS", -(10**12))
    yield


# --- the index follows the seeds ---------------------------------------------------------------


@pytest.mark.parametrize("trusted", [False, True])
def test_edit_add_delete_rename_and_the_index_follows(
    content: Path, monkeypatch: pytest.MonkeyPatch, trusted: bool
) -> None:
    if trusted:
        monkeypatch.setattr(store, "RACY_NS", -(10**12))
    assert_follows(content)
    seeds = content / "seeds"
    edited = seeds / "2025-01-02__seed-1.md"
    edited.write_text(seed_text(1, title="A new title", status="developed"), encoding="utf-8")
    assert b"A new title" in index(content)
    assert_follows(content)
    (seeds / "2025-02-01__added.md").write_text(seed_text(7, title="Added later"), encoding="utf-8")
    assert b"Added later" in index(content)
    (seeds / "2025-01-03__seed-2.md").unlink()
    assert b"Seed number 2" not in index(content)
    (seeds / "2025-01-04__seed-3.md").rename(seeds / "2024" / "2025-01-04__renamed.md")
    assert b"seeds/2024/2025-01-04__renamed.md" in index(content)
    assert_follows(content)
    (content / "drafts" / "linkedin" / "2025-01-05__seed-4.md").write_text("---\n---\n", "utf-8")
    assert b"Drafts: 2" in index(content)
    assert_follows(content)


def test_a_same_size_edit_within_one_timestamp_tick_is_seen(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A coarse clock: the edit keeps size, mtime and ctime. The stamp is recent, so it is not trusted."""
    frozen = time.time_ns()
    real = store.stamp

    def coarse(path: str) -> store.Stamp | None:
        stamp = real(path)
        return None if stamp is None else (stamp[0], frozen, frozen, stamp[3])

    monkeypatch.setattr(store, "stamp", coarse)
    path = content / "seeds" / "2025-01-02__seed-1.md"
    path.write_text(seed_text(1, idea="Version A."), encoding="utf-8")
    index(content)
    before = path.stat().st_ino
    with path.open("r+", encoding="utf-8") as handle:  # same inode, same size
        text = handle.read().replace("Seed number 1", "Seed NUMBER 1")
        handle.seek(0)
        handle.write(text)
    assert path.stat().st_ino == before
    assert b"Seed NUMBER 1" in index(content)
    assert index(content) == uncached(content)


def test_recent_seeds_are_checked_by_digest_not_parsed_again(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files written within RACY_NS of a run (a fresh checkout) cost a read on the next run, not a parse."""
    index(content)
    parsed: list[Path] = []
    real = catalog.read_entry

    def spy(path: Path, *args: object) -> catalog.Entry:
        parsed.append(path)
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(catalog, "read_entry", spy)
    after = index(content)
    assert parsed == []
    edited = content / "seeds" / "2025-01-02__seed-1.md"
    edited.write_text(seed_text(1, title="Changed"), encoding="utf-8")
    assert b"Changed" in index(content)
    assert parsed == [edited]
    edited.write_text(seed_text(1), encoding="utf-8")
    assert index(content) == after


def test_unchanged_repo_is_answered_from_the_cache(
    content: Path, monkeypatch: pytest.MonkeyPatch, old_files: None
) -> None:
    index(content)
    index(content)  # notes INDEX.md's stamp

    def fail(*args: object) -> object:
        raise AssertionError("the seeds were read")

    monkeypatch.setattr(entries, "collect", fail)
    monkeypatch.setattr(catalog, "read_entry", fail)
    assert invoke(content, "index").stdout == "INDEX.md is up to date\n"
    assert invoke(content, "index", "--check").exit_code == 0


def test_index_md_edited_by_hand_is_rewritten(content: Path, old_files: None) -> None:
    first = index(content)
    index(content)
    text = (content / "INDEX.md").read_text(encoding="utf-8")
    (content / "INDEX.md").write_text(text.replace("Seed number 3", "Seed number 33"), encoding="utf-8")
    assert invoke(content, "index", "--check").exit_code == 1
    assert index(content) == first


def test_broken_seeds_warn_on_every_run(content: Path, old_files: None) -> None:
    (content / "seeds" / "2025-03-01__broken.md").write_text("---\nstatus: [unclosed\n---\n", "utf-8")
    outputs = [invoke(content, "index") for _ in range(3)]
    assert all("warning: seeds/2025-03-01__broken.md:" in r.stderr for r in outputs)
    assert outputs[1].stderr == outputs[2].stderr
    assert index(content) == uncached(content)


def test_config_change_rebuilds(content: Path, old_files: None) -> None:
    index(content)
    (content / "contentkit.toml").write_text('statuses = ["developed", "seed"]\n', encoding="utf-8")
    text = index(content).decode()
    assert text.index("| developed |") < text.index("| seed |")
    assert index(content) == uncached(content)


def test_develop_uses_the_cache_and_leaves_the_index_current(content: Path, old_files: None) -> None:
    index(content)
    result = invoke(content, "develop", "seed-5")
    assert result.exit_code == 0, result.output
    assert invoke(content, "index").stdout == "INDEX.md is up to date\n"
    assert index(content) == uncached(content)


def test_list_with_and_without_the_cache(content: Path) -> None:
    index(content)
    for args in (["list"], ["list", "--json"], ["list", "--status", "seed"]):
        assert invoke(content, *args).stdout == invoke(content, *args, "--no-cache").stdout


def test_no_cache_neither_reads_nor_writes_it(content: Path) -> None:
    index(content, "--no-cache")
    assert not any((content / STATE / name).exists() for name in (entries.ENTRIES, listings.LISTING, memo.INDEX))
    index(content)
    for name in (entries.ENTRIES, listings.LISTING):
        (content / STATE / name).write_text(json.dumps({"format": store.FORMAT, "rows": {"x": 1}}), "utf-8")
    assert index(content, "--no-cache") == uncached(content)


def test_symlinked_seed_is_read_every_time(content: Path, old_files: None) -> None:
    target = content / "notes" / "elsewhere.md"
    target.parent.mkdir()
    target.write_text(seed_text(50, title="Linked one"), encoding="utf-8")
    (content / "seeds" / "2025-05-05__linked.md").symlink_to("../notes/elsewhere.md")
    assert b"Linked one" in index(content)
    target.write_text(seed_text(50, title="Linked two, longer"), encoding="utf-8")
    assert b"Linked two, longer" in index(content)
    assert index(content) == uncached(content)


# --- the cache files are never trusted blindly ------------------------------------------------


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"\x00\xff garbage",
        b'{"format": 1, "fingerprint": "',
        b"[]",
        b"null",
        b'{"format": 999, "fingerprint": "x", "rows": {}}',
        b"[" * 100_000,
    ],
)
def test_damaged_cache_files_are_ignored_and_rebuilt(content: Path, old_files: None, damage: bytes) -> None:
    good = index(content)
    for name in (entries.ENTRIES, listings.LISTING, memo.INDEX):
        (content / STATE / name).write_bytes(damage)
    (content / "INDEX.md").unlink()
    assert index(content) == good
    assert header(content / STATE / entries.ENTRIES)["format"] == store.FORMAT


def test_truncated_cache_files_are_ignored(content: Path, old_files: None) -> None:
    good = index(content)
    for name in (entries.ENTRIES, listings.LISTING, memo.INDEX):
        path = content / STATE / name
        path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
    (content / "INDEX.md").unlink()
    assert index(content) == good


def test_foreign_rows_of_the_right_version_are_misses(content: Path, old_files: None) -> None:
    index(content)
    path = content / STATE / entries.ENTRIES
    data = json.loads(path.read_bytes())
    title = data["columns"].index("title")
    for row in data["rows"].values():
        row[title] = 42  # the title is not a string
    path.write_text(json.dumps(data), encoding="utf-8")
    (content / "INDEX.md").unlink()
    assert index(content) == uncached(content)


def test_an_old_version_of_the_code_is_another_cache(content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index(content)
    before = store.fingerprint(Repo.discover(content))
    monkeypatch.setattr(store, "FORMAT", store.FORMAT + 1)
    assert store.fingerprint(Repo.discover(content)) != before
    assert index(content) == uncached(content)


def test_an_unwritable_cache_is_not_an_error(content: Path) -> None:
    (content / STATE).mkdir()
    (content / STATE / entries.ENTRIES).mkdir()  # cannot be replaced by a file
    assert index(content) == uncached(content)


@pytest.mark.slow  # real processes racing
def test_concurrent_runs_leave_a_whole_cache(content: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    command = [sys.executable, "-m", "contentkit", "-C", str(content), "index"]
    pipe = subprocess.PIPE
    runs = [subprocess.Popen(command, env=env, stdout=pipe, stderr=pipe) for _ in range(4)]
    assert all(run.wait(timeout=120) == 0 for run in runs)
    for name in (entries.ENTRIES, listings.LISTING):
        assert header(content / STATE / name)["format"] == store.FORMAT
    assert index(content) == uncached(content)


# --- a generated repo, and the worker processes -----------------------------------------------


def generated(tmp_path: Path, count: int) -> Path:
    root = tmp_path / "generated"
    if GENERATOR.exists():
        command = [sys.executable, str(GENERATOR), str(root), str(count), "--developed-fraction", "0.3"]
        subprocess.run(command, check=True)
    else:
        (root / "seeds").mkdir(parents=True)
        for n in range(count):
            text = seed_text(n, status="developed" if n % 3 == 0 else "seed")
            (root / "seeds" / f"2025-01-01__gen-{n:04d}.md").write_text(text, encoding="utf-8")
    (root / "contentkit.toml").write_text("", encoding="utf-8")
    return root


def test_generated_repo_same_bytes_with_and_without_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = generated(tmp_path, 300)
    expected = uncached(root)
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 20)  # read in worker processes, as on a large repo
    monkeypatch.setattr(parallel, "PER_WORKER", 10)
    assert index(root) == expected  # cold: every seed read
    assert index(root) == expected  # warm
    monkeypatch.setattr(store, "RACY_NS", -(10**12))
    assert index(root) == expected  # rows trusted
    assert index(root) == expected  # answered without reading
    assert invoke(root, "list", "--json").stdout == invoke(root, "list", "--json", "--no-cache").stdout


def test_a_failing_worker_is_redone_in_the_parent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = generated(tmp_path, 60)
    expected = uncached(root)
    monkeypatch.setattr(parallel, "PARALLEL_MIN", 10)
    monkeypatch.setattr(parallel, "PER_WORKER", 10)
    real = entries.read

    def flaky(job: entries.Job, root: Path, checked: int, read: Any) -> Any:
        if os.getpid() != parent:
            os._exit(3)  # the worker dies
        return real(job, root, checked, read)

    parent = os.getpid()
    monkeypatch.setattr(entries, "read", flaky)
    assert index(root) == expected


# --- the listing is repo.py's ----------------------------------------------------------------


def test_listing_matches_repo_files(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    for rel in [
        "seeds/b.md", "seeds/a.md", "seeds/a-b.md", "seeds/a/z.md", "seeds/A.md", "seeds/x.txt",
        "seeds/.hidden.md", "seeds/.dir/h.md", "seeds/deep/er/x.md", "seeds/_under.md", "seeds/dir.md/in.md",
        "drafts/linkedin/a.md", "drafts/linkedin/a.variants.md", "drafts/x/b.md", "drafts/.h/c.md",
    ]:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("x", encoding="utf-8")
    (root / "elsewhere").mkdir()
    (root / "elsewhere" / "e.md").write_text("x", encoding="utf-8")
    (root / "seeds" / "linked-dir").symlink_to(root / "elsewhere", target_is_directory=True)
    (root / "contentkit.toml").write_text("", encoding="utf-8")
    repo = Repo.discover(root)
    listing, record = listings.list_again(repo, time.time_ns())
    assert listing.seeds == [repo.rel(p) for p in repo.seed_files()]
    assert listing.drafts == [repo.rel(p) for p in repo.draft_files()]
    assert record  # no linked files: the listing is kept
    (root / "seeds" / "link.md").symlink_to(root / "elsewhere" / "e.md")
    (root / "seeds" / "loop.md").symlink_to(root / "seeds" / "loop.md")
    listing, record = listings.list_again(repo, time.time_ns())
    assert listing.seeds == [p.relative_to(root).as_posix() for p in repo.seed_files()]
    assert not record  # a linked file: never kept


def test_a_file_name_with_a_newline_is_listed_but_never_recorded(content: Path, old_files: None) -> None:
    (content / "seeds" / "2025-06-01__two\nlines.md").write_text(seed_text(60, title="Odd name"), "utf-8")
    assert b"Odd name" in index(content)
    assert not (content / STATE / listings.LISTING).exists()
    assert index(content) == uncached(content)


# --- validate --------------------------------------------------------------------------------


def test_validate_of_the_whole_repo_is_recalled_while_nothing_changes(
    content: Path, monkeypatch: pytest.MonkeyPatch, old_files: None
) -> None:
    from contentkit.usecases.validate import run as validate

    first = invoke(content, "validate")
    assert (content / STATE / validate.MEMO).exists()

    def fail(*args: object) -> object:
        raise AssertionError("a file was checked")

    with monkeypatch.context() as patched:
        patched.setattr(validate, "check_file", fail)
        again = invoke(content, "validate")
    assert (again.exit_code, again.stdout) == (first.exit_code, first.stdout)
    path = content / "seeds" / "2025-01-02__seed-1.md"
    path.write_text(seed_text(1).replace("status: seed", "status: nonsense"), encoding="utf-8")
    changed = invoke(content, "validate")
    assert changed.exit_code == 1 and "CK202" in changed.stdout
    assert invoke(content, "validate", "seeds", "drafts").stdout == changed.stdout


def test_validate_is_not_recalled_when_it_read_a_file_the_cache_does_not_watch(
    content: Path, old_files: None
) -> None:
    from contentkit.usecases.validate import run as validate

    (content / "notes").mkdir()
    (content / "notes" / "draft.md").write_text("---\nseed: nowhere\n---\n", "utf-8")
    path = content / "seeds" / "2025-01-02__seed-1.md"
    text = seed_text(1, status="developed")
    path.write_text(text.replace("developed\n", "developed\ndeveloped_to: notes/draft.md\n"), "utf-8")
    first = invoke(content, "validate")
    assert "CK302" in first.stdout
    assert not (content / STATE / validate.MEMO).exists()
    (content / "notes" / "draft.md").write_text("---\nseed: seeds/2025-01-02__seed-1.md\n---\n", "utf-8")
    assert "CK302" not in invoke(content, "validate").stdout


def test_validate_one_file_with_and_without_a_listing(content: Path) -> None:
    seed = "seeds/2025-01-02__seed-1.md"
    before = invoke(content, "validate", seed, "drafts")
    index(content)  # records the listing
    assert invoke(content, "validate", seed, "drafts").stdout == before.stdout
    (content / "seeds" / "2025-09-09__seed-1.md").write_text(seed_text(9), "utf-8")  # the same slug
    assert "CK208" in invoke(content, "validate", seed).stdout


def test_validate_is_not_recalled_after_reading_through_a_link(content: Path, old_files: None) -> None:
    from contentkit.usecases.validate import run as validate

    outside = content.parent / "outside"
    outside.mkdir()
    (content / "link").symlink_to(outside, target_is_directory=True)
    path = content / "seeds" / "2025-01-02__seed-1.md"
    text = seed_text(1, status="developed")
    path.write_text(text.replace("developed\n", "developed\ndeveloped_to: link/x.md\n"), "utf-8")
    assert "CK206" in invoke(content, "validate").stdout  # escapes the repo
    assert not (content / STATE / validate.MEMO).exists()


@pytest.mark.parametrize(
    "ref",
    ["seed-1", "2025-01-02__seed-1", "2025-01-02__seed-1.md", "SEED-1", "older", "2024-12-31__older.md",
     "2025-01", "seed", "nothing-like-it", "shipping", "2025-11-03__shipping-beats-polishing"],
)
def test_seed_names_resolve_as_repo_resolves_them(content: Path, ref: str) -> None:
    index(content)  # records the listing
    repo = Repo.discover(content)
    try:
        expected: object = repo.resolve_seed(ref)
    except Exception as exc:  # noqa: BLE001 - the same error, whatever it is
        expected = (type(exc), str(exc))
    try:
        got: object = repo.with_store(Cached()).resolve_seed(ref)
    except Exception as exc:  # noqa: BLE001
        got = (type(exc), str(exc))
    assert got == expected


def test_a_listing_read_as_text_answers_as_its_lists() -> None:
    seeds = ["seeds/a.md", "seeds/aa.md", "seeds/b/a.md", "seeds/ba.md", "seeds/x__a.md"]
    drafts = ["drafts/a.md"]
    text = listings.Listing("\n".join(seeds), "\n".join(drafts), True, [])
    lists = listings.Listing(list(seeds), list(drafts), True, [])
    for rel in [*seeds, *drafts, "seeds/a", "a.md", "seeds/b", "", "seeds/a.md\nseeds/aa.md"]:
        assert text.is_seed(rel) == lists.is_seed(rel) == (rel in seeds)
        assert text.is_draft(rel) == lists.is_draft(rel) == (rel in drafts)
    for end in ["a.md", "/a.md", "__a.md", "b.md", ".md"]:
        assert text.seeds_ending(end) == lists.seeds_ending(end) == [s for s in seeds if s.endswith(end)]
    assert text.seeds == seeds and text.drafts == drafts
    assert listings.Listing("", "", True, []).seeds == []


# --- the rows of entries.json are read by column name --------------------------------------------


def test_entries_written_for_other_columns_are_ignored(content: Path, old_files: None) -> None:
    """An entries.json of this format whose columns are not Entry's (an older or newer contentkit
    with another field) is a miss, never misread: the index is the one --no-cache writes."""
    index(content)
    path = content / STATE / entries.ENTRIES
    data = json.loads(path.read_bytes())
    title, status = data["columns"].index("title"), data["columns"].index("status")
    swapped = list(data["columns"])
    swapped[title], swapped[status] = swapped[status], swapped[title]
    for row in data["rows"].values():
        row[title], row[status] = row[status], row[title]
    path.write_text(json.dumps({**data, "columns": swapped}), encoding="utf-8")
    (content / "INDEX.md").unlink()
    assert index(content) == uncached(content)
    assert header(path)["columns"] == list(entries.COLUMNS)


ENTRY_TYPES = get_type_hints(catalog.Entry)


@given(st.builds(catalog.Entry, **{name: st.from_type(ENTRY_TYPES[name]) for name in entries.FIELDS}))
def test_a_row_holds_every_field_of_an_entry(entry: catalog.Entry) -> None:
    """A new Entry field needs no edit of the cache: its column follows the dataclass by name."""
    row = entries.row_of((1, 2, 3, 4), 5, "", [], entries.values(entry))
    assert json.loads(json.dumps(row)) == row
    assert entries.entry(json.loads(json.dumps(row))) == entry
    assert tuple(catalog.Entry.__dataclass_fields__) == entries.FIELDS
