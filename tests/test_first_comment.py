"""A draft's `## First comment`: written by the packaged templates, left out of the post, exported alone,
previewed under the post, its length checked (CK504)."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from contentkit.model import firstcomment

from .conftest import Run

SEED = "seeds/2025-11-03__shipping-beats-polishing.md"
DRAFT = "drafts/linkedin/2025-11-03__shipping-beats-polishing.md"
MORE = "- Product discovery\n- Startup execution\n- Lean product development\n- Hiring\n- Team rituals\n- Feedback loops\n"


def with_links_and_themes(repo: Path) -> None:
    path = repo / SEED
    text = path.read_text(encoding="utf-8")
    text = text.replace("- Product discovery\n- Startup execution\n- Lean product development\n", MORE)
    text += "\n## Sources\n\n- The talk: https://example.com/talk.\n- [Notes](https://example.com/notes), again https://example.com/talk\n<!-- not this: https://example.com/hidden -->\n"
    path.write_text(text, encoding="utf-8")


def test_links_and_extra_hashtags_go_to_the_first_comment(repo: Path, run: Run) -> None:
    with_links_and_themes(repo)
    assert run("develop", "shipping").exit_code == 0
    draft = (repo / DRAFT).read_text(encoding="utf-8")
    section = draft[draft.index("\n## First comment\n"):]
    assert section == (
        "\n## First comment\n\nhttps://example.com/talk\n\nhttps://example.com/notes\n\n#FeedbackLoops\n"
    )
    post = run("export", DRAFT).stdout
    assert "#ProductDiscovery #StartupExecution #LeanProductDevelopment #Hiring #TeamRituals\n" in post
    assert "First comment" not in post and "#FeedbackLoops" not in post
    comment = run("export", DRAFT, "--first-comment")
    assert comment.exit_code == 0
    assert comment.stdout == "https://example.com/talk\n\nhttps://example.com/notes\n\n#FeedbackLoops\n"

    preview = run("preview", DRAFT).stdout
    assert preview.endswith(
        "==== first comment ====\nhttps://example.com/talk\n\nhttps://example.com/notes\n\n#FeedbackLoops\n\n"
        "characters  67 / 1,250\n"
    )
    assert "hashtags    5 (at most 5 recommended)" in preview
    data = json.loads(run("preview", DRAFT, "--json").stdout)
    assert data["first_comment"]["characters"] == 67 and data["first_comment"]["limit"] == 1250
    assert len(data["text"].rstrip("\n")) == data["characters"] and "First comment" not in data["text"]
    page = run("preview", DRAFT, "--html").stdout
    assert "data-first-comment" in page and "#FeedbackLoops" in page
    assert run("validate", DRAFT).exit_code == 0


def test_a_seed_with_neither_gets_no_section(repo: Path, run: Run) -> None:
    assert run("develop", "shipping").exit_code == 0
    assert "First comment" not in (repo / DRAFT).read_text(encoding="utf-8")
    missing = run("export", DRAFT, "--first-comment")
    assert missing.exit_code == 1
    assert missing.output == f"contentkit: error: {DRAFT}: has no '## First comment' section\n"
    assert json.loads(run("preview", DRAFT, "--json").stdout)["first_comment"] is None


def test_a_first_comment_over_the_comment_limit_is_ck504(repo: Path, run: Run) -> None:
    assert run("develop", "shipping").exit_code == 0
    path = repo / DRAFT
    base = path.read_text(encoding="utf-8")
    line = base.count("\n") + 2
    path.write_text(base + "\n## First comment\n\n" + "word " * 260 + "\n", encoding="utf-8")
    checked = run("validate", DRAFT)
    assert checked.exit_code == 1
    assert (f"{DRAFT}:{line}:1: CK504 the first comment is 1,299 characters; linkedin takes at most 1,250 "
            "in a comment (49 over)") in checked.stdout
    assert "CK501" not in checked.stdout
    exported = run("export", DRAFT, "--first-comment")
    assert exported.exit_code == 0 and "warning:" in exported.stderr
    (repo / "contentkit.toml").write_text("[platforms.linkedin]\ncomment_limit = 0\n", encoding="utf-8")
    assert run("validate", DRAFT).exit_code == 0
    (repo / "contentkit.toml").write_text("[platforms.linkedin]\ncomment_limit = -1\n", encoding="utf-8")
    bad = run("validate", DRAFT)
    assert bad.exit_code == 1 and "'platforms.linkedin.comment_limit' must be a whole number >= 0" in bad.output


def test_a_thread_keeps_its_posts_and_its_comment_apart(repo: Path, run: Run) -> None:
    with_links_and_themes(repo)
    assert run("develop", "shipping", "--platform", "x").exit_code == 0
    draft = "drafts/x/2025-11-03__shipping-beats-polishing.md"
    text = (repo / draft).read_text(encoding="utf-8")
    assert "\n## First comment\n" in text
    assert "First comment" not in run("export", draft).stdout
    assert run("export", draft, "--first-comment").stdout.startswith("https://example.com/talk\n")


def test_the_heading_counts_only_outside_code_and_comments() -> None:
    text = "Post\n\n```\n## First comment\n```\n<!--\n## First comment\n-->\n  ## first COMMENT ##\r\nLink\n"
    post, section, line = firstcomment.split(text)
    assert line == 9 and section == "Link\n"
    assert post == "Post\n\n```\n## First comment\n```\n<!--\n## First comment\n-->\n"
    assert firstcomment.split("### First comment\nx\n")[1] is None
    assert firstcomment.split("## First comments\nx\n")[1] is None


@given(post=st.text(), comment=st.text())
def test_split_gives_back_every_character(post: str, comment: str) -> None:
    text = post + "\n## First comment\n" + comment
    before, section, line = firstcomment.split(text)
    assert section is not None and line >= 2
    heading = text[len(before) : len(text) - len(section)]
    assert firstcomment.HEADING.fullmatch(heading.rstrip("\r\n"))
    assert before + heading + section == text


def test_variants_nest_each_first_comment_under_its_variant(repo: Path, run: Run) -> None:
    with_links_and_themes(repo)
    assert run("variants", "shipping").exit_code == 0
    text = (repo / "drafts" / "linkedin" / "2025-11-03__shipping-beats-polishing.variants.md").read_text(encoding="utf-8")
    assert "\n## First comment\n" not in text
    assert text.count("\n### First comment\n\nhttps://example.com/talk\n") == text.count("\n## Variant ")
    assert run("develop", "shipping", "--hook", "2", "--angle", "1").exit_code == 0  # the draft keeps ##
    assert "\n## First comment\n" in (repo / DRAFT).read_text(encoding="utf-8")


def test_an_empty_first_comment_is_exported_with_a_warning(repo: Path, run: Run) -> None:
    assert run("develop", "shipping").exit_code == 0
    path = repo / DRAFT
    path.write_text(path.read_text(encoding="utf-8") + "\n## First comment\n\n<!-- later -->\n", encoding="utf-8")
    result = run("export", DRAFT, "--first-comment")
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == f"warning: {DRAFT}: the '## First comment' section is empty\n"


def test_a_heading_below_the_first_comment_is_ck505(repo: Path, run: Run) -> None:
    """The section runs to the end of the draft: a heading below it would quietly take its text out
    of the post, so validate says where."""
    assert run("develop", "shipping").exit_code == 0
    path = repo / DRAFT
    base = path.read_text(encoding="utf-8")
    after = base.count("\n") + 6
    path.write_text(base + "\n## First comment\n\nLink\n\n## After\n\nmore\n", encoding="utf-8")
    checked = run("validate", DRAFT)
    assert checked.exit_code == 0  # a warning
    assert (f"{DRAFT}:{after}:1: CK505 '## After' is below '## First comment' (line {after - 4}): it and the "
            "text under it go in the first comment, not the post") in checked.stdout
    clean = base + "\n## First comment\n\nLink\n\n```\n## not a heading\n```\n<!--\n## nor this\n-->\n"
    path.write_text(clean, encoding="utf-8")
    assert "CK505" not in run("validate", DRAFT).stdout
