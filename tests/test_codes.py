"""The one table of rule codes: validate, the platform checks and docs/RULES.md all agree with it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from contentkit.base import codes
from contentkit.base.errors import SeedError
from contentkit.markdown import frontmatter, yamlread
from contentkit.platforms import posttext as post
from contentkit.store.config import Platform
from contentkit.usecases.validate import diagnostics, run

RULES = Path(__file__).parents[1] / "docs" / "RULES.md"
PACKAGE = Path(__file__).parents[1] / "contentkit"


def _documented() -> dict[str, str]:
    """Each `### CKnnn:` heading -> its severity as the docs give it (its own, or its section's)."""
    found: dict[str, str] = {}
    section = ""
    for line in RULES.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = line
        heading = re.match(r"### (CK\d{3}):", line)
        if heading:
            says_warning = "(warning)" in line or "warnings" in section
            found[heading.group(1)] = (
                codes.INFO if "(info)" in line else codes.WARNING if says_warning else codes.ERROR
            )
    return found


def test_every_code_is_documented_and_every_documented_code_is_in_the_table() -> None:
    assert set(_documented()) == set(codes.CODES)


def test_the_docs_give_each_code_its_severity() -> None:
    assert _documented() == {code: severity for code, (severity, _) in codes.CODES.items()}


def _code_literals() -> dict[str, set[str]]:
    """Each CKnnn string literal in the package (outside the table) -> the modules that write it."""
    found: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        if path == PACKAGE / "codes.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            value = node.value if isinstance(node, ast.Constant) else None
            if isinstance(value, str) and re.fullmatch(r"CK\d{3}", value):
                found.setdefault(value, set()).add(path.relative_to(PACKAGE).as_posix())
    return found


def test_every_code_written_in_the_package_is_a_row_of_the_table() -> None:
    assert set(_code_literals()) <= set(codes.CODES)


def test_every_code_of_the_table_is_reported_somewhere() -> None:
    named = {value for name, value in vars(codes).items() if name.isupper() and isinstance(value, str)}
    assert set(codes.CODES) <= set(_code_literals()) | named


def test_validate_and_post_use_the_one_table() -> None:
    assert diagnostics.CODES is codes.CODES
    assert not hasattr(run, "READ_ERRORS")
    profile = Platform(name="p", limit=5, fold_chars=0, fold_lines=0, hashtags=1)
    findings = post.check_draft("---\nseed: x\n---\n\n#one #two and more text\n", profile)
    assert {f.code for f in findings} == {"CK501", "CK502"}
    assert all(f.severity == codes.CODES[f.code][0] for f in findings)


DEEP_FLOW = "k: " + "[" * 100_000 + "]" * 100_000 + "\n"
DEEP_BLOCK = "k:\n" + "- " * 100_000 + "x\n"


@pytest.mark.parametrize("loader", [yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)])
@pytest.mark.parametrize("text", [DEEP_FLOW, DEEP_BLOCK], ids=["flow", "block"])
def test_deep_nesting_is_ck109_whichever_loader_reads_it(
    monkeypatch: pytest.MonkeyPatch, loader: type, text: str
) -> None:
    monkeypatch.setattr(yamlread, "Loader", loader)
    with pytest.raises(SeedError) as caught:
        yamlread.compose(text, None, 2)
    assert caught.value.code == codes.TOO_DEEP
    assert caught.value.line == (2 if text is DEEP_FLOW else 3)


def test_the_code_comes_from_the_raise_site_not_the_wording(monkeypatch: pytest.MonkeyPatch) -> None:
    """A reworded message keeps its code: validate reads SeedError.code."""
    with pytest.raises(SeedError) as caught:
        frontmatter.parse(b"---\na: 1\na: 2\n---\n")
    assert caught.value.code == codes.DUPLICATE_KEY
    caught.value.message = "something else entirely"
    assert run.read_error(caught.value, "seeds/x.md").code == codes.DUPLICATE_KEY
