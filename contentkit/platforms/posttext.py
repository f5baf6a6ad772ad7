"""A post as a platform takes it: its length, where "…see more" folds it, its hashtags, its checks.

Pure functions over a draft's text. Everything is measured on the exported plain text
(`markdown.plaintext.to_plain_text`), which is what a writer pastes:

- characters are counted by the profile's rule (`counting.py`: code points, graphemes or X's weighted
  count, URLs at `url_length`), on that text without its final newline;
- the fold falls after `fold_chars` characters (counted by the same rule) or `fold_lines` lines,
  whichever comes first, at a word boundary; a blank line counts as a line, since it takes one on
  screen. That is the desktop fold; a profile with `phone_chars`/`phone_lines` folds on a phone too
  (`screen_folds`), and preview shows both;
- hashtags are counted once each, case-insensitively.

A profile value of 0 switches its check off (no limit, no fold, no hashtag advice).

Threads: on a platform whose profile sets `thread` (X by default), a line that is just `---` (outside
the front matter and outside code blocks and HTML blocks) splits a draft into posts. Each post of a
thread of two or more is numbered `1/3 ` at the start of its text, and the number counts: it is part
of what the writer pastes, so a post is measured with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from contentkit.base import codes
from contentkit.base.codes import OPENING_PAST_FOLD, OVER_LIMIT, TOO_MANY_HASHTAGS
from contentkit.base.lines import split as split_lines
from contentkit.base.lines import strip_ending
from contentkit.markdown import frontmatter
from contentkit.markdown.plaintext import block_tokens, to_plain_text
from contentkit.markdown.plaintext import hashtags as find_hashtags
from contentkit.model.firstcomment import post_part
from contentkit.platforms.fold import Fold as Fold
from contentkit.platforms.fold import after_cut
from contentkit.platforms.fold import fold as fold
from contentkit.platforms.fold import fold_at as fold_at
from contentkit.platforms.fold import opening as opening
from contentkit.platforms.fold import opening_fits as opening_fits
from contentkit.platforms.fold import screen_folds as screen_folds
from contentkit.platforms.profiles import Platform

FOLD_MARKER = "----- …see more -----"

_WORD = re.compile(r"[^\W_]+")
_BREAK = re.compile(r"---[ \t]*$")
_VERBATIM = frozenset({"fence", "code_block", "html_block"})


@dataclass(frozen=True)
class Finding:
    """One problem of a draft against its platform. `line` is 1-based in the text that was checked."""

    code: str
    message: str
    line: int

    @property
    def severity(self) -> str:
        """The code's severity, from the one table of codes."""
        return codes.severity(self.code)


@dataclass(frozen=True)
class Stats:
    """What `preview` shows: the post text measured against one platform profile."""

    platform: Platform
    text: str  # the exported post, without its final newline
    fold: Fold
    tags: tuple[str, ...]
    findings: tuple[Finding, ...]
    number: int = 1  # this post's place in its thread
    posts: int = 1  # how many posts the thread has (1: not a thread)

    @property
    def label(self) -> str:
        """'post 2/3' in a thread, 'the post' otherwise."""
        return f"post {self.number}/{self.posts}" if self.posts > 1 else "the post"

    @cached_property
    def characters(self) -> int:
        return self.platform.count(self.text)

    @cached_property
    def folds(self) -> dict[str, Fold]:
        """The fold on each screen the profile knows ('desktop', and 'phone' when it gives one)."""
        return screen_folds(self.text, self.platform)

    @property
    def over_limit(self) -> bool:
        return over(self.characters, self.platform.limit)

    @property
    def opening_fits(self) -> bool:
        return opening_fits(self.text, self.fold)

    def to_json(self) -> dict[str, Any]:
        return {
            "platform": self.platform.name,
            "characters": self.characters,
            "limit": self.platform.limit,
            "over_limit": self.over_limit,
            "fold": self.fold.before,
            "folded": self.fold.folded,
            "fold_at": self.fold.at,
            "fold_by": self.fold.by or None,
            "counting": self.platform.counting,
            "folds": {screen: _fold_json(cut) for screen, cut in self.folds.items()},
            "opening_fits": self.opening_fits,
            "hashtags": len(self.tags),
            "hashtag_list": list(self.tags),
            "hashtag_limit": self.platform.hashtags,
            "warnings": [
                {"code": f.code, "severity": f.severity, "line": f.line, "message": f.message}
                for f in self.findings
            ],
            "text": self.text + "\n" if self.text else "",
        }


