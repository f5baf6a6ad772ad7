"""The language a seed is written in, and the closing line a packaged template adds in it.

A `lang:` (or `language:`) key in the front matter says it; else the text is classified with
py3langid (the `lang` extra, imported here only, when develop asks). Without the library, or for a
language vocabulary.CLOSERS has no line for, a template adds no closing line: never English text in
a post written in another language.
"""

from __future__ import annotations

import re

from contentkit.model.headings import normal
from contentkit.model.vocabulary import CLOSERS, CLOSINGS

KEYS = ("lang", "language", "locale")
_CODE = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*$")


def declared(meta: dict[str, object]) -> str:
    """The language the front matter names (`lang: pt-BR` -> `pt`), '' when none."""
    for key in KEYS:
        value = meta.get(key)
        if isinstance(value, str):
            match = _CODE.match(value.strip())
            if match:
                return match.group(1).lower()
    return ""


def detected(text: str) -> str:
    """The language py3langid finds in the text; '' when the library is not installed or there
    is too little text to tell."""
    if len(text.split()) < 3:
        return ""
    try:
        import py3langid  # type: ignore[import-untyped]
    except ImportError:
        return ""
    code, _score = py3langid.classify(text)
    return str(code)


def of(meta: dict[str, object], text: str) -> str:
    return declared(meta) or detected(text)


def closer(lang: str) -> str:
    """The packaged closing line in that language ('' when there is none for it)."""
    return CLOSERS.get(lang, "")


_CLOSINGS = frozenset(normal(word) for word in CLOSINGS)


def closes(heading: str) -> bool:
    """Whether a section's heading says it is the writer's own closing (`Closing + CTA`)."""
    words = normal(heading).split()
    pairs = {" ".join(words[n : n + size]) for size in (1, 2, 3) for n in range(len(words))}
    return bool(pairs & _CLOSINGS)
