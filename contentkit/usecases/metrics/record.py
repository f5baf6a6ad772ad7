"""The metrics file (`metrics.csv` by default): one row per snapshot of a post's figures.

The file is append-only: a new snapshot is added below the rows already there, which are kept byte for
byte. A post's current figures are its latest snapshot (by date; on the same date, history.py says which).
Every row is checked before anything is written, and the new file replaces the old one atomically, so
a failed write leaves the file as it was.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Sequence
from dataclasses import astuple, dataclass
from pathlib import Path

from contentkit.base import files
from contentkit.base.dates import parse_date, parse_local, to_utc
from contentkit.base.errors import ContentkitError, Hint, MetricsError, RepoError, UsageError
from contentkit.store.repo import Repo

COLUMNS = (
    "draft", "date", "impressions", "reactions", "comments", "reposts",
    "members_reached", "clicks", "saves", "source",
)
COUNTS = ("impressions", "reactions", "comments", "reposts", "members_reached", "clicks", "saves")
REQUIRED = ("impressions", "reactions", "comments", "reposts")  # the optional ones may be blank
HEADER = ",".join(COLUMNS) + "\n"
FORMULA = ("=", "+", "-", "@", "\t", "\r")  # a cell starting so is a formula in a spreadsheet (OWASP)


@dataclass(frozen=True)
class Snapshot:
    """A post's figures at one moment. `draft` names the post (its draft, else its seed)."""

    draft: str
    date: str  # UTC, YYYY-MM-DDTHH:MM:SSZ
    impressions: int
    reactions: int
    comments: int | None
    reposts: int | None
    members_reached: int | None = None
    clicks: int | None = None
    saves: int | None = None
    source: str = "manual"

    @property
    def figures(self) -> tuple[int | None, ...]:
        return astuple(self)[2:9]

    @property
    def engagements(self) -> int:
        return self.reactions + (self.comments or 0) + (self.reposts or 0)

    @property
    def rate(self) -> float | None:
        """(reactions + comments + reposts) / impressions; None without impressions."""
        return self.engagements / self.impressions if self.impressions else None

    def to_json(self) -> dict[str, object]:
        return dict(zip(COLUMNS, astuple(self), strict=True))


def metrics_path(repo: Repo) -> Path:
    """The configured metrics file (the config checks it is a relative path that stays in the repo);
    refused when a symbolic link on the way leads outside."""
    return repo.writable(repo.root / repo.config.metrics_file)


def read(repo: Repo) -> list[Snapshot]:
    """Every snapshot in the metrics file, in file order; [] when there is no file yet."""
    path = metrics_path(repo)
    data = _read_bytes(path, repo.config.metrics_file)
    return [] if data is None else parse(data, repo.config.metrics_file)


def _read_bytes(path: Path, name: str) -> bytes | None:
    try:
        return files.read_regular(path)  # a FIFO in its place is an error, not a hang
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise MetricsError(f"cannot read: {exc.strerror}", name) from None