def _fold_json(cut: Fold) -> dict[str, Any]:
    return {"folded": cut.folded, "at": cut.at, "by": cut.by or None, "shown": cut.before}


def thread_json(results: list[Stats]) -> dict[str, Any]:
    """`preview --json`: one post's numbers, or for a thread its posts in order under "posts"."""
    if len(results) == 1:
        return results[0].to_json()
    posts = [{"post": r.number, **r.to_json()} for r in results]
    return {
        "platform": results[0].platform.name,
        "thread": True,
        "over_limit": any(r.over_limit for r in results),
        "posts": posts,
        "warnings": [w for p in posts for w in p["warnings"]],
    }


# --- measuring --------------------------------------------------------------------------------


def post_text(markdown: str) -> str:
    """A draft (front matter and all, or just its body) as the post text, without a final newline."""
    return to_plain_text(markdown).removesuffix("\n")


def over(characters: int, limit: int) -> bool:
    return limit > 0 and characters > limit


def distinct_hashtags(text: str) -> tuple[str, ...]:
    """Each hashtag once, in order of first appearance; `#AI` and `#ai` are the same tag."""
    seen: dict[str, str] = {}
    for tag in find_hashtags(text):
        seen.setdefault(tag.lower(), tag)
    return tuple(seen.values())


def stats(markdown: str, profile: Platform) -> Stats:
    """Measure a draft (file text or body) as one post against a platform profile."""
    return _measure(markdown, post_text(markdown), profile, 1, 1)


def _measure(source: str, text: str, profile: Platform, number: int, count: int) -> Stats:
    cut = fold(text, profile)
    tags = distinct_hashtags(text)
    label = f"post {number}/{count}" if count > 1 else "the post"
    found = tuple(_findings(source, text, cut, tags, profile, label))
    return Stats(profile, text, cut, tags, found, number, count)


def thread_stats(markdown: str, profile: Platform) -> list[Stats]:
    """Measure a draft post by post: the data of `preview`, `export` and the CK5xx checks.

    One Stats for a draft that is not a thread; a thread's posts in order, each numbered.
    """
    sources = thread_parts(post_part(markdown), profile)
    if len(sources) == 1:
        return [stats(sources[0], profile)]
    count = len(sources)
    return [
        _measure(source, f"{n}/{count} {post_text(source)}", profile, n, count)
        for n, source in enumerate(sources, 1)
    ]


def thread_parts(markdown: str, profile: Platform) -> list[str]:
    """The draft's posts as Markdown: `[markdown]` unless the profile threads and `---` splits it.

    Each part keeps the draft's line numbers: the lines of the other posts (and the front matter)
    are blanked, not removed, so a finding in post 3 names its line in the file. Posts that export
    to nothing (a trailing `---`, a part holding only an HTML comment) are left out.
    """
    if not profile.thread:
        return [markdown]
    text = markdown.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    start = frontmatter.body_line(text)
    breaks = _break_lines(lines, start)
    if not breaks:
        return [markdown]
    bounds = [start, *(b + 1 for b in breaks)]
    ends = [*breaks, len(lines)]
    parts = [_only(lines, begin, end) for begin, end in zip(bounds, ends, strict=True)]
    kept = [part for part in parts if post_text(part)]
    return kept or [markdown]


def _break_lines(lines: list[str], start: int) -> list[int]:
    """Indexes of the `---` lines after the front matter that are not inside a code or HTML block."""
    verbatim: set[int] = set()
    for token in block_tokens("\n".join(lines[start:])):
        if token.type in _VERBATIM and token.map:
            verbatim.update(range(start + token.map[0], start + token.map[1]))
    return [i for i in range(start, len(lines)) if _BREAK.match(lines[i]) and i not in verbatim]


