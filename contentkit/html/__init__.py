"""HTML pages: the feed preview, and the dashboard and seed pages of `contentkit serve`.

Rendered through render.sandbox with autoescape on (only here: the Markdown templates keep it off),
so every piece of seed and draft text reaches the page escaped. The pages are self-contained: inline
CSS, no fonts, images or scripts from anywhere (a Content-Security-Policy says so to the browser);
a served page adds a few lines of inline script that reload it when the files change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from contentkit import render
from contentkit.feed import Feed

TEMPLATES = Path(__file__).parent / "templates"


def page(name: str, **context: Any) -> str:
    env = render.sandbox([TEMPLATES], autoescape=True)
    context.setdefault("live", False)
    context.setdefault("nav", ())
    return env.get_template(name).render(context)


def preview(feed: Feed, *, live: bool = False, nav: tuple[tuple[str, str], ...] = ()) -> str:
    """The feed preview page of one draft (a thread's posts in order)."""
    return page("preview.html.j2", feed=feed, live=live, nav=nav)
