"""Relevance of `vncoop search` on the query suites: recall@1, recall@5 and MRR, per class.

A query hits at rank r when the r-th result has an evidence quote matching the query's `expect`
regex (case-insensitive; whitespace runs folded to one space and typographic quotes to ASCII),
the rule of ../shared/eval/queries.yaml. A query with `expect: null` is a negative: it passes
when search returns nothing. `not_top3`: no quote of the top 3 results may match it (the wrong
sense of a word kept out). `class` groups queries for the per-class figures.

    python benchmarks/relevance.py [QUERIES.yaml ...] [--facts-dir DIR] [--misses] [--classes]
"""

from __future__ import annotations

import argparse
import platform
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SUITE = ROOT / "tests" / "relevance" / "queries.yaml"

_SINGLE = re.compile("[\u2018\u2019\u201a\u201b]")
_DOUBLE = re.compile("[\u201c\u201d\u201e\u201f\u00ab\u00bb]")


def fold_quote(text: str) -> str:
    text = _DOUBLE.sub('"', _SINGLE.sub("'", text))
    return re.sub(r"\s+", " ", text)


@dataclass
class Outcome:
    query: str
    expect: str | None  # None: a negative, which must find nothing
    rank: int | None  # 1-based rank of the first hit within k, or None
    top: list[str]
    kind: str = ""  # the query's class
    leak: str = ""  # why a negative or a not_top3 failed ("" when it did not)
    known: str = ""  # why this query is a known limit

    @property
    def negative(self) -> bool:
        return self.expect is None


def load_suite(paths: list[Path]) -> tuple[int, list[dict[str, Any]]]:
    k = 5
    queries: list[dict[str, Any]] = []
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        k = int(data.get("k", k))
        queries.extend(data["queries"])
    return k, queries


def baseline_ranker(facts: list[dict]):  # type: ignore[no-untyped-def]
    """The first honest ranking, for comparison: rapidfuzz WRatio over each fact's folded text."""
    from rapidfuzz import fuzz, process

    from vncoop.text.fold import fold

    texts = [
        fold(
            " ".join([f["title"], f["summary"], *sum(f["keywords"].values(), []), *(e["quote"] for e in f["evidence"])])
        )
        for f in facts
    ]

    def rank(query: str, k: int) -> list[dict]:
        found = process.extract(fold(query), texts, scorer=fuzz.WRatio, limit=k)
        return [facts[i] for _, _, i in found]

    return rank


def evaluate(
    paths: list[Path], facts_dir: Path | None = None, baseline: bool = False, indexed: bool = False
) -> tuple[int, list[Outcome]]:
    """Rank each query in memory (default), through the cache's FTS5 index, or with the baseline."""
    from vncoop.app.corpora import load_corpus
    from vncoop.corpus.layout import resolve_facts_dir
    from vncoop.search.analyse import normalise_query
    from vncoop.search.engine import memory_engine

    k, queries = load_suite(paths)
    corpus = load_corpus(facts_dir)
    index = memory_engine(corpus)
    fuzzy = baseline_ranker(corpus.facts) if baseline else None
    if indexed:
        from vncoop.index.store import open_cache
        from vncoop.search.engine import indexed_engine

        engine = indexed_engine(open_cache(resolve_facts_dir(facts_dir)))
        fuzzy = lambda query, k: [hit.fact for hit in engine.search(query, None, k)]  # noqa: E731
    outcomes = []
    for item in queries:
        query = normalise_query(str(item["q"]))
        found = fuzzy(query, k) if fuzzy else [hit.fact for hit in index.search(query, None, k)]
        rank, leak = None, ""
        if item.get("expect") is None:
            leak = f"returned {len(found)} facts" if found else ""
        else:
            pattern = re.compile(item["expect"], re.IGNORECASE)
            for position, fact in enumerate(found, start=1):
                if any(pattern.search(fold_quote(e["quote"])) for e in fact["evidence"]):
                    rank = position
                    break
        if item.get("not_top3"):
            wrong = re.compile(item["not_top3"], re.IGNORECASE)
            bad = [f["id"] for f in found[:3] if any(wrong.search(fold_quote(e["quote"])) for e in f["evidence"])]
            leak = leak or (f"wrong sense in the top 3: {bad[0]}" if bad else "")
        outcomes.append(
            Outcome(
                str(item["q"]),
                item.get("expect"),
                rank,
                [f["id"] for f in found],
                item.get("class", ""),
                leak,
                item.get("known", ""),
            )
        )
    return k, outcomes


