"""`contentkit adopt`: take on a repo a writer already has, in its own vocabulary."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from contentkit.cli.common import Existing, emit_json, terminal

if TYPE_CHECKING:
    from contentkit.usecases.adopt_config import Adoption


@click.command()
@click.argument("directory", required=False, type=Existing(file_okay=False))
@click.option(
    "--seeds",
    "seeds_dir",
    metavar="FOLDER",
    help="The folder of seeds (default: the config's, else the first of seeds/, ideas/, _drafts/, ...).",
)
@click.option(
    "--drafts", "drafts_dir", metavar="FOLDER", help="The folder of drafts (default: the config's, drafts/)."
)
@click.option(
    "--dry-run", is_flag=True, help="Print the report and the contentkit.toml it would write; write nothing."
)
@click.option(
    "--add-front-matter",
    is_flag=True,
    help="Give each seed without front matter the smallest block (status, and created when its file name "
    "has a date) at its top, the rest byte for byte. Try it with --dry-run first.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def adopt(
    directory: Path | None, seeds_dir: str | None, drafts_dir: str | None, dry_run: bool,
    add_front_matter: bool, as_json: bool,
) -> None:
    """Read the repo's seeds and drafts and write contentkit.toml in their vocabulary.

    Infers [aliases.keys] (created_date is created, draft_file is developed_to, ...), [aliases.status]
    (new, drafted, posted, ... mapped to the lifecycle by meaning), [sections] (repeated headings
    that name a section kind), required (the keys most seeds carry; [] when they share none; in place
    of the list init wrote when it was never changed), front_matter = "optional" when some seeds
    have none, and known_keys (the writer's other keys); reports idea banks and files without front
    matter with the command for each; adds what contentkit.toml lacks without rewriting what it has
    (a new value goes at the end of the array of an entry it already has). Never edits a seed or a
    draft but with --add-front-matter. Prints what was mapped, what was left open, and the files that
    still fail validate.
    Running it again changes nothing. DIRECTORY: the repo (default: this one, or the current folder).
    """
    from contentkit.base import files
    from contentkit.cli.common import here as folder
    from contentkit.store import config as configuration
    from contentkit.store.repo import contained
    from contentkit.usecases.adopt_config import PRE_COMMIT_FILE, plan

    here = folder()
    root = (here / directory).resolve() if directory is not None else configuration.find_root(here) or here
    blocks: dict[str, bytes] = {}
    if add_front_matter:
        from contentkit.usecases.adopt_front import with_front_matter

        blocks = with_front_matter(root, plan(root, seeds_dir, drafts_dir, True))
        if not dry_run:
            files.write_all({contained(root, root / rel): data for rel, data in blocks.items()})
    found = plan(root, seeds_dir, drafts_dir, add_front_matter)
    found.notes[:0] = [f"{'would add' if dry_run else 'added'} front matter to {rel}: "
                       f"{_block_of(data)}" for rel, data in blocks.items()]
    if found.write is not None and not dry_run:
        files.atomic_write(contained(root, root / configuration.CONFIG_FILE), found.write.encode("utf-8"))
    if found.hooks is not None and not dry_run:
        files.atomic_write(contained(root, root / PRE_COMMIT_FILE), found.hooks.encode("utf-8"))
    if not dry_run and ((root / ".git").exists() or (root / ".gitignore").exists()):
        from contentkit.usecases.scaffold import ignore

        ignore(contained(root, root / ".gitignore"))  # .contentkit/ and out/: never committed by `git add -A`
    if as_json:
        emit_json(_json(found, dry_run))
        return
    click.echo(terminal(_text(found, dry_run)), nl=False)


def _block_of(data: bytes) -> str:
    """The keys of the block written at a file's top, as one line (`status: seed, created: ...`)."""
    from contentkit.markdown import frontmatter

    doc = frontmatter.parse(data)
    return ", ".join(line.strip() for line in doc.yaml_text.splitlines() if line.strip())


def _json(found: Adoption, dry_run: bool) -> dict[str, Any]:
    proposal = found.proposal

    def table(rows: dict[str, list[tuple[str, int]]]) -> dict[str, list[dict[str, Any]]]:
        return {name: [{"name": n, "files": c} for n, c in pairs] for name, pairs in rows.items()}

    return {
        "root": str(found.root),
        "seeds_dir": found.seeds_dir,
        "drafts_dir": found.drafts_dir,
        "seeds": len(found.found.seeds),
        "drafts": len(found.found.drafts),
        "unreadable": found.found.unreadable,
        "without_front_matter": found.found.bare,
        "idea_banks": [{"path": rel, "ideas": count, "form": form} for rel, count, form in found.found.banks],
        "keys": table(proposal.keys),
        "status": table(proposal.status),
        "sections": table(proposal.sections),
        "required": proposal.required,
        "known_keys": [{"name": n, "files": c} for n, c in proposal.known_keys],
        "open": [*found.notes, *proposal.open],
        "added": found.edit.added,
        "kept": found.edit.kept,
        "changed": found.write is not None,
        "written": found.write is not None and not dry_run,
        "hooks_changed": found.hooks is not None,
        "config": found.edit.text,
        "errors_before": len(found.before),
        "errors_after": len(found.after),
        "failing": [d.to_json() for d in found.after],
    }


def _text(found: Adoption, dry_run: bool) -> str:
    from contentkit.base.words import plural
    from contentkit.usecases.adopt import counted, files

    proposal, survey = found.proposal, found.found
    out = [
        f"read {plural(len(survey.seeds) + len(survey.drafts), 'file')}: "
        f"{plural(len(survey.seeds), 'seed')} in {found.seeds_dir}/, "
        f"{plural(len(survey.drafts), 'draft')} in {found.drafts_dir}/"
        + (f" ({len(survey.unreadable)} cannot be read)" if survey.unreadable else "")
    ]
    tables = (("keys", proposal.keys), ("status", proposal.status), ("sections", proposal.sections))
    for title, rows in tables:
        if rows:
            out.append(f"{title}:")
            out += [f"  {name} <- {counted(pairs)}" for name, pairs in rows.items()]
    if proposal.required:
        kept = "; contentkit.toml keeps its own required" if "required" in found.edit.kept else ""
        out.append(f"required: {', '.join(proposal.required)} (most seeds have them{kept})")
    elif "required" in found.edit.added or "required (in place of init's default)" in found.edit.added:
        out.append("required: [] (no key is carried by most seeds)")
    if proposal.known_keys:
        out.append(f"known_keys: + {counted(proposal.known_keys)}")
    left = [*found.notes, *proposal.open]
    if left:
        out.append("left open:")
        out += [f"  - {note}" for note in left]
    out.append(_config_line(found, dry_run))
    if found.hooks is not None:
        verb = "would point" if dry_run else "pointed"
        out.append(f".pre-commit-config.yaml: {verb} the contentkit hooks' files: at {found.seeds_dir}/ "
                   f"and {found.drafts_dir}/")
    before, after = len(found.before), len(found.after)
    fewer = f" ({round(100 * (before - after) / before)}% fewer)" if before and after < before else ""
    out.append(f"validate: {plural(before, 'error')} before, {after} after{fewer}")
    failing = sorted({d.path for d in found.after})
    if failing:
        out.append(f"still failing validate ({files(len(failing))}):")
        out += [f"  {d.path}:{d.line}:{d.col}: {d.code} {d.message}" for d in found.after]
    if dry_run and found.write is not None:
        out += ["", "--- contentkit.toml as it would be ---", found.write.rstrip("\n")]
    return "\n".join(out) + "\n"


def _config_line(found: Adoption, dry_run: bool) -> str:
    if found.write is None:
        return "contentkit.toml: unchanged (nothing to add)"
    new = not found.config_text
    verb = ("would create" if dry_run else "created") if new else ("would add" if dry_run else "added")
    what = ", ".join(found.edit.added) or "(an empty file)"
    return f"contentkit.toml: {verb} {what}" if found.config_text else f"contentkit.toml: {verb} with {what}"
