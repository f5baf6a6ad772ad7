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
from typing import Any

from contentkit.base import extras
from contentkit.base.errors import MetricsError
from contentkit.base.files import read_regular
from contentkit.usecases.metrics import urls
from contentkit.usecases.metrics.record import COUNTS, MAX_DIGITS, OF_DIGITS

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

# What an import may read; past any of them the file is refused with one line, never read on (a
# 172 KB .xlsx can declare a million rows of 16,384 columns). An analytics export is far smaller.
MAX_FILE = 20 * 2**20  # bytes of the file itself
MAX_UNPACKED = 50 * 2**20  # bytes of an .xlsx's zip members once uncompressed, all together
MAX_ROWS = 20_000  # rows, over every sheet
MAX_COLUMNS = 200  # columns of a row (an .xlsx cell past them, in a sheet that declares no more, is not read)
MAX_CELLS = 1_000_000  # cells that hold something, over every sheet


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
    thousands: str = ","  # groups thousands in figures written as text; the other of `,` `.` is the decimal


FULL = {"linkedin-xlsx": 50}
"""The most posts an export's table holds, by kind: LinkedIn's TOP POSTS tables say so in their title
row ("Maximum of 50 posts available to include in this list"); a table that full may have left
posts out. A CSV holds what it holds."""


@dataclass(frozen=True)
class Export:
    rows: list[Row]
    kind: str  # 'linkedin-xlsx' or 'csv'
    longest: int  # the rows of its longest table (LinkedIn's TOP POSTS holds two side by side)


def read_rows(path: Path, shown: str) -> tuple[list[Row], str]:
    """The posts in an export file, and its kind ('linkedin-xlsx' or 'csv')."""
    found = read_export(path, shown)
    return found.rows, found.kind


def read_export(path: Path, shown: str) -> Export:
    """The posts in an export file, its kind, and how many rows its longest table has."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        rows, longest = tables_of(_xlsx_tables(path, shown), shown)
        return Export(rows, "linkedin-xlsx", longest)
    if suffix == ".csv":
        rows, longest = tables_of([_csv_table(path, shown)], shown)
        return Export(rows, "csv", longest)
    raise MetricsError("not an .xlsx or .csv file (give LinkedIn's .xlsx export or a CSV)", shown)


def _read(path: Path, shown: str) -> bytes:
    try:
        if path.stat().st_size > MAX_FILE:
            _too_big(f"the file is {path.stat().st_size:,} bytes", f"{MAX_FILE:,} bytes", shown)
        return read_regular(path)
    except OSError as exc:
        raise MetricsError(f"cannot read: {exc.strerror}", shown) from None


def _too_big(what: str, most: str, shown: str) -> None:
    raise MetricsError(f"refused: {what}; an import reads at most {most}", shown)


# `;` separates the cells of a CSV where `,` is the decimal mark (and `.` groups thousands)
_THOUSANDS = {",": ",", "\t": ",", ";": "."}


def _csv_table(path: Path, shown: str) -> Table:
    try:
        text = _read(path, shown).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MetricsError("not a CSV file: not UTF-8 text", shown) from None
    if "\0" in text:
        raise MetricsError("not a CSV file: it holds binary data", shown)
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    rows: list[Sequence[object]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            rows.append(_bounded(row, len(rows), shown))
    except csv.Error as exc:
        raise MetricsError(f"not a readable CSV file: {exc}", shown) from None
    return Table("", rows, _THOUSANDS[delimiter])


def _bounded(row: Sequence[object], read: int, shown: str) -> Sequence[object]:
    """`row` when the `read` rows before it and its columns keep within MAX_ROWS and MAX_COLUMNS."""
    if read >= MAX_ROWS:
        _too_big(f"more than {MAX_ROWS:,} rows", f"{MAX_ROWS:,}", shown)
    if len(row) > MAX_COLUMNS and any(cell is not None and cell != "" for cell in row[MAX_COLUMNS:]):
        _too_big(f"row {read + 1} has more than {MAX_COLUMNS} columns", f"{MAX_COLUMNS}", shown)
    return row


def _xlsx_tables(path: Path, shown: str) -> list[Table]:
    if not _read(path, shown).startswith(b"PK\x03\x04"):
        raise MetricsError("not an .xlsx workbook (an .xlsx file is a zip archive)", shown)

    _check_unpacked(path, shown)
    try:
        openpyxl = extras.need("xlsx", "reading .xlsx")
    except extras.MissingExtra as exc:
        raise MetricsError(exc.message, shown) from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds (zip, XML, KeyError) for a damaged file
        raise MetricsError(f"not a readable .xlsx workbook ({type(exc).__name__})", shown) from None
    try:
        return _sheets(book, shown)
    except MetricsError:
        raise
    except Exception as exc:
        raise MetricsError(f"not a readable .xlsx workbook ({type(exc).__name__})", shown) from None
    finally:
        book.close()


def _check_unpacked(path: Path, shown: str) -> None:
    """The zip members' uncompressed sizes, all together, within MAX_UNPACKED (zipfile never reads a
    member past the size it declares)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise MetricsError(f"not a readable .xlsx workbook ({type(exc).__name__})", shown) from None
    if unpacked > MAX_UNPACKED:
        _too_big(f"its parts unpack to {unpacked:,} bytes", f"{MAX_UNPACKED:,} bytes unpacked", shown)


