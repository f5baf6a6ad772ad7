"""New things: a content repo (`init`) and a seed skeleton (`new`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from contentkit.base import files, lines
from contentkit.base.errors import Hint, InputError, RefusedError, RepoError, UsageError, WriteError
from contentkit.base.files import real
from contentkit.base.slug import file_slug, stem_slug
from contentkit.markdown import frontmatter
from contentkit.markdown.frontmatter import scalar
from contentkit.model import sections
from contentkit.model.aliases import Aliases
from contentkit.model.lifecycle import State
from contentkit.store import config as configuration
from contentkit.store import schema
from contentkit.store.config import DEFAULT_KEYS, Config
from contentkit.store.repo import Repo, contained
from contentkit.usecases import index, precommit, render

CONFIG = """\
# contentkit configuration. Every key is optional; the values shown are the defaults.
seeds_dir = "seeds"
drafts_dir = "drafts"
templates_dir = "templates"
index_file = "INDEX.md"
default_platform = "linkedin"
draft_path = "{drafts_dir}/{platform}/{stem}.md"
statuses = ["seed", "developed", "published", "archived"]
required = ["type", "category", "created", "source", "platform", "status"]
metrics_file = "metrics.csv"      # post metrics snapshots: contentkit metrics, contentkit stats
stats_min_posts = 3               # stats groups with fewer posts are marked as too few
# timezone = "Europe/Berlin"      # times written without an offset; unset: this machine's zone
                                  # (INDEX.md then shows UTC, the same on every writer's machine)

# Platform profiles: character limit, how it is counted, the "...see more" folds, hashtags.
# The folds are approximate (a layout effect, measured by eye; open previewers hard-code 210/140).
# Packaged: linkedin, x, x_premium, bluesky, threads, mastodon (docs/POSTS.md).
# [platforms.linkedin]
# limit = 3000
# counting = "chars"              # chars (code points), graphemes (Bluesky), x (X's weighted count)
# fold_chars = 210                # the desktop fold: about 210 characters or 3 lines
# fold_lines = 3
# fold_phone = { chars = 140, lines = 3 }   # about 140 on a phone
# hashtags = 5
# display = "LinkedIn"            # its name in a new seed's Next Steps
#
# [lint]                          # contentkit lint's checks (docs/LINT.md)
# off = []                        # codes never reported, e.g. ["CK603"]
"""

MAKEFILE = """\
# Regenerate INDEX.md, the dashboard of every seed and draft.
.PHONY: index check
index:
\tcontentkit index

check:
\tcontentkit validate
\tcontentkit index --check
"""

# Each hook runs the contentkit on PATH (where `pipx install` or `uv tool install` puts it for good), else
# the content repo's own .venv/bin/contentkit, else ~/.local/bin/contentkit (pipx's and uv's folder, for a
# git client started without it on PATH), so `git commit` works without an activated virtualenv;
# when neither is there it fails with one line that says what to do. `contentkit doctor` checks the same.
HOOK_NOT_FOUND = (
    "contentkit is not on PATH for git hooks; install it with pipx or uv tool install (contentkit doctor)"
)
HOOK_LAUNCHER = (
    """sh -c 'for c in contentkit .venv/bin/contentkit "$HOME/.local/bin/contentkit";"""
    """ do command -v "$c" >/dev/null && exec "$c" {args} "$@"; done;\n"""
    f"""  echo "{HOOK_NOT_FOUND}" >&2; exit 1' --"""
)


def _entry(args: str) -> str:
    """A hook's entry as a YAML folded block: the lines read as one, no quoting to escape."""
    lines = HOOK_LAUNCHER.format(args=args).splitlines()
    return ">-\n" + "".join(f"          {line.strip()}\n" for line in lines).rstrip("\n")


PRE_COMMIT_TEMPLATE = """\
# Checks seeds and drafts before they land, and keeps INDEX.md fresh: run `pre-commit install` once.
# Validate runs first and stops the run when it fails (fail_fast), so a refused commit leaves INDEX.md
# as it was. `files:` follows contentkit.toml's folders: after changing them run `contentkit adopt`.
# The hooks run the contentkit on PATH (install it with pipx or uv tool install, so git finds it
# without an activated virtualenv), else this repo's .venv/bin/contentkit, else ~/.local/bin/contentkit.
# `contentkit doctor` checks.
# To pin a version instead, point `repo:` at contentkit's git repository and `rev:` at a tag:
# the same hook ids are published in its .pre-commit-hooks.yaml (language: python).
repos:
  - repo: local
    hooks:
      - id: contentkit-validate
        name: contentkit validate
        entry: {validate}
        language: system
        fail_fast: true
        files: {validate_files}
      - id: contentkit-index
        name: contentkit index
        entry: {index}
        language: system
        pass_filenames: false
        require_serial: true
        files: {index_files}
"""


