"""Seeds without front matter (bare files: `# Title` or text from line 1), and the other files real
writers keep: `.markdown` and `.mdx`, one idea in two language folders. Every command reads them;
validate reports the missing front matter only where the config requires it; develop and publish add
the smallest block at the top and keep every other byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from contentkit.cli import cli
from contentkit.model import bare
from contentkit.model.aliases import Aliases

HOOKED = "# My idea\n\nWhy it matters.\n\n## Hooks\n\n- The hook line\n"


def make(tmp_path: Path, config: str, files: dict[str, bytes | str]) -> Path:
    root = tmp_path / "content"
    (root / "seeds").mkdir(parents=True)
    (root / "contentkit.toml").write_text(config, encoding="utf-8")
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return root


def invoke(root: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["-C", str(root), *args])


def test_show_reads_a_bare_file_title_created_and_status(tmp_path: Path) -> None:
    root = make(tmp_path, "", {"seeds/2024-05-06-plain.markdown": "Just a first line\nmore\n"})
    result = invoke(root, "show", "2024-05-06-plain", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["title"], data["created"], data["status"]) == ("Just a first line", "2024-05-06", "seed")


def test_list_and_index_read_bare_files_in_every_markdown_suffix(tmp_path: Path) -> None:
    files = {"seeds/a.md": HOOKED, "seeds/b.markdown": "# Bee\n", "seeds/c.mdx": "# Sea\n"}
    root = make(tmp_path, "", files)
    listed = invoke(root, "list")
    assert listed.exit_code == 0, listed.output
    assert all(name in listed.output for name in ("My idea", "Bee", "Sea", "seeds/b.markdown", "seeds/c.mdx"))
    assert invoke(root, "index").exit_code == 0
    index = (root / "INDEX.md").read_text(encoding="utf-8")
    assert "| seed | 3 |" in index and "Sea" in index


def test_folder_status_comes_from_the_config(tmp_path: Path) -> None:
    config = '[aliases.folders]\npublished = ["posted"]\narchived = ["ideas/old"]\n'
    files = {"seeds/posted/x.md": "# Posted one\n", "seeds/ideas/old/y.md": "# Old one\n", "seeds/z.md": "# New\n"}
    root = make(tmp_path, config, files)
    statuses = {ref: json.loads(invoke(root, "show", f"seeds/{ref}", "--json").stdout)["status"]
                for ref in ("posted/x.md", "ideas/old/y.md", "z.md")}
    assert statuses == {"posted/x.md": "published", "ideas/old/y.md": "archived", "z.md": "seed"}


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('front_matter = "sometimes"\n', "'front_matter' = 'sometimes' must be one of: required, optional"),
        ('[aliases.folders]\nposted = ["done"]\n', "'posted' is not a lifecycle state"),
        ('[aliases.folders]\npublished = ["x"]\narchived = ["x"]\n', "'x' is the folder of both"),
    ],
)
def test_bad_front_matter_config_is_a_located_error(tmp_path: Path, config: str, message: str) -> None:
    root = make(tmp_path, config, {"seeds/a.md": HOOKED})
    result = invoke(root, "list")
    assert result.exit_code != 0 and message in result.output, result.output
    assert "Traceback" not in result.output


def test_validate_reports_ck103_only_where_the_config_requires_front_matter(tmp_path: Path) -> None:
    root = make(tmp_path, "", {"seeds/a.markdown": HOOKED})
    required = invoke(root, "validate", "seeds/a.markdown")
    assert required.exit_code == 1 and "seeds/a.markdown:1:1: CK103" in required.output
    assert "in 1 file" in required.output  # never "0 files" for a .markdown file
    (root / "contentkit.toml").write_text('front_matter = "optional"\n', encoding="utf-8")
    optional = invoke(root, "validate", "seeds/a.markdown")
    assert optional.exit_code == 0, optional.output
    assert "CK103" not in optional.output and "CK201" not in optional.output


def test_front_matter_opened_but_never_closed_is_still_an_error(tmp_path: Path) -> None:
    root = make(tmp_path, 'front_matter = "optional"\n', {"seeds/a.md": "status: seed\n---\n# T\n"})
    result = invoke(root, "validate")
    assert result.exit_code == 1 and "CK103" in result.output and "never opened" in result.output


def test_develop_adds_the_smallest_block_and_keeps_every_other_byte(tmp_path: Path) -> None:
    original = ("\ufeff" + HOOKED.replace("\n", "\r\n")).encode("utf-8")
    root = make(tmp_path, 'front_matter = "optional"\nrequired = []\n', {"seeds/idea.md": original})
    result = invoke(root, "develop", "idea")
    assert result.exit_code == 0, result.output
    assert "added front matter to seeds/idea.md (it had none)" in result.output
    block = b"\xef\xbb\xbf---\r\nstatus: developed\r\ndeveloped_to: drafts/linkedin/idea.md\r\n---\r\n"
    assert (root / "seeds" / "idea.md").read_bytes() == block + original.removeprefix(b"\xef\xbb\xbf")
    assert (root / "drafts" / "linkedin" / "idea.md").is_file()
    assert invoke(root, "validate").exit_code == 0


def test_develop_dry_run_says_the_block_is_added(tmp_path: Path) -> None:
    root = make(tmp_path, "", {"seeds/idea.md": HOOKED})
    result = invoke(root, "develop", "idea", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "update seeds/idea.md: add front matter (status developed" in result.output
    assert (root / "seeds" / "idea.md").read_text(encoding="utf-8") == HOOKED


def test_publish_adds_the_block_to_a_bare_seed(tmp_path: Path) -> None:
    config = 'front_matter = "optional"\n[aliases.folders]\ndeveloped = ["ready"]\n'
    root = make(tmp_path, config, {"seeds/ready/idea.md": HOOKED})  # developed by its folder, no draft
    result = invoke(root, "publish", "idea", "--url", "https://example.com/p/1")
    assert result.exit_code == 0, result.output
    assert "seeds/ready/idea.md had no front matter: added a block" in result.output
    text = (root / "seeds" / "ready" / "idea.md").read_text(encoding="utf-8")
    assert text.startswith("---\nstatus: published\npublished_url: https://example.com/p/1\n")
    assert text.endswith("---\n" + HOOKED)


def test_one_idea_in_two_language_folders_is_no_duplicate_slug(tmp_path: Path) -> None:
    files = {"seeds/en/idea-001.md": HOOKED, "seeds/ru/idea-001.md": "# Идея\n\n## Hooks\n\n- Хук\n",
             "seeds/a/same.md": HOOKED, "seeds/b/same.md": HOOKED}
    root = make(tmp_path, 'front_matter = "optional"\n', files)
    result = invoke(root, "validate")
    assert "CK208" not in "\n".join(line for line in result.output.splitlines() if "idea-001" in line)
    assert "seeds/a/same.md:1:1: CK208" in result.output  # two folders that are no languages still clash


@given(st.from_regex(r"[a-z_-]{0,6}(19|20)[0-9]{2}-[01][0-9]-[0-3][0-9][a-z_-]{0,6}", fullmatch=True))
def test_created_is_a_real_date_of_the_name_or_nothing(name: str) -> None:
    import datetime as dt
    import re

    written = re.search(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", name)
    assert written is not None
    found = bare.created_of(name + ".md")
    if found:
        assert found == written.group() == dt.date.fromisoformat(found).isoformat()
    else:
        with pytest.raises(ValueError):
            dt.date.fromisoformat(written.group())


def test_the_longest_folder_named_wins() -> None:
    aliases = Aliases(folders=(("published", ("posted",)), ("archived", ("posted/old",))))
    assert aliases.folder_state("seeds/posted/old/x.md") == "archived"
    assert aliases.folder_state("seeds/posted/x.md") == "published"
    assert aliases.folder_state("seeds/reposted/x.md") is None
