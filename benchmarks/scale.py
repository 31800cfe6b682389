"""How `vncoop` holds up as the corpus grows: first load, warm search, and `jq` on the same facts.

For each size it generates a synthetic corpus (benchmarks/generate.py), then times, through the
installed console script: the first `vncoop search` (validates every file and builds the cache),
a warm `vncoop search` (median), and `jq` selecting the same facts out of their JSON export.

    python benchmarks/scale.py [--sizes 1000 10000] [--vncoop PATH] [--runs 5]
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
JQ_FILTER = '[.[] | select((.title + " " + .summary) | test("semiconductor.*engineer|engineer.*semiconductor"; "i"))]'


def timed(command: list[str], env: dict[str, str], stdout: int | object = subprocess.DEVNULL) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=stdout, stderr=subprocess.DEVNULL, env=env, check=True)  # type: ignore[arg-type]
    return time.perf_counter() - started


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
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores; query: {QUERY!r}; warm figures are medians")
    print(f"{'facts':>8} {'first load':>11} {'warm search':>12} {'jq select':>10} {'warm/jq':>8}")
    rows: list[tuple[int, float, float, float | None]] = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as temp:
            folder = Path(temp)
            corpus = generate(size, folder / "corpus")
            env = {**os.environ, "XDG_CACHE_HOME": str(folder / "cache")}
            env.pop("VNCOOP_NO_CACHE", None)
            search = [args.vncoop, "search", QUERY, "--json", "--facts-dir", str(corpus)]
            first = timed(search, env)
            os.sync()  # let the new cache reach the disk, so warm runs time the search, not write-back
            warm = statistics.median(timed(search, env) for _ in range(args.runs))
            jq_time = None
            if jq:
                export = folder / "facts.json"
                with export.open("w") as handle:
                    subprocess.run(
                        [args.vncoop, "list", "--json", "--facts-dir", str(corpus)], stdout=handle, env=env, check=True
                    )
                jq_time = statistics.median(timed([jq, JQ_FILTER, str(export)], env) for _ in range(args.runs))
        jq_text = f"{jq_time:9.2f}s" if jq_time is not None else "  skipped"
        ratio = f"{warm / jq_time:7.2f}x" if jq_time else "       -"
        print(f"{size:>8} {first:>10.2f}s {warm:>11.3f}s {jq_text} {ratio}")
        rows.append((size, first, warm, jq_time))
    if len(rows) > 1:
        size0, first0, warm0, jq0 = rows[0]
        print(f"growth from {size0} facts (x facts: x first load, x warm search, x jq):")
        for size, first, warm, jq_time in rows[1:]:
            jq_growth = f", x{jq_time / jq0:.1f} jq" if jq_time and jq0 else ""
            growth = f"x{size / size0:.0f} facts, x{first / first0:.1f} first load, x{warm / warm0:.2f} warm"
            print(f"  {size:>8}: {growth}{jq_growth}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