def metrics(outcomes: list[Outcome]) -> dict[str, float]:
    """Recall and MRR over the positive queries; negatives and not_top3 counted as leaks."""
    positives = [o for o in outcomes if not o.negative]
    n = len(positives) or 1
    return {
        "queries": float(len(outcomes)),
        "recall@1": sum(o.rank == 1 for o in positives) / n,
        "recall@5": sum(o.rank is not None and o.rank <= 5 for o in positives) / n,
        "mrr": sum(1.0 / o.rank for o in positives if o.rank) / n,
        "positives": float(len(positives)),
        "negatives": float(sum(o.negative for o in outcomes)),
        "leaks": float(sum(bool(o.leak) for o in outcomes)),
    }


def by_class(outcomes: list[Outcome]) -> dict[str, dict[str, float]]:
    classes: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        classes.setdefault(outcome.kind or "(none)", []).append(outcome)
    return {name: metrics(group) for name, group in classes.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("suites", nargs="*", type=Path, default=[DEFAULT_SUITE])
    parser.add_argument("--facts-dir", type=Path)
    parser.add_argument("--misses", action="store_true", help="list the queries that miss, rank low or leak")
    parser.add_argument("--classes", action="store_true", help="figures per class of query")
    parser.add_argument("--baseline", action="store_true", help="also score a plain rapidfuzz ranking, for comparison")
    parser.add_argument("--indexed", action="store_true", help="rank through the cache's FTS5 index (large corpora)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    k, outcomes = evaluate(args.suites, args.facts_dir, indexed=args.indexed)
    elapsed = time.perf_counter() - started
    from vncoop.app.corpora import load_corpus

    facts = len(load_corpus(args.facts_dir).facts)
    m = metrics(outcomes)
    print(f"suite: {', '.join(str(p) for p in args.suites)}  (k={k})")
    print(f"corpus: {facts} facts; machine: {platform.machine()}, Python {platform.python_version()}")
    print(
        f"queries: {int(m['queries'])}  recall@1: {m['recall@1']:.3f}  recall@5: {m['recall@5']:.3f}  "
        f"MRR: {m['mrr']:.3f}  negatives: {int(m['negatives'])}  leaks: {int(m['leaks'])}  ({elapsed:.2f} s)"
    )
    if args.classes:
        print(f"{'class':<20} {'queries':>7} {'r@1':>6} {'r@5':>6} {'MRR':>6} {'leaks':>6}")
        for name, figures in sorted(by_class(outcomes).items()):
            ranks = (
                f"{figures['recall@1']:>6.3f} {figures['recall@5']:>6.3f} {figures['mrr']:>6.3f}"
                if figures["positives"]
                else f"{'-':>6} {'-':>6} {'-':>6}"
            )
            print(f"{name:<20} {int(figures['queries']):>7} {ranks} {int(figures['leaks']):>6}")
    if args.baseline:
        _, plain = evaluate(args.suites, args.facts_dir, baseline=True)
        b = metrics(plain)
        print(
            f"baseline (rapidfuzz WRatio over folded text): recall@1: {b['recall@1']:.3f}  "
            f"recall@5: {b['recall@5']:.3f}  MRR: {b['mrr']:.3f}"
        )
    if args.misses:
        for o in outcomes:
            if o.leak:
                note = f" [known: {o.known}]" if o.known else ""
                print(f"  leak ({o.kind}): {o.query!r}: {o.leak}; top: {o.top[:3]}{note}")
            elif not o.negative and o.rank != 1:
                print(f"  rank {o.rank or '-'} ({o.kind}): {o.query!r} expects /{o.expect}/ top: {o.top[:3]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
