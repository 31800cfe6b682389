"""How `vncoop` holds up as the corpus grows: the first load, then every listing command against
`jq` doing the same over the same facts, and how each grows.

For each size it generates a synthetic corpus (benchmarks/generate.py), times the first
`vncoop search` through the installed console script (it validates every file and builds the
cache), writes the facts once as a JSON file for `jq`, then times each command and its `jq`
counterpart interleaved, run after run (medians), on a warm cache. It also prints the peak
memory of `list --json`, which streams and so should not grow with the corpus.

    python benchmarks/scale.py [--sizes 1000 10000 100000] [--vncoop PATH] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

QUERY = "semiconductor engineers"
TARGETS_FROM = 20_000  # the targets hold at 20k and 100k facts
# (name, vncoop arguments, jq arguments over the array of facts, target ratio vncoop / jq)
COMMANDS: list[tuple[str, list[str], list[str], float]] = [
    (
        "search --json",
        ["search", QUERY, "--json"],
        ['[.[] | select((.title + " " + .summary) | test("semiconductor.*engineer|engineer.*semiconductor"; "i"))]'],
        0.1,
    ),
    ("list --json", ["list", "--json"], ["-c", ".[]"], 0.5),
    ("partner japan --json", ["partner", "japan", "--json"], ['[.[] | select(.partners | index("JP"))]'], 0.5),
    ("timeline --json", ["timeline", "--json"], ["sort_by(.date)"], 0.5),
    ("stats --json", ["stats", "--json"], ["group_by(.kind) | map({kind: .[0].kind, facts: length})"], 0.1),
]


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
    return time.perf_counter() - started


def peak_memory_mb(command: list[str], env: dict[str, str]) -> float | None:
    """The peak resident memory of one run of ``command`` (None where the OS does not say)."""
    probe = (
        "import resource, subprocess, sys;"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    try:
        done = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, env=env)
        kilobytes = int(done.stdout.strip())
    except (ValueError, OSError):
        return None
    return kilobytes / (1024 * 1024 if sys.platform == "darwin" else 1024)


def measure(size: int, vncoop: str, jq: str | None, runs: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        corpus = generate(size, folder / "corpus")
        env = {**os.environ, "XDG_CACHE_HOME": str(folder / "cache"), "VNCOOP_PAGER": "cat", "LC_ALL": "C.UTF-8"}
        for name in ("VNCOOP_NO_CACHE", "VNCOOP_LANG"):
            env.pop(name, None)
        where = ["--facts-dir", str(corpus)]
        first = timed([vncoop, *COMMANDS[0][1], *where], env)
        os.sync()  # let the new cache reach the disk, so warm runs time the commands, not write-back
        export = folder / "facts.json"
        with export.open("w") as handle:
            subprocess.run([vncoop, "list", "--json", *where], stdout=handle, env=env, check=True)
        times: dict[str, list[float]] = {name: [] for name, *_ in COMMANDS}
        jq_times: dict[str, list[float]] = {name: [] for name, *_ in COMMANDS}
        for _ in range(runs):  # interleaved: a noisy moment hits both sides alike
            for name, arguments, jq_arguments, _target in COMMANDS:
                times[name].append(timed([vncoop, *arguments, *where], env))
                if jq:
                    jq_times[name].append(timed([jq, *jq_arguments, str(export)], env))
        memory = peak_memory_mb([vncoop, "list", "--json", *where], env)
    return {
        "first": first,
        "vncoop": {name: statistics.median(values) for name, values in times.items()},
        "jq": {name: statistics.median(values) for name, values in jq_times.items() if values},
        "memory": memory,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--vncoop", default=shutil.which("vncoop"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    if not args.vncoop:
        print("no installed vncoop script found (pip install . first)", file=sys.stderr)
        return 1
    jq = shutil.which("jq")
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"machine: {machine}; medians of {args.runs} interleaved runs, warm cache; jq: {jq or 'not installed'}")
    results: dict[int, dict[str, object]] = {}
    for size in args.sizes:
        found = results[size] = measure(size, args.vncoop, jq, args.runs)
        memory = found["memory"]
        shown = f"{memory:.0f} MB" if isinstance(memory, float) else "?"
        print(f"\n{size} facts: first load {found['first']:.2f}s; peak memory of list --json {shown}")
        print(f"  {'command':<22} {'vncoop':>9} {'jq':>9} {'ratio':>7} {'target':>7}")
        for name, _arguments, _filter, target in COMMANDS:
            ours = found["vncoop"][name]  # type: ignore[index]
            theirs = found["jq"].get(name) if jq else None  # type: ignore[attr-defined]
            ratio = f"{ours / theirs:6.2f}x" if theirs else "      -"
            judged = theirs and size >= TARGETS_FROM  # below, the fixed start-up decides the ratio
            met = "" if not judged else (" ok" if ours / theirs <= target else " MISSED")
            print(f"  {name:<22} {ours:>8.3f}s {theirs or 0:>8.3f}s {ratio} {'<= ' + str(target):>7}{met}")
    if len(results) > 1:
        sizes = list(results)
        base = results[sizes[0]]
        print(f"\ngrowth from {sizes[0]} facts (vncoop; jq in brackets):")
        for size in sizes[1:]:
            found = results[size]
            parts = [f"first load x{found['first'] / base['first']:.1f}"]  # type: ignore[operator]
            for name, *_ in COMMANDS:
                ours = found["vncoop"][name] / base["vncoop"][name]  # type: ignore[index]
                theirs = found["jq"].get(name), base["jq"].get(name)  # type: ignore[attr-defined]
                jq_part = f" [x{theirs[0] / theirs[1]:.1f}]" if all(theirs) else ""
                parts.append(f"{name.split(' --')[0]} x{ours:.1f}{jq_part}")
            print(f"  x{size // sizes[0]} facts: " + ", ".join(parts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
