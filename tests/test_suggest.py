"""`contentkit suggest`: a stand-in model (a plugin registered here, and llm-echo) gives the answer;
the seed gets a marked sub-list and keeps every other byte; drafts carry the mark; stats compares."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from contentkit.model import seed as seeds
from contentkit.model import suggested
from contentkit.usecases import suggest

from .conftest import Run, snapshot
from .metrics_helpers import POSTS, publish_all, record

llm = pytest.importorskip("llm")

MARK = "<!-- suggested by canned on "
ANSWER = """Here are some ideas:
HOOK: "Nobody failed for lack of PhDs."
HOOK: # Not a heading
HOOK: 90% of AI projects fail. Not because of weak ML skills.
1. **HOOK:** The model was never the problem <!-- swallow the rest
- HOOK: Systems first. Then the model.
HOOK: ```
HOOK: """ + "word " * 100 + """
ANGLE: **Ownership beats credentials** - who owns the outcome decides if it ships
ANGLE: Systems first, model second - said already
ANGLE: The hiring checklist - what to ask before you hire
## ANGLE: a heading of its own
"""


class Canned(llm.Model):  # type: ignore[misc]
    """A model that answers what the test set, and remembers the prompt."""

    model_id = "canned"
    can_stream = False
    answer = ANSWER
    prompts: list[str] = []

    def execute(self, prompt: Any, stream: bool, response: Any, conversation: Any = None) -> Iterator[str]:
        Canned.prompts.append(prompt.prompt)
        yield Canned.answer


class Plugin:
    @llm.hookimpl  # type: ignore[misc]
    def register_models(self, register: Any) -> None:
        register(Canned())


@pytest.fixture(autouse=True)
def model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[type[Canned]]:
    """The canned model registered, llm's logs and settings in tmp_path."""
    monkeypatch.setenv("LLM_USER_PATH", str(tmp_path / "llm"))
    llm.plugins.pm.register(Plugin(), name="contentkit-test-canned")
    Canned.answer, Canned.prompts = ANSWER, []
    yield Canned
    llm.plugins.pm.unregister(name="contentkit-test-canned")


def seed_path(repo: Path, prefix: str = "2025-11-03") -> Path:
    return next((repo / "seeds").glob(f"{prefix}*.md"))


def without_suggestions(new: str) -> str:
    """The text with every line a suggestion run adds taken out: markers, their items, the blank
    line before a marker."""
    rows = new.splitlines(keepends=True)
    items = set(suggested.marked_rows(new))
    marks = {n for n, row in enumerate(rows) if suggested.MARK.match(row.strip())}
    blanks = {n - 1 for n in marks if n > 0 and not rows[n - 1].strip()}
    return "".join(row for n, row in enumerate(rows) if n not in items | marks | blanks)


def test_suggest_writes_only_the_marked_sub_lists(repo: Path, run: Run, reference_seed: bytes) -> None:
    path = repo / "seeds" / "moment.md"
    path.write_bytes(reference_seed)
    result = run("suggest", "moment", "-m", "canned")
    assert result.exit_code == 0, result.output
    new = path.read_text(encoding="utf-8")
    assert without_suggestions(new).encode() == reference_seed
    day = suggest.today_in("")
    assert '- "Nobody failed for lack of PhDs."\n- "Systems first. Then the model."\n' in new
    assert (f'4. **"AI Engineer vs ML Engineer vs Data Scientist"** - Role clarity for founders\n\n'
            f"{MARK}{day} -->\n"
            '5. **"Ownership beats credentials"** - who owns the outcome decides if it ships\n'
            '6. **"The hiring checklist"** - what to ask before you hire\n\n## Hook Ideas') in new
    assert "word word" in new and "…" in new  # the long hook, cut at a word
    for refused in ("Not a heading", "swallow", "```", "a heading of its own", "said already"):
        assert refused not in new
    assert new.count("90% of AI projects fail") == 1  # the seed's own, not again
    loaded = seeds.load(path, repo)
    assert loaded.hooks[:3] == seeds.parse(reference_seed, path, repo).hooks  # the writer's first, as they were
    assert len(loaded.hooks) == 6 and len(loaded.angles) == 6
    assert "added 3 hooks, 2 angles to seeds/moment.md" in result.stdout


