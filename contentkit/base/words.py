"""Counted nouns in what contentkit says: `1 seed`, `2 seeds`, `0 errors`. A leaf: imports nothing."""

from __future__ import annotations


def plural(count: int, noun: str) -> str:
    """`1 seed`, `2 seeds`, `0 seeds` (nouns that take an `s`, as contentkit's own do)."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
