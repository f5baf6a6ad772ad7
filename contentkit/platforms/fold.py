"""Where "…see more" cuts a post: the desktop fold and, when the profile gives one, the phone fold.

Pure. A cut by characters counts as the profile counts (`counting.py`) and moves back to the last
whitespace before it, so no word is split (unless a single word is longer than the whole allowance);
a cut by lines falls at the end of that line (a blank line counts: it takes one on screen).
"""

from __future__ import annotations

from dataclasses import dataclass

from contentkit.platforms.counting import offset_within
from contentkit.platforms.profiles import Platform


@dataclass(frozen=True)
class Fold:
    """The post split where the platform shows "…see more"."""

    before: str  # the text shown before the fold (the whole post when nothing is cut)
    after: str  # the text behind "…see more"; '' when the whole post shows
    at: int | None  # code point offset of the cut in the post text; None when nothing is cut
    by: str  # 'characters' or 'lines' (what cut it), '' when nothing is cut

    @property
    def folded(self) -> bool:
        return self.at is not None


def fold(text: str, profile: Platform) -> Fold:
    """Where "…see more" cuts `text` on a desktop: after fold_chars characters or fold_lines lines."""
    return fold_at(text, profile, profile.fold_chars, profile.fold_lines)


def screen_folds(text: str, profile: Platform) -> dict[str, Fold]:
    """The fold of each screen of the profile (`Platform.folds`), by name."""
    return {screen: fold_at(text, profile, *size) for screen, size in profile.folds.items()}


def fold_at(text: str, profile: Platform, chars: int, lines: int) -> Fold:
    """Where "…see more" cuts `text`: after `chars` characters (counted as the profile counts) or
    `lines` lines, whichever first.

    A cut by characters moves back to the last whitespace before it, so no word is split (unless a
    single word is longer than the whole allowance). Whitespace at the cut belongs to neither side.
    """
    candidates: list[tuple[int, str]] = []
    if lines > 0:
        end = _end_of_line(text, lines)
        if end is not None:
            candidates.append((end, "lines"))
    within = offset_within(text, chars, profile.counting, profile.url_length) if chars > 0 else len(text)
    if within < len(text):
        candidates.append((_word_boundary(text, within), "characters"))
    if not candidates:
        return Fold(text, "", None, "")
    at, by = min(candidates)
    before, after = text[:at].rstrip(), after_cut(text[at:])
    if not after.strip():
        return Fold(text, "", None, "")
    return Fold(before, after, at, by)


def _end_of_line(text: str, lines: int) -> int | None:
    """Offset of the newline that ends line number `lines`; None when the text is no longer."""
    at = -1
    for _ in range(lines):
        at = text.find("\n", at + 1)
        if at < 0:
            return None
    return at


def _word_boundary(text: str, at: int) -> int:
    if text[at].isspace() or at == 0:
        return at
    space = max((i for i in range(at - 1, 0, -1) if text[i].isspace()), default=0)
    return space or at


def after_cut(rest: str) -> str:
    return rest[1:] if rest.startswith("\n") else rest.lstrip(" \t")


def opening(text: str) -> str:
    """The opening line: the first line of the post, where the hook stands."""
    return text.partition("\n")[0]


def opening_fits(text: str, cut: Fold) -> bool:
    return cut.at is None or len(opening(text)) <= cut.at
