"""`contentkit preview DRAFT --html [-o FILE]`: one self-contained page of the post as the feed shows it."""

from __future__ import annotations

import re
from pathlib import Path

from .conftest import Run, snapshot

STEM = "2025-11-03__shipping-beats-polishing"
DRAFT = f"drafts/linkedin/{STEM}.md"
X_DRAFT = f"drafts/x/{STEM}.md"
HOSTILE_TITLE = "<script>alert(1)</script> & <img src=x onerror=alert(2)>"


def write(repo: Path, rel: str, body: str, platform: str = "linkedin") -> None:
    path = repo / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    front = f"---\ntype: draft\nstatus: draft\nseed: seeds/{STEM}.md\nplatform: {platform}\n---\n\n"
    path.write_text(front + body, encoding="utf-8")


LONG = (
    "We spent three weeks on an animation 80% of users skipped.\n\n"
    "Polishing feels productive because it is visible, not because it is valuable. "
    "See https://example.com/notes for the numbers.\n\n"
    "The fastest way to learn what matters is to put a rough version in front of real users.\n\n"
    "#ProductDiscovery #Shipping\n"
)


def test_the_page_cuts_at_the_fold_and_hides_the_rest_behind_see_more(repo: Path, run: Run) -> None:
    write(repo, DRAFT, LONG)
    page = run("preview", DRAFT, "--html").stdout
    assert page.startswith("<!doctype html>")
    shown = re.findall(r'<span class="shown">(.*?)</span><label', page, re.S)
    rest = re.findall(r'<span class="rest">(.*?)</span></div>', page, re.S)
    assert len(shown) == len(rest) == 2  # phone and desktop
    assert shown[0].startswith("We spent three weeks")
    assert "rough version" not in shown[0] and "rough version" in rest[0]
    assert page.count(">…see more</label>") == 2
    assert 'class="device phone"' in page and 'class="device desktop"' in page


def test_hashtags_links_counts_and_warnings_are_on_the_page(repo: Path, run: Run) -> None:
    write(repo, DRAFT, "An opening " + "that goes on " * 20 + "\n\nhttps://example.com/a.\n\n#A1 #B2 #C3 #D4 #E5 #F6\n")
    page = run("preview", DRAFT, "--html").stdout
    assert '<span class="tag">#A1</span>' in page
    assert '<span class="link">https://example.com/a</span>.' in page
    assert "6 (at most 5 recommended)" in page
    assert "CK502 line" in page and "CK503 line" in page


def test_nothing_is_loaded_from_anywhere(repo: Path, run: Run) -> None:
    write(repo, DRAFT, LONG + "\n![a picture](https://example.com/p.png) [a link](https://example.com)\n")
    page = run("preview", DRAFT, "--html").stdout
    assert not re.search(r"\b(src|href)\s*=|url\(|@import|<link|<script|<img|<iframe", page, re.I)
    assert "script-src 'none'" in page.replace("&#39;", "'")


def test_seed_and_draft_text_is_escaped(repo: Path, run: Run) -> None:
    seed = repo / "seeds" / f"{STEM}.md"
    text = seed.read_text(encoding="utf-8")
    title = next(line for line in text.split("\n") if line.startswith("# "))
    seed.write_text(text.replace(title, f"# {HOSTILE_TITLE}"), encoding="utf-8")
    write(repo, DRAFT, "Plain `<b>code</b>` and a < b > c & d.\n")
    page = run("preview", DRAFT, "--html").stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt;" in page
    assert "&lt;b&gt;code&lt;/b&gt; and a &lt; b &gt; c &amp; d." in page
    assert "<script" not in page and "<img" not in page and "<b>" not in page


def test_a_thread_shows_its_posts_in_order_with_counts(repo: Path, run: Run) -> None:
    write(repo, X_DRAFT, "First post.\n\n---\n\nSecond post " + "x" * 280 + "\n", platform="x")
    page = run("preview", X_DRAFT, "--html").stdout
    assert "a thread of 2 posts" in page
    assert page.index("1/2 First post.") < page.index("2/2 Second post")
    assert "15 / 280 characters" in page
    assert "296 / 280 (over the limit)" in page
    assert "CK501 line 12: post 2/2 is 296 characters" in page


def test_o_writes_the_page_inside_the_repo(repo: Path, run: Run) -> None:
    write(repo, DRAFT, LONG)
    result = run("preview", DRAFT, "--html", "-o", str(repo / "build" / "preview.html"))
    assert result.exit_code == 0, result.output
    assert result.stdout == "wrote build/preview.html\n"
    assert (repo / "build" / "preview.html").read_text(encoding="utf-8") == run("preview", DRAFT, "--html").stdout


def test_o_outside_the_repo_is_written_where_it_points_never_onto_a_seed(repo: Path, run: Run, tmp_path: Path) -> None:
    write(repo, DRAFT, LONG)
    (repo / "seeds" / "x.html").write_text("mine", encoding="utf-8")
    before = snapshot(repo)
    for target in (repo / DRAFT, repo / "seeds" / f"{STEM}.md", repo / "seeds" / "x.html", repo / ".git" / "x.html"):
        result = run("preview", DRAFT, "--html", "-o", str(target))
        if target.suffix == ".md":  # not .html: a usage error before anything is looked at
            assert result.exit_code == 2 and "give a .html file" in result.stderr, target
            continue
        assert result.exit_code == 1, target
        assert result.stderr.startswith("contentkit: error: ") and result.stderr.count("\n") == 1
    assert snapshot(repo) == before
    page = run("preview", DRAFT, "--html").stdout
    for outside in (tmp_path / "p.html", repo / ".." / "q.html"):  # the writer named it: /tmp/p.html
        assert run("preview", DRAFT, "--html", "-o", str(outside)).exit_code == 0
        assert outside.read_text(encoding="utf-8") == page
    again = run("preview", DRAFT, "--html", "-o", str(tmp_path / "p.html"))
    assert again.exit_code == 1 and "already exists; give --force to replace it" in again.stderr
    assert run("preview", DRAFT, "--html", "-o", str(tmp_path / "p.html"), "--force").exit_code == 0


def test_o_without_html_is_a_usage_error(repo: Path, run: Run) -> None:
    write(repo, DRAFT, LONG)
    result = run("preview", DRAFT, "-o", "x.html")
    assert result.exit_code == 2
    assert "-o/--output goes with --html" in result.stderr
