"""Where a first load's time goes: the CPU each stage of making a fact's cache row costs, and how
the whole first load uses the machine's cores.

It generates a synthetic corpus (benchmarks/generate.py), then:

1. runs, in this process, every stage a worker runs on each fact of a few files, timed apart
   (reading the YAML, pydantic, the translations' figure check, entities, anchoring the quotes,
   tokenising, the cache's token text, the index terms, the JSON), and the worker's own job on
   as many other files, as a check that the stages add up to it (garbage collection paused, as
   in a worker; after one file to warm up, none of them seen before);
2. times a first load through the installed console script (a cold cache): wall clock and the
   CPU of the main process and its workers, so that the wall clock can be set against the CPU
   a fact needs and the cores there are, and the peak memory of the largest of them.

    python benchmarks/first_load.py [--facts 10000] [--staged-files 3] [--vncoop PATH]
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

from vncoop.corpus import validate as validation  # noqa: E402
from vncoop.corpus.anchors import Archives  # noqa: E402
from vncoop.corpus.layout import parse_yaml_file  # noqa: E402
from vncoop.corpus.schema import FACT_ADAPTER, fact_to_dict  # noqa: E402
from vncoop.corpus.translations import translation_problems  # noqa: E402
from vncoop.domain.entities import resolve_fact_entities, unknown_references  # noqa: E402
from vncoop.index import build  # noqa: E402
from vncoop.index.listing import listing_columns  # noqa: E402
from vncoop.index.tokens import fact_fields, fields_to_text, index_terms  # noqa: E402
from vncoop.text.json_writer import dumps_indented  # noqa: E402


def staged(root: Path, files: list[Path]) -> tuple[int, dict[str, float]]:
    """Seconds spent in each stage over every fact of ``files``, run the way a worker runs them."""
    entities, _ = validation.validate_entities(root)
    sources, _lines, _problems = validation.validate_sources(root)
    archives = Archives({sid: root / source["text"] for sid, source in sources.items()})
    spent: dict[str, float] = {}

    def timed(stage: str, function: Callable[..., Any], *args: Any) -> Any:
        started = time.perf_counter()
        result = function(*args)
        spent[stage] = spent.get(stage, 0.0) + time.perf_counter() - started
        return result

    gc.disable()  # as in a worker (index/common.collector_paused)
    try:
        facts = _each_stage(files, archives, entities, timed)
    finally:
        gc.enable()
    return facts, spent


def _each_stage(files: list[Path], archives: Archives, entities: Any, timed: Callable[..., Any]) -> int:
    facts = 0
    for path in files:
        data, _lines = timed("YAML (libyaml events, lines)", parse_yaml_file, path, path.name, 2)
        for item in data["facts"]:
            facts += 1
            model = timed("pydantic", FACT_ADAPTER.validate_python, item)
            fact = timed("pydantic", fact_to_dict, model)
            timed("translations' figures", translation_problems, fact)
            timed("entities", unknown_references, fact, entities)
            fact = timed("entities", resolve_fact_entities, fact, entities)
            timed("anchoring quotes", archives.anchor, fact)
            fields = timed("tokenising (words, stems, numbers)", fact_fields, fact)
            timed("token text for the cache (roots)", fields_to_text, fields)
            timed("index terms", index_terms, fields)
            timed("JSON", dumps_indented, fact)
            timed("listing columns", listing_columns, fact)
    return facts


def worker_job(root: Path, files: list[Path]) -> float:
    """Seconds a fact the worker's own job takes on ``files``, in this process."""
    entities, _ = validation.validate_entities(root)
    sources, _lines, _problems = validation.validate_sources(root)
    build._entities_are(entities)
    key = tuple(sorted((sid, str(root / source["text"])) for sid, source in sources.items()))
    started = time.perf_counter()
    facts = 0
    for path in files:  # the job pauses garbage collection itself
        facts += len(build._fact_file_job((str(root), path.name, str(path), key))[1])
    return (time.perf_counter() - started) / facts


def first_load(vncoop: str, corpus: Path, cache: Path) -> tuple[float, float, float]:
    """Wall clock, the CPU of the main process and its workers together, and the peak memory of
    the largest of them (MB), of one first load."""
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    env.pop("VNCOOP_NO_CACHE", None)
    probe = (  # POSIX: resource says what the children used
        "import resource, subprocess, sys, time;"
        "started = time.perf_counter();"
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True);"
        "wall = time.perf_counter() - started;"
        "used = resource.getrusage(resource.RUSAGE_CHILDREN);"
        "print(wall, used.ru_utime + used.ru_stime, used.ru_maxrss)"
    )
    command = [vncoop, "search", "semiconductor engineers", "--json", "--facts-dir", str(corpus)]
    done = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, env=env, check=True)
    wall, cpu, largest = (float(value) for value in done.stdout.split())
    return wall, cpu, largest / (1024 * 1024 if sys.platform == "darwin" else 1024)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=10_000)
    parser.add_argument("--staged-files", type=int, default=3, help="files (1,000 facts each) timed by stage")
    parser.add_argument("--vncoop", default=shutil.which("vncoop"))
    args = parser.parse_args(argv)
    cores = build.usable_cores()
    print(f"machine: {platform.machine()}, {cores} usable cores, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as temp:
        corpus = generate(args.facts, Path(temp) / "corpus")
        every = sorted(path for path in corpus.glob("generated-*.yaml"))
        count = min(args.staged_files, (len(every) - 1) // 2)
        if count < 1:
            print("too few facts: --facts must give at least three files of 1,000", file=sys.stderr)
            return 1
        warm, files, unseen = every[0], every[1 : 1 + count], every[1 + count : 1 + 2 * count]
        staged(corpus, [warm])  # imports, the stemmers, each archive read once
        facts, spent = staged(corpus, files)
        total = sum(spent.values())
        job = worker_job(corpus, unseen)
        size = sum(path.stat().st_size for path in files) / facts
        print(f"\nper fact, one process, {facts} facts ({size / 1024:.1f} KB of YAML each):")
        for stage, seconds in sorted(spent.items(), key=lambda item: -item[1]):
            print(f"  {stage:<36} {seconds / facts * 1e6:7.1f} µs  {seconds / total:6.1%}")
        print(f"  {'stages together':<36} {total / facts * 1e6:7.1f} µs")
        print(f"  {'the worker job itself, other files':<36} {job * 1e6:7.1f} µs")
        if args.vncoop:
            wall, cpu, largest = first_load(args.vncoop, corpus, Path(temp) / "cache")
            print(f"\nfirst load of {args.facts} facts through {args.vncoop}:")
            print(f"  wall clock {wall:.2f} s; CPU {cpu:.2f} s (main process and workers), {cpu / wall:.2f} cores busy")
            print(f"  peak memory of its largest process (main or a worker) {largest:.0f} MB")
            per_fact = cpu / args.facts
            print(f"  CPU per fact {per_fact * 1e3:.3f} ms; at 100,000 facts on {cores} cores that is")
            print(f"  ~{per_fact * 100_000 / cores:.0f} s; 10 s would need {10 * cores / 100_000 * 1e3:.2f} ms a fact")
        else:
            print("\nno installed vncoop script found (pip install . first): first load not timed", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
