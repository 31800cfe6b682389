"""Which facts the FTS5 index hands the ranker when more match than it can score: tiers.

Pure functions: :func:`plan` turns a query's concepts into FTS5 expressions, best first, each
with the most candidates it may give; :func:`fill` takes candidates from them through the two
index queries it is given. Tested on a small room, so that a broken tier fails a test.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from vncoop.index.tokens import LEAD_MARK, fts_text
from vncoop.search.query import Concept
from vncoop.text.fold import VALUE_SEPARATOR

MAX_PAIRS = 6  # pairs of concepts tried together in the lead, at most
RANKED_TIER = 1000  # BM25's cost grows with every fact it scores: rank tiers up to this size
RANK_BUDGET = 2500  # and at most this many facts ranked per query, whatever the tiers


class Tier(NamedTuple):
    expression: str  # an FTS5 MATCH expression
    cap: int  # the most candidates this tier may give


def _quoted(term: str) -> str:
    """An FTS5 string of one token: user text never reaches FTS5 syntax unquoted, and never
    holds a character that would split it into a phrase (see :func:`fts_text`)."""
    return '"' + fts_text(term).replace('"', '""') + '"'


def concept_query(concept: Concept, mark: str = "") -> str | None:
    """An FTS5 expression true for facts holding any alternative of the concept (in their lead
    only, with ``mark`` LEAD_MARK)."""
    parts = [_quoted(mark + number) for number in sorted(concept.numbers)]
    for alternative in concept.alternatives:
        stems = [s for s in alternative.stems if s and s != VALUE_SEPARATOR]
        if stems:
            parts.append("(" + " AND ".join(_quoted(mark + s) for s in stems) + ")")
    return "(" + " OR ".join(parts) + ")" if parts else None


def _joined(joiner: str, group: Sequence[Concept], mark: str = "") -> str:
    return "(" + joiner.join(e for e in (concept_query(c, mark) for c in group) if e) + ")"


def any_of(concepts: Sequence[Concept]) -> str:
    """Facts holding any concept anywhere: every fact that can match at all."""
    return _joined(" OR ", concepts)


def plan(
    concepts: Sequence[Concept], frequency: Callable[[Concept], int], wanted: int, ranked_tier: int = RANKED_TIER
) -> list[Tier]:
    """The tiers, from the best to the broadest:

    1. every concept in the lead (the title), then every concept anywhere (concepts no fact
       holds left out: they cannot narrow anything);
    2. every concept but one, dropping the commonest first, then two concepts together in the
       title, the rarest pairs first (for three concepts or more);
    3. any of the rarest concepts (as many as together are found in at most ``ranked_tier``
       facts): the words that say most about what is wanted, as the ranker's IDF weights do;
    4. any concept in the lead, then any concept anywhere.

    Partial tiers (2) share the room, so that one large tier cannot crowd out the others.
    """
    by_rarity = sorted(concepts, key=frequency)
    present = [c for c in by_rarity if frequency(c)]
    tiers: list[Tier] = []
    if len(present) > 1:
        tiers += [Tier(_joined(" AND ", present, LEAD_MARK), wanted), Tier(_joined(" AND ", present), wanted)]
        if len(present) > 2:
            share = max(wanted // (2 * len(present)), 10)
            tiers += [Tier(_joined(" AND ", [c for c in present if c is not d]), share) for d in reversed(present)]
            pairs = [[a, b] for i, a in enumerate(present) for b in present[i + 1 :]][:MAX_PAIRS]
            tiers += [Tier(_joined(" AND ", pair, LEAD_MARK), max(wanted // (2 * len(pairs)), 10)) for pair in pairs]
        rare: list[Concept] = []
        total = 0
        for concept in by_rarity:
            if total + frequency(concept) <= ranked_tier:  # a commoner one is passed over
                total += frequency(concept)
                rare.append(concept)
        if rare and len(rare) < len(concepts):
            tiers.append(Tier(_joined(" OR ", rare), wanted))
    tiers += [Tier(_joined(" OR ", concepts, LEAD_MARK), wanted), Tier(any_of(concepts), wanted)]
    return tiers


def fill(
    tiers: Sequence[Tier],
    wanted: int,
    matching: Callable[[str, int], list[int]],
    ranked: Callable[[str], list[int]],
    budget: int = RANK_BUDGET,
    ranked_tier: int = RANKED_TIER,
) -> list[int]:
    """Up to ``wanted`` candidates, tier by tier. ``matching(expression, limit)`` gives facts in
    corpus order; ``ranked(expression)`` every match, BM25 best first. BM25 picks within a tier
    when the tier is small enough to rank cheaply and the budget allows; otherwise the tier is
    taken in corpus order, the tiers before it having given the best facts."""
    chosen: dict[int, None] = {}
    for tier in tiers:
        room = min(wanted - len(chosen), tier.cap)
        if room <= 0:
            if len(chosen) >= wanted:
                break
            continue
        found = [position for position in matching(tier.expression, ranked_tier + 1) if position not in chosen]
        if len(found) > room and len(found) <= min(ranked_tier, budget):
            budget -= len(found)
            found = [position for position in ranked(tier.expression) if position not in chosen]
        chosen.update(dict.fromkeys(found[:room]))
    return list(chosen)
