"""Which section kind a heading names: the rule, and the forms a repo adds to the defaults.

A heading names a kind only when the heading as a whole is one of the kind's forms; a word inside a
longer heading never does (`## Post 1: The Hook (Wednesday)` is a post, not hooks). Headings and forms
are compared as `normal()` has them: lower case, punctuation and Markdown emphasis as spaces, each
word's plural `s` dropped. A match is scored:

- 3: the whole heading is a form (`Hooks`, `KEY POINTS`, `Next steps:`);
- 2: it is a form once its qualifiers are set aside: asides in brackets (`(optional)`), a leading
  `Potential`, `Possible`, `Related`, `The`..., a trailing `Ideas`, `Options`, `from Experience`,
  `for the Post`... (`Potential Hook`, `Hook Ideas`, `Key Points from Experience`);
- 1: the label before a colon or a dash is a form (`Hooks: three tries`).

A heading that ends in `!` or `?` is a line of the post, never a label (`## Themes!`). Within a seed,
the best-scored heading of each kind (the first among equals) is that kind's section; every other
heading, of a kind already taken or of none, stays an ordinary section.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

# Qualifiers around a form: set aside in this order, repeatedly, while something is left.
_LEADING = ("potential", "possible", "suggested", "candidate", "alternative", "related", "draft", "my",
            "our", "the", "some", "more", "other", "few", "a")
_TRAILING = ("idea", "option", "from experience", "from my experience", "to consider", "to explore",
             "to try", "for post", "for the post", "for this post", "list", "brainstorm", "variation",
             "candidate", "draft", "so far")
_ASIDE = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\}")
_NUMBERED = re.compile(r"^\s*[0-9]{1,3}[.)]\s+")  # `1. Hooks`; not `Post 1: ...`
_LABEL = re.compile(r":|\s[-–—]\s")
_WORD = re.compile(r"[^\W_]+")


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def normal(heading: str) -> str:
    """A heading as forms are compared: lower-cased words, plural `s` dropped, punctuation gone."""
    return " ".join(_singular(word) for word in _WORD.findall(_NUMBERED.sub("", heading.lower())))


def _unqualified(text: str) -> list[str]:
    """A normalised heading, its asides gone, then with one qualifier after another set aside."""
    words = normal(_ASIDE.sub(" ", text)).split()
    found = [" ".join(words)]
    changed = True
    while changed and len(words) > 1:
        changed = False
        for lead in _LEADING:
            if words[0] == lead and len(words) > 1:
                words, changed = words[1:], True
                found.append(" ".join(words))
        for trail in _TRAILING:
            tail = trail.split()
            if words[-len(tail) :] == tail and len(words) > len(tail):
                words, changed = words[: -len(tail)], True
                found.append(" ".join(words))
    return found


def labels(heading: str) -> list[tuple[int, list[str]]]:
    """What a heading can name a kind by, with the score of each reading: the whole heading (3), it
    with its qualifiers set aside (2), the label before a colon or a dash (1); each as `normal()` has
    it. Nothing for a line of the post (a heading that ends in `!` or `?`). `SectionForms.match` looks
    these up among the forms; `contentkit adopt` looks in them for a kind's words."""
    text = heading.strip().rstrip("*_` ")
    if not text or text[-1] in "!?":
        return []
    found = [(3, [normal(text)]), (2, _unqualified(text))]
    label = _LABEL.split(text, maxsplit=1)[0]
    if label != text:
        found.append((1, _unqualified(label)))
    return found


class SectionForms:
    """Heading forms per section kind: the packaged defaults, plus a repo's own (`[sections]` in
    contentkit.toml: `hooks = ["Potential Hook", "Opening lines"]`) through with_extras()."""

    __slots__ = ("_forms", "_seen")

    def __init__(self, forms: Mapping[str, Iterable[str]]) -> None:
        table: dict[str, str] = {}
        for kind, headings in forms.items():
            for heading in headings:
                key = normal(heading)
                if not key:
                    raise ValueError(f"section form {heading!r} of {kind} has no letters or digits")
                if table.setdefault(key, kind) != kind:
                    raise ValueError(f"section form {heading!r} names both {table[key]} and {kind}")
        self._forms = table
        self._seen: dict[str, tuple[str, int] | None] = {}  # headings repeat from seed to seed

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(self._forms.values())

    def with_extras(self, extras: Mapping[str, Iterable[str]]) -> SectionForms:
        """These forms and a repo's extra ones. ValueError names an unknown kind, a form given to two
        kinds, a form that is already another kind's (`hooks = ["Core Idea"]`), or one that would
        never name its heading (`themes = ["Themes!"]`)."""
        unknown = sorted(set(extras) - self.kinds)
        if unknown:
            raise ValueError(f"unknown section kind '{unknown[0]}' (known: {', '.join(sorted(self.kinds))})")
        kept: dict[str, list[str]] = {}
        for key, kind in self._forms.items():
            kept.setdefault(kind, []).append(key)
        for kind, forms in extras.items():
            for form in forms:
                other = self._forms.get(normal(form), kind)
                if other != kind:
                    raise ValueError(f"section form {form!r} of {kind} is already a form of {other}")
            kept.setdefault(kind, []).extend(forms)
        result = SectionForms(kept)
        for kind, forms in extras.items():
            for form in forms:
                if result.kind_of(form) != kind:  # `Themes!`: a heading so written is a line of the post
                    raise ValueError(f"section form {form!r} of {kind} would never name a heading written so "
                                     "(one that ends in '!' or '?' is a line of the post)")
        return result

    def match(self, heading: str) -> tuple[str, int] | None:
        """(kind, score) of a heading, or None when it names no kind."""
        if heading not in self._seen:
            self._seen[heading] = self._match(heading)
        return self._seen[heading]

    def _match(self, heading: str) -> tuple[str, int] | None:
        for score, keys in labels(heading):
            key = next((key for key in keys if key in self._forms), "")
            if key:
                return self._forms[key], score
        return None

    def kind_of(self, heading: str) -> str | None:
        found = self.match(heading)
        return None if found is None else found[0]

    def choose(self, headings: Iterable[str | None]) -> dict[str, int]:
        """For each kind, the index of its section among a seed's headings (None: no section there):
        the best-scored heading of the kind, the first among equals."""
        best: dict[str, tuple[int, int]] = {}
        for n, heading in enumerate(headings):
            found = None if heading is None else self.match(heading)
            if found is not None and found[1] > best.get(found[0], (0, 0))[0]:
                best[found[0]] = (found[1], n)
        return {kind: n for kind, (_score, n) in best.items()}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SectionForms) and other._forms == self._forms

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._forms.items())))

    def __repr__(self) -> str:  # stable: the cache's fingerprint includes the config's repr
        return f"SectionForms({dict(sorted(self._forms.items()))!r})"