def test_a_later_run_adds_its_own_sub_list(repo: Path, run: Run, model: type[Canned]) -> None:
    path = seed_path(repo)
    assert run("suggest", "shipping", "-m", "canned").exit_code == 0
    first = path.read_text(encoding="utf-8")
    model.answer = "HOOK: A second thought.\nHOOK: Nobody failed for lack of PhDs.\n"
    result = run("suggest", "shipping", "-m", "canned")
    assert result.exit_code == 0, result.output
    second = path.read_text(encoding="utf-8")
    assert second.count(MARK) == first.count(MARK) + 1
    assert second.count("Nobody failed for lack of PhDs.") == 1  # an earlier suggestion is not repeated
    assert without_suggestions(second) == without_suggestions(first)
    rest = second
    for line in first.splitlines(keepends=True):  # every earlier line, in order
        assert line in rest
        rest = rest[rest.index(line) + len(line) :]


def test_dry_run_writes_nothing(repo: Path, run: Run) -> None:
    before = snapshot(repo)
    result = run("suggest", "shipping", "-m", "canned", "--dry-run", "--hooks", "1", "--angles", "1")
    assert result.exit_code == 0, result.output
    assert snapshot(repo) == before
    assert result.stdout.splitlines() == [
        "hook: Nobody failed for lack of PhDs.",
        "angle: Ownership beats credentials - who owns the outcome decides if it ships",
    ]
    assert "Dry run, nothing written" in result.stderr


def test_json_names_the_model_and_what_was_written(repo: Path, run: Run) -> None:
    result = run("suggest", "shipping", "-m", "canned", "--json", "--angles", "0")
    data = json.loads(result.stdout)
    assert data["model"] == "canned" and data["angles"] == [] and len(data["hooks"]) == 4
    assert any(w.startswith("seeds/2025-11-03") for w in data["written"]) and data["examples"] == []


def test_no_metrics_is_said_and_the_prompt_has_no_examples(run: Run, model: type[Canned]) -> None:
    result = run("suggest", "shipping", "-m", "canned", "--dry-run")
    assert "no figures in metrics.csv yet: the prompt has no examples of your best hooks" in result.stderr
    assert "best posts" not in model.prompts[-1]
    assert "Shipping" in model.prompts[-1] or "shipping" in model.prompts[-1].lower()


def test_the_best_posts_hooks_are_the_examples(repo: Path, run: Run, model: type[Canned]) -> None:
    publish_all(run, ("shipping", "code-review"))
    record(run, "shipping", 1000, 10, 0, 0, "2025-11-20")  # 1%
    record(run, "code-review", 1000, 50, 0, 0, "2025-11-20")  # 5%: first
    result = run("suggest", "measure", "-m", "canned", "--json", "--dry-run")
    examples = json.loads(result.stdout)["examples"]
    assert [e["engagement_rate"] for e in examples] == [0.05, 0.01]
    prompt = model.prompts[-1]
    assert examples[0]["hook"] in prompt and prompt.index(examples[0]["hook"]) < prompt.index(examples[1]["hook"])


def test_the_prompt_and_the_model_are_logged_by_llm(tmp_path: Path, run: Run) -> None:
    from llm.cli import cli as llm_cli

    run("suggest", "shipping", "-m", "canned", "--dry-run")
    logged = CliRunner().invoke(llm_cli, ["logs", "-n", "1", "--json"])
    assert logged.exit_code == 0, logged.output
    entry = json.loads(logged.output)[0]
    assert entry["model"] == "canned" and "HOOK: " in entry["prompt"]
    assert (tmp_path / "llm" / "logs.db").is_file()


def test_an_unknown_model_is_one_line_exit_2(run: Run, repo: Path) -> None:
    before = snapshot(repo)
    result = run("suggest", "shipping", "-m", "no-such-model")
    assert result.exit_code == 2
    assert result.stderr == "contentkit: error: --model: Unknown model: no-such-model (see 'llm models')\n"
    assert snapshot(repo) == before


