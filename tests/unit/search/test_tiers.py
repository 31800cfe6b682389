"""The FTS candidate tiers, on a small room: a broken or missing tier fails here.

The shipped and test corpora always fit in the candidate room, so no other test runs the tiers.
"""

from __future__ import annotations

import re
import sqlite3

import pytest

from vncoop.index.tokens import FTS_TOKENIZER, LEAD_MARK
from vncoop.search.query import Alternative, Concept
from vncoop.search.tiers import RANKED_TIER, Tier, any_of, concept_query, fill, plan


def word(term: str) -> Concept:
    return Concept(term, [Alternative((term,), (term,), 1.0, "exact")])


class TinyIndex:
    """A real contentless FTS5 index, as the cache has, over facts given as (lead, other) terms."""

    def __init__(self, facts: list[tuple[str, str]]) -> None:
        self.connection = sqlite3.connect(":memory:")
        self.connection.execute(
            f"CREATE VIRTUAL TABLE fts USING fts5(terms, content='', detail=none, tokenize=\"{FTS_TOKENIZER}\")"
        )
        for rowid, (lead, other) in enumerate(facts, start=1):
            marked = " ".join(LEAD_MARK + term for term in lead.split())
            self.connection.execute("INSERT INTO fts (rowid, terms) VALUES (?, ?)", (rowid, f"{lead} {other} {marked}"))
        self.queries: list[str] = []

    def matching(self, expression: str, limit: int) -> list[int]:
        self.queries.append(expression)
        sql = "SELECT rowid FROM fts WHERE fts MATCH ? LIMIT ?"
        return [row[0] for row in self.connection.execute(sql, (expression, limit))]

    def ranked(self, expression: str) -> list[int]:
        sql = "SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY rank"
        return [row[0] for row in self.connection.execute(sql, (expression,))]

    def frequency(self, concept: Concept) -> int:
        expression = concept_query(concept)
        assert expression is not None
        return len(self.matching(expression, 10**6))


# Facts mentioning only one word come first in corpus order, so that taking matches in order
# (no tiers) would fill a small room with them.
FACTS = [("alpha", "")] * 6 + [("gamma", "alpha")] * 3 + [("", "alpha beta")] + [("alpha beta", "")] + [("beta", "")]


def test_every_concept_in_the_title_comes_first_then_every_concept_anywhere() -> None:
    index = TinyIndex(FACTS)
    concepts = [word("alpha"), word("beta")]
    assert fill(plan(concepts, index.frequency, 2), 2, index.matching, index.ranked) == [11, 10]


def test_with_three_concepts_all_but_one_fills_the_room_after_all() -> None:
    facts = [("alpha", "")] * 5 + [("gamma beta", "")] + [("alpha gamma", "beta")] + [("alpha", "beta")]
    index = TinyIndex(facts)
    concepts = [word("alpha"), word("beta"), word("gamma")]
    chosen = fill(plan(concepts, index.frequency, 3), 3, index.matching, index.ranked)
    assert chosen[0] == 7  # all three concepts
    assert set(chosen[1:]) == {6, 8}  # two of three (gamma+beta in the title; alpha+beta), not alpha alone


def test_the_rarest_concepts_form_a_tier_of_their_own() -> None:
    index = TinyIndex([("common", "")] * 8 + [("", "rare")] + [("", "common")])
    concepts = [word("common"), word("rare"), word("absent")]
    tiers = plan(concepts, index.frequency, 2, ranked_tier=4)
    assert Tier(any_of([word("absent"), word("rare")]), 2) in tiers  # common (9 facts) is over the tier's size
    assert fill(tiers, 2, index.matching, index.ranked, ranked_tier=4)[0] == 9
    without_rare = [tier for tier in tiers if tier.expression != any_of([word("absent"), word("rare")])]
    assert 9 not in fill(without_rare, 2, index.matching, index.ranked, ranked_tier=4)


def _shape(tier: Tier) -> tuple[str, frozenset[str], int]:
    """(how the concepts are joined, the terms it names, cap): an expression's meaning, not its spelling."""
    joiner = "AND" if " AND " in tier.expression else "OR" if " OR " in tier.expression else "-"
    return joiner, frozenset(re.findall(r'"([^"]+)"', tier.expression)), tier.cap


def test_plan_orders_tiers_from_best_to_broadest() -> None:
    frequencies = {"a": 1, "b": 2, "c": 3}
    concepts = [word(name) for name in "cab"]
    shapes = [_shape(tier) for tier in plan(concepts, lambda c: frequencies[c.label], 40)]
    m = LEAD_MARK
    assert shapes == [
        ("AND", frozenset({m + "a", m + "b", m + "c"}), 40),  # every concept in the lead
        ("AND", frozenset("abc"), 40),  # every concept anywhere
        ("AND", frozenset("ab"), 10),  # every concept but one, the commonest dropped first, sharing the room
        ("AND", frozenset("ac"), 10),
        ("AND", frozenset("bc"), 10),
        ("AND", frozenset({m + "a", m + "b"}), 10),  # pairs in the lead, the rarest first
        ("AND", frozenset({m + "a", m + "c"}), 10),
        ("AND", frozenset({m + "b", m + "c"}), 10),
        ("OR", frozenset({m + "a", m + "b", m + "c"}), 40),  # any concept in the lead
        ("OR", frozenset("abc"), 40),  # any concept anywhere
    ]


def test_a_single_concept_is_any_in_the_lead_then_anywhere() -> None:
    shapes = [_shape(tier) for tier in plan([word("a")], lambda c: 5, 10)]
    assert shapes == [("-", frozenset({LEAD_MARK + "a"}), 10), ("-", frozenset({"a"}), 10)]


@pytest.mark.parametrize("budget", [0, RANKED_TIER])
def test_a_tier_is_ranked_only_within_the_budget(budget: int) -> None:
    index = TinyIndex([("", "alpha")] * 6)
    tiers = [Tier(any_of([word("alpha")]), 1)]

    def best_last(expression: str) -> list[int]:  # stands in for BM25: any order but the corpus's
        return list(reversed(index.ranked(expression)))

    chosen = fill(tiers, 1, index.matching, best_last, budget=budget)
    assert chosen == ([6] if budget else [1])  # ranked when the budget allows; else corpus order
