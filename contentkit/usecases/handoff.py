"""Hand-off: drafts written as the files a scheduler imports (`export --format csv|typefully|buffer|postiz`).

Pure: `Item`s (a draft's posts as `export` prints them, its first comment, its time) in, text out.
`items()` reads them from the repo. Nothing here needs a token or the network: the writer imports the
file, or sends each JSON line to the tool's API with their own key.

The shapes, and where each is documented:

- `csv`: contentkit's own sheet, one row per draft (a thread's posts joined by `threads.SEPARATOR`,
  the `---` line a draft splits them by), `scheduled_at` in UTC ISO 8601 with `Z`. It is meant for a
  spreadsheet, so every text cell goes through the metrics file's formula guard (`metrics.record.guarded`,
  OWASP "CSV injection": a cell starting with = + - @ tab or CR gets a leading `'`).
- `buffer`: Buffer's bulk upload CSV, columns `Text, Image URL, Tags, Posting Time`, the time as
  `YYYY-MM-DD HH:mm` (24 h) in the channel's own time zone (Buffer: "How to upload posts in bulk to
  Buffer", https://support.buffer.com/article/926-how-to-upload-posts-in-bulk-to-buffer; each channel
  has its own zone: https://support.buffer.com/hc/en-us/articles/360036232053). contentkit writes the
  repo's `timezone`. Buffer's importer publishes a cell as it reads it, so no formula guard (a `'`
  would go out with the post). One post per row: a thread goes in one row, with a warning; there is
  no first-comment column.
- `typefully`: the body of Typefully's API v2 "create draft" (POST /v2/social-sets/{id}/drafts,
  https://typefully.com/docs/api; the OpenAPI file the official Raycast extension ships,
  raycast/extensions extensions/typefully/api.json, `DraftCreateRequest`): `platforms.<x|linkedin|
  threads|bluesky|mastodon>.posts[].text`, a thread as one post per item (API v1 split one `content`
  by four newlines; v2 takes the list), `publish_at` in ISO 8601 with its zone (UTC, `Z`), left out
  for a draft without a time (Typefully keeps it as a draft). No first comment in that request.
- `postiz`: the body of Postiz's public API "create post" (POST /public/v1/posts,
  gitroomhq/postiz-docs public-api/posts/create.mdx and public-api/providers/*.mdx; the checks in
  gitroomhq/postiz-app libraries/nestjs-libraries/src/dtos/posts/create.post.dto.ts): `type`
  `schedule` with `date` in UTC ISO 8601, else `draft` (its `date`, which Postiz requires, is the
  draft's `created`); a thread and the first comment are the items of `posts[].value`, which Postiz
  posts as replies/comments in order. `integration.id` is the channel's id the writer gives
  (`export --integration linkedin=ID`, from `postiz integrations:list`), else the platform's name.
  Postiz has no file import (postiz-app issue #236, closed).

The JSON formats are JSON Lines: one request body per draft, one per line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contentkit.base.dates import now_utc, parse_date
from contentkit.base.errors import ContentkitError, RefusedError
from contentkit.markdown import frontmatter
from contentkit.model import firstcomment
from contentkit.model.lifecycle import State
from contentkit.model.seed import text_of
from contentkit.platforms import posttext as post
from contentkit.platforms.threads import SEPARATOR
from contentkit.store import catalog
from contentkit.store.drafts import load_draft, seed_title
from contentkit.store.repo import Repo
from contentkit.usecases.lint.rules import plain_letters
from contentkit.usecases.metrics.record import guarded

if TYPE_CHECKING:
    from contentkit.store.drafts import Draft


@dataclass(frozen=True)
class Item:
    """One draft as a scheduler takes it."""

    draft: str  # repo-relative path
    platform: str
    title: str  # the seed's title ('' when it cannot be read)
    status: str  # draft | scheduled (| published, when named)
    when: str  # scheduled_at in UTC, YYYY-MM-DDTHH:MM:SSZ; '' when it has no time
    created: str  # UTC, '' when the draft has none
    posts: tuple[str, ...]  # each post's text as `export` prints it (numbered `1/3 ` in a thread)
    comment: str | None  # the `## First comment` section's text; None without one
    over: tuple[str, ...] = ()  # a message for each post over the platform's limit (exported all the same)


@dataclass(frozen=True)
class Setting:
    """What the file depends on beyond the drafts: the writer's zone, the tool's ids for accounts."""

    tz: dt.tzinfo | None = None  # None: the system's zone
    integrations: Mapping[str, str] = field(default_factory=dict)  # platform -> Postiz integration id


@dataclass(frozen=True)
class Format:
    suffix: str  # what -o FILE must end in
    render: Callable[[list[Item], Setting], str]
    left_out: str = ""  # what the shape has no room for, said once when a draft has it


# --- reading ------------------------------------------------------------------------------------


def items(repo: Repo, refs: Iterable[str], platform: str | None, plain: bool = False) -> list[Item]:
    """The named drafts (paths, names or prefixes), in the order given."""
    return [item(repo, load_draft(repo, ref, platform), plain) for ref in refs]


def chosen(repo: Repo, statuses: tuple[str, ...], platform: str | None) -> list[str]:
    """Every seed's draft whose status is one of `statuses` (for `platform` when given), scheduled
    ones first by time, then the others by path (as INDEX.md's Upcoming table reads them)."""
    found: dict[str, tuple[str, str]] = {}
    for entry in catalog.collect(repo).readable:
        for draft, status, where, at in entry.drafts():
            if status in statuses and (platform is None or where == platform):
                found.setdefault(draft, ((status == State.SCHEDULED and at) or "~", draft))
    return sorted(found, key=lambda d: found[d])


def item(repo: Repo, loaded: Draft, plain: bool = False) -> Item:
    """A loaded draft as an Item: its posts measured as `export` measures them (over the limit noted,
    exported all the same), its status and times from its own front matter, as the calendar reads them."""
    fenced = frontmatter.has_front_matter(loaded.text)
    meta = frontmatter.parse(loaded.text, Path(loaded.rel)).meta if fenced else {}
    letters = _letters if plain else str
    comment = firstcomment.first_comment(loaded.text)
    measured = post.thread_stats(loaded.text, loaded.profile)
    posts = tuple(letters(p.text) for p in measured if p.text)
    over = tuple(post.limit_message(p.characters, p.platform, p.label) for p in measured if p.over_limit)
    status = text_of(meta.get("status")) or "draft"
    return Item(
        draft=_shown(loaded.rel),
        platform=loaded.profile.name,
        title=seed_title(repo, loaded),
        status=status,
        when=_utc(text_of(meta.get("scheduled_at"))) if status == State.SCHEDULED else "",
        created=_utc(text_of(meta.get("created"))),
        posts=posts,
        comment=None if comment is None or not comment.text else letters(comment.text),
        over=over,
    )


def _shown(text: str) -> str:
    """Text a UTF-8 file can carry: bytes of a file name that are not UTF-8 as \\xNN."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _letters(text: str) -> str:
    return plain_letters(text)


def _utc(value: str) -> str:
    if not value:
        return ""
    try:
        return parse_date(value)
    except ContentkitError:
        return ""


# --- writing ------------------------------------------------------------------------------------

CSV_COLUMNS = ("draft", "platform", "title", "status", "scheduled_at", "posts", "text", "first_comment")
BUFFER_COLUMNS = ("Text", "Image URL", "Tags", "Posting Time")
BUFFER_TIME = "%Y-%m-%d %H:%M"

# contentkit's platform -> the tool's name for it (a platform a tool does not know is refused)
TYPEFULLY_PLATFORMS = {
    "x": "x", "x_premium": "x", "linkedin": "linkedin", "threads": "threads", "bluesky": "bluesky",
    "mastodon": "mastodon",
}
POSTIZ_SETTINGS: dict[str, dict[str, object]] = {  # each provider's required settings (postiz-docs)
    "x": {"__type": "x", "who_can_reply_post": "everyone"},
    "x_premium": {"__type": "x", "who_can_reply_post": "everyone"},
    "linkedin": {"__type": "linkedin"},
    "threads": {"__type": "threads"},
    "bluesky": {"__type": "bluesky"},
    "mastodon": {"__type": "mastodon"},
}


def _rows(header: tuple[str, ...], rows: Iterable[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def render_csv(found: list[Item], _setting: Setting = Setting()) -> str:
    def row(it: Item) -> list[str]:
        cells = [it.draft, it.platform, it.title, it.status, it.when, str(len(it.posts)),
                 SEPARATOR.join(it.posts), it.comment or ""]
        return [c if i in (4, 5) else guarded(c) for i, c in enumerate(cells)]

    return _rows(CSV_COLUMNS, (row(it) for it in found))


def render_buffer(found: list[Item], setting: Setting = Setting()) -> str:
    rows = ([SEPARATOR.join(it.posts), "", "", _local(it.when, setting.tz)] for it in found)
    return _rows(BUFFER_COLUMNS, rows)


def _local(utc: str, tz: dt.tzinfo | None) -> str:
    """A UTC time as Buffer's `Posting Time`: the wall clock in `tz` (None: the system's zone)."""
    if not utc:
        return ""
    moment = dt.datetime.strptime(utc, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(tz).strftime(BUFFER_TIME)


def typefully_body(it: Item, _setting: Setting = Setting()) -> dict[str, Any]:
    name = _known(it, TYPEFULLY_PLATFORMS, "typefully")
    body: dict[str, Any] = {"platforms": {name: {"enabled": True, "posts": [{"text": t} for t in it.posts]}}}
    if it.title:
        body["draft_title"] = it.title[:512]
    body["scratchpad_text"] = f"contentkit: {it.draft}"
    if it.when:
        body["publish_at"] = it.when
    return body


def postiz_body(it: Item, setting: Setting = Setting()) -> dict[str, Any]:
    settings = dict(_known(it, POSTIZ_SETTINGS, "postiz"))
    value = [{"content": text, "image": []} for text in (*it.posts, *([it.comment] if it.comment else []))]
    return {
        "type": "schedule" if it.when else "draft",
        "date": it.when or it.created or _now(),
        "shortLink": False,
        "tags": [],
        "posts": [{"integration": {"id": setting.integrations.get(it.platform, it.platform)}, "value": value,
                   "settings": settings}],
    }


def _now() -> str:
    return now_utc()


def _known(it: Item, table: dict[str, Any], tool: str) -> Any:
    if it.platform not in table:
        names = ", ".join(sorted(table))
        raise RefusedError(f"is for '{it.platform}', which {tool} is not known to take ({names})", it.draft)
    return table[it.platform]


def _lines(body: Callable[[Item, Setting], dict[str, Any]]) -> Callable[[list[Item], Setting], str]:
    def render(found: list[Item], setting: Setting = Setting()) -> str:
        return "".join(json.dumps(body(it, setting), ensure_ascii=False) + "\n" for it in found)

    return render


FORMATS = {
    "csv": Format(".csv", render_csv),
    "buffer": Format(".csv", render_buffer, "Buffer's CSV has no column for a first comment"),
    "typefully": Format(".jsonl", _lines(typefully_body), "Typefully's draft request has no first comment"),
    "postiz": Format(".jsonl", _lines(postiz_body)),
}
THREADS_IN_ONE_ROW = {"buffer"}  # shapes with one text per post: a thread goes in one cell


def notes(name: str, found: list[Item], now: str = "") -> list[str]:
    """What the writer should know about the file: posts over the limit, times already past (`now`,
    UTC), threads a shape cannot split, comments left out."""
    out = [f"{it.draft}: {message}" for it in found for message in it.over]
    past = [it for it in found if it.when and it.when <= now]
    out += [f"{it.draft}: scheduled for {it.when}, which has passed" for it in past]
    out += [
        f"{it.draft}: a thread of {len(it.posts)} posts in one row (Buffer's CSV takes one post per row)"
        for it in found if name in THREADS_IN_ONE_ROW and len(it.posts) > 1
    ]
    left_out = FORMATS[name].left_out
    out += [f"{it.draft}: first comment left out ({left_out})" for it in found if left_out and it.comment]
    return out


def render(name: str, found: list[Item], setting: Setting = Setting()) -> str:
    return FORMATS[name].render(found, setting)
