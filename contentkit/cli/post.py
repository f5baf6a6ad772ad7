"""Post: `preview` a draft as it will look, `export` its plain text, `publish` it.

Loaded lazily from the command table in cli/__init__.py, where ContentkitError becomes one line.
"""

from __future__ import annotations

from pathlib import Path

import click

from contentkit.cli.common import emit_json, repo
from contentkit.drafts import Draft, load_draft, seed_title
from contentkit.repo import Repo


@click.command()
@click.argument("draft")
@click.option("--platform", help="Measure against this platform (default: the draft's).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help=(
        "Write the text to FILE (atomically) instead of printing it. FILE is a .txt file inside the "
        "repo, outside .git/, .contentkit/ and the seeds, drafts and templates folders."
    ),
)
def export(draft: str, platform: str | None, output: Path | None) -> None:
    """Print DRAFT as the plain text the platform takes, ready to paste.

    No front matter, no HTML comments, no Markdown syntax: emphasis unwrapped, list items as lines
    with a bullet or number, links as "text (url)", hashtags kept. DRAFT is a path, a file name, or a
    unique prefix of a draft's file name. A post over the platform's limit is still exported, with a
    warning on stderr. On a thread platform (X) a `---` line splits the draft into posts: they are
    printed in order, each starting with its number (`1/3 `), a blank line between them.
    """
    from contentkit import files, post

    target = repo()
    loaded = load_draft(target, draft, platform)
    posts = post.thread_stats(loaded.text, loaded.profile)
    text = "\n\n".join(p.text for p in posts if p.text)
    plain = text + "\n" if text else ""
    if output is None:
        click.echo(plain, nl=False)
    else:
        written = target.output_file(output)
        files.atomic_write(written, plain.encode("utf-8"), target.state_dir)
        thread = f"{len(posts)} posts, " if len(posts) > 1 else ""
        click.echo(f"exported {loaded.rel} -> {target.rel(written)} ({thread}{len(text):,} characters)")
    if not text:
        click.echo(f"warning: {loaded.rel}: nothing left to post after export", err=True)
    for one in posts:
        if one.over_limit:
            message = post.limit_message(one.characters, one.platform, one.label)
            click.echo(f"warning: {loaded.rel}: {message}", err=True)


@click.command()
@click.argument("draft")
@click.option("--platform", help="Measure against this platform (default: the draft's).")
@click.option("--json", "as_json", is_flag=True, help="Print the numbers and the fold as JSON.")
@click.option("--html", "as_html", is_flag=True, help="Print (or write with -o) the feed preview as HTML.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help=(
        "With --html: write the page to FILE instead of printing it. FILE is an .html file inside the "
        "repo, outside .git/, .contentkit/ and the seeds, drafts and templates folders."
    ),
)
def preview(draft: str, platform: str | None, as_json: bool, as_html: bool, output: Path | None) -> None:
    """Show DRAFT as the post will look: the "…see more" fold marked, its length against the limit,
    its hashtag count and warnings.

    Characters are Unicode code points of the exported text. The fold falls after the profile's
    fold_chars characters or fold_lines lines, whichever comes first, at a word boundary. A thread
    (a `---` line splits an X draft) shows each post with its own count; --json then has "posts".

    --html gives one self-contained page (inline CSS, nothing loaded from anywhere): the post as the
    feed shows it at phone (360 px) and desktop (555 px) width, cut at the fold with a "…see more"
    that expands it, beside its counts and warnings.
    """
    from contentkit import post

    target = repo()
    loaded = load_draft(target, draft, platform)
    if output is not None and not as_html:
        raise click.UsageError("-o/--output goes with --html")
    if as_html:
        _preview_html(target, loaded, output)
        return
    results = post.thread_stats(loaded.text, loaded.profile)
    if as_json:
        emit_json({"path": loaded.rel, **post.thread_json(results)})
    else:
        click.echo(post.thread_preview_text(results), nl=False)


def _preview_html(target: Repo, loaded: Draft, output: Path | None) -> None:
    from contentkit import feed, files, html

    page = html.preview(feed.build(loaded.rel, loaded.text, loaded.profile, seed_title(target, loaded)))
    if output is None:
        click.echo(page, nl=False)
        return
    written = target.output_file(output, ".html")
    files.atomic_write(written, page.encode("utf-8"))
    click.echo(f"wrote {target.rel(written)}")


@click.command()
@click.argument("ref", metavar="SEED|DRAFT")
@click.option("--url", required=True, help="Where the post went live (http or https).")
@click.option("--date", help="When, YYYY-MM-DD or ISO 8601 (default: now); stored in UTC.")
@click.option("--dry-run", is_flag=True, help="Print the planned changes; write nothing.")
def publish(ref: str, url: str, date: str | None, dry_run: bool) -> None:
    """Mark a developed seed published: the seed gets status, published_url and published_at, its
    draft gets status published, INDEX.md is refreshed.

    SEED|DRAFT is a seed or its draft (a path, a file name or a unique prefix). Only a developed seed
    can be published; anything else is refused and nothing is written. Every other byte of the seed
    and the draft is kept.
    """
    from contentkit import publish as publish_

    target = repo()
    if dry_run:
        result = publish_.plan(target, ref, url, date)
        click.echo("Dry run, nothing written. Would:")
        for change in result.changes:
            click.echo(f"  {change}")
    else:
        result = publish_.publish(target, ref, url, date)
        click.echo(f"published {result.seed.rel} -> {result.url} ({result.published_at})")
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
