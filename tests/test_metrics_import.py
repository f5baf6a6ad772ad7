"""`contentkit metrics import`: LinkedIn's .xlsx export and CSV files, URL matching, idempotence, bad files."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from contentkit.base import dates
from contentkit.store.repo import Repo
from contentkit.usecases.metrics import record, urls

from .conftest import Run, snapshot
from .metrics_helpers import DRAFTS, POSTS, metrics_bytes, publish_all

openpyxl = pytest.importorskip("openpyxl")

SHIPPING, CODE_REVIEW, MEASURE = (POSTS[name][1] for name in ("shipping", "code-review", "measure"))
MARK = "; exported 2025-12-01; still counting"  # the export was made on the (fixed) day of the import
STRANGER = "https://www.linkedin.com/posts/someone-else_topic-activity-7999999999999999999-ZZZZ"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "now_utc", lambda: "2025-12-01T09:00:00Z")


@pytest.fixture
def published(repo: Path, run: Run) -> Path:
    publish_all(run)
    return repo


def linkedin_export(path: Path, engagements: list[tuple[str, int]], impressions: list[tuple[str, int]]) -> Path:
    """A workbook in the shape of LinkedIn's creator analytics export: a DISCOVERY sheet, then TOP POSTS
    with a title row and a blank row above two side-by-side tables (by engagements, by impressions)."""
    book = openpyxl.Workbook()
    discovery = book.active
    discovery.title = "DISCOVERY"
    discovery.append(["Overall Performance", "11/1/2025 - 11/30/2025"])
    discovery.append(["Impressions", 12345])
    discovery.append(["Members reached", 6789])
    top = book.create_sheet("TOP POSTS")
    top.append(["Maximum of 50 posts available to include in this list"])
    top.append([])
    top.append(["Post URL", "Post publish date", "Engagements", None, "Post URL", "Post publish date", "Impressions"])
    for n in range(max(len(engagements), len(impressions))):
        left = [engagements[n][0], "11/5/2025", engagements[n][1]] if n < len(engagements) else [None] * 3
        right = [impressions[n][0], "11/5/2025", impressions[n][1]] if n < len(impressions) else [None] * 3
        top.append([*left, None, *right])
    book.save(path)
    return path


def test_xlsx_export_is_matched_by_url(published: Path, run: Run, tmp_path: Path) -> None:
    export = linkedin_export(
        tmp_path / "Content_2025-11-01_2025-11-30.xlsx",
        engagements=[(SHIPPING + "?utm_source=share", 60), (STRANGER, 9), (CODE_REVIEW, 30)],
        impressions=[(CODE_REVIEW.replace("https://www.", "http://"), 2000), (SHIPPING, 1500), (STRANGER, 100)],
    )
    result = run("metrics", "import", str(export))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "imported Content_2025-11-01_2025-11-30.xlsx (linkedin-xlsx) at 2025-11-30T00:00:00Z: "
        "2 recorded, 0 unchanged, 1 unmatched, 0 incomplete",
        "  figures period 2025-11-01 to 2025-11-30 (file name), exported 2025-12-01: "
        "still counting (within 2 days of the export)",
        f"  recorded   {DRAFTS['shipping']}  1,500 impressions, engagement 4.0% (still counting)",
        f"  recorded   {DRAFTS['code-review']}  2,000 impressions, engagement 1.5% (still counting)",
        f"  unmatched  {STRANGER}  sheet 'TOP POSTS' row 5: no published post has this URL",
    ]
    assert metrics_bytes(published) == (
        b"draft,date,impressions,reactions,comments,reposts,members_reached,clicks,saves,source\n"
        + f"{DRAFTS['shipping']},2025-11-30T00:00:00Z,1500,60,,,,,,linkedin-xlsx{MARK}\n".encode()
        + f"{DRAFTS['code-review']},2025-11-30T00:00:00Z,2000,30,,,,,,linkedin-xlsx{MARK}\n".encode()
    )


def test_importing_the_same_file_twice_adds_nothing(published: Path, run: Run, tmp_path: Path) -> None:
    export = linkedin_export(tmp_path / "export.xlsx", [(SHIPPING, 60)], [(SHIPPING, 1500)])
    assert run("metrics", "import", str(export)).exit_code == 0
    before = metrics_bytes(published)
    result = run("metrics", "import", str(export), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["recorded"] == []
    assert report["unchanged"] == [
        {"url": SHIPPING, "where": "sheet 'TOP POSTS' row 4", "post": DRAFTS["shipping"], "impressions": 1500,
         "reactions": 60, "comments": None, "reposts": None, "members_reached": None, "clicks": None, "saves": None,
         "still_counting": True}
    ]
    assert metrics_bytes(published) == before


def test_csv_with_named_columns_in_any_order(published: Path, run: Run, tmp_path: Path) -> None:
    export = tmp_path / "my-figures.csv"
    export.write_text(
        "Notes from my spreadsheet\n"
        "Comments,IMPRESSIONS,Reactions,Post URL,Shares,Clicks\n"
        f"4,\"1,000\",40,{MEASURE}/?ref=x#top,6,12\n"
        f"1,300,10,https://example.com/blog/never-published,0,0\n",
        encoding="utf-8",
    )
    result = run("metrics", "import", str(export), "--at", "2025-11-30")
    assert result.exit_code == 0, result.output
    assert "1 recorded, 0 unchanged, 1 unmatched, 0 incomplete" in result.stdout
    assert "https://example.com/blog/never-published  line 4: no published post" in result.stdout
    rows = (published / "metrics.csv").read_text(encoding="utf-8").splitlines()
    assert rows[1:] == [f"{DRAFTS['measure']},2025-11-30T00:00:00Z,1000,40,4,6,,12,,my-figures.csv{MARK}"]
    assert "contentkit index" not in result.stderr  # INDEX.md was refreshed with the figures
    assert run("index", "--check").stdout == "INDEX.md is up to date\n"


@pytest.mark.parametrize("name", ['=HYPERLINK("x.example","y").csv', "+1.csv", "-2.csv", "@SUM(A1).csv"])
def test_a_file_name_is_never_a_formula_in_metrics_csv(published: Path, run: Run, tmp_path: Path, name: str) -> None:
    """OWASP's CSV injection: the imported file's name lands in a cell a spreadsheet opens; it is
    written with a `'` in front and read back as it was (stats groups by the true name)."""
    export = tmp_path / name
    export.write_text(f"Post URL,Impressions,Reactions\n{MEASURE},1000,40\n", encoding="utf-8")
    assert run("metrics", "import", str(export), "--at", "2025-11-30").exit_code == 0
    rows = (published / "metrics.csv").read_text(encoding="utf-8").splitlines()
    [cell] = [row[-1] for row in csv.reader(rows[1:])]
    assert cell == "'" + name + MARK
    [snapshot] = record.read(Repo.discover(published))
    assert snapshot.source == name + MARK


def test_dry_run_writes_nothing(published: Path, run: Run, tmp_path: Path) -> None:
    export = linkedin_export(tmp_path / "export.xlsx", [(SHIPPING, 60)], [(SHIPPING, 1500)])
    before = snapshot(published)
    result = run("metrics", "import", str(export), "--dry-run")
    assert result.exit_code == 0
    assert result.stdout.startswith("would import export.xlsx (linkedin-xlsx) at 2025-12-01T09:00:00Z: 1 recorded")
    assert snapshot(published) == before


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


BAD_FILES = {
    "not-a-workbook.xlsx": (b"Post URL,Impressions\nhttps://x,1\n", "not an .xlsx workbook"),
    "truncated.xlsx": (b"PK\x03\x04garbage", "not a readable .xlsx workbook"),
    "wrong-columns.csv": (b"name,score\nalice,3\n", "no header row with a post URL column"),
    "no-impressions.csv": (b"Post URL,Reactions\nhttps://example.com/a,3\n", "no 'Impressions' column"),
    "negative.csv": (f"Post URL,Impressions,Reactions\n{SHIPPING},-5,3\n".encode(), "line 2: impressions -5 is negative"),
    "words.csv": (f"Post URL,Impressions,Reactions\n{SHIPPING},many,3\n".encode(), "line 2: impressions 'many' is not a whole number"),
    "binary.csv": (b"\xff\xfe\x00\x01", "not a CSV file: not UTF-8 text"),
    "figures.txt": (b"Post URL,Impressions\n", "not an .xlsx or .csv file"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_file_is_one_error_and_changes_nothing(published: Path, run: Run, tmp_path: Path, name: str) -> None:
    good = linkedin_export(tmp_path / "good.xlsx", [(SHIPPING, 60)], [(SHIPPING, 1500)])
    assert run("metrics", "import", str(good)).exit_code == 0
    before = snapshot(published)
    data, message = BAD_FILES[name]
    result = run("metrics", "import", str(_write(tmp_path / name, data)))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"contentkit: error: {name}: ") and message in result.stderr
    assert result.stderr.count("\n") == 1
    assert snapshot(published) == before


def test_a_negative_figure_in_an_xlsx_is_located(published: Path, run: Run, tmp_path: Path) -> None:
    export = linkedin_export(tmp_path / "export.xlsx", [(SHIPPING, 60)], [(SHIPPING, -1500)])
    result = run("metrics", "import", str(export))
    assert result.exit_code == 1
    assert result.stderr == "contentkit: error: export.xlsx: sheet 'TOP POSTS' row 4: impressions -1500 is negative\n"
    assert metrics_bytes(published) is None


def test_the_same_post_listed_twice_with_other_figures_is_an_error(published: Path, run: Run, tmp_path: Path) -> None:
    export = tmp_path / "twice.csv"
    export.write_text(f"URL,Impressions,Reactions\n{SHIPPING},10,1\n{SHIPPING}/,12,1\n", encoding="utf-8")
    result = run("metrics", "import", str(export))
    assert result.exit_code == 1 and "is listed again with another impressions" in result.stderr
    assert metrics_bytes(published) is None


def test_validate_never_imports_openpyxl_or_the_metrics_code(published: Path) -> None:
    code = (
        "import sys; from contentkit.cli import main; sys.argv = ['contentkit', 'validate']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('openpyxl', 'matplotlib', 'contentkit.usecases.metrics'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=published, capture_output=True, text=True, check=False)
    assert done.stdout.splitlines()[-1] == "[]", done.stdout + done.stderr


LINKEDIN_SHAPES = [
    "https://www.linkedin.com/posts/me_slug-words-activity-{id}-AbCd",
    "https://linkedin.com/posts/me_slug-words-activity-{id}-AbCd/?utm_source=share&utm_medium=member_desktop",
    "https://www.linkedin.com/feed/update/urn:li:activity:{id}/",
    "http://www.LinkedIn.com/feed/update/urn:li:activity:{id}?trk=x",
    "urn:li:activity:{id}",
    "https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A{id}/",
]


@given(st.integers(min_value=10**15, max_value=10**19), st.sampled_from(LINKEDIN_SHAPES), st.sampled_from(LINKEDIN_SHAPES))
def test_linkedin_links_to_one_post_have_one_key(activity: int, one: str, other: str) -> None:
    assert urls.key(one.format(id=activity)) == urls.key(other.format(id=activity)) == f"linkedin:activity:{activity}"


@given(st.integers(min_value=10**15, max_value=10**19), st.integers(min_value=10**15, max_value=10**19))
def test_different_activities_have_different_keys(one: int, other: int) -> None:
    assert (urls.key(LINKEDIN_SHAPES[0].format(id=one)) == urls.key(LINKEDIN_SHAPES[2].format(id=other))) == (one == other)


segment = st.text("abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1, max_size=12)


@given(
    host=st.lists(segment, min_size=2, max_size=3).map(".".join),
    path=st.lists(segment, max_size=4).map(lambda parts: "/".join(parts)),
    scheme=st.sampled_from(["http", "https", "HTTPS"]),
    www=st.booleans(),
    upper=st.booleans(),
    slash=st.booleans(),
    noise=st.sampled_from(["", "?utm_source=x", "?UTM_Medium=a&trk=b&trackingId=c", "#frag", "?s=20&t=xY#f", "?rcm=1&ref_src=twsrc"]),
)
def test_plain_urls_compare_without_scheme_www_case_slash_tracking(
    host: str, path: str, scheme: str, www: bool, upper: bool, slash: bool, noise: str
) -> None:
    canonical = f"https://{host}/{path}"
    shown_host = ("www." if www else "") + (host.upper() if upper else host)
    variant = f"{scheme}://{shown_host}/{path}{'/' if slash else ''}{noise}"
    assert urls.key(variant) == urls.key(canonical)
    assert urls.key(canonical + "x") != urls.key(canonical) or path == ""


@given(
    base=st.sampled_from(["https://www.youtube.com/watch", "https://example.com/p", "https://example.com/?p=1"]),
    one=segment,
    other=segment,
    noise=st.sampled_from(["", "utm_source=x", "trk=public_post", "s=20"]),
)
def test_a_parameter_that_names_the_post_is_kept(base: str, one: str, other: str, noise: str) -> None:
    join = "&" if "?" in base else "?"
    a, b = f"{base}{join}v={one}", f"{base}{join}v={other}"
    assert (urls.key(a) == urls.key(b)) == (one == other)
    assert urls.key(f"{a}&{noise}" if noise else a) == urls.key(a)
    assert urls.key(f"{base}{join}x=1&v={one}") == urls.key(f"{base}{join}v={one}&x=1")  # any order


def test_figures_for_another_query_are_not_recorded_against_the_post(published: Path, run: Run, tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        "Post URL,Impressions,Reactions,Comments,Shares\n"
        f"{MEASURE}?v=B,40,1,1,1\n{MEASURE}?utm_source=share&trk=x,50,2,2,2\n",
        encoding="utf-8",
    )
    result = run("metrics", "import", str(path), "--at", "2025-11-30")
    assert result.exit_code == 0, result.output
    assert "1 recorded, 0 unchanged, 1 unmatched" in result.stdout
    assert f"{MEASURE}?v=B  line 2: no published post" in result.stdout
    rows = (published / "metrics.csv").read_text(encoding="utf-8").splitlines()
    assert rows[1:] == [f"{DRAFTS['measure']},2025-11-30T00:00:00Z,50,2,2,2,,,,export.csv{MARK}"]


figure = st.integers(min_value=0, max_value=10**9)
COLUMN_NAMES = {"url": "Post URL", "impressions": "Impressions", "reactions": "Reactions", "comments": "Comments",
                "reposts": "Reposts", "clicks": "Clicks"}


@given(
    order=st.permutations(sorted(COLUMN_NAMES)),
    upper=st.booleans(),
    titles=st.integers(min_value=0, max_value=3),
    rows=st.lists(st.tuples(figure, figure, figure, figure, figure), min_size=1, max_size=5),
)
def test_csv_header_found_in_any_column_order(
    tmp_path_factory: pytest.TempPathFactory, order: list[str], upper: bool, titles: int,
    rows: list[tuple[int, int, int, int, int]],
) -> None:
    from contentkit.usecases.metrics import exports as importers

    header = [COLUMN_NAMES[name].upper() if upper else COLUMN_NAMES[name] for name in order]
    lines = [f"Report title {n}" for n in range(titles)] + [",".join(header)]
    for n, numbers in enumerate(rows):
        values = dict(zip(("impressions", "reactions", "comments", "reposts", "clicks"), numbers, strict=True))
        values["url"] = f"https://example.com/p/{n}"  # type: ignore[assignment]
        lines.append(",".join(str(values[name]) for name in order))
    path = tmp_path_factory.mktemp("csv") / "export.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found, kind = importers.read_rows(path, "export.csv")
    assert kind == "csv"
    assert [(r.url, r.figures) for r in found] == [
        (f"https://example.com/p/{n}", dict(zip(("impressions", "reactions", "comments", "reposts", "clicks"), numbers, strict=True)))
        for n, numbers in enumerate(rows)
    ]
