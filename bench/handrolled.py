"""What a writer would script instead of `contentkit index`: python-frontmatter over every seed, one table.

usage: python bench/handrolled.py REPO [OUT]   (OUT defaults to REPO/INDEX-handrolled.md)
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import frontmatter


def title_of(body: str, fallback: str) -> str:
    for line in body.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return fallback


def main(argv: list[str]) -> None:
    root = Path(argv[1])
    out = Path(argv[2]) if len(argv) > 2 else root / "INDEX-handrolled.md"
    rows = []
    for path in sorted((root / "seeds").rglob("*.md")):
        post = frontmatter.load(str(path))
        rows.append(
            (
                str(post.get("created", "")),
                title_of(post.content, path.stem),
                str(post.get("status", "")),
                str(post.get("platform", "")),
                str(post.get("source", "")),
                path.relative_to(root).as_posix(),
            )
        )
    rows.sort(reverse=True)
    counts = Counter(row[2] for row in rows)
    lines = ["# Index", "", *(f"- {status}: {n}" for status, n in sorted(counts.items())), ""]
    lines += ["| created | title | status | platform | source |", "|---|---|---|---|---|"]
    lines += [f"| {c[:10]} | [{t}]({p}) | {s} | {pl} | {so} |" for c, t, s, pl, so, p in rows]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv)
