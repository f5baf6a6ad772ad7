"""The shape of the package, checked from its source: imports flow one way, modules stay small, the
domain never reaches up into the cache or the CLI, and the pre-commit path stays light.

Every import counts, also one inside a function or under `if TYPE_CHECKING:`: a lazy import hides a
cycle from Python at start-up, not from a reader. Importing `contentkit.a.b` also runs the package
`contentkit.a` first, so it counts as an import of that package too.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "contentkit"
MAX_LINES = 450
# The layers above the domain: they choose cached or plain listings and hand them in.
UPPER = ("contentkit.store.cache", "contentkit.cli", "contentkit.__main__", "contentkit.warm")  # warm: the entry point


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _resolve(base: str, level: int, name: str, is_package: bool) -> str:
    """A relative import's absolute module name."""
    if not level:
        return name
    parts = base.split(".")
    keep = len(parts) - level + (1 if is_package else 0)
    return ".".join([*parts[:keep], *([name] if name else [])])


def _existing(name: str) -> str | None:
    """The contentkit module an import names, or its nearest enclosing module; None if not ours."""
    while name and name not in modules():
        name = name.rpartition(".")[0]
    return name or None


def _with_parents(name: str) -> set[str]:
    """A module and every package that runs before it (the root package aside: it imports nothing)."""
    parts = name.split(".")
    return {".".join(parts[:i]) for i in range(2, len(parts) + 1)}


@cache
def imports_of(name: str) -> frozenset[str]:
    """Every contentkit module `name` imports, anywhere in its source."""
    path = modules()[name]
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            origin = _resolve(name, node.level, node.module or "", is_package)
            targets = [origin, *(f"{origin}.{alias.name}" for alias in node.names)]
        for target in targets:
            resolved = _existing(target)
            if resolved is not None and resolved.startswith("contentkit."):
                found |= _with_parents(resolved)
    found.discard(name)
    return frozenset(found)


def cycles() -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in imports_of(node):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(modules()):
        if node not in index:
            visit(node)
    return sorted(found)


def is_upper(name: str) -> bool:
    return any(name == u or name.startswith(u + ".") for u in UPPER)


# --- the checker itself, on small made-up packages ------------------------------------------


