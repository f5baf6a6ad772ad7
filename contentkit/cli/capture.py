"""Capture: `init` a repo, write a `new` seed, `edit` one, `show` one, `list` them all."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from contentkit.cli.common import (
    emit_json,
    here,
    is_tty,
    pending_warning,
    platform_name,
    repo,
    stdout_colour,
    terminal,
    warn,
)
from contentkit.store import query

if TYPE_CHECKING:
    from datetime import tzinfo

    from contentkit.store.catalog import Entry
    from contentkit.store.repo import Repo


@click.command()
@click.argument("directory", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("-q", "--quiet", is_flag=True, help="Print nothing on success.")
def init(directory: Path, quiet: bool) -> None:
    """Make DIRECTORY (default: here) a content repo.

    Writes contentkit.toml, seeds/, drafts/, templates/ (the default templates, to edit), INDEX.md,
    a Makefile with `make index`, a .pre-commit-config.yaml, and .contentkit/ in .gitignore.
    Files that already exist are kept as they are.
    """
    from contentkit.usecases import index, scaffold
    results = scaffold.init(directory, here())
    target = repo(start=directory)
    with target.lock():  # an INDEX.md already there is kept as it is, like every other file
        made_index = not os.path.lexists(target.index_path)
        if made_index:
            index.refresh(target, locked=True)
    if quiet:
        return
    for item in results:
        state = "kept" if item.kept else "created"
        click.echo(f"{state:8} {target.rel(item.path)}")
    if made_index:
        click.echo(f"{'created':8} {target.config.index_file}")
    click.echo(f"\nReady. Next: contentkit -C {directory} new \"Your first idea\"")


@click.command()
@click.argument("title")
@click.option("--source", default="idea", show_default=True, help="Where the idea came from.")
@click.option("--source-url", help="Link to the post or page that sparked it.")
@click.option(
    "--platform",
    callback=platform_name,
    help="Target platform (default: the config's default_platform).",
)
@click.option("--category", default="content-seed", show_default=True, help="The seed's category key.")
@click.option("--date", "date", help="Creation date, YYYY-MM-DD or ISO 8601, local time (default: now).")
@click.option(
    "--from",
    "from_file",
    metavar="FILE",
    help=(
        "Put the text of FILE (- for standard input) into the Core Idea as it is (UTF-8); a line that "
        "would open a section of its own (a # or ## heading, a --- or === underline) gets a backslash "
        "before it, so it stays in the Core Idea."
    ),
)
@click.option("--edit", is_flag=True, help="Open the new seed in $VISUAL / $EDITOR, then validate it.")
def new(
    title: str,
    source: str,
    source_url: str | None,
    platform: str | None,
    category: str,
    date: str | None,
    from_file: str | None,
    edit: bool,
) -> None:
    """Write a new seed, seeds/YYYY-MM-DD__slug.md, with the empty section skeleton; refresh INDEX.md.

    The seed gets `status: seed` and `created` in ISO 8601. The slug keeps letters and digits of
    any script (a title without any gets `idea-` and a short hash); a slug another seed has gets -2,
    -3, ...: an existing file is never overwritten. A --source-url or --platform that validate would
    reject is refused.

    With --from, the given text (a pasted idea, a source article) is the Core Idea, byte for byte
    but for a backslash before each line that would open a section of its own (`\\## Hooks` shows
    as `## Hooks`); text that is not UTF-8 is refused and nothing is written. With --edit, the seed
    opens in your editor and is validated when the editor closes.
    """
    from contentkit.base import dates
    from contentkit.usecases import scaffold

    options = {"TITLE": title, "--source": source, "--source-url": source_url, "--platform": platform}
    for option, value in {**options, "--category": category, "--date": date, "--from": from_file}.items():
        scaffold.check_argument(value, option)
    target = repo()
    if edit:
        _editor()  # an editor that cannot be started is said before the seed is written
    created = dates.parse_local(date, "--date", target.config.timezone) if date else dates.now_utc()
    if from_file == "-" and is_tty(sys.stdin):  # typed, not piped: say how it ends
        click.echo("Type or paste the idea, then Ctrl-D on a line of its own:", err=True)
    stdin = sys.stdin.buffer.read() if from_file == "-" else None
    idea = scaffold.read_from(from_file, stdin, here()) if from_file is not None else ""
    path = scaffold.new_seed(
        target,
        title,
        source=source,
        source_url=source_url,
        platform=platform,
        category=category,
        created=created,
        core_idea=idea,
    )
    click.echo(target.rel(path))
    if edit:
        _edit_and_check(target, path)


@click.command()
@click.argument("ref", metavar="SEED|DRAFT")
def edit(ref: str) -> None:
    """Open a seed or a draft in $VISUAL / $EDITOR, then validate it and refresh INDEX.md.

    SEED|DRAFT is a path, a file name or a unique prefix; a name is looked up among the seeds first,
    then the drafts (a draft shares its seed's name: give its path). Problems are reported when the
    editor closes (exit 1 on an error); the file is kept as you saved it, never reverted. With
    neither VISUAL nor EDITOR set, a terminal gets the system's editor (sensible-editor, vim, nano,
    vi); without a terminal that is an error, not a wait.
    """
    from contentkit.base.errors import RefusedError, RepoError

    target = repo()
    try:
        path = target.resolve_seed(ref)
    except RepoError as not_a_seed:
        try:
            path = target.resolve_draft(ref)
        except RepoError:
            raise not_a_seed from None
    rel = target.rel(path)
    if not (target.files().is_seed(rel) or target.files().is_draft(rel)):
        raise RefusedError("is neither a seed nor a draft; edit opens only those", rel)
    _edit_and_check(target, path)


def _editor(rel: str | None = None) -> str | None:
    """The editor command, looked up as git does: VISUAL, EDITOR, `git config --global core.editor`,
    then vi or nano on PATH (None: click's own choice). Refused in one line: none of those and no terminal (an
    editor would wait for a terminal that is not there), or a command line with an unclosed quote."""
    import shlex
    import shutil
    import subprocess

    from contentkit.base.errors import EditorError

    name = "VISUAL" if os.environ.get("VISUAL") else "EDITOR"
    value = os.environ.get(name)
    if not value:
        name = "git config core.editor"
        try:
            # the writer's own git settings only: a repo's .git/config (an archive or a synced folder
            # can carry one) must not choose a command for contentkit to run
            command = ["git", "config", "--global", "core.editor"]
            found = subprocess.run(command, capture_output=True, text=True, timeout=10)
            value = found.stdout.strip() if found.returncode == 0 else ""
        except (OSError, subprocess.SubprocessError):
            value = ""
        if not value and is_tty(sys.stdin):
            value = next((shutil.which(n) for n in ("vi", "nano") if shutil.which(n)), None) or ""
    if not value and not is_tty(sys.stdin):
        raise EditorError("no editor to open it in: set VISUAL or EDITOR (or git config core.editor)", rel)
    try:
        shlex.split(value or "")
    except ValueError as exc:
        raise EditorError(f"{name} {value!r} is not a command line ({exc}): fix it", rel) from None
    return value or None


FALLBACK_EDITORS = ("sensible-editor", "vim", "nano")


def launch(path: Path, editor: str | None) -> None:
    """Run the writer's editor (as `_editor` found it, else the first of FALLBACK_EDITORS on PATH) on
    `path` as an argument list (shlex.split of the editor + the path), never through a shell, whatever
    click is installed: a file named `x$(cmd).md` is only a name. ClickException (click's own
    wording) when it cannot start or fails."""
    import shlex
    import shutil
    import subprocess

    editor = editor or next((name for name in FALLBACK_EDITORS if shutil.which(name)), "vi")
    try:
        code = subprocess.call([*shlex.split(editor), str(path)], cwd=here())  # -C DIR: started there
    except OSError as exc:
        raise click.ClickException(f"{editor}: Editing failed: {exc}") from None
    if code != 0:
        raise click.ClickException(f"{editor}: Editing failed")


def _edit_and_check(target: Repo, path: Path) -> None:
    """The editor on `path`; then the file validated as it was saved, and INDEX.md refreshed."""
    from contentkit.base.errors import EditorError
    from contentkit.usecases import index
    from contentkit.usecases.validate import output, run

    editor = _editor(target.rel(path))
    while True:
        try:
            launch(path, editor)
        except click.ClickException as exc:
            raise EditorError(exc.format_message(), target.rel(path)) from None
        report = run.check(target, [path])
        from contentkit.cli.style import diagnostics

        click.echo(diagnostics(output.FORMATS["text"](report), stdout_colour()), nl=False)
        if not (report.errors and is_tty(sys.stdin) and is_tty(sys.stdout)):
            break
        if not click.confirm("reopen?", default=True):  # "reopen? [Y/n]": fix it while it is fresh
            break
    with target.lock():
        index.refresh(target, locked=True)
    click.get_current_context().exit(1 if report.errors else 0)


@click.command()
@click.argument("seed")
@click.option("--json", "as_json", is_flag=True, help="Print the parsed seed as JSON.")
def show(seed: str, as_json: bool) -> None:
    """Show a parsed seed, its hooks and angles numbered for `develop --hook N --angle N`, and its
    drafts with their platform and state (a scheduled one with its time, local)."""
    from contentkit.base import dates
    from contentkit.model import seed as seeds
    from contentkit.model.lifecycle import drafts_of
    from contentkit.store.catalog import draft_facts
    from contentkit.usecases import views

    target = repo()
    parsed = seeds.load_in(target, target.resolve_seed(seed))
    drafts = [(link, *draft_facts(target.root, link)) for link in drafts_of(parsed.meta.get("developed_to"))]
    if as_json:
        rows = [{"path": link, "platform": platform, "status": status or "missing", "scheduled_at": at}
                for link, status, platform, at in drafts]
        emit_json({**views.seed_json(parsed), "drafts": rows})
        return
    click.echo(views.seed_text(parsed), nl=False)
    if drafts:
        zone = dates.zone(target.config.timezone)
        click.echo("\nDrafts")
        for link, status, platform, at in drafts:
            shown = f"{status or 'missing'} {when(at, zone)}" if at else status or "missing (no such file)"
            click.echo(f"  {platform or '?':10} {shown:28} {link}")


@click.command(name="list")
@click.option(
    "--status",
    help="Only seeds with this status, or with a draft in it (draft, scheduled, published): one of the "
    "config's lifecycle (or the repo's own name for a state, [aliases.status]) and the draft states.",
)
@click.option("--platform", help="Only seeds for this platform, or with a draft for it (a configured one).")
@click.option(
    "--theme", help="Only seeds with this related theme (case and spaces aside: 'AI systems' is #AISystems)."
)
@click.option("--source", help="Only seeds from this source (case aside).")
@click.option(
    "--since", metavar="DATE", help="Only seeds created at or after DATE (YYYY-MM-DD or ISO 8601, local)."
)
@click.option(
    "--until", metavar="DATE", help="Only seeds created before the end of DATE (a date: that whole day)."
)
@click.option(
    "--match",
    metavar="TEXT",
    help="Only seeds whose title, core idea, hooks or angles contain TEXT (case aside).",
)
@click.option(
    "--where",
    "where",
    metavar="EXPR",
    multiple=True,
    help="Only seeds whose front matter passes EXPR: KEY=VALUE, KEY!=VALUE, KEY<VALUE (<=, >, >=: numbers "
    "and dates), KEY~TEXT (contains), 'KEY exists', 'KEY missing'; any key, the repo's own names included. "
    "Repeat to AND several.",
)
@click.option(
    "--sort",
    type=click.Choice(query.SORTS),
    default="created",
    show_default=True,
    help="created: newest first; title: A to Z; status: in lifecycle order.",
)
@click.option("--reverse", is_flag=True, help="The other way round.")
@click.option("--limit", type=click.IntRange(min=1), metavar="N", help="At most N rows, after sorting.")
@click.option(
    "--due",
    is_flag=True,
    help="The scheduled drafts whose time (scheduled_at) has come, oldest plan first, one row per draft.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of objects.")
@click.option("--no-cache", is_flag=True, help="Read every seed; neither use nor update .contentkit/.")
def list_cmd(
    status: str | None,
    platform: str | None,
    theme: str | None,
    source: str | None,
    since: str | None,
    until: str | None,
    match: str | None,
    where: tuple[str, ...],
    sort: str,
    reverse: bool,
    limit: int | None,
    due: bool,
    as_json: bool,
    no_cache: bool,
) -> None:
    """One row per seed, newest first; the options choose and order them and combine with each other.

    Every filter reads the cache's rows, not the files, but --match, which reads the seeds its
    other filters keep (passing over, unparsed, a file without the words asked for). A --status or
    --platform the repo does not know is a usage error (exit 2) that says what it does know.
    """
    from contentkit.api import Repository
    from contentkit.base import dates

    content = Repository(repo(no_cache))
    wanted = content.query(status=status, platform=platform, theme=theme, source=source, since=since,
                           until=until, match=match, sort=sort, reverse=reverse, limit=limit, due=due)
    pending_warning(content.repo)
    keep = None if where else query.prefilter(wanted, content.config.statuses)  # --where reads every row
    cat = content.catalog(keep=keep)
    warn([entry.error for entry in cat.broken])
    rows = content.list(wanted, where=where, catalog=cat)
    zone = dates.zone(content.config.timezone)
    if due:
        _list_due(query.due(rows, wanted.due or ""), limit, reverse, as_json, zone)
    elif as_json:
        emit_json([{k: v for k, v in e.to_json().items() if k != "error"} for e in rows])
    else:
        _list_rows(rows, zone, scheduled=wanted.status == "scheduled")
    if not rows and not as_json:
        click.echo("no seeds match", err=True)  # like an empty grep, but said: exit 0


def when(at: str, zone: tzinfo | None) -> str:
    """A stored time as the terminal shows it: local, `Tue 9 Dec, 08:30` (the year when not this one)."""
    from contentkit.base import dates

    return dates.readable(at, zone, year=not dates.this_year(at, zone))


def _list_due(
    found: list[query.Due], limit: int | None, reverse: bool, as_json: bool, zone: tzinfo | None
) -> None:
    if reverse:
        found.reverse()
    found = found if limit is None else found[:limit]
    if as_json:
        emit_json([
            {"draft": d.draft, "seed": d.entry.path, "title": d.entry.title, "platform": d.platform,
             "scheduled_at": d.scheduled_at}
            for d in found
        ])
        return
    cells = [
        [terminal(v) for v in (when(d.scheduled_at, zone), d.platform, d.draft, d.entry.title)]
        for d in found
    ]
    _table(DUE_HEADERS, cells, ())


LIST_HEADERS = ("CREATED", "STATUS", "PLATFORM", "PATH", "TITLE")
DUE_HEADERS = ("SCHEDULED", "PLATFORM", "DRAFT", "TITLE")
SCHEDULED_HEADERS = ("SCHEDULED", "PLATFORM", "DRAFT", "TITLE")


def _list_rows(rows: list[Entry], zone: tzinfo | None, scheduled: bool = False) -> None:
    """`list` for people: a header, aligned columns, titles cut to the terminal's width, statuses in
    colour on a terminal. `--status scheduled`: one row per scheduled draft, with when (local)."""
    if scheduled:
        planned = sorted(
            (at, draft, platform, e)
            for e in rows for draft, state, platform, at in e.drafts() if state == "scheduled"
        )
        cells = [
            [terminal(v) for v in (when(at, zone) if at else "-", platform, draft, e.title)]
            for at, draft, platform, e in planned
        ]
        _table(SCHEDULED_HEADERS, cells, ())
        return
    cells = [[terminal(v) for v in (e.created[:10], e.status, e.platform, e.path, e.title)] for e in rows]
    _table(LIST_HEADERS, cells, (None, "status"))


def _table(headers: tuple[str, ...], cells: list[list[str]], roles: tuple[str | None, ...]) -> None:
    from contentkit.cli import style

    if not cells:
        return
    on = stdout_colour()
    text = style.table(headers, cells, columns=style.terminal_columns(), roles=roles, on=on)
    click.echo(text, nl=False)
