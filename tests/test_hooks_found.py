"""Hooks and angles wherever writers put them (contentkit/model/hooks.py), in their languages."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contentkit.model import seed as seeds
from contentkit.model.sections import default_forms
from contentkit.model.vocabulary import CLOSERS, FORMS

from .conftest import Run

FRONT = "---\ntype: moment\ncreated: '2025-12-01'\nsource: idea\nplatform: linkedin\nstatus: seed\n---\n\n"


def parse(body: str) -> seeds.Seed:
    return seeds.parse(FRONT + body, Path("/r/seeds/x.md"), Path("/r"))


def test_the_vocabulary_names_every_kind_in_every_language() -> None:
    forms = default_forms()
    for kind, languages in FORMS.items():
        assert set(languages) >= set(CLOSERS), kind
        for language, headings in languages.items():
            for heading in headings:
                assert forms.kind_of(heading) == kind, (language, heading)


def test_sub_headings_are_one_hook_each_however_many_paragraphs() -> None:
    seed = parse("# T\n\n## Draft\n\n### HOOK A (Recommended)\n\nOne.\n\nTwo.\n\n### Hook B\n\n“Bee”\n")
    assert seed.hooks == ["One.\n\nTwo.", "Bee"]


def test_a_bold_label_list_labelled_lines_and_bracketed_lines() -> None:
    body = "# T\n\n## Notes\n\n**Hook options:**\n- \"One\"\n- Option B: «Two»\n\nHook: three\n(Hook: four)\n"
    assert parse(body).hooks == ["One", "Two", "three", "four"]


def test_the_angle_in_a_headings_label() -> None:
    seed = parse("# T\n\n## Angle: Defending the right to fail\n\nBecause failure teaches.\n")
    assert [(a.title, a.description) for a in seed.angles] == [
        ("Defending the right to fail", "Because failure teaches.")
    ]


def test_or_lines_join_the_paragraphs_of_one_hook_and_labels_go() -> None:
    body = (
        "# T\n\n## Potential Hook\n\n**Option A: Direct**\n\"First.\"\n\nor\n\n\"Second,\n\nstill second.\"\n"
    )
    assert parse(body).hooks == ["First.", "Second,\n\nstill second."]


def test_headings_in_the_writers_languages() -> None:
    for heading in ("Хук", "Gancho", "Accroches", "Aufhänger", "Câu mở đầu", "Kancalar", "Haczyki", "Хуки"):
        assert parse(f"# T\n\n## {heading}\n\n- „Eins“\n").hooks == ["Eins"], heading


LABELS = st.sampled_from(["", "Option A: ", "**Hook 2** ", "Hook: ", "Вариант 1: ", "Opción B: "])
QUOTES = st.sampled_from([("", ""), ('"', '"'), ("“", "”"), ("«", "»"), ("„", "“")])
WORDS = st.lists(st.sampled_from(["ship", "early", "day", "one", "команда", "đội", "équipe", "42%"]),
                 min_size=1, max_size=8).map(" ".join)
FORM = st.sampled_from(["list", "sub-heading", "bold label", "line"])


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(LABELS, QUOTES, WORDS), min_size=1, max_size=4), FORM,
       st.sampled_from(["Hook Ideas", "Хук", "Ganchos", "Accroches"]))
def test_generated_hooks_are_found_without_labels_or_quotes(
    hooks: list[tuple[str, tuple[str, str], str]], form: str, heading: str
) -> None:
    texts = [f"{label}{left}{words}{right}" for label, (left, right), words in hooks]
    if form == "list":
        body = f"## {heading}\n\n" + "".join(f"- {t}\n" for t in texts)
    elif form == "sub-heading":
        body = "## Draft\n\n" + "".join(f"### Hook {n}\n\n{t}\n\n" for n, t in enumerate(texts, 1))
    elif form == "bold label":
        body = "## Notes\n\n**Hook options:**\n" + "".join(f"- {t}\n" for t in texts)
    else:
        body = "## Notes\n\n" + "".join(f"Hook: {t}\n\n" for t in texts)
    assert parse(f"# Title\n\n{body}").hooks == [words for _label, _quotes, words in hooks]


def test_develop_skips_a_bracketed_note_and_says_so(repo: Path, run: Run) -> None:
    text = FRONT + "# Scene\n\n## Hooks\n\n- (Start with a scene: the AI did what was asked)\n- Real line.\n"
    (repo / "seeds" / "2025-12-01__scene.md").write_text(text, encoding="utf-8")
    result = run("develop", "scene")
    assert result.exit_code == 0, result.output
    assert "hook 1 is a note in brackets, not an opening line: the draft opens with hook 2" in result.stderr
    draft = (repo / "drafts/linkedin/2025-12-01__scene.md").read_text(encoding="utf-8")
    assert "\nReal line.\n" in draft and "(Start with" not in draft.split("<!--")[0]


OUTLINE_VI = (
    "---\ntype: moment\ncreated: '2025-12-01'\nsource: idea\nplatform: linkedin\nstatus: seed\n---\n\n"
    "# Bài học từ thất bại\n\n## Ý tưởng chính\n\nThất bại là cách nhanh nhất để học hỏi khi làm sản phẩm.\n\n"
    "## Câu mở đầu\n\n- Tôi đã thất bại ba lần trong một năm.\n\n## Phần 1\n\nChúng tôi ra mắt quá sớm.\n\n"
    "## Phần 2\n\nKhách hàng không hiểu sản phẩm của chúng tôi.\n\n## Kết + CTA\n\nBạn đã học được gì từ thất bại?\n"
)


def test_a_draft_keeps_the_outline_and_the_writers_own_closing(repo: Path, run: Run) -> None:
    (repo / "seeds" / "2025-12-01__that-bai.md").write_text(OUTLINE_VI, encoding="utf-8")
    result = run("develop", "that-bai")
    assert result.exit_code == 0, result.output
    draft = (repo / "drafts/linkedin/2025-12-01__that-bai.md").read_text(encoding="utf-8")
    post = draft.split("<!--")[0]
    for line in ("Tôi đã thất bại ba lần", "Chúng tôi ra mắt quá sớm.", "Khách hàng không hiểu",
                 "Bạn đã học được gì từ thất bại?", "**Phần 1**"):
        assert line in post
    assert not any(closer in post for closer in CLOSERS.values())  # `## Kết + CTA`: theirs, not ours


def test_a_lang_key_without_a_closer_adds_none(repo: Path, run: Run) -> None:
    text = OUTLINE_VI.replace("status: seed\n", "status: seed\nlang: ja\n")
    (repo / "seeds" / "2025-12-01__ja.md").write_text(text, encoding="utf-8")
    assert run("develop", "ja").exit_code == 0
    post = (repo / "drafts/linkedin/2025-12-01__ja.md").read_text(encoding="utf-8").split("<!--")[0]
    assert not any(closer in post for closer in CLOSERS.values())


LANGUAGES = sorted((Path(__file__).parent / "fixtures" / "languages").glob("*.md"))
_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+|[*_\"“”«»„]")


def own_lines(text: str) -> list[str]:
    """A seed's own lines: body text that is not a heading, markup and quotes set aside."""
    body = text.split("\n---\n", 1)[1]
    kept = (_MARK.sub("", line).strip() for line in body.splitlines() if not line.startswith("#"))
    return [line for line in kept if line]