def test_the_import_reader_sees_lazy_type_checking_relative_and_parent_imports(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    package = tmp_path / "contentkit"
    (package / "sub").mkdir(parents=True)
    sources = {
        "__init__.py": "",
        "a.py": "def f():\n    from contentkit import b\n",
        "b.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import c\n",
        "c.py": "import contentkit.sub.d\n",
        "sub/__init__.py": "",
        "sub/d.py": "from ..a import f\n",
    }
    for rel, text in sources.items():
        (package / rel).write_text(text, encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", package)
    modules.cache_clear()
    imports_of.cache_clear()
    try:
        assert imports_of("contentkit.c") == {"contentkit.sub", "contentkit.sub.d"}
        assert imports_of("contentkit.sub.d") == {"contentkit.a"}
        assert cycles() == [["contentkit.a", "contentkit.b", "contentkit.c", "contentkit.sub.d"]]
    finally:
        modules.cache_clear()
        imports_of.cache_clear()


# --- the package ------------------------------------------------------------------------------


def test_no_import_cycles_among_contentkit_modules() -> None:
    assert cycles() == []


def test_no_module_is_over_450_lines() -> None:
    sizes = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in modules().items()}
    assert {name: n for name, n in sizes.items() if n > MAX_LINES} == {}


def test_the_domain_never_imports_the_cache_or_the_cli() -> None:
    reaching_up = {
        name: sorted(other for other in imports_of(name) if is_upper(other))
        for name in modules()
        if not is_upper(name)
    }
    assert {name: up for name, up in reaching_up.items() if up} == {}


def test_the_cli_chooses_the_store_in_one_place() -> None:
    """Only cli/common.py (repo(no_cache)) imports the cache; every command reaches the listing, the
    entries and the INDEX.md memo through the store it hands in (index.refresh(), catalog.collect())."""
    importers = {
        name for name in modules()
        if name.startswith("contentkit.cli") and any(o.startswith("contentkit.store.cache") for o in imports_of(name))
    }
    assert importers == {"contentkit.cli.common"}


def test_the_validate_package_imports_no_command_code() -> None:
    """validate is domain: the rules never reach for the CLI (the cache is R-A's seam, above)."""
    assert not any(
        other.startswith(("contentkit.cli",)) for name in modules() if name.startswith("contentkit.usecases.validate")
        for other in imports_of(name)
    )


# What the cache may know of: the repo, its listing, the catalog's rows and the floors below. Never a
# feature: what a result depends on is handed to it (index.Rendered.read), not learnt by importing.
FEATURES = (
    "contentkit.usecases.develop", "contentkit.usecases.variants", "contentkit.usecases.publish", "contentkit.usecases.schedule",
    "contentkit.usecases.split", "contentkit.usecases.adopt", "contentkit.usecases.metrics", "contentkit.usecases.index", "contentkit.serve",
    "contentkit.lsp", "contentkit.usecases.lint", "contentkit.usecases.validate", "contentkit.usecases.render", "contentkit.html",
    "contentkit.usecases.calendar_feed", "contentkit.usecases.doctor", "contentkit.usecases.scaffold", "contentkit.store.fulltext",
    "contentkit.cli",
)


def _under(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def test_the_cache_imports_no_feature() -> None:
    """The cache keeps results for exactly the files they were made from; which files those are is
    said by the feature that read them, never learnt by the cache importing it."""
    found = sorted(
        f"{name} -> {other}" for name in modules() if name.startswith("contentkit.store.cache")
        for other in imports_of(name) if _under(other, FEATURES)
    )
    assert found == []


def test_the_rule_code_table_imports_nothing_of_ours() -> None:
    """frontmatter, yamlread and post take codes from it: it stays a leaf on the ground floor."""
    assert imports_of("contentkit.base.codes") == frozenset()


# The one deferred import of our own: xurls is twitter-text's URL pattern, built with `regex` and a
# TLD list at import; counting.url_spans loads it on the first URL looked for.
SEAMS = {("contentkit.platforms.counting", "contentkit.platforms.xurls"), ("contentkit.warm", "contentkit.cli")}  # warm: see warm.py


def test_no_function_imports_a_module_of_ours() -> None:
    """Plain imports: contentkit's own modules are imported at module level (a cycle is fixed by moving
    the shared thing down, not hidden in a function). Only heavy third-party packages are deferred, at
    named seams. The command modules of cli/ load through the lazy COMMANDS table."""
    local = []
    for name, path in modules().items():
        if name.startswith("contentkit.cli"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
                names += [f"{node.module}.{a.name}" for a in node.names] if isinstance(node, ast.ImportFrom) else []
                names += [a.name for a in node.names] if isinstance(node, ast.Import) else []
                ours = {_existing(n) for n in names if n.split(".")[0] == "contentkit"} - {None, "contentkit"}
                if isinstance(node, ast.ImportFrom) and node.level or ours - {p for m, o in SEAMS if m == name for p in (o, o.rpartition(".")[0])}:
                    local.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    assert local == []


STATE_WORDS = {"developed", "scheduled", "published", "archived"}  # "seed" and "draft" also name file kinds


def test_lifecycle_states_are_compared_as_lifecycle_state() -> None:
    """The lifecycle states have one home, lifecycle.State: code compares a status with State.PUBLISHED,
    never with the bare word (which a typo or a renamed state would silently break). cli/ adapts."""
    bare = []
    for name, path in modules().items():
        if name in ("contentkit.model.lifecycle",) or name.startswith("contentkit.cli"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Compare):
                continue
            operands = [node.left, *node.comparators]
            words = [o for o in operands if isinstance(o, ast.Constant)]
            words += [e for o in operands if isinstance(o, ast.Tuple | ast.List | ast.Set) for e in o.elts]
            if any(isinstance(w, ast.Constant) and w.value in STATE_WORDS for w in words):
                bare.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    assert bare == []


SEED = """\
---
type: moment
category: craft
created: 2025-11-10
source: a walk
platform: linkedin
status: published
published_url: https://example.org/post/1
---

# A published seed

## Hook Ideas
- one

## Potential Angles
- two
"""


def test_validate_of_one_seed_imports_neither_jinja2_nor_markdown_it(tmp_path: Path) -> None:
    """What pre-commit runs: a published seed needs no rendering, no Markdown parse and no platform
    count (the `regex` module and X's URL pattern load only when something is counted)."""
    (tmp_path / "seeds").mkdir()
    (tmp_path / "contentkit.toml").write_text("", encoding="utf-8")
    (tmp_path / "seeds" / "2025-11-10__published.md").write_text(SEED, encoding="utf-8")
    script = (
        "import sys\n"
        "from contentkit.cli import main\n"
        "sys.argv = ['contentkit', 'validate', 'seeds/2025-11-10__published.md']\n"
        "try:\n    main()\n"
        "except SystemExit as exc:\n    assert exc.code == 0, exc.code\n"
        "heavy = ('jinja2', 'markdown_it', 'regex', 'contentkit.usecases.render', 'contentkit.usecases.develop', 'contentkit.usecases.metrics',\n"
        "         'contentkit.platforms.xurls')\n"
        "print(len([m for m in sys.modules if m.split('.')[0] == 'contentkit']))\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines()[-1] == "[]"
    assert int(result.stdout.splitlines()[-2]) <= OWN_MODULES_FOR_VALIDATE


OWN_MODULES_FOR_VALIDATE = 75
"""contentkit's own modules that `validate` of one seed loads (66 when this was set, 6 of them the
floors' `__init__` files): plain imports load what the command's modules name, so a new import on
that path shows here before pre-commit feels it."""

OWN_IMPORT_BUDGET_S = 3.0
"""The CPU time of running every contentkit module's own code at import (its third-party imports done
first): about 0.6 s on a 2-core machine at a load average of 12. CPU time, not wall time, and five
times that, so a loaded machine does not fail it; module code that does real work at import (reading
data files, compiling many patterns) is still held to a number."""


def _third_party_at_module_level() -> set[str]:
    found: set[str] = set()
    for path in modules().values():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            names += [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
            names += [f"{node.module}.{a.name}" for a in node.names] if isinstance(node, ast.ImportFrom) else []
            found |= {n for n in names if n and n.split(".")[0] not in ("contentkit", "__future__")}
    return found


def test_contentkit_own_import_time_is_within_its_budget() -> None:
    names = [name for name in modules() if name != "contentkit.__main__"]
    script = (
        "import importlib, time\n"
        f"for name in {sorted(_third_party_at_module_level())!r}:\n"
        "    try:\n        importlib.import_module(name)\n    except ImportError:\n        pass\n"
        "started = time.process_time()\n"
        f"for name in {names!r}:\n    importlib.import_module(name)\n"
        "print(time.process_time() - started)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert 0 < float(result.stdout) <= OWN_IMPORT_BUDGET_S


def test_docs_architecture_names_every_module() -> None:
    """docs/ARCHITECTURE.md's table says what each module owns: a new module gets its row (a module of
    a folder with its own row, like `metrics/`, is covered by it)."""
    page = (PACKAGE.parent / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    table = "\n".join(line for line in page.splitlines() if line.startswith("| `"))
    missing = []
    for path in modules().values():
        rel = path.relative_to(PACKAGE).as_posix()
        folder = rel.rpartition("/")[0]
        by_folder = bool(folder) and f"`{folder}/`" in table
        if not (f"`{rel}`" in table or by_folder or path.name == "__init__.py"):
            missing.append(rel)
    assert missing == []


# --- the floors -------------------------------------------------------------------------------

# The package's folders, lowest floor first (docs/ARCHITECTURE.md draws them): a module imports only
# from its own floor or below, so each floor can be read, and tested, without the ones above it.
FLOORS = (
    ("base",),
    ("markdown",),
    ("model",),
    ("platforms",),
    ("store",),
    ("usecases",),
    ("html",),
    ("api",),
    ("cli", "serve", "lsp", "warm", "__main__"),
)


def floor_of(name: str) -> int | None:
    """The floor of a module by its folder; None for the root package (it imports nothing eagerly)."""
    parts = name.split(".")
    if len(parts) < 2:
        return None
    for level, folders in enumerate(FLOORS):
        if parts[1] in folders:
            return level
    raise AssertionError(f"{name} is on no floor: give its folder a place in FLOORS and in docs/ARCHITECTURE.md")


def test_every_module_lives_on_a_floor() -> None:
    assert all(floor_of(name) is not None for name in modules() if name != "contentkit")


def test_imports_never_run_back_up_the_floors() -> None:
    """0 imports back up: the rule-code table, the formats and the model are read without the store,
    the use cases or the CLI; the cache (in store/) imports no use case."""
    def above(name: str, other: str) -> bool:
        mine, theirs = floor_of(name), floor_of(other)
        return mine is not None and theirs is not None and theirs > mine

    reaching_up = {name: sorted(o for o in imports_of(name) if above(name, o)) for name in modules()}
    assert {name: up for name, up in reaching_up.items() if up} == {}


def test_the_floor_checker_sees_an_import_back_up() -> None:
    assert floor_of("contentkit.base.codes") == 0
    assert floor_of("contentkit.cli.common") == len(FLOORS) - 1
    with pytest.raises(AssertionError, match="on no floor"):
        floor_of("contentkit.elsewhere")
