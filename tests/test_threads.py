"""X threads: a `---` line splits a draft for a thread platform into numbered posts (issue 11, item 5)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from contentkit.platforms import posttext as post
from contentkit.platforms import threads
from contentkit.store.config import DEFAULT_PLATFORMS, Platform

from .conftest import Run, snapshot

STEM = "2025-11-03__shipping-beats-polishing"
X_DRAFT = f"drafts/x/{STEM}.md"
FRONT = f"---\ntype: draft\nstatus: draft\nseed: seeds/{STEM}.md\nplatform: x\n---\n\n"
X = DEFAULT_PLATFORMS["x"]


def write_x(repo: Path, body: str, rel: str = X_DRAFT, front: str = FRONT) -> Path:
    path = repo / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((front + body).encode("utf-8"))
    return path


def words(n: int) -> str:
    """Exactly `n` characters of text made of words."""
    text = ("abcd " * n)[:n]
    return text[:-1] + "x" if text.endswith(" ") else text


def diagnostics(run: Run, rel: str = X_DRAFT) -> list[tuple[str, int, str]]:
    result = run("validate", rel, "--format", "json")
    return [(d["code"], d["line"], d["message"]) for d in json.loads(result.stdout)]


# --- the profile setting ---------------------------------------------------------------------


def test_x_threads_by_default_linkedin_does_not() -> None:
    assert DEFAULT_PLATFORMS["x"].thread is True
    assert DEFAULT_PLATFORMS["linkedin"].thread is False


def test_thread_is_settable_in_the_config(repo: Path, run: Run) -> None:
    (repo / "contentkit.toml").write_text("[platforms.linkedin]\nthread = true\n", encoding="utf-8")
    write_x(repo, "One.\n\n---\n\nTwo.\n", rel=f"drafts/linkedin/{STEM}.md", front="")
    assert run("export", f"drafts/linkedin/{STEM}.md").stdout == "1/2 One.\n\n2/2 Two.\n"


def test_x_can_be_switched_back_to_single_posts(repo: Path, run: Run) -> None:
    (repo / "contentkit.toml").write_text("[platforms.x]\nthread = false\n", encoding="utf-8")
    write_x(repo, "One.\n\n---\n\nTwo.\n")
    assert run("export", X_DRAFT).stdout == "One.\n\nTwo.\n"


def test_a_thread_setting_that_is_not_a_boolean_is_a_located_error(repo: Path, run: Run) -> None:
    (repo / "contentkit.toml").write_text("[platforms.x]\nthread = 1\n", encoding="utf-8")
    write_x(repo, "One.\n")
    result = run("export", X_DRAFT)
    assert result.exit_code == 1
    assert result.stderr.endswith("contentkit.toml: 'platforms.x.thread' must be true or false\n")


# --- the split ----------------------------------------------------------------------------------


def test_export_numbers_the_posts_with_a_blank_line_between(repo: Path, run: Run) -> None:
    write_x(repo, "First **post**.\n---\nSecond post.\n\n---\n\n- a point\n- another\n")
    result = run("export", X_DRAFT)
    assert result.stdout == "1/3 First post.\n\n2/3 Second post.\n\n3/3 • a point\n• another\n"
    assert result.stderr == ""


def test_front_matter_code_blocks_and_html_blocks_do_not_split(repo: Path, run: Run) -> None:
    body = "Post one.\n\n```\n---\n```\n\n<div>\n---\n</div>\n\n    ---\n\n---\nPost two.\n"
    write_x(repo, body)
    posts = post.thread_stats(FRONT + body, X)
    assert [p.number for p in posts] == [1, 2]
    assert posts[0].text.startswith("1/2 Post one.\n\n---")
    assert posts[1].text == "2/2 Post two."


def test_a_draft_without_a_break_is_one_unnumbered_post(repo: Path, run: Run) -> None:
    write_x(repo, "Just one post.\n")
    assert run("export", X_DRAFT).stdout == "Just one post.\n"


def test_empty_posts_are_dropped(repo: Path, run: Run) -> None:
    write_x(repo, "---\n\nOne.\n\n---\n\n---\n\nTwo.\n\n---\n<!-- a note -->\n")
    assert run("export", X_DRAFT).stdout == "1/2 One.\n\n2/2 Two.\n"


def test_crlf_and_bom_drafts_split_the_same(repo: Path, run: Run) -> None:
    text = "\ufeff" + (FRONT + "One.\n---\nTwo.\n").replace("\n", "\r\n")
    write_x(repo, text, front="")
    assert run("export", X_DRAFT).stdout == "1/2 One.\n\n2/2 Two.\n"


def test_linkedin_drafts_keep_a_dash_line_as_markdown(repo: Path, run: Run) -> None:
    rel = f"drafts/linkedin/{STEM}.md"
    write_x(repo, "One.\n\n---\n\nTwo.\n", rel=rel, front=FRONT.replace("platform: x", "platform: linkedin"))
    assert run("export", rel).stdout == "One.\n\nTwo.\n"


# --- at and around the limit: the `n/N ` number counts ------------------------------------------


def test_a_post_of_exactly_280_with_its_number_is_within_the_limit(repo: Path, run: Run) -> None:
    write_x(repo, "Short opener.\n\n---\n\n" + words(280 - len("2/2 ")) + "\n")
    assert diagnostics(run) == []
    result = run("export", X_DRAFT)
    assert result.stderr == ""
    assert [len(p) for p in result.stdout.rstrip("\n").split("\n\n")] == [len("1/2 Short opener."), 280]


def test_one_character_more_is_over_and_names_the_post_and_its_line(repo: Path, run: Run) -> None:
    write_x(repo, "Short opener.\n\n---\n\n" + words(281 - len("2/2 ")) + "\n")
    over = [d for d in diagnostics(run) if d[0] == "CK501"]
    assert over == [("CK501", 12, "post 2/2 is 281 characters, over the x limit of 280 by 1")]
    assert run("validate", X_DRAFT).exit_code == 1
    result = run("export", X_DRAFT)
    assert "warning: drafts/x/" in result.stderr
    assert "post 2/2 is 281 characters" in result.stderr


def test_a_single_post_of_280_is_fine_and_281_is_over(repo: Path, run: Run) -> None:
    write_x(repo, words(280) + "\n")
    assert diagnostics(run) == []
    write_x(repo, words(281) + "\n")
    over = [d for d in diagnostics(run) if d[0] == "CK501"]
    assert over == [("CK501", 8, "the post is 281 characters, over the x limit of 280 by 1")]


def test_each_post_is_checked_on_its_own(repo: Path, run: Run) -> None:
    """Three posts of 200 characters: 600 in all, but each is within 280."""
    write_x(repo, "\n\n---\n\n".join(words(200) for _ in range(3)) + "\n")
    assert diagnostics(run) == []


def test_hashtag_advice_names_the_post(repo: Path, run: Run) -> None:
    write_x(repo, "One #a #b.\n\n---\n\nTwo #c #d #e\n")
    found = diagnostics(run)
    assert [(c, line) for c, line, _ in found] == [("CK502", 12)]
    assert found[0][2].startswith("post 2/2: 3 hashtags")


# --- preview ------------------------------------------------------------------------------------


def test_preview_shows_each_post_with_its_count(repo: Path, run: Run) -> None:
    write_x(repo, "One.\n\n---\n\n" + words(300) + "\n")
    out = run("preview", X_DRAFT).stdout
    assert "==== x, post 1/2 ====\ncharacters  8 / 280\n" in out
    assert "==== x, post 2/2 ====\ncharacters  304 / 280 (over the limit)\n" in out
    assert out.index("1/2 One.") < out.index("post 1/2 ====") < out.index("2/2 abcd") < out.index("post 2/2 ====")


def test_preview_json_lists_the_posts(repo: Path, run: Run) -> None:
    write_x(repo, "One.\n\n---\n\nTwo.\n")
    data = json.loads(run("preview", X_DRAFT, "--json").stdout)
    assert data["thread"] is True and data["over_limit"] is False
    assert [(p["post"], p["characters"], p["text"]) for p in data["posts"]] == [
        (1, 8, "1/2 One.\n"),
        (2, 8, "2/2 Two.\n"),
    ]


# --- develop writes a thread when the seed does not fit one post --------------------------------


def test_develop_for_x_writes_a_thread_within_the_limit(repo: Path, run: Run, reference_seed: bytes) -> None:
    seed = repo / "seeds" / "2025-12-19__ai-engineer.md"
    text = reference_seed.decode().replace("status: developed", "status: seed")
    seed.write_text("\n".join(line for line in text.split("\n") if not line.startswith("developed_to")))
    result = run("develop", "2025-12-19__ai-engineer", "--platform", "x")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr
    draft = repo / "drafts/x/2025-12-19__ai-engineer.md"
    posts = post.thread_stats(draft.read_text(), X)
    assert len(posts) > 2
    assert all(p.characters <= 280 for p in posts)
    hook = "We've failed AI projects with ML PhDs. We've shipped with engineers who learned ML on the job. The difference wasn't skills."
    assert posts[0].text == f"1/{len(posts)} {hook}"
    assert posts[1].text.startswith(f"2/{len(posts)} • The debate around")  # the core idea, then the points
    assert any("\n• Product vision unclear" in p.text for p in posts[1:-1])
    assert posts[-1].text.startswith(f"{len(posts)}/{len(posts)} Stop hiring for the wrong problem #")
    assert diagnostics(run, "drafts/x/2025-12-19__ai-engineer.md") == []


def test_develop_for_x_writes_one_post_when_it_fits(repo: Path, run: Run) -> None:
    seed = repo / "seeds" / "2025-11-20__tiny.md"
    seed.write_text(
        "---\ntype: moment\ncategory: content-seed\ncreated: '2025-11-20'\nsource: idea\nplatform: x\n"
        "status: seed\n---\n\n# Tiny\n\n## Core Idea\n\nSmall.\n\n## Key Points\n\n- one point\n\n"
        "## Potential Angles\n\n1. **\"Short\"** - it is\n\n## Hook Ideas\n\n- \"A hook.\"\n",
        encoding="utf-8",
    )
    before = snapshot(repo)
    assert run("develop", "tiny").exit_code == 0
    assert snapshot(repo) != before
    assert run("export", "drafts/x/2025-11-20__tiny.md").stdout == "A hook.\n\n• Small.\n• one point\n\nShort\n"


@settings(max_examples=60, deadline=None)
@given(
    hook=st.text(alphabet="abc xyz.,!?'", min_size=1, max_size=400),
    points=st.lists(st.text(alphabet="abcdef gh,.", min_size=1, max_size=300), max_size=8),
    closing=st.text(alphabet="Closing #tag", min_size=0, max_size=120),
    limit=st.integers(min_value=20, max_value=400),
)
def test_packed_posts_are_each_within_the_limit_as_the_split_measures_them(
    hook: str, points: list[str], closing: str, limit: int
) -> None:
    profile = Platform("x", limit=limit, fold_chars=0, fold_lines=0, hashtags=0, thread=True)
    packed = threads.pack(hook, points, closing, limit)
    measured = post.thread_stats(threads.SEPARATOR.join(packed), profile)
    assert all(p.characters <= limit for p in measured)
    assert len([m for m in measured if m.text]) == len([p for p in packed if post.post_text(p)])
    written = "".join(re.sub(r"^\d+/\d+ ", "", m.text) for m in measured)
    assert "".join(written.split()).startswith("".join(hook.split()))
