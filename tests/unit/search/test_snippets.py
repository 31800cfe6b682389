"""The evidence a result shows: the best-matching quote, cut to the clause around the matches."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from vncoop.domain.records import Corpus
from vncoop.search.engine import memory_engine
from vncoop.search.snippets import SNIPPET_CHARS


def _fact(*quotes: str) -> dict[str, object]:
    return {
        "id": "f",
        "kind": "event",
        "title": "A title",
        "summary": "A summary",
        "date": None,
        "partners": [],
        "organizations": [],
        "sectors": [],
        "keywords": {"en": [], "fr": [], "vi": []},
        "evidence": [{"source": "s", "quote": quote} for quote in quotes],
    }


def _snippet(query: str, *quotes: str) -> dict[str, object]:
    engine = memory_engine(Corpus(Path("."), [_fact(*quotes)], {"s": {"id": "s"}}, []))
    (hit,) = engine.search(query, None, 5)
    assert hit.snippet is not None
    return hit.snippet


def test_the_quote_holding_most_matches_is_shown_with_them_highlighted() -> None:
    found = _snippet("chip plant Tokyo", "A seminar in Tokyo.", "Japan plans a chip plant near Tokyo.")
    assert found["quote"] == 1 and found["text"] == "Japan plans a chip plant near Tokyo."
    text = str(found["text"])
    assert [text[a:b] for a, b in found["highlights"]] == ["chip", "plant", "Tokyo"]  # type: ignore[attr-defined]


def test_a_long_quote_is_cut_to_the_clause_around_the_matches() -> None:
    filler = "words without meaning here, " * 20
    found = _snippet("registered capital", filler + "the registered capital rose sharply, " + filler)
    text = str(found["text"])
    assert "registered capital" in text and len(text) < 2 * SNIPPET_CHARS
    assert not text.startswith(("ords", "rds")) and text[0] != " "


@given(st.integers(0, 400), st.integers(0, 400))
def test_highlights_stay_inside_the_text(before: int, after: int) -> None:
    quote = "x " * before + "the semiconductor plant" + " y" * after
    found = _snippet("semiconductor", quote)
    text = str(found["text"])
    for start, end in found["highlights"]:  # type: ignore[attr-defined]
        assert 0 <= start < end <= len(text) and text[start:end] == "semiconductor"
    assert text in quote


def test_a_number_written_in_words_is_highlighted_as_its_value() -> None:
    found = _snippet("1000000 người", "Dân số tăng gần một triệu người mỗi năm.")
    text = str(found["text"])
    assert [text[a:b] for a, b in found["highlights"]] == ["một triệu", "người"]  # type: ignore[attr-defined]
