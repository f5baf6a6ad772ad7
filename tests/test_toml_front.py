"""TOML front matter (`+++`, as Hugo writes it): read with located errors, edited one key at a time.

The property test builds a seed from labelled chunks (status and developed_to in several styles,
other keys with `#`, `=`, `]` and quotes inside strings, comments, multi-line arrays and strings, a
table after the top-level keys) in LF or CRLF, maybe with a BOM; the file after develop, and after
publish, is built from the same chunks with only the intended ones replaced or inserted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
import tomllib
from hypothesis import given, settings
from hypothesis import strategies as st

from contentkit.base.errors import SeedError
from contentkit.markdown import frontmatter
from contentkit.model import seed as seeds
from contentkit.usecases import develop, publish

from .conftest import Run

DRAFT = "drafts/linkedin/x.md"
URL = "https://example.com/p/1"
WHEN = "2025-11-05T10:00:00Z"

STATUS_STYLES = {
    'status = "seed"{nl}': ('status = "developed"{nl}', 'status = "published"{nl}'),
    "status = 'seed'{nl}": ("status = 'developed'{nl}", "status = 'published'{nl}"),
    'status="seed"   # lifecycle{nl}': ('status="developed"   # lifecycle{nl}', 'status="published"   # lifecycle{nl}'),
    '  status = "seed"{nl}': ('  status = "developed"{nl}', '  status = "published"{nl}'),
}
DEVELOPED_TO_STYLES = {
    None: f'developed_to = "{DRAFT}"{{nl}}',
    'developed_to = ""{nl}': f'developed_to = "{DRAFT}"{{nl}}',
    "developed_to = ''  # not yet{nl}": f"developed_to = '{DRAFT}'  # not yet{{nl}}",
}
OTHER_CHUNKS = (
    'type = "moment"{nl}',
    "created = 2025-11-03T08:30:00Z{nl}",
    'title = "It\'s # not a comment = ]"  # quoted{nl}',
    "# a comment line{nl}",
    "{nl}",
    'tags = [{nl}  "one", # first{nl}  "two]",{nl}]{nl}',
    'note = """{nl}status = "not this one"{nl}"""{nl}',
    "lit = '''a '' b # ]'''{nl}",
    "when = 2025-11-03{nl}",
    "draft = true{nl}",
    'site.section = "dotted"{nl}',
)
TABLE = '{nl}[params]{nl}status = "not top-level"{nl}'
BODY = "{nl}# Title{nl}{nl}Some text.{nl}{nl}## Next Steps{nl}{nl}- [ ] Develop into a post{nl}- [ ] Another{nl}"


@dataclass(frozen=True)
class Case:
    nl: str
    bom: bool
    before: tuple[str, ...]
    status: str
    between: tuple[str, ...]
    developed_to: str | None
    table: bool

    def text(self, status: str, developed_to: str, extra: str, body: str) -> str:
        if self.developed_to is None:
            middle = [*self.before, status, developed_to, *self.between, extra]
        else:
            middle = [*self.before, status, *self.between, developed_to, extra]
        front = "+++{nl}" + "".join(middle) + (TABLE if self.table else "") + "+++{nl}"
        return ("\ufeff" if self.bom else "") + (front + body).format(nl=self.nl)

    def original(self) -> str:
        return self.text(self.status, self.developed_to or "", "", BODY)

    def developed(self) -> str:
        return self.text(STATUS_STYLES[self.status][0], DEVELOPED_TO_STYLES[self.developed_to], "", _ticked(BODY))

    def published(self) -> str:
        keys = f'published_url = "{URL}"{{nl}}published_at = "{WHEN}"{{nl}}'
        status = STATUS_STYLES[self.status][1]
        return self.text(status, DEVELOPED_TO_STYLES[self.developed_to], keys, _ticked(BODY))


def _ticked(body: str) -> str:
    return body.replace("- [ ] Develop", "- [x] Develop")


@st.composite
def cases(draw: st.DrawFn) -> Case:
    others = draw(st.lists(st.sampled_from(OTHER_CHUNKS), unique=True, max_size=8))
    cut = draw(st.integers(0, len(others)))
    return Case(
        nl=draw(st.sampled_from(["\n", "\r\n"])),
        bom=draw(st.booleans()),
        before=tuple(others[:cut]),
        status=draw(st.sampled_from(sorted(STATUS_STYLES))),
        between=tuple(others[cut:]),
        developed_to=draw(st.sampled_from([None, *sorted(k for k in DEVELOPED_TO_STYLES if k)])),
        table=draw(st.booleans()),
    )


def _seed(text: str) -> seeds.Seed:
    return seeds.parse(text.encode("utf-8"), Path("/repo/seeds/x.md"), Path("/repo"), rel="seeds/x.md")


@settings(max_examples=300, deadline=None)
@given(cases())
def test_develop_then_publish_change_only_the_intended_toml_lines(case: Case) -> None:
    seed = _seed(case.original())
    assert seed.doc.format == "toml" and seed.status == "seed"
    developed = develop.developed_seed(seed, DRAFT).decode("utf-8")
    assert developed == case.developed()
    published = publish.published_seed(_seed(developed), URL, WHEN)
    assert published is not None
    # the expected key order after publish: published_url after developed_to, published_at after it
    expected = case.published()
    if case.developed_to is None:
        expected = case.text(
            STATUS_STYLES[case.status][1],
            DEVELOPED_TO_STYLES[None] + f'published_url = "{URL}"{{nl}}published_at = "{WHEN}"{{nl}}',
            "",
            _ticked(BODY),
        )
    assert published.decode("utf-8") == expected


def _doc(text: str) -> frontmatter.Document:
    return frontmatter.parse(text.encode("utf-8"))


@settings(max_examples=300, deadline=None)
@given(st.text(), st.sampled_from(['k = "old"\n', "k = 'old'\n", "k = 1 # c\n", "other = 2\n", ""]))
def test_any_string_value_round_trips_through_toml_set_keys(value: str, line: str) -> None:
    doc = _doc(f"+++\n{line}x = [1,\n 2]\n+++\nbody\n")
    try:
        text = frontmatter.set_keys(doc, {"k": value})
    except SeedError:  # refused rather than damaging: only for text TOML cannot hold (lone surrogates)
        assert any(0xD800 <= ord(c) <= 0xDFFF for c in value)
        return
    assert _doc(text).meta == {**doc.meta, "k": value}
    assert "x = [1,\n 2]\n" in text and text.endswith("+++\nbody\n")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(), max_size=4), st.booleans())
def test_any_list_round_trips_through_toml_set_list(items: list[str], present: bool) -> None:
    before = '+++\ntitle = "t"\ndeveloped_to = "a.md"  # first\n\n[params]\nx = 1\n+++\nbody\n'
    doc = _doc(before if present else before.replace('developed_to = "a.md"  # first\n', ""))
    try:
        text = frontmatter.set_list(doc, "developed_to", items, "title")
    except SeedError:
        assert any(0xD800 <= ord(c) <= 0xDFFF for item in items for c in item)
        return
    assert _doc(text).meta == {**doc.meta, "developed_to": items}
    assert text.startswith('+++\ntitle = "t"\ndeveloped_to = [') and text.endswith("\n\n[params]\nx = 1\n+++\nbody\n")


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.from_regex(r"[a-z_]{1,8}", fullmatch=True), st.text(max_size=20), max_size=5))
def test_the_spans_find_every_top_level_value(data: dict[str, str]) -> None:
    text = "".join(f"{key} = {json.dumps(value, ensure_ascii=False)}  # c\n" for key, value in data.items())
    try:
        loaded = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return  # characters TOML refuses raw (json.dumps leaves DEL): not front matter
    doc = _doc(f"+++\n{text}+++\n")
    assert doc.meta == loaded
    for key, span in doc.spans.items():
        assert tomllib.loads("v = " + doc.yaml_text[span.start : span.end])["v"] == loaded[key]
    assert set(doc.spans) == set(loaded)


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("+++\ntitle = \n+++\n", "invalid TOML: Invalid value", 2),
        ("+++\na = 1\na = 2\n+++\n", "invalid TOML: Cannot overwrite a value", 3),
        ('+++\ntitle = "x"\n', "unterminated front matter: no closing '+++' line", 1),
        ("+++\n[a\n+++\n", "invalid TOML", 2),
    ],
)
def test_malformed_toml_is_a_located_error(text: str, message: str, line: int) -> None:
    with pytest.raises(SeedError) as caught:
        _doc(text)
    assert caught.value.message.startswith(message)
    assert caught.value.line == line


# --- the commands ----------------------------------------------------------------------------

HUGO = (
    '+++\ntitle = "From Hugo"\ndate = 2025-11-20T08:00:00Z\ncreated = 2025-11-20\ntype = "moment"\n'
    'category = "x"\nsource = "idea"\nplatform = "linkedin"\nstatus = "seed"\ntags = ["a", "b"]\n\n'
    '[params]\nauthor = "me"\n+++\n\n## Hook Ideas\n\n- "A hook"\n\n## Next Steps\n\n- [ ] Develop it\n'
)


def test_show_list_index_validate_develop_and_publish_read_toml(repo: Path, run: Run) -> None:
    path = repo / "seeds" / "2025-11-20__hugo.md"
    path.write_text(HUGO, encoding="utf-8")
    data = json.loads(run("show", "hugo", "--json").stdout)
    assert (data["title"], data["status"], data["created"]) == ("From Hugo", "seed", "2025-11-20")
    assert data["meta"]["params"] == {"author": "me"} and data["hooks"] == ["A hook"]
    listed = json.loads(run("list", "--json").stdout)
    assert any(r["path"] == "seeds/2025-11-20__hugo.md" and r["title"] == "From Hugo" for r in listed)
    assert run("index").exit_code == 0
    assert "From Hugo" in (repo / "INDEX.md").read_text(encoding="utf-8")
    checked = run("validate", "seeds/2025-11-20__hugo.md")
    assert checked.exit_code == 0, checked.output
    assert run("develop", "hugo").exit_code == 0
    draft = "drafts/linkedin/2025-11-20__hugo.md"
    assert path.read_text(encoding="utf-8") == HUGO.replace(
        'status = "seed"\n', f'status = "developed"\ndeveloped_to = "{draft}"\n'
    ).replace("- [ ] Develop it", "- [x] Develop it")
    assert run("publish", "hugo", "--url", URL, "--date", "2025-11-21").exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert 'status = "published"\n' in text and f'published_url = "{URL}"\n' in text
    assert text.endswith('\n\n[params]\nauthor = "me"\n+++\n\n## Hook Ideas\n\n- "A hook"\n\n## Next Steps\n\n- [x] Develop it\n')
    assert run("validate").exit_code == 0, run("validate").output


def test_a_toml_error_is_one_located_line_in_every_command(repo: Path, run: Run) -> None:
    (repo / "seeds" / "2025-11-20__bad.md").write_text("+++\ntitle = \n+++\n# T\n", encoding="utf-8")
    shown = run("show", "bad")
    assert shown.exit_code == 1
    assert shown.stderr == "contentkit: error: seeds/2025-11-20__bad.md:2:9: invalid TOML: Invalid value\n"
    assert "seeds/2025-11-20__bad.md:2:9: CK110 invalid TOML: Invalid value" in run("validate").stdout
    assert "seeds/2025-11-20__bad.md:2:9: invalid TOML" in run("list").stderr


def test_front_matter_missing_its_opening_fence_gets_a_hint(repo: Path, run: Run) -> None:
    (repo / "seeds" / "2025-11-20__open.md").write_text(
        "title: x\nstatus: seed\ntags:\n  - a\n---\n\n# T\n", encoding="utf-8"
    )
    result = run("show", "open")
    assert result.exit_code == 1
    assert "(line 5 closes front matter that was never opened: add '---' as line 1)" in result.stderr
    (repo / "seeds" / "2025-11-20__rule.md").write_text("# T\n\nText.\n\n---\n\nMore.\n", encoding="utf-8")
    assert "never opened" not in run("show", "rule").stderr
