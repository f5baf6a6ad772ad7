"""contentkit lint: each reader check on text written for it (and where it must stay silent), the
mapping of a finding back to the draft's line:col (property-tested), [lint] config, inline ignores,
the CLI's formats, export --plain, validate's warnings and the optional external tools."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentkit.store.config import DEFAULT_PLATFORMS
from contentkit.store.lint_settings import LintSettings
from contentkit.usecases.lint.run import lint

from .conftest import Run

LINKEDIN = DEFAULT_PLATFORMS["linkedin"]
BLUESKY = DEFAULT_PLATFORMS["bluesky"]
QUIET = LintSettings(proselint=False, vale=False, off=("CK607",))
HEAD = "---\nplatform: linkedin\n---\n\n"


def codes(body: str, profile: object = LINKEDIN, options: LintSettings = QUIET) -> list[str]:
    return [f.code for f in lint(HEAD + body, profile, options)]  # type: ignore[arg-type]


def where(body: str, code: str) -> list[tuple[int, int]]:
    return [(f.line, f.col) for f in lint(HEAD + body, LINKEDIN, QUIET) if f.code == code]


# --- each rule, where it fires and where it must not ---------------------------------------------


def test_pseudo_bold_fires_with_its_fix_and_real_bold_does_not() -> None:
    found = lint(HEAD + "We 𝗯𝘂𝗶𝗹𝘁 𝗶𝘁 and 𝘴𝘩𝘪𝘱𝘱𝘦𝘥.\n", LINKEDIN, QUIET)
    assert [(f.code, f.line, f.col, f.fix) for f in found] == [
        ("CK601", 5, 4, "built it"), ("CK601", 5, 17, "shipped")
    ]
    assert codes("We **built it** and *shipped*.\n") == []


def test_emoji_bullets_fire_and_a_single_emoji_does_not() -> None:
    assert where("Why:\n✅ fast\n✅ cheap\n🚀 fun\n", "CK602") == [(6, 1)]
    assert codes("🚀 Launch day! We shipped.\n\nMore below.\n") == []
    assert codes("Launch day 🚀 we shipped 🎉\n") == []
    assert codes("- ✅ fast\n- cheap\n") == []


def test_caps_runs_fire_and_acronyms_do_not() -> None:
    assert where("This is BIG NEWS FOR US today.\n", "CK603") == [(5, 9)]
    assert codes("NASA and the AI team met the CEO at IBM.\n") == []
    assert codes("Our API, SDK and CLI.\n") == []  # three acronyms, but not in a row


def test_lowercase_multiword_hashtags_fire_and_camelcase_and_short_tags_do_not() -> None:
    assert where("Thoughts.\n\n#productdiscovery\n", "CK604") == [(7, 1)]
    assert codes("#AI #ProductDiscovery #marketing #leadership\n") == []


def test_a_link_above_the_fold_is_a_trade_off_and_below_it_is_fine() -> None:
    found = [f for f in lint(HEAD + "Read https://example.com/post first.\n", LINKEDIN, QUIET) if f.code == "CK605"]
    assert [(f.line, f.col) for f in found] == [(5, 6)] and "trade-off" in found[0].message
    filler = "\n\n".join(["A line of text that takes room on the screen."] * 6)
    assert codes(f"{filler}\n\nhttps://example.com/post\n") == []
    assert codes("Intro.\n\n## First comment\n\nhttps://example.com/post\n") == []  # the comment is the place


def test_long_paragraphs_on_a_phone() -> None:
    long = " ".join(["word"] * 70)  # 349 characters: 9 phone lines of 40
    assert where(f"Short.\n\n{long}\n", "CK606") == [(7, 1)]
    assert codes(f"{' '.join(['word'] * 40)}\n") == []
    items = "\n".join(f"- {' '.join(['item'] * 12)}" for _ in range(5))  # a list is not a paragraph
    assert codes(f"Intro.\n\n{items}\n") == []


def test_readability_is_said_not_judged(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("textstat")
    found = lint(HEAD + "---\nlang: de\n---\n" if False else HEAD + "Das ist ein kurzer Satz. Er ist leicht.\n",
                 LINKEDIN, LintSettings(proselint=False, vale=False), "de")
    figure = [f for f in found if f.code == "CK607"]
    assert len(figure) == 1 and figure[0].severity == "info" and "Flesch" in figure[0].message
    assert [f for f in lint(HEAD + "Kurz und gut, sehr gut.\n", LINKEDIN, QUIET, "de") if f.code == "CK607"] == []


def test_readability_of_english_needs_no_download() -> None:
    """English syllables by hyphenation (pyphen): no cmudict, no network. Worked by hand for the easy
    post: 6 one-syllable words, 1 sentence: 206.835 - 1.015 * 6 - 84.6 * 1 = 116.1."""
    pytest.importorskip("pyphen")
    easy = lint(HEAD + "The cat sat on the mat.\n", LINKEDIN, LintSettings(proselint=False, vale=False), "en")
    [figure] = [f for f in easy if f.code == "CK607"]
    assert "Flesch reading ease 116 (en" in figure.message
    hard = lint(HEAD + "Organisational interoperability necessitates considerable deliberation.\n",
                LINKEDIN, LintSettings(proselint=False, vale=False), "en")
    [low] = [f for f in hard if f.code == "CK607"]
    assert int(low.message.split("ease ")[1].split()[0]) < 0 < 116


# --- config and inline ignores ---------------------------------------------------------------------


def test_config_turns_checks_off_and_changes_thresholds() -> None:
    body = "This is BIG NEWS today.\n"
    assert codes(body) == []
    assert codes(body, options=LintSettings(caps_words=2, proselint=False, vale=False, off=("CK607",))) == ["CK603"]
    assert codes("𝗯𝗼𝗹𝗱\n", options=LintSettings(off=("CK601", "CK607"), proselint=False, vale=False)) == []


def test_inline_ignore_on_the_line_or_the_line_before() -> None:
    assert codes("THIS IS HUGE <!-- contentkit: ignore CK603 -->\n") == []
    assert codes("<!-- contentkit: ignore CK603 -->\nTHIS IS HUGE\n") == []
    assert codes("<!-- contentkit: ignore -->\nTHIS IS HUGE 𝗯𝗼𝗹𝗱\n") == []
    assert codes("<!-- contentkit: ignore CK601 -->\nTHIS IS HUGE\n") == ["CK603"]
    assert codes("<!-- contentkit: ignore CK603 -->\n\nTHIS IS HUGE\n") == ["CK603"]


def test_a_bad_lint_table_is_a_config_error(repo: Path, run: Run) -> None:
    (repo / "contentkit.toml").write_text('[lint]\ncaps_words = 0\n', encoding="utf-8")
    result = run("lint")
    assert result.exit_code != 0 and "'lint.caps_words' must be a whole number >= 1" in result.stderr
    (repo / "contentkit.toml").write_text('[lint]\noff = ["CK999"]\n', encoding="utf-8")
    assert "unknown code 'CK999'" in run("lint").stderr


# --- mapping back to line:col, over generated drafts ---------------------------------------------

MARK = "𝗺𝗮𝗿𝗸"
WORDS = st.sampled_from(["alpha", "beta", "gamma", "x1", "ümlaut", "日本", "a-b", "C#"])
WRAP = st.sampled_from(["{}", "**{}**", "*{}*", "_{}_", "`{}`", "[{}](https://e.com/a)", "<!-- c -->{}", "{}<!-- c -->"])
FRONT = st.sampled_from(["---\nplatform: linkedin\ntitle: \"𝗻𝗼𝘁 𝘁𝗵𝗶𝘀\"\n---\n\n", "+++\nplatform = \"linkedin\"\n+++\n\n", ""])


@st.composite
def drafts(draw: st.DrawFn) -> tuple[str, int]:
    """A draft with one marker word somewhere in its prose, and the offset of the marker in it."""
    blocks: list[list[str]] = []
    for _ in range(draw(st.integers(1, 4))):
        lines = draw(st.lists(st.lists(WORDS, min_size=1, max_size=5).map(" ".join), min_size=1, max_size=3))
        blocks.append(lines)
    target = draw(st.integers(0, len(blocks) - 1))
    line = draw(st.integers(0, len(blocks[target]) - 1))
    wrap = draw(WRAP)
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    note = draw(st.sampled_from(["", "<!-- a note\nover lines -->", "<!-- 𝗻𝗼𝘁 𝘁𝗵𝗶𝘀 -->"]))
    text = draw(FRONT).replace("\n", ending)
    marker_at = -1
    for number, block in enumerate(blocks):
        if note and number == target:
            text += note.replace("\n", ending) + ending + ending
        for row, words in enumerate(block):
            if number == target and row == line:
                prefix = f"{words} "
                piece = wrap.format(MARK)
                marker_at = len(text) + len(prefix) + piece.index(MARK)
                text += prefix + piece + ending
            else:
                text += words + ending
        text += ending
    return text, marker_at


def _line_col(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset].replace("\r\n", "\n")
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


@settings(max_examples=150, deadline=None)
@given(drafts())
def test_a_finding_points_at_its_place_in_the_draft(case: tuple[str, int]) -> None:
    text, offset = case
    found = [f for f in lint(text, LINKEDIN, QUIET) if f.code == "CK601"]
    assert [(f.line, f.col) for f in found] == [_line_col(text, offset)]


# --- the command -----------------------------------------------------------------------------------

HOSTILE = (
    "---\nplatform: linkedin\nseed: seeds/x.md\n---\n\n<!-- note -->\n𝗕𝗶𝗴 𝗻𝗲𝘄𝘀: we **shipped**.\r\n\r\n"
    "✅ one\n✅ two\n\nTHIS IS HUGE.\n\n#productdiscovery #AI\n\n## First comment\n\nMore: 𝘪𝘵𝘢𝘭𝘪𝘤\n"
)


def _draft(repo: Path, text: str = HOSTILE) -> Path:
    path = repo / "drafts" / "linkedin" / "hostile.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def test_lint_text_json_and_github(repo: Path, run: Run) -> None:
    _draft(repo)
    result = run("lint", "drafts/linkedin/hostile.md")
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if " CK607 " not in line]  # the figure: said apart
    assert lines[0].startswith("drafts/linkedin/hostile.md:7:1: CK601 '𝗕𝗶𝗴 𝗻𝗲𝘄𝘀'") and "(fix: 'Big news')" in lines[0]
    assert [line.split(" ")[0] for line in lines[:-1]] == [
        "drafts/linkedin/hostile.md:7:1:", "drafts/linkedin/hostile.md:9:1:", "drafts/linkedin/hostile.md:12:1:",
        "drafts/linkedin/hostile.md:14:1:", "drafts/linkedin/hostile.md:18:7:",
    ]
    data = [d for d in json.loads(run("lint", "--format", "json").stdout) if d["code"] != "CK607"]
    assert [(d["line"], d["code"], d["fix"]) for d in data][::4] == [(7, "CK601", "Big news"), (18, "CK601", "italic")]
    github = run("lint", "--format", "github").stdout
    assert "::warning file=drafts/linkedin/hostile.md,line=9,col=1,title=CK602::" in github


def test_a_clean_draft_exits_0(repo: Path, run: Run) -> None:
    _draft(repo, "---\nplatform: linkedin\n---\n\nA plain post, well written.\n")
    result = run("lint")
    assert result.exit_code == 0 and result.stdout.endswith("0 errors, 0 warnings in 1 file\n")


def test_export_plain_maps_pseudo_bold_back(repo: Path, run: Run) -> None:
    _draft(repo)
    assert run("export", "hostile", "--plain").stdout.startswith("Big news: we shipped.\n")
    assert run("export", "hostile").stdout.startswith("𝗕𝗶𝗴 𝗻𝗲𝘄𝘀")
    assert run("export", "hostile", "--plain", "--first-comment").stdout == "More: italic\n"


def test_validate_reports_the_checks_as_warnings_when_switched_on(repo: Path, run: Run) -> None:
    _draft(repo)
    assert "CK60" not in run("validate", "drafts/linkedin/hostile.md").stdout  # off by default
    (repo / "contentkit.toml").write_text("[lint]\nvalidate = true\n", encoding="utf-8")
    out = run("validate", "drafts/linkedin/hostile.md").stdout
    assert "hostile.md:7:1: CK601" in out and "hostile.md:9:1: CK602" in out


def test_vale_on_path_is_run_on_the_exported_text(repo: Path, run: Run, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    tools = tmp_path / "bin"
    tools.mkdir()
    vale = tools / "vale"
    # a stand-in vale: flags the word 'shipped' wherever it is in the file it is given
    vale.write_text(
        "#!/bin/sh\nfor f; do :; done\n"
        "awk -v f=\"$f\" 'BEGIN{printf \"{\\\"%s\\\": [\", f} "
        "{i=index($0,\"shipped\"); if(i){printf \"%s{\\\"Line\\\": %d, \\\"Span\\\": [%d, %d], "
        "\\\"Check\\\": \\\"Test.Word\\\", \\\"Message\\\": \\\"no\\\"}\", s, NR, i, i+6; s=\",\"}} "
        "END{print \"]}\"}' \"$f\"\n",
        encoding="utf-8",
    )
    vale.chmod(vale.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
    _draft(repo, "---\nplatform: linkedin\n---\n\n<!-- shipped in a note -->\nWe **shipped** it.\n")
    data = json.loads(run("lint", "--format", "json").stdout)
    assert [(d["line"], d["col"], d["code"]) for d in data if d["code"] != "CK607"] == [(6, 6, "CK609")]


def test_proselint_asked_for_but_absent_is_said(repo: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    (repo / "contentkit.toml").write_text("[lint]\nproselint = true\n", encoding="utf-8")
    _draft(repo, "---\nplatform: linkedin\n---\n\nA plain post.\n")
    assert "CK608 proselint is not installed" in run("lint").stdout
    (repo / "contentkit.toml").write_text("", encoding="utf-8")
    assert "CK608" not in run("lint").stdout


def test_the_example_seeds_drafted_lint_clean_or_explained(repo: Path, run: Run) -> None:
    """The project's example seeds, developed, then linted: every finding is one we expect."""
    for seed in sorted((repo / "seeds").glob("*.md")):
        run("develop", seed.stem)
    result = run("lint")
    assert result.exit_code == 0, result.stdout
    assert result.stdout.endswith(" 0 warnings in 3 files\n")


def test_an_unreadable_draft_is_one_line_and_the_others_are_still_linted(repo: Path, run: Run) -> None:
    _draft(repo, "---\nplatform: linkedin\n---\n\nTHIS IS HUGE\n")
    (repo / "drafts" / "linkedin" / "binary.md").write_bytes(b"\xff\xfe not text")
    result = run("lint")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stdout.splitlines()[:2] == [
        "drafts/linkedin/binary.md:1:1: CK101 file is not valid UTF-8",
        "drafts/linkedin/hostile.md:5:1: CK603 'THIS IS HUGE' is in capitals: screen readers may spell it out "
        "or shout it, and it reads as shouting; use normal case (and emphasis in words)",
    ]
    named = run("lint", "drafts/linkedin/binary.md")
    assert named.exit_code == 1 and named.stderr == "contentkit: error: drafts/linkedin/binary.md:1:1: file is not valid UTF-8\n"
