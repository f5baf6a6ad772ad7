"""A draft as the feed shows it: the view model of `preview --html` and of `serve`'s draft page.

Pure: the draft's text and platform profile in, posts with their fold, counts and warnings out. The
numbers and the fold are post.py's (`thread_stats`, `fold`); this module only arranges them for a page.
"""

from __future__ import annotations

from dataclasses import dataclass

from contentkit.base.errors import ContentkitError
from contentkit.markdown import frontmatter
from contentkit.markdown.plaintext import spans
from contentkit.model import firstcomment
from contentkit.model.lifecycle import State
from contentkit.model.seed import text_of
from contentkit.platforms import posttext as post
from contentkit.store.config import Platform


@dataclass(frozen=True)
class Span:
    kind: str  # 'text', 'tag' (a hashtag) or 'url'
    text: str


@dataclass(frozen=True)
class Cut:
    """The post as one screen shows it: before "…see more", the gap, and what the link reveals."""

    shown: tuple[Span, ...]
    gap: str
    hidden: tuple[Span, ...]  # () when nothing is cut

    @property
    def folded(self) -> bool:
        return bool(self.hidden)


@dataclass(frozen=True)
class FeedPost:
    number: int
    posts: int  # the thread's length; 1 for a single post
    shown: tuple[Span, ...]  # what the feed shows before "…see more" (the whole post when not folded)
    gap: str  # the whitespace between the shown part and the hidden part
    hidden: tuple[Span, ...]  # what "…see more" reveals; () when nothing is cut
    characters: int
    limit: int
    over_limit: bool
    hashtags: int
    hashtag_limit: int
    fold: str  # post.fold_summary: where the cut falls and whether the opening fits (each screen's)
    warnings: tuple[str, ...]  # 'CK503 line 12: ...', every finding of this post
    screens: tuple[tuple[str, Cut], ...] = ()  # each screen's fold ('desktop', 'phone'), by name

    def cut(self, screen: str) -> Cut:
        """The post as `screen` folds it; a screen the profile does not name folds as the desktop."""
        return dict(self.screens).get(screen) or Cut(self.shown, self.gap, self.hidden)

    @property
    def folded(self) -> bool:
        return bool(self.hidden)

    @property
    def label(self) -> str:
        return f"{self.number}/{self.posts}" if self.posts > 1 else ""


@dataclass(frozen=True)
class FirstComment:
    spans: tuple[Span, ...]
    characters: int
    limit: int  # the platform's comment_limit (0: none)
    over_limit: bool


@dataclass(frozen=True)
class Feed:
    path: str  # the draft, repo-relative
    title: str
    platform: str
    posts: tuple[FeedPost, ...]
    comment: FirstComment | None = None  # the draft's "## First comment", shown under the post
    state: str = State.DRAFT  # the draft's own status: draft, scheduled or published
    when: str = ""  # its scheduled_at (scheduled) or published_at (published), as the file has it
    comments: bool = True  # whether the platform has a first comment (a thread has none: X)
    display: str = ""  # the platform as a writer names it ("LinkedIn")

    @property
    def thread(self) -> bool:
        return len(self.posts) > 1

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(w for p in self.posts for w in p.warnings)


def build(path: str, text: str, profile: Platform, title: str = "") -> Feed:
    """The feed view of a draft: its file text (front matter and all) measured against `profile`."""
    results = post.thread_stats(text, profile)
    found = firstcomment.first_comment(text)
    comment = None
    if found is not None:
        over = firstcomment.over(found, profile.comment_limit)
        comment = FirstComment(_spans(found.text), found.characters, profile.comment_limit, over)
    state, when = _state(text)
    posts = tuple(_post(r) for r in results)
    return Feed(
        path, title or path, profile.name, posts, comment, state, when,
        comments=not profile.thread, display=profile.display_name,
    )


STATES: dict[str, str] = {State.SCHEDULED: "scheduled_at", State.PUBLISHED: "published_at"}


def _state(text: str) -> tuple[str, str]:
    """The draft's status and the time that goes with it; ("draft", "") for anything else."""
    if not frontmatter.has_front_matter(text):
        return State.DRAFT, ""
    try:
        meta = frontmatter.parse(text).meta
    except ContentkitError:
        return State.DRAFT, ""
    status = text_of(meta.get("status"))
    if status not in STATES:
        return State.DRAFT, ""
    return status, text_of(meta.get(STATES[status]))


def _cut(text: str, cut: post.Fold) -> Cut:
    shown, hidden = cut.before, cut.after
    gap = text[len(shown) : len(text) - len(hidden)] if cut.folded else ""
    return Cut(_spans(shown), gap, _spans(hidden) if cut.folded else ())


def _post(result: post.Stats) -> FeedPost:
    desktop = _cut(result.text, result.fold)
    profile = result.platform
    return FeedPost(
        number=result.number,
        posts=result.posts,
        shown=desktop.shown,
        gap=desktop.gap,
        hidden=desktop.hidden,
        characters=result.characters,
        limit=profile.limit,
        over_limit=result.over_limit,
        hashtags=len(result.tags),
        hashtag_limit=profile.hashtags,
        fold="; ".join(_fold_lines(result)),
        warnings=tuple(f"{f.code} line {f.line}: {f.message}" for f in result.findings),
        screens=tuple((screen, _cut(result.text, cut)) for screen, cut in result.folds.items()),
    )


def _fold_lines(result: post.Stats) -> list[str]:
    if len(result.folds) == 1:
        return [post.fold_summary(result)]
    return [f"{screen}: {post.fold_summary(result, screen)}" for screen in result.folds]


def _spans(text: str) -> tuple[Span, ...]:
    return tuple(Span(kind, piece) for kind, piece in spans(text))
