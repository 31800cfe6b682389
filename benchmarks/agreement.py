"""How closely the index search (FTS5 candidates, then the ranker) agrees with ranking every fact.

Builds a synthetic corpus (benchmarks/generate.py), then, for each query of the relevance suite,
compares the top 10 of `vncoop search` (through the cache's index, as the CLI searches) with the
top 10 of the in-memory ranker scoring every fact of the corpus: the exact answer, which the
index approximates by scoring only a few hundred candidates.

    python benchmarks/agreement.py [--size 10000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--worst", type=int, default=0, help="also list the queries furthest from exact")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temp:
        os.environ["XDG_CACHE_HOME"] = str(Path(temp) / "cache")
        os.environ.pop("VNCOOP_NO_CACHE", None)
        from vncoop.index.store import open_cache
        from vncoop.search.analyse import normalise_query
        from vncoop.search.engine import indexed_engine, memory_engine

        corpus_dir = generate(args.size, Path(temp) / "corpus")
        cache = open_cache(corpus_dir)
        indexed = indexed_engine(cache)
        started = time.perf_counter()
        exact = memory_engine(cache.corpus())
        print(f"corpus: {args.size} facts; in-memory index over all of them: {time.perf_counter() - started:.1f} s")
        suite = ROOT / "tests" / "relevance" / "queries.yaml"
        lines = suite.read_text(encoding="utf-8").splitlines()
        queries = [line.split('q: "', 1)[1].split('"', 1)[0] for line in lines if 'q: "' in line]
        same_ids, same_scores, gained = 0, 0, []
        for query in queries:
            text = normalise_query(query)
            want = exact.search(text, None, args.k)
            got = indexed.search(text, None, args.k)
            same_ids += [h.fact["id"] for h in got] == [h.fact["id"] for h in want]
            # Synthetic facts share templates, so many tie: equal scores are equally good answers
            same_scores += [h.score for h in got] == [h.score for h in want]
            total = sum(h.score for h in want)
            gained.append(sum(h.score for h in got) / total if total else float(not got))
        n = len(queries)
        print(f"queries: {n} (the relevance suite); top {args.k} of the index search against scoring every fact:")
        print(f"  same scores, in order (ties are equally good answers): {same_scores}/{n}")
        print(f"  same facts, in order: {same_ids}/{n}")
        share = f"mean {statistics.mean(gained):.3f}, min {min(gained):.3f}"
        print(f"  share of the best possible top-{args.k} score: {share}")
        if args.worst:
            for value, query in sorted(zip(gained, queries, strict=True))[: args.worst]:
                print(f"    {value:.3f}  {query}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
