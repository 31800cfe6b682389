"""Reading a query: function words per language, acronyms, questions, search syntax, and how
each changes what is found. Built on small corpora made here, one class of query per test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vncoop.domain.records import Corpus
from vncoop.search.engine import SearchEngine, memory_engine
from vncoop.search.reading import STOP_WORDS, read_query, split_syntax, written_in_vietnamese

NO_PHRASES = lambda words: False  # noqa: E731


def fact(fact_id: str, title: str, quote: str = "", **fields: Any) -> dict[str, Any]:
    return {
        "id": fact_id,
        "kind": fields.pop("kind", "event"),
        "title": title,
        "summary": fields.pop("summary", title),
        "date": fields.pop("date", None),
        "partners": fields.pop("partners", []),
        "organizations": fields.pop("organizations", []),
        "sectors": [],
        "keywords": fields.pop("keywords", {"en": [], "fr": [], "vi": []}),
        "evidence": [{"source": "s", "quote": quote or title}],
        **fields,
    }


def engine(*facts: dict[str, Any], thesaurus: list[list[str]] | None = None) -> SearchEngine:
    return memory_engine(Corpus(Path("."), list(facts), {"s": {"id": "s"}}, thesaurus or []))


def found(search: SearchEngine, query: str) -> list[str]:
    return [hit.fact["id"] for hit in search.search(query, None, 10)]


# -- function words ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "kept"),
    [
        ("Japan AI", ["japan", "ai"]),
        ("AI startups", ["ai", "startups"]),
        ("ai startups", ["ai", "startups"]),  # no Vietnamese in the query: ai is not "who"
        ("US IT outsourcing", ["us", "it", "outsourcing"]),  # capitals: acronyms
        ("Nhật Bản đầu tư", ["nhật", "bản", "đầu", "tư"]),  # đầu is not đâu, tư is not từ
        ("dự án ở đâu", ["dự", "án"]),
        ("the engineers of the plant", ["engineers", "plant"]),
        ("ingénieurs à Tokyo", ["ingénieurs", "tokyo"]),
    ],
)
def test_function_words_go_only_in_their_language(query: str, kept: list[str]) -> None:
    assert read_query(query, NO_PHRASES).content == kept


def test_a_thesaurus_phrase_keeps_its_function_words() -> None:
    reading = read_query("do la Mỹ", lambda words: words == ("do", "la"))
    assert reading.content[:2] == ["do", "la"]


def test_a_query_of_function_words_only_is_searched_as_typed() -> None:
    assert read_query("the", NO_PHRASES).content == ["the"]


@given(st.lists(st.sampled_from(sorted(STOP_WORDS["en"] | STOP_WORDS["vi"])), min_size=1, max_size=6))
def test_a_word_in_capitals_is_never_ignored(words: list[str]) -> None:
    typed = " ".join(word.upper() if len(word) >= 2 else word for word in words)
    reading = read_query(typed, NO_PHRASES)
    assert not [word for word, _ in reading.ignored if len(word) >= 2 and word.isupper() and word.isalpha()]


@given(st.text(max_size=60))
def test_every_word_is_kept_or_said_ignored(text: str) -> None:
    reading = read_query(text, NO_PHRASES)
    for word, why in reading.ignored:
        assert why.startswith("question") or word.lower() in set().union(*STOP_WORDS.values()) or word in text


@pytest.mark.parametrize(
    ("text", "vietnamese"),
    [
        ("Nhật Bản", True),
        ("cần", True),  # two marks on one letter: never French
        ("dự án", True),
        ("đô la", True),
        ("ingénieurs à Hanoï, où l'été", False),
        ("nhat ban dau tu", False),
        ("Japan", False),
    ],
)
def test_what_counts_as_written_in_vietnamese(text: str, vietnamese: bool) -> None:
    assert written_in_vietnamese(text) is vietnamese


# -- questions -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "intent"),
    [
        ("How much has Japan invested?", "amount"),
        ("Combien le Japon a-t-il investi ?", "amount"),
        ("Nhật Bản đầu tư bao nhiêu tiền?", "amount"),
        ("How many engineers?", "count"),
        ("Combien d'ingénieurs ?", "count"),
        ("When was the seminar?", "date"),
        ("Quand a eu lieu le séminaire ?", "date"),
        ("Hội thảo diễn ra khi nào?", "date"),
        ("Who organised the seminar?", "who"),
        ("Qui organise le séminaire ?", "who"),
        ("Ai tổ chức hội thảo?", "who"),
        ("Where is the plant?", "place"),
        ("Où est l'usine ?", "place"),
        ("Nhà máy ở đâu?", "place"),
        ("AI chip plant", None),  # capitals: the acronym, not "who"
    ],
)
def test_the_question_word_says_what_is_asked(query: str, intent: str | None) -> None:
    assert read_query(query, NO_PHRASES).intent == intent


def test_a_question_ranks_the_facts_that_answer_it_first() -> None:
    search = engine(
        fact("talk", "Japan semiconductor investment seminar in Tokyo", location="Tokyo"),
        fact("money", "Japan semiconductor investment grows", kind="investment", amount_value=5, amount_currency="USD"),
    )
    assert found(search, "How much Japan semiconductor investment")[0] == "money"
    assert found(search, "Where Japan semiconductor investment")[0] == "talk"
    reading_hits = search.search("How much Japan semiconductor investment", None, 10)
    assert any(m.how == "intent" for m in reading_hits[0].matches)


def test_the_actor_named_first_wins_over_the_reverse_flow() -> None:
    search = engine(
        fact(
            "into-vietnam",
            "Investment between Japan and Vietnam",
            kind="investment",
            investor="Japan",
            recipient="Vietnam",
        ),
        fact(
            "into-japan",
            "Investment between Japan and Vietnam",
            kind="investment",
            investor="Vietnam",
            recipient="Japan",
        ),
    )
    assert found(search, "Japan investment in Vietnam")[0] == "into-vietnam"
    assert found(search, "Vietnam investment in Japan")[0] == "into-japan"


# -- tone marks ----------------------------------------------------------------------------
def test_a_word_typed_with_marks_matches_only_as_marked() -> None:
    search = engine(fact("normal", "Quan hệ bình thường hóa"), fact("water", "Thủy sản"))
    assert found(search, "hóa") == ["normal"]
    assert found(search, "hòa") == []  # another word
    assert found(search, "hoa") == ["normal"]  # typed without marks: folded
    assert found(search, "thuỷ sản") == found(search, "thủy sản") == ["water"]  # the tone placed either way


def test_vietnamese_syllables_typed_together_must_be_found_together() -> None:
    search = engine(fact("project", "Một dự án mới"), fact("apart", "Dự báo về án lệ"))
    assert found(search, "dự án") == ["project"]


# -- syntax --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "text", "excluded", "phrases"),
    [
        (
            'semiconductor -japan "registered capital"',
            "semiconductor registered capital",
            ["japan"],
            ["registered capital"],
        ),
        ("semi-conducteur", "semi-conducteur", [], []),
        ('-"chip plant" Tokyo', "Tokyo", ["chip plant"], []),
        ('unclosed "quote', 'unclosed "quote', [], []),
        ("engineers -2030", "engineers", ["2030"], []),
    ],
)
def test_search_syntax(query: str, text: str, excluded: list[str], phrases: list[str]) -> None:
    assert split_syntax(query) == (text, excluded, phrases)


def test_an_excluded_word_drops_facts_and_a_phrase_must_be_whole() -> None:
    search = engine(
        fact("jp", "Semiconductor capital in Japan"), fact("us", "Semiconductor capital registered in the US")
    )
    assert found(search, "semiconductor -japan") == ["us"]
    assert set(found(search, "semiconductor capital")) == {"jp", "us"}
    assert found(search, '"capital registered"') == ["us"]
    assert found(search, '"registered capital"') == []


def test_an_excluded_number_drops_facts_stating_it_in_any_notation() -> None:
    search = engine(fact("a", "Train 50,000 engineers by 2030"), fact("b", "Train 10 000 engineers"))
    assert found(search, "engineers -2030") == ["b"]
    assert found(search, 'engineers -"50 000"') == ["b"]
    assert found(search, 'engineers -"fifty thousand"') == ["b"]
