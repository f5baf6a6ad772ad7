"""Load front matter YAML strictly: hostile input is a located SeedError with its rule code, never a crash.

Refused before anything is built: anchors and aliases (an alias bomb costs nothing), nesting deeper
than MAX_DEPTH, duplicate keys. Positions come from the marks' character offsets and are counted into
file lines by contentkit.base.lines, the one rule for line boundaries.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from contentkit.base import codes, lines
from contentkit.base.errors import SeedError

Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 100  # front matter nests a few levels; libyaml's composer overflows the C stack near 50,000


class _Text:
    """A YAML text and where it starts in its file, to locate errors."""

    def __init__(self, text: str, path: Path | None, first_line: int) -> None:
        self.text, self.path, self.first_line = text, path, first_line

    def at(self, mark: Any) -> tuple[int, int]:
        """1-based file line and column of a YAML mark (its character offset), or of the start."""
        if mark is None:
            return self.first_line, 1
        line, col = lines.position(self.text, min(mark.index, len(self.text)))
        return self.first_line + line, col + 1

    def error(self, message: str, code: str, mark: Any = None) -> SeedError:
        line, col = self.at(mark)
        return SeedError(message, self.path, line, col, code=code)


def compose(yaml_text: str, path: Path | None = None, first_line: int = 1) -> tuple[dict[str, Any], Any]:
    """The loaded mapping and its composed node (for key positions), or a located SeedError."""
    src = _Text(yaml_text, path, first_line)
    if "&" in yaml_text or "*" in yaml_text:
        _refuse_aliases(src)
    if _nesting_bound(yaml_text) > MAX_DEPTH:
        _refuse_deep_nesting(src)
    loader = Loader(yaml_text)
    node: yaml.Node | None = None
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, None
        if not isinstance(node, yaml.MappingNode):
            message = "front matter is not a mapping of keys to values"
            raise src.error(message, codes.NOT_A_MAPPING, node.start_mark)
        _refuse_duplicates(node, src)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        problem = " ".join(p for p in (exc.context, exc.problem) if p)
        mark = exc.problem_mark or exc.context_mark
        raise src.error(f"invalid YAML: {problem}", codes.BAD_YAML, mark) from None
    except yaml.reader.ReaderError:
        raise _unprintable(src) from None
    except yaml.YAMLError as exc:
        raise src.error(f"invalid YAML: {exc}", codes.BAD_YAML) from None
    except (ValueError, OverflowError) as exc:  # YAML-valid scalars Python cannot build: 2025-13-45
        raise src.error(f"invalid YAML value: {exc}", codes.BAD_YAML, _unbuildable(node)) from None
    except RecursionError:
        raise src.error("front matter is nested too deeply", codes.TOO_DEEP) from None
    finally:
        loader.dispose()
    return data, node


def _unprintable(src: _Text) -> SeedError:
    """The first character YAML refuses to read, located."""
    found = yaml.reader.Reader.NON_PRINTABLE.search(src.text)
    if found is None:
        return src.error("invalid YAML: unreadable character", codes.BAD_YAML)
    line, col = lines.position(src.text, found.start())
    message = f"invalid YAML: control character #x{ord(found.group()):04x} is not allowed"
    return SeedError(message, src.path, src.first_line + line, col + 1, code=codes.BAD_YAML)


def _unbuildable(node: yaml.Node | None) -> Any:
    """The mark of the first scalar that YAML accepts but Python cannot build."""
    constructor = yaml.constructor.SafeConstructor()
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.ScalarNode):
            try:
                constructor.construct_object(current)
            except (ValueError, OverflowError):
                return current.start_mark
        elif isinstance(current, yaml.MappingNode):
            stack.extend(n for pair in reversed(current.value) for n in reversed(pair))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(reversed(current.value))
    return None


def _nesting_bound(yaml_text: str) -> int:
    """An upper bound on nesting depth: every collection needs one of these indicator characters."""
    return sum(yaml_text.count(c) for c in "[{-?:")


def _refuse_deep_nesting(src: _Text) -> None:
    """Count the real depth from parser events (no recursion) before anything is composed.

    libyaml reads far ahead of the events it gives and, since PyYAML 6.0.4, stops at its own nesting
    limit before ours is reached; when it stops on any error, the pure-Python parser (no limit of its
    own, no recursion) counts again, so deep nesting is CK109 whichever loader is installed.
    """
    loaders: dict[type[Any], None] = dict.fromkeys((Loader, yaml.SafeLoader))
    for loader in loaders:
        try:
            _count_depth(src, loader)
            return
        except yaml.YAMLError:
            continue  # malformed YAML: the composer reports it with its own location


def _count_depth(src: _Text, loader: type[Any]) -> None:
    depth = 0
    for event in yaml.parse(src.text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                message = f"front matter is nested more than {MAX_DEPTH} levels deep"
                raise src.error(message, codes.TOO_DEEP, event.start_mark)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _refuse_aliases(src: _Text) -> None:
    """Anchors and aliases are refused before anything is built, so alias bombs cost nothing."""
    try:
        for event in yaml.parse(src.text, Loader=Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                message = "YAML anchors and aliases are not allowed in front matter"
                raise src.error(message, codes.ALIAS, event.start_mark)
    except yaml.YAMLError:
        return  # the loader reports malformed YAML with its own location


def _refuse_duplicates(node: yaml.Node, src: _Text) -> None:
    """A key that appears twice in any mapping is an error at its second place (YAML keeps the last)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
            continue
        if not isinstance(current, yaml.MappingNode):
            continue
        seen: set[Any] = set()
        for key, value in current.value:
            ident = (key.tag, key.value) if isinstance(key, yaml.ScalarNode) else id(key)
            if ident in seen:
                raise src.error(f"duplicate key '{key.value}'", codes.DUPLICATE_KEY, key.start_mark)
            seen.add(ident)
            if not isinstance(value, yaml.ScalarNode):
                stack.append(value)
