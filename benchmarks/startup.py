"""Start-up and batch figures for the installed `vncoop`, as ratios measured side by side.

Prints medians over several runs, interleaved round by round (a noisy machine's slow spells then
fall on every command alike), of: the interpreter's own `python -c pass`; the imports a search
needs (json, sqlite3, rapidfuzz, re, typing, pathlib) with and without Typer, the floor any
Typer CLI starts from; a cold process running `vncoop search "semiconductor engineers" --json`
(corpus cache built beforehand); the same with a rich table forced (`VNCOOP_FORCE_TTY=1`);
`--version`, `--help`, `search --help` and shell completion of a command and of an option
(replayed, after one run that records them); `sqlite-utils search` over the same facts (when
sqlite-utils is installed); and 1,000 queries through `vncoop search --stdin`.

    python benchmarks/startup.py [--vncoop PATH] [--runs 15] [--facts-dir DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERY = "semiconductor engineers"
FLOOR = "json, sqlite3, rapidfuzz, re, typing, pathlib"


Run = tuple[list[str], dict[str, str], "bytes | None"]


def interleaved_medians(commands: dict[str, Run], runs: int) -> dict[str, float]:
    """Median wall time of each command, run in rounds (one of each per round), so that a noisy
    machine's slow spells fall on every command alike and the ratios stay fair."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, env, stdin) in commands.items():
            started = time.perf_counter()
            subprocess.run(
                command, input=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True
            )
            times[name].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in times.items()}


def interpreter_of(script: Path) -> str:
    first = script.read_text(encoding="utf-8", errors="replace").splitlines()[0]
    return first[2:].strip() if first.startswith("#!") else sys.executable


def sqlite_utils_db(vncoop: str, env: dict[str, str], folder: Path, facts_dir: list[str]) -> Path | None:
    tool = shutil.which("sqlite-utils") or str(Path(vncoop).parent / "sqlite-utils")
    if not Path(tool).exists():
        return None
    facts = json.loads(subprocess.run([vncoop, "list", "--json", *facts_dir], capture_output=True, env=env).stdout)
    rows = [
        {"id": f["id"], "title": f["title"], "summary": f["summary"], "keywords": json.dumps(f["keywords"])}
        for f in facts
    ]
    (folder / "facts.json").write_text(json.dumps(rows), encoding="utf-8")
    db = folder / "facts.db"
    subprocess.run([tool, "insert", str(db), "facts", str(folder / "facts.json"), "--pk", "id"], check=True, env=env)
    subprocess.run([tool, "enable-fts", str(db), "facts", "title", "summary", "keywords"], check=True, env=env)
    return db


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vncoop", default=shutil.which("vncoop"), help="the installed console script")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--facts-dir", type=Path)
    args = parser.parse_args(argv)
    if not args.vncoop:
        print("no installed vncoop script found (pip install . first)", file=sys.stderr)
        return 1
    vncoop = str(args.vncoop)
    python = interpreter_of(Path(vncoop))
    facts_dir = ["--facts-dir", str(args.facts_dir)] if args.facts_dir else []
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        env = {**os.environ, "XDG_CACHE_HOME": str(folder / "cache")}
        for name in ("NO_COLOR", "FORCE_COLOR", "VNCOOP_FORCE_TTY", "VNCOOP_NO_CACHE"):
            env.pop(name, None)
        listed = subprocess.run([vncoop, "list", "--json", *facts_dir], capture_output=True, env=env, check=True)
        count = len(json.loads(listed.stdout))  # this run also builds the cache
        search = [vncoop, "search", QUERY, "--json", *facts_dir]
        table_env = {**env, "VNCOOP_FORCE_TTY": "1", "COLUMNS": "120"}
        db = sqlite_utils_db(vncoop, env, folder, facts_dir)
        tool = shutil.which("sqlite-utils") or str(Path(vncoop).parent / "sqlite-utils")
        complete = {**env, "_VNCOOP_COMPLETE": "complete_bash", "COMP_CWORD": "1"}
        commands: dict[str, Run] = {
            "base": ([python, "-c", "pass"], env, None),
            "floor": ([python, "-c", f"import {FLOOR}"], env, None),
            "floor+typer": ([python, "-c", f"import {FLOOR}, typer"], env, None),
            "json": (search, env, None),
            "table": ([vncoop, "search", QUERY, *facts_dir], table_env, None),
            "--version": ([vncoop, "--version"], env, None),
            "--help": ([vncoop, "--help"], env, None),
            "search --help": ([vncoop, "search", "--help"], env, None),
            "complete a command": ([vncoop], {**complete, "COMP_WORDS": "vncoop se"}, None),
            "complete an option": ([vncoop], {**complete, "COMP_WORDS": "vncoop search --li", "COMP_CWORD": "2"}, None),
        }
        for name in ("--help", "search --help", "complete a command", "complete an option"):
            command, command_env, _ = commands[name]  # the first run records the answer
            subprocess.run(command, env=command_env, stdout=subprocess.DEVNULL, check=True)
        if db:
            commands["sqlite-utils"] = ([tool, "search", str(db), "facts", QUERY], env, None)
        medians = interleaved_medians(commands, args.runs)
        base, json_time, table_time = medians["base"], medians["json"], medians["table"]
        su_time = medians.get("sqlite-utils")
        suite = ROOT / "tests" / "relevance" / "queries.yaml"
        lines = [line.split('q: "', 1)[1].split('"', 1)[0] for line in suite.read_text().splitlines() if 'q: "' in line]
        batch = ("\n".join((lines * (1000 // len(lines) + 1))[:1000]) + "\n").encode()
        batch_command: Run = ([vncoop, "search", "--stdin", *facts_dir], env, batch)
        batch_time = interleaved_medians({"batch": batch_command}, max(3, args.runs // 5))["batch"]

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}")
    print(f"python: {python} ({platform.python_version()}); corpus: {count} facts")
    print(f"runs: {args.runs} of each command, interleaved round by round; medians")
    print(f"  python -c pass                              {base * 1000:8.1f} ms")
    for name, label in (("floor", "imports a search needs"), ("floor+typer", "the same and Typer")):
        print(f"  {label:42s} {medians[name] * 1000:8.1f} ms  = {medians[name] / base:5.1f}x python -c pass")
    ratio = json_time / base
    print(f"  vncoop search {QUERY!r} --json  {json_time * 1000:8.1f} ms  = {ratio:5.1f}x python -c pass (target 6x)")
    for name in ("--version", "--help", "search --help", "complete a command", "complete an option"):
        label = f"vncoop {name}" if name.startswith(("-", "search")) else name
        figure = f"{medians[name] * 1000:8.1f} ms  = {medians[name] / base:5.1f}x"
        print(f"  {label:42s} {figure} python -c pass (target 3x)")
    print(
        f"  vncoop search (rich table, forced)         {table_time * 1000:8.1f} ms  "
        f"= {table_time / json_time:5.2f}x json"
    )
    if su_time is not None:
        print(
            f"  sqlite-utils search (FTS5, same facts)     {su_time * 1000:8.1f} ms  "
            f"→ vncoop/sqlite-utils = {json_time / su_time:4.2f}"
        )
    else:
        print("  sqlite-utils search: skipped (sqlite-utils not installed)")
    print(f"  vncoop search --stdin, 1000 queries        {batch_time * 1000:8.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
