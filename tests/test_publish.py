"""`contentkit publish`: developed -> published, byte-preserving edits, INDEX.md, refusals, all or nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentkit.base import dates, files
from contentkit.base.errors import UsageError
from contentkit.model import seed as seeds
from contentkit.usecases import publish

from .conftest import Run, snapshot

STEM = "2025-11-03__shipping-beats-polishing"
SEED = f"seeds/{STEM}.md"
DRAFT = f"drafts/linkedin/{STEM}.md"
URL = "https://www.linkedin.com/posts/someone_shipping-activity-7406204177305153536-4XEc"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "now_utc", lambda: "2026-01-10T09:00:00Z")


@pytest.fixture
def developed(repo: Path, run: Run) -> Path:
    assert run("develop", "shipping").exit_code == 0
    return repo



def test_publish_changes_only_the_intended_lines(developed: Path, run: Run) -> None:
    seed_before = (developed / SEED).read_bytes()
    draft_before = (developed / DRAFT).read_bytes()
    result = run("publish", "shipping", "--url", URL, "--date", "2025-11-05")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"published {DRAFT} -> {URL} (2025-11-05T00:00:00Z)\n"
    assert (developed / SEED).read_bytes() == seed_before.replace(
        b"status: developed\ndeveloped_to: " + DRAFT.encode() + b"\n",
        b"status: published\ndeveloped_to: " + DRAFT.encode() + b"\n"
        + f'published_url: {URL}\npublished_at: "2025-11-05T00:00:00Z"\n'.encode(),
    )
    assert (developed / DRAFT).read_bytes() == draft_before.replace(
        b"status: draft\n",
        f'status: published\npublished_url: {URL}\npublished_at: "2025-11-05T00:00:00Z"\n'.encode(),
    )


def test_publish_updates_the_index(developed: Path, run: Run) -> None:
    run("publish", "shipping", "--url", URL)
    index = (developed / "INDEX.md").read_text(encoding="utf-8")
    assert "| published | 1 |" in index and "| developed | 0 |" in index
    section = index.split("## Published (1)\n\n", 1)[1].split("\n\n", 1)[0]
    assert section.startswith("| created | title | platform | source | draft | post |\n|---|---|---|---|---|---|\n")
    assert section.endswith(f"| [{STEM}.md]({DRAFT}) | [www.linkedin.com]({URL}) |")
    assert run("index", "--check").exit_code == 0
    listed = run("list", "--status", "published").stdout
    assert SEED in listed


def test_default_date_is_now_in_utc(developed: Path, run: Run) -> None:
    run("publish", "shipping", "--url", URL)
    assert b'published_at: "2026-01-10T09:00:00Z"\n' in (developed / SEED).read_bytes()


@pytest.mark.parametrize(
    ("date", "stored"),
    [("2025-11-05", "2025-11-05T00:00:00Z"), ("2025-11-05T10:30:00+02:00", "2025-11-05T10:30:00+02:00"),
     ("2025-11-05T10:30:00Z", "2025-11-05T10:30:00Z"), ("2025-11-05T10:30", "2025-11-05T10:30:00Z")],
)
def test_dates_are_stored_with_their_offset_local_time_on_a_utc_machine(developed: Path, run: Run, date: str, stored: str) -> None:
    assert run("publish", "shipping", "--url", URL, "--date", date).exit_code == 0
    assert f'published_at: "{stored}"\n'.encode() in (developed / SEED).read_bytes()


@pytest.mark.parametrize("ref", [DRAFT, f"{STEM}.md", "shipping"])
def test_publish_by_seed_or_draft_reference(developed: Path, run: Run, ref: str) -> None:
    result = run("publish", ref, "--url", URL, "--date", "2025-11-05")
    assert result.exit_code == 0, result.output
    assert b"status: published\n" in (developed / SEED).read_bytes()
    assert b"status: published\n" in (developed / DRAFT).read_bytes()


def test_draft_without_a_seed_key_is_found_through_developed_to(developed: Path, run: Run) -> None:
    draft = developed / DRAFT
    draft.write_bytes(draft.read_bytes().replace(f"seed: {SEED}\n".encode(), b""))
    assert run("publish", DRAFT, "--url", URL).exit_code == 0
    assert b"status: published\n" in (developed / SEED).read_bytes()


def test_crlf_and_bom_are_kept(repo: Path, run: Run, reference_seed: bytes) -> None:
    """The reference seed is developed, its developed_to names a draft that is not there."""
    crlf = b"\xef\xbb\xbf" + reference_seed.replace(b"\n", b"\r\n")
    (repo / "seeds" / "ref.md").write_bytes(crlf)
    result = run("publish", "ref", "--url", URL, "--date", "2025-12-20")
    assert result.exit_code == 0, result.output
    assert "note: seeds/ref.md: no draft at draft/linkedin/" in result.stderr
    link = b'developed_to: "draft/linkedin/2025-12-19__ai-engineer-vs-ml-engineer-hiring.md"\r\n'
    assert (repo / "seeds" / "ref.md").read_bytes() == crlf.replace(b"status: developed\r\n", b"status: published\r\n").replace(
        link, link + f'published_url: {URL}\r\npublished_at: "2025-12-20T00:00:00Z"\r\n'.encode()
    )


def test_crlf_draft_is_kept(developed: Path, run: Run) -> None:
    draft = developed / DRAFT
    crlf = draft.read_bytes().replace(b"\n", b"\r\n")
    draft.write_bytes(crlf)
    assert run("publish", "shipping", "--url", URL).exit_code == 0
    assert draft.read_bytes() == crlf.replace(
        b"status: draft\r\n",
        f'status: published\r\npublished_url: {URL}\r\npublished_at: "2026-01-10T09:00:00Z"\r\n'.encode(),
    )


def test_an_empty_published_url_key_is_filled_in_place(developed: Path, run: Run) -> None:
    seed = developed / SEED
    seed.write_bytes(seed.read_bytes().replace(b"platform: linkedin\n", b"platform: linkedin\npublished_url:\n"))
    before = seed.read_bytes()
    assert run("publish", "shipping", "--url", URL, "--date", "2025-11-05").exit_code == 0
    after = seed.read_bytes()
    assert after.replace(b"status: published\n", b"status: developed\n") == before.replace(
        b"published_url:\n", f'published_url: {URL}\npublished_at: "2025-11-05T00:00:00Z"\n'.encode()
    )


# --- refusals: non-zero exit, one line, nothing written -----------------------------------------


def refused(root: Path, run: Run, *args: str) -> str:
    before = snapshot(root)
    result = run("publish", *args)
    assert result.exit_code != 0
    assert snapshot(root) == before
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    return lines[0]


def test_a_seed_that_is_not_developed_is_refused(repo: Path, run: Run) -> None:
    message = refused(repo, run, "shipping", "--url", URL)
    assert message == (
        f"contentkit: error: {SEED}: status is 'seed': only a developed seed can be published "
        f"(run 'contentkit develop {STEM}' first)"
    )


def test_publishing_twice_is_refused(developed: Path, run: Run) -> None:
    run("publish", "shipping", "--url", URL)
    message = refused(developed, run, "shipping", "--url", "https://example.com/other")
    assert message == f"contentkit: error: {DRAFT}: already published ({URL}); nothing changed"


@pytest.mark.parametrize(
    "url",
    ["ftp://example.com/post", "www.linkedin.com/posts/x", "https://", "javascript:alert(1)",
     "https://exa mple.com/x", "https://example.com/x\n", "", "mailto:me@example.com", "http://[::1"],
)
def test_a_bad_url_is_refused(developed: Path, run: Run, url: str) -> None:
    message = refused(developed, run, "shipping", "--url", url)
    assert "is not an http(s) URL" in message


def test_a_bad_date_is_refused(developed: Path, run: Run) -> None:
    message = refused(developed, run, "shipping", "--url", URL, "--date", "last tuesday")
    assert "--date 'last tuesday' is not YYYY-MM-DD" in message


def test_missing_url_is_a_usage_error(developed: Path, run: Run) -> None:
    before = snapshot(developed)
    result = run("publish", "shipping")
    assert result.exit_code == 2 and "Missing option '--url'" in result.stderr
    assert snapshot(developed) == before


def test_unknown_reference_is_refused(developed: Path, run: Run) -> None:
    message = refused(developed, run, "no-such-thing", "--url", URL)
    assert message == "contentkit: error: no seed or draft matches 'no-such-thing' in seeds/ or drafts/"


def test_ambiguous_seed_reference_is_refused(developed: Path, run: Run) -> None:
    assert "is ambiguous" in refused(developed, run, "2025-11", "--url", URL)


def test_a_draft_whose_seed_is_gone_is_refused(developed: Path, run: Run) -> None:
    draft = developed / DRAFT
    draft.write_bytes(draft.read_bytes().replace(SEED.encode(), b"seeds/gone.md"))
    message = refused(developed, run, DRAFT, "--url", URL)
    assert message == f"contentkit: error: {DRAFT}: its seed seeds/gone.md does not exist"


def test_a_variants_file_is_not_a_draft(developed: Path, run: Run) -> None:
    assert run("variants", "shipping").exit_code == 0
    message = refused(developed, run, f"drafts/linkedin/{STEM}.variants.md", "--url", URL)
    assert "holds variants, not a draft" in message


def test_a_draft_with_broken_front_matter_stops_everything(developed: Path, run: Run) -> None:
    draft = developed / DRAFT
    draft.write_bytes(draft.read_bytes().replace(b"status: draft\n", b"status: [draft\n"))
    message = refused(developed, run, "shipping", "--url", URL)
    assert message.startswith(f"contentkit: error: {DRAFT}:") and "invalid YAML" in message


def test_dry_run_writes_nothing(developed: Path, run: Run) -> None:
    before = snapshot(developed)
    result = run("publish", "shipping", "--url", URL, "--dry-run")
    assert result.exit_code == 0
    assert f"update {SEED}: status published, published_url {URL}" in result.stdout
    assert f"update {DRAFT}: status published" in result.stdout
    assert "refresh INDEX.md" in result.stdout
    assert snapshot(developed) == before


def test_a_failed_write_leaves_every_file_as_it_was(
    developed: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(developed)
    real_replace = os.replace

    def failing_replace(src: str, dst: str | Path) -> None:
        if str(dst).endswith("INDEX.md"):
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(files.os, "replace", failing_replace)
    result = run("publish", "shipping", "--url", URL)
    assert result.exit_code == 1
    assert "No space left on device; nothing was changed" in result.stderr
    monkeypatch.undo()
    assert snapshot(developed) == before
    assert not [p for p in developed.rglob(".*.tmp")]


# --- the pure parts ----------------------------------------------------------------------------


@settings(max_examples=200)
@given(
    st.sampled_from(["http", "https", "HTTPS"]),
    st.from_regex(r"[a-z0-9]([a-z0-9-]{0,20}\.)+[a-z]{2,6}", fullmatch=True),
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp", "Cf", "Co", "Cn")), max_size=40),
)
def test_any_http_url_is_stored_exactly(scheme: str, host: str, path: str) -> None:
    url = f"{scheme}://{host}/{path}"
    text = (
        "---\ntype: moment\n# keep this comment\nstatus: developed  # trailing comment\n"
        "developed_to: 'drafts/linkedin/x.md'\ncreated: 2025-12-19T05:10:00Z\n---\n\n# Title\n"
    )
    seed = seeds.parse(text, Path("seeds/x.md"), Path("."))
    data = publish.published_seed(seed, publish.check_url(url), "2025-12-20T00:00:00Z")
    assert data is not None
    out = data.decode("utf-8")
    again = seeds.parse(out, Path("seeds/x.md"), Path("."))
    assert again.get("published_url") == url
    assert again.status == "published"
    kept = [line for line in out.splitlines() if not line.startswith(("published_", "status:"))]
    assert kept == [line for line in text.splitlines() if not line.startswith("status:")]
    assert "status: published  # trailing comment" in out


@pytest.mark.parametrize("url", ["file:///etc/passwd", "https://user@/x", "//example.com/x"])
def test_check_url_refuses(url: str) -> None:
    with pytest.raises(UsageError):
        publish.check_url(url)


def test_publish_drops_tracking_parameters_and_keeps_the_rest(developed: Path, run: Run) -> None:
    result = run("publish", "shipping", "--url", "https://example.com/watch?utm_source=x&v=B&trk=share#top",
                 "--date", "2025-11-05")
    assert result.exit_code == 0, result.output
    assert "published_url: https://example.com/watch?v=B#top\n" in (developed / DRAFT).read_text(encoding="utf-8")
    assert "published_url: https://example.com/watch?v=B#top\n" in (developed / SEED).read_text(encoding="utf-8")


@given(st.lists(st.sampled_from(["v=A", "utm_source=x", "UTM_CAMPAIGN=y", "trk=z", "p=2", "s=20", ""]), max_size=5),
       st.sampled_from(["", "#f"]))
def test_without_tracking_drops_only_the_noise(parameters: list[str], fragment: str) -> None:
    from contentkit.store import schema

    url = "https://example.com/a" + ("?" + "&".join(parameters) if parameters else "") + fragment
    kept = [p for p in parameters if p.split("=")[0].lower() not in ("utm_source", "utm_campaign", "trk", "s")]
    cleaned = schema.without_tracking(url)
    if len(kept) == len(parameters):
        assert cleaned == url
    else:
        assert cleaned == "https://example.com/a" + ("?" + "&".join(kept) if any(kept) else "") + fragment
