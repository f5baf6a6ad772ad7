"""Post URLs as keys: two links to the same post compare equal.

LinkedIn links name a post by its activity id in several shapes (`urn:li:activity:NNN`,
`/feed/update/urn:li:activity:NNN/`, `/posts/slug-activity-NNN-xxxx`): those compare by the id alone.
Any other URL compares without its scheme, `www.`, host case, trailing slash, fragment and tracking
parameters (`utm_*`, the share parameters: schema.TRACKING); what is left of its query is kept, so
`?v=B` is another post than `?v=A` (in any order of the parameters).
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from contentkit.store.schema import is_tracking

_ACTIVITY = re.compile(r"(?:urn:li:activity:|[-_/]activity[-:])(\d{6,})", re.IGNORECASE)
_OTHER_URN = re.compile(r"urn:li:(share|ugcPost):(\d{6,})", re.IGNORECASE)


def key(url: str) -> str:
    """The comparison key of a post URL ('' for an empty one)."""
    text = unquote(url.strip())
    if not text:
        return ""
    found = _ACTIVITY.search(text)
    if found:
        return f"linkedin:activity:{found.group(1)}"
    urn = _OTHER_URN.search(text)
    if urn:
        return f"linkedin:{urn.group(1).lower()}:{urn.group(2)}"
    return _plain(text)


def _plain(text: str) -> str:
    try:
        parts = urlsplit(text if "://" in text else "//" + text)
        host = (parts.hostname or "").lower()
        port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    except ValueError:
        return text
    host = host.removeprefix("www.")
    path = parts.path.rstrip("/")
    query = "&".join(sorted(p for p in parts.query.split("&") if p and not is_tracking(p)))
    return f"{host}{port}{path}?{query}" if query else f"{host}{port}{path}"