def test_a_model_that_fails_is_one_line(run: Run, model: type[Canned], monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: Canned, *args: Any, **kwargs: Any) -> Iterator[str]:
        raise RuntimeError("no key\nfor this model")

    monkeypatch.setattr(Canned, "execute", broken)
    result = run("suggest", "shipping", "-m", "canned")
    assert result.exit_code == 1
    assert result.stderr == "contentkit: error: model canned failed: no key for this model\n"


def test_llm_echo_stands_in_and_suggests_nothing(repo: Path, run: Run) -> None:
    pytest.importorskip("llm_echo")
    before = snapshot(repo)
    result = run("suggest", "shipping", "-m", "echo")
    assert result.exit_code == 0, result.output
    assert "echo suggested nothing new" in result.stdout
    assert snapshot(repo) == before


def test_without_the_extra_one_install_line(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "llm", None)
    result = run("suggest", "shipping")
    assert result.exit_code == 1
    assert "suggest needs llm (the 'suggest' extra): " in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_a_suggested_hook_keeps_its_mark_after_develop_and_stats_compare(repo: Path, run: Run) -> None:
    own = len(seeds.parse(seed_path(repo).read_bytes(), seed_path(repo), repo).hooks)
    assert run("suggest", "shipping", "-m", "canned", "--angles", "0").exit_code == 0
    POSTS["shipping"] = (own + 1, *POSTS["shipping"][1:])
    try:
        publish_all(run, ("shipping", "code-review"))
    finally:
        POSTS["shipping"] = (1, *POSTS["shipping"][1:])
    draft = (repo / "drafts/linkedin/2025-11-03__shipping-beats-polishing.md").read_text(encoding="utf-8")
    assert "hook: Nobody failed for lack of PhDs.\nhook_origin: suggested\n" in draft
    own_draft = (repo / "drafts/linkedin/2025-11-10__code-review-as-teaching.md").read_text(encoding="utf-8")
    assert "hook_origin" not in own_draft
    record(run, "shipping", 1000, 40, 0, 0, "2025-11-20")
    record(run, "code-review", 1000, 20, 0, 0, "2025-11-20")
    result = run("stats", "--by", "origin", "--min-posts", "1", "--json")
    groups = {g["group"]: g["median_engagement_rate"] for g in json.loads(result.stdout)["groups"]}
    assert groups == {"suggested": 0.04, "hand-written": 0.02}


def test_a_hook_moved_above_the_marker_is_the_writers(repo: Path, run: Run) -> None:
    path = seed_path(repo)
    assert run("suggest", "shipping", "-m", "canned", "--angles", "0").exit_code == 0
    text = path.read_text(encoding="utf-8")
    marker = next(line for line in text.splitlines(keepends=True) if line.startswith(MARK))
    moved = text.replace(marker + '- "Nobody failed for lack of PhDs."\n', marker)
    moved = moved.replace("\n\n" + marker, '\n- "Nobody failed for lack of PhDs."\n\n' + marker)
    path.write_text(moved, encoding="utf-8")
    seed = seeds.load(path, repo)
    marked = suggested.suggested_hooks(seed.doc.text, seed.section("hooks"), list(seed.sections.values()))
    assert "Nobody failed for lack of PhDs." not in marked and "Systems first. Then the model." in marked


# --- other languages and the repo's own headings -------------------------------------------------

LANGUAGES = sorted((Path(__file__).parent / "fixtures" / "languages").glob("*.md"))


