"""Nothing a seed wrote vanishes from `show --json`: every line of its body is in the title, a
section's heading, or the markdown of a section (a kind's section, or an ordinary one)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contentkit.cli import cli

LINES = st.sampled_from(
    [
        "# Title", "## Hook Ideas", "## Hooks", "## Key Points", "## Core Idea", "## Next Steps",
        "## Post 1: The Hook (Wednesday)", "## Related Themes", "### More", "## Potential Angles",
        "- \"a hook\"", "- item", "  - nested", "1. **\"A\"** - d", "- [ ] task", "- [x] done",
        "Lead para.", "**Label:**", "<div>html</div>", "> quote", "", "closing thought", "# Другой заголовок",
        "# Trailing heading", "## Empty section",
    ]
)
# The file's opening: front matter without a title, one whose title differs from any body H1, or none
# at all (a bare file, read where the config allows it), in .md or .markdown.
HEADS = st.sampled_from(["---\nstatus: seed\n---\n", "---\ntitle: The front matter title\n---\n", ""])


def _shown_text(data: dict) -> str:
    every = [*data["kinds"].values(), *data["sections"].values()]
    parts = [data["title"], data["headline"], *(s["heading"] for s in every), *(s["markdown"] for s in every)]
    return "\n".join(parts)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(st.lists(LINES, min_size=1, max_size=20), HEADS, st.sampled_from([".md", ".markdown"]))
def test_every_body_line_is_in_show_json(tmp_path: Path, lines: list[str], head: str, suffix: str) -> None:
    root = tmp_path / "content"
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    (root / "contentkit.toml").write_text("", encoding="utf-8")
    body = "\n".join(lines) + "\n"
    if not (head + body).strip():
        return  # an empty file is an error of its own (CK102)
    for old in (root / "seeds").iterdir():
        old.unlink()
    (root / "seeds" / f"s{suffix}").write_text(head + body, encoding="utf-8")
    result = CliRunner().invoke(cli, ["-C", str(root), "show", "s", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    shown = _shown_text(data)
    for line in lines:
        text = line.strip()
        if not text:
            continue
        if text.startswith("#"):
            heading = text.lstrip("#").strip()
            assert heading in shown, (line, body, data)
        else:
            assert text in shown, (line, body, data)


def test_a_paragraph_beside_a_list_of_hooks_is_kept(tmp_path: Path) -> None:
    root = tmp_path / "content"
    (root / "seeds").mkdir(parents=True)
    (root / "contentkit.toml").write_text("", encoding="utf-8")
    text = "---\ntitle: V\n---\n## Hooks\n\nLead para.\n\n- one\n  - nested\n\nAfter para.\n\n### More\n\nsub\n"
    (root / "seeds" / "v.md").write_text(text, encoding="utf-8")
    data = json.loads(CliRunner().invoke(cli, ["-C", str(root), "show", "v", "--json"]).stdout)
    assert data["hooks"] == ["one"]
    assert data["kinds"]["hooks"]["heading"] == "Hooks"
    assert data["kinds"]["hooks"]["markdown"] == "Lead para.\n\n- one\n  - nested\n\nAfter para.\n\n### More\n\nsub"


def test_every_line_of_the_real_files_is_in_show_json(tmp_path: Path) -> None:
    import shutil

    import pytest

    from contentkit.markdown import frontmatter

    from .conftest import REFERENCE_SEED, SHARED

    files = sorted((SHARED / "real-world" / "linkedin-ideas").glob("*.md")) + [REFERENCE_SEED]
    if not REFERENCE_SEED.exists():
        pytest.skip("needs ../shared")
    root = tmp_path / "content"
    (root / "seeds").mkdir(parents=True)
    (root / "contentkit.toml").write_text("", encoding="utf-8")
    checked = 0
    for source in files:
        shutil.copy(source, root / "seeds" / source.name)
        result = CliRunner().invoke(cli, ["-C", str(root), "show", f"seeds/{source.name}", "--json"])
        assert result.exit_code == 0, (source.name, result.output)  # with front matter or without
        data = json.loads(result.stdout)
        shown = _shown_text(data)
        text = source.read_text(encoding="utf-8")
        for line in frontmatter.body_of(text).splitlines():
            stripped = line.strip().lstrip("#").strip()
            assert not stripped or stripped in shown, (source.name, line)
        checked += 1
    assert checked == len(files)
