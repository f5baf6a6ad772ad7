"""The content calendar: scheduled and published drafts as an iCalendar (RFC 5545) feed.

`events` is a pure function of the files: one Event per draft that is scheduled (at its
`scheduled_at`) or published (at its `published_at`, else its seed's). `render` turns them into the
feed with the icalendar package (the optional calendar extra). The same
files give the same bytes: each event's UID is derived from its draft's path, so a calendar app
subscribed to the file updates the event when the draft moves instead of adding a second one, and
its DTSTAMP is the latest time the draft itself records (created, published), never the clock.

Each event's DESCRIPTION carries the post as `contentkit export` gives it, below the draft's path
(and the post's URL once published), so the calendar on a phone holds what to paste. A scheduled
event prompts: a VALARM the config's `[schedule] alarm` before it (15 minutes unless it says
otherwise; `none`: no alarm). A published event has none: it is history.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contentkit.base import extras
from contentkit.base.dates import parse_date
from contentkit.base.errors import ContentkitError
from contentkit.model import seed as seeds
from contentkit.model.lifecycle import State, folder_platform
from contentkit.model.seed import text_of
from contentkit.platforms.posttext import exported_text
from contentkit.store import catalog
from contentkit.store.drafts import read_draft
from contentkit.store.repo import Repo
from contentkit.store.schema import is_http_url

PRODID = "-//contentkit//content calendar//EN"
UID_DOMAIN = "contentkit"


@dataclass(frozen=True)
class Event:
    draft: str  # repo-relative path: the UID comes from it
    seed: str
    title: str
    platform: str
    status: str  # scheduled | published
    when: str  # UTC YYYY-MM-DDTHH:MM:SSZ
    url: str  # the post, once published
    stamp: str  # the latest time the draft records (its DTSTAMP)
    dropped_url: str = ""  # a published_url that is not an http(s) URL, left out (validate: CK211)
    text: str = ""  # the post as `contentkit export` gives it ('' when it cannot be read)

    @property
    def uid(self) -> str:
        digest = hashlib.sha256(self.draft.encode("utf-8", "surrogateescape")).hexdigest()
        return f"{digest[:32]}@{UID_DOMAIN}"


def events(repo: Repo) -> list[Event]:
    """Every scheduled or published draft of a seed (its `developed_to`, as INDEX.md's Upcoming table
    reads it) as an Event, by time then path. The catalog (the cache's rows) says which drafts those
    are; only they are read. Drafts that cannot be read, and those with no time of their own or their
    seed's, are left out (`validate` reports them)."""
    found: dict[str, Event] = {}
    for entry in sorted(catalog.collect(repo).readable, key=lambda e: e.path):
        for draft, status, platform, _at in entry.drafts():
            if status in (State.SCHEDULED, State.PUBLISHED) and draft not in found:
                event = _event(repo, entry, draft, platform)
                if event is not None:
                    found[draft] = event
    return sorted(found.values(), key=lambda e: (e.when, e.draft))


def _event(repo: Repo, entry: catalog.Entry, rel: str, platform: str) -> Event | None:
    body, meta = _read(repo.root / rel, rel)
    status = text_of(meta.get("status"))
    if status not in (State.SCHEDULED, State.PUBLISHED):
        return None
    own = "scheduled_at" if status == State.SCHEDULED else "published_at"
    when = _utc(text_of(meta.get(own)), parse_date)
    url = text_of(meta.get("published_url"))
    if status == State.PUBLISHED and not when:  # published before drafts kept their post: the seed's
        when = _utc(_seed_value(repo, entry.path, "published_at"), parse_date)
        url = url or entry.published_url
    if not when:
        return None
    created = _utc(text_of(meta.get("created")), parse_date)
    stamp = max(t for t in (created, when if status == State.PUBLISHED else "", "1970-01-01T00:00:00Z") if t)
    return Event(
        draft=rel,
        seed=entry.path,
        title=entry.title or Path(rel).stem,
        platform=platform or folder_platform(rel),
        status=status,
        when=when,
        url=url if status == State.PUBLISHED and is_http_url(url) else "",
        stamp=stamp,
        dropped_url=url if status == State.PUBLISHED and url and not is_http_url(url) else "",
        text=_exported(repo, body, text_of(meta.get("platform")) or platform or folder_platform(rel)),
    )


def _read(path: Path, rel: str) -> tuple[str, dict[str, Any]]:
    try:
        return read_draft(path, rel)
    except ContentkitError:
        return "", {}


def _exported(repo: Repo, body: str, platform: str) -> str:
    """The draft's text as `export` gives it for its platform; '' for a platform the config lacks."""
    profile = repo.config.platforms.get(platform)
    return exported_text(body, profile) if body and profile is not None else ""


def _seed_value(repo: Repo, rel: str, key: str) -> str:
    try:
        return seeds.load_in(repo, repo.root / rel).get(key)
    except ContentkitError:
        return ""


def _utc(value: str, parse: Any) -> str:
    if not value:
        return ""
    try:
        return str(parse(value))
    except ContentkitError:
        return ""


def feed(repo: Repo, found: list[Event] | None = None) -> bytes:
    """The repo's feed (its events unless `found` is given), with the config's alarm."""
    return render(events(repo) if found is None else found, alarm=repo.config.schedule.alarm)


def render(found: list[Event], name: str = "Content calendar", alarm: int | None = None) -> bytes:
    """The feed: one VEVENT per Event, in the order given; each scheduled one with a VALARM `alarm`
    minutes before it (None: none)."""
    icalendar = extras.need("calendar", "the calendar feed")
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    for event in found:
        vevent = _vevent(icalendar, event)
        if alarm is not None and event.status == State.SCHEDULED:
            vevent.add_component(_alarm(icalendar, event, alarm))
        cal.add_component(vevent)
    data: bytes = cal.to_ical()
    return data


def _shown(text: str) -> str:
    """Text an iCalendar file (UTF-8) can carry: bytes of a file name that are not UTF-8 as \\xNN."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _vevent(icalendar: Any, event: Event) -> Any:
    event = Event(**{k: _shown(v) for k, v in event.__dict__.items()}) if not _plain(event) else event
    vevent = icalendar.Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", _moment(event.stamp))
    vevent.add("dtstart", _moment(event.when))
    vevent.add("summary", f"{event.title} ({event.platform}, {event.status})")
    lines = [f"Platform: {event.platform}", f"Status: {event.status}"]
    lines += [f"Seed: {event.seed}", f"Draft: {event.draft}"]
    if event.url:
        lines.append(f"Post: {event.url}")
        vevent.add("url", event.url)
    if event.text:
        lines += ["", event.text]
    vevent.add("description", "\n".join(lines))
    vevent.add("categories", [event.platform])
    vevent.add("status", "CONFIRMED" if event.status == State.PUBLISHED else "TENTATIVE")
    vevent.add("transp", "TRANSPARENT")
    return vevent


def _alarm(icalendar: Any, event: Event, minutes: int) -> Any:
    """A display alarm `minutes` before the event: the prompt to publish."""
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", dt.timedelta(minutes=-minutes))
    alarm.add("description", f"Post on {event.platform}: {event.title}")
    return alarm


def _plain(event: Event) -> bool:
    try:
        "".join(event.__dict__.values()).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _moment(utc: str) -> dt.datetime:
    return dt.datetime.strptime(utc, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)
