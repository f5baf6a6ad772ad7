"""Shared set-up for the metrics tests: a repo with published posts."""

from __future__ import annotations

from pathlib import Path

from .conftest import Run

POSTS = {
    # seed name prefix -> (hook number, published URL, publish date)
    "shipping": (1, "https://www.linkedin.com/posts/me_shipping-activity-7000000000000000001-AbCd", "2025-11-05"),
    "code-review": (2, "https://www.linkedin.com/feed/update/urn:li:activity:7000000000000000002/", "2025-11-12"),
    "measure": (1, "https://example.com/blog/measure-first", "2025-11-19"),
}
DRAFTS = {
    "shipping": "drafts/linkedin/2025-11-03__shipping-beats-polishing.md",
    "code-review": "drafts/linkedin/2025-11-10__code-review-as-teaching.md",
    "measure": "drafts/linkedin/2025-11-17__measure-before-you-automate.md",
}


def publish_all(run: Run, names: tuple[str, ...] = tuple(POSTS)) -> None:
    for name in names:
        hook, url, date = POSTS[name]
        result = run("develop", name, "--hook", str(hook))
        assert result.exit_code == 0, result.output
        result = run("publish", name, "--url", url, "--date", date)
        assert result.exit_code == 0, result.output


def record(run: Run, name: str, impressions: int, reactions: int, comments: int, reposts: int, at: str) -> None:
    result = run(
        "metrics", "record", name, "--impressions", str(impressions), "--reactions", str(reactions),
        "--comments", str(comments), "--reposts", str(reposts), "--at", at,
    )
    assert result.exit_code == 0, result.output


def metrics_bytes(repo: Path) -> bytes | None:
    path = repo / "metrics.csv"
    return path.read_bytes() if path.exists() else None
