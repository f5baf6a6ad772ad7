"""`contentkit develop`: the draft, the seed edits, INDEX.md, and all-or-nothing writes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from contentkit.base import dates
from contentkit.markdown import frontmatter
from contentkit.store.repo import Repo
from contentkit.usecases import develop

from .conftest import PROJECT, Run, snapshot

SHIPPING = "seeds/2025-11-03__shipping-beats-polishing.md"
SHIPPING_DRAFT = "drafts/linkedin/2025-11-03__shipping-beats-polishing.md"
GOLDEN = PROJECT / "tests" / "golden" / "2025-11-03__shipping-beats-polishing.draft.md"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "now_utc", lambda: "2025-11-04T09:00:00Z")



def test_develop_writes_the_golden_draft(repo: Path, run: Run) -> None:
    result = run("develop", "shipping")
    assert result.exit_code == 0, result.output
    assert f"developed {SHIPPING} -> {SHIPPING_DRAFT} (hook 1, angle 1)" in result.stdout
    assert (repo / SHIPPING_DRAFT).read_text(encoding="utf-8") == GOLDEN.read_text(encoding="utf-8")


def test_develop_changes_exactly_three_seed_lines(repo: Path, run: Run) -> None:
    before = (repo / SHIPPING).read_bytes()
    run("develop", SHIPPING)
    after = (repo / SHIPPING).read_bytes()
    expected = before.replace(
        b"status: seed\n", f"status: developed\ndeveloped_to: {SHIPPING_DRAFT}\n".encode()
    ).replace(b"- [ ] Develop into full LinkedIn post", b"- [x] Develop into full LinkedIn post")
    assert after == expected


def test_reference_seed_keeps_every_other_byte(repo: Path, run: Run, reference_seed: bytes) -> None:
    crlf = b"\xef\xbb\xbf" + reference_seed.replace(b"\n", b"\r\n")
    (repo / "seeds" / "ref.md").write_bytes(crlf)
    result = run("develop", "ref", "--force", "--hook", "2", "--angle", "3")
    assert result.exit_code == 0, result.output
    after = (repo / "seeds" / "ref.md").read_bytes()
    expected = crlf.replace(
        b'developed_to: "draft/linkedin/2025-12-19__ai-engineer-vs-ml-engineer-hiring.md"',
        b'developed_to: "drafts/linkedin/ref.md"',
    ).replace(b"- [ ] Develop into", b"- [x] Develop into")
    assert after == expected
    draft = (repo / "drafts" / "linkedin" / "ref.md").read_text(encoding="utf-8")
    assert draft.split("---\n", 2)[2].startswith("\n90% of AI projects fail. Not because of weak ML skills.\n")
    assert "It's a product/ownership problem" in draft
    assert "#AINativeSystems #HiringForStartups" in draft


def test_draft_front_matter_links_back_to_the_seed(repo: Path, run: Run) -> None:
    run("develop", "shipping", "--hook", "2", "--angle", "3")
    text = (repo / SHIPPING_DRAFT).read_text(encoding="utf-8")
    assert text.startswith(
        "---\ntype: draft\nstatus: draft\nseed: seeds/2025-11-03__shipping-beats-polishing.md\n"
        "platform: linkedin\n"
    )
    assert "angle: Embarrassment as a signal\n" in text
    assert "hook: 1" not in text
    assert "<!-- contentkit: the hooks and angles not used here" in text
    assert "hook 1: We spent three weeks" in text and "angle 1: The polish trap" in text


def test_develop_refreshes_the_index(repo: Path, run: Run) -> None:
    run("develop", "shipping")
    index = (repo / "INDEX.md").read_text(encoding="utf-8")
    assert "## Developed (1)" in index
    assert f"[2025-11-03__shipping-beats-polishing.md]({SHIPPING_DRAFT})" in index
    assert run("index", "--check").exit_code == 0


def test_developed_seed_is_refused_without_force(repo: Path, run: Run) -> None:
    run("develop", "shipping")
    before = snapshot(repo)
    result = run("develop", "shipping")
    assert result.exit_code == 1
    assert f"already developed (see {SHIPPING_DRAFT}); use --force" in result.stderr
    assert snapshot(repo) == before


def test_a_link_to_a_draft_that_is_not_there_is_developed_without_force(repo: Path, run: Run) -> None:
    """A seed copied in with `status: developed` and a developed_to naming no file (the reference seed
    names draft/linkedin/...): there is no text to lose, so the draft is written and the link repointed."""
    seed = repo / SHIPPING
    text = seed.read_text(encoding="utf-8")
    text = text.replace("status: seed", 'status: developed\ndeveloped_to: "draft/linkedin/gone.md"', 1)
    seed.write_text(text, encoding="utf-8")
    result = run("develop", "shipping")
    assert result.exit_code == 0, result.stderr
    assert (repo / SHIPPING_DRAFT).is_file()
    after = seed.read_text(encoding="utf-8")
    assert f'developed_to: "{SHIPPING_DRAFT}"' in after and "gone.md" not in after
    again = run("develop", "shipping")
    assert again.exit_code == 1 and f"already developed (see {SHIPPING_DRAFT})" in again.stderr


def test_existing_draft_is_never_overwritten_without_force(repo: Path, run: Run) -> None:
    draft = repo / SHIPPING_DRAFT
    draft.parent.mkdir(parents=True)
    draft.write_text("my own edits\n", encoding="utf-8")
    before = snapshot(repo)
    result = run("develop", "shipping")
    assert result.exit_code == 1
    assert "already exists and may hold your edits; use --force" in result.stderr
    assert snapshot(repo) == before
    assert run("develop", "shipping", "--force").exit_code == 0
    assert draft.read_text(encoding="utf-8") != "my own edits\n"
    kept = list((repo / ".contentkit" / "kept").rglob("*.md"))
    assert [k.read_text(encoding="utf-8") for k in kept] == ["my own edits\n"]


def test_dry_run_prints_the_draft_and_writes_nothing(repo: Path, run: Run) -> None:
    before = snapshot(repo)
    result = run("develop", "shipping", "--dry-run")
    assert result.exit_code == 0
    assert "We spent three weeks on an animation 80% of users skipped." in result.stdout
    assert f"write {SHIPPING_DRAFT}" in result.stderr
    assert "refresh INDEX.md" in result.stderr
    assert snapshot(repo) == before


def test_template_error_changes_nothing(repo: Path, run: Run) -> None:
    (repo / "templates").mkdir()
    (repo / "templates" / "linkedin.md.j2").write_text("{{ hook }}\n\n{{ seed.core_ideaa }}\n", encoding="utf-8")
    before = snapshot(repo)
    result = run("develop", "shipping")
    assert result.exit_code == 1
    assert result.stderr.startswith("contentkit: error: templates/linkedin.md.j2:3: template error:")
    assert "core_ideaa" in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(repo) == before


def test_template_syntax_error_is_located(repo: Path, run: Run) -> None:
    (repo / "templates").mkdir()
    (repo / "templates" / "linkedin.md.j2").write_text("ok\n{% if %}\n", encoding="utf-8")
    result = run("develop", "shipping")
    assert result.exit_code == 1
    assert "templates/linkedin.md.j2:2: template syntax error" in result.stderr


def test_missing_template_is_a_clear_error(run: Run) -> None:
    result = run("develop", "shipping", "--template", "nope")
    assert result.exit_code == 1
    assert "template 'nope.md.j2' not found" in result.stderr


def test_repo_template_overrides_the_packaged_one(repo: Path, run: Run) -> None:
    (repo / "templates").mkdir()
    (repo / "templates" / "linkedin.md.j2").write_text("{{ hook }} / {{ angle.title }}\n", encoding="utf-8")
    run("develop", "shipping")
    body = (repo / SHIPPING_DRAFT).read_text(encoding="utf-8").split("---\n", 2)[2]
    assert body == "\nWe spent three weeks on an animation 80% of users skipped. / The polish trap\n"


def test_seed_text_is_data_not_template_code(repo: Path, run: Run) -> None:
    seed = repo / SHIPPING
    text = seed.read_text(encoding="utf-8").replace(
        '- "We spent three weeks', '- "{{ 7 * 6 }} {% raw %}x{{ config }} We spent three weeks'
    )
    seed.write_text(text, encoding="utf-8")
    assert run("develop", "shipping").exit_code == 0
    draft = (repo / SHIPPING_DRAFT).read_text(encoding="utf-8")
    assert "{{ 7 * 6 }} {% raw %}x{{ config }} We spent three weeks" in draft
    assert "42" not in draft


def test_unwritable_drafts_folder_changes_nothing(repo: Path, run: Run) -> None:
    """drafts/linkedin is a file here, so the draft cannot be written (even by root)."""
    (repo / "drafts").mkdir()
    (repo / "drafts" / "linkedin").write_text("not a folder\n", encoding="utf-8")
    before = snapshot(repo)
    result = run("develop", "shipping")
    assert result.exit_code == 1
    assert "cannot write" in result.stderr
    assert snapshot(repo) == before


def test_failed_write_restores_files_already_replaced(repo: Path, monkeypatch: pytest.MonkeyPatch, run: Run) -> None:
    """A failure halfway through the moves leaves seed, draft and INDEX.md as they were."""
    run("index")
    before = snapshot(repo)
    real_replace = os.replace

    def flaky(src: str, dst: str) -> None:
        """The draft goes in first; the seed's replace fails."""
        if str(dst).endswith(SHIPPING.split("/")[1]):
            raise PermissionError(13, "Permission denied")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", flaky)
    result = run("develop", "shipping")
    monkeypatch.setattr(os, "replace", real_replace)
    assert result.exit_code == 1
    assert "nothing was changed" in result.stderr
    assert snapshot(repo) == before


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (["develop", "nothing-like-this"], "no seed matches 'nothing-like-this'", 1),
        (["develop", "2025-11"], "'2025-11' is ambiguous: it matches seeds/2025-11-03__shipping", 1),
        (["develop", "shipping", "--hook", "9"], "--hook 9: the seed has 3 hooks", 2),  # usage errors
        (["develop", "shipping", "--angle", "4"], "--angle 4: the seed has 3 angles", 2),
    ],
)
def test_bad_references_are_one_line_errors(run: Run, args: list[str], message: str, code: int) -> None:
    result = run(*args)
    assert result.exit_code == code
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_seed_outside_the_repo_is_refused(repo: Path, run: Run, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.md"
    shutil.copy(repo / SHIPPING, outside)
    result = run("develop", str(outside))
    assert result.exit_code == 1
    assert "is outside the repo" in result.stderr


def test_seed_without_hooks_opens_with_its_title_and_says_so(repo: Path, run: Run) -> None:
    assert run("new", "Empty idea", "--date", "2025-11-20").exit_code == 0
    result = run("develop", "empty-idea")
    assert result.exit_code == 0, result.output
    assert "the seed has no hooks: the draft opens with its title" in result.stderr
    draft = (repo / "drafts/linkedin/2025-11-20__empty-idea.md").read_text(encoding="utf-8")
    assert frontmatter.parse(draft, Path("d.md")).body.lstrip().startswith("Empty idea\n")


def test_a_hook_asked_for_on_a_seed_without_hooks_is_a_usage_error(run: Run) -> None:
    assert run("new", "Empty idea", "--date", "2025-11-20").exit_code == 0
    result = run("develop", "empty-idea", "--hook", "2")
    assert result.exit_code == 2
    assert "the seed has no hooks" in result.stderr


@pytest.mark.slow  # real processes racing
def test_two_concurrent_develops_both_land_in_the_index(repo: Path) -> None:
    """Real processes: the lock makes the second wait, then index both."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "contentkit", "-C", str(repo), "develop", name],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for name in ("shipping", "code-review")
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
    index = (repo / "INDEX.md").read_text(encoding="utf-8")
    assert "## Developed (2)" in index
    assert "drafts/linkedin/2025-11-03__shipping-beats-polishing.md" in index
    assert "drafts/linkedin/2025-11-10__code-review-as-teaching.md" in index


# --- the lifecycle never goes backwards; --force never loses a draft's text ------------------

URL = "https://www.linkedin.com/posts/1"


def test_a_published_seed_is_never_developed_again(repo: Path, run: Run) -> None:
    run("develop", "shipping")
    draft = repo / SHIPPING_DRAFT
    draft.write_bytes(draft.read_bytes() + b"\nMy hand edits.\n")
    assert run("publish", "shipping", "--url", URL).exit_code == 0
    before = snapshot(repo)
    for args in (("develop", "shipping", "--force"), ("develop", "shipping"), ("develop", "shipping", "--dry-run")):
        result = run(*args)
        assert result.exit_code == 1
        line = (repo / SHIPPING).read_text(encoding="utf-8").split("\n").index("status: published") + 1
        assert result.stderr.startswith(f"contentkit: error: {SHIPPING}:{line}: published at {URL} from ")
        assert f"from {SHIPPING_DRAFT}: a published post's draft is not rewritten; " in result.stderr
        assert "--force" not in result.stderr
    assert run("develop", "shipping", "--force", "--platform", "linkedin").exit_code == 1
    assert snapshot(repo) == before


def test_a_published_seed_gets_a_draft_for_another_platform_and_stays_published(repo: Path, run: Run) -> None:
    run("develop", "shipping")
    assert run("publish", "shipping", "--url", URL).exit_code == 0
    seed = repo / SHIPPING
    before = seed.read_bytes()
    result = run("develop", "shipping", "--platform", "x")
    assert result.exit_code == 0, result.output
    x_draft = SHIPPING_DRAFT.replace("/linkedin/", "/x/")
    expected = before.replace(
        f"developed_to: {SHIPPING_DRAFT}\n".encode(),
        f"developed_to:\n  - {SHIPPING_DRAFT}\n  - {x_draft}\n".encode(),
    )
    assert seed.read_bytes() == expected  # still published, every other byte kept
    assert (repo / SHIPPING_DRAFT).read_text(encoding="utf-8").count("status: published") == 1
    assert run("validate").exit_code == 0


@pytest.mark.parametrize("status", ["published", "archived"])
def test_a_seed_past_developed_is_refused_even_without_a_url(repo: Path, run: Run, status: str) -> None:
    seed = repo / SHIPPING
    seed.write_text(seed.read_text(encoding="utf-8").replace("status: seed", f"status: {status}"))
    result = run("develop", "shipping", "--force")
    assert result.exit_code == 1
    message = f"already {status} (no published_url recorded) and it names no draft (no developed_to); "
    assert message in result.stderr


def test_a_published_draft_is_never_overwritten(repo: Path, run: Run) -> None:
    draft = repo / SHIPPING_DRAFT
    draft.parent.mkdir(parents=True)
    draft.write_text("---\ntype: draft\nstatus: published\n---\nPosted.\n", encoding="utf-8")
    before = snapshot(repo)
    result = run("develop", "shipping", "--force")
    assert result.exit_code == 1 and "is a published post" in result.stderr and "--force" not in result.stderr
    assert snapshot(repo) == before


def test_force_keeps_the_edited_draft_and_says_where(repo: Path, run: Run) -> None:
    run("develop", "shipping")
    draft = repo / SHIPPING_DRAFT
    edited = draft.read_bytes().replace(b"We spent", b"Honestly, we spent")
    draft.write_bytes(edited)
    result = run("develop", "shipping", "--force", "--hook", "2")
    assert result.exit_code == 0
    kept_line = result.stdout.splitlines()[-1]
    assert kept_line.startswith(f"kept the old text of {SHIPPING_DRAFT} in .contentkit/kept/drafts/linkedin/")
    kept = repo / kept_line.rsplit(" in ", 1)[1]
    assert kept.read_bytes() == edited and draft.read_bytes() != edited
    assert run("index", "--check", "--no-cache").exit_code == 0
    assert kept.name not in (repo / "INDEX.md").read_text(encoding="utf-8")
    assert ".contentkit" not in run("validate").stdout
    created = str(frontmatter.parse(draft.read_bytes()).meta["created"])
    same = develop.plan(Repo.discover(repo), repo / SHIPPING, develop.Options(hook=2, force=True), created)
    assert not same.kept  # the same text again: nothing to keep


def test_force_dry_run_names_the_kept_copy_and_writes_nothing(repo: Path, run: Run) -> None:
    draft = repo / SHIPPING_DRAFT
    draft.parent.mkdir(parents=True)
    draft.write_text("my own edits\n", encoding="utf-8")
    before = snapshot(repo)
    result = run("develop", "shipping", "--force", "--dry-run")
    assert f"keep the old text of {SHIPPING_DRAFT} in .contentkit/kept/{SHIPPING_DRAFT[:-3]}." in result.stderr
    assert snapshot(repo) == before and not (repo / ".contentkit" / "kept").exists()


def test_an_unknown_platform_is_refused_before_anything_is_written(repo: Path, run: Run) -> None:
    before = snapshot(repo)
    typo = run("develop", "shipping", "--platform", "linkdin")
    assert typo.exit_code == 2
    assert "--platform 'linkdin' is not a configured platform (known: bluesky, linkedin, mastodon, threads, x, x_premium); did you mean 'linkedin'?" in typo.stderr
    assert snapshot(repo) == before
    assert run("develop", "shipping", "--platform", "X").exit_code == 0  # a platform's name, case aside
    assert (repo / "drafts" / "x" / "2025-11-03__shipping-beats-polishing.md").is_file()


def test_a_seed_naming_an_unknown_platform_is_refused_at_its_line(repo: Path, run: Run) -> None:
    seed = repo / SHIPPING
    seed.write_text(seed.read_text(encoding="utf-8").replace("platform: linkedin", "platform: twitter"), encoding="utf-8")
    before = snapshot(repo)
    result = run("develop", "shipping")
    assert result.exit_code == 1
    line = seed.read_text(encoding="utf-8").splitlines().index("platform: twitter") + 1
    assert f"{SHIPPING}:{line}: platform 'twitter' is not configured (known: bluesky, linkedin, mastodon, threads, x, x_premium)" in result.stderr
    assert snapshot(repo) == before


def test_one_idea_in_two_language_folders_gets_a_draft_in_each(repo: Path, run: Run) -> None:
    """`en/idea-001.md` and `ru/idea-001.md` are one idea written twice: each develops into its own
    draft under its language folder, and the Russian draft carries no English."""
    seed = ("---\ntype: moment\ncategory: c\ncreated: '2025-12-01'\nsource: s\nplatform: linkedin\n"
            "status: seed\nlang: {lang}\n---\n# {title}\n\n## {core}\n{text}\n\n## {hooks}\n- {hook}\n")
    for lang, title, core, text, hooks, hook in [
        ("en", "Idea", "Core Idea", "Ship early.", "Hook Ideas", "Ship before you are ready."),
        ("ru", "Идея", "Основная идея", "Выпускайте рано.", "Хук", "Выпускайте раньше, чем готовы."),
    ]:
        (repo / "seeds" / lang).mkdir()
        (repo / "seeds" / lang / "idea-001.md").write_text(
            seed.format(lang=lang, title=title, core=core, text=text, hooks=hooks, hook=hook), encoding="utf-8")
    for lang in ("en", "ru"):
        result = run("develop", f"seeds/{lang}/idea-001.md")
        assert result.exit_code == 0, result.output
        assert f"-> drafts/linkedin/{lang}/idea-001.md" in result.output
    russian = (repo / "drafts/linkedin/ru/idea-001.md").read_text(encoding="utf-8").split("---", 2)[2]
    assert "Выпускайте раньше, чем готовы." in russian and "Выпускайте рано." in russian
    assert not any(word in russian for word in ("Does that", "hear where", "disagree"))
    assert "CK301" not in run("validate").output  # lang is a key contentkit reads
