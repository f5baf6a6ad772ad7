"""`list --where EXPR`: each operator and type through the CLI on a tmp repo, the usage errors, and the
evaluation held equal to a plain reference over generated front matter (through the cache's encoding)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from contentkit.cli import cli
from contentkit.store import where

SEEDS = {
    "a": "priority: 1\naudience: [founders, devs]\nreviewed: true\ncreated_date: 2025-11-01\n",
    "b": "priority: 2.5\naudience: [designers]\nreviewed: false\ncreated_date: '2025-11-02T10:00:00Z'\n",
    "c": "priority: 3\naudience: founders and friends\ncreated_date: 2025-11-03\nnote: ''\n",
}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "seeds").mkdir(parents=True)
    (root / "contentkit.toml").write_text('[aliases.keys]\ncreated = ["created_date"]\n', encoding="utf-8")
    for name, extra in SEEDS.items():
        text = f"---\ntype: moment\ncategory: c\n{extra}source: idea\nplatform: linkedin\nstatus: seed\n---\n\n# {name}\n"
        (root / "seeds" / f"{name}.md").write_text(text, encoding="utf-8")
    return root


def listed(repo: Path, *wheres: str, cache: bool = True) -> Result:
    args = ["-C", str(repo), "list", "--json", *(a for w in wheres for a in ("--where", w))]
    return CliRunner().invoke(cli, args + ([] if cache else ["--no-cache"]))


def names(repo: Path, *wheres: str) -> list[str]:
    result = listed(repo, *wheres)
    assert result.exit_code == 0, result.output
    found = sorted(Path(row["path"]).stem for row in json.loads(result.stdout))
    assert found == sorted(Path(row["path"]).stem for row in json.loads(listed(repo, *wheres, cache=False).stdout))
    return found


@pytest.mark.parametrize(
    ("expr", "kept"),
    [
        ("priority=1", ["a"]),
        ("priority=2.50", ["b"]),  # numbers as numbers
        ("priority!=1", ["b", "c"]),
        ("priority<2.5", ["a"]),
        ("priority<=2.5", ["a", "b"]),
        ("priority>1", ["b", "c"]),
        ("priority>=3", ["c"]),
        ("priority>=10", []),  # 10 > 3 as numbers, though '10' < '3' as text
        ("created=2025-11-02", ["b"]),  # a bare date is its whole day
        ("created_date<=2025-11-02", ["a", "b"]),  # an alias names its key
        ("created>2025-11-02", ["c"]),
        ("created>=2025-11-02T10:00:00Z", ["b", "c"]),
        ("created<2025-11-02T10:00:01+00:00", ["a", "b"]),
        ("audience~FOUND", ["a", "c"]),  # contains: text and list items, case aside
        ("audience=founders", ["a"]),  # a list holds when an item does
        ("audience~sign", ["b"]),
        ("reviewed=true", ["a"]),
        ("reviewed=no", ["b"]),
        ("reviewed exists", ["a", "b"]),
        ("reviewed missing", ["c"]),
        ("note exists", []),  # an empty value is no value
        ("note missing", ["a", "b", "c"]),
        ("reviewed!=true", ["b", "c"]),  # != keeps a seed without the key
    ],
)
def test_each_operator_and_type(repo: Path, expr: str, kept: list[str]) -> None:
    assert names(repo, expr) == kept


def test_several_wheres_are_anded(repo: Path) -> None:
    assert names(repo, "audience~founders", "priority>1") == ["c"]
    assert names(repo, "audience~founders", "priority>1", "created<2025-11-03") == []


@pytest.mark.parametrize(
    ("expr", "says"),
    [
        ("priorty>1", "did you mean 'priority'?"),
        ("audiense=founders", "did you mean 'audience'?"),
        ("priority>high", "key 'priority'"),
        ("priority=high", "key 'priority' holds numbers"),
        ("created<5", "key 'created' holds dates"),
        ("reviewed=maybe", "key 'reviewed' holds true or false"),
        ("audience<3", "key 'audience' holds"),
        ("=3", "is not KEY OP VALUE"),
        ("priority", "is not KEY OP VALUE"),
    ],
)
def test_usage_errors_exit_2_naming_the_key(repo: Path, expr: str, says: str) -> None:
    result = listed(repo, expr)
    assert result.exit_code == 2
    assert says in result.stderr and "Traceback" not in result.output
    assert result.stderr.count("\n") == 1


def test_a_config_key_no_seed_has_is_known(repo: Path) -> None:
    assert names(repo, "title missing") == ["a", "b", "c"]


def test_text_output_is_filtered_too(repo: Path) -> None:
    result = CliRunner().invoke(cli, ["-C", str(repo), "list", "--where", "priority>=3"])
    assert result.exit_code == 0 and "seeds/c.md" in result.output and "seeds/a.md" not in result.output


# --- the reference ------------------------------------------------------------------------------

_DAY = dt.timedelta(days=1)
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def _span(value: Any) -> tuple[dt.datetime, dt.datetime] | None:
    if isinstance(value, dt.datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)
        return moment, moment + dt.timedelta(microseconds=1)
    if isinstance(value, dt.date):
        start = dt.datetime(value.year, value.month, value.day, tzinfo=dt.timezone.utc)
        return start, start + _DAY
    if isinstance(value, str):
        text = value.strip().replace("Z", "+00:00")
        try:
            return _span(dt.date.fromisoformat(text) if len(text) == 10 else dt.datetime.fromisoformat(text))
        except ValueError:
            return None
    return None


def _num(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    return json.dumps(value)


def _ref_equal(value: Any, operand: str) -> bool:
    if isinstance(value, list):
        return any(_ref_equal(v, operand) for v in value)
    if isinstance(value, bool):
        return operand.lower() in (("true", "yes", "on") if value else ("false", "no", "off"))
    if isinstance(value, int | float) and _num(operand) is not None:
        return float(value) == _num(operand)
    have, want = _span(value), _span(operand)
    if have and want:
        return want[0] <= have[0] < want[1]
    return _shown(value).casefold() == operand.casefold()


def reference(key: str, op: str, operand: str, meta: dict[str, Any]) -> bool:
    value = meta.get(key)
    present = value not in (None, "", [])
    if op in ("exists", "missing"):
        return present == (op == "exists")
    if not present:
        return op == "!="
    if op == "~":
        items = value if isinstance(value, list) else [value]
        return any(operand.casefold() in _shown(v).casefold() for v in items)
    if op in ("=", "!="):
        return _ref_equal(value, operand) == (op == "=")
    if isinstance(value, list | bool):
        return False
    if isinstance(value, int | float) and _num(operand) is not None:
        a, b = float(value), _num(operand)
        return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]  # type: ignore[operator]
    have, want = _span(value), _span(operand)
    if not have or not want:
        return False
    return {"<": have[0] < want[0], "<=": have[0] < want[1], ">": have[0] >= want[1], ">=": have[0] >= want[0]}[op]


KEYS = ("k", "audience", "when")
texts = st.sampled_from(["founders", "Founders", "devs", "x", "2", "2025-11-03", "true", ""])
# a few days and hours, so that values and operands often fall on the same day, or the same instant
dates = st.dates(min_value=dt.date(2025, 11, 1), max_value=dt.date(2025, 11, 4))
times = st.builds(
    lambda day, hour, zone: dt.datetime(day.year, day.month, day.day, hour, tzinfo=zone),
    dates, st.sampled_from([0, 10, 23]), st.sampled_from([None, dt.timezone.utc]),
)
values = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 5), st.floats(-5, 5, allow_nan=False).map(lambda f: round(f, 1)),
    texts, dates, times, st.lists(texts, max_size=3), dates.map(dt.date.isoformat),
)
operands = st.one_of(
    texts, st.integers(-6, 6).map(str), st.sampled_from(["2.5", "-0.5", "1e0", "yes", "no", "ound"]),
    dates.map(dt.date.isoformat), times.map(lambda t: t.isoformat().replace("+00:00", "Z")),
)
OPS = ("=", "!=", "<", "<=", ">", ">=", "~", "exists", "missing")


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.sampled_from(KEYS), values), st.sampled_from(KEYS), st.sampled_from(OPS), operands)
def test_where_agrees_with_the_reference(meta: dict[str, Any], key: str, op: str, operand: str) -> None:
    expr = f"{key} {op}" if op in ("exists", "missing") else f"{key}{op}{operand}"
    parsed = where.parse(expr)
    assert (parsed.key, parsed.op) == (key, op)
    got = where.holds(parsed, where.decoded(where.encoded(meta)))
    assert got == reference(key, op, parsed.value, meta), (meta, expr)
