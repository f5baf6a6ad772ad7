"""Readers' tools beside contentkit's own checks, run on the exported text (never the Markdown source):
a readability figure (textstat, the `lint` extra) and, when installed, proselint and Vale.

Each one is optional and imported or started only here. Their findings carry offsets into the exported
text, so they are mapped back to the draft like contentkit's own (sourcemap.py).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from contentkit.usecases.lint.rules import Hit

# the languages textstat has Flesch reading ease constants for
READABILITY_LANGUAGES = ("en", "de", "es", "fr", "it", "nl", "ru")
_TIMEOUT = 60


def readability(text: str, lang: str) -> Hit | None:
    """CK607: Flesch reading ease of the post, said, not judged; None when it cannot be measured."""
    root = (lang or "en").split("_")[0].split("-")[0].lower()
    if root not in READABILITY_LANGUAGES or len(text.split()) < 3:
        return None
    try:
        score = _english(text) if root == "en" else _textstat(text, root)
    except ImportError:
        return None
    return Hit("CK607", 0, 0, f"readability: Flesch reading ease {score:.0f} ({root}; higher is easier)")


def _textstat(text: str, root: str) -> float:
    import textstat

    textstat.set_lang(root)
    return float(textstat.flesch_reading_ease(text))


_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")


def _english(text: str) -> float:
    """Flesch reading ease for English, syllables counted by hyphenation (pyphen, which textstat
    brings): textstat's own English count needs nltk's cmudict, which it would download on first use."""
    import pyphen

    words = _WORD.findall(text)
    sentences = max(1, len(_SENTENCE_END.findall(text)))
    dictionary = pyphen.Pyphen(lang="en_US")
    syllables = sum(len(dictionary.positions(word.lower())) + 1 for word in words)
    return 206.835 - 1.015 * (len(words) / sentences) - 84.6 * (syllables / max(1, len(words)))


def available(tool: str) -> bool:
    return shutil.which(tool) is not None


def run_tool(tool: str, text: str) -> list[Hit]:
    """proselint's or Vale's findings on `text`, as CK608 / CK609 hits."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "post.txt"
        path.write_text(text, encoding="utf-8")
        command = TOOLS[tool][0] + [str(path)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=_TIMEOUT, check=False)
    try:
        data = json.loads(done.stdout or "null")
    except json.JSONDecodeError:
        return []
    return TOOLS[tool][1](data, text)


def _offset(text: str, line: int, col: int) -> int:
    """0-based offset of 1-based (line, col) in `text`."""
    lines = text.split("\n")
    line = max(1, min(line, len(lines)))
    return sum(len(row) + 1 for row in lines[: line - 1]) + max(0, col - 1)


def _vale(data: Any, text: str) -> list[Hit]:
    hits: list[Hit] = []
    for alerts in (data or {}).values() if isinstance(data, dict) else ():
        for alert in alerts:
            start, end = (alert.get("Span") or [1, 1])[:2]
            at = _offset(text, int(alert.get("Line", 1)), int(start))
            message = f"vale {alert.get('Check', '')}: {alert.get('Message', '')}"
            hits.append(Hit("CK609", at, at + max(1, int(end) - int(start) + 1), message))
    return hits


def _proselint(data: Any, text: str) -> list[Hit]:
    errors = (((data or {}).get("data") or {}).get("errors") or []) if isinstance(data, dict) else []
    hits: list[Hit] = []
    for error in errors:
        # proselint's line and column are 1-based in its JSON output
        at = _offset(text, int(error.get("line", 1)), int(error.get("column", 1)))
        message = f"proselint {error.get('check', '')}: {error.get('message', '')}"
        replacement = error.get("replacements")
        hits.append(Hit("CK608", at, at + max(1, int(error.get("extent", 1))), message,
                        replacement if isinstance(replacement, str) else None))
    return hits


TOOLS = {
    "proselint": (["proselint", "--json"], _proselint),
    "vale": (["vale", "--output=JSON", "--no-exit"], _vale),
}
