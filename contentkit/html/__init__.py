"""HTML pages: the feed preview, and the dashboard and seed pages of `contentkit serve`.

Rendered through render.sandbox with autoescape on (only here: the Markdown templates keep it off),
so every piece of seed and draft text reaches the page escaped. The pages are self-contained: inline
CSS, no fonts, images or scripts from anywhere (a Content-Security-Policy says so to the browser);
a served page adds a few lines of inline script that reload it when the files change.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from contentkit.base.dates import readable, this_year
from contentkit.base.words import plural as plural
from contentkit.html.feed import Feed
from contentkit.store.author import Author
from contentkit.usecases import render

TEMPLATES = Path(__file__).parent / "templates"
ANONYMOUS = Author()  # no [author] in the config: "You"


def page(name: str, zone: dt.tzinfo | None = None, **context: Any) -> str:
    """The page `name` rendered with `context`; times shown in `zone` (the config's `timezone`; None:
    the system's zone)."""
    env = render.sandbox([TEMPLATES], autoescape=True)
    env.filters.update(PAGE_FILTERS)
    env.filters["when"] = lambda value: when(value, zone)
    context.setdefault("live", False)
    context.setdefault("nav", ())
    return env.get_template(name).render(context)


def preview(
    feed: Feed, *, author: Author = ANONYMOUS, live: bool = False, nav: tuple[tuple[str, str], ...] = (),
    zone: dt.tzinfo | None = None,
) -> str:
    """The feed preview page of one draft (a thread's posts in order), as `author` would post it."""
    return page("preview.html.j2", zone, feed=feed, author=author, live=live, nav=nav)


def local(moment: dt.datetime, zone: dt.tzinfo | None = None) -> dt.datetime:
    """An instant in `zone` (None: the machine's local time); a time without a zone is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(zone)


def when(value: str, zone: dt.tzinfo | None = None) -> str:
    """A stored time as a reader takes it in, in `zone`: `Tue 9 Dec, 08:30` (the year added when it is
    not this one); a date alone `Tue 9 Dec 2026`; text that is no time as it is (dates.readable)."""
    return readable(value, zone, year=not this_year(value, zone) or len(value.strip()) == 10)


def link(url: str) -> str:
    """`url` when it is an http(s) address a page may link to; '' for anything else (javascript:,
    data:, a relative path), which the page then shows as text."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else ""




PAGE_FILTERS = {"link": link, "plural": plural}