@pytest.mark.parametrize("fixture", LANGUAGES, ids=lambda p: p.stem)
def test_every_language_fixture_keeps_its_bytes(repo: Path, run: Run, fixture: Path) -> None:
    path = repo / "seeds" / f"lang-{fixture.name}"
    path.write_bytes(fixture.read_bytes())
    before = seeds.load(path, repo)
    result = run("suggest", f"lang-{fixture.stem}", "-m", "canned")
    assert result.exit_code == 0, result.output
    new = path.read_text(encoding="utf-8")
    old = fixture.read_text(encoding="utf-8")
    for line in subsequence(old.splitlines(keepends=True), new.splitlines(keepends=True)):
        bare = line.rstrip("\n")
        assert not bare or suggested.MARK.match(bare) or bare.startswith(("- ", "#")), line
        assert not bare.startswith("#") or bare.lstrip("#").strip() in (
            suggested.heading_for("hooks", fixture.stem), suggested.heading_for("angles", fixture.stem)), line
    after = seeds.load(path, repo)
    assert after.hooks[: len(before.hooks)] == before.hooks
    assert "Nobody failed for lack of PhDs." in after.hooks
    assert [a.title for a in after.angles][: len(before.angles)] == [a.title for a in before.angles]


RUSSIAN = "---\nstatus: seed\nlang: ru\n---\n\n# Идея\n\n## Хуки\n\n* Первый хук\n\n## Ракурсы\n\n1) Один - два\n"


def test_a_seed_in_another_language(repo: Path, run: Run) -> None:
    path = repo / "seeds" / "idea.md"
    path.write_text(RUSSIAN, encoding="utf-8")
    assert run("suggest", "idea", "-m", "canned").exit_code == 0
    new = path.read_text(encoding="utf-8")
    assert without_suggestions(new) == RUSSIAN
    assert '* "Nobody failed for lack of PhDs."' not in new and "* Nobody failed for lack of PhDs." in new
    assert "2) Ownership beats credentials - who owns" in new


def test_a_missing_section_is_made_in_the_seeds_language(repo: Path, run: Run) -> None:
    path = repo / "seeds" / "idee.md"
    text = "---\nstatus: seed\nlang: de\n---\n\n# Idee\n\n## Kernidee\n\nText.\n\n## Nächste Schritte\n\n- [ ] los\n"
    path.write_text(text, encoding="utf-8")
    assert run("suggest", "idee", "-m", "canned").exit_code == 0
    new = path.read_text(encoding="utf-8")
    assert new.index("## Blickwinkel") < new.index("## Aufhänger") < new.index("## Nächste Schritte")
    seed = seeds.load(path, repo)
    assert seed.hooks[0] == "Nobody failed for lack of PhDs." and len(seed.angles) == 3


def test_the_repos_own_heading_forms(repo: Path, run: Run) -> None:
    (repo / "contentkit.toml").write_text('[sections]\nhooks = ["Openers Bank"]\n', encoding="utf-8")
    path = repo / "seeds" / "own.md"
    text = "---\nstatus: seed\n---\n\n# Own\n\n## Openers Bank\n\n+ mine\n\n## Notes\n\nkeep\n"
    path.write_text(text, encoding="utf-8")
    assert run("suggest", "own", "-m", "canned", "--angles", "0").exit_code == 0
    new = path.read_text(encoding="utf-8")
    assert new.startswith(text.split("\n## Notes")[0] + "\n" + MARK)
    assert "+ Nobody failed for lack of PhDs.\n" in new and new.endswith("## Notes\n\nkeep\n")


# --- any seed shape: every byte kept ----------------------------------------------------------


@st.composite
def seed_shapes(draw: st.DrawFn) -> str:
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    marker = draw(st.sampled_from(["- ", "* ", "+ ", "1. ", "3) "]))
    quoted = draw(st.booleans())
    words = st.text(alphabet="abc xyz", min_size=1, max_size=12).map(str.strip).filter(bool)
    parts = ["---", "status: seed", "---", "", "# Title", ""]
    if draw(st.booleans()):
        parts += ["## Core Idea", "", draw(words), ""]
    for heading in ("## Potential Angles", "## Hook Ideas"):
        if draw(st.booleans()):
            parts += [heading, ""]
            shape = draw(st.sampled_from(["list", "paragraphs", "sub-headings"]))
            for n, text in enumerate(draw(st.lists(words, max_size=3, unique=True))):
                bullet = marker if not marker[0].isdigit() else f"{int(marker[0]) + n}{marker[1:]}"
                written = f'"{text}"' if quoted else text
                parts += {"list": [bullet + written], "paragraphs": [written, ""],
                          "sub-headings": [f"### Option {n + 1}", "", written, ""]}[shape]
            parts += [""] * draw(st.integers(0, 2))
    if draw(st.booleans()):
        parts += ["## Next Steps", "", "- [ ] develop"]
    text = newline.join(parts)
    return text if draw(st.booleans()) else text + newline


