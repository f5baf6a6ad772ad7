"""develop and publish over generated front matter styles: only the intended lines change.

A seed is generated as labelled chunks (the status line, maybe a developed_to line, other keys,
comments, blank lines; a body with a develop task) in one of three line endings, maybe with a BOM and
a lone CR in the body. The expected file after develop, and after publish, is built from the same
chunks with only the intended ones replaced or inserted; every other byte must be identical.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from contentkit.model import seed as seeds
from contentkit.usecases import develop, publish

DRAFT = "drafts/linkedin/x.md"
URL = "https://example.com/p/1"
WHEN = "2025-11-05T10:00:00Z"

# status as written -> (how it reads after develop, after publish); {nl} is the file's line ending
STATUS_STYLES = {
    "status: seed{nl}": ("status: developed{nl}", "status: published{nl}"),
    "status: 'seed'{nl}": ("status: 'developed'{nl}", "status: 'published'{nl}"),
    'status: "seed"   # lifecycle{nl}': ('status: "developed"   # lifecycle{nl}', 'status: "published"   # lifecycle{nl}'),
    "status: |{nl}  seed{nl}": ("status: developed{nl}", "status: published{nl}"),
    "status: >-{nl}  seed{nl}": ("status: developed{nl}", "status: published{nl}"),
    "status:{nl}  seed{nl}": ("status:{nl}  developed{nl}", "status:{nl}  published{nl}"),
}
# developed_to as written (None: absent) -> after develop
DEVELOPED_TO_STYLES = {
    None: f"developed_to: {DRAFT}{{nl}}",
    "developed_to:{nl}": f"developed_to: {DRAFT}{{nl}}",
    "developed_to: ''{nl}": f"developed_to: '{DRAFT}'{{nl}}",
    "developed_to: ~   # not yet{nl}": f"developed_to: {DRAFT}   # not yet{{nl}}",
    "developed_to: |{nl}  old.md{nl}": f"developed_to: {DRAFT}{{nl}}",
}
OTHER_CHUNKS = (
    "type: moment{nl}",
    "created: '2025-11-03T08:30:00Z'{nl}",
    "title: \"It's a title\"  # quoted{nl}",
    "# a comment line{nl}",
    "{nl}",
    "extra: {{a: 1, b: [x, y]}}{nl}",
    "note: >{nl}  folded text{nl}{nl}  more{nl}",
    "kept: |+{nl}  keep{nl}{nl}",
    "tags:{nl}  - one{nl}  - two{nl}",
    "when: 2025-11-03{nl}",
)
BODY = "{nl}# Title{nl}{nl}Some text.{cr}More text.{nl}{nl}## Next Steps{nl}{nl}- [ ] Develop into a post{nl}- [ ] Another{nl}"


@dataclass(frozen=True)
class Case:
    nl: str
    bom: bool
    cr: str
    before: tuple[str, ...]
    status: str
    between: tuple[str, ...]
    developed_to: str | None
    after: tuple[str, ...]

    def text(self, status: str, developed_to: str, body: str) -> str:
        """The file with these status and developed_to chunks; a developed_to that was absent goes
        (and is expected) right after status."""
        if self.developed_to is None:
            middle = [status, developed_to, *self.between]
        else:
            middle = [status, *self.between, developed_to]
        front = "---{nl}" + "".join([*self.before, *middle, *self.after]) + "---{nl}"
        return ("\ufeff" if self.bom else "") + (front + body).format(nl=self.nl, cr=self.cr)

    def original(self) -> str:
        return self.text(self.status, self.developed_to or "", BODY)

    def developed(self) -> str:
        status = STATUS_STYLES[self.status][0]
        return self.text(status, DEVELOPED_TO_STYLES[self.developed_to], _ticked(BODY))

    def published(self) -> str:
        status = STATUS_STYLES[self.status][1]
        keys = f'published_url: {URL}{{nl}}published_at: "{WHEN}"{{nl}}'
        return self.text(status, DEVELOPED_TO_STYLES[self.developed_to] + keys, _ticked(BODY))


def _ticked(body: str) -> str:
    return body.replace("- [ ] Develop", "- [x] Develop")


@st.composite
def cases(draw: st.DrawFn) -> Case:
    others = draw(st.lists(st.sampled_from(OTHER_CHUNKS), unique=True, max_size=8))
    cut1, cut2 = sorted(draw(st.integers(0, len(others))) for _ in range(2))
    return Case(
        nl=draw(st.sampled_from(["\n", "\r\n", "\r"])),
        bom=draw(st.booleans()),
        cr=draw(st.sampled_from(["\n", "\r\n", "\r", " "])),
        before=tuple(others[:cut1]),
        status=draw(st.sampled_from(sorted(STATUS_STYLES))),
        between=tuple(others[cut1:cut2]),
        developed_to=draw(st.sampled_from([None, *sorted(k for k in DEVELOPED_TO_STYLES if k)])),
        after=tuple(others[cut2:]),
    )


def _seed(text: str) -> seeds.Seed:
    path = Path("/repo/seeds/x.md")
    return seeds.parse(text.encode("utf-8"), path, Path("/repo"), rel="seeds/x.md")


@settings(max_examples=300, deadline=None)
@given(cases())
def test_develop_then_publish_change_only_the_intended_lines(case: Case) -> None:
    seed = _seed(case.original())
    developed = develop.developed_seed(seed, DRAFT).decode("utf-8")
    assert developed == case.developed()
    published = publish.published_seed(_seed(developed), URL, WHEN).decode("utf-8")
    assert published == case.published()
