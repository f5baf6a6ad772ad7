"""Post: `preview` a draft as it will look, `export` its plain text, `schedule` it, `publish` it.

Loaded lazily from the command table in cli/__init__.py, where ContentkitError becomes one line.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from contentkit.cli.common import emit_json, repo, suffixed, warn
from contentkit.store.drafts import Draft, load_draft, seed_title
from contentkit.store.repo import Repo

if TYPE_CHECKING:
    from contentkit.api import Plan, Repository


@click.command()
@click.argument("draft", nargs=-1)
@click.option(
    "--platform", help="The draft for this platform when the name matches several; measured against it."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help=(
        "Write the text to FILE (atomically) instead of printing it. FILE is a .txt file (.csv for "
        "--format csv and buffer, .jsonl for typefully and postiz) where you point (outside the repo "
        "too); inside it, never in .git/, .contentkit/ or the seeds, drafts and templates folders. An "
        "existing FILE needs --force."
    ),
)
@click.option(
    "--format",
    "form",
    type=click.Choice(["text", "csv", "typefully", "buffer", "postiz"]),
    default="text",
    metavar="NAME",
    help=(
        "text (the default): the post; csv, buffer, typefully, postiz: the file that scheduler imports "
        "(docs/GUIDE-HANDOFF.md)."
    ),
)
@click.option("--scheduled", is_flag=True, help="With --format: every scheduled draft (by time).")
@click.option(
    "--all", "every", is_flag=True, help="With --format: every draft not yet published (scheduled first)."
)
@click.option(
    "--integration",
    "integrations",
    multiple=True,
    metavar="PLATFORM=ID",
    help="With --format postiz: the Postiz integration (channel) id for PLATFORM's posts (repeatable).",
)
@click.option("--force", is_flag=True, help="Replace an existing -o FILE.")
@click.option(
    "--first-comment",
    is_flag=True,
    help="Export the draft's '## First comment' section (links, extra hashtags) instead of the post.",
)
@click.option(
    "--copy",
    is_flag=True,
    help="Put the text on the clipboard (wl-copy, xclip, xsel, pbcopy or clip.exe) instead of printing it.",
)
@click.option(
    "--plain",
    is_flag=True,
    help="Write Unicode pseudo-bold/italic letters (𝗯𝗼𝗹𝗱, CK601) as the plain letters they stand for.",
)
def export(
    draft: tuple[str, ...], platform: str | None, output: Path | None, form: str, scheduled: bool,
    every: bool, integrations: tuple[str, ...], force: bool, first_comment: bool, copy: bool, plain: bool,
) -> None:
    """Print DRAFT as the plain text the platform takes, ready to paste.

    No front matter, no HTML comments, no Markdown syntax: emphasis unwrapped, list items as lines
    with a bullet or number, links as "text (url)", hashtags kept. DRAFT is a path, a file name, or a
    unique prefix of a draft's file name. A post over the platform's limit is still exported, with a
    warning on stderr. On a thread platform (X) a `---` line splits the draft into posts: they are
    printed in order, each starting with its number (`1/3 `), a blank line between them.

    A `## First comment` section (the draft's last) is never part of the post; --first-comment
    exports it alone, for the comment you add right after posting.

    --copy puts the text on the clipboard with the platform's own command, found on PATH; where there
    is none (a headless machine) it says so and exits 1.

    --format csv|typefully|buffer|postiz writes what a scheduler imports, for the DRAFTs named, or
    --scheduled, or --all (--platform keeps one platform's): a CSV (Buffer's bulk upload, or a sheet
    of every field) or one JSON request body per line (Typefully's and Postiz's APIs). A thread is one
    item, its posts split as the tool splits them; times are in the zone the tool expects.
    """
    from contentkit.platforms import posttext as post

    if copy and output is not None:
        raise click.UsageError("--copy and -o/--output go one at a time")
    if form != "text":
        chosen = (scheduled, every, integrations)
        from contentkit.cli import handoff

        handoff.export(draft, platform, output, form, chosen, (first_comment, copy), plain)
        return
    if len(draft) != 1 or scheduled or every or integrations:
        raise click.UsageError("give one DRAFT (several, --scheduled, --all, --integration go with --format)")
    target = repo()
    loaded = load_draft(target, draft[0], platform)
    if first_comment:
        _export_comment(target, loaded, output, copy, plain)
        return
    posts = post.thread_stats(loaded.text, loaded.profile)
    text = _letters("\n\n".join(p.text for p in posts if p.text), plain)
    thread = f"{len(posts)} posts, " if len(posts) > 1 else ""
    _deliver(target, text, output, copy, loaded.rel, f"({thread}{len(text):,} characters)")
    if not text:
        warn([f"{loaded.rel}: nothing left to post after export"])
    for one in posts:
        if one.over_limit:
            message = post.limit_message(one.characters, one.platform, one.label)
            warn([f"{loaded.rel}: {message}"])


def _deliver(target: Repo, text: str, output: Path | None, copy: bool, what: str, size: str) -> None:
    """The exported text printed, written to -o FILE, or (--copy) put on the clipboard."""
    import os

    from contentkit.base import files
    from contentkit.usecases import clipboard

    plain = text + "\n" if text else ""
    if copy:
        name = clipboard.copy(text, os.environ)
        click.echo(f"copied {what} to the clipboard with {name} {size}")
    elif output is None:
        click.echo(plain, nl=False)
    else:
        force = click.get_current_context().params.get("force", False)
        written = target.output_file(suffixed(output, ".txt"), force=force)
        files.atomic_write(written, plain.encode("utf-8"))
        click.echo(f"exported {what} -> {target.rel(written)} {size}")


def _letters(text: str, plain: bool) -> str:
    if not plain:
        return text
    from contentkit.usecases.lint.rules import plain_letters

    return plain_letters(text)


def _export_comment(target: Repo, loaded: Draft, output: Path | None, copy: bool, plain: bool) -> None:
    from contentkit.base.errors import RefusedError
    from contentkit.model import firstcomment

    comment = firstcomment.first_comment(loaded.text)
    if comment is None:
        raise RefusedError("has no '## First comment' section", loaded.rel)
    what = f"the first comment of {loaded.rel}"
    if not comment.text:
        warn([f"{loaded.rel}: the '## First comment' section is empty"])
    size = f"({comment.characters:,} characters)"
    _deliver(target, _letters(comment.text, plain), output, copy, what, size)
    limit = loaded.profile.comment_limit
    if firstcomment.over(comment, limit):
        message = firstcomment.limit_message(comment, loaded.profile.name, limit)
        warn([f"{loaded.rel}: {message}"])


@click.command()
@click.argument("draft")
@click.option(
    "--platform", help="The draft for this platform when the name matches several; measured against it."
)
@click.option("--json", "as_json", is_flag=True, help="Print the numbers and the fold as JSON.")
@click.option("--html", "as_html", is_flag=True, help="Print (or write with -o) the feed preview as HTML.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help=(
        "With --html: write the page to FILE instead of printing it. FILE is an .html file where you "
        "point (outside the repo too); inside it, never in .git/, .contentkit/ or the seeds, drafts "
        "and templates folders. An existing FILE needs --force."
    ),
)
@click.option("--force", is_flag=True, help="Replace an existing -o FILE.")
def preview(
    draft: str, platform: str | None, as_json: bool, as_html: bool, output: Path | None, force: bool
) -> None:
    """Show DRAFT as the post will look: the "…see more" fold marked, its length against the limit,
    its hashtag count and warnings.

    Characters are Unicode code points of the exported text. The fold falls after the profile's
    fold_chars characters or fold_lines lines, whichever comes first, at a word boundary. A thread
    (a `---` line splits an X draft) shows each post with its own count; --json then has "posts".

    --html gives one self-contained page (inline CSS, nothing loaded from anywhere): the post as the
    feed shows it at phone (360 px) and desktop (555 px) width, cut at the fold with a "…see more"
    that expands it, beside its counts and warnings.
    """
    from contentkit.platforms import posttext as post

    target = repo()
    loaded = load_draft(target, draft, platform)
    if output is not None and not as_html:
        raise click.UsageError("-o/--output goes with --html")
    if as_html:
        _preview_html(target, loaded, output)
        return
    from contentkit.model import firstcomment

    results = post.thread_stats(loaded.text, loaded.profile)
    comment = firstcomment.first_comment(loaded.text)
    if as_json:
        extra = firstcomment.to_json(comment, loaded.profile.comment_limit)
        emit_json({"path": loaded.rel, **post.thread_json(results), "first_comment": extra})
        return
    text = post.thread_preview_text(results)
    if comment is not None:
        text += "\n" + firstcomment.preview_text(comment, loaded.profile.comment_limit)
    click.echo(_coloured_preview(text), nl=False)


def _coloured_preview(text: str) -> str:
    """preview's text with the fold marker, the headings and the warnings in colour, on a terminal."""
    import re

    from contentkit.cli.common import paint, stdout_colour
    from contentkit.platforms import posttext as post

    on = stdout_colour()
    if not on:
        return text
    text = text.replace(post.FOLD_MARKER, paint(post.FOLD_MARKER, "fold", on))
    text = re.sub(r"(?m)^(==== .* ====)$", lambda m: paint(m.group(1), "heading", on), text)
    return re.sub(r"(?m)^warning(?=     CK)", lambda m: paint(m.group(0), "warning", on), text)


def _preview_html(target: Repo, loaded: Draft, output: Path | None) -> None:
    from contentkit import html
    from contentkit.base import files
    from contentkit.html import feed

    view = feed.build(loaded.rel, loaded.text, loaded.profile, seed_title(target, loaded))
    from contentkit.base.dates import zone

    page = html.preview(view, author=target.config.author, zone=zone(target.config.timezone))
    if output is None:
        click.echo(page, nl=False)
        return
    force = click.get_current_context().params.get("force", False)
    written = target.output_file(suffixed(output, ".html"), ".html", force)
    files.atomic_write(written, page.encode("utf-8"))
    click.echo(f"wrote {target.rel(written)}")


@click.command()
@click.argument("ref", metavar="SEED|DRAFT")
@click.option("--url", required=True, help="Where the post went live (http or https).")
@click.option(
    "--date",
    help=(
        "When it went live: YYYY-MM-DD or ISO 8601 (default: now); a time without an offset is your "
        "local time (the config's timezone, else the system's). A time still to come is refused "
        "(plan it with 'contentkit schedule')."
    ),
)
@click.option("--platform", help="The seed's draft for this platform (when it has several).")
@click.option("--dry-run", is_flag=True, help="Print the planned changes; write nothing.")
def publish(ref: str, url: str, date: str | None, platform: str | None, dry_run: bool) -> None:
    """Record that a draft went live: the draft gets status published, published_url and
    published_at; its seed becomes published (with the first post's URL and date); INDEX.md is
    refreshed.

    SEED|DRAFT is a draft, or a seed (a path, a file name or a unique prefix). A seed with drafts for
    several platforms is published through the one draft of it not yet published; when several are
    waiting, they are listed and nothing is written: name one by its path. A published draft is not
    published again. Every other byte of the seed and the draft is kept.
    """
    from contentkit.api import Repository

    plan = Repository(repo()).publish(ref, url, date=date, platform=platform, write=not dry_run)
    result = plan.detail
    if dry_run:
        _dry_run(plan.changes)
    else:
        click.echo(f"published {result.draft_rel or result.seed.rel} -> {result.url} ({result.published_at})")
    for note in plan.warnings:
        click.echo(f"note: {note}", err=True)


@click.command()
@click.argument("draft", required=False)
@click.option(
    "--at",
    "at",
    metavar="WHEN",
    help=(
        "When it goes out: an ISO 8601 date-time (2027-06-01T09:00). A time without an offset is your "
        "local time (the config's timezone, else the system's: TZ), a bare date local midnight; "
        "stored with its offset (2027-06-01T09:00:00+02:00). It must be still to come."
    ),
)
@click.option(
    "--next-slot", is_flag=True,
    help="Instead of --at: the next free posting slot of the draft's platform ([schedule] slots).",
)
@click.option(
    "--plan", "plan", is_flag=True,
    help="Without DRAFT: lay every ready draft onto the next free slots of its platform and print the plan.",
)
@click.option(
    "--by", "by", metavar="RANKING",
    help="With --plan: the drafts whose group did best in `stats --by RANKING` (hook, angle, theme...) first "
    "(default: oldest seed first).",
)
@click.option("--platform", help="The draft for this platform, when the name matches several; with --plan: "
              "only this platform's drafts.")
@click.option("--json", "as_json", is_flag=True, help="With --plan: print the plan as JSON.")
@click.option("--dry-run", is_flag=True, help="Print the planned changes; write nothing.")
def schedule(
    draft: str | None, at: str | None, next_slot: bool, plan: bool, by: str | None, platform: str | None,
    as_json: bool, dry_run: bool,
) -> None:
    """Plan when DRAFT goes out: its status becomes scheduled and scheduled_at records WHEN;
    INDEX.md lists it under Upcoming, `list --due` once the time has come, `calendar` as an event.

    DRAFT is a path, a file name or a unique prefix of a draft's file name. Scheduling again moves
    the time. Refused, with nothing written: a time not in the future (exit 2), a published draft,
    and a draft over its platform's limit (each post of a thread is checked). Every other byte of
    the draft is kept.

    --next-slot takes the next free posting slot of the draft's platform (the config's [schedule]
    slots, in its timezone): free when no scheduled or published draft of that platform falls
    between it and the next slot. --plan lays every ready draft (developed, not scheduled or
    published) onto the next free slots, oldest seed first (--by: a stats ranking), prints the plan
    and writes every draft and INDEX.md together (--dry-run: only prints it).
    """
    from contentkit.api import Repository
    from contentkit.cli import slots

    slots.check(draft, at, next_slot, plan, by, as_json)
    if plan:
        slots.plan(by or "", platform, as_json, dry_run)
        return
    assert draft is not None
    content = Repository(repo())
    result = content.schedule(draft, at, next_slot=next_slot, platform=platform, write=not dry_run)
    _said(content, result, dry_run)


@click.command()
@click.argument("draft")
@click.option("--dry-run", is_flag=True, help="Print the planned changes; write nothing.")
def unschedule(draft: str, dry_run: bool) -> None:
    """Take DRAFT off the schedule: status back to draft, scheduled_at removed, INDEX.md refreshed.

    Only a scheduled draft can be unscheduled; a published one is history.
    """
    from contentkit.api import Repository

    content = Repository(repo())
    _said(content, content.unschedule(draft, write=not dry_run), dry_run)


def _dry_run(changes: tuple[str, ...]) -> None:
    click.echo("Dry run, nothing written. Would:")
    for change in changes:
        click.echo(f"  {change}")


def _said(content: Repository, plan: Plan[Any], dry_run: bool) -> None:
    """What schedule and unschedule did (or, in a dry run, would do)."""
    result = plan.detail
    if dry_run:
        _dry_run(plan.changes)
    elif result.scheduled_at:
        from contentkit.base import dates

        when = dates.readable(result.scheduled_at, dates.zone(content.config.timezone))
        click.echo(f"scheduled {result.draft_rel} for {when} ({result.scheduled_at})")
    else:
        click.echo(f"unscheduled {result.draft_rel} (status draft)")


@click.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help=(
        "Write the feed to FILE (atomically) instead of printing it. FILE is an .ics file where you "
        "point (outside the repo too); inside it, never in .git/, .contentkit/ or the seeds, drafts "
        "and templates folders. An existing FILE needs --force (a feed you regenerate)."
    ),
)
@click.option("--force", is_flag=True, help="Replace an existing -o FILE.")
def calendar(output: Path | None, force: bool) -> None:
    """The content calendar as an iCalendar (RFC 5545) feed: one event per scheduled or published
    draft, at its scheduled_at or published_at, with the seed's title, the platform, the seed and
    draft paths and, once published, the post's URL.

    Subscribe a calendar app to the file: each event's UID comes from its draft's path, so a
    rescheduled draft moves its event instead of adding one. The same files give the same bytes.
    Needs the calendar extra (every feature: the all extra).
    """
    from contentkit.base import files
    from contentkit.usecases import calendar_feed

    target = repo()
    found = calendar_feed.events(target)
    warn([f"{e.draft}: published_url {e.dropped_url!r} is not an http(s) URL: left out of its event"
          for e in found if e.dropped_url])
    data = calendar_feed.feed(target, found)
    if output is None:
        click.echo(data.decode("utf-8"), nl=False)
        return
    written = target.output_file(suffixed(output, ".ics"), ".ics", force)
    files.atomic_write(written, data)
    click.echo(f"wrote {target.rel(written)} ({len(found)} event{'s' if len(found) != 1 else ''})")
