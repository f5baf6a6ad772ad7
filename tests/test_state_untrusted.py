"""Everything in `.contentkit/` (and the config) is untrusted input: a clone, an archive or a synced folder
can carry any journal, cache, listing or memo. Generated ones are fed to every command that reads the
state folder: nothing outside the repo changes, nothing traces back, no file outside is named as a seed."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contentkit.cli import cli
from contentkit.store.cache import listing, store
from contentkit.store.repo import Repo

from .conftest import EXAMPLE_SEEDS

READERS = (["list"], ["validate"], ["index", "--check"], ["doctor"], ["stats"], ["calendar"], ["index"],
           ["list", "--json"], ["validate"])
PATHS = st.sampled_from([
    "../outside/planted.md", "/etc/passwd", "seeds/../../outside/planted.md", ".git/hooks/pre-commit",
    "away/planted.md", "seeds/a.md", "seeds/x\x00.md", "", ".contentkit/tmp/.a.md.1.x.tmp",
    "../outside/secret.md", "seeds", "drafts/linkedin/a.md",
])
JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20) | PATHS,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10) | PATHS, inner, max_size=5),
    max_leaves=20,
)


def journals() -> st.SearchStrategy[bytes]:
    move = st.lists(PATHS | st.none() | st.integers(), min_size=4, max_size=4)
    shaped = st.lists(move, max_size=4).map(lambda moves: json.dumps({"format": 1, "moves": moves}).encode())
    return st.one_of(
        shaped,
        JSONISH.map(lambda value: json.dumps(value).encode()),
        st.binary(max_size=200),
        st.integers(1, 100_000).map(lambda depth: b"[" * depth + b"]" * depth),
    )


def cache_file(fingerprint: str) -> st.SearchStrategy[str]:
    """A cache file: a JSON header (this machine's own fingerprint or another), then any tail."""
    head = st.dictionaries(
        st.sampled_from(["folders", "checked", "seeds", "drafts", "split", "rows", "value", "inputs",
                         "warnings", "index", "stamp"]), JSONISH, max_size=6,
    ).flatmap(lambda data: st.sampled_from([fingerprint, "other"]).map(
        lambda fp: json.dumps({"format": store.FORMAT, "fingerprint": fp, **data})))
    tail = st.lists(PATHS, max_size=6).map("\n".join)
    return st.tuples(head, tail).map(lambda parts: parts[0] + "\n" + parts[1]) | st.text(max_size=100)


CONFIGS = st.sampled_from([
    "", "seeds_dir = '../outside'\n", "drafts_dir = '/etc'\n", "metrics_file = '../outside/m.csv'\n",
    "index_file = '../outside/INDEX.md'\n", "[" * 600 + "\n", "seeds_dir = 'away'\n", "\x00\n",
    "templates_dir = '../outside'\n", "known_keys = 5\n",
])


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() if p.is_file() else b"/"
            for p in sorted(folder.rglob("*"))}


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_any_state_folder_changes_nothing_outside_and_never_traces_back(
    tmp_path_factory: object, data: st.DataObject
) -> None:
    base = tmp_path_factory.mktemp("state")  # type: ignore[attr-defined]
    root, outside = base / "content", base / "outside"
    (root / "seeds").mkdir(parents=True)
    (root / ".git" / "hooks").mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.md").write_text("---\ntitle: secret\n---\n# Secret\n", encoding="utf-8")
    for seed in EXAMPLE_SEEDS[:2]:
        shutil.copy(seed, root / "seeds" / seed.name)
    (root / "away").symlink_to(outside, target_is_directory=True)
    (root / "contentkit.toml").write_text("", encoding="utf-8")
    fingerprint = store.fingerprint(Repo.discover(root))
    (root / "contentkit.toml").write_text(data.draw(CONFIGS), encoding="utf-8")
    state = root / ".contentkit"
    (state / "tmp").mkdir(parents=True)
    (state / "tmp" / ".a.md.1.x.tmp").write_text("planted\n", encoding="utf-8")
    (state / "journal").write_bytes(data.draw(journals()))
    for name in ("listing", "entries.json", "index.json", "validate.json"):
        (state / name).write_text(data.draw(cache_file(fingerprint)), encoding="utf-8", errors="surrogateescape")
    before = snapshot(outside)
    for args in READERS:
        result = CliRunner().invoke(cli, ["-C", str(root), *args])
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.output)
        assert "Traceback" not in result.output
        assert "Secret" not in result.output and "planted" not in result.output.replace("planted.md", "")
    assert snapshot(outside) == before
    assert not (root / ".git" / "hooks" / "pre-commit").exists()
    assert not (base / "planted.md").exists()


def test_a_listing_naming_a_file_outside_the_repo_is_not_trusted(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A listing with this machine's own fingerprint and folder stamps, one name swapped for a file
    outside: it is listed again, never read as the repo's seeds."""
    import time

    from contentkit.store.cache import listing as listings

    monkeypatch.setattr(store, "RACY_NS", -(10**12))  # stamps trusted at once (tests/test_cache.py)
    assert CliRunner().invoke(cli, ["-C", str(repo), "list"]).exit_code == 0
    path = repo / ".contentkit" / listings.LISTING
    head, _newline, tail = path.read_text(encoding="utf-8").partition("\n")
    header = json.loads(head)
    seeds = tail[: header["split"]].split("\n")
    assert listings.recorded(Repo.discover(repo), header["fingerprint"], time.time_ns()) is not None
    for name in ("../outside/secret.md", "/etc/passwd", "seeds/../../x.md"):
        swapped = "\n".join([name, *seeds[1:]])
        rest = tail[header["split"]:]
        path.write_text(json.dumps({**header, "split": len(swapped)}) + "\n" + swapped + rest, encoding="utf-8")
        repo_now = Repo.discover(repo)
        assert listings.recorded(repo_now, header["fingerprint"], time.time_ns()) is None, name
        listed = CliRunner().invoke(cli, ["-C", str(repo), "list", "--json"])
        assert name not in listed.output


# The listing's test for names that leave the repo, as it was written first: one regex over the lines.
_LEAVES_ORACLE = re.compile(r"^/|(^|/)\.\.(/|$)|\\", re.MULTILINE)


@settings(max_examples=400)
@given(st.lists(st.text(alphabet="ab./\\\n", max_size=12), max_size=8).map("\n".join))
def test_a_listing_name_that_leaves_the_repo_is_found_as_the_regex_finds_it(text: str) -> None:
    """listing.leaves (three plain scans) says what the first regex said, for any lines of names."""
    assert listing.leaves(text) == bool(_LEAVES_ORACLE.search(text))


@pytest.mark.parametrize(
    ("name", "leaving"),
    [("seeds/a.md", False), ("/etc/passwd", True), ("seeds/../../x.md", True), ("..", True),
     ("seeds/..a.md", False), ("seeds\\a.md", True), ("seeds/a.md\n../x", True), ("seeds/a..md", False)],
)
def test_a_listing_naming_a_file_outside_the_repo_is_refused(name: str, leaving: bool) -> None:
    assert listing.leaves(name) is leaving