@pytest.mark.parametrize("path", LANGUAGES, ids=[p.stem for p in LANGUAGES])
def test_each_language_develops_keeps_the_writers_lines_and_closes_in_its_language(
    repo: Path, run: Run, path: Path
) -> None:
    pytest.importorskip("py3langid")
    shutil.copy(path, repo / "seeds" / path.name)
    result = run("develop", path.stem)
    assert result.exit_code == 0, result.output
    post = (repo / "drafts" / "linkedin" / path.name).read_text(encoding="utf-8").split("<!--")[0]
    plain = _MARK.sub("", post)
    lines = own_lines(path.read_text(encoding="utf-8"))
    carried = [line for line in lines if line in plain]
    assert len(carried) * 2 >= len(lines), set(lines) - set(carried)
    others = [lang for lang, closer in CLOSERS.items() if closer in post and lang != path.stem]
    assert others == []
    text = path.read_text(encoding="utf-8")
    own_closing = "## Closing" in text or "## Cierre" in text
    assert (CLOSERS[path.stem] in post) != own_closing


def test_without_py3langid_a_post_gets_no_closing_line(
    repo: Path, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "py3langid", None)  # `import py3langid` raises ImportError
    shutil.copy(LANGUAGES[0], repo / "seeds" / "de.md")
    assert run("develop", "de").exit_code == 0
    post = (repo / "drafts" / "linkedin" / "de.md").read_text(encoding="utf-8")
    assert not any(closer in post for closer in CLOSERS.values())


def test_a_label_line_and_its_hook_in_one_paragraph_inside_an_angle() -> None:
    body = (
        "# T\n\n## Post Angle Options\n\n### Option A: \"Perfect Timing\"\n\n**Hook:**\n\"I was about to announce.\"\n\n"
        "**Core:**\n- timing\n"
    )
    seed = parse(body)
    assert seed.hooks == ["I was about to announce."]
    assert [a.title for a in seed.angles] == ["Perfect Timing"]


def test_each_paragraph_of_a_hook_loses_its_own_quotes(run: Run, repo: Path) -> None:
    body = "# T\n\n## Draft\n\n### HOOK B\n\n\"We deleted 150 tickets.\"\n\nNobody noticed.\n"
    assert parse(body).hooks == ["We deleted 150 tickets.\n\nNobody noticed."]
    (repo / "seeds" / "2025-12-01__t.md").write_text(FRONT + body, encoding="utf-8")
    assert "  1. We deleted 150 tickets.\n     \n     Nobody noticed.\n" in run("show", "2025-12-01__t").stdout


TITLES = st.lists(st.sampled_from(["Systems", "first", "model", "second", "Ракурс", "góc", "équipe"]),
                  min_size=1, max_size=5).map(" ".join)
ANGLE_FORM = st.sampled_from(["list", "option sub-heading", "labelled line", "heading label"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(TITLES, QUOTES), min_size=1, max_size=4), ANGLE_FORM,
       st.sampled_from(["Potential Angles", "Ракурсы", "Ángulos", "Góc nhìn"]))
def test_generated_angles_are_found_without_labels_or_quotes(
    angles: list[tuple[str, tuple[str, str]]], form: str, heading: str
) -> None:
    texts = [f"{left}{title}{right}" for title, (left, right) in angles]
    if form == "list":
        body = f"## {heading}\n\n" + "".join(f"{n}. **{t}** - why\n" for n, t in enumerate(texts, 1))
    elif form == "option sub-heading":
        body = f"## {heading}\n\n" + "".join(f"### Option {n}: {t}\n\n- why\n\n" for n, t in enumerate(texts, 1))
    elif form == "labelled line":
        body = "## Notes\n\n" + "".join(f"- Angle: {t}\n" for t in texts)
    else:
        body = "".join(f"## Angle: {t}\n\nwhy\n\n" for t in texts)
    assert [a.title for a in parse(f"# Title\n\n{body}").angles] == [title for title, _quotes in angles]
