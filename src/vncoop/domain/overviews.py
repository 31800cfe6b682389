"""Overviews of the corpus as plain data: counts (``vncoop stats``), the timeline, source usage.

Nothing here prints or imports a renderer; the CLI hands these dicts to ``output.reports`` or JSON.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from vncoop.domain.dates import fact_year, oldest_first
from vncoop.domain.records import Corpus, FactDict

UNDATED = "undated"


def _by_count(counter: Counter[str]) -> dict[str, int]:
    """Most frequent first, ties in name order: the order a bar chart reads best in."""
    return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))


def corpus_stats(facts: list[FactDict]) -> dict[str, Any]:
    """Counts by kind, partner (ISO code), sector and year; ``by_year`` ends with ``undated``.

    ``by_kind`` and ``by_year`` each add up to ``facts``; a fact with several partners or
    sectors counts once under each, so those two may add up to more (or less: no partner).
    """
    return stats_from_counts(
        len(facts),
        Counter(fact["kind"] for fact in facts).items(),
        Counter(code for fact in facts for code in fact["partners"]).items(),
        Counter(sector for fact in facts for sector in fact["sectors"]).items(),
        Counter(fact_year(fact) for fact in facts).items(),
    )


def stats_from_counts(
    total: int,
    kinds: Iterable[tuple[str, int]],
    partners: Iterable[tuple[str, int]],
    sectors: Iterable[tuple[str, int]],
    years: Iterable[tuple[int | None, int]],
) -> dict[str, Any]:
    """``stats``'s object from counts however they were made (Python or the cache's SQL): most
    frequent first, ties in name order; years in order, ``undated`` (None) last."""
    listed = list(years)
    by_year = {str(year): count for year, count in sorted((y, c) for y, c in listed if y is not None)}
    undated = sum(count for year, count in listed if year is None)
    if undated:
        by_year[UNDATED] = undated
    return {
        "facts": total,
        "by_kind": _by_count(Counter(dict(kinds))),
        "by_partner": _by_count(Counter(dict(partners))),
        "by_sector": _by_count(Counter(dict(sectors))),
        "by_year": by_year,
    }


def timeline(facts: Iterable[FactDict]) -> dict[str, Any]:
    """Dated facts oldest first, grouped by year; undated facts apart, by id.

    ``{"years": [{"year": 2023, "facts": [...]}, ...], "undated": [...]}``.
    """
    dated, undated = oldest_first(facts)
    years: list[dict[str, Any]] = []
    for fact in dated:
        year = fact_year(fact)
        if not years or years[-1]["year"] != year:
            years.append({"year": year, "facts": []})
        years[-1]["facts"].append(fact)
    return {"years": years, "undated": undated}


def limited(data: dict[str, Any], limit: int | None) -> dict[str, Any]:
    """A timeline cut to its first ``limit`` facts (oldest first, the undated last)."""
    if limit is None:
        return data
    years, room = [], limit
    for group in data["years"]:
        if room <= 0:
            break
        years.append({"year": group["year"], "facts": group["facts"][:room]})
        room -= len(years[-1]["facts"])
    return {"years": years, "undated": data["undated"][: max(room, 0)]}


def timeline_facts(data: dict[str, Any]) -> list[FactDict]:
    """A timeline flattened back to one chronological list (undated last), for flat formats."""
    return [fact for group in data["years"] for fact in group["facts"]] + list(data["undated"])


def source_usage(corpus: Corpus) -> list[dict[str, Any]]:
    """Every source with ``facts``: how many facts cite it in their evidence (each fact once)."""
    counts: Counter[str] = Counter()
    for fact in corpus.facts:
        for source_id in {e["source"] for e in fact["evidence"]}:
            counts[source_id] += 1
    return [{**source, "facts": counts[source_id]} for source_id, source in corpus.sources.items()]
