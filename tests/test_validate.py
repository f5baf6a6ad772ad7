"""The validation rules: every code has a bad file that triggers it and a good file that passes it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contentkit.base.codes import CODES, ERROR, INFO, WARNING
from contentkit.base.dates import is_iso_8601, is_seed_date
from contentkit.store.repo import Repo
from contentkit.usecases.validate import drafts, run
from contentkit.usecases.validate.diagnostics import Diagnostic, Report, one_line
from contentkit.usecases.validate.workspace import DRAFT, SEED, FileCheck, Workspace

FIXTURES = Path(__file__).parent / "fixtures" / "validate"
GOOD = FIXTURES / "good"
BAD = FIXTURES / "bad"

# bad fixture -> (code, line, col) it must produce
BAD_CASES: dict[str, tuple[str, int, int]] = {
    "CK101-not-utf8.md": ("CK101", 8, 12),
    "CK102-empty.md": ("CK102", 1, 1),
    "CK103-no-front-matter.md": ("CK103", 1, 1),
    "CK103-closing-fence-only.md": ("CK103", 1, 1),
    "CK104-unterminated.md": ("CK104", 1, 1),
    "CK105-not-a-mapping.md": ("CK105", 2, 1),
    "CK106-malformed-yaml.md": ("CK106", 8, 1),
    "CK106-impossible-date.md": ("CK106", 4, 10),
    "CK107-duplicate-key.md": ("CK107", 8, 1),
    "CK108-alias.md": ("CK108", 7, 9),
    "CK108-alias-bomb.md": ("CK108", 8, 4),
    "CK109-deep-nesting.md": ("CK109", 8, 106),
    "CK110-malformed-toml.md": ("CK110", 7, 10),
    "CK201-missing-key.md": ("CK201", 1, 1),
    "CK201-empty-value.md": ("CK201", 5, 1),
    "CK202-status-outside-lifecycle.md": ("CK202", 7, 9),
    "CK202-status-typo.md": ("CK202", 7, 9),
    "CK203-created-not-iso.md": ("CK203", 4, 10),
    "CK203-created-no-such-day.md": ("CK203", 4, 10),
    "CK204-source-url-not-http.md": ("CK204", 7, 13),
    "CK205-developed-without-draft.md": ("CK205", 7, 9),
    "CK206-developed-to-absolute.md": ("CK206", 8, 15),
    "CK206-developed-to-escapes.md": ("CK206", 8, 15),
    "CK207-developed-to-no-file.md": ("CK207", 8, 15),
    "CK208-duplicate-slug.md": ("CK208", 1, 1),
    "CK209-source-boolean.md": ("CK209", 5, 9),
    "CK210-published-url-not-published.md": ("CK210", 8, 16),
    "CK211-draft-published-url-not-http.md": ("CK211", 6, 16),
    "CK220-draft-of-its-own.md": ("CK220", 1, 1),
    "CK301-unknown-key.md": ("CK301", 8, 1),
    "CK302-draft-does-not-point-back.md": ("CK302", 8, 15),
    "CK303-no-hooks-section.md": ("CK303", 7, 9),
    "CK303-empty-hooks-section.md": ("CK303", 16, 1),
    "CK304-no-angles.md": ("CK304", 7, 9),
    "CK305-platform-not-configured.md": ("CK305", 6, 11),
    "CK401-draft-without-seed.md": ("CK401", 1, 1),
    "CK402-draft-seed-absolute.md": ("CK402", 4, 7),
    "CK403-draft-seed-missing.md": ("CK403", 4, 7),
    "CK403-draft-seed-not-a-seed.md": ("CK403", 4, 7),
    "CK404-draft-status-unknown.md": ("CK404", 3, 9),
    "CK405-draft-scheduled-at-not-a-date.md": ("CK405", 4, 15),
    "CK405-draft-scheduled-without-time.md": ("CK405", 3, 9),
}

# Where a bad fixture goes in the repo, when not seeds/2025-11-20__<name> (drafts: drafts/linkedin/).
DESTINATIONS = {
    "CK208-duplicate-slug.md": "seeds/2024-01-01__seed-stage.md",
    "CK211-draft-published-url-not-http.md": "drafts/linkedin/2025-11-20__CK211-draft-published-url-not-http.md",
    "CK220-draft-of-its-own.md": "drafts/linkedin/an-old-post.md",
}

# code -> a good file in which that rule looks at something and must find nothing
GOOD_CASES: dict[str, str] = {
    **{code: "seeds/2025-11-03__seed-stage.md" for code in CODES if code < "CK200"},
    "CK201": "seeds/2025-11-03__seed-stage.md",
    "CK202": "seeds/2025-11-06__date-only.md",  # published
    "CK203": "seeds/2025-11-05__unquoted-timestamp.md",
    "CK204": "seeds/2025-11-06__date-only.md",  # http, and a published_url
    "CK205": "seeds/2025-11-10__developed.md",
    "CK206": "seeds/2025-11-10__developed.md",
    "CK207": "seeds/2025-11-10__developed.md",
    "CK208": "seeds/2025-11-03__seed-stage.md",
    "CK209": "seeds/2025-11-03__seed-stage.md",  # tags list
    "CK210": "seeds/2025-11-06__date-only.md",  # published, with its published_url
    "CK211": "drafts/linkedin/2025-11-06__date-only.md",  # published, with its published_url
    "CK220": "drafts/linkedin/2025-11-10__developed.md",  # pairing by name: tests/test_adopt_shapes.py
    "CK301": "seeds/2025-11-11__archived.md",
    "CK302": "seeds/2025-11-10__developed.md",
    "CK303": "seeds/2025-11-05__unquoted-timestamp.md",  # setext heading, hook as a paragraph
    "CK304": "seeds/2025-11-05__unquoted-timestamp.md",
    "CK305": "seeds/2025-11-05__unquoted-timestamp.md",  # platform x
    "CK401": "drafts/linkedin/2025-11-10__developed.md",
    "CK402": "drafts/linkedin/2025-11-10__developed.md",
    "CK403": "drafts/linkedin/2025-11-06__date-only.md",
    "CK404": "drafts/linkedin/2025-11-06__date-only.md",  # published
    "CK405": "drafts/linkedin/2025-11-06__date-only.md",  # scheduled_at and published_at, two forms
}


def plain(data: bytes) -> bytes:
    return data


def bom(data: bytes) -> bytes:
    return b"\xef\xbb\xbf" + data


def crlf(data: bytes) -> bytes:
    return data.replace(b"\n", b"\r\n")


def bom_crlf(data: bytes) -> bytes:
    return bom(crlf(data))


ENCODINGS: dict[str, Callable[[bytes], bytes]] = {
    "plain": plain,
    "bom": bom,
    "crlf": crlf,
    "bom+crlf": bom_crlf,
}


def make_repo(root: Path, encode: Callable[[bytes], bytes] = plain) -> Path:
    """A copy of the good fixture repo, every file passed through `encode`."""
    for source in GOOD.rglob("*.md"):
        target = root / source.relative_to(GOOD)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(encode(source.read_bytes()))
    (root / "contentkit.toml").write_text("", encoding="utf-8")
    return root


def destination(name: str) -> str:
    folder = "drafts/linkedin" if name.startswith("CK4") else "seeds"
    return DESTINATIONS.get(name, f"{folder}/2025-11-20__{name}")


def found(report: Report) -> dict[str, set[tuple[str, int, int]]]:
    by_path: dict[str, set[tuple[str, int, int]]] = {}
    for d in report.diagnostics:
        by_path.setdefault(d.path, set()).add((d.code, d.line, d.col))
    return by_path


# --------------------------------------------------------------------------- the tables


def test_every_code_has_a_bad_and_a_good_case() -> None:
    bad_codes = {code for code, _, _ in BAD_CASES.values()}
    # CK100 (unreadable paths) is tested below; CK5xx (platform limits) in test_validate_platform.py
    # CK111 (a file too big to read): tests/test_big_files.py
    elsewhere = {"CK100", "CK111", "CK501", "CK502", "CK503", "CK504", "CK505"}  # CK504-5: test_first_comment.py
    elsewhere |= {code for code in CODES if code.startswith("CK6")}  # contentkit lint: tests/test_lint.py
    assert bad_codes | elsewhere == set(CODES)
    assert set(GOOD_CASES) | elsewhere == set(CODES)
    assert {p.name for p in BAD.glob("*.md")} == set(BAD_CASES)


def test_codes_are_grouped_and_documented() -> None:
    docs = (Path(__file__).parents[1] / "docs" / "RULES.md").read_text(encoding="utf-8")
    for code, (severity, _) in CODES.items():
        assert f"### {code}:" in docs, f"{code} is not documented in docs/RULES.md"
        warned = code.startswith(("CK3", "CK6")) or code in ("CK220", "CK502", "CK503", "CK505")
        assert severity == (INFO if code == "CK607" else WARNING if warned else ERROR)


# --------------------------------------------------------------------------- bad files


@pytest.mark.parametrize("encoding", list(ENCODINGS))
@pytest.mark.parametrize("name", sorted(BAD_CASES))
def test_bad_file_gives_located_diagnostic(tmp_path: Path, name: str, encoding: str) -> None:
    root = make_repo(tmp_path)
    rel = destination(name)
    (root / rel).write_bytes(ENCODINGS[encoding]((BAD / name).read_bytes()))
    report = run.check(Repo.discover(root), cwd=root)
    by_path = found(report)
    assert BAD_CASES[name] in by_path.get(rel, set()), by_path
    code = BAD_CASES[name][0]
    if code < "CK200":  # an unreadable file: one diagnostic, nothing else
        assert len(by_path[rel]) == 1
    partner = {"CK208-duplicate-slug.md": "seeds/2025-11-03__seed-stage.md"}.get(name)
    others = {path for path in by_path if path not in (rel, partner)}
    assert not others, "one bad file must not change what the others report"
    if partner:
        assert by_path[partner] == {("CK208", 1, 1)}


def test_bad_file_alone_by_path(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    rel = destination("CK208-duplicate-slug.md")
    shutil.copy(BAD / "CK208-duplicate-slug.md", root / rel)
    report = run.check(Repo.discover(root), [Path(rel)], cwd=root)
    assert report.files == 1
    assert [(d.path, d.code) for d in report.diagnostics] == [(rel, "CK208")]
    assert "seeds/2025-11-03__seed-stage.md" in report.diagnostics[0].message


def test_every_problem_in_a_file_is_reported(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    (root / "seeds" / "2025-11-20__many.md").write_text(
        "---\ntype: moment\ncreated: 19/11/2025\nsource: [a]\nsource_url: ftp://x\n"
        "platform: linkedin\nstatus: developed\nstauts: x\n---\n",
        encoding="utf-8",
    )
    codes = sorted(d.code for d in run.check(Repo.discover(root), cwd=root).diagnostics)
    assert codes == ["CK201", "CK203", "CK204", "CK205", "CK209", "CK301"]


# --------------------------------------------------------------------------- good files


@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_good_repo_is_clean(tmp_path: Path, encoding: str) -> None:
    root = make_repo(tmp_path, ENCODINGS[encoding])
    report = run.check(Repo.discover(root), cwd=root)
    assert report.diagnostics == ()
    assert report.files == len(list(GOOD.rglob("*.md")))


@pytest.mark.parametrize("code", sorted(GOOD_CASES))
def test_good_file_passes_rule(tmp_path: Path, code: str) -> None:
    root = make_repo(tmp_path)
    rel = GOOD_CASES[code]
    report = run.check(Repo.discover(root), [Path(rel)], cwd=root)
    assert report.files == 1
    assert report.diagnostics == ()


def test_reference_seed_reads_cleanly_but_its_draft_is_missing(tmp_path: Path, reference_seed: bytes) -> None:
    root = make_repo(tmp_path)
    (root / "seeds" / "2025-12-19__reference.md").write_bytes(reference_seed)
    report = run.check(Repo.discover(root), [Path("seeds/2025-12-19__reference.md")], cwd=root)
    assert [(d.code, d.line, d.col) for d in report.diagnostics] == [("CK207", 9, 15)]


def test_config_sets_required_keys_and_lifecycle(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    (root / "contentkit.toml").write_text(
        'required = ["type", "status", "owner"]\nstatuses = ["idea", "seed", "developed", "published"]\n'
        'known_keys = ["type", "status", "owner", "created", "source", "platform", "category",'
        ' "source_url", "developed_to", "published_url", "published_at", "tags"]\n',
        encoding="utf-8",
    )
    (root / "seeds" / "2025-11-20__idea.md").write_text(
        "---\ntype: moment\nstatus: idea\nowner: me\n---\n", encoding="utf-8"
    )
    report = run.check(Repo.discover(root), cwd=root)
    codes = {(d.path, d.code) for d in report.diagnostics}
    assert ("seeds/2025-11-20__idea.md", "CK303") in codes  # 'idea' opens this lifecycle
    assert ("seeds/2025-11-03__seed-stage.md", "CK201") in codes  # no owner
    assert ("seeds/2025-11-11__archived.md", "CK202") in codes  # archived is not in it
    assert not any(path == "seeds/2025-11-03__seed-stage.md" and code == "CK303" for path, code in codes)


# --------------------------------------------------------------------------- values


@pytest.mark.parametrize(
    "value",
    ["2025-12-19", "2025-12-19T05:10:00Z", "2025-12-19T05:10:00.123+02:00", "2025-12-19 05:10",
     "2025-12-19t05:10:00z", "2024-02-29", "2025-12-19T05:10:00-0500", "2025-12-19T23:59:60Z"],
)
def test_iso_8601_accepted(value: str) -> None:
    assert is_iso_8601(value)


@pytest.mark.parametrize(
    "value",
    ["19/12/2025", "2025-12-19T", "2025-13-01", "2025-02-29", "2025-12-19T24:00", "2025-12-19 5:10",
     "2025-12-19\n", "２０２５-12-19", "", "yesterday", 2025, True, None, ["2025-12-19"]],
)
def test_iso_8601_refused(value: object) -> None:
    assert not is_iso_8601(value)


@pytest.mark.parametrize(("value", "ok"), [
    ("2019-12", True), ("2019", True), (2019, True), ("2025-12-19", True), ("2019-13", False),
    ("19-12", False), (99, False), (True, False), ("2019-12-", False),
])
def test_a_seed_date_may_be_a_year_and_month_or_a_year(value: object, ok: bool) -> None:
    assert is_seed_date(value) is ok


def test_yaml_dates_are_accepted() -> None:
    import datetime as dt

    assert is_iso_8601(dt.date(2025, 12, 19))
    assert is_iso_8601(dt.datetime(2025, 12, 19, 5, 10, tzinfo=dt.timezone.utc))


def test_messages_are_one_printable_line(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    (root / "seeds" / "2025-11-20__escape.md").write_text(
        '---\ntype: moment\ncategory: c\ncreated: 2025-11-20\nsource: idea\nplatform: linkedin\n'
        'status: "\\e[2Jgone\\nnext\\u2028line"\n---\n',
        encoding="utf-8",
    )
    (message,) = [d.message for d in run.check(Repo.discover(root), cwd=root).diagnostics]
    assert "\x1b" not in message and "\n" not in message and "\u2028" not in message
    assert "\\u001b[2Jgone next line" in message


def test_a_new_rule_is_one_table_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_drafts_on_fridays(check: FileCheck) -> Iterator[Diagnostic]:
        yield check.report("CK401", "example", check.key_at("platform"))

    monkeypatch.setitem(run.RULES, DRAFT, (*drafts.DRAFT_RULES, no_drafts_on_fridays))
    root = make_repo(tmp_path)
    report = run.check(Repo.discover(root), cwd=root)
    assert {(d.path, d.line) for d in report.diagnostics} == {
        ("drafts/linkedin/2025-11-06__date-only.md", 5),
        ("drafts/linkedin/2025-11-10__developed.md", 5),
    }


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    data = (BAD / "CK108-alias-bomb.md").read_bytes()
    started = time.perf_counter()
    diagnostics = run.check_data(data, "seeds/bomb.md", SEED, Workspace(Repo.discover(root)))
    assert time.perf_counter() - started < 1.0
    assert [d.code for d in diagnostics] == ["CK108"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("---\nk: " + "[" * 100_000 + "]" * 100_000 + "\n---\n", "CK109"),
        ("---\nk:\n" + "- " * 100_000 + "x\n---\n", "CK109"),
        ("---\nk: " + "9" * 5000 + "\n---\n", "CK106"),
        ("---\nk: 2025-12-19 25:00:00\n---\n", "CK106"),
        ("---\nk: a\x07b\n---\n", "CK106"),
        ("---\nk: !!python/object:os.system x\n---\n", "CK106"),
    ],
    ids=["deep-flow", "deep-block", "huge-int", "hour-25", "control-char", "python-tag"],
)
def test_hostile_front_matter_is_an_error_not_a_crash(tmp_path: Path, text: str, code: str) -> None:
    space = Workspace(Repo.discover(make_repo(tmp_path)))
    assert [d.code for d in run.check_data(text, "seeds/x.md", SEED, space)] == [code]


def test_validating_a_developed_seed_imports_neither_markdown_it_nor_jinja(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    script = (
        "import sys\n"
        "from contentkit.cli import main\n"
        "sys.argv = ['contentkit', 'validate', 'seeds/2025-11-10__developed.md']\n"
        "try:\n    main()\n"
        "except SystemExit as exc:\n    assert exc.code == 0, exc.code\n"
        "print(sorted(m for m in ('markdown_it', 'jinja2') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines()[-1] == "[]"


# --------------------------------------------------------------------------- never raises


@pytest.fixture(scope="module")
def space(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return Workspace(Repo.discover(make_repo(tmp_path_factory.mktemp("fuzz"))))


KEYS = st.sampled_from(
    ["type", "status", "created", "source_url", "developed_to", "seed", "platform", "tags", "source",
     "stauts", "1", "~", "? a", "<<", "- a"]
)
VALUES = st.sampled_from(
    ["seed", "developed", "no", "~", "2025-13-45", "2025-12-19", "'2025-02-30'", "2025-12-19T05:10:00Z",
     "[a, b", "{a: 1}", "&a x", "*a", "!!binary zz", "!foo x", '"\\x00"', "|", ">", "'", '"', ":", "- x",
     "https://x", "/etc/passwd", "../../x", "drafts/linkedin/2025-11-10__developed.md",
     "seeds/2025-11-03__seed-stage.md", "9" * 5000, "[" * 60, "\t", "é", "\u2028", "\ufeff"]
)
LINES = st.one_of(
    st.builds(lambda k, v: f"{k}: {v}", KEYS, VALUES),
    st.sampled_from(["---", "...", "", "  indented: x", "# comment", "- item", "## Hook Ideas",
                     "## Potential Angles", "- \"hook\"", "1. **angle** - why", "Hooks\n---", "```"]),
    st.text(max_size=20),
)
YAMLISH = st.builds(
    lambda lines, body, newline: "---" + newline + newline.join(lines) + newline + "---" + newline + body,
    st.lists(LINES, max_size=12),
    st.text(max_size=80),
    st.sampled_from(["\n", "\r\n", "\r"]),
)


def _assert_well_formed(diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        assert d.code in CODES and d.severity == CODES[d.code][0]
        assert d.line >= 1 and d.col >= 1
        assert d.message and d.message == one_line(d.message)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(st.binary(max_size=400), st.binary(max_size=40).map(lambda b: b"---\n" + b)),
       kind=st.sampled_from([SEED, DRAFT]))
def test_never_raises_on_bytes(space: Workspace, data: bytes, kind: str) -> None:
    _assert_well_formed(run.check_data(data, "seeds/fuzz.md", kind, space))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=400), kind=st.sampled_from([SEED, DRAFT]))
def test_never_raises_on_text(space: Workspace, text: str, kind: str) -> None:
    _assert_well_formed(run.check_data(text, "seeds/fuzz.md", kind, space))
    encoded = text.encode("utf-8", "surrogatepass")
    _assert_well_formed(run.check_data(encoded, "seeds/fuzz.md", kind, space))


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=YAMLISH, kind=st.sampled_from([SEED, DRAFT]))
def test_never_raises_on_yamlish_front_matter(space: Workspace, text: str, kind: str) -> None:
    _assert_well_formed(run.check_data(text.encode("utf-8", "surrogatepass"), "seeds/fuzz.md", kind, space))
