"""`contentkit validate` and `contentkit schema` driven like a user: exit codes, output formats, paths."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from contentkit.base.codes import CODES
from contentkit.cli import cli
from tests.test_validate import BAD, GOOD, make_repo

REAL_WORLD = Path(__file__).resolve().parents[1].parent / "shared" / "real-world" / "linkedin-ideas"
LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>CK\d{3}) (?P<message>.+)$")
SUMMARY = re.compile(r"^\d+ errors?, \d+ warnings? in \d+ files?$")


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The good fixture repo, as the current folder."""
    repo = make_repo(tmp_path / "content")
    monkeypatch.chdir(repo)
    return repo


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def add_bad(root: Path, name: str, rel: str | None = None) -> str:
    rel = rel or f"seeds/2025-11-20__{name}"
    shutil.copy(BAD / name, root / rel)
    return rel


def parse_lines(output: str) -> list[re.Match[str]]:
    *lines, summary = output.splitlines()
    assert SUMMARY.match(summary), summary
    matches = [LINE.match(line) for line in lines]
    assert all(matches), lines
    return [m for m in matches if m]


# --------------------------------------------------------------------------- exit codes and text


def test_clean_repo_exits_0(root: Path) -> None:
    result = invoke("validate")
    assert result.exit_code == 0
    files = len(list(GOOD.rglob("*.md")))
    assert result.output == f"0 errors, 0 warnings in {files} files\n"


def test_error_exits_1_with_located_lines(root: Path) -> None:
    rel = add_bad(root, "CK203-created-not-iso.md")
    add_bad(root, "CK301-unknown-key.md")
    result = invoke("validate")
    assert result.exit_code == 1
    lines = parse_lines(result.output)
    assert (rel, "4", "10", "CK203") in [(m["path"], m["line"], m["col"], m["code"]) for m in lines]
    assert result.output.splitlines()[-1] == "1 error, 1 warning in 9 files"


def test_warnings_alone_exit_0_unless_strict(root: Path) -> None:
    add_bad(root, "CK301-unknown-key.md")
    assert invoke("validate").exit_code == 0
    strict = invoke("validate", "--strict")
    assert strict.exit_code == 1
    assert strict.output.splitlines()[-1] == "1 error, 0 warnings in 8 files"


def test_one_broken_file_does_not_stop_the_others(root: Path) -> None:
    add_bad(root, "CK101-not-utf8.md")
    add_bad(root, "CK203-created-not-iso.md")
    codes = {m["code"] for m in parse_lines(invoke("validate").output)}
    assert codes == {"CK101", "CK203"}


# --------------------------------------------------------------------------- formats


