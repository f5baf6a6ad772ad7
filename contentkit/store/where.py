"""`list --where EXPR`: a test on any front-matter key, the repo's own keys and aliases included. Pure.

An expression is `KEY OP VALUE` with OP one of `=`, `!=`, `<`, `<=`, `>`, `>=`, `~` (contains, for text
and lists), or `KEY exists` / `KEY missing`. Numbers compare as numbers, dates (ISO 8601, a bare date
standing for that whole UTC day) as instants, everything else as text, case aside; a list holds when
one of its items does. A seed without the key (or with an empty value) is kept only by `!=` and
`missing`. The values are the front matter in contentkit's names (catalog.Entry.front: the cache's
column), so a query over 10,000 seeds reads no file.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from contentkit.base import dates
from contentkit.base.errors import Hint, UsageError
from contentkit.model.aliases import Aliases
from contentkit.store.schema import did_you_mean

WHERE = Hint("where")  # the parameter the expressions come from

ORDERING = ("<", "<=", ">", ">=")
_EXPR = re.compile(r"\s*([^\s=!<>~]+)\s*(<=|>=|!=|=|<|>|~)(.*)", re.DOTALL)
_WORD = re.compile(r"\s*([^\s=!<>~]+)\s+(exists|missing)\s*", re.IGNORECASE)
_NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TRUE, _FALSE = frozenset({"true", "yes", "on"}), frozenset({"false", "no", "off"})
Span = tuple[int, int]  # [start, end) in microseconds since the epoch


@dataclass(frozen=True)
class Where:
    key: str  # contentkit's name for the key
    op: str  # one of the operators, or "exists" / "missing"
    value: str  # the operand as written (stripped); "" for exists / missing
    written: str  # the expression as given, for messages


def parse(text: str, aliases: Aliases | None = None) -> Where:
    """One expression -> Where; a UsageError for anything that is not one."""
    word = _WORD.fullmatch(text)
    if word is not None:
        key, op, value = word.group(1), word.group(2).lower(), ""
    else:
        found = _EXPR.fullmatch(text)
        if found is None:
            raise UsageError(
                [WHERE, f" '{text}' is not KEY OP VALUE (OP: = != < <= > >= ~), KEY exists, KEY missing"]
            )
        key, op, value = found.group(1), found.group(2), found.group(3).strip()
    return Where(canonical(key, aliases), op, value, text)


def canonical(key: str, aliases: Aliases | None) -> str:
    """A writer's key name -> contentkit's name for it (the key itself when it is no alias)."""
    for name, names in aliases.keys if aliases else ():
        if key in names:
            return name
    return key


# --- the values ---------------------------------------------------------------------------------


def number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str) and _NUMBER.fullmatch(value.strip()):
        found = float(value)
        return found if math.isfinite(found) else None
    return None


def span(value: Any) -> Span | None:
    """The instants a date or time stands for: a bare date its whole UTC day, a time one microsecond."""
    if not isinstance(value, str) or not _DATE.match(value.strip()):
        return None
    kind, start, _ = dates.instant(value.strip())
    if kind != 1:
        return None
    bare = len(value.strip()) == 10
    return start, start + (86_400_000_000 if bare else 1)


def kind(value: Any) -> str:
    """How a front-matter value compares: number, date, bool, list, text, none."""
    if value is None or value == "" or value == []:
        return "none"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, list):
        return "list"
    return "date" if span(value) is not None else "text"


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _boolean(text: str) -> bool | None:
    folded = text.casefold()
    return True if folded in _TRUE else False if folded in _FALSE else None


# --- the test of one value ----------------------------------------------------------------------


def _equal(value: Any, operand: str) -> bool:
    if isinstance(value, list):
        return any(_equal(item, operand) for item in value)
    if isinstance(value, bool):
        return _boolean(operand) is value
    numeric, wanted = number(value), number(operand)
    if numeric is not None and wanted is not None and not isinstance(value, str):
        return numeric == wanted
    have, want = span(value), span(operand)
    if have is not None and want is not None:
        return want[0] <= have[0] < want[1]
    return _text(value).casefold() == operand.casefold()


def _ordered(value: Any, op: str, operand: str) -> bool:
    """< <= > >=: numbers with numbers, dates with dates (a bare date is its whole day)."""
    if isinstance(value, list | bool) or value is None:
        return False
    wanted = number(operand)
    if wanted is not None and not isinstance(value, str):
        have = number(value)
        return have is not None and _COMPARE[op](have, wanted)
    have_span, want_span = span(value), span(operand)
    if have_span is None or want_span is None:
        return False
    start, end = want_span
    return {
        "<": have_span[0] < start,
        "<=": have_span[0] < end,
        ">": have_span[0] >= end,
        ">=": have_span[0] >= start,
    }[op]


_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


def _contains(value: Any, operand: str) -> bool:
    if isinstance(value, list):
        return any(_contains(item, operand) for item in value)
    return operand.casefold() in _text(value).casefold()


def holds(where: Where, meta: Mapping[str, Any]) -> bool:
    """Whether one seed's front matter (contentkit's names) passes the expression."""
    present = kind(meta.get(where.key)) != "none"
    if where.op in ("exists", "missing"):
        return present == (where.op == "exists")
    if not present:
        return where.op == "!="
    value = meta[where.key]
    if where.op == "~":
        return _contains(value, where.value)
    if where.op in ORDERING:
        return _ordered(value, where.op, where.value)
    return _equal(value, where.value) == (where.op == "=")


# --- checking expressions against the repo ---------------------------------------------------------


def check(wheres: Sequence[Where], fronts: Sequence[Mapping[str, Any]], known: Iterable[str]) -> None:
    """A UsageError for a key the repo does not know (with a did-you-mean over the keys it knows) or an
    operand of the wrong type for what the key holds in the repo."""
    used = {key for meta in fronts for key in meta}
    names = sorted({*known, *used})
    for where in wheres:
        if where.key not in names:
            raise UsageError(
                [WHERE, f" '{where.written}': no seed has the key '{where.key}'"
                 + did_you_mean(where.key, names)]
            )
        if where.op not in ("exists", "missing", "~"):
            kinds = {kind(meta.get(where.key)) for meta in fronts} - {"none"}
            _typed(where, kinds)


def _operand_kinds(operand: str) -> set[str]:
    found = {"text"}
    if number(operand) is not None:
        found.add("number")
    if span(operand) is not None:
        found.add("date")
    if _boolean(operand) is not None:
        found.add("bool")
    return found


_HOLDS = {"number": "numbers", "date": "dates", "bool": "true or false", "text": "text", "list": "lists"}


def _typed(where: Where, kinds: set[str]) -> None:
    operand = _operand_kinds(where.value)
    if where.op in ORDERING:
        if not operand & {"number", "date"}:
            raise UsageError(
                [WHERE, f" '{where.written}': {where.op} compares numbers or dates, and '{where.value}' "
                 f"is neither (key '{where.key}')"]
            )
        comparable = kinds & {"number", "date"}
        if kinds and not comparable & operand:
            held = " and ".join(_HOLDS[k] for k in sorted(kinds))
            raise UsageError(
                [WHERE, f" '{where.written}': key '{where.key}' holds {held}, not '{where.value}'"]
            )
        return
    if kinds and kinds <= {"number", "date", "bool"} and not kinds & operand:
        held = " and ".join(_HOLDS[k] for k in sorted(kinds))
        raise UsageError(
            [WHERE, f" '{where.written}': key '{where.key}' holds {held}; '{where.value}' is not one"]
        )


def matcher(wheres: Sequence[Where]) -> Callable[[Mapping[str, Any]], bool]:
    """One test for several expressions, ANDed."""
    return lambda meta: all(holds(where, meta) for where in wheres)


# --- the cached form ------------------------------------------------------------------------------


def encoded(meta: Mapping[Any, Any]) -> str:
    """Front matter as the cache keeps it: JSON, dates and times as ISO 8601 text, keys as text."""
    return json.dumps(_plain(dict(meta)), ensure_ascii=False, separators=(",", ":"), sort_keys=False)


def decoded(text: str) -> dict[str, Any]:
    """The front matter an encoded() text holds; {} for anything else (a damaged cache)."""
    try:
        found = json.loads(text) if text else {}
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    isoformat = getattr(value, "isoformat", None)
    return isoformat() if callable(isoformat) else str(value)
