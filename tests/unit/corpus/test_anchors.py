"""Quotes anchored in their archives: W3C selectors, by position and by quote, and context."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from vncoop.corpus.anchors import Archive, normalise

TEXT = "First sentence here.  Japan plans to invest\n$200 million in a “chip” plant. Last one!"


def test_a_quote_differing_in_whitespace_and_quote_marks_anchors_on_the_archives_own_span() -> None:
    archive = Archive(TEXT)
    selectors = archive.selectors('Japan plans to invest $200 million in a "chip" plant.')
    assert isinstance(selectors, list)
    quote_selector, position = selectors
    assert position["type"] == "TextPositionSelector"
    exact = archive.text[position["start"] : position["end"]]
    assert quote_selector["exact"] == exact and "“chip”" in exact and "\n" in exact
    assert archive.text.endswith(quote_selector["suffix"]) and quote_selector["prefix"].endswith("here.  ")


def test_missing_and_repeated_quotes_are_said() -> None:
    assert Archive("abc").selectors("xyz") == "not found"
    around = "x" * 300
    twice = str(Archive(f"{around} same {around} same {around}").selectors("same"))
    assert twice.startswith("found more than once")
    repeated = "x" * 300 + " a quote " + "y" * 10 + "x" * 300 + " a quote " + "z" * 10
    assert isinstance(Archive(repeated).selectors("a quote"), list)  # wider context tells them apart


def test_context_is_the_sentence_before_and_after() -> None:
    archive = Archive("One. Two starts here and the quote is here, then more. Three. Four.")
    start = archive.text.index("the quote")
    end = start + len("the quote is here")
    assert archive.context(start, end) == {"before": "One. Two starts here and", "after": ", then more. Three."}


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=80), st.data())
def test_any_part_of_an_archive_anchors_where_it_is(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = text[start:end]
    assume(quote.strip())
    span = Archive(text).locate(quote)
    assert span is not None
    assert normalise(text[span[0] : span[1]])[0].strip() == normalise(quote)[0].strip()
