"""`search TEXT`: full text over the seeds and drafts, best first, each with its best line."""

from __future__ import annotations

import click

from contentkit.cli.common import emit_json, repo


@click.command()
@click.argument("text", nargs=-1, required=True)
@click.option(
    "--limit", type=click.IntRange(min=1), default=20, show_default=True, metavar="N", help="At most N hits."
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print a JSON list of hits (path, kind, title, line, text, score).",
)
@click.option(
    "--no-cache", is_flag=True, help="Build the index in memory; neither use nor update .contentkit/."
)
def search(text: tuple[str, ...], limit: int, as_json: bool, no_cache: bool) -> None:
    """Seeds and drafts holding every word of TEXT (title, body, front matter values), ranked by
    relevance (bm25), each as PATH:LINE with its best line. Case and accents aside; a word ending in *
    is a prefix. The index is kept in .contentkit/ and brought up to date from file stamps."""
    from contentkit.store import fulltext

    hits = fulltext.search(repo(no_cache), " ".join(text), limit)
    if as_json:
        emit_json(fulltext.hits_of(hits))
        return
    for hit in hits:
        click.echo(f"{hit.path}:{hit.line}: {hit.title}")
        if hit.text:
            click.echo(f"    {hit.text}")
