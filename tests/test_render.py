"""Repo templates are the writer's code: whatever they raise is one located line, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Run, snapshot

TEMPLATE = "templates/linkedin.md.j2"


@pytest.mark.parametrize(
    ("source", "line", "says"),
    [
        ("{{ hook }}\n{{ 1/0 }}\n", 2, "ZeroDivisionError: division by zero"),
        ("{{ hook }}\n\n{{ hook + 1 }}\n", 3, "TypeError: can only concatenate str"),
        ("{% for i in range(10**9) %}{% endfor %}\n", 1, "Range too big"),
        ("{{ 'x' | wordwrap(0) }}\n", 1, "ValueError: invalid width 0"),
        ("{% macro f() %}{{ f() }}{% endmacro %}\n{{ f() }}\n", None, "calls itself without end"),
        ("{{ 'x' * 10**9 }}\n", 1, "a repeated value of more than 1,000,000 items"),
        ("{{ [0] * 10**9 }}\n", 1, "a repeated value"),
        ("{{ 9 ** 99999999 }}\n", 1, "too large for a template"),
        ("{{ '%999999999d' % 1 }}\n", 1, "a % format wider"),
    ],
)
def test_a_template_that_raises_is_one_located_line(
    repo: Path, run: Run, source: str, line: int | None, says: str
) -> None:
    (repo / "templates").mkdir()
    (repo / TEMPLATE).write_text(source, encoding="utf-8")
    before = snapshot(repo)
    result = run("develop", "shipping")
    assert result.exit_code == 1
    where = f"{TEMPLATE}:{line}" if line else TEMPLATE
    assert result.stderr.startswith(f"contentkit: error: {where}: "), result.stderr
    assert says in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert snapshot(repo) == before


def test_a_template_that_is_not_utf8_is_named(repo: Path, run: Run) -> None:
    (repo / "templates").mkdir()
    (repo / TEMPLATE).write_bytes(b"{{ hook }}\n\xff\xfe caf\xe9\n")
    result = run("develop", "shipping")
    assert result.exit_code == 1
    assert result.stderr == f"contentkit: error: {TEMPLATE}: the template is not valid UTF-8 (byte 12)\n"


def test_a_template_emitting_a_lone_surrogate_writes_nothing(repo: Path, run: Run) -> None:
    (repo / "templates").mkdir()
    (repo / TEMPLATE).write_text('{{ hook }}\n{{ "\\ud800" }}\n', encoding="utf-8")
    before = snapshot(repo)
    for args in (("develop", "shipping"), ("develop", "shipping", "--dry-run")):
        result = run(*args)
        assert result.exit_code == 1
        assert result.stderr.startswith(f"contentkit: error: {TEMPLATE}: the template's output is not valid")
        assert "output line 2" in result.stderr
    assert snapshot(repo) == before
