"""Output for people: validate's codes in colour, and aligned tables that fit the terminal.

Whether to colour is common.py's one decision (`colour_on`: a TTY, not NO_COLOR, not TERM=dumb), and
so are the colours (`paint`). Text is padded before it is painted, so colour never moves a column.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import unicodedata
from collections.abc import Sequence

from contentkit.cli.common import is_tty, paint

_CODE = re.compile(r"^(.*?: )(CK\d{3})( )")


def diagnostics(text: str, on: bool) -> str:
    """validate's text output with each rule code in its severity's colour."""
    if not on:
        return text
    from contentkit.base.codes import CODES

    def colour(match: re.Match[str]) -> str:
        code = match.group(2)
        severity = CODES[code][0] if code in CODES else ""
        role = "error" if severity == "error" else "warning"
        return match.group(1) + paint(code, role, on) + match.group(3)

    return "".join(_CODE.sub(colour, line, count=1) for line in text.splitlines(keepends=True))


# --- tables ------------------------------------------------------------------------------------


def width(text: str) -> int:
    """Columns `text` takes on a terminal: wide (East Asian) characters two, combining marks none."""
    if text.isascii():  # every ASCII character takes one column: no lookup per character
        return len(text)
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in text)


def truncate(text: str, columns: int) -> str:
    """`text` cut to `columns` terminal columns, ending in '…' when cut."""
    if width(text) <= columns:
        return text
    kept, used = [], 0
    for c in text:
        w = width(c)
        if used + w > columns - 1:
            break
        kept.append(c)
        used += w
    return "".join(kept) + "…" if columns > 0 else ""


def terminal_columns() -> int | None:
    """The terminal's width when stdout is one (or COLUMNS says); None when piped: nothing is cut."""
    if "COLUMNS" not in os.environ and not is_tty(sys.stdout):
        return None
    return shutil.get_terminal_size().columns


MIN_LAST = 16  # a last column is never cut shorter than this; a narrower terminal wraps the line


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    columns: int | None = None,
    roles: Sequence[str | None] = (),
    on: bool = False,
) -> str:
    """Rows under a header, columns aligned two spaces apart; the last column is cut to fit `columns`.

    `roles[i]` names a colour for column i: "status" paints each cell by its value.
    """
    widths = [max([width(h), *(width(r[i]) for r in rows)]) for i, h in enumerate(headers)]
    lines = [_line([paint(h, "heading", on) for h in headers], list(headers), widths, columns)]
    for row in rows:
        cells = list(row)
        if columns is not None:
            room = columns - sum(w + 2 for w in widths[:-1])
            cells[-1] = truncate(cells[-1], max(room, MIN_LAST))
        painted = [paint(c, c if i < len(roles) and roles[i] == "status" else "", on)
                   for i, c in enumerate(cells)]
        lines.append(_line(painted, cells, widths, columns))
    return "\n".join(lines) + "\n"


def _line(painted: list[str], plain: list[str], widths: list[int], columns: int | None) -> str:
    parts = [p + " " * (w - width(c)) for p, c, w in zip(painted[:-1], plain[:-1], widths[:-1], strict=True)]
    return "  ".join([*parts, painted[-1]]).rstrip()
