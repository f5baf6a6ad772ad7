"""What `metrics import` and the metrics file may hold: bounded imports (an .xlsx dimension bomb, a
zip member that unpacks to more than an import reads, too many rows or columns), figures read by the
file's own number convention, figures of too many digits, and dates compared as dates."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentkit.base import dates
from contentkit.base.errors import MetricsError
from contentkit.usecases.metrics import exports as importers
from contentkit.usecases.metrics import history, record

from .conftest import Run, snapshot
from .metrics_helpers import DRAFTS, POSTS, publish_all

openpyxl = pytest.importorskip("openpyxl")
MEASURE = POSTS["measure"][1]


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "now_utc", lambda: "2025-12-01T09:00:00Z")


@pytest.fixture
def published(repo: Path, run: Run) -> Path:
    publish_all(run)
    return repo


def _workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "TOP POSTS"
    sheet.append(["Post URL", "Impressions"])
    sheet.append([MEASURE, 10])
    book.save(path)
    return path


def _rewrite_sheet(path: Path, change: object) -> Path:
    """The workbook with its first sheet's XML passed through `change` (and every other member as it was)."""
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    name = "xl/worksheets/sheet1.xml"
    members[name] = change(members[name].decode("utf-8")).encode("utf-8")  # type: ignore[operator]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return path


def _declared(xml: str) -> str:
    """A sheet that declares every row and column Excel allows (the dimension bomb)."""
    start = xml.index("<dimension")
    end = xml.index("/>", start) + 2
    return xml[:start] + '<dimension ref="A1:XFD1048576"/>' + xml[end:]


def _far_cell(xml: str) -> str:
    """No dimension at all, and a cell in the very last row and column."""
    start = xml.index("<dimension")
    xml = xml[:start] + xml[xml.index("/>", start) + 2 :]
    return xml.replace("</sheetData>", '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')


def _far_column(xml: str) -> str:
    """No dimension, and a cell in the last column of the second row."""
    start = xml.index("<dimension")
    xml = xml[:start] + xml[xml.index("/>", start) + 2 :]
    return xml.replace("</row></sheetData>", '<c r="XFD2"><v>1</v></c></row></sheetData>')


def _many_rows(xml: str) -> str:
    start = xml.index("<dimension")
    xml = xml[:start] + xml[xml.index("/>", start) + 2 :]
    rows = "".join(f'<row r="{n}"><c r="B{n}"><v>{n}</v></c></row>' for n in range(3, 3 + importers.MAX_ROWS + 5))
    return xml.replace("</sheetData>", rows + "</sheetData>")


@pytest.mark.parametrize(
    "change, message",
    [
        (_declared, "sheet 'TOP POSTS' declares 1,048,576 rows of 16,384 columns"),
        (_far_cell, "more than 20,000 rows"),
        (_many_rows, f"more than {importers.MAX_ROWS:,} rows"),
    ],
)
def test_an_xlsx_that_holds_or_declares_too_much_is_refused(
    published: Path, run: Run, tmp_path: Path, change: object, message: str
) -> None:
    bomb = _rewrite_sheet(_workbook(tmp_path / "bomb.xlsx"), change)
    before = snapshot(published)
    result = run("metrics", "import", str(bomb))
    assert result.exit_code == 1
    assert message in result.stderr and "an import reads at most" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert snapshot(published) == before


def test_a_cell_past_the_last_column_read_is_left_unread(published: Path, run: Run, tmp_path: Path) -> None:
    path = _rewrite_sheet(_workbook(tmp_path / "far.xlsx"), _far_column)
    result = run("metrics", "import", str(path), "--at", "2025-11-30")
    assert result.exit_code == 0, result.output
    assert "far.xlsx (linkedin-xlsx)" in result.stdout and "1 incomplete" in result.stdout  # read and matched


