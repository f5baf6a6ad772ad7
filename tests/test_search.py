"""`contentkit search TEXT`: ranked full text over seeds and drafts, kept up to date by file stamps, and
an index the repo carries is never trusted."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from contentkit.cli import cli
from contentkit.store import fulltext

HEAD = "---\ntype: moment\ncategory: c\ncreated: 2025-11-0{n}\nsource: idea\nplatform: linkedin\nstatus: seed\n{extra}---\n\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "seeds").mkdir(parents=True)
    (root / "drafts" / "linkedin").mkdir(parents=True)
    (root / "contentkit.toml").write_text("", encoding="utf-8")
    seed(root, "pricing", 1, "# Pricing for founders\n\nHow to set a price.\n")
    seed(root, "hiring", 2, "# Hiring\n\nFounders hire slowly.\nPricing comes up once.\n")
    seed(root, "audience", 3, "# Audience\n\nNothing here.\n", extra="audience: founders\n")
    seed(root, "viet", 4, "# Tiếng Việt\n\nMột câu về cà phê.\nПривет, мир: ёлка и йогурт.\nUn café crème.\n")
    (root / "drafts" / "linkedin" / "pricing.md").write_text(
        "---\ntype: draft\nstatus: draft\nseed: seeds/pricing.md\nplatform: linkedin\n---\n\nA draft about discounts.\n",
        encoding="utf-8",
    )
    return root


def seed(root: Path, name: str, n: int, body: str, extra: str = "") -> Path:
    path = root / "seeds" / f"{name}.md"
    path.write_text(HEAD.format(n=n, extra=extra) + body, encoding="utf-8")
    return path


def search(repo: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["-C", str(repo), "search", *args])


def hits(repo: Path, *args: str) -> list[dict[str, object]]:
    result = search(repo, *args, "--json")
    assert result.exit_code == 0, result.output
    found: list[dict[str, object]] = json.loads(result.stdout)
    return found


def paths(repo: Path, *args: str) -> list[object]:
    return [hit["path"] for hit in hits(repo, *args)]


def test_ranked_title_first_with_the_matching_line(repo: Path) -> None:
    found = hits(repo, "pricing")
    assert found[0]["path"] == "seeds/pricing.md"  # in its title
    hiring = next(h for h in found if h["path"] == "seeds/hiring.md")
    assert hiring["line"] == 13 and hiring["text"] == "Pricing comes up once."
    text = search(repo, "pricing")
    assert text.exit_code == 0 and "seeds/hiring.md:13: Hiring\n    Pricing comes up once.\n" in text.output


def test_front_matter_values_drafts_and_every_word(repo: Path) -> None:
    assert set(paths(repo, "founders")) == {"seeds/pricing.md", "seeds/hiring.md", "seeds/audience.md"}
    assert paths(repo, "discounts") == ["drafts/linkedin/pricing.md"]
    assert hits(repo, "discounts")[0]["kind"] == "draft"
    assert paths(repo, "founders", "hire") == ["seeds/hiring.md"]  # every word
    assert paths(repo, "found*") != []  # a prefix
    assert len(hits(repo, "founders", "--limit", "1")) == 1


@pytest.mark.parametrize(("word", "line"), [("cafe", 14), ("tieng", 10), ("ПРИВЕТ", 13), ("ЁЛКА", 13), ("cau", 12), ("CRÈME", 14)])
def test_case_and_diacritics_aside(repo: Path, word: str, line: int) -> None:
    found = hits(repo, word)
    assert [h["path"] for h in found] == ["seeds/viet.md"] and found[0]["line"] == line


def test_no_word_is_a_usage_error(repo: Path) -> None:
    result = search(repo, '"*')
    assert result.exit_code == 2 and "no word to look for" in result.stderr and "Traceback" not in result.output


def test_the_index_follows_edits_new_and_removed_files(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert paths(repo, "pricing")
    assert (repo / ".contentkit" / "search.sqlite").is_file()
    hiring = repo / "seeds" / "hiring.md"
    hiring.write_text(hiring.read_text(encoding="utf-8").replace("Pricing", "Salaries"), encoding="utf-8")
    assert "seeds/hiring.md" not in paths(repo, "pricing") and paths(repo, "salaries") == ["seeds/hiring.md"]
    (repo / "seeds" / "pricing.md").unlink()
    seed(repo, "budget", 5, "# Budget\n\nPricing again.\n")
    assert [p for p in paths(repo, "pricing") if str(p).startswith("seeds/")] == ["seeds/budget.md"]
    monkeypatch.setattr(fulltext, "RACY_NS", 0)  # every stamp old enough to pin its file
    paths(repo, "x")  # pinned now: a second run reads no file again
    db = sqlite3.connect(repo / ".contentkit" / "search.sqlite")
    stamps = dict(db.execute("SELECT path, checked FROM files"))
    db.close()
    paths(repo, "budget")
    db = sqlite3.connect(repo / ".contentkit" / "search.sqlite")
    assert dict(db.execute("SELECT path, checked FROM files")) == stamps
    db.close()


def test_no_cache_keeps_nothing(repo: Path) -> None:
    assert paths(repo, "pricing", "--no-cache")[0] == "seeds/pricing.md"
    assert not (repo / ".contentkit" / "search.sqlite").exists()


def _forged(repo: Path) -> Path:
    """A search.sqlite as a clone could carry it: our schema, a row for a file outside the repo whose
    stamp matches, and a trigger of its own."""
    paths(repo, "pricing")
    database = repo / ".contentkit" / "search.sqlite"
    outside = repo.parent / "secret.md"
    outside.write_text("pricing secret\n", encoding="utf-8")
    db = sqlite3.connect(database)
    with db:
        db.execute("INSERT INTO files(id, path, stamp, checked) VALUES (999, '../secret.md', '', 0)")
        db.execute("INSERT INTO docs(rowid, path, title, body, front) VALUES (999, '../secret.md', 'pricing', 'pricing', '')")
    db.close()
    return database


def test_forged_rows_never_leave_the_repo(repo: Path) -> None:
    _forged(repo)
    found = paths(repo, "pricing")
    assert "../secret.md" not in found and all(str(p).startswith(("seeds/", "drafts/")) for p in found)


def test_a_foreign_schema_or_junk_is_rebuilt(repo: Path) -> None:
    database = _forged(repo)
    db = sqlite3.connect(database)
    with db:
        db.execute("CREATE TRIGGER evil AFTER INSERT ON files BEGIN DELETE FROM docs; END")
    db.close()
    assert paths(repo, "pricing")[0] == "seeds/pricing.md"
    db = sqlite3.connect(database)
    assert db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall() == []
    db.close()
    database.write_bytes(b"SQLite format 3\x00" + os.urandom(5000))
    assert paths(repo, "pricing")[0] == "seeds/pricing.md"


def test_a_linked_index_is_never_written_through(repo: Path) -> None:
    (repo / ".contentkit").mkdir()
    target = repo.parent / "elsewhere.sqlite"
    target.write_bytes(b"keep me")
    (repo / ".contentkit" / "search.sqlite").symlink_to(target)
    assert paths(repo, "pricing")[0] == "seeds/pricing.md"
    assert target.read_bytes() == b"keep me"