def subsequence(old: list[str], new: list[str]) -> list[str]:
    """The lines of `new` left over once `old` is matched in order (fails when it is not)."""
    extra, at = [], 0
    for line in new:
        if at < len(old) and line == old[at]:
            at += 1
        else:
            extra.append(line)
    assert at == len(old), "a line of the seed is gone or changed"
    return extra


@given(text=seed_shapes(), hooks=st.lists(st.sampled_from(["Fresh one", "Other idea", "Third"]), max_size=3,
                                         unique=True))
def test_any_seed_shape_keeps_every_byte(tmp_path_factory: pytest.TempPathFactory, text: str,
                                         hooks: list[str]) -> None:
    root = tmp_path_factory.mktemp("shape")
    path = root / "seed.md"
    seed = seeds.parse(text, path, root)
    found = suggest.Suggestions(tuple(hooks), (("New angle", "why"),), 0)
    new, hook_lines, angle_lines = suggest.edited(seed, found, "canned", "2026-01-02")
    newline = "\r\n" if "\r\n" in text else "\n"
    assert new.endswith(newline) == text.endswith(newline)
    assert "\n" not in new.replace("\r\n", "") if newline == "\r\n" else "\r" not in new
    extra = subsequence((text + newline).splitlines(keepends=True), (new + newline).splitlines(keepends=True))
    allowed = {"", "<!-- suggested by canned on 2026-01-02 -->", "## Hook Ideas", "## Potential Angles",
               "### Hook Ideas", "### Potential Angles"}
    for line in extra:
        bare = line.rstrip("\r\n")
        assert bare in allowed or any(h in bare for h in hooks) or "New angle - why" in bare, line
    again = seeds.parse(new, path, root)
    assert again.hooks == [*seed.hooks, *hooks]
    assert [a.title for a in again.angles] == [*(a.title for a in seed.angles), "New angle"]
    assert hook_lines == tuple(hooks)


def test_llm_is_imported_only_when_suggest_runs(repo: Path) -> None:
    """The command table, develop and stats never load llm (nor its plugins)."""
    import subprocess

    code = (
        "import sys\n"
        "from contentkit.cli import suggest, develop, metrics\n"
        "import contentkit.usecases.suggest, contentkit.usecases.develop, contentkit.usecases.metrics.stats\n"
        "assert 'llm' not in sys.modules, 'llm imported'\n"
    )
    env = {**__import__("os").environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=repo)
    assert done.returncode == 0, done.stderr


def test_a_bom_crlf_seed_without_a_final_newline(repo: Path, run: Run) -> None:
    path = repo / "seeds" / "bom.md"
    old = "\ufeff---\r\nstatus: seed\r\n---\r\n\r\n# Bom\r\n\r\n## Hook Ideas\r\n\r\n1. mine".encode()
    path.write_bytes(old)
    assert run("suggest", "bom", "-m", "canned", "--angles", "0").exit_code == 0
    new = path.read_bytes()
    assert new.startswith(old + b"\r\n\r\n<!-- suggested by canned on ")
    assert b"\r\n4. Systems first. Then the model.\r\n5. word word " in new and new.endswith("word…".encode())
    assert not new.endswith(b"\n") and b"\n" not in new.replace(b"\r\n", b"")


def test_a_damaged_metrics_file_is_said_and_suggest_goes_on(repo: Path, run: Run) -> None:
    (repo / "metrics.csv").write_text("not,a,metrics,file\n1,2\n", encoding="utf-8")
    result = run("suggest", "shipping", "-m", "canned", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "metrics.csv:1: the header row" in result.stderr and "the prompt has no examples of your best hooks" in result.stderr
    assert result.stdout.startswith("hook: Nobody failed for lack of PhDs.\n")