def pre_commit_config(config: Config) -> str:
    """The `.pre-commit-config.yaml` init writes, its `files:` patterns from the config's folders."""
    return PRE_COMMIT_TEMPLATE.format(
        validate=_entry("validate"),
        index=_entry("index --exit-code"),
        validate_files=precommit.scalar(precommit.pattern(config, precommit.VALIDATE)),
        index_files=precommit.scalar(precommit.pattern(config, precommit.INDEX)),
    )


PRE_COMMIT = pre_commit_config(Config())

SEED = """\
---
type: moment
category: {category}
created: '{created}'
source: {source}
{source_url}platform: {platform}
status: seed
---

# {title}
"""  # then sections.skeleton(): a section per kind of the table


def seed_template(aliases: Aliases) -> str:
    """SEED in the repo's own words ([aliases]): each key under its first alias, the status as the
    first alias of `seed` (`created_date: ...`, `status: new`)."""
    if not aliases:
        return SEED
    head, fence, rest = SEED.partition("\n---\n")
    lines = []
    for line in head.split("\n"):
        key, sep, value = line.partition(": ")
        if sep and key == "status":
            value = frontmatter.scalar(aliases.status_value(State.SEED)).replace("{", "{{").replace("}", "}}")
        if sep and aliases.names(key):
            key = aliases.names(key)[0].replace("{", "{{").replace("}", "}}")
        lines.append(f"{key}{sep}{value}" if sep else line)
    return "\n".join(lines) + fence + rest


@dataclass(frozen=True)
class Created:
    path: Path
    kept: bool  # it already existed and was left alone


def init(target: Path, cwd: Path | None = None) -> list[Created]:
    """Lay out a content repo in `target` (a relative one read from `cwd`); existing files are kept,
    never overwritten.

    The folders and the hooks' `files:` follow the repo's config (a contentkit.toml already there, as
    adopt writes it, names `ideas/`: no unused `seeds/` is made). Every file goes where its real path is
    (a symlink inside the folder is written through); one that would land outside the folder is refused.
    """
    root = _root(target, cwd)
    results = [_file(contained(root, root / configuration.CONFIG_FILE), CONFIG)]
    config = configuration.load(root)
    folders = (config.seeds_dir, config.drafts_dir, config.templates_dir)
    results += [_dir(root, name) for name in dict.fromkeys(folders)]
    wanted = {
        "Makefile": MAKEFILE,
        ".pre-commit-config.yaml": pre_commit_config(config),
    }
    for name in render.available(root / config.templates_dir):
        source = render.PACKAGED / render.template_name(name)
        if source.exists():
            wanted[f"{config.templates_dir}/{source.name}"] = source.read_text(encoding="utf-8")
    results += [_file(contained(root, root / name), text) for name, text in wanted.items()]
    results.append(ignore(contained(root, root / ".gitignore")))
    return results


def _root(target: Path, cwd: Path | None) -> Path:
    """The folder to lay out, created if needed, as its real absolute path."""
    folder = target if cwd is None else cwd / target
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(f"cannot create folder: {exc.strerror}", target) from None
    return real(folder)


def _dir(root: Path, name: str) -> Created:
    path = contained(root, root / name)
    kept = path.is_dir()
    try:
        path.mkdir(parents=True, exist_ok=True)
        contained(root, path / ".gitkeep").touch(exist_ok=True)
    except OSError as exc:
        raise WriteError(f"cannot create folder: {exc.strerror}", root / name) from None
    return Created(root / name, kept)


def _file(path: Path, text: str) -> Created:
    try:
        files.create_new(path, text.encode("utf-8"))
    except FileExistsError:
        return Created(path, True)
    return Created(path, False)


IGNORED = (b".contentkit/", b"out/")  # the state folder; the default folder of generated files


def ignore(path: Path) -> Created:
    """Add `.contentkit/` and `out/` to .gitignore, keeping every byte already there (any encoding,
    CRLF); kept when both lines are there already."""
    try:
        old = path.read_bytes() if path.exists() else b""
    except OSError as exc:
        raise WriteError(f"cannot read: {exc.strerror}", path) from None
    present = {entry.rstrip(b"\r").strip() for entry in old.split(b"\n")}
    missing = [line for line in IGNORED if line not in present and line.rstrip(b"/") not in present]
    if not missing:
        return Created(path, True)
    newline = b"\r\n" if b"\r\n" in old else b"\n"
    sep = b"" if not old or old.endswith(b"\n") else newline
    files.atomic_write(path, old + sep + b"".join(line + newline for line in missing))
    return Created(path, bool(old))


def _shown(value: str) -> str:
    return value if value.isprintable() else repr(value)[1:-1]


def check_argument(value: str | None, option: str) -> None:
    """Undecodable bytes on the command line arrive as lone surrogates: refuse them in one line."""
    if value is None:
        return
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise UsageError(f"{option} '{_shown(value)}' is not valid UTF-8 text") from None


def _yaml_value(text: str) -> str:
    return scalar(text)


