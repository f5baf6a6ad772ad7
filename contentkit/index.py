"""INDEX.md: the dashboard of every seed and draft, between two markers. Same files in, same bytes out."""

from __future__ import annotations

import posixpath
from collections import Counter

from contentkit.catalog import Catalog, Entry
from contentkit.repo import Repo

START = "<!-- contentkit:index:start -->"
END = "<!-- contentkit:index:end -->"
HEADER = "# Content index\n\nSeeds and drafts of this repo. The part between the markers is written by\n`contentkit index`; edit around it.\n\n"  # noqa: E501


def render(catalog: Catalog, statuses: tuple[str, ...], index_rel: str = "INDEX.md") -> str:
    """The block between (and including) the markers."""
    base = posixpath.dirname(index_rel)
    entries = catalog.readable
    order = _status_order(entries, statuses)
    parts = [START, _summary(entries, order, len(catalog.drafts))]
    for status in order:
        group = sorted(
            (e for e in entries if e.status == status), key=lambda e: (e.created, e.path), reverse=True
        )
        if group:
            parts.append(_table(status, group, base))
    parts.append(_tasks(entries, base))
    if catalog.broken:
        parts.append(_broken(catalog.broken, base))
    parts.append(END)
    return "\n\n".join(p for p in parts if p)


def merge(existing: str | None, block: str) -> str:
    """Put the block into INDEX.md's text, keeping everything outside the markers."""
    if existing is None:
        return HEADER + block + "\n"
    newline = "\r\n" if "\r\n" in existing else "\n"
    block = block.replace("\n", newline)
    start, end = existing.find(START), existing.find(END)
    if start >= 0 and end > start:
        return existing[:start] + block + existing[end + len(END) :]
    if not existing.strip():
        return block + newline
    return existing.rstrip("\r\n") + newline * 2 + block + newline


def _status_order(entries: list[Entry], statuses: tuple[str, ...]) -> list[str]:
    extra = sorted({e.status for e in entries} - set(statuses))
    return [*statuses, *extra]


def _summary(entries: list[Entry], order: list[str], drafts: int) -> str:
    counts = Counter(e.status for e in entries)
    rows = [f"| {_cell(s or '(none)')} | {counts.get(s, 0)} |" for s in order]
    return "\n".join(
        [
            "## Summary",
            "",
            "| status | seeds |",
            "|---|---:|",
            *rows,
            f"| **total** | {len(entries)} |",
            "",
            f"Drafts: {drafts}",
        ]
    )


def _table(status: str, group: list[Entry], base: str) -> str:
    post = status == "published"  # the published table links each post
    lines = [
        f"## {_cell(status.capitalize() or '(no status)')} ({len(group)})",
        "",
        "| created | title | platform | source | draft |" + (" post |" if post else ""),
        "|---|---|---|---|---|" + ("---|" if post else ""),
    ]
    for e in group:
        draft = f"[{_cell(posixpath.basename(e.developed_to))}]({_link(e.developed_to, base)})"
        lines.append(
            f"| {_cell(e.created[:10])} | [{_cell(e.title)}]({_link(e.path, base)}) "
            f"| {_cell(e.platform)} | {_cell(e.source)} | {draft if e.developed_to else ''} |"
            + (f" {_post_link(e.published_url)} |" if post else "")
        )
    return "\n".join(lines)


def _post_link(url: str) -> str:
    """`[www.linkedin.com](url)`: the host as the link text; '' when no URL is recorded."""
    if not url:
        return ""
    host = url.split("://", 1)[-1].split("/", 1)[0] or url
    target = url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("|", "%7C")
    return f"[{_cell(host)}]({target})"


def _tasks(entries: list[Entry], base: str) -> str:
    open_ = sorted((e for e in entries if e.open_tasks), key=lambda e: (e.created, e.path), reverse=True)
    if not open_:
        return ""
    lines = ["## Open next steps", ""]
    for e in open_:
        lines.append(f"- [{_cell(e.title)}]({_link(e.path, base)})")
        lines.extend(f"  - [ ] {_inline(task)}" for task in e.open_tasks)
    return "\n".join(lines)


def _broken(broken: list[Entry], base: str) -> str:
    lines = ["## Unreadable seeds", "", "Run `contentkit validate` for details.", ""]
    lines.extend(f"- [{_cell(e.path)}]({_link(e.path, base)}): {_inline(e.error)}" for e in broken)
    return "\n".join(lines)


def _link(path: str, base: str) -> str:
    rel = posixpath.relpath(path, base) if base else path
    return rel.replace(" ", "%20").replace("(", "%28").replace(")", "%29")


def _inline(text: str) -> str:
    return " ".join(text.split())


def _cell(text: str) -> str:
    return _inline(text).replace("|", "\\|")


def plan(repo: Repo, catalog: Catalog) -> tuple[bytes, bytes | None]:
    """INDEX.md's new bytes for this catalog, and its current bytes (None when absent)."""
    path = repo.index_path
    try:
        old: bytes | None = path.read_bytes()
    except FileNotFoundError:
        old = None
    except OSError as exc:
        from contentkit.errors import WriteError

        raise WriteError(f"cannot read: {exc.strerror}", repo.config.index_file) from None
    existing = None if old is None else old.decode("utf-8", errors="surrogateescape")
    block = render(catalog, repo.config.statuses, repo.config.index_file)
    return merge(existing, block).encode("utf-8", errors="surrogateescape"), old