def _sheets(book: Any, shown: str) -> list[Table]:
    """Every sheet's rows, within MAX_ROWS, MAX_COLUMNS and MAX_CELLS: a sheet that declares more is
    refused before it is read, one that holds more when it is read is refused as soon as it shows."""
    tables, rows_read, cells = [], 0, 0
    for sheet in book:
        if (sheet.max_row or 0) > MAX_ROWS or (sheet.max_column or 0) > MAX_COLUMNS:
            size = f"{sheet.max_row:,} rows of {sheet.max_column:,} columns"
            _too_big(f"sheet '{sheet.title}' declares {size}", f"{MAX_ROWS:,} rows of {MAX_COLUMNS}", shown)
        rows: list[Sequence[object]] = []
        for row in sheet.iter_rows(max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS + 1, values_only=True):
            kept = _bounded(_trimmed(row), rows_read, shown)
            rows_read += 1
            cells += sum(cell is not None for cell in kept)
            if cells > MAX_CELLS:
                _too_big(f"more than {MAX_CELLS:,} cells", f"{MAX_CELLS:,}", shown)
            rows.append(kept)
        tables.append(Table(sheet.title, rows))
    return tables


def _trimmed(row: Sequence[object]) -> tuple[object, ...]:
    end = len(row)
    while end and row[end - 1] is None:
        end -= 1
    return tuple(row[:end])


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
    return tables_of(tables, shown)[0]


def tables_of(tables: Iterable[Table], shown: str) -> tuple[list[Row], int]:
    """rows_of(), and the most rows one of the sheet's side-by-side tables has."""
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


def _posts(table: Table, header: int, blocks: list[Block], shown: str) -> tuple[list[Row], int]:
    if not any("impressions" in b.columns for b in blocks):
        raise MetricsError(f"{_at(table, header)}: no 'Impressions' column in the header row", shown)
    posts: dict[str, Row] = {}
    lengths = [0] * len(blocks)
    for n in range(header + 1, len(table.rows)):
        cells = table.rows[n]
        for b, block in enumerate(blocks):
            url = _cell(cells, block.url)
            if url is None or not str(url).strip():
                continue
            lengths[b] += 1
            where = _at(table, n)
            found = Row(str(url).strip(), where, _figures(cells, block, where, shown, table.thousands))
            _join(posts, found, shown)
    return list(posts.values()), max(lengths)


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


_WHOLE = {",": re.compile(r"[+-]?([0-9]+)(?:\.0*)?"), ".": re.compile(r"[+-]?([0-9]+)(?:,0*)?")}
"""A whole number once its thousands separators are gone, by the file's thousands separator: with `,`
(`1,234.0`) the decimal mark is `.`; with `.` (`1.234,0`, a `;`-separated file) it is `,`."""


def _figures(
    cells: Sequence[object], block: Block, where: str, shown: str, thousands: str = ","
) -> dict[str, int | None]:
    figures: dict[str, int | None] = {}
    for name, n in block.columns.items():
        value = _count(_cell(cells, n), thousands)
        if value is None or isinstance(value, str):
            if value is not None:
                shown_value = value if len(value) <= 40 else value[:40] + "…"
                longer = f" {OF_DIGITS}" if sum(c.isdigit() for c in value) > MAX_DIGITS else ""
                raise MetricsError(f"{where}: {name} '{shown_value}' is not a whole number{longer}", shown)
            continue
        if value < 0:
            raise MetricsError(f"{where}: {name} {value} is negative", shown)
        figures[name] = value
    return figures


def _count(value: object, thousands: str = ",") -> int | str | None:
    """A cell as a whole number, None when blank, or its text when it is not a whole number (of at
    most MAX_DIGITS digits). Text is read by the file's one convention (`thousands`), never by a guess
    per cell: in a `;`-separated file "2.000" and "1.234" are both thousands."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        value = int(value) if value.is_integer() else str(value)
    if isinstance(value, int):
        return value if abs(value) < 10**MAX_DIGITS else str(value)
    text = str(value).strip()
    digits = text.replace(thousands, "").replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    whole = _WHOLE[thousands].fullmatch(digits)
    if whole is None or len(whole[1]) > MAX_DIGITS:
        return text
    return int(digits.split("," if thousands == "." else ".")[0])
