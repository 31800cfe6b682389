"""Lower-casing for matching: compatibility forms, invisible characters, and Vietnamese tone
placement, which writers put on either vowel of an open oa, oe or uy syllable."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vncoop.text.fold import fold, lower


@pytest.mark.parametrize(
    ("one", "other"), [("hoà", "hòa"), ("thuý", "thúy"), ("khoẻ", "khỏe"), ("Thuỷ Sản", "thủy sản")]
)
def test_either_tone_placement_is_the_same_word(one: str, other: str) -> None:
    assert lower(one) == lower(other)
    assert lower(unicodedata.normalize("NFD", one)) == lower(other)  # decomposed as typed on some keyboards


@pytest.mark.parametrize("word", ["hoàn", "quý", "thuyết", "hóa", "poème"])
def test_other_syllables_keep_their_tone_where_it_is(word: str) -> None:
    assert lower(word) == word


def test_a_tone_changes_the_word() -> None:
    assert lower("hòa") != lower("hóa") and fold("hòa") == fold("hóa")


@given(st.text(max_size=40))
def test_lowering_twice_changes_nothing(text: str) -> None:
    """Corpus text and queries meet only if lowering is stable: lower(lower(x)) == lower(x)."""
    assert lower(lower(text)) == lower(text)