def test_json_format(root: Path) -> None:
    rel = add_bad(root, "CK202-status-typo.md")
    result = invoke("validate", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data == [
        {
            "path": rel,
            "line": 7,
            "col": 9,
            "code": "CK202",
            "severity": "error",
            "message": "status 'develpoed' is not in the lifecycle: seed, developed, published, archived; "
            "did you mean 'developed'?",
        }
    ]


def test_json_format_clean_is_an_empty_list(root: Path) -> None:
    result = invoke("validate", "--format", "json")
    assert (result.exit_code, json.loads(result.output)) == (0, [])


def test_github_format_escapes(root: Path) -> None:
    rel = "seeds/2025-11-20__a,b:c.md"
    (root / rel).write_text(
        "---\ntype: moment\ncategory: c\ncreated: 2025-11-20\nsource: idea\nplatform: linkedin\n"
        "status: 100%\nstauts: x\n---\n",
        encoding="utf-8",
    )
    result = invoke("validate", "--format", "github")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == (
        "::error file=seeds/2025-11-20__a%2Cb%3Ac.md,line=7,col=9,title=CK202::"
        "status '100%25' is not in the lifecycle: seed, developed, published, archived"
    )
    assert lines[1].startswith("::warning file=seeds/2025-11-20__a%2Cb%3Ac.md,line=8,col=1,title=CK301::")
    assert lines[-1] == "1 error, 1 warning in 8 files"


def test_github_escaping_of_line_breaks() -> None:
    from contentkit.usecases.validate.output import _escape_data, _escape_property

    assert _escape_data("a%b\r\nc") == "a%25b%0D%0Ac"
    assert _escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


# --------------------------------------------------------------------------- paths


def test_paths_files_and_folders(root: Path) -> None:
    add_bad(root, "CK203-created-not-iso.md")
    assert invoke("validate", "drafts").output == "0 errors, 0 warnings in 2 files\n"
    assert invoke("validate", "seeds/2025-11-03__seed-stage.md").exit_code == 0
    result = invoke("validate", "seeds")
    assert (result.exit_code, result.output.splitlines()[-1]) == (1, "1 error, 0 warnings in 6 files")
    both = invoke("validate", "seeds/2025-11-03__seed-stage.md", "seeds", ".")
    assert both.output.splitlines()[-1] == "1 error, 0 warnings in 8 files"  # each file once


def test_paths_relative_to_a_subfolder_print_repo_relative(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rel = add_bad(root, "CK203-created-not-iso.md")
    monkeypatch.chdir(root / "seeds")
    result = invoke("validate", Path(rel).name)
    assert result.output.startswith(f"{rel}:4:10: CK203 ")


def test_other_files_are_skipped(root: Path) -> None:
    (root / "README.md").write_text("no front matter here\n", encoding="utf-8")
    (root / "seeds" / "notes.txt").write_text("not markdown\n", encoding="utf-8")
    result = invoke("validate", "README.md", "seeds/notes.txt", "contentkit.toml")
    assert (result.exit_code, result.output) == (0, "0 errors, 0 warnings in 0 files\n")


def test_missing_and_outside_paths_are_error_lines(root: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.md"
    outside.write_text("---\n---\n", encoding="utf-8")
    result = invoke("validate", "seeds/2025-11-20__typo.md", str(outside))
    assert result.exit_code == 1
    lines = parse_lines(result.output)
    assert [(m["path"], m["code"]) for m in lines] == [
        (str(outside), "CK100"),
        ("seeds/2025-11-20__typo.md", "CK100"),
    ]
    assert "no such file" in lines[1]["message"] and "outside the repo" in lines[0]["message"]


def test_outside_a_repo_is_one_error_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "not inside a contentkit repo" in result.output


# --------------------------------------------------------------------------- someone else's files


def test_real_world_idea_files_give_located_diagnostics(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not REAL_WORLD.is_dir():
        pytest.skip("shared real-world files not available")
    root = tmp_path / "content"
    (root / "seeds").mkdir(parents=True)
    (root / "contentkit.toml").write_text("", encoding="utf-8")
    names = sorted(p.name for p in REAL_WORLD.glob("*.md"))
    for name in names:
        shutil.copy(REAL_WORLD / name, root / "seeds" / name)
    monkeypatch.chdir(root)
    result = invoke("validate")  # catch_exceptions=False: a traceback fails the test
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = parse_lines(result.output)
    assert result.output.splitlines()[-1].endswith(f"in {len(names)} files")
    assert {m["path"] for m in lines} == {f"seeds/{name}" for name in names}  # every file, located
    found = {(m["path"], m["line"], m["code"], m["message"]) for m in lines}
    gtm = "seeds/ai-powered-gtm-lead-generation.md"
    assert (gtm, "3", "CK301", "unknown key 'created_date'") in found  # a longer word, not a typo of 'created'
    assert (gtm, "1", "CK201", "missing required key 'created'") in found
    assert any(p == gtm and code == "CK202" and "'drafted'" in msg for p, _, code, msg in found)
    assert ("seeds/agentforge-announcement-angles.md", "1", "CK103") in {(p, ln, c) for p, ln, c, _ in found}
    # (no front matter is CK103 here: front_matter = "required" is the default; adopt makes it optional)


# --------------------------------------------------------------------------- schema


def test_schema_is_json_schema_from_the_config(root: Path) -> None:
    (root / "contentkit.toml").write_text(
        'required = ["type", "status"]\nstatuses = ["idea", "developed"]\n', encoding="utf-8"
    )
    result = invoke("schema")
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert schema["required"] == ["type", "status"]
    assert schema["properties"]["status"]["enum"] == ["idea", "developed"]
    assert schema["properties"]["created"]["type"] == "string"
    assert schema["properties"]["source_url"]["format"] == "uri"
    assert schema["then"] == {"required": ["developed_to"]}


def test_schema_patterns_agree_with_validate(root: Path) -> None:
    from contentkit.base.dates import is_seed_date

    properties = json.loads(invoke("schema").output)["properties"]
    created, url = properties["created"]["pattern"], properties["source_url"]["pattern"]
    for value in ("2025-12-19", "2025-12-19T05:10:00Z", "2025-12-19 05:10", "19/12/2025", "2025-12-19T25:00",
                  "2019-12", "2019", "2019-13", "2019-12-"):
        assert bool(re.fullmatch(created, value)) == is_seed_date(value), value
    for value in ("https://x.org/a?b#c", "http://x", "www.x.org", "ftp://x", "https://", "https://a b"):
        assert bool(re.fullmatch(url, value)) == value.startswith(("https://x", "http://x")), value


def test_schema_outside_a_repo_uses_the_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    schema = json.loads(invoke("schema").output)
    assert schema["required"] == ["type", "category", "created", "source", "platform", "status"]


def test_commands_have_help() -> None:
    for name in ("validate", "schema"):
        result = invoke(name, "--help")
        assert result.exit_code == 0 and "Usage:" in result.output
    assert "CK1xx" in invoke("validate", "--help").output
    assert all(code.startswith("CK") for code in CODES)
