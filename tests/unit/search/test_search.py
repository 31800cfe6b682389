"""Search behaviour by class of query, on the small fixture corpus (not on known strings)."""

from __future__ import annotations

import pytest

from vncoop.app.corpora import load_corpus
from vncoop.index.stems import stem
from vncoop.search.analyse import normalise_query
from vncoop.search.engine import SearchEngine, memory_engine
from vncoop.text.fold import fold

from conftest import VALID


@pytest.fixture(scope="module")
def index() -> SearchEngine:
    return memory_engine(load_corpus(VALID))


def top(index: SearchEngine, query: str, n: int = 1) -> list[str]:
    return [h.fact["id"] for h in index.search(normalise_query(query), None, n)]


def test_fold_strips_diacritics_and_d_stroke() -> None:
    assert fold("Nhật Bản Đà Nẵng ingénieurs œuvre") == "nhat ban da nang ingenieurs oeuvre"


def test_stem_removes_plural() -> None:
    assert stem("engineers") == stem("Engineer") == "engineer"
    assert stem("ingénieurs") == "ingenieur"


@pytest.mark.parametrize("query", ["engineers", "ingénieurs", "ingenieurs", "kỹ sư", "ky su", "KỸ SƯ"])
def test_languages_and_diacritics(index: SearchEngine, query: str) -> None:
    assert top(index, query) == ["sample-engineers"]


@pytest.mark.parametrize("query", ["bán dẫn", "ban dan", "semi-conducteur", "semiconductors", "chips"])
def test_thesaurus_expansion(index: SearchEngine, query: str) -> None:
    found = top(index, query, 5)
    assert "sample-chip-plant" in found


@pytest.mark.parametrize("query", ["enginers", "engineeers", "Tokio", "seminr Tokyo"])
def test_typos(index: SearchEngine, query: str) -> None:
    assert top(index, query)[0] in {"sample-engineers", "sample-seminar"}


@pytest.mark.parametrize("query", ["78.6", "78,6"])
def test_decimal_notations(index: SearchEngine, query: str) -> None:
    assert top(index, query) == ["sample-capital"]


@pytest.mark.parametrize("query", ["50000", "50,000", "50 000", "50.000"])
def test_grouped_notations(index: SearchEngine, query: str) -> None:
    assert top(index, query) == ["sample-engineers"]


@pytest.mark.parametrize("query", ["20%", "20 %"])
def test_percent(index: SearchEngine, query: str) -> None:
    assert top(index, query) == ["sample-growth"]


@pytest.mark.parametrize("query", ["$200 million", "200 million USD", "200 million dollars"])
def test_currency(index: SearchEngine, query: str) -> None:
    assert top(index, query) == ["sample-chip-plant"]


@pytest.mark.parametrize("query", ["quantum teleportation", "xyzzy", "zzzz qqqq wwww"])
def test_nonsense_returns_nothing(index: SearchEngine, query: str) -> None:
    assert top(index, query, 10) == []


@pytest.mark.parametrize("query", ["", "   ", "the of and", "\x00\x1b"])
def test_empty_or_stopword_queries_do_not_fail(index: SearchEngine, query: str) -> None:
    index.search(normalise_query(query), None, 10)


def test_exact_phrase_beats_scattered_terms(index: SearchEngine) -> None:
    hits = index.search("registered capital", None, 5)
    assert hits[0].fact["id"] == "sample-capital"
    assert any(m.how == "phrase" for m in hits[0].matches)


def test_title_hit_ranks_above_quote_only_hit(index: SearchEngine) -> None:
    # "guests" is in the seminar's title; "Tuesday" only in its quote: both are found, the
    # title hit scores higher.
    title = index.search("guests", None, 1)[0]
    quote = index.search("Tuesday", None, 1)[0]
    assert title.fact["id"] == quote.fact["id"] == "sample-seminar"
    assert title.score > quote.score


def test_ties_are_deterministic(index: SearchEngine) -> None:
    first = [(h.fact["id"], h.score) for h in index.search("Japan", None, 10)]
    for _ in range(3):
        assert [(h.fact["id"], h.score) for h in index.search("Japan", None, 10)] == first
    scores = [s for _, s in first]
    assert scores == sorted(scores, reverse=True)


def test_explain_names_field_and_term(index: SearchEngine) -> None:
    hit = index.search("Tokyo", None, 1)[0]
    assert {(m.term, m.field) for m in hit.matches} >= {("tokyo", "title")}


def test_filters_restrict_candidates(index: SearchEngine) -> None:
    first = load_corpus(VALID).facts[0]["id"]
    assert [h.fact["id"] for h in index.search("Japan", lambda fact: fact["id"] == first, 10)] == [first]


def test_digits_inside_a_word_are_not_a_number_query(index: SearchEngine) -> None:
    # "5G" is a word: it must not match every fact that mentions the number 5 (or 50,000).
    concepts = index.concepts("5G")
    assert [c.numbers for c in concepts] == [frozenset()]
