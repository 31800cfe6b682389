"""The snippet's highlights, found from where each word stands, are those of trying every position."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
import yaml

from vncoop.app.corpora import load_corpus
from vncoop.index.stems import root_keys, same_as_written, stem
from vncoop.search import snippets
from vncoop.search.engine import memory_engine
from vncoop.search.query import Concept
from vncoop.text.fold import lower

from conftest import ROOT


def every_position(quote: str, concepts: Sequence[Concept]) -> set[tuple[int, int]]:
    """The word and phrase spans, by trying every alternative at every position of the quote."""
    tokens = [(match.span(), lower(match.group(0))) for match in snippets._WORD.finditer(quote)]
    stems = [stem(word) for _, word in tokens]
    found = set()
    for concept in concepts:
        for alternative in concept.alternatives:
            run = alternative.stems
            marked = alternative.exact if (concept.as_typed or snippets._marked(alternative.exact)) else ()
            for at in range(len(tokens) - len(run) + 1):
                if alternative.how == "stemmed":
                    matched = run[0] in root_keys(stems[at])
                else:
                    matched = tuple(stems[at : at + len(run)]) == run
                if matched and marked and not same_as_written([w for _, w in tokens[at : at + len(run)]], marked):
                    matched = False
                if matched:
                    found.add((tokens[at][0][0], tokens[at + len(run) - 1][0][1]))
    return found


QUERIES = [entry["q"] for entry in yaml.safe_load((ROOT / "tests/relevance/queries.yaml").read_text())["queries"]]


def merged(spans: set[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


@pytest.fixture(scope="module")
def engine_and_quotes():  # type: ignore[no-untyped-def]
    corpus = load_corpus(ROOT / "facts", use_cache=False)
    quotes = [item["quote"] for fact in corpus.facts for item in fact["evidence"]]
    return memory_engine(corpus), quotes


@pytest.mark.parametrize("query", [*QUERIES[::3], "kỹ sư bán dẫn", "Nhật Bản Nhật", "semiconductor semiconductors"])
def test_hits_are_those_of_every_position(engine_and_quotes, query: str) -> None:  # type: ignore[no-untyped-def]
    engine, quotes = engine_and_quotes
    words_only = [
        Concept(c.label, c.alternatives, frozenset(), c.weight, c.together, c.as_typed) for c in engine.concepts(query)
    ]
    for quote in quotes:
        expected = merged(every_position(quote, words_only))
        assert snippets._hits(quote, words_only) == expected, quote
