"""Reading analytics exports: LinkedIn's creator analytics .xlsx and CSV files with named columns.

No fixed positions: every sheet (or the CSV) is searched for a header row naming a post URL column and
a figure column, since exports add title rows and move columns. LinkedIn's TOP POSTS sheet puts two
tables side by side (top posts by engagements, top posts by impressions), each starting with its own
"Post URL" column; their rows are joined by post. A total "Engagements" column counts as reactions when
no reactions column is given (comments and reposts are then left blank: the rate is the same).

A file that is not what it claims to be is one MetricsError; nothing is returned half read.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from contentkit.errors import MetricsError
from contentkit.metrics import urls
from contentkit.metrics.record import COUNTS

ALIASES: dict[str, tuple[str, ...]] = {
    "url": ("post url", "url", "post link", "link", "permalink"),
    "impressions": ("impressions", "views"),
    "reactions": ("reactions", "likes"),
    "engagements": ("engagements", "engagement"),
    "comments": ("comments",),
    "reposts": ("reposts", "shares", "reposts/shares", "repost"),
    "members_reached": ("members reached", "unique impressions", "reach"),
    "clicks": ("clicks",),
    "saves": ("saves",),
}
_BY_NAME = {alias: name for name, aliases in ALIASES.items() for alias in aliases}
FIGURES = (*COUNTS, "engagements")
HEADER_SEARCH = 30  # rows from the top of a sheet where a header row is looked for


@dataclass
class Row:
    """One post's figures from the file, and where they came from (for messages)."""

    url: str
    where: str
    figures: dict[str, int | None] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return urls.key(self.url)


@dataclass(frozen=True)
class Table:
    name: str  # the sheet's name ('' for a CSV)
    rows: list[Sequence[object]]


def read_rows(path: Path, shown: str) -> tuple[list[Row], str]:
    """The posts in an export file, and its kind ('linkedin-xlsx' or 'csv')."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return rows_of(_xlsx_tables(path, shown), shown), "linkedin-xlsx"
    if suffix == ".csv":
        return rows_of([Table("", _csv_rows(path, shown))], shown), "csv"
    raise MetricsError("not an .xlsx or .csv file (give LinkedIn's .xlsx export or a CSV)", shown)


def _read(path: Path, shown: str) -> bytes:
    from contentkit.files import read_regular

    try:
        return read_regular(path)
    except OSError as exc:
        raise MetricsError(f"cannot read: {exc.strerror}", shown) from None


def _csv_rows(path: Path, shown: str) -> list[Sequence[object]]:
    try:
        text = _read(path, shown).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MetricsError("not a CSV file: not UTF-8 text", shown) from None
    if "\0" in text:
        raise MetricsError("not a CSV file: it holds binary data", shown)
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise MetricsError(f"not a readable CSV file: {exc}", shown) from None


def _xlsx_tables(path: Path, shown: str) -> list[Table]:
    if not _read(path, shown).startswith(b"PK\x03\x04"):
        raise MetricsError("not an .xlsx workbook (an .xlsx file is a zip archive)", shown)
    from contentkit import extras

    try:
        openpyxl = extras.need("xlsx", "reading .xlsx")
    except extras.MissingExtra as exc:
        raise MetricsError(exc.message, shown) from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds (zip, XML, KeyError) for a damaged file
        raise MetricsError(f"not a readable .xlsx workbook ({type(exc).__name__})", shown) from None
    try:
        return [Table(sheet.title, [tuple(r) for r in sheet.iter_rows(values_only=True)]) for sheet in book]
    except Exception as exc:
        raise MetricsError(f"not a readable .xlsx workbook ({type(exc).__name__})", shown) from None
    finally:
        book.close()


def _name(cell: object) -> str:
    return " ".join(str(cell).lower().replace("_", " ").split()) if cell is not None else ""


@dataclass(frozen=True)
class Block:
    """The columns of one table in a header row: where its URL is, and each figure's column."""

    url: int
    columns: dict[str, int]


def header_blocks(row: Sequence[object]) -> list[Block]:
    """A header row's tables: each runs from a URL column to the next one (the first one also takes
    the columns before it). [] when the row is not a header (no URL column and figure column)."""
    names = [_BY_NAME.get(_name(cell), "") for cell in row]
    starts = [n for n, name in enumerate(names) if name == "url"]
    blocks = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(names)
        columns: dict[str, int] = {}
        for n in range(0 if i == 0 else start + 1, end):  # columns before the first URL are its table's
            if names[n] in FIGURES:
                columns.setdefault(names[n], n)
        if columns:
            blocks.append(Block(start, columns))
    return blocks


def rows_of(tables: Iterable[Table], shown: str) -> list[Row]:
    """The posts of the first table (sheet) that has a header row."""
    names = []
    for table in tables:
        names.append(table.name)
        for n, row in enumerate(table.rows[:HEADER_SEARCH]):
            blocks = header_blocks(row)
            if blocks:
                return _posts(table, n, blocks, shown)
    where = f" (sheets: {', '.join(names)})" if any(names) else ""
    raise MetricsError(
        "no header row with a post URL column and figure columns (like 'Post URL', 'Impressions', "
        f"'Reactions'){where}",
        shown,
    )


def _posts(table: Table, header: int, blocks: list[Block], shown: str) -> list[Row]:
    if not any("impressions" in b.columns for b in blocks):
        raise MetricsError(f"{_at(table, header)}: no 'Impressions' column in the header row", shown)
    posts: dict[str, Row] = {}
    for n in range(header + 1, len(table.rows)):
        cells = table.rows[n]
        for block in blocks:
            url = _cell(cells, block.url)
            if url is None or not str(url).strip():
                continue
            where = _at(table, n)
            found = Row(str(url).strip(), where, _figures(cells, block, where, shown))
            _join(posts, found, shown)
    return list(posts.values())


def _join(posts: dict[str, Row], found: Row, shown: str) -> None:
    known = posts.get(found.key)
    if known is None:
        posts[found.key] = found
        return
    for name, value in found.figures.items():
        if known.figures.get(name, value) != value:
            raise MetricsError(
                f"{found.where}: {found.url} is listed again with another {name} "
                f"({value}; {known.figures[name]} at {known.where})",
                shown,
            )
        known.figures[name] = value


def _at(table: Table, n: int) -> str:
    return f"sheet '{table.name}' row {n + 1}" if table.name else f"line {n + 1}"


def _cell(cells: Sequence[object], n: int) -> object:
    return cells[n] if n < len(cells) else None


_NUMBER = re.compile(r"[+-]?\d+(?:\.0*)?")


def _figures(cells: Sequence[object], block: Block, where: str, shown: str) -> dict[str, int | None]:
    figures: dict[str, int | None] = {}
    for name, n in block.columns.items():
        value = _count(_cell(cells, n))
        if value is None or isinstance(value, str):
            if value is not None:
                raise MetricsError(f"{where}: {name} '{value}' is not a whole number", shown)
            continue
        if value < 0:
            raise MetricsError(f"{where}: {name} {value} is negative", shown)
        figures[name] = value
    return figures


def _count(value: object) -> int | str | None:
    """A cell as a whole number, None when blank, or its text when it is not a whole number."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else str(value)
    text = str(value).strip()
    digits = text.replace(",", "").replace("\u00a0", "").replace(" ", "")
    return int(float(digits)) if _NUMBER.fullmatch(digits) else text
