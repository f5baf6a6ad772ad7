"""The pre-commit hooks' `files:` patterns, made from the repo's config and kept in step with it.

init writes `.pre-commit-config.yaml` with them; adopt changes only the `files:` line of contentkit's
own hooks in one the repo already has (every other byte kept); doctor says when a hook's pattern
misses a configured folder. Light: the standard library, PyYAML and the config.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from contentkit.store.config import Config

VALIDATE = "contentkit-validate"
INDEX = "contentkit-index"
IDS = (VALIDATE, INDEX)


def _folders(config: Config) -> str:
    names = dict.fromkeys(folder.strip("/") for folder in (config.seeds_dir, config.drafts_dir))
    return "|".join(re.escape(name) for name in names)


def pattern(config: Config, hook_id: str) -> str:
    """The `files:` regex of hook `hook_id`: the seeds and drafts folders' Markdown files, and for the
    index hook also the index and metrics files (`^(ideas|drafts)/.*\\.md$`)."""
    markdown = f"^({_folders(config)})/.*\\.md$"
    if hook_id == VALIDATE:
        return markdown
    return "|".join((markdown, f"^{re.escape(config.index_file)}$", f"^{re.escape(config.metrics_file)}$"))


def samples(config: Config, hook_id: str) -> list[str]:
    """A path in each folder or file the hook must see (what doctor tries its pattern on)."""
    paths = [f"{config.seeds_dir.strip('/')}/a.md", f"{config.drafts_dir.strip('/')}/linkedin/a.md"]
    return paths if hook_id == VALIDATE else [*paths, config.index_file, config.metrics_file]


def scalar(text: str) -> str:
    """`text` as a YAML scalar: plain when it reads back as itself, else single-quoted."""
    try:
        if yaml.safe_load(text) == text and "#" not in text and not text.startswith(("'", '"')):
            return text
    except yaml.YAMLError:
        pass
    return "'" + text.replace("'", "''") + "'"


@dataclass(frozen=True)
class Hook:
    """One of contentkit's hooks in a config file: its id, its `files:` value (None: the line is
    missing), and where that value is (start and end offsets in the text) or where a line goes."""

    hook_id: str
    files: str | None
    start: int
    end: int
    indent: int


def found(text: str) -> list[Hook]:
    """contentkit's hooks in a `.pre-commit-config.yaml` text, in file order; [] when it is not YAML
    of that shape."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []
    hooks: list[Hook] = []
    for mapping in _hook_nodes(node):
        keys = {k.value: (k, v) for k, v in mapping.value if isinstance(k, yaml.ScalarNode)}
        ident = keys.get("id")
        if ident is None or not isinstance(ident[1], yaml.ScalarNode) or ident[1].value not in IDS:
            continue
        files = keys.get("files")
        if files is not None and isinstance(files[1], yaml.ScalarNode):
            value = files[1]
            hooks.append(Hook(ident[1].value, value.value, value.start_mark.index, value.end_mark.index, 0))
        elif files is None and not mapping.flow_style:
            end = _line_end(text, ident[1].end_mark.index)
            hooks.append(Hook(ident[1].value, None, end, end, ident[0].start_mark.column))
    return hooks


def _hook_nodes(node: yaml.Node | None) -> list[yaml.MappingNode]:
    if not isinstance(node, yaml.MappingNode):
        return []
    repos = next((v for k, v in node.value if getattr(k, "value", None) == "repos"), None)
    out: list[yaml.MappingNode] = []
    for repo in repos.value if isinstance(repos, yaml.SequenceNode) else []:
        if not isinstance(repo, yaml.MappingNode):
            continue
        hooks = next((v for k, v in repo.value if getattr(k, "value", None) == "hooks"), None)
        if isinstance(hooks, yaml.SequenceNode):
            out += [h for h in hooks.value if isinstance(h, yaml.MappingNode)]
    return out


def _line_end(text: str, index: int) -> int:
    end = text.find("\n", index)
    return len(text) if end < 0 else end + 1


def updated(text: str, config: Config) -> str:
    """The config text with each contentkit hook's `files:` value following `config`; every other byte
    as it was (a missing `files:` line is added under the hook's id, in the file's line ending)."""
    newline = "\r\n" if "\r\n" in text else "\n"
    for hook in reversed(found(text)):
        want = pattern(config, hook.hook_id)
        if hook.files == want:
            continue
        if hook.files is None:
            line = f"{' ' * hook.indent}files: {scalar(want)}{newline}"
            text = text[: hook.start] + line + text[hook.start :]
        else:
            text = text[: hook.start] + scalar(want) + text[hook.end :]
    return text


def misses(text: str, config: Config) -> list[str]:
    """What contentkit's hooks in this config text would not see: `contentkit-validate: ideas/a.md`."""
    out = []
    for hook in found(text):
        try:
            regex = re.compile(hook.files) if hook.files is not None else None
        except re.error:
            out.append(f"{hook.hook_id}: files: is not a valid pattern")
            continue
        out += [f"{hook.hook_id}: {path}" for path in samples(config, hook.hook_id)
                if regex is not None and not regex.search(path)]
    return out