def _only(lines: list[str], begin: int, end: int) -> str:
    """The text with every line outside [begin, end) blanked."""
    return "\n".join(line if begin <= i < end else "" for i, line in enumerate(lines))


# --- checks ----------------------------------------------------------------------------------


def check_draft(text: str, profile: Platform) -> list[Finding]:
    """Check a draft against its platform: the file's text (front matter is skipped) or its body.

    CK501 (error): a post is over the platform's character limit; the message gives the limit.
    CK502 (warning): more distinct hashtags than the profile recommends.
    CK503 (warning): the opening line runs past the "…see more" fold.
    A thread is checked post by post; each message names its post ('post 2/3 is ...').
    Lines are 1-based lines of `text`, found by looking the offending words up in it.
    """
    return [finding for one in thread_stats(text, profile) for finding in one.findings]


def _findings(
    source: str, text: str, cut: Fold, tags: tuple[str, ...], profile: Platform, label: str
) -> list[Finding]:
    lines = _body_lines(source)
    found: list[Finding] = []
    where = "" if label == "the post" else f"{label}: "
    if over(profile.count(text), profile.limit):
        message = limit_message(profile.count(text), profile, label)
        found.append(Finding(OVER_LIMIT, message, _first_line(lines)))
    if 0 < profile.hashtags < len(tags):
        extra = tags[profile.hashtags]
        message = (
            f"{where}{len(tags)} hashtags; {profile.name} posts do best with at most {profile.hashtags} "
            f"(from {extra} on they are extra)"
        )
        found.append(Finding(TOO_MANY_HASHTAGS, message, _line_of(lines, extra)))
    if not opening_fits(text, cut):
        first = _WORD.search(opening(text))
        message = (
            f"{where}the opening line ({profile.count(opening(text)):,} characters) runs past the "
            f"'…see more' fold ({fold_rule(profile)}): readers see only part of it"
        )
        line = _line_of(lines, first.group(0)) if first else _first_line(lines)
        found.append(Finding(OPENING_PAST_FOLD, message, line))
    return found


def limit_message(characters: int, profile: Platform, label: str = "the post") -> str:
    return (
        f"{label} is {characters:,} characters, over the {profile.name} limit of "
        f"{profile.limit:,} by {characters - profile.limit:,}"
    )


def fold_rule(profile: Platform) -> str:
    """'210 characters or 3 lines', as the profile sets it."""
    parts = []
    if profile.fold_chars > 0:
        parts.append(f"{profile.fold_chars:,} characters")
    if profile.fold_lines > 0:
        parts.append(f"{profile.fold_lines} line{'s' if profile.fold_lines != 1 else ''}")
    return " or ".join(parts) or "no fold"


def _body_lines(source: str) -> list[tuple[int, str]]:
    """(1-based line, text) for every line after the front matter, outside HTML comments."""
    text = source.removeprefix("\ufeff")
    rows = [strip_ending(line) for line in split_lines(text)]
    start = frontmatter.body_line(text)
    kept: list[tuple[int, str]] = []
    in_comment = False
    for number, line in enumerate(rows[start:], start + 1):
        visible, in_comment = _outside_comments(line, in_comment)
        kept.append((number, visible))
    return kept or [(1, "")]


def _outside_comments(line: str, in_comment: bool) -> tuple[str, bool]:
    out: list[str] = []
    rest = line
    while rest:
        if in_comment:
            end = rest.find("-->")
            if end < 0:
                return "".join(out), True
            rest, in_comment = rest[end + 3 :], False
        else:
            start = rest.find("<!--")
            if start < 0:
                out.append(rest)
                break
            out.append(rest[:start])
            rest, in_comment = rest[start + 4 :], True
    return "".join(out), in_comment


def _first_line(lines: list[tuple[int, str]]) -> int:
    return next((n for n, text in lines if text.strip()), lines[0][0])


def _line_of(lines: list[tuple[int, str]], needle: str) -> int:
    folded = needle.lower()
    return next((n for n, text in lines if folded in text.lower()), _first_line(lines))