def new_seed(
    repo: Repo,
    title: str,
    *,
    source: str = "idea",
    source_url: str | None = None,
    platform: str | None = None,
    category: str = "content-seed",
    created: str,
    core_idea: str = "",
) -> Path:
    """Write `seeds/YYYY-MM-DD__slug.md` with the section skeleton and refresh INDEX.md, under the lock.

    `core_idea` (kept_in_section()) replaces the Core Idea's placeholder. The slug is never one
    another seed has: `-2`, `-3`... are added until it is free.
    """
    if not title.strip():
        raise UsageError("the title is empty")
    platform = platform or repo.config.default_platform
    if platform not in repo.config.platforms:
        raise RepoError(schema.unknown_platform(platform, repo.config.platforms))
    if source_url is not None:
        schema.check_url(source_url, Hint("source_url"))
    text = (seed_template(repo.config.aliases) + sections.skeleton()).format(
        category=_yaml_value(category),
        created=created,
        source=_yaml_value(source),
        source_url=f"source_url: {_yaml_value(source_url)}\n" if source_url else "",
        platform=_yaml_value(platform),
        title=" ".join(title.split()),
        platform_name=repo.config.platforms[platform].display_name,
    )
    text = with_required(text, repo.config, title, written={"source_url"} if source_url else set())
    if core_idea:
        text = with_core_idea(text, kept_in_section(core_idea))

    with repo.lock():
        path = _create_unique(repo, f"{created[:10]}__", file_slug(title), text.encode("utf-8"))
        try:
            index.refresh(repo, locked=True)
        except BaseException:
            path.unlink()
            raise
    return path


_WRITTEN = ("type", "category", "created", "source", "platform", "status")  # the keys SEED always has
_LISTS = ("tags", "developed_to")


def with_required(text: str, config: Config, title: str, written: set[str]) -> str:
    """A new seed's front matter with every required key SEED does not write, each under the repo's
    own name, before the closing `---`: the title as given, an empty list for tags, developed_to and
    the repo's own keys, an empty value for the rest (a URL or a date cannot be made up)."""
    lines = []
    for key in config.required:
        if key in _WRITTEN or key in written:
            continue
        if key == "title":
            value = _yaml_value(" ".join(title.split()))
        else:
            value = "[]" if key in _LISTS or key not in DEFAULT_KEYS else "''"
        lines.append(f"{config.aliases.source({}, key)}: {value}\n")
    head, fence, rest = text.partition("\n---\n")
    return head + "\n" + "".join(lines).rstrip("\n") + fence + rest if lines else text


def with_core_idea(skeleton: str, idea: str) -> str:
    """The skeleton with `idea` in place of the Core Idea's placeholder line, character for character
    (after the formatting, so braces in it are text); a line end is added only when it has none."""
    placeholder = sections.placeholder("core_idea")
    ending = "" if idea.endswith(("\n", "\r")) else "\n"
    before, found, after = skeleton.partition(placeholder + "\n")
    assert found, "the skeleton has the Core Idea placeholder"
    return before + idea + ending + after


_OPENS_SECTION = re.compile(r" {0,3}(?:#{1,2}(?:[ \t]|$)|=+[ \t]*$|-+[ \t]*$)")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")


def kept_in_section(text: str) -> str:
    """Pasted text as it must be written to stay inside one section: a line that would open a section
    of its own (an `#` or `##` heading, or a `===`/`---` line that makes the line above one) gets a
    backslash before it (`\\## Hooks` shows as `## Hooks`); every other character is kept, code fences
    untouched."""
    out: list[str] = []
    fence = ""
    for line in lines.split(text):
        bare = lines.strip_ending(line)
        if fence:
            fence = "" if bare.strip().startswith(fence) else fence
        elif opened := _FENCE.match(bare):
            fence = opened.group(1)
        elif _OPENS_SECTION.match(bare):
            indent = len(bare) - len(bare.lstrip(" "))
            line = f"{line[:indent]}\\{line[indent:]}"
        out.append(line)
    return "".join(out)


def read_idea(data: bytes, name: str) -> str:
    """`new --from`'s text: UTF-8 (a leading BOM is an encoding mark, not text), else one line naming
    the first byte that is not."""
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start + 1} is {data[exc.start]:#04x})", name) from None


def read_from(source: str, stdin: bytes | None, base: Path | None = None) -> str:
    """The text of `--from FILE` (`-`: the bytes of standard input, handed in), read from `base`."""
    if source == "-":
        return read_idea(stdin or b"", "<stdin>")
    try:
        data = (Path(source) if base is None else base / source).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read --from file: {exc.strerror or exc}", _shown(source)) from None
    return read_idea(data, _shown(source))


def _create_unique(repo: Repo, prefix: str, slug: str, data: bytes) -> Path:
    taken = {stem_slug(p.stem) for p in repo.seed_files()}
    for number in range(1, 10_000):
        candidate = slug if number == 1 else f"{slug}-{number}"
        if candidate in taken:
            continue
        path = repo.writable(repo.seeds_dir / f"{prefix}{candidate}.md")
        try:
            files.create_new(path, data, repo.state_dir)
        except FileExistsError:
            continue
        return path
    raise RefusedError(f"every name for '{slug}' is taken; pick another title", repo.config.seeds_dir)
