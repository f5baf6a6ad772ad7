"""Every hook × angle of a seed, rendered side by side into one variants file, measured for its platform.

The file lives beside the drafts (`drafts/<platform>/<stem>.variants.md`) but is not a draft: its front
matter says `type: variants` and links back to the seed, `Repo.draft_files` leaves it out, and the seed
is not touched. A writer may annotate the file, so an existing one is only replaced with `force`.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from contentkit.base import dates, files
from contentkit.base.errors import RefusedError
from contentkit.markdown import frontmatter
from contentkit.model import firstcomment
from contentkit.model import seed as seeds
from contentkit.platforms import posttext as post
from contentkit.store.repo import VARIANTS_SUFFIX, Repo
from contentkit.usecases import develop, render
from contentkit.usecases.develop import FORCE


@dataclass(frozen=True)
class Variant:
    number: int
    hook: int
    angle: int
    body: str  # the draft body `develop --hook N --angle M` would write
    posts: list[post.Stats]  # one, or a thread's posts in order

    @property
    def options(self) -> str:
        return f"--hook {self.hook}" + (f" --angle {self.angle}" if self.angle else "")

    @property
    def note(self) -> str:
        return post.variant_note(self.posts)

    @property
    def heading(self) -> str:
        return f"## Variant {self.number}: `{self.options}` ({self.note})"

    @property
    def warning(self) -> str | None:
        over = [p for p in self.posts if p.over_limit]
        if not over:
            return None
        message = "; ".join(post.limit_message(p.characters, p.platform, p.label) for p in over)
        return f"variant {self.number} ({self.options}): {message}"


@dataclass(frozen=True)
class Plan:
    seed: seeds.Seed
    path: Path
    rel: str
    platform: str
    variants: list[Variant]
    text: str

    @property
    def warnings(self) -> list[str]:
        return [v.warning for v in self.variants if v.warning]


def variants_path(repo: Repo, stem: str, platform: str, seed_rel: str = "") -> Path:
    draft = repo.draft_path(stem, platform, seed_rel)
    return repo.writable(draft.with_name(draft.name.removesuffix(".md") + VARIANTS_SUFFIX))


def render_all(repo: Repo, seed: seeds.Seed, platform: str, template: str | None = None) -> list[Variant]:
    """Render every hook × angle, numbered hook-major: variant 1 is hook 1 angle 1, then angle 2...
    A seed without angles (the angle is optional) gets one variant per hook."""
    develop.choose(seed.hooks, None, "hook", seed)
    profile = repo.config.platform(platform)
    name = template or render.platform_template(repo.templates_dir, platform)
    found: list[Variant] = []
    for hook in range(1, len(seed.hooks) + 1):
        for angle in range(1, len(seed.angles) + 1) if seed.angles else (0,):
            counts = (profile.limit, profile.hashtags, profile.counting, profile.url_length)
            ctx = develop.context(seed, hook, angle, platform, *counts)
            ctx.update(other_hooks=[], other_angles=[])  # the others stand beside it in the file
            body = render.render(repo.templates_dir, name, ctx).strip("\n") + "\n"
            found.append(Variant(len(found) + 1, hook, angle, body, post.thread_stats(body, profile)))
    return found


def document(seed: seeds.Seed, rel: str, platform: str, found: list[Variant], created: str) -> str:
    """The variants file: front matter linking back to the seed, a short intro, one section each."""
    meta = {"type": "variants", "seed": seed.rel, "platform": platform, "created": created}
    link = posixpath.relpath(seed.rel, posixpath.dirname(rel))
    link = link.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
    intro = (
        f"# Variants: {seed.title}\n\n"
        f"Every hook × angle of [{seed.rel}]({link}) for {platform}, numbered. "
        f"Character counts are of the exported plain text. To turn one into the draft, run "
        f"`contentkit develop {seed.stem} --hook N --angle M`.\n"
    )
    blocks = [intro, *(f"{v.heading}\n\n{firstcomment.nested(v.body)}" for v in found)]
    return frontmatter.dump_mapping(meta) + "\n" + "\n".join(blocks)


def plan(
    repo: Repo,
    seed_path: Path,
    platform: str | None = None,
    template: str | None = None,
    force: bool = False,
    created: str | None = None,
) -> Plan:
    """Render the variants file. Reads files; writes nothing."""
    seed = seeds.load_in(repo, seed_path)
    platform = develop.choose_platform(repo, seed, platform)
    path = variants_path(repo, seed.stem, platform, seed.rel)
    rel = repo.rel(path)
    if path.exists() and not force:
        message = ("already exists and may hold your notes; use ", FORCE, " to render it again")
        raise RefusedError(message, rel)
    found = render_all(repo, seed, platform, template)
    text = document(seed, rel, platform, found, created or dates.now_utc())
    return Plan(seed, path, rel, platform, found, text)


def write(repo: Repo, result: Plan, force: bool = False) -> str:
    """Write the variants file atomically; without `force`, never replace one that appeared meanwhile.

    With `force`, the old file's text (when it differs) is kept as `develop --force` keeps a draft's;
    the kept copy's repo-relative path is returned ('' when nothing was kept).
    """
    data = result.text.encode("utf-8")
    with repo.lock():
        if force:
            return _replace(repo, result, data)
        try:
            files.create_new(result.path, data, repo.state_dir)
        except FileExistsError:
            raise RefusedError(("already exists; use ", FORCE, " to replace it"), result.rel) from None
    return ""


def _replace(repo: Repo, result: Plan, data: bytes) -> str:
    try:
        old: bytes | None = result.path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        old = None
    except OSError as exc:
        raise RefusedError(f"cannot read: {exc.strerror}", result.rel) from None
    if old is None or old == data:
        files.atomic_write(result.path, data, repo.state_dir)
        return ""
    kept = develop.kept_copy(repo, result.rel, dates.now_utc())
    repo.write_all({kept: old, result.path: data})
    return repo.rel(kept)