# --- showing ---------------------------------------------------------------------------------


def thread_preview_text(results: list[Stats]) -> str:
    """Every post of a draft (one, or a thread's in order), a blank line between them."""
    return "\n".join(preview_text(result) for result in results)


def preview_text(result: Stats) -> str:
    """The post with each screen's fold marked where it falls, then its numbers and warnings."""
    return "\n".join([*_marked(result), "", *summary_lines(result)]) + "\n"


def _marked(result: Stats) -> list[str]:
    """The post cut at each fold, a marker line at each cut: `FOLD_MARKER` when every screen folds at
    the same place, `----- …see more (phone) -----` and `(desktop)` where they differ."""
    cuts: dict[int, list[str]] = {}
    for screen, cut in result.folds.items():
        if cut.at is not None:
            cuts.setdefault(cut.at, []).append(screen)
    if not cuts:
        return [result.text]
    same = len(cuts) == 1 and len(next(iter(cuts.values()))) == len(result.folds)
    parts: list[str] = []
    start = 0
    for at, screens in sorted(cuts.items()):
        piece = result.text[start:at]
        parts += [(after_cut(piece) if start else piece).rstrip(), FOLD_MARKER if same else _marker(screens)]
        start = at
    return [*parts, after_cut(result.text[start:])]


def _marker(screens: list[str]) -> str:
    return FOLD_MARKER.replace("see more", f"see more ({', '.join(screens)})")


def summary_lines(result: Stats) -> list[str]:
    profile = result.platform
    limit = f" / {profile.limit:,}" if profile.limit > 0 else ""
    state = " (over the limit)" if result.over_limit else ""
    advice = f" (at most {profile.hashtags} recommended)" if profile.hashtags > 0 else ""
    lines = [
        f"==== {profile.name}{', ' + result.label if result.posts > 1 else ''} ====",
        f"characters  {result.characters:,}{limit}{state}",
        f"hashtags    {len(result.tags)}{advice}",
    ]
    if len(result.folds) > 1:
        lines += [f"fold        {screen}: {fold_summary(result, screen)}" for screen in result.folds]
    else:
        lines.append(f"fold        {fold_summary(result)}")
    lines += [f"warning     {f.code} line {f.line}: {f.message}" for f in result.findings]
    return lines


def fold_summary(result: Stats, screen: str = "desktop") -> str:
    cut = result.folds.get(screen, result.fold)
    if not cut.folded:
        return "none: the whole post shows"
    lines = cut.before.count("\n") + 1
    shown = result.platform.count(cut.before)
    if cut.by == "lines":
        where = f"after line {lines} ({shown:,} characters shown)"
    else:
        where = f"after {shown:,} characters ({lines} line{'s' if lines != 1 else ''} shown)"
    fits = "the opening line fits" if opening_fits(result.text, cut) else "the opening line runs past it"
    return f"{where}; {fits}"


def variant_note(results: list[Stats]) -> str:
    """'812 / 3,000 characters, opening fits before the fold' for a variant's heading; for a thread
    'a thread of 3 posts, the longest 270 / 280 characters'."""
    if len(results) > 1:
        longest = max(results, key=lambda r: r.characters)
        limit = f" / {longest.platform.limit:,}" if longest.platform.limit > 0 else ""
        state = " (over the limit)" if any(r.over_limit for r in results) else ""
        size = f"{longest.characters:,}{limit} characters{state}"
        return f"a thread of {len(results)} posts, the longest {size}"
    result = results[0]
    limit = f" / {result.platform.limit:,}" if result.platform.limit > 0 else ""
    size = f"{result.characters:,}{limit} characters" + (" (over the limit)" if result.over_limit else "")
    opening_state = "fits before" if result.opening_fits else "runs past"
    return f"{size}, opening {opening_state} the fold"


def exported_text(markdown: str, profile: Platform) -> str:
    """The draft as `contentkit export` gives it: each post's plain text, a blank line between the
    posts of a thread."""
    return "\n\n".join(p.text for p in thread_stats(markdown, profile) if p.text)
