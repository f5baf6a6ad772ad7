"""A draft per platform: `developed_to` grows from one string to a block list, byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentkit.base import dates
from contentkit.markdown import frontmatter

from .conftest import Run, snapshot

SHIPPING = "seeds/2025-11-03__shipping-beats-polishing.md"
LINKEDIN = "drafts/linkedin/2025-11-03__shipping-beats-polishing.md"
X = "drafts/x/2025-11-03__shipping-beats-polishing.md"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "now_utc", lambda: "2025-11-04T09:00:00Z")


@pytest.mark.parametrize("newline", [b"\n", b"\r\n"])
@pytest.mark.parametrize(
    ("written", "comment"),
    [(LINKEDIN, b""), (f"'{LINKEDIN}'", b""), (f'"{LINKEDIN}"', b"  # the first post")],
)
def test_a_second_draft_turns_developed_to_into_a_list(
    repo: Path, run: Run, newline: bytes, written: str, comment: bytes
) -> None:
    assert run("develop", "shipping").exit_code == 0
    seed = repo / SHIPPING
    text = seed.read_bytes().replace(f"developed_to: {LINKEDIN}".encode(), f"developed_to: {written}".encode() + comment)
    text = text.replace(b"\n", newline)
    seed.write_bytes(text)
    result = run("develop", "shipping", "--platform", "x")
    assert result.exit_code == 0, result.output
    listed = b"developed_to:" + comment + newline + f"  - {LINKEDIN}".encode() + newline + f"  - {X}".encode()
    assert seed.read_bytes() == text.replace(f"developed_to: {written}".encode() + comment, listed)
    assert (repo / X).is_file() and (repo / LINKEDIN).is_file()
    rows = json.loads(run("list", "--json").stdout)
    assert next(r for r in rows if r["path"] == SHIPPING)["developed_to"] == [LINKEDIN, X]
    index = (repo / "INDEX.md").read_text(encoding="utf-8")
    assert f"({LINKEDIN}), [" in index and f"({X})" in index
    assert run("validate").exit_code == 0
    assert run("index", "--check").exit_code == 0


def test_redeveloping_one_platform_keeps_the_other_and_the_list(repo: Path, run: Run) -> None:
    run("develop", "shipping")
    run("develop", "shipping", "--platform", "x")
    seed = repo / SHIPPING
    before = seed.read_bytes()
    refused = run("develop", "shipping", "--platform", "x")
    assert refused.exit_code == 1 and f"already developed (see {X}); use --force" in refused.stderr
    assert run("develop", "shipping", "--platform", "x", "--force", "--hook", "2").exit_code == 0
    assert seed.read_bytes() == before
    shown = run("show", "shipping").stdout
    assert f"developed_to: {LINKEDIN}, {X}" in shown


def test_a_stale_draft_of_the_same_platform_is_replaced_not_added(repo: Path, run: Run) -> None:
    seed = repo / SHIPPING
    text = seed.read_bytes().replace(b"status: seed\n", b"status: developed\ndeveloped_to: draft/linkedin/old.md\n")
    seed.write_bytes(text)
    assert run("develop", "shipping").exit_code == 0  # the link names no file: nothing to lose
    expected = text.replace(b"draft/linkedin/old.md", LINKEDIN.encode())
    assert seed.read_bytes() == expected.replace(b"- [ ] Develop", b"- [x] Develop")


def test_a_linked_draft_that_exists_needs_force(repo: Path, run: Run) -> None:
    seed = repo / SHIPPING
    text = seed.read_bytes().replace(b"status: seed\n", b"status: developed\ndeveloped_to: draft/linkedin/old.md\n")
    seed.write_bytes(text)
    (repo / "draft" / "linkedin").mkdir(parents=True)
    (repo / "draft" / "linkedin" / "old.md").write_text("my draft\n", encoding="utf-8")
    refused = run("develop", "shipping")
    assert refused.exit_code == 1 and "already developed (see draft/linkedin/old.md)" in refused.stderr
    assert seed.read_bytes() == text


def test_a_block_list_gets_the_third_draft_in_its_own_indentation(repo: Path, run: Run) -> None:
    (repo / "contentkit.toml").write_text("[platforms.mastodon]\nlimit = 500\n", encoding="utf-8")
    run("develop", "shipping")
    seed = repo / SHIPPING
    text = seed.read_bytes().replace(
        f"developed_to: {LINKEDIN}\n".encode(), f"developed_to:\n- {LINKEDIN}  # first\n# more to come\n".encode()
    )
    seed.write_bytes(text)
    (repo / "templates").mkdir(exist_ok=True)
    (repo / "templates" / "mastodon.md.j2").write_text("{{ hook }}\n", encoding="utf-8")
    result = run("develop", "shipping", "--platform", "mastodon")
    assert result.exit_code == 0, result.output
    drafts = "drafts/mastodon/2025-11-03__shipping-beats-polishing.md"
    assert seed.read_bytes() == text.replace(b"  # first\n", f"  # first\n- {drafts}\n".encode())


def test_a_developed_seed_refused_for_its_platform_changes_nothing(repo: Path, run: Run) -> None:
    run("develop", "shipping")
    before = snapshot(repo)
    assert run("develop", "shipping", "--platform", "linkedin").exit_code == 1
    assert snapshot(repo) == before


PATHS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=20)


@settings(max_examples=200)
@given(
    first=PATHS,
    new=st.lists(PATHS, min_size=1, max_size=3),
    style=st.sampled_from(["", "'", '"']),
    newline=st.sampled_from(["\n", "\r\n"]),
    form=st.sampled_from(["scalar", "block", "flow"]),
)
def test_set_list_changes_only_that_key(first: str, new: list[str], style: str, newline: str, form: str) -> None:
    value = frontmatter.scalar(first, style)
    body = {
        "scalar": f"developed_to: {value}  # c",
        "block": f"developed_to:\n  - {value}",
        "flow": f"developed_to: [{frontmatter.double_quoted(first)}]",
    }[form]
    text = f"---\na: 1  # keep\n{body}\nz: 'q'\n---\n# Body\n".replace("\n", newline)
    doc = frontmatter.parse(text)
    items = [first, *new]
    try:
        out = frontmatter.set_list(doc, "developed_to", items)
    except Exception as exc:  # the only acceptable failure is the located refusal
        assert "edit it by hand" in str(exc)
        return
    assert frontmatter.parse(out).meta == {**doc.meta, "developed_to": items}
    before, after = text.split(newline), out.split(newline)
    assert before[:2] == after[:2] and before[-4:] == after[-4:]  # every other line as it was


def test_publish_seed_with_two_drafts_names_them_and_publishing_one_by_path_works(repo: Path, run: Run) -> None:
    run("develop", "shipping")
    run("develop", "shipping", "--platform", "x")
    before = snapshot(repo)
    refused = run("publish", "shipping", "--url", "https://www.linkedin.com/posts/1")
    assert refused.exit_code == 1
    assert f"the seed has 2 unpublished drafts ({LINKEDIN}, {X}): publish one by its path" in refused.stderr
    assert snapshot(repo) == before
    done = run("publish", LINKEDIN, "--url", "https://www.linkedin.com/posts/1")
    assert done.exit_code == 0, done.stderr
    assert "status: published" in (repo / LINKEDIN).read_text(encoding="utf-8")
    assert "status: published" not in (repo / X).read_text(encoding="utf-8")


def test_publish_seed_with_one_existing_draft_of_two_links_publishes_it(repo: Path, run: Run) -> None:
    run("develop", "shipping")
    run("develop", "shipping", "--platform", "x")
    (repo / X).unlink()
    done = run("publish", "shipping", "--url", "https://www.linkedin.com/posts/1")
    assert done.exit_code == 0, done.stderr
    assert "status: published" in (repo / LINKEDIN).read_text(encoding="utf-8")


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("indent", ["", "  ", "    "])
def test_a_block_list_whose_first_item_is_replaced_stays_a_tight_list(newline: str, indent: str) -> None:
    text = f"---{newline}status: developed{newline}developed_to:{newline}{indent}- draft/linkedin/old.md{newline}"
    text += f"{indent}- {X}{newline}next: 1{newline}---{newline}"
    out = frontmatter.set_list(frontmatter.parse(text), "developed_to", [LINKEDIN, X])
    assert out == text.replace("draft/linkedin/old.md", LINKEDIN)


def test_platform_picks_the_seeds_draft_for_export_preview_schedule_and_publish(repo: Path, run: Run) -> None:
    """A seed with a LinkedIn and an X draft: the seed's name is ambiguous among the drafts, and
    --platform x picks the X one everywhere; show lists both with their platform and state."""
    run("develop", "shipping")
    run("develop", "shipping", "--platform", "x")
    x = "drafts/x/2025-11-03__shipping-beats-polishing.md"
    assert "ambiguous" in run("export", "shipping").stderr
    exported = run("export", "shipping", "--platform", "x")
    assert exported.exit_code == 0, exported.output
    assert exported.stdout == run("export", x).stdout
    previewed = run("preview", "shipping", "--platform", "x")
    assert previewed.exit_code == 0 and previewed.stdout == run("preview", x).stdout
    planned = run("schedule", "shipping", "--platform", "x", "--at", "2031-03-05T08:30")
    assert planned.exit_code == 0, planned.output
    assert f"scheduled {x} for Wed 5 Mar 2031, 08:30" in planned.stdout
    shown = run("show", "shipping").stdout
    assert "\nDrafts\n" in shown
    assert "  linkedin   draft" in shown and "drafts/linkedin/2025-11-03__shipping-beats-polishing.md" in shown
    assert "  x          scheduled Wed 5 Mar 2031, 08:30" in shown and x in shown
    published = run("publish", "shipping", "--platform", "linkedin", "--url", "https://www.linkedin.com/feed/update/urn:li:activity:1/")
    assert published.exit_code == 0, published.output
    assert "published drafts/linkedin/2025-11-03__shipping-beats-polishing.md" in published.stdout
    none = run("publish", "shipping", "--platform", "mastodon", "--url", "https://example.com/p")
    assert none.exit_code == 1
