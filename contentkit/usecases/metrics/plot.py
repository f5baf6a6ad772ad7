"""`stats --plot FILE`: the chosen breakdown as a bar chart, .svg or .png, drawn with matplotlib.

matplotlib (the optional `plot` extra) is imported only here, with the Agg backend: no display, no
browser. The output carries no date or random ids, so the same figures give the same file.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from contentkit.base import extras
from contentkit.base.errors import Hint
from contentkit.usecases.metrics.stats import Group

FORMATS = {".svg": "svg", ".png": "png"}


def chart(groups: Sequence[Group], by: str, suffix: str, min_posts: int) -> bytes:
    """The median engagement rate of each group as horizontal bars; groups with too few posts pale."""
    plt = _pyplot()
    names = [literal(g.name) for g in groups][::-1]
    rates = [100 * (g.median_rate or 0.0) for g in groups][::-1]
    few = [g.too_few for g in groups][::-1]
    figure, axes = plt.subplots(figsize=(7.5, 1.2 + 0.45 * max(len(groups), 1)), dpi=100)
    try:
        bars = axes.barh(names, rates, color=["#b9c7d8" if f else "#2f5d8a" for f in few])
        for bar, group in zip(bars, list(groups)[::-1], strict=True):
            label = f" {len(group.posts)} post{'s' if len(group.posts) != 1 else ''}"
            middle = bar.get_y() + bar.get_height() / 2
            axes.annotate(label, (bar.get_width(), middle), va="center", fontsize=8)
        axes.set_xlabel("median engagement rate (%)")
        axes.set_title(f"What works, by {by} (pale: fewer than {min_posts} posts)", fontsize=10)
        axes.margins(x=0.15)
        figure.tight_layout()
        out = io.BytesIO()
        kind = FORMATS[suffix]
        metadata = {"Date": None} if kind == "svg" else {"Software": None}
        figure.savefig(out, format=kind, metadata=metadata)
    finally:
        plt.close(figure)
    return out.getvalue()


def literal(label: str) -> str:
    """`label` drawn as written: a `$` would start mathematics (`$5 to $10` lost its dollars, and
    `$\\nosuchcommand$` raised), so each is escaped."""
    return label.replace("$", r"\$")


def _pyplot() -> Any:
    matplotlib = extras.need("plot", Hint("plot"))
    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "contentkit"  # stable ids in the SVG
    import matplotlib.pyplot as plt

    return plt
