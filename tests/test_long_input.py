"""One long unbroken token (a "word" of hundreds of kilobytes) costs every command time in proportion
to its length: the regular expressions that read a draft scan each character a bounded number of
times. Measured as a ratio of CPU time (4× the input must cost about 4×, far from the 16× of a
quadratic scan), never as an absolute time."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from contentkit.cli import cli
from contentkit.markdown import blocks, plaintext
from contentkit.model import sections, titles
from contentkit.serve import pages
from contentkit.store.repo import Repo

SEED = """---
type: moment
category: content-seed
created: '2025-12-19T05:10:00Z'
source: linkedin-engagement
platform: linkedin
status: seed
---

# A long word

## Core Idea

TOKEN

## Hook Ideas

1. TOKEN hook

## Potential Angles

- **Angle** - TOKEN

## Next Steps

- [ ] develop TOKEN
"""

SMALL, LARGE = 100_000, 400_000
LINEAR_ENOUGH = 8.0  # 4× the input: about 4× when linear, 16× when quadratic


def _repo(root: Path, token: str) -> Path:
    (root / "seeds").mkdir(parents=True)
    (root / "contentkit.toml").write_text("", encoding="utf-8")
    (root / "seeds" / "s.md").write_text(SEED.replace("TOKEN", token), encoding="utf-8")
    result = CliRunner().invoke(cli, ["-C", str(root), "develop", "seeds/s.md"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root


def _cpu(action: Callable[[Any], object], argument: Any) -> float:
    start = time.process_time()
    action(argument)
    return time.process_time() - start


def _command(*args: str) -> Callable[[Path], object]:
    def run(root: Path) -> object:
        named = [str(root / a) if "/" in a else a for a in args]
        result = CliRunner().invoke(cli, ["-C", str(root), *named], catch_exceptions=False)
        assert result.exit_code in (0, 1), result.output
        return result

    return run


def _serve_pages(root: Path) -> object:
    before = os.getcwd()
    os.chdir(root)  # as `serve -C` runs
    try:
        repo = Repo.discover(root)
        return pages.dashboard(repo), pages.seed_page(repo, root / "seeds" / "s.md"), pages.draft_page(
            repo, root / "drafts" / "linkedin" / "s.md"
        )
    finally:
        os.chdir(before)


COMMANDS: dict[str, Callable[[Path], object]] = {
    "validate": _command("validate"),
    "export": _command("export", "drafts/linkedin/s.md"),
    "preview": _command("preview", "drafts/linkedin/s.md"),
    "preview --html": _command("preview", "--html", "drafts/linkedin/s.md"),
    "develop --force": _command("develop", "--force", "seeds/s.md"),
    "variants": _command("variants", "seeds/s.md"),
    "adopt --dry-run": _command("adopt", "--dry-run"),
    "show": _command("show", "seeds/s.md"),
    "list": _command("list"),
    "serve's pages": _serve_pages,
}


def test_a_long_word_costs_every_command_linear_time(tmp_path: Path) -> None:
    tiny, small, large = (_repo(tmp_path / str(n), "a" * n) for n in (1_000, SMALL, LARGE))
    for name, command in COMMANDS.items():
        command(tiny)  # imports are paid once, outside the measure; both repos then run it the same way
        ratio = _cpu(command, large) / max(_cpu(command, small), 1e-3)
        assert ratio < LINEAR_ENOUGH, f"{name}: 4x the word cost {ratio:.1f}x"


def test_a_megabyte_word_with_a_url_and_tags_is_read(tmp_path: Path) -> None:
    token = "x1" * 250_000 + "_https://example.com/" + "y" * 500_000 + " #tag"
    assert plaintext.hashtags(token) == ["#tag"]
    assert [kind for kind, _ in plaintext.spans(token)] == ["text", "url", "text", "tag"]


# The expressions as they were (quadratic on a long word, a long run of spaces or of brackets): the
# oracle that the linear ones read every short text the same way.
_OLD_HASHTAG_OR_URL = re.compile(
    r"(?P<url>(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)\S+)"
    r"|(?<![\w#&/])#(?P<tag>\w*[^\W\d_]\w*)"
)
_OLD_ANGLE_PLAIN = re.compile(r"^(.+?)\s+[-–—]\s+(.*)$", re.DOTALL)

_URLISH = st.text(alphabet="ahtpsw1+.-:/# _&é", max_size=40)


def _old_spans(text: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    at = 0
    for match in _OLD_HASHTAG_OR_URL.finditer(text):
        kind = "url" if match["url"] is not None else "tag" if match["tag"] is not None else ""
        if not kind:
            continue
        start = match.start() if kind == "url" else match.start("tag") - 1
        end = start + len(match[0].rstrip(".,;:!?)]}…")) if kind == "url" else match.end()
        if start > at:
            out.append(("text", text[at:start]))
        out.append((kind, text[start:end]))
        at = end
    if at < len(text):
        out.append(("text", text[at:]))
    return out


@given(_URLISH)
def test_urls_and_tags_are_found_as_before(text: str) -> None:
    assert plaintext.spans(text) == _old_spans(text)
    assert plaintext.hashtags(text) == ["#" + m["tag"] for m in _OLD_HASHTAG_OR_URL.finditer(text) if m["tag"]]


@given(st.text(alphabet="ab -–—\t\n*", max_size=30).map(str.strip))
def test_angles_split_as_before(text: str) -> None:
    old = _OLD_ANGLE_PLAIN.match(text)
    new = sections._ANGLE_PLAIN.match(text)
    assert (new.groups() if new else None) == (old.groups() if old else None)


def test_a_long_run_of_spaces_or_brackets_is_linear() -> None:
    def angle(n: int) -> object:
        return sections.parse_angle("a" + " " * n + "b")

    def title(n: int) -> object:
        return titles.first_text(blocks.tokens("[" * n + "](" * n + "\n"))

    for name, action in {"angle": angle, "title": title}.items():
        ratio = _cpu(action, 4 * 20_000) / max(_cpu(action, 20_000), 1e-3)
        assert ratio < LINEAR_ENOUGH, f"{name}: 4x the run cost {ratio:.1f}x"


def test_a_title_still_loses_its_link_markup() -> None:
    assert titles._LINK.sub(r"\1", "see [the post](https://x.org/a) and ![img](i.png)") == "see the post and img"