def parse(data: bytes, name: str) -> list[Snapshot]:
    """The metrics file's bytes -> its snapshots. A row that does not fit is a located error."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MetricsError("not UTF-8 text", name) from None
    rows = csv.reader(io.StringIO(text, newline=""))
    header = next(rows, None)
    if header is None:
        return []
    if tuple(header) != COLUMNS:
        raise MetricsError(f"the header row must be: {HEADER.strip()}", name, 1)
    snapshots = []
    for row in rows:
        if row:
            snapshots.append(_snapshot(row, name, rows.line_num))
    return snapshots


def _snapshot(row: Sequence[str], name: str, line: int) -> Snapshot:
    if len(row) != len(COLUMNS):
        raise MetricsError(f"{len(row)} fields, expected {len(COLUMNS)}", name, line)
    values = dict(zip(COLUMNS, row, strict=True))
    counts: dict[str, int | None] = {}
    for column in COUNTS:
        text = values[column].strip()
        if not text and column not in ("impressions", "reactions"):
            counts[column] = None
        elif text.isdigit() and text.isascii() and len(text) <= MAX_DIGITS:
            counts[column] = int(text)
        else:
            longer = f" {OF_DIGITS}" if len(text) > MAX_DIGITS else ""
            message = f"{column} '{_short(text)}' is not a whole number >= 0{longer}"
            raise MetricsError(message, name, line)
    if not values["draft"] or not values["date"]:
        raise MetricsError("draft and date must not be empty", name, line)
    draft, source = (unguarded(values[key]) for key in ("draft", "source"))
    day = _date(values["date"], name, line)
    return Snapshot(draft, day, **counts, source=source)  # type: ignore[arg-type]


def guarded(cell: str) -> str:
    """A text cell as written: one a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first, past
    any quotes already there) gets a `'` in front, as OWASP advises; unguarded() takes it off again.
    Figures are never guarded: they are whole numbers >= 0, plain digits, and stay numbers."""
    return f"'{cell}" if cell.lstrip("'").startswith(FORMULA) else cell


def unguarded(cell: str) -> str:
    """The text guarded() wrote (a cell typed by hand without the `'` reads as it is)."""
    return cell[1:] if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA) else cell

MAX_DIGITS = 15
"""The most digits a figure may have (a quadrillion impressions): a longer one is an error, not a
number (Python refuses to read one of over 4,300 digits; float() would round one of 17)."""
OF_DIGITS = f"(of at most {MAX_DIGITS} digits)"
_LOOSE_DAY = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?=[Tt ]|$)")


def _date(text: str, name: str, line: int) -> str:
    """A row's date as UTC `YYYY-MM-DDTHH:MM:SSZ`, so that dates compare as dates (a hand-typed
    `2026-2-1` is 2026-02-01, not later than 2026-12-01); a located error when it is no date."""
    padded = _LOOSE_DAY.sub(lambda m: f"{m[1]}-{int(m[2]):02d}-{int(m[3]):02d}", text.strip(), count=1)
    try:
        return parse_date(padded)
    except (ContentkitError, OverflowError, ValueError):
        message = f"date '{_short(text)}' is not YYYY-MM-DD or an ISO 8601 date-time"
        raise MetricsError(message, name, line) from None


def _short(text: str) -> str:
    shown = text if text.isprintable() else repr(text)[1:-1]
    return shown if len(shown) <= 40 else shown[:40] + "…"


def row_text(snapshot: Snapshot, newline: str = "\n") -> str:
    """One CSV line for a snapshot (blank for figures not given). A row is one line: line breaks in
    its text become spaces; text a spreadsheet would run as a formula is guarded."""
    out = io.StringIO()
    cells = ["" if v is None else guarded(" ".join(str(v).splitlines())) for v in astuple(snapshot)]
    csv.writer(out, lineterminator=newline).writerow(cells)
    return out.getvalue()


def append(repo: Repo, new: Sequence[Snapshot]) -> None:
    """Add snapshots below the existing rows under the repo lock; the old bytes stay as they are."""
    if not new:
        return
    with repo.lock():
        append_locked(repo, new)


def append_locked(repo: Repo, new: Sequence[Snapshot]) -> None:
    """append() for a caller that holds the repo lock already."""
    path = metrics_path(repo)
    name = repo.config.metrics_file
    old = _read_bytes(path, name)
    if old is not None:
        parse(old, name)  # a damaged file is reported, never appended to
    repo.write_all({path: appended(old, new)})


def appended(old: bytes | None, new: Sequence[Snapshot]) -> bytes:
    """The file's new bytes: the old ones unchanged, then a row per snapshot (header first if new)."""
    head = old or HEADER.encode()
    newline = b"\r\n" if b"\r\n" in head else b"\n"
    if not head.endswith((b"\n", b"\r")):
        head += newline
    return head + "".join(row_text(s, newline.decode()) for s in new).encode("utf-8")


def input_files(repo: Repo) -> list[str]:
    """What INDEX.md's "What works" section reads besides the seeds: the metrics file and the drafts
    it names (repo-relative). Just the metrics file when it cannot be read."""
    try:
        path = metrics_path(repo)
        snapshots = read(repo)
    except ContentkitError:
        return [repo.config.metrics_file]
    root = str(repo.root) + os.sep
    rel = str(path)[len(root) :] if str(path).startswith(root) else repo.config.metrics_file
    return [rel, *sorted({s.draft for s in snapshots})]


def when(value: str | None, now: str, published_at: str = "", timezone: str = "") -> str:
    """--at: an ISO date or date-time (default: now; without an offset, in `timezone`) -> UTC
    `YYYY-MM-DDTHH:MM:SSZ`; not in the future, not before the post was published."""
    if value is None:
        return now
    try:
        moment = to_utc(parse_local(value, Hint("at"), timezone))
    except (UsageError, OverflowError):
        raise UsageError([Hint("at"), f" '{value}' is not YYYY-MM-DD or an ISO 8601 date-time"]) from None
    if moment > now:
        raise RepoError([Hint("at"), f" {moment} is in the future (now: {now})"])
    published = utc(published_at)
    if published and moment < published:
        raise RepoError([Hint("at"), f" {moment} is before the post was published ({published})"])
    return moment


def utc(value: str) -> str:
    """A seed's date as UTC `YYYY-MM-DDTHH:MM:SSZ`; '' when it is not a date."""
    try:
        return parse_date(value) if value else ""
    except (RepoError, OverflowError):
        return ""