def test_an_xlsx_whose_parts_unpack_past_the_bound_is_refused(published: Path, run: Run, tmp_path: Path) -> None:
    path = _workbook(tmp_path / "zip-bomb.xlsx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * (importers.MAX_UNPACKED + 1))
    assert path.stat().st_size < 1_000_000
    result = run("metrics", "import", str(path))
    assert result.exit_code == 1
    assert "its parts unpack to" in result.stderr and len(result.stderr.splitlines()) == 1


def test_a_csv_of_too_many_rows_or_columns_is_refused(tmp_path: Path) -> None:
    wide = tmp_path / "wide.csv"
    wide.write_text("Post URL,Impressions" + ",x" * importers.MAX_COLUMNS + "\n", encoding="utf-8")
    with pytest.raises(MetricsError, match="more than 200 columns"):
        importers.read_rows(wide, "wide.csv")
    long = tmp_path / "long.csv"
    long.write_text("Post URL,Impressions\n" + "https://e.com/p,1\n" * importers.MAX_ROWS, encoding="utf-8")
    with pytest.raises(MetricsError, match="rows"):
        importers.read_rows(long, "long.csv")


# --- numbers by the file's own convention -----------------------------------------------------------

CONVENTIONS = {",": ",", ";": "."}  # delimiter -> thousands separator


def _grouped(n: int, thousands: str) -> str:
    return f"{n:,}".replace(",", thousands)


@settings(max_examples=60)
@given(st.lists(st.integers(min_value=0, max_value=10**12), min_size=1, max_size=6), st.sampled_from(sorted(CONVENTIONS)))
def test_figures_read_by_the_files_convention(tmp_path_factory: pytest.TempPathFactory, numbers: list[int],
                                              delimiter: str) -> None:
    thousands = CONVENTIONS[delimiter]
    decimal = "," if thousands == "." else "."
    lines = [f"Post URL{delimiter}Impressions{delimiter}Reactions"]
    for n, number in enumerate(numbers):
        quoted = f'"{_grouped(number, thousands)}"' if thousands == delimiter else _grouped(number, thousands)
        lines.append(f"https://e.com/p/{n}{delimiter}{quoted}{delimiter}{number}{decimal}0")
    path = tmp_path_factory.mktemp("csv") / "export.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found, _kind = importers.read_rows(path, "export.csv")
    assert [r.figures for r in found] == [{"impressions": n, "reactions": n} for n in numbers]


def test_a_semicolon_file_reads_2_000_and_1_234_alike(published: Path, run: Run, tmp_path: Path) -> None:
    path = tmp_path / "de.csv"
    path.write_text(f"Post URL;Impressions;Reactions\n{MEASURE};2.000;1.234\n", encoding="utf-8")
    found, _kind = importers.read_rows(path, "de.csv")
    assert found[0].figures == {"impressions": 2000, "reactions": 1234}
    path.write_text(f"Post URL;Impressions;Reactions\n{MEASURE};2.000;1,5\n", encoding="utf-8")
    with pytest.raises(MetricsError, match="reactions '1,5' is not a whole number"):
        importers.read_rows(path, "de.csv")


@pytest.mark.parametrize("cell", ["9" * 400, "1" + "0" * 399 + ".0", "1e300"])
def test_a_figure_of_hundreds_of_digits_in_an_import_is_one_line(published: Path, run: Run, tmp_path: Path,
                                                                   cell: str) -> None:
    path = tmp_path / "big.csv"
    path.write_text(f"Post URL,Impressions\n{MEASURE},{cell}\n", encoding="utf-8")
    before = snapshot(published)
    result = run("metrics", "import", str(path))
    assert result.exit_code == 1 and "is not a whole number" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert snapshot(published) == before


def test_a_huge_float_in_an_xlsx_is_one_line(published: Path, run: Run, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["Post URL", "Impressions"])
    book.active.append([MEASURE, 1e300])
    book.save(tmp_path / "big.xlsx")
    result = run("metrics", "import", str(tmp_path / "big.xlsx"))
    assert result.exit_code == 1 and "is not a whole number" in result.stderr


# --- the metrics file ----------------------------------------------------------------------------------

ROW = "{draft},{date},{impressions},1,1,1,,,,manual\n"


def _metrics(root: Path, *rows: tuple[str, str]) -> None:
    text = record.HEADER + "".join(
        ROW.format(draft=DRAFTS["measure"], date=date, impressions=impressions) for date, impressions in rows
    )
    (root / "metrics.csv").write_text(text, encoding="utf-8")


def test_a_hand_typed_short_date_is_not_latest_forever(published: Path, run: Run) -> None:
    _metrics(published, ("2026-2-1", "100"), ("2026-11-01", "500"))
    snapshots = record.parse((published / "metrics.csv").read_bytes(), "metrics.csv")
    assert snapshots[0].date == "2026-02-01T00:00:00Z"
    assert history.current(snapshots)[DRAFTS["measure"]].impressions == 500


@given(st.dates(min_value=dates.dt.date(1000, 1, 1)), st.dates(min_value=dates.dt.date(1000, 1, 1)))
def test_latest_is_the_latest_date_however_typed(one: object, other: object) -> None:
    def loose(day: dates.dt.date) -> str:
        return f"{day.year}-{day.month}-{day.day}"

    text = record.HEADER + "".join(
        ROW.format(draft="d.md", date=loose(day), impressions=n) for n, day in enumerate([one, other])  # type: ignore[arg-type]
    )
    snapshots = record.parse(text.encode(), "metrics.csv")
    assert history.current(snapshots)["d.md"].impressions == (0 if one > other else 1)  # type: ignore[operator]


@pytest.mark.parametrize("date", ["2026-13-01", "yesterday", "01/02/2026"])
def test_a_date_that_is_no_date_is_located(published: Path, run: Run, date: str) -> None:
    _metrics(published, ("2025-11-20", "100"), (date, "5"))
    result = run("stats")
    assert result.exit_code == 1
    assert result.stderr == (
        f"contentkit: error: metrics.csv:3: date '{date}' is not YYYY-MM-DD or an ISO 8601 date-time\n"
    )


READERS = [["stats"], ["stats", "--json"], ["index"], ["metrics", "import", "IMPORT"], ["list"],
           ["metrics", "record", "measure", "--impressions", "1", "--reactions", "1", "--comments", "1",
            "--reposts", "1"]]


@pytest.mark.parametrize("args", READERS, ids=lambda a: " ".join(a[:2]))
def test_a_figure_of_5000_digits_in_the_metrics_file_is_one_located_line(
    published: Path, run: Run, tmp_path: Path, args: list[str]
) -> None:
    _metrics(published, ("2025-11-20", "7" * 5000))
    export = tmp_path / "export.csv"
    export.write_text(f"Post URL,Impressions\n{MEASURE},1\n", encoding="utf-8")
    result = run(*[str(export) if a == "IMPORT" else a for a in args])
    assert "Traceback" not in result.output
    if args[0] in ("stats", "metrics"):
        assert result.exit_code == 1
        assert f"metrics.csv:2: impressions '{'7' * 40}…' is not a whole number >= 0 (of at most" in result.stderr
        assert len(result.stderr.splitlines()) == 1


def test_json_stats_survive_the_edge_dates(published: Path, run: Run) -> None:
    _metrics(published, ("0001-01-01", "100"), ("9999-12-31T23:59:59Z", "200"))
    result = run("stats", "--json")
    assert result.exit_code == 0, result.output
    json.loads(result.stdout)
